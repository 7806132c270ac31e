import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `kind: queue` → `AWS::SQS::Queue`, with SQS-managed encryption and an
/// optional redrive policy to another queue of the spec. A queue that
/// triggers functions and sets no `visibilityTimeout` gets six times the
/// largest of their timeouts (at most 43,200 s), Lambda's advice; one that
/// sets less than a function's timeout is `QueueVisibilityTimeouts`' to report.
extension Lowering {
    func lowerQueue(_ decl: ResourceDecl, _ queue: QueueSpec) {
        let origin = decl.range
        var properties: [(String, TemplateValue)] = [("SqsManagedSseEnabled", .bool(true, origin))]
        if let days = queue.retentionDays {
            properties.append(("MessageRetentionPeriod", .int(days.value * 86_400, days.range)))
        }
        if let timeout = queue.visibilityTimeout {
            properties.append(("VisibilityTimeout", .int(timeout.value, timeout.range)))
        } else if let consumerTimeout = slowestConsumerTimeouts[decl.name.text] {
            let seconds = Lambda.advisedVisibilityTimeout(functionTimeout: consumerTimeout.value)
            properties.append(("VisibilityTimeout", .int(seconds, consumerTimeout.range)))
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
    /// The largest timeout among the functions an `sqs` trigger of each
    /// queue invokes (the first in spec order on a tie), in one walk of the spec.
    static func slowestConsumerTimeouts(in spec: Spec) -> [String: Located<Int>] {
        var slowest: [String: Located<Int>] = [:]
        for decl in spec.resources {
            guard case .function(let function) = decl.body else { continue }
            for trigger in function.triggers {
                guard case .sqs(let queue, _) = trigger.source else { continue }
                if let current = slowest[queue.text], current.value >= function.timeout.value { continue }
                slowest[queue.text] = function.timeout
            }
        }
        return slowest
    }
}
