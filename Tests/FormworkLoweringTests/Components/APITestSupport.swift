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
