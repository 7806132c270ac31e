import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5410–FW5413 (FifoQueues).
@Suite struct FifoQueuesTests {
    @Test func fifoQueuesWithTheirOwnKindOfDeadLetterQueueAndSmallBatchesCompile() {
        let text = """
            formwork: 1
            stack: demo
            resources:
              orders: { kind: queue, fifo: true, contentBasedDeduplication: false, deadLetter: { queue: failed } }
              failed: { kind: queue, fifo: true, retentionDays: 14 }
              plain: { kind: queue, fifo: false, deadLetter: { queue: plainFailed } }
              plainFailed: { kind: queue, retentionDays: 14 }
              worker:
                kind: function
                handler: a.b
                runtime: nodejs22.x
                code: { inline: x }
                triggers:
                  - sqs: { queue: orders, batchSize: 10 }
                  - sqs: { queue: plain, batchSize: 500 }
            """
        #expect(Pipeline.compile(text).diagnostics.isEmpty)
    }

    @Test func eachMisuseIsReportedWhereItIsWritten() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              standard: { kind: queue, contentBasedDeduplication: ⟨dedup⟩true, deadLetter: { queue: ⟨toFifo⟩failed } }
              failed: { kind: queue, fifo: ⟨fifo⟩true, retentionDays: 14 }
              orders: { kind: queue, fifo: true, deadLetter: { queue: ⟨toStandard⟩standard } }
              worker:
                kind: function
                handler: a.b
                runtime: nodejs22.x
                code: { inline: x }
                triggers:
                  - sqs: { queue: failed, batchSize: ⟨batch⟩11 }
              bucket:
                type: AWS::S3::Bucket
                properties:
                  NotificationConfiguration:
                    QueueConfigurations:
                      - { Event: "s3:ObjectCreated:*", Queue: "${⟨notify⟩failed.arn}" }
            """)
        let diagnostics = Pipeline.compile(text.text).diagnostics
        #expect(Set(text.findings(diagnostics)) == [
            "FW5410@dedup", "FW5411@toFifo", "FW5411@toStandard", "FW5412@batch", "FW5413@notify",
        ])
        let batch = diagnostics.first { $0.code == .fifoBatchSize }
        #expect(batch?.notes.first?.range?.start == text.location("fifo"))
        #expect(batch?.fixIts.first?.applied(to: text.text).contains("batchSize: 10 }") == true)
    }
}
