import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `kind: bucket` → `AWS::S3::Bucket`.
///
/// - `BucketName`: the `name` (interpolated), or else the generated name
///   (`BucketNaming`), whether or not an `s3` trigger names the bucket.
/// - `VersioningConfiguration`: `Enabled`, or `Suspended` for
///   `versioning: false` (stated, so that turning versioning off on a
///   deployed bucket really suspends it).
/// - `PublicAccessBlockConfiguration`: all four flags true for `blocked`,
///   all four false for `allowed` (S3 blocks public access on new buckets by
///   default, so `allowed` has to say so).
/// - `BucketEncryption`: SSE-S3 (`AES256`) for `s3`; SSE-KMS with the AWS
///   managed key and an S3 Bucket Key for `kms`.
/// - `LifecycleConfiguration`: one enabled rule per `lifecycle` item.
///
/// Deletion and replacement policies come from `add` (S3 buckets are stateful).
extension Lowering {
    func lowerBucket(_ decl: ResourceDecl, _ bucket: BucketSpec) {
        let origin = decl.range
        var properties: [(String, TemplateValue)] = []
        if let name = nameExpression(for: decl) { properties.append(("BucketName", name)) }

        properties.append(("BucketEncryption", Self.encryption(bucket.encryption)))

        if let lifecycle = bucket.lifecycle, !lifecycle.value.isEmpty {
            let rules = lifecycle.value.map { lifecycleRule($0) }
            properties.append(("LifecycleConfiguration", .object([("Rules", .array(rules, lifecycle.range))], lifecycle.range)))
        }

        let access = bucket.publicAccess
        let block = access.value == .blocked
        properties.append(("PublicAccessBlockConfiguration", .object(
            ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"].map { ($0, .bool(block, access.range)) },
            access.range)))

        let versioning = bucket.versioning
        properties.append(("VersioningConfiguration", .object(
            [("Status", .string(versioning.value ? "Enabled" : "Suspended", versioning.range))], versioning.range)))

        add(Resource(logicalId: decl.name.logicalId, type: "AWS::S3::Bucket", properties: properties, origin: origin), for: decl)
    }

    private static func encryption(_ encryption: Located<BucketEncryption>) -> TemplateValue {
        let range = encryption.range
        let rule: [(String, TemplateValue)] = switch encryption.value {
        case .s3:
            [("ServerSideEncryptionByDefault", .object([("SSEAlgorithm", .string("AES256", range))], range))]
        case .kms:
            // No KMSMasterKeyID: S3 uses the AWS managed key (aws/s3).
            [("BucketKeyEnabled", .bool(true, range)),
             ("ServerSideEncryptionByDefault", .object([("SSEAlgorithm", .string("aws:kms", range))], range))]
        }
        return .object([("ServerSideEncryptionConfiguration", .array([.object(rule, range)], range))], range)
    }

    /// One rule. CloudFormation's `Rule` takes the key prefix as `Prefix`
    /// (it has no `Filter` property) and sends it to S3 as the rule's filter.
    private func lifecycleRule(_ rule: LifecycleRule) -> TemplateValue {
        let origin = rule.range
        var members: [(String, TemplateValue)] = []
        if let id = rule.id { members.append(("Id", .string(id.value, id.range))) }
        members.append(("Status", .string("Enabled", origin)))
        if let prefix = rule.prefix { members.append(("Prefix", emitter.emit(prefix))) }
        func transitions(_ list: [Transition]) -> TemplateValue {
            .array(list.map { transition in
                .object([
                    ("StorageClass", .string(transition.storageClass.value, transition.storageClass.range)),
                    ("TransitionInDays", .int(transition.days.value, transition.days.range)),
                ], transition.range)
            }, origin)
        }
        if !rule.transitions.isEmpty { members.append(("Transitions", transitions(rule.transitions))) }
        if let days = rule.expiration { members.append(("ExpirationInDays", .int(days.value, days.range))) }
        if !rule.noncurrentTransitions.isEmpty {
            members.append(("NoncurrentVersionTransitions", transitions(rule.noncurrentTransitions)))
        }
        if let days = rule.noncurrentExpiration {
            members.append(("NoncurrentVersionExpiration", .object([("NoncurrentDays", .int(days.value, days.range))], days.range)))
        }
        if let days = rule.abortIncompleteUploads {
            members.append(("AbortIncompleteMultipartUpload", .object([("DaysAfterInitiation", .int(days.value, days.range))], days.range)))
        }
        return .object(members, origin)
    }
}
