import FormworkDiagnostics
import FormworkSpec

/// A list parameter is used as a whole value (`${zones}`), never inside a
/// longer string: a string is emitted as `Fn::Sub`, which takes strings only.
enum ListInString: SpecRule {
    static let summary = "a list parameter is used as a whole value, not inside a string"
    static let codes: [DiagnosticCode] = [.listInString]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for site in context.walk.strings where !site.string.interpolated.isSingleExpression {
            for reference in site.string.interpolated.references {
                if case .success(.parameter(let parameter)) = context.symbols.resolve(reference), parameter.type.value == .list {
                    diagnostics.append(.listInString(reference, parameter))
                }
            }
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let listInString = DiagnosticCode("FW3056", .specChecks, "a list parameter is interpolated into a string")
}

extension Diagnostic {
    static func listInString(_ reference: Reference, _ parameter: Parameter) -> Diagnostic {
        .error(.listInString,
               "list parameter '\(parameter.name.text)' cannot be part of a string; a list is used as a whole value",
               at: reference.range,
               help: ["write the value as exactly '${\(parameter.name.text)}', or make the parameter a string"])
    }
}
