import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A waiver of a checkov id (`waivers: [{rule: CKV_AWS_18, reason: ...}]`)
/// → checkov's own skip list in the `Metadata` of every resource the spec
/// resource generates (checkov's documentation, "Suppressing and Skipping
/// Policies", CloudFormation:
/// https://www.checkov.io/2.Basics/Suppressing%20and%20Skipping%20Policies.html;
/// `Metadata: {checkov: {skip: [{id, comment}]}}`, which checkov 3.3.30
/// reports as skipped with the comment as `suppress_comment`), the
/// resource's waivers first, then the top-level ones. A raw resource's own
/// `metadata:` is kept: the skips go after any `checkov.skip` it writes,
/// and an id it already skips is not written twice.
///
/// One skip Formwork writes itself, because its design answers the check:
/// CKV_AWS_116 ("a function has a dead-letter queue") on a function that
/// nothing in the stack invokes asynchronously and that has none. Lambda
/// sends a failed event to a dead-letter queue only after an asynchronous
/// invocation, and Formwork gives every function that has one a queue
/// (`BuiltInDefaults.functionDeadLetterQueue`); an api's caller or a
/// queue's redrive policy gets every other failure.
extension Lowering {
    static let synchronousOnlyReason = "nothing in this stack invokes the function asynchronously, so a dead-letter queue would never receive an event (Formwork adds one to any function that is; deadLetterQueue: true adds one anyway)"

    /// The skips Formwork writes without a waiver (above).
    private func builtInWaivers(_ decl: ResourceDecl) -> [Waiver] {
        guard case .function(let function) = decl.body, !function.deadLetterQueue.value, !function.isInvokedAsynchronously
        else { return [] }
        let range = decl.name.range
        return [Waiver(rule: Located("CKV_AWS_116", range), reason: Located(Self.synchronousOnlyReason, range), range: range)]
    }

    func withCheckovSkips(_ resource: Resource, for decl: ResourceDecl) -> Resource {
        let waivers = (decl.waivers + spec.waivers + builtInWaivers(decl)).filter { $0.isCheckov && concerns($0, resource, decl) }
        guard !waivers.isEmpty else { return resource }
        var resource = resource
        var metadata = resource.metadata ?? .object([], waivers[0].range)
        guard case .object(var members) = metadata.kind else { Self.unchecked("metadata takes the skips (Waivers.check)") }
        let checkovIndex = members.firstIndex { $0.key == "checkov" }
        var checkov = checkovIndex.map { members[$0].value } ?? .object([], waivers[0].range)
        guard case .object(var checkovMembers) = checkov.kind else { Self.unchecked("metadata takes the skips (Waivers.check)") }
        let skipIndex = checkovMembers.firstIndex { $0.key == "skip" }
        var skip = skipIndex.map { checkovMembers[$0].value } ?? .array([], waivers[0].range)
        guard case .array(var items) = skip.kind else { Self.unchecked("metadata takes the skips (Waivers.check)") }

        var skipped = Set(items.compactMap(Self.skippedId))
        for waiver in waivers where !skipped.contains(waiver.rule.value) {
            skipped.insert(waiver.rule.value)
            items.append(.object([("id", .string(waiver.rule.value, waiver.rule.range)),
                                  ("comment", .string(waiver.reason?.value ?? "", waiver.reason?.range ?? waiver.range))],
                                 waiver.range))
        }
        skip.kind = .array(items)
        if let skipIndex { checkovMembers[skipIndex].value = skip } else { checkovMembers.append(.init("skip", skip)) }
        checkov.kind = .object(checkovMembers)
        if let checkovIndex { members[checkovIndex].value = checkov } else { members.append(.init("checkov", checkov)) }
        metadata.kind = .object(members)
        resource.metadata = metadata
        return resource
    }

    /// Whether `waiver` goes on `resource`: every resource of a type its
    /// check judges (`CheckovChecks`), unless it names a role (`resource: logGroup`): then only the first resource of the
    /// role's type the component generates, as for `overrides:`.
    private func concerns(_ waiver: Waiver, _ resource: Resource, _ decl: ResourceDecl) -> Bool {
        guard let check = CheckovChecks.check(waiver.rule.value), check.resourceTypes.contains(resource.type) else {
            return false
        }
        guard let roleName = waiver.resource?.value else { return true }
        guard let role = decl.generatedRoles.first(where: { $0.name == roleName }) else {
            Self.unchecked("a waiver's resource is a role its component generates (Waivers.check)")
        }
        return resource.type == role.type
            && !template.resources.contains { $0.owner == decl.name.text && $0.type == role.type }
    }

    /// The `id` of one item of a written `checkov.skip`.
    private static func skippedId(_ item: TemplateValue) -> String? {
        guard case .object(let members) = item.kind, let id = members.first(where: { $0.key == "id" }),
              case .string(let text) = id.value.kind else { return nil }
        return text
    }
}
