import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `kind: bucket` → `AWS::S3::Bucket`.
///
/// - `BucketName`: the `name` (interpolated), or the generated name of a
///   bucket an `s3` trigger names (`BucketNaming`); otherwise none, and
///   CloudFormation makes one up.
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
        if let name = bucket.name { diagnostics += BucketNameRules.check(name) }
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

/// An explicit bucket `name` checked against S3's "General purpose bucket
/// naming rules", as far as its literal text shows: all of them for a
/// literal name; for an interpolated one, the characters of its literal
/// parts, its start and end where they are literal, and its literal length.
enum BucketNameRules {
    static func check(_ name: StringValue) -> [Diagnostic] {
        var literals: [String] = []
        for segment in name.interpolated.segments {
            switch segment {
            case .literal(let text): literals.append(text)
            case .expression(.stringLiteral(let text, _)), .expression(.numberLiteral(let text, _)): literals.append(text)
            case .expression: literals.append("")  // unknown until deploy time
            }
        }
        let isLiteral = !name.interpolated.hasExpressions
        let text = literals.joined()
        let startsLiteral = isLiteral || literals.first.map { !$0.isEmpty } == true
        let endsLiteral = isLiteral || literals.last.map { !$0.isEmpty } == true
        let shown = name.text
        var diagnostics: [Diagnostic] = []

        let length = text.unicodeScalars.count
        let lengths = S3.bucketNameLengthRange
        if isLiteral ? !lengths.contains(length) : length > lengths.upperBound {
            diagnostics.append(.bucketNameLength(shown, length: length, literal: isLiteral, at: name.range))
        }
        var bad: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars where !S3.isBucketNameCharacter(scalar) && !bad.contains(scalar) { bad.append(scalar) }
        if !bad.isEmpty {
            diagnostics.append(.bucketNameCharacters(shown, bad: bad, fix: isLiteral ? repaired(text) : nil, at: name.range))
        }
        // A character S3 allows nowhere was reported above; a hyphen or period is wrong only at the ends.
        var startReported = false
        if startsLiteral, let first = text.unicodeScalars.first, S3.isBucketNameCharacter(first), !S3.isBucketNameEdgeCharacter(first) {
            diagnostics.append(.bucketNameEnds(shown, "start", first, at: name.range))
            startReported = true
        }
        // A one-character name ("-") is reported once.
        if endsLiteral, !(startReported && isLiteral && length == 1),
           let last = text.unicodeScalars.last, S3.isBucketNameCharacter(last), !S3.isBucketNameEdgeCharacter(last) {
            diagnostics.append(.bucketNameEnds(shown, "end", last, at: name.range))
        }
        if literals.contains(where: { $0.contains("..") }) {
            diagnostics.append(.bucketNameAdjacentPeriods(shown, at: name.range))
        }
        if isLiteral, isIPAddress(text) {
            diagnostics.append(.bucketNameReserved(shown, "is formatted as an IP address", at: name.range))
        }
        if startsLiteral, let prefix = S3.reservedBucketNamePrefixes.first(where: { (literals.first ?? "").hasPrefix($0) }) {
            diagnostics.append(.bucketNameReserved(shown, "starts with '\(prefix)', which S3 reserves", at: name.range))
        }
        if endsLiteral, let suffix = S3.reservedBucketNameSuffixes.first(where: { (literals.last ?? "").hasSuffix($0) }) {
            diagnostics.append(.bucketNameReserved(shown, "ends with '\(suffix)', which S3 reserves", at: name.range))
        }
        return diagnostics
    }

    /// Four dot-separated groups of 1–3 digits.
    static func isIPAddress(_ text: String) -> Bool {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        return groups.count == 4 && groups.allSatisfy { group in
            (1...3).contains(group.count) && group.unicodeScalars.allSatisfy { $0.isASCIIDigit }
        }
    }

    /// The name lower-cased with other characters as hyphens, when that is a valid name.
    private static func repaired(_ text: String) -> String? {
        var out = ""
        for scalar in text.lowercased().unicodeScalars { out.unicodeScalars.append(S3.isBucketNameCharacter(scalar) ? scalar : "-") }
        guard let first = out.unicodeScalars.first, let last = out.unicodeScalars.last,
              S3.isBucketNameEdgeCharacter(first), S3.isBucketNameEdgeCharacter(last), !out.contains("..") else { return nil }
        return out
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let bucketNameLength = DiagnosticCode(
        "FW5100", .specChecks, "a bucket name is shorter than 3 or longer than 63 characters",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"General purpose bucket naming rules\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"))
    package static let bucketNameCharacters = DiagnosticCode(
        "FW5101", .specChecks, "a bucket name has characters or a form S3 does not allow",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"General purpose bucket naming rules\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"))
    package static let bucketNameReserved = DiagnosticCode(
        "FW5102", .specChecks, "a bucket name is an IP address or uses a prefix or suffix S3 reserves",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"General purpose bucket naming rules\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"))

    package static let allBucketCodes: [DiagnosticCode] = [.bucketNameLength, .bucketNameCharacters, .bucketNameReserved]
}

extension Diagnostic {
    static func bucketNameLength(_ name: String, length: Int, literal: Bool, at range: SourceRange) -> Diagnostic {
        let what = literal ? "is \(length) characters" : "has \(length) characters before its ${...} values are added"
        let lengths = S3.bucketNameLengthRange
        return .error(.bucketNameLength, "bucket name '\(name)' \(what); S3 allows \(lengths.lowerBound) to \(lengths.upperBound)", at: range,
                      help: ["use a name of \(lengths.lowerBound) to \(lengths.upperBound) characters"])
    }

    static func bucketNameCharacters(_ name: String, bad: [Unicode.Scalar], fix: String?, at range: SourceRange) -> Diagnostic {
        let list = bad.map { "'\($0)'" }.joined(separator: ", ")
        let message = "bucket name '\(name)' has \(list); S3 allows lowercase letters, digits, hyphens and periods"
        guard let fix else {
            return .error(.bucketNameCharacters, message, at: range, help: ["use only lowercase letters, digits, hyphens and periods"])
        }
        return .error(.bucketNameCharacters, message, at: range, fixIts: [FixIt("write '\(fix)'", replacing: range, with: fix)])
    }

    static func bucketNameEnds(_ name: String, _ end: String, _ c: Unicode.Scalar, at range: SourceRange) -> Diagnostic {
        .error(.bucketNameCharacters, "bucket name '\(name)' must \(end) with a letter or digit, not '\(c)'", at: range,
               help: ["remove the '\(c)' at its \(end)"])
    }

    static func bucketNameAdjacentPeriods(_ name: String, at range: SourceRange) -> Diagnostic {
        .error(.bucketNameCharacters, "bucket name '\(name)' has two periods in a row", at: range,
               help: ["write one period, or a hyphen, between its parts"])
    }

    static func bucketNameReserved(_ name: String, _ problem: String, at range: SourceRange) -> Diagnostic {
        .error(.bucketNameReserved, "bucket name '\(name)' \(problem)", at: range,
               help: ["choose another name"])
    }
}
