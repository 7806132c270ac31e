import FormworkDiagnostics
import FormworkSpec

/// An api whose `auth` neither it nor `defaults.api` states is open to
/// anyone (the built-in is `none`): a warning, so an open API is a choice
/// someone wrote down. An api with a route to a function is
/// `OpenFunctionRoutes`' to report (FW4311, at each such route), which a
/// stated `auth: none` does not silence: one warning for one fact. An
/// `auth:` that did not decode (`auth: cognito`, here or in
/// `defaults.api`) is the decoder's error, not this warning.
enum ExplicitAPIAuth: SpecRule {
    static let summary = "an api states its auth"
    static let codes: [DiagnosticCode] = [.implicitAuthNone]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .api(let api) = resource.body, api.auth.provenance == .builtIn,
                  !api.unreadKeys.contains("auth"),
                  OpenFunctionRoutes.openFunctionRoutes(api).isEmpty else { continue }
            diagnostics.append(.implicitAuthNone(resource.name))
        }
    }
}

extension DiagnosticCode {
    package static let implicitAuthNone = DiagnosticCode("FW4002", .specChecks, "an API leaves auth unstated, so it is open to anyone")
}

extension Diagnostic {
    static func implicitAuthNone(_ name: Name) -> Diagnostic {
        .warning(.implicitAuthNone, "api '\(name.text)' does not say 'auth', so anyone can call it", at: name.range,
                 help: ["write 'auth: none' to make an open API explicit, or 'auth: iam' to require signed requests"])
    }
}
