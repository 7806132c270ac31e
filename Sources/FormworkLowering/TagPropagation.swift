import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// Tag propagation: the stack's `tags:` and each resource's own `tags:`
/// (which add to and override the stack's) go on every template resource
/// whose type takes tags, generated children included, in that type's shape.
/// Tags a raw resource writes in its own `Tags` property win over both.
enum TagPropagation {
    static func run(_ template: inout Template, spec: Spec, emitter: inout ValueEmitter) -> [Diagnostic] {
        var diagnostics = (spec.tags + spec.resources.flatMap(\.tags)).flatMap(check)
        typealias Entry = (key: String, value: TemplateValue, origin: SourceRange)
        // Each tag's value is emitted once, and each owner's tags merged once.
        func merge(_ tags: [Tag], into merged: inout [Entry], positions: inout [String: Int]) -> Tag? {
            var crossing: Tag?
            for tag in tags {
                let entry = (key: tag.key.value, value: emitter.emit(tag.value), origin: tag.key.range)
                if let existing = positions[tag.key.value] {
                    merged[existing] = entry
                } else {
                    positions[tag.key.value] = merged.count
                    merged.append(entry)
                    if merged.count == Tagging.maxTagsPerResource + 1 { crossing = tag }
                }
            }
            return crossing
        }
        var stackMerged: [Entry] = []
        var stackPositions: [String: Int] = [:]
        if let crossing = merge(spec.tags, into: &stackMerged, positions: &stackPositions) {
            diagnostics.append(.tooManyTags(spec.tags.count, at: crossing.key.range))
        }
        var byOwner: [String: [Entry]] = [:]
        let declarations = Dictionary(spec.resources.map { ($0.name.text, $0) }, uniquingKeysWith: { a, _ in a })
        for index in template.resources.indices {
            let resource = template.resources[index]
            guard let shape = CloudFormation.resourceTypes[resource.type]?.tags else { continue }
            let owner = resource.owner ?? ""
            if byOwner[owner] == nil {
                var merged = stackMerged
                var positions = stackPositions
                let own = declarations[owner]?.tags ?? []
                if let crossing = merge(own, into: &merged, positions: &positions), stackMerged.count <= Tagging.maxTagsPerResource {
                    diagnostics.append(.tooManyTags(merged.count, at: crossing.key.range))
                }
                byOwner[owner] = merged
            }
            guard let merged = byOwner[owner], !merged.isEmpty else { continue }
            template.resources[index].properties = withTags(resource.properties, merged, shape: shape)
        }
        diagnostics.sort { $0.range < $1.range }
        return diagnostics
    }

    private static func withTags(
        _ properties: TemplateValue, _ tags: [(key: String, value: TemplateValue, origin: SourceRange)], shape: CloudFormation.TagShape
    ) -> TemplateValue {
        guard case .object(var members) = properties.kind else { return properties }
        let existingIndex = members.firstIndex { $0.key == "Tags" }
        switch shape {
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
            if let existingIndex { members[existingIndex].value = value } else { members.append(.init("Tags", value)) }
        case .map:
            var entries: [TemplateValue.Member] = []
            if let existingIndex, case .object(let existing) = members[existingIndex].value.kind { entries = existing }
            for tag in tags where !entries.contains(where: { $0.key == tag.key }) {
                entries.append(.init(tag.key, tag.value))
            }
            let value = TemplateValue(.object(entries), origin: properties.origin)
            if let existingIndex { members[existingIndex].value = value } else { members.append(.init("Tags", value)) }
        }
        return TemplateValue(.object(members), origin: properties.origin)
    }

    /// A tag's key, and its value when literal, checked against `Tagging`'s limits.
    private static func check(_ tag: Tag) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let key = tag.key.value
        if !Tagging.keyLengthRange.contains(key.unicodeScalars.count) {
            out.append(.tagKeyLength(key, at: tag.key.range))
        }
        if key.lowercased().hasPrefix(Tagging.reservedKeyPrefix) {
            out.append(.reservedTagKey(key, at: tag.key.range))
        }
        if !tag.value.interpolated.hasExpressions && tag.value.text.unicodeScalars.count > Tagging.maxValueLength {
            out.append(.tagValueLength(tag.value.text.unicodeScalars.count, at: tag.value.range))
        }
        return out
    }
}

extension DiagnosticCode {
    package static let invalidTag = DiagnosticCode(
        "FW4030", .templateChecks, "a tag key or value breaks AWS's tag rules",
        reference: DocumentationPage(
            "Tagging AWS Resources and Tag Editor User Guide, \"Service quotas\" (tag keys and values)",
            "https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html"))
}

extension Diagnostic {
    static func tagKeyLength(_ key: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidTag, "a tag key must be \(Tagging.keyLengthRange.lowerBound) to \(Tagging.keyLengthRange.upperBound) characters, found \(key.unicodeScalars.count)", at: range)
    }

    static func tooManyTags(_ count: Int, at range: SourceRange) -> Diagnostic {
        .error(.invalidTag, "a resource would carry \(count) tags; AWS takes at most \(Tagging.maxTagsPerResource) user tags a resource",
               at: range, help: ["keep at most \(Tagging.maxTagsPerResource) tags, stack and resource tags together"])
    }

    static func reservedTagKey(_ key: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidTag, "tag key '\(key)' uses the reserved prefix '\(Tagging.reservedKeyPrefix)'", at: range,
               help: ["choose a key without the '\(Tagging.reservedKeyPrefix)' prefix"])
    }

    static func tagValueLength(_ count: Int, at range: SourceRange) -> Diagnostic {
        .error(.invalidTag, "a tag value must be at most \(Tagging.maxValueLength) characters, found \(count)", at: range)
    }
}
