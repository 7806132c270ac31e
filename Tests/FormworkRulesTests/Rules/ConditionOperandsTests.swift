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

    @Test func aParameterWhoseOptionalOrTypeDidNotDecodeIsNotJudgedOnIt() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              source: { ⟨optional⟩optinal: true }
              flag: { optional: ⟨quoted⟩"true" }
              zones: { type: ⟨type⟩lst, default: [a, b] }
            resources:
              a: { kind: queue, when: source, tags: { z: "${zones}" } }
              b: { kind: queue, when: flag }
            """)
        // Not also "always set" (FW3058), nor "expected a string" for the list default.
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW2002@optional", "FW2001@quoted", "FW2005@type"])
    }
}
