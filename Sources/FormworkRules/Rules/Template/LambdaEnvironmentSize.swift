import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// A function's environment variables (`AWS::Lambda::Function`
/// `Environment.Variables`) take at most 4 KB in all, names and values
/// together: Lambda refuses a function over it. What a `Ref`, an
/// `Fn::GetAtt` or a `${...}` of an `Fn::Sub` adds is known only at deploy
/// time, so the literal text is counted, a lower bound (of an `Fn::If`, the
/// larger branch). Reported at the variable that takes the total past the
/// limit, at its name where the template knows where the name came from.
enum LambdaEnvironmentSize: TemplateRule {
    static let summary = "a function's environment variables fit Lambda's 4 KB"
    static let codes: [DiagnosticCode] = [.environmentTooLarge]

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        for function in context.template.resources where function.type == "AWS::Lambda::Function" {
            guard case .object(let variables)? = function.properties["Environment"]?["Variables"]?.kind else { continue }
            var bytes = 0
            for variable in variables {
                bytes += variable.key.utf8.count + literalBytes(variable.value)
                guard bytes > Lambda.maxEnvironmentBytes else { continue }
                let origin = variable.keyOrigin ?? variable.value.origin ?? function.origin
                let diagnostic = Diagnostic.environmentTooLarge(variable.key, bytes: bytes, at: origin)
                // One environment aliased into several functions is reported once.
                if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
                break
            }
        }
    }

    /// The bytes of a value's text that are known before deploy time.
    static func literalBytes(_ value: TemplateValue) -> Int {
        switch value.kind {
        case .string(let text), .number(let text): return text.utf8.count
        case .bool(let flag): return flag ? 4 : 5
        case .null, .array: return 0
        case .object(let members):
            guard members.count == 1 else { return 0 }
            switch (members[0].key, members[0].value.kind) {
            case ("Fn::Sub", .string(let format)):
                return subLiteralBytes(format)
            case ("Fn::Sub", .array(let parts)):
                guard case .string(let format)? = parts.first?.kind else { return 0 }
                return subLiteralBytes(format)
            case ("Fn::If", .array(let parts)) where parts.count == 3:
                return max(literalBytes(parts[1]), literalBytes(parts[2]))
            case ("Fn::Join", .array(let parts)) where parts.count == 2:
                guard case .string(let separator) = parts[0].kind, case .array(let items) = parts[1].kind else { return 0 }
                return items.map(literalBytes).reduce(0, +) + separator.utf8.count * max(items.count - 1, 0)
            default:
                return 0
            }
        }
    }

    /// The bytes of an `Fn::Sub` format outside its `${...}`, a `${!` counted as the `${` it stands for.
    static func subLiteralBytes(_ format: String) -> Int {
        var bytes = 0
        var rest = Substring(format)
        while let open = rest.firstRange(of: "${") {
            bytes += rest[..<open.lowerBound].utf8.count
            rest = rest[open.upperBound...]
            if rest.hasPrefix("!") {
                bytes += 2
                rest = rest.dropFirst()
            } else if let close = rest.firstIndex(of: "}") {
                rest = rest[rest.index(after: close)...]
            } else {
                return bytes + 2 + rest.utf8.count
            }
        }
        return bytes + rest.utf8.count
    }
}

extension DiagnosticCode {
    package static let environmentTooLarge = DiagnosticCode(
        "FW5311", .templateChecks, "a function's environment variables pass Lambda's 4 KB",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Lambda quotas\" (function environment variables: 4 KB in aggregate)",
            "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"))
}

extension Diagnostic {
    static func environmentTooLarge(_ name: String, bytes: Int, at range: SourceRange) -> Diagnostic {
        .error(.environmentTooLarge,
               "the environment variables up to '\(name)' already take \(bytes) bytes; Lambda takes at most \(Lambda.maxEnvironmentBytes / 1024) KB in all",
               at: range, help: ["move large values to a file in the code, or to SSM Parameter Store"])
    }
}
