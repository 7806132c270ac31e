import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

package struct LoweringOptions: Sendable {
    /// `--param name=value`: compile-time overrides of parameter defaults.
    package var parameterOverrides: [String: String] = [:]

    package init(parameterOverrides: [String: String] = [:]) {
        self.parameterOverrides = parameterOverrides
    }
}

/// Expands a checked spec into a template: parameters, conditions, each
/// resource's component (generated children right after it), outputs, then
/// the stack's tags. Pure: it reports nothing and checks nothing. It runs
/// only on a spec that every spec rule passed, so it may rely on what those
/// rules guarantee (every name resolves, every required setting is there).
package final class Lowering {
    let spec: Spec
    let attributes: Attributes
    var symbols: SymbolTable { attributes.symbols }
    var emitter: ValueEmitter
    var template: Template
    /// The largest timeout of the functions each queue triggers.
    lazy var slowestConsumerTimeouts = Self.slowestConsumerTimeouts(in: spec)

    private init(spec: Spec, symbols: SymbolTable) {
        self.spec = spec
        self.attributes = Attributes(spec, symbols: symbols)
        self.emitter = ValueEmitter(attributes: attributes, conditions: ConditionTable())
        self.template = Template(description: spec.description?.value, origin: spec.description?.range)
        template.origin = spec.stack.range
    }

    package static func run(_ spec: Spec, symbols: SymbolTable, options: LoweringOptions) -> Template {
        let lowering = Lowering(spec: spec, symbols: symbols)
        lowering.lowerParameters(options.parameterOverrides)
        lowering.lowerMappings()
        for resource in spec.resources { lowering.lower(resource) }
        lowering.attachS3Notifications()
        lowering.lowerOutputs()
        TagPropagation.run(&lowering.template, spec: spec, emitter: &lowering.emitter)
        lowering.applyOverrides()
        lowering.template.conditions = lowering.emitter.conditions.entries
        Self.removeImpliedDependsOn(&lowering.template)
        return lowering.template
    }

    func add(_ resource: Resource, for decl: ResourceDecl) {
        var resource = withCheckovSkips(resource, for: decl)
        resource.owner = decl.name.text
        if let when = decl.when {
            resource.condition = emitter.conditions.name(for: when, symbols: symbols)
        }
        // What holds data says what becomes of it: retained or snapshotted as
        // `retain:` asks (a snapshot where the type takes one), or deleted.
        if DeletionPolicies.stateful.contains(resource.type), resource.deletionPolicy == nil {
            var retention = decl.retain?.value ?? .delete
            if retention == .snapshot, !DeletionPolicies.snapshot.contains(resource.type) { retention = .retain }
            resource.deletionPolicy = retention.policy
            resource.updateReplacePolicy = retention.policy
        }
        template.append(resource)
    }

    private func lower(_ decl: ResourceDecl) {
        let userDependsOn = decl.dependsOn.map(\.logicalId)
        let userOrigins = Dictionary(decl.dependsOn.map { ($0.logicalId, $0.range) }, uniquingKeysWith: { a, _ in a })
        let first = template.resources.count
        // Everything a resource generates exists only under its `when:`.
        emitter.context = [decl.when?.condition].compactMap { $0 }
        defer { emitter.context = [] }
        switch decl.body {
        case .queue(let queue): lowerQueue(decl, queue)
        case .raw(let raw): lowerRaw(decl, raw)
        case .api(let api): lowerAPI(decl, api)
        case .function(let function): lowerFunction(decl, function)
        case .bucket(let bucket): lowerBucket(decl, bucket)
        case .undecodable: Self.unchecked("every resource decoded")
        }
        // The resource's own dependsOn and `retain:` go on the resource the spec names (the first one emitted),
        // whatever its type.
        if first < template.resources.count, let retention = decl.retain?.value, retention != .delete {
            template[resourceAt: first].deletionPolicy = retention.policy
            template[resourceAt: first].updateReplacePolicy = retention.policy
        }
        if first < template.resources.count {
            template[resourceAt: first].dependsOn = Self.merged(template.resources[first].dependsOn, userDependsOn)
            template[resourceAt: first].dependsOnOrigins.merge(userOrigins) { own, _ in own }
        }
    }

    /// A `DependsOn` that a reference already implies is left out (cfn-lint W3005).
    static func removeImpliedDependsOn(_ template: inout Template) {
        let ids = Set(template.resources.map(\.logicalId))
        for index in template.resources.indices where !template.resources[index].dependsOn.isEmpty {
            let references = Set(References.ids(of: template.resources[index], among: ids))
            template[resourceAt: index].dependsOn.removeAll { references.contains($0) }
        }
    }

    /// What the spec rules guarantee for a spec that passed them; lowering
    /// never runs on another, so reaching this is a missing rule.
    static func unchecked(_ guarantee: String) -> Never {
        preconditionFailure("lowering reached a spec no rule checked: \(guarantee)")
    }

    static func merged(_ a: [String], _ b: [String]) -> [String] {
        var out = a
        for item in b where !out.contains(item) { out.append(item) }
        return out
    }

    // MARK: parameters

    private func lowerParameters(_ overrides: [String: String]) {
        for parameter in spec.parameters {
            let origin = parameter.range
            var members: [(String, TemplateValue)] = []
            let type = switch parameter.type.value {
            case .string: "String"
            case .number: "Number"
            case .list: "CommaDelimitedList"
            }
            members.append(("Type", .string(parameter.awsType?.value ?? type, parameter.type.range)))
            if let override = overrides[parameter.name.text] {
                members.append(("Default", .string(override, origin)))
            } else if parameter.isOptional {
                members.append(("Default", .string("", parameter.optional!.range)))
            } else if let value = parameter.defaultValue {
                let text = switch value.value {
                case .string(let s), .number(let s): s
                case .list(let items): items.joined(separator: ",")
                }
                members.append(("Default", .string(text, value.range)))
            }
            // An optional parameter's `Default: ""` must pass its own constraints
            // (cfn-lint E2015; CreateStack fails without a value otherwise): the
            // emitted ones also admit "" and check every other value as written.
            if let pattern = parameter.pattern {
                let text = parameter.isOptional ? AllowedPattern.admittingEmpty(pattern.value) : pattern.value
                members.append(("AllowedPattern", .string(text, pattern.range)))
            }
            if let allowed = parameter.allowed {
                let values = parameter.isOptional && !allowed.value.contains("") ? [""] + allowed.value : allowed.value
                members.append(("AllowedValues", .array(values.map { .string($0, allowed.range) }, allowed.range)))
            }
            if let description = parameter.description {
                members.append(("Description", .string(description.value, description.range)))
            }
            if let noEcho = parameter.noEcho { members.append(("NoEcho", .bool(noEcho.value, noEcho.range))) }
            for (key, length) in [("MinLength", parameter.minLength), ("MaxLength", parameter.maxLength)] {
                if let length { members.append((key, .int(length.value, length.range))) }
            }
            for (key, bound) in [("MinValue", parameter.minValue), ("MaxValue", parameter.maxValue)] {
                if let bound { members.append((key, .init(.number(bound.value.text), origin: bound.range))) }
            }
            if let text = parameter.constraintDescription {
                members.append(("ConstraintDescription", .string(text.value, text.range)))
            }
            template.parameters.append(.init(parameter.name.logicalId, .object(members, origin)))
            if parameter.isOptional { _ = emitter.conditions.hasValue(parameter) }
        }
    }

    // MARK: mappings

    /// Each mapping as written; numbers and booleans as their text, as CloudFormation keeps them.
    private func lowerMappings() {
        for mapping in spec.mappings {
            let entries = mapping.entries.map { entry -> (String, TemplateValue) in
                let values = entry.values.map { pair -> (String, TemplateValue) in
                    let range = pair.value.range
                    let value: TemplateValue = switch pair.value.value {
                    case .string(let s), .number(let s): .string(s, range)
                    case .bool(let b): .string(b ? "true" : "false", range)
                    case .list(let items): .array(items.map { .string($0, range) }, range)
                    }
                    return (pair.key.value, value)
                }
                return (entry.key.value, .object(values, entry.range))
            }
            template.mappings.append(.init(mapping.name.logicalId, .object(entries, mapping.range)))
        }
    }

    // MARK: outputs

    private func lowerOutputs() {
        for output in spec.outputs {
            emitter.context = [output.when?.condition].compactMap { $0 }
            defer { emitter.context = [] }
            emitter.joinLists = true
            let value = emitter.emit(output.value)
            emitter.joinLists = false
            var members: [(String, TemplateValue)] = [("Value", value)]
            if let export = output.export {
                members.append(("Export", .object([("Name", emitter.emit(export))], export.range)))
            }
            if let when = output.when {
                members.append(("Condition", .string(emitter.conditions.name(for: when, symbols: symbols), when.range)))
            }
            if let description = output.description {
                members.append(("Description", .string(description.value, description.range)))
            }
            template.outputs.append(.init(output.name.logicalId, .object(members, output.range)))
        }
    }
}
