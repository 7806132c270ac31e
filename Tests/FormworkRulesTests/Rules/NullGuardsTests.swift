import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct NullGuardsTests {
    let header = """
        formwork: 1
        stack: demo
        parameters:
          env: { default: dev }
          ⟨sourceParameter⟩source: { optional: true }
        resources:
          prodOnly: { type: AWS::SNS::Topic, when: "env == 'prod'" }

        """

    @Test func unguardedUsesAreErrorsWithBothFixIts() {
        let text = MarkedText(header + """
              a: { type: AWS::SNS::Topic, properties: { TopicName: "${⟨optional⟩source}", DisplayName: "${⟨conditional⟩prodOnly.TopicName}" } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW4010@optional", "FW4010@conditional"])
        #expect(diagnostics[0].fixIts.map(\.message) == ["give a fallback: ${source ?? ''}"])
        #expect(diagnostics[0].fixIts[0].edits.map(\.text) == ["source ?? ''"])
        #expect(diagnostics[0].help == ["or put this under 'when: source'"])
    }

    @Test func aFallbackOrAnImplyingConditionGuards() {
        let text = MarkedText(header + """
              a: { type: AWS::SNS::Topic, properties: { TopicName: "${source ?? 'none'}" } }
              b: { type: AWS::SNS::Topic, when: "source && env == 'prod'", properties: { TopicName: "${source}", DisplayName: "${prodOnly.TopicName}" } }
              c: { type: AWS::SNS::Topic, when: "env == 'prod' || source", properties: { TopicName: "${⟨c⟩source}" } }
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        // `a || b` does not imply `b`: only conjunctions count.
        #expect(text.findings(diagnostics) == ["FW4010@c"])
        #expect(template == nil)
        let guarded = text.text.split(separator: "\n").filter { !$0.contains("  c: ") }.joined(separator: "\n")
        let (withoutC, rest) = Pipeline.compile(guarded)
        #expect(!rest.hasErrors)
        #expect(withoutC?.resource("B")?.condition == "HasSourceAndEnvIsProd")
    }

    @Test func namedConditionalResourcesNeedTheSameCondition() {
        let text = MarkedText(header + """
              q: { kind: queue, dependsOn: [⟨q⟩prodOnly] }
              r: { kind: queue, dependsOn: [prodOnly], when: "env == 'prod'" }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics).filter { $0 != "FW3057@sourceParameter" } == ["FW4010@q"])
    }

    @Test func aFallbackOnAValueAlwaysPresentWarns() {
        let text = MarkedText(header + """
            outputs:
              e: ${⟨env⟩env ?? 'x'}
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics).filter { $0 != "FW3057@sourceParameter" } == ["FW4011@env"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func nothingIsReportedUnderOrAboutAWhenThatDidNotParse() {
        let text = MarkedText(header + """
              a: { type: AWS::SNS::Topic, when: "source &&", properties: { TopicName: "${source}" } }
              b: { type: AWS::SNS::Topic, whn: source, properties: { TopicName: "${source}" } }
              c: { type: AWS::SNS::Topic, properties: { TopicName: "${a.TopicName}", DisplayName: "${b.TopicName}" } }
              d: { kind: queue, dependsOn: [a] }
            """)
        // The malformed and the misspelled `when:` are the decoder's errors; no
        // use under them, or of the resources they stand on, is reported unguarded.
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(!diagnostics.contains { $0.code == .unguardedOptional })
    }
}
