import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW4310 (PublicBuckets), FW4311 (OpenFunctionRoutes), FW4312 (CORSCredentials).
@Suite struct PublicExposureTests {
    static let function = "kind: function, runtime: python3.12, handler: a.b, code: { inline: x }"

    @Test func aPublicBucketIsAWarningUntilAWaiverSaysWhy() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              bucket: { publicAccess: ⟨default⟩allowed }
            resources:
              ⟨site⟩site: { kind: bucket }
              own: { kind: bucket, publicAccess: ⟨own⟩allowed }
              closed: { kind: bucket, publicAccess: blocked }
              waived:
                kind: bucket
                publicAccess: allowed
                waivers: [{ rule: FW4310, reason: assets served to anyone }]
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(template != nil)
        #expect(text.findings(diagnostics) == ["FW4310@site", "FW4310@own"])
        #expect(diagnostics.first?.notes.first?.range?.start == text.location("default"))
    }

    @Test func anOpenRouteToAFunctionIsAWarningAndAMockIsNot() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              work: { \(Self.function) }
              open:
                kind: api
                stage: live
                auth: none
                routes:
                  ⟨get⟩GET /work: { function: work }
                  GET /health: { mock: { statusCode: 200 } }
              signed:
                kind: api
                stage: live
                auth: iam
                routes:
                  GET /work: { function: work }
              mocked:
                ⟨mocked⟩kind: api
                stage: live
                routes:
                  GET /health: { mock: { statusCode: 200 } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics.with(.openFunctionRoute)) == ["FW4311@get"])
        #expect(diagnostics.first { $0.code == .openFunctionRoute }?.message
            == "route 'GET /work' of api 'open' has 'auth: none': anyone can call function 'work'")
    }

    @Test func credentialsNeedANamedOrigin() {
        func findings(_ origin: String) -> [DiagnosticCode] {
            Pipeline.compile("""
                formwork: 1
                stack: demo
                resources:
                  api:
                    kind: api
                    stage: live
                    auth: iam
                    cors: { allowOrigin: \(origin), allowCredentials: true }
                    routes:
                      GET /me: { mock: { statusCode: 200 } }
                """).diagnostics.map(\.code)
        }
        #expect(findings("\"*\"") == [.credentialsWithAnyOrigin])
        #expect(findings("https://app.example.com").isEmpty)
    }
}
