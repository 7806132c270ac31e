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
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              jobs: { kind: queue, ⟨typo⟩retentionDay: 3 }
            """)
        let (_, diagnostics) = Pipeline.decode(text.text)
        #expect(text.findings(diagnostics) == ["FW2002@typo"])
        #expect(diagnostics.first?.fixIts.first?.edits.first?.text == "retentionDays")
    }

    @Test func numbersAreCheckedNeverTrapped() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              a: { kind: queue, retentionDays: ⟨nan⟩.nan }
              b: { kind: queue, retentionDays: ⟨inf⟩-.inf }
              c: { kind: queue, retentionDays: ⟨huge⟩99999999999999999999999999999999999999 }
              d: { kind: queue, retentionDays: ⟨fraction⟩2.5 }
              e: { kind: queue, retentionDays: ⟨quoted⟩"3" }
              f: { kind: queue, retentionDays: 0x0E }
              g: { kind: queue, retentionDays: ⟨zero⟩0 }
            """)
        let (_, diagnostics) = Pipeline.decode(text.text)
        #expect(text.findings(diagnostics) == [
            "FW2004@nan", "FW2004@inf", "FW2004@huge", "FW2004@fraction", "FW2001@quoted", "FW2004@zero",
        ])
        #expect(diagnostics.with(.typeMismatch).first?.fixIts.first?.message == "remove the quotes")
    }

    @Test func namesAreLowerCamelWithASuggestion() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              ⟨dashed⟩my-queue: { kind: queue }
              ⟨capital⟩Jobs: { kind: queue }
            """)
        let (_, diagnostics) = Pipeline.decode(text.text)
        #expect(text.findings(diagnostics) == ["FW2006@dashed", "FW2006@capital"])
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
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              function: { runtime: nodejs22.x, timeout: 60, ⟨code⟩code: { inline: x } }
              bucket: { versioning: false }
              queue: { retentionDays: 4 }
              ⟨topic⟩topic: {}
            resources:
              jobs: { kind: queue }
            """)
        let (spec, diagnostics) = Pipeline.decode(text.text)
        #expect(text.findings(diagnostics) == ["FW2002@code", "FW2002@topic"])
        let defaults = try #require(spec).defaults
        #expect(defaults.function?.timeout.value == 60)
        #expect(defaults.bucket?.versioning.value == false)
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
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              f:
                kind: function
                code: { inline: x }
                triggers:
                  - ⟨twoSources⟩{ schedule: rate(1 minute), sqs: { queue: q } }
                  - ⟨noSource⟩{ when: env }
                permissions:
                  - ⟨permission⟩{ read: a, write: b }
            """)
        let (_, diagnostics) = Pipeline.decode(text.text)
        // Two sources (FW2018) and none (FW2003) are two mistakes, with two codes.
        #expect(text.findings(diagnostics) == ["FW2018@twoSources", "FW2003@noSource", "FW2001@permission"])
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
        #expect(RawResourceSpec.isValidTypeName("Org::Service::Name::MODULE"))
        #expect(RawResourceSpec.isValidTypeName("My-Org::Some_Service::Thing2"))
        #expect(!RawResourceSpec.isValidTypeName("Org::Service::MODULE"))
        #expect(!RawResourceSpec.isValidTypeName("Custom::A::B"))
        for bad in ["AWS:SNS:Topic", "AWS:::SNS::Topic", "AWS::SNS::", "::SNS::Topic", "AWS::SNS::Tópic", "", "AWS::SNS::Topic:"] {
            #expect(!RawResourceSpec.isValidTypeName(bad), "\(bad)")
        }
    }

    @Test func aSpecWithFiveIndependentMistakesReportsFive() {
        let text = MarkedText("""
            formwork: 1
            stack: ⟨stack⟩Demo_Stack
            resources:
              jobs:
                kind: queue
                retentionDays: ⟨days⟩40
                ⟨typo⟩visibilityTimout: 30
              alerts:
                type: AWS::SNS::Topic
                properties:
                  TopicName: alerts-${⟨parameter⟩envv}
            outputs:
              jobsArn: ${jobs.⟨attribute⟩arnn}
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW2008@stack", "FW2004@days", "FW2002@typo", "FW3050@parameter", "FW3051@attribute"])
    }

    @Test func aDeclarationThatDoesNotDecodeKeepsItsNameAndNothingElse() throws {
        let (spec, diagnostics) = Pipeline.decode("""
            formwork: 1
            stack: demo
            parameters:
              Env: { default: dev }
              mode: prod
              size: { type: number }
            resources:
              noKind: { when: mode, dependsOn: [jobs] }
              both: { kind: queue, type: AWS::SNS::Topic }
              unknown: { kind: queu }
              badType: { type: SNS }
              notMapping: queue
              my-topic: { type: AWS::SNS::Topic }
              jobs: { kind: queue }
            """)
        #expect(diagnostics.map(\.code.rawValue) == ["FW2006", "FW2001", "FW2006", "FW2011", "FW2011", "FW2012", "FW2016", "FW2001"])
        let decoded = try #require(spec)
        #expect(decoded.parameters.map(\.name.text) == ["Env", "mode", "size"])
        #expect(decoded.parameters.map(\.isUndecodable) == [true, true, false])
        #expect(decoded.resources.map(\.name.text) == ["noKind", "both", "unknown", "badType", "notMapping", "my-topic", "jobs"])
        #expect(decoded.resources.map { $0.body.kind?.rawValue ?? "-" } == ["-", "-", "-", "-", "-", "-", "queue"])
        #expect(decoded.resources[0].when == nil && decoded.resources[0].dependsOn.isEmpty)
    }

    @Test func aMisspelledKeyIsNotAlsoReportedMissing() {
        let text = MarkedText("""
            formwork: 1
            ⟨stack⟩stak: demo
            resources:
              jobs: { kind: queue }
              worker:
                kind: function
                ⟨code⟩cod: { inline: x }
                triggers:
                  - ⟨sqs⟩SQS: { queue: jobs }
                  - { s3: { ⟨bucket⟩buckt: uploads } }
                  - ⟨noSource⟩{ ⟨when⟩whn: x }
                permissions:
                  - ⟨verb⟩raed: jobs
              packaged:
                kind: function
                code: { ⟨inline⟩inlin: x }
              api:
                kind: api
                ⟨stage⟩stag: v1
                routes:
                  GET /:
                    ⟨mock⟩mok: {}
            outputs:
              url: { ⟨value⟩valeu: x }
            """)
        let (_, diagnostics) = Pipeline.decode(text.text)
        // Each typo once, as an unknown key with its did-you-mean; a trigger
        // with no source and no misspelled one still needs one.
        #expect(text.findings(diagnostics) == [
            "FW2002@stack", "FW2002@code", "FW2002@sqs", "FW2002@bucket", "FW2003@noSource", "FW2002@when",
            "FW2002@verb", "FW2002@inline", "FW2002@stage", "FW2002@mock", "FW2002@value",
        ])
        #expect(diagnostics.allSatisfy { $0.code != .missingKey || $0.message == "a trigger needs one of s3, sqs, schedule" })
    }

    @Test func fieldsRememberWhatTheMappingMeantToHold() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              f: { kind: function, code: { inline: x }, handlr: a, runtime: [x], timeout: 3 }
            """)
        let (spec, _) = Pipeline.decode(text.text)
        guard case .function(let function) = spec?.resources.first?.body else {
            Issue.record("no function")
            return
        }
        #expect(function.unreadKeys == ["handler", "runtime"])
    }
}
