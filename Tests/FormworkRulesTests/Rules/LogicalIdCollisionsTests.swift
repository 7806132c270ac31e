import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct LogicalIdCollisionsTests {
    @Test func collisionNamesBothPlaces() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              ⟨parameter⟩jobs: { default: x }
            resources:
              ⟨resource⟩jobs: { kind: queue }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW3057@parameter", "FW3054@resource"])
        #expect(diagnostics.last?.notes.first?.range?.start == text.location("parameter"))
    }
}
