import FormworkDiagnostics
@testable import FormworkSema
import FormworkTestSupport
import Testing

@Suite struct NameResolutionTests {
    @Test func referencesResolveWithDidYouMeanAtTheColumn() {
        let (_, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
            resources:
              jobs: { kind: queue }
              topic:
                type: AWS::SNS::Topic
                properties:
                  TopicName: "x-${envv}-${jobs.arm}-${aws.regin}-${env.x}"
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW3050@10:23", "FW3051@10:36", "FW3051@10:47", "FW3051@10:60"])
        #expect(diagnostics.compactMap { $0.fixIts.first?.edits.first?.text } == ["env", "arn", "region"])
    }

    @Test func rawAttributesComeFromTheTypeTableWhenKnown() {
        let (_, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            resources:
              topic: { type: AWS::SNS::Topic }
              thing: { type: Custom::Thing }
            outputs:
              a: ${topic.TopicArn}
              b: ${topic.Arn}
              c: ${thing.Anything.Nested}
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW3051@8:14"])
        #expect(diagnostics.first?.help.first?.contains("TopicArn") == true)
    }

    @Test func namedResourcesMustBeOfTheRightKind() {
        let (_, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            resources:
              topic: { type: AWS::SNS::Topic }
              jobs: { kind: queue, deadLetter: { queue: topic }, dependsOn: [jobz] }
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW3052@5:45", "FW3050@5:66"])
    }

    @Test func conditionsTestParametersOnly() {
        let (_, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
              source: { optional: true }
            resources:
              jobs: { kind: queue }
              a: { kind: queue, when: jobs }
              b: { kind: queue, when: env }
              c: { kind: queue, when: "source && aws.region == 'eu-west-1' && env != 'dev'" }
            """)
        // Testing a resource (FW3053) and testing whether a required parameter is set (FW3058).
        #expect(Pipeline.summary(diagnostics) == ["FW3053@8:27", "FW3058@9:27"])
    }

    @Test func collisionNamesBothPlaces() {
        let (_, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            parameters:
              jobs: { default: x }
            resources:
              jobs: { kind: queue }
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW3057@4:3", "FW3054@6:3"])
        #expect(diagnostics.last?.notes.first?.range?.start.line == 4)
    }

    @Test func aFailedDeclarationIsNotReportedAgainAsUnknown() {
        let (_, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            resources:
              broken: { kind: queu }
              jobs: { kind: queue, dependsOn: [broken] }
            outputs:
              a: ${broken}
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW2012@4:19"])
    }

    @Test func aParameterNothingRefersToIsAWarning() {
        let (_, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            parameters:
              used: { default: a }
              inCondition: { optional: true }
              inComparison: { default: b }
              unused: { default: c }
            resources:
              jobs: { kind: queue, when: "inCondition && inComparison == 'x'", tags: { t: "${used}" } }
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW3057@7:3"])
        #expect(diagnostics.first?.severity == .warning)
    }
}
