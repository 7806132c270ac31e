import FormworkCFN
import FormworkDiagnostics
import FormworkSema
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

    /// Parses, decodes and runs every semantic pass and the lowering.
    package static func compile(_ yaml: String, options: LoweringOptions = .init()) -> (template: Template?, diagnostics: [Diagnostic]) {
        let (decoded, diagnostics) = decode(yaml)
        guard var spec = decoded else { return (nil, diagnostics) }
        let (template, semantic) = Semantics.run(&spec, options: options)
        return (template, (diagnostics + semantic).sortedForDisplay())
    }
}
