import FormworkDiagnostics
@testable import FormworkSema
import FormworkTestSupport
import Testing

@Suite struct NullGuardsTests {
    let header = """
        formwork: 1
        stack: demo
        parameters:
          env: { default: dev }
          source: { optional: true }
        resources:
          prodOnly: { type: AWS::SNS::Topic, when: "env == 'prod'" }

        """

    @Test func unguardedUsesAreErrorsWithBothFixIts() {
        let (_, diagnostics) = Pipeline.compile(header + """
              a: { type: AWS::SNS::Topic, properties: { TopicName: "${source}", DisplayName: "${prodOnly.TopicName}" } }
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW4010@8:59", "FW4010@8:85"])
        #expect(diagnostics[0].fixIts.map(\.message) == ["give a fallback: ${source ?? ''}"])
        #expect(diagnostics[0].fixIts[0].edits.map(\.text) == ["source ?? ''"])
        #expect(diagnostics[0].help == ["or put this under 'when: source'"])
    }

    @Test func aFallbackOrAnImplyingConditionGuards() {
        let (template, diagnostics) = Pipeline.compile(header + """
              a: { type: AWS::SNS::Topic, properties: { TopicName: "${source ?? 'none'}" } }
              b: { type: AWS::SNS::Topic, when: "source && env == 'prod'", properties: { TopicName: "${source}", DisplayName: "${prodOnly.TopicName}" } }
              c: { type: AWS::SNS::Topic, when: "env == 'prod' || source", properties: { TopicName: "${source}" } }
            """)
        // `a || b` does not imply `b`: only conjunctions count.
        #expect(Pipeline.summary(diagnostics) == ["FW4010@10:92"])
        #expect(template?.resource("B")?.condition == "HasSourceAndEnvIsProd")
    }

    @Test func namedConditionalResourcesNeedTheSameCondition() {
        let (_, diagnostics) = Pipeline.compile(header + """
              q: { kind: queue, dependsOn: [prodOnly] }
              r: { kind: queue, dependsOn: [prodOnly], when: "env == 'prod'" }
            """)
        #expect(Pipeline.summary(diagnostics).filter { $0 != "FW3057@5:3" } == ["FW4010@8:33"])
    }

    @Test func aFallbackOnAValueAlwaysPresentWarns() {
        let (_, diagnostics) = Pipeline.compile(header + """
            outputs:
              e: ${env ?? 'x'}
            """)
        #expect(Pipeline.summary(diagnostics).filter { $0 != "FW3057@5:3" } == ["FW4011@9:8"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }
}
