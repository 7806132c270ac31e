import FormworkCFN
import FormworkDiagnostics
import FormworkSpec

/// A check. Each rule is one file under `Rules/Spec/` or `Rules/Template/`:
/// the type, whose doc comment is its documentation (docs/diagnostics.md
/// shows it), then its codes and messages at the bottom. A code belongs to
/// exactly one rule; `RuleRegistry` lists every rule in the order they run.
package protocol Rule {
    /// One line saying what the rule checks.
    static var summary: String { get }
    /// The codes the rule reports.
    static var codes: [DiagnosticCode] { get }
    /// Whether the rules after this one are skipped when it reports an error
    /// (a spec over CloudFormation's quotas is not worth checking further).
    static var isGate: Bool { get }
}

extension Rule {
    package static var isGate: Bool { false }
}

/// A rule over the typed spec, defaults injected, run before anything is expanded.
package protocol SpecRule: Rule {
    static func check(_ spec: SpecContext, into diagnostics: inout [Diagnostic])
}

/// A rule over a template model and CloudFormation facts alone, so it runs
/// the same on a generated template and a plain one; it reports at each
/// value's origin (the spec node that caused it).
package protocol TemplateRule: Rule {
    static func check(_ template: TemplateContext, into diagnostics: inout [Diagnostic])
}

/// What a spec rule reads: the spec and what is derived from it once per
/// compile, so no rule walks the spec by hand.
package struct SpecContext: Sendable {
    package let spec: Spec
    package let symbols: SymbolTable
    /// Every string, `when:` and resource name written as a value, with where each stands.
    package let walk: SpecWalk

    package init(spec: Spec, symbols: SymbolTable) {
        self.spec = spec
        self.symbols = symbols
        self.walk = SpecWalk(spec)
    }
}

/// What a template rule reads: the model, and the text it is written as.
package struct TemplateContext: Sendable {
    package let template: Template
    package let text: String

    package init(template: Template, text: String) {
        self.template = template
        self.text = text
    }
}

/// What each kind of rule reads, for docs/diagnostics.md.
package enum RuleInput: String, Sendable {
    case spec, template
}

extension ResourceDecl {
    /// What a message says the declaration is: "a raw AWS::SNS::Topic", "a queue", "an api".
    var described: String {
        switch body {
        case .raw(let raw): "a raw \(raw.type.value)"
        case .api: "an api"
        default: "a \(body.kind?.rawValue ?? "resource")"
        }
    }
}
