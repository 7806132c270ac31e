import FormworkCFN
import FormworkDiagnostics
import FormworkSpec
import FormworkTestSupport
import FormworkYAML
@testable import FormworkSema

/// Decodes `text` as `t.yaml`; nil (with the problems recorded by the caller) when it does not decode cleanly.
func decodeSpec(_ text: String) -> (spec: Spec?, diagnostics: [Diagnostic]) {
    let (root, yamlDiagnostics) = YAMLParser.parse(text, file: "t.yaml")
    guard let root else { return (nil, yamlDiagnostics) }
    let (spec, diagnostics) = SpecDecoder.decode(root, file: "t.yaml")
    return (spec, yamlDiagnostics + diagnostics)
}

/// The whole semantic pipeline over `text`. Fixtures declare parameters
/// they do not always use, so the unused-parameter warning is left out here
/// (NameResolutionTests covers it).
func runSemantics(_ text: String) -> (template: Template?, diagnostics: [Diagnostic]) {
    guard let spec = decodeSpec(text).spec else { return (nil, []) }
    let (template, diagnostics) = Semantics.run(spec, options: LoweringOptions())
    return (template, diagnostics.filter { $0.code != .unusedParameter })
}

/// `CODE@line:column` for each diagnostic, in display order.
func findings(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.sortedForDisplay().map { "\($0.code)@\($0.range.start)" }
}

/// `line:column` (1-based) of a marker in marked text.
func position(_ marked: MarkedText, _ name: String) -> String {
    var line = 1, column = 1
    for (index, scalar) in marked.text.unicodeScalars.enumerated() {
        if index == marked[name] { break }
        if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
    }
    return "\(line):\(column)"
}

extension Template {
    func resource(_ logicalId: String) -> Resource? { resources.first { $0.logicalId == logicalId } }
}
