import FormworkDiagnostics
import FormworkSpec

/// A function's `environmentKey` and `logs.kmsKey`, and a queue's
/// `kmsKey`, when a name (not an ARN), is a raw `AWS::KMS::Key` of the
/// spec: Lambda (`KmsKeyArn`), CloudWatch Logs (`KmsKeyId`) and SQS
/// (`KmsMasterKeyId`) are given the key's ARN, which only a key returns.
/// Anything else is an error at the name, with a note where it is
/// declared; a key from `defaults` is reported once. A name that is no
/// resource of the spec is UnknownNames' to report.
///
/// A queue's `kmsKey` with `encryption: sqs` (either written or from
/// `defaults.queue`) asks for two encryptions at once: an error at the
/// key, with a note at the encryption.
enum EncryptionKeys: SpecRule {
    static let summary = "a function's environmentKey and logs.kmsKey, and a queue's kmsKey, name KMS keys"
    static let codes: [DiagnosticCode] = [.notAKMSKey, .queueKeyWithSQSEncryption]

    static let keyType = "AWS::KMS::Key"

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for decl in context.spec.resources {
            var keys: [(String, NameOrARN?)] = []
            switch decl.body {
            case .function(let function): keys = [("environmentKey", function.environmentKey), ("logs.kmsKey", function.logs.kmsKey)]
            case .queue(let queue):
                keys = [("kmsKey", queue.kmsKey)]
                // Of a conditional encryption, any branch.
                if let key = queue.kmsKey, let encryption = queue.encryptions.first(where: { $0.value == .sqs }) {
                    let diagnostic = Diagnostic.queueKeyWithSQSEncryption(key.range, encryption: encryption.range, queue: decl.name.text)
                    if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
                }
            default: continue
            }
            for (what, key) in keys {
                guard case .name(let name)? = key,
                      let target = context.symbols.resources[name.text], target.body.kind != nil else { continue }
                if case .raw(let raw) = target.body, raw.type.value == keyType { continue }
                let diagnostic = Diagnostic.notAKMSKey(name, what: what, found: target)
                if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
            }
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let notAKMSKey = DiagnosticCode(
        "FW4341", .specChecks, "an environmentKey, logs.kmsKey or queue kmsKey names a resource that is no KMS key",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, AWS::Lambda::Function (KmsKeyArn)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html"))
    package static let queueKeyWithSQSEncryption = DiagnosticCode(
        "FW4343", .specChecks, "a queue has a kmsKey and encryption: sqs",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, AWS::SQS::Queue (KmsMasterKeyId, SqsManagedSseEnabled)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html"))
}

extension Diagnostic {
    static func notAKMSKey(_ name: Name, what: String, found target: ResourceDecl) -> Diagnostic {
        .error(.notAKMSKey, "\(what) must be a raw \(EncryptionKeys.keyType), but '\(name.text)' is \(target.described)",
               at: name.range, notes: [Note("'\(name.text)' is declared here", at: target.name.range)],
               help: ["name a resource of type \(EncryptionKeys.keyType), or give the key's ARN"])
    }

    static func queueKeyWithSQSEncryption(_ key: SourceRange, encryption: SourceRange, queue: String) -> Diagnostic {
        .error(.queueKeyWithSQSEncryption,
               "queue '\(queue)' has a kmsKey and 'encryption: sqs': SQS encrypts a queue with a KMS key or with its own keys, not both",
               at: key, notes: [Note("'encryption: sqs' is here", at: encryption)],
               help: ["remove kmsKey for SQS-managed encryption, or 'encryption: sqs' for the key"])
    }
}
