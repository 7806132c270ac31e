import FormworkDiagnostics
import FormworkSpec

/// A function needs a `handler` and a `runtime`, from itself or from
/// `defaults.function`; neither has a built-in default. One written with a
/// typo (`handlr:`) or a value that did not decode is the decoder's error,
/// not reported again here.
enum RequiredSettings: SpecRule {
    static let summary = "a function names its handler and runtime"
    static let codes: [DiagnosticCode] = [.missingRequiredSetting]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .function(let function) = resource.body else { continue }
            if function.handler == nil, !function.unreadKeys.contains("handler") {
                diagnostics.append(.missingFunctionField("handler", resource.name, example: "index.handler"))
            }
            if function.runtime == nil, !function.unreadKeys.contains("runtime") {
                diagnostics.append(.missingFunctionField("runtime", resource.name, example: "nodejs22.x"))
            }
        }
    }
}

extension DiagnosticCode {
    package static let missingRequiredSetting = DiagnosticCode("FW4001", .specChecks, "a required setting has no value, even from defaults")
}

extension Diagnostic {
    static func missingFunctionField(_ field: String, _ name: Name, example: String) -> Diagnostic {
        .error(.missingRequiredSetting, "function '\(name.text)' needs '\(field)'", at: name.range,
               help: ["add '\(field): \(example)' to it, or to defaults.function"])
    }
}
