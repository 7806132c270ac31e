import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// What a FIFO queue (`fifo: true`) implies, checked where SQS, S3 or
/// Lambda would refuse it at deploy time:
///
/// - `contentBasedDeduplication` is a FIFO queue's setting: written on a
///   standard queue it is an error at its line (SQS refuses the attribute).
/// - A queue's dead-letter queue is of the same type: a FIFO queue's
///   `deadLetter` names a FIFO queue, a standard queue's a standard queue;
///   otherwise an error at the `deadLetter.queue` name, with a note at the
///   dead-letter queue.
/// - An `sqs` trigger on a FIFO queue takes a `batchSize` of at most 10 (and
///   no batching window, which the compiler adds only to larger batches):
///   an error at the batch size.
/// - S3 notifies no FIFO queue: a raw `AWS::S3::Bucket` whose
///   `NotificationConfiguration.QueueConfigurations` names a FIFO queue of
///   the spec (`Queue: ${jobs.arn}`) is an error at that value.
enum FifoQueues: SpecRule {
    static let summary = "a FIFO queue's settings, dead-letter queue, triggers and notifications are ones FIFO queues take"
    static let codes: [DiagnosticCode] = [
        .deduplicationWithoutFifo, .deadLetterQueueType, .fifoBatchSize, .s3NotifiesFifoQueue,
    ]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for decl in context.spec.resources {
            switch decl.body {
            case .queue(let queue):
                if let deduplication = queue.contentBasedDeduplication, !queue.isFifo {
                    diagnostics.append(.deduplicationWithoutFifo(deduplication, queue: decl.name.text))
                }
                // A name that is no queue is ResourceReferences' to report, one that is the queue itself DeadLetterQueues'.
                if let target = queue.deadLetter, target.queue.text != decl.name.text,
                   let dlq = context.symbols.resources[target.queue.text], case .queue(let dlqSpec) = dlq.body,
                   dlqSpec.isFifo != queue.isFifo {
                    diagnostics.append(.deadLetterQueueType(target.queue, source: decl, fifo: queue.isFifo, dlq: dlq, dlqSpec))
                }
            case .function(let function):
                for trigger in function.triggers {
                    guard case .sqs(let queueName, let batchSize, let options) = trigger.source, let batchSize,
                          let queue = context.symbols.resources[queueName.text], case .queue(let queueSpec) = queue.body,
                          let fifo = queueSpec.fifo, fifo.value
                    else { continue }
                    // Each branch of a conditional batch size, at its own column.
                    for size in options.conditionals[.batchSize]?.numberBranches ?? [batchSize]
                    where !Lambda.fifoBatchSizeRange.contains(size.value) {
                        diagnostics.append(.fifoBatchSize(size, queue: queueName.text, fifo: fifo))
                    }
                }
            case .raw(let raw) where raw.type.value == "AWS::S3::Bucket":
                for value in queueNotificationTargets(raw.properties) {
                    for reference in value.interpolated.references where reference.path.count == 2 {
                        guard let queue = context.symbols.resources[reference.root], case .queue(let queueSpec) = queue.body,
                              let fifo = queueSpec.fifo, fifo.value
                        else { continue }
                        diagnostics.append(.s3NotifiesFifoQueue(reference, fifo: fifo))
                    }
                }
            default:
                continue
            }
        }
    }

    /// The `Queue` values of a raw bucket's `NotificationConfiguration.QueueConfigurations`.
    private static func queueNotificationTargets(_ properties: RawValue?) -> [StringValue] {
        func member(_ key: String, of value: RawValue?) -> RawValue? {
            guard case .object(let members, _) = value else { return nil }
            return members.first { $0.key.value == key }?.value
        }
        guard case .array(let items, _) = member("QueueConfigurations", of: member("NotificationConfiguration", of: properties))
        else { return [] }
        return items.compactMap {
            if case .string(let queue) = member("Queue", of: $0) { queue } else { nil }
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let deduplicationWithoutFifo = DiagnosticCode(
        "FW5410", .specChecks, "contentBasedDeduplication on a standard queue",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, AWS::SQS::Queue (ContentBasedDeduplication: for FIFO queues)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html"))
    package static let deadLetterQueueType = DiagnosticCode(
        "FW5411", .specChecks, "a dead-letter queue is not of its source queue's type (FIFO or standard)",
        reference: DocumentationPage(
            "Amazon SQS Developer Guide, \"Configure a dead-letter queue using the Amazon SQS console\"",
            "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue.html"))
    package static let fifoBatchSize = DiagnosticCode(
        "FW5412", .specChecks, "an sqs trigger's batch size is over 10 on a FIFO queue",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Lambda parameters for Amazon SQS event source mappings\"",
            "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html"))
    package static let s3NotifiesFifoQueue = DiagnosticCode(
        "FW5413", .specChecks, "a bucket notification goes to a FIFO queue",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, AWS::S3::Bucket QueueConfiguration (Queue)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-queueconfiguration.html"))
}

extension Diagnostic {
    static func deduplicationWithoutFifo(_ setting: Located<Bool>, queue: String) -> Diagnostic {
        .error(.deduplicationWithoutFifo,
               "contentBasedDeduplication is a FIFO queue's setting, but '\(queue)' is a standard queue", at: setting.range,
               help: ["make '\(queue)' a FIFO queue (fifo: true), or remove contentBasedDeduplication"])
    }

    static func deadLetterQueueType(_ name: Name, source: ResourceDecl, fifo: Bool, dlq: ResourceDecl, _ dlqSpec: QueueSpec)
        -> Diagnostic {
        let (own, other) = fifo ? ("a FIFO queue", "a standard queue") : ("a standard queue", "a FIFO queue")
        let note = dlqSpec.fifo.map { Note("'\(name.text)' is \(other) here", at: $0.range) }
            ?? Note("'\(name.text)' is declared here, without fifo", at: dlq.name.range)
        return .error(.deadLetterQueueType,
                      "'\(source.name.text)' is \(own), so its dead-letter queue must be one too, but '\(name.text)' is \(other)",
                      at: name.range, notes: [note],
                      help: [fifo ? "give '\(name.text)' fifo: true, or name a FIFO queue here"
                                  : "name a standard queue here, or make '\(source.name.text)' a FIFO queue too"])
    }

    static func fifoBatchSize(_ batchSize: Located<Int>, queue: String, fifo: Located<Bool>) -> Diagnostic {
        let most = Lambda.fifoBatchSizeRange.upperBound
        return .error(.fifoBatchSize,
                      "batch size \(batchSize.value) is over \(most), the most Lambda reads at once from a FIFO queue, and '\(queue)' is one",
                      at: batchSize.range, notes: [Note("'\(queue)' is a FIFO queue here", at: fifo.range)],
                      fixIts: [FixIt("read \(most) messages at a time", replacing: batchSize.range, with: String(most))])
    }

    static func s3NotifiesFifoQueue(_ reference: Reference, fifo: Located<Bool>) -> Diagnostic {
        .error(.s3NotifiesFifoQueue,
               "S3 cannot send notifications to '\(reference.root)': it is a FIFO queue", at: reference.range,
               notes: [Note("'\(reference.root)' is a FIFO queue here", at: fifo.range)],
               help: ["send the notifications to a standard queue, or to a function that forwards them"])
    }
}
