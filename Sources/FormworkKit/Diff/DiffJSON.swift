import FormworkCFN

/// `diff --format json` (CLI.md): one document for every stack compared.
package enum DiffJSON {
    package static func render(_ stacks: [(old: String, new: String, diff: TemplateDiff)]) -> String {
        JSONWriter.write(.object([
            ("version", .int(1, nil)),
            ("stacks", .array(stacks.map { stack($0.old, $0.new, $0.diff) }, nil)),
        ], nil)) + "\n"
    }

    static func stack(_ old: String, _ new: String, _ diff: TemplateDiff) -> TemplateValue {
        .object([
            ("old", .string(old, nil)), ("new", .string(new, nil)),
            ("resources", .array(diff.resources.map(resource), nil)),
            ("parameters", .array(diff.parameters.map(entry), nil)),
            ("conditions", .array(diff.conditions.map(entry), nil)),
            ("outputs", .array(diff.outputs.map(output), nil)),
            ("security", .array(diff.security.map(security), nil)),
        ], nil)
    }

    static func resource(_ change: TemplateDiff.ResourceChange) -> TemplateValue {
        var members: [(String, TemplateValue)] = [
            ("logicalId", .string(change.logicalId, nil)), ("type", .string(change.type, nil)),
            ("change", .string(change.change.rawValue, nil)),
            ("replacement", .string(change.replacement.rawValue, nil)), ("dataLoss", .bool(change.dataLoss, nil)),
        ]
        if !change.properties.isEmpty {
            members.append(("properties", .array(change.properties.map { property in
                var fields: [(String, TemplateValue)] = [
                    ("path", .string(property.path, nil)),
                    ("replacement", .string(property.replacement.rawValue, nil)),
                ]
                if let old = property.old { fields.append(("old", old)) }
                if let new = property.new { fields.append(("new", new)) }
                if let target = property.refersToReplaced { fields.append(("refersToReplaced", .string(target, nil))) }
                return .object(fields, nil)
            }, nil)))
        }
        if let to = change.renamedTo { members.append(("renamedTo", .string(to, nil))) }
        if let from = change.renamedFrom { members.append(("renamedFrom", .string(from, nil))) }
        if change.redeploy { members.append(("redeploy", .bool(true, nil))) }
        return .object(members, nil)
    }

    static func entry(_ change: TemplateDiff.EntryChange) -> TemplateValue {
        var members: [(String, TemplateValue)] = [("name", .string(change.name, nil)), ("change", .string(change.change.rawValue, nil))]
        if let old = change.old { members.append(("old", old)) }
        if let new = change.new { members.append(("new", new)) }
        return .object(members, nil)
    }

    static func output(_ change: TemplateDiff.EntryChange) -> TemplateValue {
        guard case .object(var members) = entry(change).kind else { return entry(change) }
        if let export = (change.old ?? change.new)?["Export"]?["Name"] { members.append(.init("export", export)) }
        return TemplateValue(.object(members), origin: nil)
    }

    static func security(_ change: TemplateDiff.SecurityChange) -> TemplateValue {
        var detail: [(String, TemplateValue)] = []
        if let old = change.old { detail.append(("old", old)) }
        if let new = change.new { detail.append(("new", new)) }
        if let direction = change.direction { detail.append(("direction", .string(direction, nil))) }
        return .object([
            ("logicalId", .string(change.logicalId, nil)), ("change", .string(change.change.rawValue, nil)),
            ("kind", .string(change.kind, nil)), ("detail", .object(detail, nil)),
        ], nil)
    }
}
