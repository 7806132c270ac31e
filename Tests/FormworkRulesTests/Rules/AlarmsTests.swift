import FormworkCFN
import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// `alarms:` lowered (which alarms, which settings win) and checked (FW4302, FW4303).
@Suite struct AlarmsTests {
    static let function = "runtime: python3.12, handler: a.b, code: { inline: x }"

    static func alarms(_ template: Template?) -> [String] {
        template?.resources.filter { $0.type == "AWS::CloudWatch::Alarm" }.map(\.logicalId) ?? []
    }

    static func number(_ template: Template?, _ id: String, _ key: String) -> Int? {
        guard case .number(let text)? = template?.resource(id)?.properties[key]?.kind else { return nil }
        return Int(text)
    }

    @Test func withoutAlarmsNothingIsGenerated() {
        let (template, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            resources:
              jobs: { kind: queue }
              work: { kind: function, \(Self.function) }
            """)
        #expect(diagnostics.isEmpty)
        #expect(Self.alarms(template).isEmpty)
    }

    @Test func theTopLevelTurnsThemOnAndAComponentsOwnWins() {
        let (template, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            alarms:
              topic: pager
              errors: { threshold: 2 }
              oldestMessageAge: { periods: 4 }
            resources:
              pager: { type: AWS::SNS::Topic }
              failed: { kind: queue, alarms: false }
              jobs: { kind: queue, deadLetter: { queue: failed } }
              work: { kind: function, \(Self.function), deadLetterQueue: true, alarms: { errors: { periods: 7 } } }
              other: { kind: function, \(Self.function), alarms: { topic: "arn:aws:sns:us-east-1:123456789012:t" } }
            """)
        #expect(diagnostics.isEmpty)
        #expect(Self.alarms(template) == [
            "JobsOldestMessageAgeAlarm", "JobsDeadLetterQueueAlarm",
            "WorkErrorsAlarm", "WorkThrottlesAlarm", "WorkDeadLetterQueueAlarm",
            "OtherErrorsAlarm", "OtherThrottlesAlarm",
        ])
        // The component's periods, the top level's threshold, the defaults for the rest.
        #expect(Self.number(template, "WorkErrorsAlarm", "EvaluationPeriods") == 7)
        #expect(Self.number(template, "WorkErrorsAlarm", "Threshold") == 2)
        #expect(Self.number(template, "JobsOldestMessageAgeAlarm", "EvaluationPeriods") == 4)
        #expect(Self.number(template, "JobsOldestMessageAgeAlarm", "Threshold") == 300)
        #expect(Self.number(template, "WorkThrottlesAlarm", "EvaluationPeriods") == 5)
        #expect(template?.resource("WorkErrorsAlarm")?.properties["AlarmActions"] == .array([.ref("Pager", nil)], nil))
        #expect(template?.resource("OtherErrorsAlarm")?.properties["OKActions"]
            == .array([.string("arn:aws:sns:us-east-1:123456789012:t", nil)], nil))
        #expect(template?.resource("JobsDeadLetterQueueAlarm")?.properties["Dimensions"] == .array([.object([
            ("Name", .string("QueueName", nil)), ("Value", .getAtt("Failed", "QueueName", nil)),
        ], nil)], nil))
    }

    @Test func aTopicThatIsNoTopicAndADeadLetterAlarmWithoutAQueueAreErrors() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            alarms: { topic: ⟨top⟩jobs }
            resources:
              jobs: { kind: queue, alarms: { ⟨queue⟩deadLetterQueue: { threshold: 3 } } }
              work: { kind: function, \(Self.function), alarms: { topic: ⟨own⟩work, ⟨function⟩deadLetterQueue: { periods: 2 } } }
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(template == nil)
        #expect(text.findings(diagnostics) == ["FW4302@top", "FW4303@queue", "FW4302@own", "FW4303@function"])
        #expect(diagnostics.first?.message == "alarms.topic must be a raw AWS::SNS::Topic, but 'jobs' is a queue")
        #expect(diagnostics[1].help == ["give 'jobs' a deadLetter: { queue: ... }, or remove alarms.deadLetterQueue"])
    }

    @Test func aQueueHasNoFunctionAlarmsAndNumbersAreBounded() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              jobs: { kind: queue, alarms: { ⟨errors⟩errors: { threshold: 1 } } }
              work: { kind: function, \(Self.function), alarms: { throttles: { periods: ⟨periods⟩1441 } } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW2002@errors", "FW2004@periods"])
    }
}
