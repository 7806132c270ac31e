import FormworkDiagnostics
import FormworkFacts
import FormworkYAML

extension QueueSpec {
    static let keys = SpecKeys.queue
    package static let defaultableKeys = ["retentionDays", "visibilityTimeout", "encryption", "kmsKey"]
}

extension SpecDecoder {
    func decodeQueue(_ node: YAMLNode, _ what: String, allowed: [String]) -> QueueSpec? {
        guard var fields = fields(node, what, allowed: allowed) else { return nil }
        var queue = QueueSpec()
        func number(_ field: QueueSpec.NumberField, in bounds: ClosedRange<Int>) -> Located<Int>? {
            guard let node = fields[field.rawValue], let (number, conditional) = conditionalInt(node, field.rawValue, in: bounds)
            else { return nil }
            queue.conditionalNumbers[field] = conditional
            return number
        }
        queue.retentionDays = number(.retentionDays, in: SQS.retentionDaysRange)
        queue.visibilityTimeout = number(.visibilityTimeout, in: SQS.visibilityTimeoutRange)
        queue.fifo = fields["fifo"].flatMap { bool($0, "fifo") }
        if let (deduplication, conditional) = fields["contentBasedDeduplication"].flatMap({ conditionalBool($0, "contentBasedDeduplication") }) {
            queue.contentBasedDeduplication = deduplication
            queue.conditionalDeduplication = conditional
        }
        if let node = fields["encryption"], let (value, conditional) = conditionalChoice(node, "encryption", as: QueueEncryption.self) {
            queue.encryption = value
            queue.conditionalEncryption = conditional
        }
        queue.kmsKey = fields["kmsKey"].flatMap { nameOrARN($0, "kmsKey") }
        if let node = fields["deadLetter"],
           let dlq = self.fields(node, "deadLetter", allowed: SpecKeys.deadLetter.keys,
                                 required: SpecKeys.deadLetter.required, owner: fields.keyNode("deadLetter")?.range),
           let target = dlq["queue"].flatMap({ reference($0, "deadLetter.queue") })
        {
            let count = dlq["maxReceiveCount"].flatMap { int($0, "maxReceiveCount", in: SQS.maxReceiveCountRange) }
            queue.deadLetter = DeadLetterTarget(
                queue: target, maxReceiveCount: count ?? Located(5, node.range), range: node.range)
        }
        queue.alarms = decode("alarms", in: &fields) { decodeAlarms($0, SpecKeys.queueAlarms) }
        return queue
    }
}
