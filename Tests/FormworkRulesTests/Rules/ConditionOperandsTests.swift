import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct ConditionOperandsTests {
    @Test func conditionsTestParametersOnly() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
              source: { optional: true }
            resources:
              jobs: { kind: queue }
              a: { kind: queue, when: ⟨resource⟩jobs }
              b: { kind: queue, when: ⟨required⟩env }
              c: { kind: queue, when: "source && aws.region == 'eu-west-1' && env != 'dev'" }
            """)
        // Testing a resource (FW3053) and testing whether a required parameter is set (FW3058).
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW3053@resource", "FW3058@required"])
    }
}
