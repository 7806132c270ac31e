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
        var diagnostics = DefaultInjection.run(&spec)
        diagnostics += LifecycleValidation.run(spec)
        let symbols = SymbolTable(spec)
        diagnostics += NameResolution.run(spec, symbols: symbols)
        diagnostics += NullGuards.run(spec, symbols: symbols)
        var (template, loweringDiagnostics) = Lowering.run(spec, symbols: symbols, options: options)
        diagnostics += loweringDiagnostics
        diagnostics += DependencyOrdering.run(&template)
        diagnostics += TemplateLimits.run(template, spec: spec)
        return (template, diagnostics)
    }
}
