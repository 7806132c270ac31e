import FormworkDiagnostics
import FormworkSpec

/// An api's `cors` with `allowCredentials: true` names its origin: a
/// browser refuses a credentialed response (cookies, `Authorization`) whose
/// `Access-Control-Allow-Origin` is `*` (the Fetch standard's CORS check
/// fails, MDN: "Credentials are not supported if the CORS header
/// 'Access-Control-Allow-Origin' is '*'"), so the api could never be
/// called with credentials. An error at `allowCredentials`. An
/// interpolated origin is not known yet and not checked.
enum CORSCredentials: SpecRule {
    static let summary = "an api's cors with credentials names its origin"
    static let codes: [DiagnosticCode] = [.credentialsWithAnyOrigin]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .api(let api) = resource.body, let cors = api.cors,
                  let credentials = cors.allowCredentials, credentials.value,
                  !cors.allowOrigin.interpolated.hasExpressions, cors.allowOrigin.text == "*" else { continue }
            diagnostics.append(.credentialsWithAnyOrigin(credentials, origin: cors.allowOrigin))
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let credentialsWithAnyOrigin = DiagnosticCode(
        "FW4312", .specChecks, "an api's cors allows credentials from any origin")
}

extension Diagnostic {
    static func credentialsWithAnyOrigin(_ credentials: Located<Bool>, origin: StringValue) -> Diagnostic {
        .error(.credentialsWithAnyOrigin,
               "'allowCredentials: true' with 'allowOrigin: \"*\"': browsers refuse credentialed responses to any origin",
               at: credentials.range,
               notes: [Note("the origin is '*' here", at: origin.range)],
               help: ["name the origin that sends credentials, like 'allowOrigin: \"https://app.example.com\"', "
                   + "or remove 'allowCredentials: true'"])
    }
}
