import FormworkDiagnostics
import FormworkYAML

/// `statements:` on a function: each item `{ actions: [...], resources: [...] }`,
/// with `effect: allow | deny` (built in `allow`) and `when:`. What the
/// actions and resources say is checked by the `PolicyStatements` rule.
extension SpecDecoder {
    func decodeStatements(_ node: YAMLNode) -> [PolicyStatement] {
        guard let items = sequence(node, "statements") else { return [] }
        return items.compactMap { decodeKeepingNames($0, decodeStatement) }
    }

    private func decodeStatement(_ node: YAMLNode) -> PolicyStatement? {
        let table = SpecKeys.statement
        guard let fields = fields(node, "a statement", allowed: table.keys, required: table.required),
              let actionsNode = fields["actions"], let resourcesNode = fields["resources"],
              let actionItems = sequence(actionsNode, "actions"), let resourceItems = sequence(resourcesNode, "resources")
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
        return PolicyStatement(effect: effect, actions: actions, resources: resources, when: when(in: fields),
                               actionsRange: actionsNode.range, resourcesRange: resourcesNode.range, range: node.range)
    }
}
