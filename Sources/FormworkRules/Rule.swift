import FormworkCFN
import FormworkDiagnostics
import FormworkSpec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// Whether the rule reads the template's text, not the model alone. The
    /// text may be written beside the rules that do not read it; a rule
    /// that reads it waits until it is written, so this only orders them.
    static var readsText: Bool { get }
}

extension TemplateRule {
    package static var readsText: Bool { false }
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
    private let written: PendingText

    /// The template's text; waits until it is written, when another thread writes it.
    package var text: String { written.value }

    package init(template: Template, text: String) {
        self.init(template: template, pending: PendingText(text))
    }

    /// A context whose text `pending` will hold once another thread has written it.
    package init(template: Template, pending: PendingText) {
        self.template = template
        self.written = pending
    }
}

/// A value one thread sets once and others wait for: the template's text,
/// written while the rules that do not read it run.
package final class PendingText: @unchecked Sendable {
    // Guarded by `mutex`. Heap-allocated, as pthread objects must not move.
    private var text: String?
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let set = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    /// Text still to be written.
    package init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(set, nil)
    }

    /// Text written already.
    package convenience init(_ text: String) {
        self.init()
        self.text = text
    }

    deinit {
        pthread_cond_destroy(set)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        set.deallocate()
    }

    /// Sets the text, once, and wakes whoever waits for it.
    package func fulfil(_ value: String) {
        pthread_mutex_lock(mutex)
        text = value
        pthread_cond_broadcast(set)
        pthread_mutex_unlock(mutex)
    }

    /// The text, once it is set.
    package var value: String {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while text == nil { pthread_cond_wait(set, mutex) }
        return text!
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
