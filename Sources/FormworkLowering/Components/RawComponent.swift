import FormworkCFN
import FormworkDiagnostics
import FormworkSpec

/// `type: AWS::...` → the resource as written (properties, metadata, creation
/// and update policies), strings interpolated.
extension Lowering {
    func lowerRaw(_ decl: ResourceDecl, _ raw: RawResourceSpec) {
        var resource = Resource(logicalId: decl.name.logicalId, type: raw.type.value, properties: [], origin: decl.range)
        resource.typeOrigin = raw.type.range
        if let properties = raw.properties { resource.properties = value(properties) }
        resource.metadata = raw.metadata.map { value($0) }
        resource.creationPolicy = raw.creationPolicy.map { value($0) }
        resource.updatePolicy = raw.updatePolicy.map { value($0) }
        add(resource, for: decl)
    }

    /// A property tree as a template value, its strings emitted under `clauses`.
    func value(_ raw: RawValue, under clauses: [WhenClause] = []) -> TemplateValue {
        switch raw {
        case .string(let s): emitter.under(clauses) { $0.emit(s) }
        case .number(let n, let range): .init(.number(n), origin: range)
        case .bool(let b, let range): .bool(b, range)
        case .null(let range): .init(.null, origin: range)
        case .array(let items, let range): .array(items.map { value($0, under: clauses) }, range)
        case .object(let members, let range):
            .init(.object(members.map { .init($0.key.value, value($0.value, under: clauses), keyOrigin: $0.key.range) }), origin: range)
        }
    }
}
