import FormworkDiagnostics
import FormworkFacts
import FormworkYAML

extension SpecDecoder {
    /// `alarms: true | false | { topic, <alarm>: { threshold, periods } }`,
    /// the alarm keys `table` allows (a function's, a queue's, or every one at the top level).
    func decodeAlarms(_ node: YAMLNode, _ table: SpecKeys.Table) -> AlarmSettings? {
        if case .bool(let on) = node.resolvedScalar { return AlarmSettings(enabled: Located(on, node.range), range: node.range) }
        guard node.mapping != nil else {
            report(.typeMismatch(expected: "true, false or a mapping", for: "alarms", found: node))
            return nil
        }
        guard let fields = fields(node, "alarms", allowed: table.keys) else { return nil }
        var settings = AlarmSettings(enabled: Located(true, node.range), range: node.range)
        if let topic = fields["topic"] {
            guard let value = nameOrARN(topic, "alarms.topic") else { return nil }
            settings.topic = value
        }
        for key in table.keys where key != "topic" {
            guard let body = fields[key], let keyNode = fields.keyNode(key),
                  let alarm = self.fields(body, "alarms.\(key)", allowed: SpecKeys.alarm.keys)
            else { continue }
            let threshold = alarm["threshold"].flatMap { int($0, "alarms.\(key).threshold", in: CloudWatch.thresholdRange) }
            let periods = alarm["periods"].flatMap { int($0, "alarms.\(key).periods", in: CloudWatch.periodsRange) }
            settings.alarms[key] = AlarmOverride(key: Located(key, keyNode.range), threshold: threshold, periods: periods)
        }
        return settings
    }
}
