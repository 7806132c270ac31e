import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// A log group encrypted with a KMS key of the template (`KmsKeyId:
/// Fn::GetAtt [Key, Arn]`, a function's `logs.kmsKey`) needs the key's
/// policy to let CloudWatch Logs use it: a statement allowing the service
/// principal `logs.<region>.amazonaws.com` (`Logs.isServicePrincipal`) to
/// `kms:GenerateDataKey` and `kms:Decrypt` (or a wildcard covering them).
/// Without it CloudFormation fails to create the log group ("The specified
/// KMS key does not exist or is not allowed to be used"), so the
/// stack rolls back. An error at the `KmsKeyId`, with a note at the key's
/// policy; a key from `defaults.function` is reported once.
/// A policy or principal known only at deploy time is not judged.
enum LogGroupKeys: TemplateRule {
    static let summary = "a log group's KMS key lets CloudWatch Logs use it"
    static let codes: [DiagnosticCode] = [.logGroupKeyDeniesLogs]

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        let template = context.template
        for group in template.resources where group.type == "AWS::Logs::LogGroup" {
            guard let keyId = group.properties["KmsKeyId"], let id = keyId.getAttTarget(attribute: "Arn"),
                  let key = template.resource(id), key.type == "AWS::KMS::Key" else { continue }
            let policy = key.properties["KeyPolicy"]
            if let policy {
                // A policy written as an intrinsic function (`Fn::If`) is known only at deploy time.
                guard case .object(let members) = policy.kind, !members.contains(where: { $0.key.hasPrefix("Fn::") }),
                      allowsLogs(policy) == false else { continue }
            }
            // A key from defaults.function is every function's, at one place: reported once.
            let diagnostic = Diagnostic.logGroupKeyDeniesLogs(keyId, group: group, key: key, policy: policy)
            if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
        }
    }

    /// Whether the key policy lets CloudWatch Logs encrypt and decrypt; nil
    /// when a statement's principal or actions are known only at deploy time.
    static func allowsLogs(_ policy: TemplateValue) -> Bool? {
        var unknown = false
        for statement in PolicyDocuments.statements(policy) where PolicyDocuments.allows(statement) {
            guard let principal = statement["Principal"] else { continue }
            guard let services = servicePrincipals(principal) else { unknown = true; continue }
            guard services.contains(where: Logs.isServicePrincipal) || PolicyDocuments.everyone(principal) != nil else { continue }
            let actions = PolicyDocuments.strings(statement["Action"])
            if ["kms:GenerateDataKey", "kms:Decrypt"].allSatisfy({ needed in actions.contains { IAM.action($0, covers: needed) } }) {
                return true
            }
        }
        return unknown ? nil : false
    }

    /// The `Service` principals a statement names, `Fn::Sub` text as
    /// written (`logs.${AWS::Region}.amazonaws.com`); nil when one is
    /// another intrinsic function.
    static func servicePrincipals(_ principal: TemplateValue) -> [String]? {
        guard let service = principal["Service"] else { return [] }
        let items: [TemplateValue] = if case .array(let list) = service.kind { list } else { [service] }
        var names: [String] = []
        for item in items {
            switch item.kind {
            case .string(let text): names.append(text)
            case .object(let members) where members.count == 1 && members[0].key == "Fn::Sub":
                guard case .string(let text) = members[0].value.kind else { return nil }
                names.append(text)
            default: return nil
            }
        }
        return names
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let logGroupKeyDeniesLogs = DiagnosticCode(
        "FW4342", .templateChecks, "a log group's KMS key does not let CloudWatch Logs use it",
        reference: DocumentationPage(
            "Amazon CloudWatch Logs User Guide, \"Encrypt log data in CloudWatch Logs using AWS Key Management Service\"",
            "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"))
}

extension Diagnostic {
    static func logGroupKeyDeniesLogs(_ keyId: TemplateValue, group: Resource, key: Resource, policy: TemplateValue?) -> Diagnostic {
        let name = key.owner ?? key.logicalId
        let origin = keyId.origin ?? group.origin
        let note = policy.map { Note("the KeyPolicy of '\(name)' is here", at: $0.origin ?? key.origin) }
            ?? Note("'\(name)' is declared here, without KeyPolicy", at: key.origin)
        return .error(.logGroupKeyDeniesLogs,
                      "CloudWatch Logs cannot encrypt with key '\(name)': its policy does not allow logs.<region>.amazonaws.com, so creating the log group fails",
                      at: origin, notes: [note],
                      help: ["add to the key's policy a statement allowing the service principal logs.<region>.amazonaws.com the actions kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey* and kms:Describe* on '*', with an ArnLike condition on kms:EncryptionContext:aws:logs:arn (specs/encrypted-function.yaml shows one)"])
    }
}
