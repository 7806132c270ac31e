import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `overrides:` addresses resources the component generates, by role: a
/// role the kind does not have is an error with the closest one and the
/// kind's roles; a role the component generates nothing for in this spec
/// (`deadLetterQueue` on a function without one) is an error. Two paths of
/// one role where one is, or lies inside, the other would overwrite each
/// other: an error at the second. Removing (`null`) a property the
/// resource's schema requires is an error. Overriding what the component
/// sets for the stack to work (a function's `Role`, its
/// `LoggingConfig.LogGroup` and `DeadLetterConfig`, its role's
/// `AssumeRolePolicyDocument` and `Policies`, its log group's name, the
/// bucket's Lambda notifications, a deployment's or stage's `RestApiId`, a
/// stage's `DeploymentId`), or a path inside or above one, is a warning:
/// it is allowed, and what breaks is the override's to answer for. What an
/// override writes is checked against the resource's schema by the
/// template rules (`ResourceProperties`), at the override's own line.
enum ComponentOverrides: SpecRule {
    static let summary = "overrides address a role the component generates, once per path"
    static let codes: [DiagnosticCode] = [
        .unknownOverrideRole, .overrideRoleNotGenerated, .overlappingOverrides, .requiredPropertyRemoved, .overrideReliedOn,
    ]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources where !resource.overrides.isEmpty {
            guard let kind = resource.body.kind else { continue }
            let roles = kind.overrideRoles
            let generated = resource.generatedRoles
            var seen: [String: [Override]] = [:]
            for override in resource.overrides {
                guard let role = roles.first(where: { $0.name == override.role.value }) else {
                    diagnostics.append(.unknownOverrideRole(override.role, kind: kind, roles: roles.map(\.name)))
                    continue
                }
                guard generated.contains(where: { $0.name == role.name }) else {
                    diagnostics.append(.overrideRoleNotGenerated(override.role, resource: resource.name.text))
                    continue
                }
                if let earlier = seen[role.name, default: []].first(where: { overlaps($0.path, override.path) }) {
                    diagnostics.append(.overlappingOverrides(override, earlier))
                    continue
                }
                seen[role.name, default: []].append(override)
                if override.value == nil, override.path.count == 1,
                   ResourceSchemas.schema(for: role.type)?.required.contains(override.path[0]) == true
                {
                    diagnostics.append(.requiredPropertyRemoved(override, type: role.type))
                    continue
                }
                let reliedOn = role.reliedOn.filter { path in
                    // Without a dead-letter queue the component sets no DeadLetterConfig.
                    path != "DeadLetterConfig" || generated.contains { $0.name == "deadLetterQueue" }
                }
                if let relied = reliedOn.first(where: { overlaps($0.split(separator: ".").map(String.init), override.path) }) {
                    diagnostics.append(.overrideReliedOn(override, reliedOn: relied))
                }
            }
        }
    }

    /// Whether one path is the other or lies inside it.
    static func overlaps(_ a: [String], _ b: [String]) -> Bool {
        a.starts(with: b) || b.starts(with: a)
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let unknownOverrideRole = DiagnosticCode(
        "FW4225", .specChecks, "an override names a role the component's kind does not have")
    package static let overrideRoleNotGenerated = DiagnosticCode(
        "FW4226", .specChecks, "an override names a role the component generates nothing for in this spec")
    package static let overlappingOverrides = DiagnosticCode(
        "FW4227", .specChecks, "two overrides of one role where one path lies inside the other")
    package static let requiredPropertyRemoved = DiagnosticCode(
        "FW4228", .specChecks, "an override removes a property the resource's schema requires")
    package static let overrideReliedOn = DiagnosticCode(
        "FW4229", .specChecks, "an override changes a property the component sets for the stack to work")
}

extension Diagnostic {
    static func unknownOverrideRole(_ role: Located<String>, kind: ResourceKind, roles: [String]) -> Diagnostic {
        let message = "a \(kind.rawValue) has no resource in the role '\(role.value)'"
        let help = "the roles of a \(kind.rawValue): \(roles.joined(separator: ", "))"
        if let closest = Suggestions.closest(to: role.value, in: roles) {
            return .error(.unknownOverrideRole, message, at: role.range, fixIts: [.didYouMean(closest, replacing: role.range)], help: [help])
        }
        return .error(.unknownOverrideRole, message, at: role.range, help: [help])
    }

    static func overrideRoleNotGenerated(_ role: Located<String>, resource: String) -> Diagnostic {
        .error(.overrideRoleNotGenerated, "'\(resource)' generates no \(role.value) in this spec, so there is nothing to override",
               at: role.range,
               help: role.value == "deadLetterQueue" ? ["give the function one with 'deadLetterQueue: true', or remove this override"]
                   : ["remove this override"])
    }

    static func overlappingOverrides(_ override: Override, _ earlier: Override) -> Diagnostic {
        .error(.overlappingOverrides,
               "override '\(override.pathText.value)' overlaps '\(earlier.pathText.value)' of the same \(override.role.value): one would overwrite the other",
               at: override.pathText.range, notes: [Note("the other override is here", at: earlier.pathText.range)],
               help: ["write the value once: either the whole object, or each path inside it"])
    }

    static func requiredPropertyRemoved(_ override: Override, type: String) -> Diagnostic {
        .error(.requiredPropertyRemoved, "\(type) requires \(override.pathText.value): it cannot be removed", at: override.pathText.range,
               help: ["give it a value instead of null"])
    }

    static func overrideReliedOn(_ override: Override, reliedOn: String) -> Diagnostic {
        .warning(.overrideReliedOn,
                 "Formwork sets \(reliedOn) on the \(override.role.value) for the component to work; this override changes it",
                 at: override.pathText.range,
                 help: ["if the component should work otherwise, say so in its own settings; an override here is yours to keep working"])
    }
}
