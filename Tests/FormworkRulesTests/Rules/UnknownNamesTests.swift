import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct UnknownNamesTests {
    @Test func referencesResolveWithDidYouMeanAtTheColumn() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
            resources:
              jobs: { kind: queue }
              topic:
                type: AWS::SNS::Topic
                properties:
                  TopicName: "x-${⟨parameter⟩envv}-${jobs.⟨attribute⟩arm}-${aws.⟨pseudo⟩regin}-${env.⟨member⟩x}"
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW3050@parameter", "FW3051@attribute", "FW3051@pseudo", "FW3051@member"])
        #expect(diagnostics.compactMap { $0.fixIts.first?.edits.first?.text } == ["env", "arn", "region"])
    }

    @Test func rawAttributesComeFromTheTypeTableWhenKnown() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              topic: { type: AWS::SNS::Topic }
              thing: { type: Custom::Thing }
            outputs:
              a: ${topic.TopicArn}
              b: ${topic.⟨arn⟩Arn}
              c: ${thing.Anything.Nested}
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW3051@arn"])
        #expect(diagnostics.first?.help.first?.contains("TopicArn") == true)
    }

    @Test func aFailedDeclarationIsNotReportedAgainAsUnknown() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              broken: { kind: ⟨kind⟩queu }
              jobs: { kind: queue, dependsOn: [broken] }
            outputs:
              a: ${broken}
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW2012@kind"])
    }
}
