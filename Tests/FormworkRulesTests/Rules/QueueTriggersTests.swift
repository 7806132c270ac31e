import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5308 (QueueTriggers).
@Suite struct QueueTriggersTests {
    @Test func aSecondTriggerOnOneQueueIsReportedWithTheFirst() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              jobs: { kind: queue }
              other: { kind: queue }
              a:
                kind: function
                handler: a.b
                runtime: nodejs22.x
                code: { inline: x }
                triggers:
                  - sqs: { queue: ⟨first⟩jobs }
                  - sqs: { queue: other }
                  - sqs: { queue: ⟨second⟩jobs, batchSize: 5 }
              b:
                kind: function
                handler: a.b
                runtime: nodejs22.x
                code: { inline: x }
                triggers:
                  - sqs: { queue: jobs }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        // Another function on the same queue is no duplicate.
        #expect(text.findings(diagnostics) == ["FW5308@second"])
        #expect(diagnostics.first?.message == "queue 'jobs' already triggers function 'a'")
        #expect(diagnostics.first?.notes.first?.range?.start == text.location("first"))
    }
}
