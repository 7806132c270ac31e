import FormworkCFN
import FormworkDiagnostics
import FormworkSpec

/// `type: AWS::...` → the resource as written (properties, metadata, creation
/// and update policies), strings interpolated.
extension Lowering {
    func lowerRaw(_ decl: ResourceDecl, _ raw: RawResourceSpec) {
        var resource = Resource(logicalId: decl.name.logicalId, type: raw.type.value, properties: [], origin: decl.range)
        resource.typeOrigin = raw.type.range
        emitter.numbersStayNumbers = true
        if let properties = raw.properties { resource.properties = value(properties) }
        resource.metadata = raw.metadata.map { value($0) }
        resource.creationPolicy = raw.creationPolicy.map { value($0) }
        resource.updatePolicy = raw.updatePolicy.map { value($0) }
        emitter.numbersStayNumbers = false
        add(resource, for: decl)
    }

    /// `Fn::If`, each branch emitted under its side of the condition; only
    /// the branch taken where the conditions around it decide it (cfn-lint W1028).
    private func conditional(
        _ when: WhenClause, _ then: RawValue, _ otherwise: RawValue?, _ range: SourceRange, under clauses: [WhenClause]
    ) -> TemplateValue {
        let condition = when.condition
        let saved = emitter.context
        defer { emitter.context = saved }
        emitter.context += clauses.map(\.condition)
        let around = emitter.context
        func branch(_ raw: RawValue?, under side: Condition) -> TemplateValue {
            emitter.context = around + [side]
            return raw.map { value($0) } ?? .noValue(range)
        }
        if emitter.implied(condition) { return branch(then, under: condition) }
        if emitter.implied(condition.negated) { return branch(otherwise, under: condition.negated) }
        let name = emitter.conditions.name(for: when, symbols: symbols)
        return .if(name, branch(then, under: condition), branch(otherwise, under: condition.negated), range)
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
        case .conditional(let when, let then, let otherwise, let range):
            conditional(when, then, otherwise, range, under: clauses)
        }
    }
}
