import FormworkCFN
import FormworkDiagnostics

/// A function's environment variable whose name says it holds a secret
/// (`DB_PASSWORD`, `API_KEY`, `authToken`, `CLIENT_SECRET`, …) may not be
/// written as literal text: the value would stand in the spec, in the
/// template and in every review of them, in plain text. A name is read as
/// words (split at `_`, `-` and lower-to-upper case changes); it names a
/// secret when it has the word `PASSWORD`, `PASSWD`, `SECRET`, `TOKEN`,
/// `APIKEY`, `CREDENTIAL(S)`, or `KEY` after `API`, `PRIVATE`, `ACCESS` or
/// `SIGNING`, unless its last word says the value is about the secret
/// rather than the secret itself (`SECRET_ARN`, `TOKEN_URL`,
/// `PASSWORD_PARAMETER`, `TOKEN_TTL`, …). A value is literal when no part of
/// it is known only at deploy time: a string, a number, an `Fn::Sub`
/// without `${…}`, or an `Fn::If` with a literal branch (that branch is
/// reported). A dynamic reference (`{{resolve:secretsmanager:…}}`,
/// `{{resolve:ssm:…}}`) and an empty value are not secrets. This reads the
/// template, so a raw `AWS::Lambda::Function` is judged as a component is.
enum EnvironmentSecrets: TemplateRule {
    static let summary = "a function's environment gives no secret as literal text"
    static let codes: [DiagnosticCode] = [.literalSecret]

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        for function in context.template.resources where function.type == "AWS::Lambda::Function" {
            guard case .object(let variables)? = function.properties["Environment"]?["Variables"]?.kind else { continue }
            for variable in variables where namesSecret(variable.key) {
                for literal in literals(variable.value) {
                    guard let origin = literal.origin else { continue }
                    let diagnostic = Diagnostic.literalSecret(variable.key, at: origin)
                    // One environment aliased into several functions is reported once.
                    if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
                }
            }
        }
    }

    static let secretWords: Set<String> = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIAL", "CREDENTIALS"]
    /// Words after which `KEY` is a secret key.
    static let keyQualifiers: Set<String> = ["API", "PRIVATE", "ACCESS", "SIGNING"]
    /// Last words that say the value names, locates or describes the secret.
    static let aboutWords: Set<String> = [
        "ARN", "NAME", "ID", "URL", "URI", "PATH", "PARAM", "PARAMETER", "HEADER", "TTL", "TIMEOUT", "EXPIRY",
        "LENGTH", "ENABLED", "TYPE", "FILE", "ENDPOINT", "REGION",
    ]

    /// Whether an environment variable's name says its value is a secret.
    static func namesSecret(_ name: String) -> Bool {
        let words = self.words(name)
        guard let last = words.last, !aboutWords.contains(last) else { return false }
        for (index, word) in words.enumerated() {
            if secretWords.contains(word) { return true }
            if word == "KEY", index > 0, keyQualifiers.contains(words[index - 1]) { return true }
        }
        return false
    }

    /// `DB_PASSWORD` → DB, PASSWORD; `apiKey` → API, KEY; `client-secret` → CLIENT, SECRET.
    static func words(_ name: String) -> [String] {
        var words: [String] = [], current = ""
        var previousLower = false
        for character in name {
            if character == "_" || character == "-" || character == "." {
                if !current.isEmpty { words.append(current.uppercased()) }
                current = ""
                previousLower = false
                continue
            }
            if character.isUppercase, previousLower, !current.isEmpty {
                words.append(current.uppercased())
                current = ""
            }
            current.append(character)
            previousLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current.uppercased()) }
        return words
    }

    /// The parts of a value written as literal text, each with its origin.
    static func literals(_ value: TemplateValue) -> [TemplateValue] {
        switch value.kind {
        case .string(let text):
            return isSecretText(text) ? [value] : []
        case .number:
            return [value]
        case .object(let members) where members.count == 1:
            switch (members[0].key, members[0].value.kind) {
            case ("Fn::Sub", .string(let format)) where !format.replacing("${!", with: "").contains("${"):
                return isSecretText(format) ? [value] : []
            case ("Fn::If", .array(let parts)) where parts.count == 3:
                return literals(parts[1]) + literals(parts[2])
            default:
                return []
            }
        default:
            return []
        }
    }

    static func isSecretText(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix("{{resolve:")
    }
}

extension DiagnosticCode {
    package static let literalSecret = DiagnosticCode(
        "FW4320", .templateChecks, "a secret written as literal text into a function's environment",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Securing environment variables\" and \"Use Secrets Manager secrets in Lambda functions\"",
            "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html"))
}

extension Diagnostic {
    static func literalSecret(_ name: String, at range: SourceRange) -> Diagnostic {
        let reference = "'{{resolve:secretsmanager:\(EnvironmentSecrets.words(name).joined(separator: "-").lowercased())}}'"
        return .error(
            .literalSecret, "'\(name)' is a secret in plain text: whoever reads the spec or its template reads it", at: range,
            fixIts: [FixIt("resolve it from Secrets Manager at deploy time: \(reference)", replacing: range, with: reference)],
            help: ["better: pass a secret's ARN (a raw AWS::SecretsManager::Secret with '- read: <secret>') and read it at run time"])
    }
}
