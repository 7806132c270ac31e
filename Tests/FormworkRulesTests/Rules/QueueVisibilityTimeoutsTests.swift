import FormworkCFN
import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5307 (QueueVisibilityTimeouts), on generated templates and on plain ones.
@Suite struct QueueVisibilityTimeoutsTests {
    @Test func aQueueIsComparedWithTheSlowestFunctionItFeeds() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              queue: { visibilityTimeout: ⟨defaults⟩60 }
            resources:
              jobs: { kind: queue, visibilityTimeout: ⟨jobs⟩100 }
              mail: { kind: queue }
              roomy: { kind: queue, visibilityTimeout: 900 }
              fast: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, timeout: 30,
                      triggers: [{ sqs: { queue: jobs } }, { sqs: { queue: mail } }, { sqs: { queue: roomy } }] }
              slow: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, timeout: ⟨slow⟩120,
                      triggers: [{ sqs: { queue: jobs } }, { sqs: { queue: mail } }] }
              slower: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, timeout: ⟨slower⟩300,
                        triggers: [{ sqs: { queue: roomy } }] }
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5307@defaults", "FW5307@jobs"])
        #expect(diagnostics.map(\.message) == [
            "queue 'mail' has a visibility timeout of 60 s, less than the 120 s timeout of function 'slow' it triggers",
            "queue 'jobs' has a visibility timeout of 100 s, less than the 120 s timeout of function 'slow' it triggers",
        ])
        #expect(diagnostics.map { $0.notes.first?.range?.start } == [text.location("slow"), text.location("slow")])
        #expect(diagnostics[1].fixIts.flatMap(\.edits).map(\.text) == ["720"])
        #expect(template == nil)
    }

    @Test func aQueueWithoutATimeoutGetsOneLongEnough() {
        let (template, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            resources:
              jobs: { kind: queue }
              worker: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, timeout: 900,
                        triggers: [{ sqs: { queue: jobs } }] }
            """)
        #expect(diagnostics.isEmpty)
        #expect(template?.resource("Jobs")?.properties["VisibilityTimeout"]?.kind == .number("5400"))
    }

    static func conditional(queue: String, function: String) -> String {
        let tier = (queue + function).contains("tier") ? "\n  tier: { type: string, default: low, allowed: [low, high] }" : ""
        return """
        formwork: 1
        stack: demo
        parameters:
          env: { type: string, default: dev, allowed: [dev, prod] }\(tier)
        resources:
          jobs: { kind: queue, visibilityTimeout: \(queue) }
          worker: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, timeout: \(function),
                    triggers: [{ sqs: { queue: jobs } }] }
        """
    }

    @Test func conditionalTimeoutsOnOneConditionAreComparedBranchByBranch() {
        // prod: 5400 against 900; dev: 360 against 60. Both hold, though 360 < 900.
        let (template, diagnostics) = Pipeline.compile(Self.conditional(
            queue: #""${env == 'prod' ? 5400 : 360}""#, function: #""${env == 'prod' ? 900 : 60}""#))
        #expect(diagnostics.isEmpty)
        let written = template?.resource("Jobs")?.properties["VisibilityTimeout"]
        #expect(written.map(JSONWriter.writeMinified) == #"{"Fn::If":["EnvIsProd",5400,360]}"#)
        let text = MarkedText(Self.conditional(
            queue: #""${env == 'prod' ? ⟨prod⟩600 : 360}""#, function: #""${env == 'prod' ? ⟨timeout⟩900 : 60}""#))
        let (_, failing) = Pipeline.compile(text.text)
        #expect(text.findings(failing) == ["FW5307@prod"])
        #expect(failing.map(\.message) == [
            "queue 'jobs' has a visibility timeout of 600 s, less than the 900 s timeout of function 'worker' it triggers",
        ])
        #expect(failing.first?.notes.first?.range?.start == text.location("timeout"))
    }

    @Test func conditionalTimeoutsOnOtherConditionsCompareTheQueuesSmallestWithTheFunctionsLargest() {
        // tier and env may be high and dev together: the queue's 360 against the function's 900.
        let text = MarkedText(Self.conditional(
            queue: #""${tier == 'high' ? 5400 : ⟨low⟩360}""#, function: #""${env == 'prod' ? ⟨timeout⟩900 : 60}""#))
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5307@low"])
        #expect(diagnostics.first?.notes.first?.range?.start == text.location("timeout"))
        // A plain queue against a conditional function: its largest branch.
        let (_, plain) = Pipeline.compile(Self.conditional(queue: "900", function: #""${env == 'prod' ? 900 : 60}""#))
        #expect(plain.isEmpty)
        let (_, short) = Pipeline.compile(Self.conditional(queue: "899", function: #""${env == 'prod' ? 900 : 60}""#))
        #expect(short.map(\.code.rawValue) == ["FW5307"])
    }

    @Test func aConditionalVisibilityTimeoutIsRangeCheckedInEveryBranch() {
        let text = MarkedText(Self.conditional(queue: #""${env == 'prod' ? ⟨big⟩43201 : 60}""#, function: "30"))
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics).count == 1)
        #expect(diagnostics.first?.range.start == text.location("big"))
        #expect(template == nil)
    }

    // MARK: plain templates

    static let origin = SourceRange(file: "t.json", line: 1, column: 1)
    static func at(_ line: Int) -> SourceRange { SourceRange(file: "t.json", line: line, column: 1) }

    static func check(_ resources: [Resource]) -> [Diagnostic] {
        var template = Template()
        for resource in resources { template.append(resource) }
        var diagnostics: [Diagnostic] = []
        QueueVisibilityTimeouts.check(TemplateContext(template: template, text: ""), into: &diagnostics)
        return diagnostics
    }

    static func mapping(_ queue: TemplateValue, _ function: TemplateValue) -> Resource {
        Resource(logicalId: "Mapping", type: "AWS::Lambda::EventSourceMapping",
                 properties: [("EventSourceArn", queue), ("FunctionName", function)], origin: at(9))
    }

    @Test func absentValuesAreTheServicesDefaults() {
        // SQS's 30 s against a function of 60 s; Lambda's 3 s against a queue of 2 s.
        let diagnostics = Self.check([
            Resource(logicalId: "Jobs", type: "AWS::SQS::Queue", properties: [], origin: Self.at(2)),
            Resource(logicalId: "Worker", type: "AWS::Lambda::Function", properties: [("Timeout", .int(60, Self.at(4)))], origin: Self.at(3)),
            Self.mapping(.getAtt("Jobs", "Arn", Self.origin), .ref("Worker", Self.origin)),
            Resource(logicalId: "Quick", type: "AWS::SQS::Queue", properties: [("VisibilityTimeout", .string("2", Self.at(6)))], origin: Self.at(5)),
            Resource(logicalId: "Default", type: "AWS::Lambda::Function", properties: [], origin: Self.at(7)),
            Self.mapping(.object([("Fn::GetAtt", .string("Quick.Arn", Self.origin))], Self.origin), .getAtt("Default", "Arn", Self.origin)),
        ])
        #expect(diagnostics.map(\.range.start.line) == [2, 6])
        #expect(diagnostics.map(\.message) == [
            "queue 'Jobs' has a visibility timeout of 30 s, less than the 60 s timeout of function 'Worker' it triggers (SQS's default)",
            "queue 'Quick' has a visibility timeout of 2 s, less than the 3 s timeout of function 'Default' it triggers",
        ])
        #expect(diagnostics[0].fixIts.isEmpty)
        #expect(diagnostics[0].help == ["set VisibilityTimeout to at least 60 (six times it, 360, is Lambda's advice)"])
        #expect(diagnostics[1].notes.map(\.message) == ["function 'Default' sets no Timeout, so Lambda's default of 3 s applies"])
        #expect(diagnostics[1].notes.first?.range?.start.line == 7)
    }

    @Test func valuesKnownOnlyAtDeployTimeAreNotCompared() {
        let diagnostics = Self.check([
            Resource(logicalId: "Jobs", type: "AWS::SQS::Queue", properties: [("VisibilityTimeout", .ref("Seconds", Self.at(2)))],
                     origin: Self.at(2)),
            Resource(logicalId: "Mail", type: "AWS::SQS::Queue", properties: [], origin: Self.at(3)),
            Resource(logicalId: "Worker", type: "AWS::Lambda::Function", properties: [("Timeout", .int(60, Self.at(4)))], origin: Self.at(4)),
            Resource(logicalId: "Other", type: "AWS::Lambda::Function", properties: [("Timeout", .ref("Seconds", Self.at(5)))], origin: Self.at(5)),
            Self.mapping(.getAtt("Jobs", "Arn", Self.origin), .ref("Worker", Self.origin)),
            Self.mapping(.getAtt("Mail", "Arn", Self.origin), .ref("Other", Self.origin)),
            // Not a queue of the template, or not its ARN.
            Self.mapping(.string("arn:aws:sqs:us-east-1:123456789012:elsewhere", Self.origin), .ref("Worker", Self.origin)),
            Self.mapping(.getAtt("Mail", "QueueName", Self.origin), .ref("Worker", Self.origin)),
        ])
        #expect(diagnostics.isEmpty)
    }
}
