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
/// - `PublicAccessBlockConfiguration`: all four flags true for `blocked`;
///   for `allowed`, the two policy flags false and the two ACL flags still
///   true (S3 blocks public access on new buckets by default, so `allowed`
///   has to say so; and a new bucket's ACLs are disabled, ObjectOwnership
///   `BucketOwnerEnforced`, so a bucket policy is the only way to make it
///   public, and blocking public ACLs takes nothing away).
/// - `BucketEncryption`: SSE-S3 (`AES256`) for `s3`; SSE-KMS with the AWS
///   managed key and an S3 Bucket Key for `kms`.
/// - `LifecycleConfiguration`: one enabled rule per `lifecycle` item.
/// - `LoggingConfiguration` for `accessLogs: <bucket>`: server access logs
///   into that bucket of the spec under the prefix `<name>/`.
///
/// And always an `AWS::S3::BucketPolicy` `<Id>Policy` (role `policy`): a
/// statement denying every request not sent over TLS (`aws:SecureTransport`
/// false: AWS Security Hub control S3.5, "S3 general purpose buckets
/// should require requests to use SSL"; no checkov CloudFormation check
/// reads it), and, on a bucket other buckets
/// log into, one statement per such bucket letting `logging.s3.amazonaws.com`
/// put objects under its prefix, only for that bucket of this account. A
/// logging bucket waits for its policy, so S3 can deliver from the start.
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
        let blockPolicies = access.value == .blocked
        properties.append(("PublicAccessBlockConfiguration", .object([
            ("BlockPublicAcls", .bool(true, access.range)),
            ("BlockPublicPolicy", .bool(blockPolicies, access.range)),
            ("IgnorePublicAcls", .bool(true, access.range)),
            ("RestrictPublicBuckets", .bool(blockPolicies, access.range)),
        ], access.range)))

        let versioning = bucket.versioning
        let status = flag(versioning, bucket.conditionalVersioning) { .string($0 ? "Enabled" : "Suspended", $1) }
        properties.append(("VersioningConfiguration", .object([("Status", status)], versioning.range)))

        var dependsOn: [String] = []
        if let target = bucket.accessLogs, let targetDecl = symbols.resources[target.text] {
            properties.append(("LoggingConfiguration", .object([
                ("DestinationBucketName", .ref(target.logicalId, target.range)),
                ("LogFilePrefix", .string(Self.accessLogPrefix(decl), target.range)),
            ], target.range)))
            // Waiting for the target's policy is a cycle when that policy
            // names this bucket's ARN through the bucket itself.
            if case .sub(let arn) = attributes.value(of: decl, "arn"), !arn.contains("${\(decl.name.logicalId)}"),
               targetDecl.name.text != decl.name.text {
                dependsOn.append(Self.policyId(targetDecl))
            }
        }

        var resource = Resource(logicalId: decl.name.logicalId, type: "AWS::S3::Bucket", properties: properties, origin: origin)
        resource.dependsOn = dependsOn
        add(resource, for: decl)
        add(policy(decl), for: decl)
    }

    static func policyId(_ decl: ResourceDecl) -> String { decl.name.logicalId + "Policy" }
    static func accessLogPrefix(_ decl: ResourceDecl) -> String { decl.name.text + "/" }

    /// The bucket's policy: TLS only, and log delivery from the buckets that log here.
    private func policy(_ decl: ResourceDecl) -> Resource {
        let id = decl.name.logicalId
        let range = decl.name.range
        var statements: [TemplateValue] = [.object([
            ("Sid", .string("DenyInsecureTransport", range)),
            ("Effect", .string("Deny", range)),
            ("Principal", .object([("AWS", .string("*", range))], range)),
            ("Action", .string("s3:*", range)),
            ("Resource", .array([.getAtt(id, "Arn", range), .sub("${\(id).Arn}/*", range)], range)),
            ("Condition", .object([("Bool", .object([("aws:SecureTransport", .string("false", range))], range))], range)),
        ], range)]
        let sources = spec.resources.filter { source in
            guard case .bucket(let bucket) = source.body, let target = bucket.accessLogs else { return false }
            return target.text == decl.name.text
        }
        for source in sources {
            guard case .bucket(let bucket) = source.body, let target = bucket.accessLogs else { continue }
            let sourceArn: TemplateValue = switch attributes.value(of: source, "arn") {
            case .sub(let format): .sub(format, target.range)
            case .ref(let ref): .ref(ref, target.range)
            case .getAtt(let ref, let attribute): .getAtt(ref, attribute, target.range)
            }
            statements.append(.object([
                ("Sid", .string("AccessLogsFrom\(source.name.logicalId)", target.range)),
                ("Effect", .string("Allow", target.range)),
                ("Principal", .object([("Service", .string(IAM.ServicePrincipal.s3Logging, target.range))], target.range)),
                ("Action", .string("s3:PutObject", target.range)),
                ("Resource", .sub("${\(id).Arn}/\(Self.accessLogPrefix(source))*", target.range)),
                ("Condition", .object([
                    ("ArnLike", .object([("aws:SourceArn", sourceArn)], target.range)),
                    ("StringEquals", .object([("aws:SourceAccount", .ref("AWS::AccountId", target.range))], target.range)),
                ], target.range)),
            ], target.range))
        }
        return Resource(logicalId: Self.policyId(decl), type: "AWS::S3::BucketPolicy", properties: [
            ("Bucket", .ref(id, range)),
            ("PolicyDocument", .object([
                ("Version", .string("2012-10-17", range)),
                ("Statement", .array(statements, range)),
            ], range)),
        ], origin: range)
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
