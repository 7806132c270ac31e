import FormworkCFN
import FormworkDiagnostics
import FormworkSpec

/// `overrides:` → each entry written into the properties of the resource its
/// role names (`null` removes the property). They are applied last, after
/// the S3 notifications and the stack's tags, so what an override says is
/// what the template holds. A path sets one value and keeps the rest of
/// the object around it (`LoggingConfig.LogFormat` keeps `LogGroup`); a
/// missing object on the way is made, and a value on the way that is not
/// an object (a string, a list, an intrinsic function) is replaced by one.
/// Every value keeps its spec range, so the template rules report at the
/// override's line.
extension Lowering {
    func applyOverrides() {
        for decl in spec.resources where !decl.overrides.isEmpty {
            emitter.context = [decl.when?.condition].compactMap { $0 }
            defer { emitter.context = [] }
            for override in decl.overrides {
                guard let role = decl.generatedRoles.first(where: { $0.name == override.role.value }),
                      let index = template.resources.firstIndex(where: { $0.owner == decl.name.text && $0.type == role.type })
                else { Self.unchecked("every override names a role its component generated") }
                let new = override.value.map { value($0) }
                template[resourceAt: index].properties = Self.setting(
                    template.resources[index].properties, override.path[...], to: new, keyOrigin: override.pathText.range)
            }
        }
    }

    /// `object` with the value at `path` set to `new`, or removed when `new` is nil.
    static func setting(_ object: TemplateValue, _ path: ArraySlice<String>, to new: TemplateValue?,
                        keyOrigin: SourceRange) -> TemplateValue
    {
        guard let key = path.first else { return new ?? object }
        var members: [TemplateValue.Member] = []
        if case .object(let existing) = object.kind, !object.isIntrinsicFunction {
            members = existing
        } else if new == nil {
            return object  // nothing there to remove
        }
        let origin = isObject(object) ? object.origin : keyOrigin
        let rest = path.dropFirst()
        if let index = members.firstIndex(where: { $0.key == key }) {
            if rest.isEmpty {
                if let new { members[index] = .init(key, new, keyOrigin: keyOrigin) } else { members.remove(at: index) }
            } else {
                members[index].value = setting(members[index].value, rest, to: new, keyOrigin: keyOrigin)
            }
        } else if let new {
            let value = rest.isEmpty ? new : setting(.object([], keyOrigin), rest, to: new, keyOrigin: keyOrigin)
            members.append(.init(key, value, keyOrigin: keyOrigin))
        }
        return .init(.object(members), origin: origin)
    }

    private static func isObject(_ value: TemplateValue) -> Bool {
        if case .object = value.kind, !value.isIntrinsicFunction { return true }
        return false
    }
}
