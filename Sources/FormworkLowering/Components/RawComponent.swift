import FormworkCFN
import FormworkDiagnostics
import FormworkSpec

/// `type: AWS::...` → the resource as written, strings interpolated.
extension Lowering {
    func lowerRaw(_ decl: ResourceDecl, _ raw: RawResourceSpec) {
        var resource = Resource(logicalId: decl.name.logicalId, type: raw.type.value, properties: [], origin: decl.range)
        resource.typeOrigin = raw.type.range
        if let properties = raw.properties { resource.properties = rawTemplateValue(properties) }
        add(resource, for: decl)
    }

    /// A raw value as a template value, strings interpolated.
    func rawTemplateValue(_ raw: RawValue) -> TemplateValue {
        switch raw {
        case .string(let s): emitter.emit(s)
        case .number(let n, let range): .init(.number(n), origin: range)
        case .bool(let b, let range): .bool(b, range)
        case .null(let range): .init(.null, origin: range)
        case .array(let items, let range): .array(items.map { rawTemplateValue($0) }, range)
        case .object(let members, let range):
            .init(.object(members.map { .init($0.key.value, rawTemplateValue($0.value), keyOrigin: $0.key.range) }), origin: range)
        }
    }
}
