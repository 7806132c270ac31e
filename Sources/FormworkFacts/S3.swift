/// Amazon S3 facts: bucket names, lifecycle configurations and event notifications.
package enum S3 {
    // MARK: bucket names

    /// Source for the bucket-name facts: Amazon S3 User Guide, "General purpose
    /// bucket naming rules" (3–63 characters; lowercase letters, numbers,
    /// periods and hyphens; beginning and ending with a letter or number; the
    /// reserved prefixes and suffixes), and "Amazon S3 table bucket, table, and
    /// namespace naming rules" (`--table-s3`). The `AWS::S3::Bucket` schema
    /// bundled with cfn-lint 1.51.0 agrees (`BucketName` at most 63, pattern
    /// `^([a-z0-9][a-z0-9.-]*[a-z0-9])?$`).
    package static let bucketNameLengthRange = 3...63
    package static let reservedBucketNamePrefixes = ["xn--", "sthree-", "amzn-s3-demo-"]
    package static let reservedBucketNameSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]

    /// A character a bucket name may begin and end with: a lowercase letter or a digit.
    package static func isBucketNameEdgeCharacter(_ c: Unicode.Scalar) -> Bool { c.isASCIILowercase || c.isASCIIDigit }
    /// A character a bucket name may hold: a lowercase letter, a digit, a hyphen or a period.
    package static func isBucketNameCharacter(_ c: Unicode.Scalar) -> Bool { isBucketNameEdgeCharacter(c) || c == "-" || c == "." }

    // MARK: lifecycle configurations

    /// Rules in one bucket's lifecycle configuration.
    /// Source: Amazon S3 API Reference, "PutBucketLifecycleConfiguration"
    /// ("up to 1,000 rules. This limit is not adjustable"); Amazon S3 User
    /// Guide, "Lifecycle configuration elements".
    package static let maxLifecycleRules = 1_000

    /// A lifecycle rule's `ID`.
    /// Source: Amazon S3 API Reference, "LifecycleRule" (ID: up to 255 characters);
    /// Amazon S3 User Guide, "Lifecycle configuration elements".
    package static let maxLifecycleRuleIdLength = 255

    /// Day counts in a lifecycle rule are 32-bit integers.
    /// Source: Amazon S3 API Reference, "Transition" and "LifecycleExpiration" (Days: Integer).
    package static let maxLifecycleDays = 2_147_483_647

    /// The storage classes a lifecycle rule can transition objects to, in the
    /// order of S3's waterfall: an object moves only to a class later in this
    /// list, and never from `ONEZONE_IA` to `GLACIER_IR`.
    /// Source: Amazon S3 User Guide, "Transitioning objects using Amazon S3
    /// Lifecycle" (supported and unsupported lifecycle transitions,
    /// constraints); Amazon S3 API Reference, "Transition" (the StorageClass values).
    package enum StorageClass: String, CaseIterable, Sendable {
        case standardIA = "STANDARD_IA"
        case intelligentTiering = "INTELLIGENT_TIERING"
        case oneZoneIA = "ONEZONE_IA"
        case glacierIR = "GLACIER_IR"
        case glacier = "GLACIER"
        case deepArchive = "DEEP_ARCHIVE"

        /// Classes that exist but that no lifecycle transition may target.
        package static let notTargets: Set<String> = ["STANDARD", "REDUCED_REDUNDANCY"]

        /// The place in the waterfall.
        package var rank: Int { Self.allCases.firstIndex(of: self)! }

        /// Objects (or noncurrent versions) must be this many days old before
        /// moving here (the Transition API's `Days`, and the user guide's
        /// "Minimum days for transition ... to S3 Standard-IA or S3 One Zone-IA").
        package var minimumDays: Int {
            switch self {
            case .standardIA, .oneZoneIA: 30
            default: 0
            }
        }

        /// Days an object must stay in `from` before one rule moves it on to
        /// `to` (the 30-day minimum storage charge of the infrequent-access classes,
        /// as the user guide's constraints state it); 0 when only order matters.
        package static func minimumStay(from: StorageClass, to: StorageClass) -> Int {
            switch (from, to) {
            case (.standardIA, .glacier), (.standardIA, .deepArchive), (.oneZoneIA, .glacier), (.oneZoneIA, .deepArchive),
                 (.standardIA, .oneZoneIA):
                30
            default:
                0
            }
        }
    }

    // MARK: event notifications

    /// The event types a bucket notification may name.
    /// Source: Amazon S3 User Guide, "Event notification types and destinations"
    /// (supported event types); `s3:TestEvent` is sent by S3 and cannot be configured.
    package static let eventTypes: [String] = [
        "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
        "s3:ObjectCreated:CompleteMultipartUpload",
        "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
        "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
        "s3:ReducedRedundancyLostObject",
        "s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationMissedThreshold",
        "s3:Replication:OperationReplicatedAfterThreshold", "s3:Replication:OperationNotTracked",
        "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
        "s3:LifecycleTransition", "s3:IntelligentTiering",
        "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
        "s3:ObjectAcl:Put",
    ]

    /// Whether a client allowed only `s3:PutObject` can cause the event:
    /// every `s3:ObjectCreated:*` type (a PUT, a POST, a copy into the
    /// bucket, a completed multipart upload all need `s3:PutObject`); removal,
    /// tagging, ACL, restore, replication and lifecycle events need other actions or none.
    /// Source: Amazon S3 User Guide, "Event notification types and
    /// destinations"; Service Authorization Reference, Amazon S3 actions
    /// (CopyObject, CompleteMultipartUpload and PostObject authorize as `s3:PutObject`).
    package static func isCausedByPutObject(_ eventType: String) -> Bool {
        eventType.hasPrefix("s3:ObjectCreated:")
    }

    /// Whether two event types can name the same event (`s3:ObjectCreated:*` and `s3:ObjectCreated:Put`).
    /// Source: Amazon S3 User Guide, "Event notification types and destinations"
    /// (a wildcard names every event type of its family).
    package static func eventTypesOverlap(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        func family(_ s: String) -> String { s.split(separator: ":").prefix(2).joined(separator: ":") }
        return family(a) == family(b) && (a.hasSuffix(":*") || b.hasSuffix(":*"))
    }
}
