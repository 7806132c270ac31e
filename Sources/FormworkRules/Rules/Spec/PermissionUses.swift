import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A function's role has a permission on each resource of the spec its
/// environment names, and names each resource it has a permission on.
///
/// An environment variable that interpolates a resource a permission may
/// name (`UPLOADS: ${uploads.name}`) tells the function where to go at
/// run time; a role with nothing on that resource fails there with
/// `AccessDenied`. That is a warning at the `${...}`, once per resource,
/// unless the role may hold a permission on it some other way: any verb of
/// `permissions:` on it, an `sqs` or `dynamodb` trigger on it (which grants
/// consuming the queue or reading the stream), an allowing `statements:`
/// item naming it or granting an action of its service on a resource that
/// names no resource of the spec (an ARN written out may be its ARN), and
/// for any resource, a raw resource of the spec that names the function's
/// role (a policy attached to it, a resource policy granting it) or
/// `overrides:` on the role. A function's `roleArn`/`roleName` is not a
/// use of that function. The code's bucket is not a use: Lambda reads the
/// code when the function is created, with the deployer's rights.
///
/// A permission on a resource nothing in the spec lets the function find
/// is a note at the permission: an unused grant, or one the code reaches
/// through a name written into it. The function can find a resource it
/// names in its environment (or whose literal name is in its environment's
/// text, a path prefix of an SSM parameter), one it is triggered by
/// (its event carries it) or that a trigger's strings name, itself, one
/// named by a resource it names or may use (a KMS key of a queue it reads),
/// and, when something sends it a payload (an `sqs`, `sns`, `eventbridge`
/// or `dynamodb` trigger, a route, another function's `invoke`, a raw
/// resource naming it), any resource another function's environment or a
/// raw resource names: a producer may pass it on in a message.
enum PermissionUses: SpecRule {
    static let summary = "a function's role has a permission on what its environment names, and names what it has a permission on"
    static let codes: [DiagnosticCode] = [.unpermittedUse, .unusedPermission]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        let resources = context.spec.resources
        // The resources each raw resource names, and every resource named by a raw resource or a function's environment.
        var named: [String: Set<String>] = [:]
        var namedByAnyRaw: Set<String> = []
        var environmentRoots: [String: Set<String>] = [:]
        // Every resource a function's environment names.
        var namedByAnyEnvironment: Set<String> = []
        var invokedByOthers: Set<String> = []
        var routed: Set<String> = []
        // The functions whose role a raw resource names (`${worker.roleArn}`): a policy attached to it, a resource policy granting it.
        var rolesNamed: Set<String> = []
        // A raw resource's strings (properties, attributes, metadata), and each function's event patterns.
        var eventPatterns: [String: [StringValue]] = [:]
        for site in context.walk.strings {
            guard let owner = site.resource?.text else { continue }
            if site.place == .eventPattern { eventPatterns[owner, default: []].append(site.string) }
            guard site.place == .property || site.place == .metadata, case .raw? = context.symbols.resources[owner]?.body else { continue }
            for reference in site.string.interpolated.references {
                if reference.path.count == 2, ["roleArn", "roleName"].contains(reference.path[1]) { rolesNamed.insert(reference.root) }
                named[owner, default: []].insert(reference.root)
                namedByAnyRaw.insert(reference.root)
            }
        }
        for resource in resources {
            switch resource.body {
            case .raw:
                break
            case .queue(let queue):
                if let deadLetter = queue.deadLetter { named[resource.name.text] = [deadLetter.queue.text] }
            case .bucket(let bucket):
                if let logs = bucket.accessLogs { named[resource.name.text] = [logs.text] }
            case .function(let function):
                let roots = Set(function.environment.flatMap(\.value.interpolated.references).map(\.root))
                environmentRoots[resource.name.text] = roots
                namedByAnyEnvironment.formUnion(roots)
                for permission in function.permissions where permission.verb.value.rawValue == "invoke" && permission.target.text != resource.name.text {
                    invokedByOthers.insert(permission.target.text)
                }
            case .api(let api):
                for route in api.routes?.value ?? [] { if case .function(let name) = route.target { routed.insert(name.text) } }
            case .undecodable:
                break
            }
        }

