import FormworkDiagnostics
@testable import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct DecoderTests {
    @Test func decodesTopLevelAndParameters() throws {
        let (spec, diagnostics) = Pipeline.decode("""
            formwork: 1
            stack: media-pipeline
            description: Media ingestion
            parameters:
              env: { type: string, default: dev, pattern: "^[a-z]+$", allowed: [dev, prod], description: Suffix }
              size: { type: number, default: 3 }
              zones: { type: list, default: [a, b] }
              source: { optional: true }
            tags: { team: media, env: "${env}" }
            resources:
              jobs: { kind: queue }
            outputs:
              url: ${jobs.url}
              arn: { value: "${jobs.arn}", export: "${aws.stackName}-arn", when: source, description: The ARN }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let decoded = try #require(spec)
        #expect(decoded.stack.value == "media-pipeline")
        #expect(decoded.description?.value == "Media ingestion")
        #expect(decoded.parameters.map(\.name.text) == ["env", "size", "zones", "source"])
        #expect(decoded.parameters[0].allowed?.value == ["dev", "prod"])
        #expect(decoded.parameters[1].defaultValue?.value == .number("3"))
        #expect(decoded.parameters[2].defaultValue?.value == .list(["a", "b"]))
        #expect(decoded.parameters[3].type.value == .string)
        #expect(decoded.parameters[3].isOptional)
        #expect(decoded.tags.map(\.key.value) == ["team", "env"])
        #expect(decoded.tags[1].value.interpolated.isSingleExpression)
        #expect(decoded.outputs.count == 2)
        #expect(decoded.outputs[1].when?.text == "source")
        #expect(decoded.outputs[1].export?.text == "${aws.stackName}-arn")
    }

    @Test func unknownKeyHasDidYouMeanWithReplacement() {
        let (_, diagnostics) = Pipeline.decode("""
            formwork: 1
            stack: demo
            resources:
              jobs: { kind: queue, retentionDay: 3 }
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW2002@4:24"])
        #expect(diagnostics.first?.fixIts.first?.edits.first?.text == "retentionDays")
    }

    @Test func numbersAreCheckedNeverTrapped() {
        let (_, diagnostics) = Pipeline.decode("""
            formwork: 1
            stack: demo
            resources:
              a: { kind: queue, retentionDays: .nan }
              b: { kind: queue, retentionDays: -.inf }
              c: { kind: queue, retentionDays: 99999999999999999999999999999999999999 }
              d: { kind: queue, retentionDays: 2.5 }
              e: { kind: queue, retentionDays: "3" }
              f: { kind: queue, retentionDays: 0x0E }
              g: { kind: queue, retentionDays: 0 }
            """)
        #expect(Pipeline.summary(diagnostics) == [
            "FW2004@4:36", "FW2004@5:36", "FW2004@6:36", "FW2004@7:36", "FW2001@8:36", "FW2004@10:36",
        ])
        #expect(diagnostics.first { $0.code == .typeMismatch }?.fixIts.first?.message == "remove the quotes")
    }

    @Test func namesAreLowerCamelWithASuggestion() {
        let (_, diagnostics) = Pipeline.decode("""
            formwork: 1
            stack: demo
            resources:
              my-queue: { kind: queue }
              Jobs: { kind: queue }
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW2006@4:3", "FW2006@5:3"])
        #expect(diagnostics.map { $0.fixIts.first?.edits.first?.text } == ["myQueue", "jobs"])
    }

    @Test func dependsOnTakesANameOrAList() throws {
        let (spec, diagnostics) = Pipeline.decode("""
            formwork: 1
            stack: demo
            resources:
              a: { kind: queue, dependsOn: b }
              b: { kind: queue, dependsOn: [a, c] }
              c: { kind: queue }
            """)
        #expect(diagnostics.isEmpty)
        let resources = try #require(spec).resources
        #expect(resources[0].dependsOn.map(\.text) == ["b"])
        #expect(resources[1].dependsOn.map(\.text) == ["a", "c"])
    }

    @Test func defaultsTakeOnlyDefaultableFields() throws {
        let (spec, diagnostics) = Pipeline.decode("""
            formwork: 1
            stack: demo
            defaults:
              function: { runtime: nodejs22.x, timeout: 60, code: { inline: x } }
              bucket: { versioning: false }
              queue: { retentionDays: 4 }
              topic: {}
            resources:
              jobs: { kind: queue }
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW2002@4:49", "FW2002@7:3"])
        let defaults = try #require(spec).defaults
        #expect(defaults.function?.timeout?.value == 60)
        #expect(defaults.bucket?.versioning?.value == false)
        #expect(defaults.queue?.retentionDays?.value == 4)
    }

    @Test func functionFieldsDecode() throws {
        let (spec, diagnostics) = Pipeline.decode("""
            formwork: 1
            stack: demo
            parameters:
              source: { optional: true }
            resources:
              uploads: { kind: bucket }
              jobs: { kind: queue }
              processor:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { bucket: "artifacts-${aws.region}", key: app.zip }
                environment:
                  PLAIN: value
                  GUARDED: { value: "${source}", when: source }
                triggers:
                  - s3: { bucket: uploads, events: ["s3:ObjectCreated:*"], prefix: in/, suffix: .jpg }
                  - sqs: { queue: jobs, batchSize: 5 }
                  - schedule: rate(5 minutes)
                    when: source
                invokers:
                  - s3Bucket: ${source}
                    when: source
                permissions:
                  - read: uploads
                  - consume: jobs
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case .function(let function)? = try #require(spec).resources.last?.body else {
            Issue.record("not a function")
            return
        }
        #expect(function.environment.map(\.name.value) == ["PLAIN", "GUARDED"])
        #expect(function.environment[1].when?.text == "source")
        #expect(function.triggers.count == 3)
        #expect(function.triggers[2].when != nil)
        #expect(function.invokers.count == 1)
        #expect(function.permissions.map(\.verb.value) == [.read, .consume])
        if case .s3(let bucket, let key, _)? = function.code {
            #expect(bucket.text == "artifacts-${aws.region}")
            #expect(key.text == "app.zip")
        } else {
            Issue.record("code is not from S3")
        }
    }

    @Test func triggerWithTwoSourcesAndPermissionWithTwoVerbs() {
        let (_, diagnostics) = Pipeline.decode("""
            formwork: 1
            stack: demo
            resources:
              f:
                kind: function
                code: { inline: x }
                triggers:
                  - { schedule: rate(1 minute), sqs: { queue: q } }
                  - { when: env }
                permissions:
                  - { read: a, write: b }
            """)
        // Two sources (FW2018) and none (FW2003) are two mistakes, with two codes.
        #expect(Pipeline.summary(diagnostics) == ["FW2018@8:9", "FW2003@9:9", "FW2001@11:9"])
    }

    @Test func rawPropertiesKeepTypesAndInterpolate() throws {
        let (spec, diagnostics) = Pipeline.decode("""
            formwork: 1
            stack: demo
            resources:
              alarm:
                type: AWS::CloudWatch::Alarm
                properties:
                  Threshold: 1.5e3
                  EvaluationPeriods: 2
                  ActionsEnabled: true
                  AlarmDescription: "for ${aws.stackName}"
                  Dimensions: [{ Name: QueueName, Value: x }]
                  Unit: ~
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case .raw(let raw)? = try #require(spec).resources.first?.body,
              case .object(let members, _)? = raw.properties
        else {
            Issue.record("not a raw resource")
            return
        }
        #expect(members.map(\.key.value) == ["Threshold", "EvaluationPeriods", "ActionsEnabled", "AlarmDescription", "Dimensions", "Unit"])
        if case .number(let n, _) = members[0].value { #expect(n == "1.5e3") } else { Issue.record("Threshold") }
        if case .string(let s) = members[3].value { #expect(s.interpolated.hasExpressions) } else { Issue.record("description") }
        if case .null = members[5].value {} else { Issue.record("Unit") }
    }

    @Test func routeKeys() {
        #expect(Route.isValidPath("/"))
        #expect(Route.isValidPath("/jobs/{id}/status"))
        #expect(Route.isValidPath("/files/{proxy+}"))
        #expect(!Route.isValidPath("/files/{proxy+}/more"))
        #expect(!Route.isValidPath("jobs"))
        #expect(!Route.isValidPath("/jobs//x"))
        #expect(!Route.isValidPath("/jobs/{}"))
    }

    @Test func typeNames() {
        #expect(RawResourceSpec.isValidTypeName("AWS::SNS::Topic"))
        #expect(RawResourceSpec.isValidTypeName("Custom::Thing"))
        #expect(!RawResourceSpec.isValidTypeName("AWS::SNS"))
        #expect(!RawResourceSpec.isValidTypeName("AWS::SNS::Topic::Extra"))
        #expect(!RawResourceSpec.isValidTypeName("SNS Topic"))
    }

    @Test func aSpecWithFiveIndependentMistakesReportsFive() {
        let (_, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: Demo_Stack
            resources:
              jobs:
                kind: queue
                retentionDays: 40
                visibilityTimout: 30
              alerts:
                type: AWS::SNS::Topic
                properties:
                  TopicName: alerts-${envv}
            outputs:
              jobsArn: ${jobs.arnn}
            """)
        #expect(Pipeline.summary(diagnostics) == ["FW2008@2:8", "FW2004@6:20", "FW2002@7:5", "FW3050@11:27", "FW3051@13:19"])
    }
}
