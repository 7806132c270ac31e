import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A queue's `deadLetter` names another queue, one that keeps messages at
/// least as long as the queue itself does.
///
/// - A queue that names itself is an error in those words (its redrive
///   policy would take its own ARN: CloudFormation could not create it, and
///   failed messages would have nowhere else to go).
/// - A dead-letter queue whose `retentionDays` (4 when unset, SQS's
///   default) is shorter than its source queue's is a warning: SQS keeps a
///   message's original enqueue timestamp when it moves it to a standard
///   dead-letter queue, so a message counts its time in the source queue
///   against the dead-letter queue's retention, and one that failed later
///   than that is deleted as it arrives, before anyone reads it.
enum DeadLetterQueues: SpecRule {
    static let summary = "a queue's dead-letter queue is another queue that keeps messages as long"
    static let codes: [DiagnosticCode] = [.ownDeadLetterQueue, .deadLetterRetentionShorter]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for decl in context.spec.resources {
            guard case .queue(let queue) = decl.body, let target = queue.deadLetter else { continue }
            if target.queue.text == decl.name.text {
                diagnostics.append(.ownDeadLetterQueue(target.queue))
                continue
            }
            // A name that is no queue is ResourceReferences' to report.
            guard let dlq = context.symbols.resources[target.queue.text], case .queue(let dlqSpec) = dlq.body else { continue }
            let sourceDays = queue.retentionDays?.value ?? SQS.defaultRetentionDays
            let dlqDays = dlqSpec.retentionDays?.value ?? SQS.defaultRetentionDays
            guard dlqDays < sourceDays else { continue }
            diagnostics.append(.deadLetterRetentionShorter(target.queue, source: decl.name.text, sourceDays: sourceDays,
                                                           dlq: dlq, dlqRetention: dlqSpec.retentionDays, dlqDays: dlqDays))
        }
    }
}

extension DiagnosticCode {
    package static let ownDeadLetterQueue = DiagnosticCode(
        "FW5400", .specChecks, "a queue is its own dead-letter queue",
        reference: DocumentationPage(
            "Amazon SQS Developer Guide, \"Using dead-letter queues in Amazon SQS\"",
            "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html"))
    package static let deadLetterRetentionShorter = DiagnosticCode(
        "FW5401", .specChecks, "a dead-letter queue keeps messages for less time than its source queue",
        reference: DocumentationPage(
            "Amazon SQS Developer Guide, \"Setting-up dead-letter queue retention in Amazon SQS\"",
            "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html"))
}

private func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }

extension Diagnostic {
    static func ownDeadLetterQueue(_ name: Name) -> Diagnostic {
        .error(.ownDeadLetterQueue,
               "queue '\(name.text)' is its own dead-letter queue: the messages its consumers fail on must move to another queue",
               at: name.range,
               help: ["declare a queue for the failed messages (\(name.text)Failed: { kind: queue, retentionDays: \(SQS.retentionDaysRange.upperBound) }) and name it here"])
    }

    static func deadLetterRetentionShorter(
        _ name: Name, source: String, sourceDays: Int, dlq: ResourceDecl, dlqRetention: Located<Int>?, dlqDays: Int
    ) -> Diagnostic {
        let message = "dead-letter queue '\(name.text)' keeps messages \(days(dlqDays)), '\(source)' keeps them \(days(sourceDays)): "
            + "a message keeps its first enqueue time when it moves, so one that fails after \(days(dlqDays)) in '\(source)' "
            + "is deleted as it arrives"
        let longest = SQS.retentionDaysRange.upperBound
        let note: Note
        var fixIts: [FixIt] = []
        var help: [String] = []
        if let dlqRetention, dlqRetention.provenance == .written {
            note = Note("'\(name.text)' keeps messages \(days(dlqDays)) here", at: dlqRetention.range)
            fixIts = [FixIt("keep failed messages \(days(longest)), the longest SQS keeps any", replacing: dlqRetention.range,
                            with: String(longest))]
        } else {
            let why = dlqRetention == nil ? "SQS's default" : "from defaults:"
            note = Note("'\(name.text)' keeps messages \(days(dlqDays)) (\(why))", at: dlqRetention?.range ?? dlq.name.range)
            help = ["give '\(name.text)' retentionDays: \(longest), the longest SQS keeps any"]
        }
        return .warning(.deadLetterRetentionShorter, message, at: name.range, notes: [note], fixIts: fixIts, help: help)
    }
}
