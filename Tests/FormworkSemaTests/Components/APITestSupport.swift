import FormworkCFN
import FormworkDiagnostics
@testable import FormworkSema
import FormworkSpec
import FormworkYAML

/// Compiles a spec text through decoding and the semantic passes; returns
/// the template and every diagnostic (the template even when there are errors).
func lowered(_ text: String) -> (template: Template?, diagnostics: [Diagnostic]) {
    let (root, yamlDiagnostics) = YAMLParser.parse(text, file: "t.yaml")
    guard let root else { return (nil, yamlDiagnostics) }
    let (spec, decodeDiagnostics) = SpecDecoder.decode(root, file: "t.yaml")
    guard let spec else { return (nil, yamlDiagnostics + decodeDiagnostics) }
    let (template, semanticDiagnostics) = Semantics.run(spec, options: LoweringOptions())
    return (template, yamlDiagnostics + decodeDiagnostics + semanticDiagnostics)
}

/// The decoded spec, before the semantic passes.
func decoded(_ text: String) -> Spec? {
    guard let root = YAMLParser.parse(text, file: "t.yaml").root else { return nil }
    return SpecDecoder.decode(root, file: "t.yaml").spec
}

/// A spec with one api `jobsApi` whose body lines are `body` (indented under it), plus `extra` resources.
func apiSpec(_ body: String, extra: String = "", parameters: String = "") -> String {
    """
    formwork: 1
    stack: demo
    \(parameters.isEmpty ? "" : "parameters:\n" + parameters)
    resources:
      jobsApi:
        kind: api
    \(body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
    \(extra)
    """
}

/// A minimal `kind: function` declaration (its own component may not be merged yet).
func functionDecl(_ name: String, when: String? = nil) -> String {
    """
      \(name):
        kind: function
        handler: index.handler
        runtime: nodejs22.x
        code: { inline: "exports.handler = async () => ({})" }
    \(when.map { "    when: \($0)" } ?? "")
    """
}

extension Array where Element == Diagnostic {
    /// The diagnostics whose code starts with `FW52` (this component's), for assertions.
    var apiCodes: [String] { filter { $0.code.rawValue.hasPrefix("FW52") }.map(\.code.rawValue) }
}
