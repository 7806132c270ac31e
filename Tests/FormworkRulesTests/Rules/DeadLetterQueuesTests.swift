import FormworkCFN
import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5400, FW5401 (DeadLetterQueues).
@Suite struct DeadLetterQueuesTests {
    @Test func aQueueThatIsItsOwnDeadLetterQueueIsSaidSoAndIsNoCycle() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              jobs:
                kind: queue
                deadLetter: { queue: ⟨self⟩jobs, maxReceiveCount: 5 }
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(template == nil)
        // One error, in those words; no dependency cycle beside it.
        #expect(text.findings(diagnostics) == ["FW5400@self"])
        #expect(diagnostics.first?.message.contains("is its own dead-letter queue") == true)
        #expect(!diagnostics.contains { $0.code == .dependencyCycle })
    }

    @Test func aShorterRetentionIsAWarningWithAFixItWhereItIsWritten() throws {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              jobs:
                kind: queue
                retentionDays: 14
                deadLetter: { queue: ⟨written⟩failed, maxReceiveCount: 5 }
              failed:
                kind: queue
                retentionDays: ⟨days⟩7
              other:
                kind: queue
                retentionDays: 5
                deadLetter: { queue: ⟨defaulted⟩otherFailed, maxReceiveCount: 5 }
              otherFailed:
                kind: queue
              same:
                kind: queue
                deadLetter: { queue: sameFailed, maxReceiveCount: 5 }
              sameFailed:
                kind: queue
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(template != nil)
        // Neither set: both keep SQS's default 4 days, no warning.
        #expect(text.findings(diagnostics) == ["FW5401@written", "FW5401@defaulted"])
        let written = try #require(diagnostics.first)
        #expect(written.severity == .warning)
        #expect(written.message.contains("'failed' keeps messages 7 days, 'jobs' keeps them 14 days"))
        #expect(written.fixIts.first?.edits.first?.range.start == text.location("days"))
        #expect(written.fixIts.first?.edits.first?.text == "14")
        let defaulted = diagnostics[1]
        #expect(defaulted.fixIts.isEmpty)
        #expect(defaulted.notes.first?.message.contains("4 days (SQS's default)") == true)
    }

    @Test func conditionalRetentionsAreComparedAsTheyAreTakenTogether() throws {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              env: { type: string, default: dev, allowed: [dev, prod] }
              tier: { type: string, default: low, allowed: [low, high] }
            resources:
              jobs:
                kind: queue
                retentionDays: "${env == 'prod' ? 14 : 4}"
                deadLetter: { queue: jobsFailed, maxReceiveCount: 5 }
              jobsFailed:
                kind: queue
                retentionDays: "${env == 'prod' ? 14 : 4}"
              mail:
                kind: queue
                retentionDays: "${env == 'prod' ? 14 : 4}"
                deadLetter: { queue: ⟨other⟩mailFailed, maxReceiveCount: 5 }
              mailFailed:
                kind: queue
                retentionDays: "${tier == 'high' ? 14 : ⟨low⟩5}"
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        // jobs: prod with prod, dev with dev. mail: its 14 days may meet mailFailed's 5.
        #expect(text.findings(diagnostics) == ["FW5401@other"])
        let warning = try #require(diagnostics.first)
        #expect(warning.message.contains("'mailFailed' keeps messages 5 days, 'mail' keeps them 14 days"))
        #expect(warning.fixIts.first?.edits.first?.range.start == text.location("low"))
        let period = template?.resource("Jobs")?.properties["MessageRetentionPeriod"]
        #expect(period.map(JSONWriter.writeMinified) == #"{"Fn::If":["EnvIsProd",1209600,345600]}"#)
    }
}
