import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct ResourceReferencesTests {
    @Test func namedResourcesMustBeOfTheRightKind() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              topic: { type: AWS::SNS::Topic }
              jobs: { kind: queue, deadLetter: { queue: ⟨topic⟩topic }, dependsOn: [⟨jobz⟩jobz] }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW3052@topic", "FW3050@jobz"])
    }

    @Test func aResourceCannotDependOnItself() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              jobs: { kind: queue, dependsOn: [⟨self⟩jobs] }
              other: { kind: queue, dependsOn: [jobs] }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW3055@self"])
        #expect(diagnostics.first?.help == ["remove 'jobs' from its dependsOn"])
    }
}
