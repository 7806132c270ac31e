import FormworkCFN
import FormworkDiagnostics
import FormworkSpec

/// The semantic passes in their fixed order, then component expansion and
/// the passes over the expanded template.
package enum Semantics {
    /// Returns the template (nil when a pass found errors that make expansion
    /// meaningless) and every diagnostic.
    package static func run(_ spec: Spec, options: LoweringOptions) -> (Template?, [Diagnostic]) {
        var spec = spec
        return run(&spec, options: options)
    }

    /// Defaults are injected into `spec` in place.
    package static func run(_ spec: inout Spec, options: LoweringOptions) -> (Template?, [Diagnostic]) {
        // A spec over CloudFormation's quotas is reported and not expanded:
        // its template could never deploy, and expanding it costs time and
        // memory in proportion to what a hostile spec asks for.
        let overQuota = TemplateLimits.checkDeclarations(spec)
        if !overQuota.isEmpty { return (nil, overQuota) }
        var diagnostics = DefaultInjection.run(&spec)
        diagnostics += LifecycleValidation.run(spec)
        let symbols = SymbolTable(spec)
        diagnostics += NameResolution.run(spec, symbols: symbols)
        diagnostics += NullGuards.run(spec, symbols: symbols)
        var (template, loweringDiagnostics) = Lowering.run(spec, symbols: symbols, options: options)
        diagnostics += loweringDiagnostics
        let limits = TemplateLimits.run(template, spec: spec)
        // Generated resources can cross the quota too; then ordering is not worth computing.
        if !limits.contains(where: { $0.code == .tooMany }) { diagnostics += DependencyOrdering.run(&template) }
        diagnostics += limits
        return (template, diagnostics)
    }
}
