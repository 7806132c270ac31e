import FormworkDiagnostics
import FormworkSpec

/// An api's `cors.allowOrigin` is `*` or an origin, `scheme://host[:port]`
/// with no path, as browsers compare it with a request's `Origin`. The api
/// sends it as a quoted static header value (`'https://example.com'`), so it
/// can never contain `'`, interpolated or not; an interpolated value is
/// otherwise not known yet and not checked further.
enum APIAllowOrigins: SpecRule {
    static let summary = "an api's cors allowOrigin is '*' or an origin"
    static let codes: [DiagnosticCode] = [.invalidAllowOrigin]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .api(let api) = resource.body, let cors = api.cors, cors.allowOrigin.interpolated.isWhole else { continue }
            if let diagnostic = check(cors.allowOrigin) { diagnostics.append(diagnostic) }
        }
    }

    /// The one finding about an origin, or nil when it is valid as far as it shows.
    static func check(_ origin: StringValue) -> Diagnostic? {
        for segment in origin.interpolated.segments {
            if case .literal(let text) = segment, text.contains("'") { return .allowOriginQuote(origin) }
        }
        guard !origin.interpolated.hasExpressions, origin.text != "*" else { return nil }
        let text = origin.text
        guard let schemeEnd = text.firstRange(of: "://"), !text[..<schemeEnd.lowerBound].isEmpty else {
            return .allowOriginNotAnOrigin(origin, replacement: nil)
        }
        let rest = text[schemeEnd.upperBound...]
        if rest.isEmpty { return .allowOriginNotAnOrigin(origin, replacement: nil) }
        if let slash = rest.firstIndex(of: "/") {
            let trimmed = String(text[..<slash])
            return .allowOriginNotAnOrigin(origin, replacement: rest[..<slash].isEmpty ? nil : trimmed)
        }
        return nil
    }
}

extension DiagnosticCode {
    package static let invalidAllowOrigin = DiagnosticCode("FW5211", .specChecks, "an api's cors allowOrigin is not an origin")
}

extension Diagnostic {
    static func allowOriginQuote(_ origin: StringValue) -> Diagnostic {
        .error(.invalidAllowOrigin, "allowOrigin '\(origin.text)' contains a quote (')", at: origin.range,
               help: ["write '*' or an origin like 'https://example.com'"])
    }

    static func allowOriginNotAnOrigin(_ origin: StringValue, replacement: String?) -> Diagnostic {
        let message = "allowOrigin '\(origin.text)' is not '*' or an origin (scheme://host[:port], no path)"
        guard let replacement else {
            return .error(.invalidAllowOrigin, message, at: origin.range, help: ["write '*' or an origin like 'https://example.com'"])
        }
        return .error(.invalidAllowOrigin, message, at: origin.range,
                      fixIts: [FixIt("write '\(replacement)'", replacing: origin.range, with: replacement)])
    }
}
