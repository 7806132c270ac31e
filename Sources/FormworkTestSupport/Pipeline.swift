import FormworkCFN
import FormworkDiagnostics
import FormworkKit
import FormworkSpec
import FormworkYAML

/// The compiler's phases on a spec written in a test, for unit tests of one phase.
package enum Pipeline {
    /// Parses and decodes; nil when the YAML layer failed.
    package static func decode(_ yaml: String, file: String = "t.yaml") -> (spec: Spec?, diagnostics: [Diagnostic]) {
        let (root, yamlDiagnostics) = YAMLParser.parse(Array(yaml.utf8), file: file)
        guard let root else { return (nil, yamlDiagnostics) }
        let (spec, diagnostics) = SpecDecoder.decode(root, file: file)
        return (spec, yamlDiagnostics + diagnostics)
    }

    /// Parses, decodes, injects defaults, runs the rules and lowers, as the
    /// compiler does; the template is nil when anything reported an error.
    package static func compile(_ yaml: String, options: CompileOptions = .init()) -> (template: Template?, diagnostics: [Diagnostic]) {
        let (decoded, diagnostics) = decode(yaml)
        guard var spec = decoded else { return (nil, diagnostics) }
        let (template, _, checked) = Compiler.check(&spec, options: options, after: diagnostics)
        return (template, (diagnostics + checked).sortedForDisplay())
    }
}
