import FormworkDiagnostics
import FormworkSpec

/// A route of an api with `auth: none` (its own, `defaults.api`'s, or the
/// built-in) whose target is a function lets anyone on the internet run
/// that function's code, with its role's permissions: a warning at each
/// such route, silenced by a waiver that says why the route is public
/// (`{rule: FW4311, reason: ...}`), which is the written reason. A mock
/// route runs no code and is not reported. For an api with such a route,
/// this is the one warning about its auth: `ExplicitAPIAuth` (FW4002,
/// auth unstated) reports only apis this rule does not, so writing
/// `auth: none` does not silence the fact that the function is open.
/// An `auth:` that did not decode is the decoder's error, not this warning.
enum OpenFunctionRoutes: SpecRule {
    static let summary = "a function behind an open route says why it is open"
    static let codes: [DiagnosticCode] = [.openFunctionRoute]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .api(let api) = resource.body else { continue }
            for route in openFunctionRoutes(api) {
                guard case .function(let function) = route.target else { continue }
                diagnostics.append(.openFunctionRoute(route, function: function, api: resource.name, auth: api.auth))
            }
        }
    }

    /// The routes of `api` that reach a function with no authorization.
    static func openFunctionRoutes(_ api: APISpec) -> [Route] {
        guard api.auth.value == .none, !api.unreadKeys.contains("auth") else { return [] }
        return (api.routes?.value ?? []).filter {
            if case .function = $0.target { return true }
            return false
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let openFunctionRoute = DiagnosticCode(
        "FW4311", .specChecks, "a route lets anyone call a function, without a written reason",
        reference: DocumentationPage(
            "Amazon API Gateway Developer Guide, \"Control access to a REST API with IAM permissions\"",
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html"))
}

extension Diagnostic {
    static func openFunctionRoute(_ route: Route, function: Name, api: Name, auth: Located<APIAuth>) -> Diagnostic {
        let whence = switch auth.provenance {
        case .written: "'auth: none'"
        case .defaults: "'auth: none' from defaults.api"
        case .builtIn: "no 'auth' (so none)"
        }
        let key = "\(route.method.value) \(route.path.value)"
        return .warning(.openFunctionRoute,
                        "route '\(key)' of api '\(api.text)' has \(whence): anyone can call function '\(function.text)'",
                        at: route.keyRange,
                        help: ["write 'auth: iam' on '\(api.text)' to require signed requests; if the route is meant to be public, "
                            + "add to '\(api.text)' a waiver saying why: 'waivers: [{rule: FW4311, reason: ...}]'"])
    }
}
