import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW5200–FW5202 (APIRoutes): distinct routes, one variable segment a level, logical IDs apart.
@Suite struct APIRoutesTests {
    /// A spec with one api `jobsApi` (marked `api`) whose routes are `routes`, and a function `worker`.
    private func spec(_ routes: String, cors: Bool = false) -> MarkedText {
        MarkedText("""
            formwork: 1
            stack: demo
            resources:
              ⟨api⟩jobsApi:
                kind: api
                stage: prod
                auth: iam
            \(cors ? "    cors: { allowOrigin: '*' }\n" : "")    routes:
            \(routes)
              worker:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => ({})" }
            """)
    }

    private func findings(_ text: MarkedText) -> [String] {
        text.findings(Pipeline.compile(text.text).diagnostics)
    }

    @Test func aRouteWrittenTwiceIsReportedOnceAtTheSecond() throws {
        let text = spec("""
                  ⟨first⟩GET /a: { mock: { statusCode: 200 } }
                  ⟨second⟩'GET  /a': { mock: { statusCode: 200 } }
            """)
        let diagnostics = Pipeline.compile(text.text).diagnostics
        #expect(text.findings(diagnostics) == ["FW5200@second"])
        let note = try #require(diagnostics.only?.notes.first)
        #expect(note.range?.start == text.location("first"))
    }

    @Test func twoVariableSegmentsUnderOneParentAreReportedOncePerPath() {
        let text = spec("""
                  ⟨x⟩GET /a/{x}: { mock: { statusCode: 200 } }
                  ⟨y⟩GET /a/{y}/z: { mock: { statusCode: 200 } }
                  PUT /a/{y}/z: { mock: { statusCode: 200 } }
            """)
        #expect(findings(text) == ["FW5201@y"])
    }

    @Test func oneVariableSegmentAndStaticSiblingsAreFine() {
        let text = spec("""
                  GET /a/{x}: { mock: { statusCode: 200 } }
                  GET /a/{x}/z: { mock: { statusCode: 200 } }
                  ANY /a/b: { mock: { statusCode: 200 } }
                  GET /a/b: { mock: { statusCode: 200 } }
                  POST /a/b: { function: worker }
            """, cors: true)
        #expect(findings(text) == [])
    }

    @Test func logicalIdCollisionsAreReportedOncePerRoute() {
        let text = spec("""
                  GET /a-b: { mock: { statusCode: 200 } }
                  ⟨aB⟩GET /aB: { mock: { statusCode: 200 } }
                  ⟨status⟩GET /status: { mock: { statusCode: 200 } }
                  POST /get/status: { mock: { statusCode: 200 } }
            """)
        // The path /get/status is claimed first (paths before methods), so the route is the one reported.
        #expect(findings(text) == ["FW5202@aB", "FW5202@status"])
    }

    @Test func generatedIDsClashWithTheStageAndEachOther() {
        let stage = spec("      ⟨stage⟩GET /stage: { mock: { statusCode: 200 } }")
        #expect(findings(stage) == ["FW5202@stage"])
        let preflight = spec("""
                  ⟨a⟩GET /a: { mock: { statusCode: 200 } }
                  GET /options/a: { mock: { statusCode: 200 } }
            """, cors: true)
        #expect(findings(preflight) == ["FW5202@a"])
        let permission = spec("""
                  ⟨get⟩GET /x: { function: worker }
                  GET /get/x/permission: { mock: { statusCode: 200 } }
            """)
        // The permission of GET /x and the path /get/x/permission are both JobsApiGetXPermission.
        #expect(findings(permission) == ["FW5202@get"])
    }

    @Test func aRepeatedRouteIsNotAlsoAnIDCollision() {
        let text = spec("""
                  GET /a: { function: worker }
                  ⟨again⟩"GET  /a": { function: worker }
            """)
        #expect(findings(text) == ["FW5200@again"])
    }
}
