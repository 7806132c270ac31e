import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW5211 (APIAllowOrigins): cors allowOrigin is '*' or an origin.
@Suite struct APIAllowOriginsTests {
    /// A spec with one api whose cors allowOrigin is `origin`, marked `origin`.
    private func spec(origin: String) -> MarkedText {
        MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              host: { type: string, default: example.com }
            resources:
              jobsApi:
                kind: api
                stage: prod
                auth: none
                cors: { allowOrigin: ⟨origin⟩"\(origin)" }
                routes:
                  GET /a: { mock: { statusCode: 200 } }
            """)
    }

    @Test(arguments: [
        ("*", [String]()),
        ("https://example.com", []),
        ("http://localhost:3000", []),
        ("https://${host}", []),
        ("https://example.com/", ["FW5211@origin"]),
        ("example.com", ["FW5211@origin"]),
        ("https://", ["FW5211@origin"]),
        ("://example.com", ["FW5211@origin"]),
        ("https://${host}'", ["FW5211@origin"]),
    ])
    func allowOrigins(origin: String, findings: [String]) {
        let text = spec(origin: origin)
        // The fixture's `host` is used by the interpolated cases only.
        let diagnostics = Pipeline.compile(text.text).diagnostics.without(.unusedParameter)
        #expect(text.findings(diagnostics) == findings, "\(origin)")
    }

    @Test func aPathIsFixedByCuttingItOff() throws {
        let diagnostic = try #require(Pipeline.compile(spec(origin: "https://app.example.com/x").text).diagnostics.with(.invalidAllowOrigin).only)
        #expect(diagnostic.fixIts.map(\.message) == ["write 'https://app.example.com'"])
        let quoted = try #require(Pipeline.compile(spec(origin: "https://${host}'").text).diagnostics.with(.invalidAllowOrigin).only)
        #expect(quoted.message == "allowOrigin 'https://${host}'' contains a quote (')")
        #expect(quoted.fixIts.isEmpty)
    }
}
