import FormworkCFN
import FormworkDiagnostics
import FormworkSpec

/// `kind: queue` → `AWS::SQS::Queue`, with SQS-managed encryption and an
/// optional redrive policy to another queue of the spec.
extension Lowering {
    func lowerQueue(_ decl: ResourceDecl, _ queue: QueueSpec) {
        let origin = decl.range
        var properties: [(String, TemplateValue)] = [("SqsManagedSseEnabled", .bool(true, origin))]
        if let days = queue.retentionDays {
            properties.append(("MessageRetentionPeriod", .int(days.value * 86_400, days.range)))
        }
        if let timeout = queue.visibilityTimeout {
            properties.append(("VisibilityTimeout", .int(timeout.value, timeout.range)))
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