        for resource in resources {
            guard case .function(let function) = resource.body else { continue }
            let name = resource.name.text
            let environment = environmentRoots[name] ?? []

            // What the role may hold a permission on.
            var permitted = Set(function.permissions.map(\.target.text))
            var triggerSources: Set<String> = []
            var triggerStrings: [StringValue] = []
            var hasPayload = routed.contains(name) || invokedByOthers.contains(name)
            for trigger in function.triggers {
                switch trigger.source {
                case .s3(let bucket, _, let prefix, let suffix):
                    triggerSources.insert(bucket.text)
                    triggerStrings += [prefix, suffix].compactMap { $0 }
                case .sqs(let queue, _, _):
                    triggerSources.insert(queue.text)
                    permitted.insert(queue.text)
                    hasPayload = true
                case .dynamodb(let stream):
                    triggerSources.insert(stream.table.text)
                    permitted.insert(stream.table.text)
                    hasPayload = true
                case .sns(.name(let topic)):
                    triggerSources.insert(topic.text)
                    hasPayload = true
                case .sns(.arn(let arn)):
                    triggerStrings.append(arn)
                    hasPayload = true
                case .eventbridge(let rule):
                    if let bus = rule.bus { triggerSources.insert(bus.text) }
                    hasPayload = true
                case .schedule:
                    break
                }
            }
            triggerStrings += function.invokers.map(\.s3Bucket) + (eventPatterns[name] ?? [])
            var broadServices: Set<String> = []
            for statement in function.statements where statement.effect.value == .allow {
                let roots = statement.resources.map { Set($0.interpolated.references.map(\.root).filter { context.symbols.resources[$0] != nil }) }
                permitted.formUnion(roots.joined())
                if roots.contains(where: \.isEmpty) { broadServices.formUnion(statement.actions.map(\.value).map(service)) }
            }
            let roleNamed = rolesNamed.contains(name) || resource.overrides.contains { $0.role.value == "role" }
            if namedByAnyRaw.contains(name) { hasPayload = true }

            // FW4330: the environment names a resource the role has nothing on.
            if !roleNamed {
                var warned: Set<String> = []
                for variable in function.environment {
                    for reference in variable.value.interpolated.references {
                        let root = reference.root
                        guard root != name, !warned.contains(root), !permitted.contains(root),
                              let target = context.symbols.resources[root], let type = target.permissionTarget
                        else { continue }
                        if case .function = target.body, reference.path.count > 1, ["roleArn", "roleName"].contains(reference.path[1]) { continue }
                        let prefix = service(type)
                        guard !broadServices.contains(prefix), !broadServices.contains("*") else { continue }
                        warned.insert(root)
                        diagnostics.append(.unpermittedUse(function: resource.name, variable: variable, reference: reference, target: target, type: type))
                    }
                }
            }

            // FW4331: a permission on a resource nothing lets the function find.
            var known = environment.union(triggerSources).union(triggerStrings.flatMap(\.interpolated.references).map(\.root))
            for root in known.union(permitted) { known.formUnion(named[root] ?? []) }
            known.insert(name)
            // With a payload, what a raw resource or another function's environment names (its own is known
            // already): asked per permission, not gathered per function, which was quadratic.
            func passedOn(_ target: String) -> Bool {
                hasPayload && (namedByAnyRaw.contains(target) || namedByAnyEnvironment.contains(target))
            }
            let literals = function.environment.flatMap(\.value.interpolated.segments).compactMap { segment -> String? in
                if case .literal(let text) = segment { text } else { nil }
            }
            for permission in function.permissions {
                let targetName = permission.target.text
                guard !known.contains(targetName), !passedOn(targetName), let target = context.symbols.resources[targetName],
                      let type = target.permissionTarget, type.verb(permission.verb.value.rawValue) != nil,
                      !literalNameIsIn(literals, of: target),
                      // A permission already in error (PermissionTargets') is not judged again.
                      PermissionTargets.findings(permission, context.symbols).isEmpty
                else { continue }
                diagnostics.append(.unusedPermission(function: resource.name, permission: permission, target: target, type: type))
            }
        }
    }

    /// The IAM service prefix of an action (`s3:GetObject` → `s3`), `*` for `*`.
    private static func service(_ action: String) -> String {
        String(action.prefix { $0 != ":" })
    }

    /// The IAM service of a target type's actions (`s3`, `sqs`, `states`).
    private static func service(_ type: Permissions.Target) -> String {
        service(type.verbs.first?.statements.first?.actions.first ?? "")
    }

    /// Whether the literal start of the resource's written name (a bucket's
    /// `name:`, a raw resource's top-level `…Name` or `Name`) is in the
    /// literal text of the environment, or begins with a path there.
    private static func literalNameIsIn(_ literals: [String], of target: ResourceDecl) -> Bool {
        var names: [StringValue] = []
        switch target.body {
        case .bucket(let bucket): names = bucket.name.map { [$0] } ?? []
        case .raw(let raw):
            if case .object(let members, _)? = raw.properties {
                for member in members where member.key.value.hasSuffix("Name") {
                    if case .string(let string) = member.value { names.append(string) }
                }
            }
        default: break
        }
        for name in names {
            guard case .literal(let start)? = name.interpolated.segments.first, start.count >= 3 else { continue }
            if literals.contains(where: { $0.contains(start) || ($0.count >= 2 && $0.hasPrefix("/") && start.hasPrefix($0)) }) { return true }
        }
        return false
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let unpermittedUse = DiagnosticCode(
        "FW4330", .specChecks, "a function's environment names a resource its role has no permission on")
    package static let unusedPermission = DiagnosticCode(
        "FW4331", .specChecks, "a function has a permission on a resource nothing in the spec lets it find")
}

