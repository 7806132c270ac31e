import FormworkDiagnostics

/// Which resources a template value refers to: `Ref`, `Fn::GetAtt`, and the
/// names inside an `Fn::Sub` format. Edges for dependency ordering.
package enum References {
    /// The resources among `ids` that `resource`'s properties, policies and metadata
    /// refer to, each with where its first reference came from.
    package static func of(_ resource: Resource, among ids: Set<String>) -> [String: SourceRange] {
        var references: [String: SourceRange] = [:]
        collectReferences(resource.properties, into: &references, ids: ids)
        for attribute in resource.attributeValues { collectReferences(attribute, into: &references, ids: ids) }
        return references
    }

    /// The resources among `ids` that `resource`'s properties, policies and metadata
    /// refer to, each once, in the order they are first written: what
    /// `of(_:among:)` finds, without where.
    package static func ids(of resource: Resource, among ids: Set<String>) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []  // once `found` is too long to scan
        func add(_ id: String, _: () -> SourceRange?) {
            if found.count < 16 {
                guard !found.contains(id) else { return }
                if found.count == 15 { seen = Set(found + [id]) }
            } else {
                guard seen.insert(id).inserted else { return }
            }
            found.append(id)
        }
        forEachReference(in: resource.properties, ids: ids, add)
        for attribute in resource.attributeValues { forEachReference(in: attribute, ids: ids, add) }
        return found
    }

    /// The resource IDs a value refers to, with where each reference came from.
    package static func collectReferences(_ value: TemplateValue, into out: inout [String: SourceRange], ids: Set<String>) {
        forEachReference(in: value, ids: ids) { id, origin in
            if out[id] == nil { out[id] = origin() }
        }
    }

    /// Calls `found` with each reference of `value` to a resource among
    /// `ids`, in the order written (an ID as often as it is referred to),
    /// and where the reference came from, worked out only when asked.
    static func forEachReference(in value: TemplateValue, ids: Set<String>,
                                 _ found: (String, () -> SourceRange?) -> Void) {
        switch value.kind {
        case .object(let members):
            if members.count == 1 {
                let inner = members[0].value
                switch members[0].key {
                case "Ref":
                    if case .string(let id) = inner.kind {
                        if ids.contains(id) { found(id) { value.origin ?? inner.origin } }
                        return
                    }
                case "Fn::GetAtt":
                    if case .array(let parts) = inner.kind, case .string(let id)? = parts.first?.kind, ids.contains(id) {
                        found(id) { value.origin }
                    }
                case "Fn::Sub":
                    if case .string(let format) = inner.kind {
                        for id in subReferences(format) where ids.contains(id) { found(id) { value.origin } }
                    } else if case .array(let parts) = inner.kind, case .string(let format)? = parts.first?.kind {
                        let local: Set<String> = if case .object(let variables)? = parts.dropFirst().first?.kind {
                            Set(variables.map(\.key))
                        } else { [] }
                        for id in subReferences(format) where ids.contains(id) && !local.contains(id) {
                            found(id) { value.origin }
                        }
                    }
                default: break
                }
            }
            for index in members.indices { forEachReference(in: members[index].value, ids: ids, found) }
        case .array(let items):
            for index in items.indices { forEachReference(in: items[index], ids: ids, found) }
        case .string, .number, .bool, .null:
            break
        }
    }

    /// The names an `Fn::Sub` format refers to: `${X}` and `${X.Attr}`, not `${!Literal}`.
    package static func subReferences(_ format: String) -> [String] {
        var names: [String] = []
        var format = format
        format.withUTF8 { bytes in
            var index = 0
            while index + 1 < bytes.count {
                guard bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{") else { index += 1; continue }
                let start = index + 2
                guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "}")) else { break }
                index = close + 1
                if start < close, bytes[start] == UInt8(ascii: "!") { continue }
                let end = bytes[start..<close].firstIndex(of: UInt8(ascii: ".")) ?? close
                names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
        }
        return names
    }
}

extension Resource {
    /// The attributes besides `Properties` that hold values: `CreationPolicy`, `UpdatePolicy`, `Metadata`.
    package var attributeValues: [TemplateValue] { [creationPolicy, updatePolicy, metadata].compactMap { $0 } }
}
