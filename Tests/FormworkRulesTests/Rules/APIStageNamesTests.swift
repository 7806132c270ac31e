import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW5210 (APIStageNames): a stage name API Gateway takes.
@Suite struct APIStageNamesTests {
    /// A spec with one api whose stage is `stage`, marked `stage`.
    private func spec(stage: String) -> MarkedText {
        MarkedText("""
            formwork: 1
            stack: demo
            resources:
              jobsApi:
                kind: api
                stage: ⟨stage⟩\(stage)
                auth: none
                routes:
                  GET /a: { mock: { statusCode: 200 } }
            """)
    }

    @Test(arguments: [
        ("prod", [String]()),
        ("v1_prod-2", []),
        ("'${aws.stackName}'", []),
        ("v1.0", ["FW5210@stage"]),
        ("'a/${aws.region}'", ["FW5210@stage"]),
        ("'" + String(repeating: "a", count: 128) + "'", []),
        ("'" + String(repeating: "a", count: 129) + "'", ["FW5210@stage"]),
        ("''", ["FW5210@stage"]),
    ])
    func stageNames(stage: String, findings: [String]) {
        let text = spec(stage: stage)
        #expect(text.findings(Pipeline.compile(text.text).diagnostics) == findings, "\(stage)")
    }

    @Test func aLiteralNameIsFixedAnInterpolatedOneIsHelped() throws {
        let literal = try #require(Pipeline.compile(spec(stage: "my stage").text).diagnostics.only)
        #expect(literal.message == "stage name 'my stage' contains ' '; API Gateway takes only letters, digits, '-' and '_'")
        #expect(literal.fixIts.map(\.message) == ["write 'my-stage'"])
        let interpolated = try #require(Pipeline.compile(spec(stage: "'v1.${aws.region}'").text).diagnostics.only)
        #expect(interpolated.fixIts.isEmpty)
        #expect(interpolated.help == ["use only letters, digits, '-' and '_' around the interpolation"])
    }
}
