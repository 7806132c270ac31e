import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `kind: queue` → `AWS::SQS::Queue`, encrypted (`QueueEncryption`, or
/// `KmsMasterKeyId` its `kmsKey`, a customer managed key) and with an
/// optional redrive policy to another queue of the spec; `fifo: true` adds
/// `FifoQueue` and a `QueueName` ending in `.fifo`. A queue that
/// triggers functions and sets no `visibilityTimeout` gets six times the
/// largest of their timeouts (at most 43,200 s), Lambda's advice; one that
/// sets less than a function's timeout is `QueueVisibilityTimeouts`' to report.
extension Lowering {
    func lowerQueue(_ decl: ResourceDecl, _ queue: QueueSpec) {
        let origin = decl.range
        var properties: [(String, TemplateValue)] = []
        if let key = queue.kmsKey {
            properties.append(("KmsMasterKeyId", keyArn(key)))
        } else if let encryption = queue.encryption, let conditional = queue.conditionalEncryption {
            // Each property under Fn::If where its branches are, absent elsewhere.
            let kinds = Set(queue.encryptions.map(\.value))
            for kind in QueueEncryption.allCases where kinds.contains(kind) {
                let (key, _) = Self.encryption(Located(kind, origin), default: origin)
                properties.append((key, choice(encryption, conditional) { branch, range in
                    branch == kind ? Self.encryption(Located(branch, range ?? origin), default: origin).1 : .noValue(range)
                }))
            }
        } else {
            properties.append(Self.encryption(queue.encryption, default: origin))
        }
        if let fifo = queue.fifo, fifo.value {
            properties.append(("FifoQueue", .bool(true, fifo.range)))
            properties.append(("QueueName", Self.fifoQueueName(decl, stack: spec.stack.value)))
        }
        if let deduplication = queue.contentBasedDeduplication {
            properties.append(("ContentBasedDeduplication", flag(deduplication, queue.conditionalDeduplication) { .bool($0, $1) }))
        }
        if let days = queue.retentionDays {
            properties.append(("MessageRetentionPeriod", number(days, queue.conditionalNumbers[.retentionDays], times: 86_400)))
        }
        if let timeout = queue.visibilityTimeout {
            properties.append(("VisibilityTimeout", number(timeout, queue.conditionalNumbers[.visibilityTimeout])))
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
        var metrics = [WatchedMetric(alarm: CloudWatch.queueOldestMessageAge, dimension: "QueueName",
                                     value: .getAtt(decl.name.logicalId, "QueueName", decl.name.range))]
        if let dlq = queue.deadLetter {
            metrics.append(WatchedMetric(alarm: CloudWatch.deadLetterQueueDepth, dimension: "QueueName",
                                         value: .getAtt(dlq.queue.logicalId, "QueueName", dlq.range)))
        }
        lowerAlarms(decl, own: queue.alarms, kind: .queue, watching: metrics)
    }
}

extension Lowering {
    /// A queue's encryption property: the AWS managed key (`kms`, the
    /// default) or SQS-managed SSE (`sqs`).
    static func encryption(_ encryption: Located<QueueEncryption>?, default origin: SourceRange) -> (String, TemplateValue) {
        switch encryption?.value ?? .kms {
        case .kms: ("KmsMasterKeyId", .string(SQS.awsManagedKey, encryption?.range ?? origin))
        case .sqs: ("SqsManagedSseEnabled", .bool(true, encryption?.range ?? origin))
        }
    }

    /// A FIFO queue's name: `<stack>-<name>-<stack ID suffix>.fifo`, cut as a
    /// function's name is (`FunctionNaming`) to SQS's 80 characters. Named
    /// here, not by CloudFormation: the name CloudFormation makes up for a
    /// FIFO queue can pass 80 characters (`SQS.fifoSuffix`).
    static func fifoQueueName(_ decl: ResourceDecl, stack: String) -> TemplateValue {
        let origin = decl.name.range
        let prefix = FunctionNaming.prefix(stack: stack, name: decl.name.text,
                                           limit: SQS.maxQueueNameLength - SQS.fifoSuffix.count)
        return .object([("Fn::Join", .array([.string("", origin), .array([
            .string(prefix + "-", origin), FunctionNaming.stackIdSuffix(origin), .string(SQS.fifoSuffix, origin),
        ], origin)], origin))], origin)
    }

    /// The largest timeout among the functions an `sqs` trigger of each
    /// queue invokes (the first in spec order on a tie), in one walk of the spec.
    static func slowestConsumerTimeouts(in spec: Spec) -> [String: Located<Int>] {
        var slowest: [String: Located<Int>] = [:]
        for decl in spec.resources {
            guard case .function(let function) = decl.body else { continue }
            for trigger in function.triggers {
                guard case .sqs(let queue, _, _) = trigger.source else { continue }
                if let current = slowest[queue.text], current.value >= function.timeout.value { continue }
                slowest[queue.text] = function.timeout
            }
        }
        return slowest
    }
}
