import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `kind: queue` → `AWS::SQS::Queue`, with SQS-managed encryption and an
/// optional redrive policy to another queue of the spec. A queue that
/// triggers functions and sets no `visibilityTimeout` gets six times the
/// largest of their timeouts (at most 43,200 s); one that sets less than a
/// function's timeout is an error (Lambda refuses the event source mapping).
extension Lowering {
    func lowerQueue(_ decl: ResourceDecl, _ queue: QueueSpec) {
        let origin = decl.range
        var properties: [(String, TemplateValue)] = [("SqsManagedSseEnabled", .bool(true, origin))]
        if let days = queue.retentionDays {
            properties.append(("MessageRetentionPeriod", .int(days.value * 86_400, days.range)))
        }
        let consumer = slowestConsumer(of: decl.name.text)
        if let timeout = queue.visibilityTimeout {
            properties.append(("VisibilityTimeout", .int(timeout.value, timeout.range)))
            if let consumer, timeout.value < consumer.timeout.value {
                diagnostics.append(.visibilityTimeoutTooShort(timeout, queue: decl.name.text, consumer: consumer.function,
                                                              functionTimeout: consumer.timeout))
            }
        } else if let consumer {
            let seconds = Lambda.advisedVisibilityTimeout(functionTimeout: consumer.timeout.value)
            properties.append(("VisibilityTimeout", .int(seconds, consumer.timeout.range)))
        }
        if let dlq = queue.deadLetter {
            properties.append(("RedrivePolicy", .object([
                ("deadLetterTargetArn", .getAtt(dlq.queue.logicalId, "Arn", dlq.queue.range)),
                ("maxReceiveCount", .int(dlq.maxReceiveCount.value, dlq.maxReceiveCount.range)),
            ], dlq.range)))
        }
        add(Resource(logicalId: decl.name.logicalId, type: "AWS::SQS::Queue", properties: properties, origin: origin), for: decl)
    }
}

extension Lowering {
    /// The function with the largest timeout among those an `sqs` trigger of
    /// this queue invokes (the first in spec order on a tie).
    func slowestConsumer(of queue: String) -> (function: ResourceDecl, timeout: Located<Int>)? {
        slowestConsumers[queue]
    }

    /// `slowestConsumer(of:)` for every queue, found in one walk of the spec.
    static func slowestConsumers(in spec: Spec) -> [String: (function: ResourceDecl, timeout: Located<Int>)] {
        var slowest: [String: (function: ResourceDecl, timeout: Located<Int>)] = [:]
        for decl in spec.resources {
            guard case .function(let function) = decl.body else { continue }
            let timeout = function.timeout
            for trigger in function.triggers {
                guard case .sqs(let queue, _) = trigger.source else { continue }
                if let current = slowest[queue.text], current.timeout.value >= timeout.value { continue }
                slowest[queue.text] = (decl, timeout)
            }
        }
        return slowest
    }
}

extension DiagnosticCode {
    package static let visibilityTimeoutTooShort = DiagnosticCode(
        "FW5307", .specChecks, "a queue hides messages for less time than its consumer function may run",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Using Lambda with Amazon SQS\" (visibility timeout); cfn-lint E3505",
            "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html"))
}

extension Diagnostic {
    static func visibilityTimeoutTooShort(_ timeout: Located<Int>, queue: String, consumer: ResourceDecl,
                                          functionTimeout: Located<Int>) -> Diagnostic {
        .error(.visibilityTimeoutTooShort,
               "queue '\(queue)' has a visibility timeout of \(timeout.value) s, less than the \(functionTimeout.value) s timeout of function '\(consumer.name.text)' it triggers",
               at: timeout.range,
               notes: [Note("function '\(consumer.name.text)' has its timeout here", at: functionTimeout.range)],
               fixIts: [FixIt("set visibilityTimeout to at least \(functionTimeout.value) (six times it, \(Lambda.advisedVisibilityTimeout(functionTimeout: functionTimeout.value)), is Lambda's advice), or remove it to get that",
                              replacing: timeout.range, with: String(Lambda.advisedVisibilityTimeout(functionTimeout: functionTimeout.value)))])
    }
}
