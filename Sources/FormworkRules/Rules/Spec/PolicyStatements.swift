import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A function's `statements:` say what IAM takes: each action is
/// `service:Action` (`dynamodb:DeleteItem`; `*` and `?` wildcards allowed
/// in the action's name), each resource an ARN (`arn:…`, or an
/// interpolation of one, `${orders.Arn}`; a bucket's, queue's or
/// function's `Ref`, `name` or `url` is not one: `${jobs.arn}` is). An allowing statement with the
/// action `*` (every action of every service) or the resource `*` (every
/// resource) is a warning (unless its actions all take no resource,
/// `IAM.actionsWithoutResources`, which IAM grants only on `*`), since it grants far more than a function needs;
/// one with both is an error: it makes the function an administrator. A
/// denying statement may use either. A statement's resource may not name
/// the function itself (`${worker.arn}` in `worker`'s statements): its role
/// would wait for the function, which waits for its role; `- invoke:
/// worker` grants that without the cycle.
enum PolicyStatements: SpecRule {
    static let summary = "a function's statements name actions and ARNs, not everything"
    static let codes: [DiagnosticCode] = [
        .malformedAction, .statementResourceNotArn, .wildcardAction, .wildcardResource, .wildcardStatement,
        .statementNamesItsOwnFunction,
    ]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for declaration in context.spec.resources {
            guard case .function(let function) = declaration.body else { continue }
            for statement in function.statements {
                for action in statement.actions where action.value != "*" && !isAction(action.value) {
                    diagnostics.append(.malformedAction(action))
                }
                for resource in statement.resources {
                    if let diagnostic = check(resource, symbols: context.symbols) { diagnostics.append(diagnostic) }
                    for reference in resource.interpolated.references where reference.root == declaration.name.text {
                        diagnostics.append(.statementNamesItsOwnFunction(reference))
                    }
                }
                guard statement.effect.value == .allow else { continue }
                let allActions = statement.actions.first { $0.value == "*" }
                let onlyUnscoped = statement.actions.allSatisfy { IAM.actionsWithoutResources.contains($0.value) }
                let allResources = onlyUnscoped ? nil : statement.resources.first { $0.text == "*" }
                switch (allActions, allResources) {
                case (let action?, let resource?): diagnostics.append(.wildcardStatement(action: action, resource: resource))
                case (let action?, nil): diagnostics.append(.wildcardAction(action))
                case (nil, let resource?): diagnostics.append(.wildcardResource(resource))
                case (nil, nil): break
                }
            }
        }
    }

    /// `service:Action`: a service prefix of letters, digits and hyphens, and
    /// an action name of letters and digits with `*` and `?` wildcards.
    /// Source: IAM User Guide, "IAM JSON policy elements: Action".
    static func isAction(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let service = parts[0].unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-" }
        let action = parts[1].unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "*" || $0 == "?" }
        return service && action
    }

    /// What a component's attributes hold that is not an ARN (its `Ref` among them, as "").
    private static let componentNonArns = ["", "name", "url", "domainName", "regionalDomainName"]

    /// The finding about a resource that is neither `*` nor an ARN.
    private static func check(_ resource: StringValue, symbols: SymbolTable) -> Diagnostic? {
        // `${uploads}`, `${jobs.url}`: a bucket's, queue's or function's name or URL where its ARN belongs.
        if case .expression(.reference(let reference))? = resource.interpolated.segments.first, reference.path.count <= 2,
           let target = symbols.resources[reference.root], componentNonArns.contains(reference.path.dropFirst().first ?? "") {
            switch target.body {
            case .bucket, .queue, .function: return .componentValueNotArn(reference, kind: target.body.kind?.rawValue ?? "")
            default: return nil
            }
        }
        guard resource.text != "*", case .literal(let text)? = resource.interpolated.segments.first,
              !text.hasPrefix("arn:")
        else { return nil }
        // A resource's name written where its ARN belongs.
        var suggestion: String?
        if !resource.interpolated.hasExpressions, let target = symbols.resources[resource.text] {
            switch target.body {
            case .bucket, .queue, .function: suggestion = "${\(target.name.text).arn}"
            case .raw(let raw) where ResourceSchemas.schema(for: raw.type.value)?.attributes.contains("Arn") == true:
                suggestion = "${\(target.name.text).Arn}"
            default: break
            }
        }
        return .statementResourceNotArn(resource, suggestion: suggestion)
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let malformedAction = DiagnosticCode(
        "FW4244", .specChecks, "a statement's action is not 'service:Action'",
        reference: DocumentationPage(
            "IAM User Guide, \"IAM JSON policy elements: Action\"",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html"))
    package static let statementResourceNotArn = DiagnosticCode(
        "FW4245", .specChecks, "a statement's resource is not an ARN",
        reference: DocumentationPage(
            "IAM User Guide, \"IAM JSON policy elements: Resource\"",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html"))
    package static let wildcardAction = DiagnosticCode("FW4246", .specChecks, "a statement allows every action ('*')")
    package static let wildcardResource = DiagnosticCode("FW4247", .specChecks, "a statement allows its actions on every resource ('*')")
    package static let wildcardStatement = DiagnosticCode(
        "FW4248", .specChecks, "a statement allows every action on every resource")
    package static let statementNamesItsOwnFunction = DiagnosticCode(
        "FW4249", .specChecks, "a function's statement names the function itself, which its role would wait for")
}

extension Diagnostic {
    static func malformedAction(_ action: Located<String>) -> Diagnostic {
        .error(.malformedAction, "'\(action.value)' is not an action; an action is 'service:Action', like 'dynamodb:DeleteItem'",
               at: action.range)
    }

    static func statementResourceNotArn(_ resource: StringValue, suggestion: String?) -> Diagnostic {
        let message = "resource '\(resource.text)' is not an ARN; a statement's resource starts with 'arn:' or is an interpolation of one"
        guard let suggestion else {
            return .error(.statementResourceNotArn, message, at: resource.range,
                          help: ["write the ARN, like 'arn:${aws.partition}:ssm:${aws.region}:${aws.accountId}:parameter/app/*', or a resource's, like '${orders.Arn}'"])
        }
        return .error(.statementResourceNotArn, message, at: resource.range,
                      fixIts: [FixIt("write '\(suggestion)'", replacing: resource.range, with: "'\(suggestion)'")])
    }

    static func componentValueNotArn(_ reference: Reference, kind: String) -> Diagnostic {
        let what = reference.path.count > 1 ? reference.path[1] : kind == "queue" ? "URL" : "name"
        let replacement = "\(reference.root).arn"
        return .error(.statementResourceNotArn,
                      "'${\(reference.dotted)}' is the \(kind)'s \(what), not its ARN; a statement's resource is an ARN, ${\(replacement)}",
                      at: reference.range, fixIts: [FixIt("write \(replacement)", replacing: reference.range, with: replacement)])
    }

    static func statementNamesItsOwnFunction(_ reference: Reference) -> Diagnostic {
        let cycle = reference.path.dropFirst().first?.hasPrefix("role") == true
            ? "names this function's role in the role's own policy, which cannot wait for itself"
            : "names this function in its own role's policy: the role would wait for the function, which waits for its role"
        return .error(.statementNamesItsOwnFunction, "'${\(reference.dotted)}' \(cycle)", at: reference.range,
               help: ["to let the function invoke itself, write '- invoke: \(reference.root)' in its permissions (its ARN is built from its name)"])
    }

    static func wildcardAction(_ action: Located<String>) -> Diagnostic {
        .warning(.wildcardAction, "action '*' allows every action of every service on these resources", at: action.range,
                 help: ["name the actions the function calls, like 'dynamodb:GetItem', or a service's, like 'dynamodb:*'"])
    }

    static func wildcardResource(_ resource: StringValue) -> Diagnostic {
        .warning(.wildcardResource, "resource '*' allows these actions on every resource in the account", at: resource.range,
                 help: ["name the resources' ARNs, like '${orders.Arn}'; keep '*' only for actions that take no resource"])
    }

    static func wildcardStatement(action: Located<String>, resource: StringValue) -> Diagnostic {
        .error(.wildcardStatement, "this statement allows every action on every resource, making the function an administrator",
               at: action.range, notes: [Note("resource '*' is here", at: resource.range)],
               help: ["name the actions and the resources' ARNs the function needs"])
    }
}