extension Diagnostic {
    static func unpermittedUse(function: Name, variable: EnvironmentVariable, reference: Reference,
                               target: ResourceDecl, type: Permissions.Target) -> Diagnostic {
        let verbs = type.verbNames
        let others = verbs.dropFirst().map { "'\($0)'" }.joined(separator: ", ")
        let noun = bareNoun(type)
        return .warning(.unpermittedUse,
                        "function '\(function.text)' is given \(noun) '\(target.name.text)' in \(variable.name.value), but its role has no permission on it",
                        at: reference.range,
                        notes: [Note("'\(target.name.text)' is declared here", at: target.name.range)],
                        help: ["add '- \(verbs[0]): \(target.name.text)'" + (others.isEmpty ? "" : " (or \(others))")
                               + " to its permissions; without one, each call it makes to the \(noun) fails with AccessDenied at run time"])
    }

    static func unusedPermission(function: Name, permission: Permission, target: ResourceDecl, type: Permissions.Target) -> Diagnostic {
        let attribute = switch target.body {
        case .bucket, .function: ".name"
        case .queue: ".url"
        default: ""
        }
        let noun = bareNoun(type)
        return Diagnostic(.note, .unusedPermission,
                          "function '\(function.text)' has '- \(permission.verb.value.rawValue): \(target.name.text)', but nothing in the spec tells it where \(noun) '\(target.name.text)' is: no environment variable, trigger or event names it",
                          at: permission.range,
                          help: ["remove the permission if the function does not use the \(noun), or pass it in the environment: '\(environmentName(target.name.text)): ${\(target.name.text)\(attribute)}'"])
    }

    /// A target's noun without its article: "a bucket" → "bucket".
    private static func bareNoun(_ type: Permissions.Target) -> String {
        String(type.noun.dropFirst(type.noun.hasPrefix("an ") ? 3 : type.noun.hasPrefix("a ") ? 2 : 0))
    }

    /// `archiveBucket` → `ARCHIVE_BUCKET`.
    private static func environmentName(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase, !result.isEmpty { result += "_" }
            result += character.uppercased()
        }
        return result
    }
}
