import FormworkDiagnostics
import FormworkYAML

/// `statements:` on a function: each item `{ actions: [...], resources: [...] }`
/// (each a list, or one string as IAM takes it), with `effect: allow | deny`
/// (built in `allow`), IAM's `condition:` block as written, and `when:`.
/// What the actions and resources say is checked by the `PolicyStatements` rule.
extension SpecDecoder {
    func decodeStatements(_ node: YAMLNode) -> [PolicyStatement] {
        guard let items = sequence(node, "statements") else { return [] }
        return items.compactMap { decodeKeepingNames($0, decodeStatement) }
    }

    private func decodeStatement(_ node: YAMLNode) -> PolicyStatement? {
        let table = SpecKeys.statement
        guard let fields = fields(node, "a statement", allowed: table.keys, required: table.required),
              let actionsNode = fields["actions"], let resourcesNode = fields["resources"],
              let actionItems = items(actionsNode, "actions"), let resourceItems = items(resourcesNode, "resources")
        else { return nil }
        let actions = actionItems.compactMap { string($0, "an action") }
        let resources = resourceItems.compactMap { interpolated($0, "a resource") }
        guard actions.count == actionItems.count, resources.count == resourceItems.count else { return nil }
        if actions.isEmpty { report(.emptyList("a statement's actions", at: actionsNode.range)) }
        if resources.isEmpty { report(.emptyList("a statement's resources", at: resourcesNode.range)) }
        guard !actions.isEmpty, !resources.isEmpty else { return nil }
        var effect = Located.builtIn(PolicyStatement.Effect.allow, at: node.range)
        if let node = fields["effect"] {
            guard let written = choice(node, "effect", as: PolicyStatement.Effect.self) else { return nil }
            effect = written
        }
        var condition: RawValue?
        if let node = fields["condition"] {
            guard node.mapping != nil else {
                report(.typeMismatch(expected: "a mapping", for: "condition", found: node))
                return nil
            }
            guard let value = rawValue(node) else { return nil }
            condition = value
        }
        return PolicyStatement(effect: effect, actions: actions, resources: resources, condition: condition,
                               when: when(in: fields), range: node.range)
    }

    /// A list's items, or a lone string as a list of one.
    private func items(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        node.scalar != nil ? [node] : sequence(node, what)
    }
}
