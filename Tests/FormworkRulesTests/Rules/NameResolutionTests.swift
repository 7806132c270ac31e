import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct NameResolutionTests {
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

    @Test func aParameterNothingRefersToIsAWarning() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              used: { default: a }
              inCondition: { optional: true }
              inComparison: { default: b }
              ⟨unused⟩unused: { default: c }
            resources:
              jobs: { kind: queue, when: "inCondition && inComparison == 'x'", tags: { t: "${used}" } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW3057@unused"])
        #expect(diagnostics.first?.severity == .warning)
    }
}
