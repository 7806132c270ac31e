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
///   than that is deleted as it arrives, before anyone reads it. Of
///   conditional values, the source's longest branch is compared with the
///   dead-letter queue's shortest, or branch with branch when both are
///   conditional on the same condition (they are taken together).
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
            for (source, deadLetter) in retentionsTakenTogether(queue, at: decl.name.range, dlqSpec, at: dlq.name.range) {
                guard let sourceDays = source.map(\.value).max(), let shortest = deadLetter.min(by: { $0.value < $1.value }),
                      shortest.value < sourceDays else { continue }
                // A branch of a conditional value stands where the field's value would.
                let written = dlqSpec.retentionDays.map { Located(shortest.value, shortest.range, $0.provenance) }
                diagnostics.append(.deadLetterRetentionShorter(target.queue, source: decl.name.text, sourceDays: sourceDays,
                                                               dlq: dlq, dlqRetention: written, dlqDays: shortest.value))
                break
            }
        }
    }
}

extension DeadLetterQueues {
    /// The retentions of a queue and its dead-letter queue that may be taken
    /// together: every branch of each, or branch with branch where both are
    /// conditional values on the same condition. An unset one is SQS's
    /// default, at no place of the spec.
    static func retentionsTakenTogether(_ queue: QueueSpec, at queueName: SourceRange, _ deadLetter: QueueSpec,
                                        at deadLetterName: SourceRange) -> [([Located<Int>], [Located<Int>])] {
        func days(_ queue: QueueSpec, at name: SourceRange) -> [Located<Int>] {
            guard let days = queue.retentionDays else { return [.builtIn(SQS.defaultRetentionDays, at: name)] }
            return queue.conditionalNumbers[.retentionDays]?.numberBranches ?? [days]
        }
        if let a = queue.conditionalNumbers[.retentionDays], let b = deadLetter.conditionalNumbers[.retentionDays],
           a.interpolated.isSingleExpression, b.interpolated.isSingleExpression,
           let pairs = Expression.sameConditionBranches(a.interpolated.expressions[0], b.interpolated.expressions[0]) {
            return pairs.map { ($0.numberBranches, $1.numberBranches) }
        }
        return [(days(queue, at: queueName), days(deadLetter, at: deadLetterName))]
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
