import FormworkDiagnostics
import FormworkSpec

/// `$(env)` and `{{env}}` in a string are literal text, but when `env` is a
/// name the spec declares they are most likely a mistyped `${env}` (shell
/// and template-engine habits): a warning, with the fix-it to `${env}`.
/// Text naming nothing declared (`$(date)` in a script) is left alone.
enum MistypedInterpolations: SpecRule {
    static let summary = "$(name) and {{name}} naming a declared name are a mistyped ${name}"
    static let codes: [DiagnosticCode] = [.mistypedInterpolation]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        let symbols = context.symbols
        for site in context.walk.strings {
            for lookalike in site.string.interpolated.lookalikes {
                let root = String(lookalike.name.prefix { $0 != "." })
                guard symbols.parameters[root] != nil || symbols.resources[root] != nil || root == "aws" else { continue }
                diagnostics.append(.mistypedInterpolation(lookalike))
            }
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let mistypedInterpolation = DiagnosticCode(
        "FW3070", .specChecks, "$(name) or {{name}} in a string, where name is declared")
}

extension Diagnostic {
    static func mistypedInterpolation(_ lookalike: InterpolatedString.Lookalike) -> Diagnostic {
        let name = lookalike.name
        return .warning(.mistypedInterpolation,
                        "'\(lookalike.text)' is literal text, not a reference to '\(name)'; Formwork interpolates ${\(name)}",
                        at: lookalike.range,
                        fixIts: [FixIt("write ${\(name)}", replacing: lookalike.range, with: "${\(name)}")])
    }
}
