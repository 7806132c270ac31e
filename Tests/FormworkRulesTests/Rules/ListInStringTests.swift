import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct ListInStringTests {
    @Test func aListStandsAloneOrNotAtAll() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              zones: { type: list, default: [a, b] }
            resources:
              topic:
                type: AWS::SNS::Topic
                properties:
                  TopicName: "topic-${⟨inString⟩zones}"
                  DisplayName: ${zones}
                  KmsMasterKeyId: "${⟨withFallback⟩zones ?? 'x'}"
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        // With a fallback, the expression is still the whole value.
        #expect(text.findings(diagnostics).filter { $0.hasPrefix("FW3056") } == ["FW3056@inString"])
    }
}
