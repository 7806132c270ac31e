import FormworkDiagnostics
import FormworkSpec

/// A function's `environmentKey` and `logs.kmsKey`, when a name (not an
/// ARN), is a raw `AWS::KMS::Key` of the spec: Lambda (`KmsKeyArn`) and
/// CloudWatch Logs (`KmsKeyId`) take a key's ARN, which only a key
/// returns (an alias's ARN is refused). Anything else is an error at the
/// name, with a note where it is declared; a key from `defaults.function`
/// is reported once. A name that is no resource of the spec is
/// UnknownNames' to report.
enum EncryptionKeys: SpecRule {
    static let summary = "a function's environmentKey and logs.kmsKey name KMS keys"
    static let codes: [DiagnosticCode] = [.notAKMSKey]

    static let keyType = "AWS::KMS::Key"

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for decl in context.spec.resources {
            guard case .function(let function) = decl.body else { continue }
            for (what, key) in [("environmentKey", function.environmentKey), ("logs.kmsKey", function.logs.kmsKey)] {
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
        "FW4341", .specChecks, "a function's environmentKey or logs.kmsKey names a resource that is no KMS key",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, AWS::Lambda::Function (KmsKeyArn)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html"))
}

extension Diagnostic {
    static func notAKMSKey(_ name: Name, what: String, found target: ResourceDecl) -> Diagnostic {
        .error(.notAKMSKey, "\(what) must be a raw \(EncryptionKeys.keyType), but '\(name.text)' is \(target.described)",
               at: name.range, notes: [Note("'\(name.text)' is declared here", at: target.name.range)],
               help: ["name a resource of type \(EncryptionKeys.keyType), or give the key's ARN"])
    }
}
