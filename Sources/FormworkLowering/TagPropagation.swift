import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// Tag propagation: the stack's `tags:` and each resource's own `tags:`
/// (which add to and override the stack's) go on every template resource
/// whose type takes tags, generated children included, in that type's shape.
/// Tags a raw resource writes in its own `Tags` property win over both.
/// The rules `TagKeysAndValues` and `TagsPerResource` check what it writes.
enum TagPropagation {
    static func run(_ template: inout Template, spec: Spec, emitter: inout ValueEmitter) {
        typealias Entry = (key: String, value: TemplateValue, origin: SourceRange)
        // Each tag's value is emitted once, and each owner's tags merged once.
        func merge(_ tags: [Tag], into merged: inout [Entry], positions: inout [String: Int]) {
            for tag in tags {
                let entry = (key: tag.key.value, value: emitter.emit(tag.value), origin: tag.key.range)
                if let existing = positions[tag.key.value] {
                    merged[existing] = entry
                } else {
                    positions[tag.key.value] = merged.count
                    merged.append(entry)
                }
            }
        }
        var stackMerged: [Entry] = []
        var stackPositions: [String: Int] = [:]
        merge(spec.tags, into: &stackMerged, positions: &stackPositions)
        var byOwner: [String: [Entry]] = [:]
        let declarations = Dictionary(spec.resources.map { ($0.name.text, $0) }, uniquingKeysWith: { a, _ in a })
        for index in template.resources.indices {
            let resource = template.resources[index]
            guard let tagging = ResourceSchemas.schema(for: resource.type)?.tagging else { continue }
            let owner = resource.owner ?? ""
            if byOwner[owner] == nil {
                var merged = stackMerged
                var positions = stackPositions
                if let when = declarations[owner]?.when {
                    // Under the owner's condition, what it implies is present: the stack's tags are emitted again there.
                    emitter.context = [when.condition]
                    merged = []
                    positions = [:]
                    merge(spec.tags, into: &merged, positions: &positions)
                }
                merge(declarations[owner]?.tags ?? [], into: &merged, positions: &positions)
                emitter.context = []
                byOwner[owner] = merged
            }
            guard let merged = byOwner[owner], !merged.isEmpty else { continue }
            template[resourceAt: index].properties = withTags(resource.properties, merged, tagging: tagging)
        }
    }

    private static func withTags(
        _ properties: TemplateValue, _ tags: [(key: String, value: TemplateValue, origin: SourceRange)],
        tagging: ResourceSchema.Tagging
    ) -> TemplateValue {
        guard case .object(var members) = properties.kind else { return properties }
        let existingIndex = members.firstIndex { $0.key == tagging.property }
        // Tags a raw resource writes as an intrinsic function are its own to decide.
        if let existingIndex, members[existingIndex].value.isIntrinsicFunction { return properties }
        switch tagging.shape {
        case .keyValueList:
            var items: [TemplateValue] = []
            var written: Set<String> = []
            if let existingIndex, case .array(let existing) = members[existingIndex].value.kind {
                items = existing
                for item in existing { if case .string(let key)? = item["Key"]?.kind { written.insert(key) } }
            }
            for tag in tags where !written.contains(tag.key) {
                items.append(.object([("Key", .string(tag.key, tag.origin)), ("Value", tag.value)], tag.origin))
            }
            let value = TemplateValue.array(items, properties.origin)
            if let existingIndex { members[existingIndex].value = value } else { members.append(.init(tagging.property, value)) }
        case .map:
            var entries: [TemplateValue.Member] = []
            if let existingIndex, case .object(let existing) = members[existingIndex].value.kind { entries = existing }
            var written = Set(entries.map(\.key))
            for tag in tags where written.insert(tag.key).inserted {
                entries.append(.init(tag.key, tag.value))
            }
            let value = TemplateValue(.object(entries), origin: properties.origin)
            if let existingIndex { members[existingIndex].value = value } else { members.append(.init(tagging.property, value)) }
        }
        return TemplateValue(.object(members), origin: properties.origin)
    }
}
