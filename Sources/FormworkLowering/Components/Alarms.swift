import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `alarms:` → one `AWS::CloudWatch::Alarm` per metric the component has
/// (`CloudWatch.functionAlarms`, `CloudWatch.queueAlarms`; the
/// `deadLetterQueue` alarm only with a dead-letter queue), `<Id><Key>Alarm`
/// (`ApiErrorsAlarm`), under the component's `when:`. A component's own
/// `alarms:` wins over the top-level one: `false` turns them off, and its
/// topic and each `threshold` and `periods` it writes win over the
/// top-level's, which win over the defaults. With a topic, the alarm
/// notifies it on entering `ALARM` and on returning to `OK`. Alarms have no
/// `overrides:` role: a role stands for one resource, and a component makes
/// several alarms.
extension Lowering {
    /// What one alarm of a component watches: the metric's fact, and the
    /// dimension that picks the component's own series.
    struct WatchedMetric {
        var alarm: CloudWatch.Alarm
        var dimension: String
        var value: TemplateValue
    }

    func lowerAlarms(_ decl: ResourceDecl, own: AlarmSettings?, kind: ResourceKind, watching metrics: [WatchedMetric]) {
        let top = spec.alarms.flatMap { $0.enabled.value ? $0 : nil }
        guard let settings = own ?? top, settings.enabled.value else { return }
        let topic = settings.topic ?? top?.topic
        let actions: TemplateValue? = topic.map { topic in
            switch topic {
            case .name(let name): .array([.ref(name.logicalId, name.range)], name.range)
            case .arn(let arn): .array([emitter.emit(arn)], arn.range)
            }
        }
        let origin = settings.range
        for metric in metrics {
            let alarm = metric.alarm
            // The component's own, then the top level's (when the component has its own), then the default.
            let written = settings.alarms[alarm.key]
            let fallback = own == nil ? nil : top?.alarms[alarm.key]
            let threshold = written?.threshold ?? fallback?.threshold ?? Located(alarm.threshold, origin)
            let periods = written?.periods ?? fallback?.periods ?? Located(alarm.periods, origin)
            let minutes = periods.value * CloudWatch.period / 60
            let watched = alarm.key == CloudWatch.deadLetterQueueDepth.key ? "the dead-letter queue of " : ""
            let description = "\(alarm.metricName) of \(watched)\(kind.rawValue) \(decl.name.text) above \(threshold.value) \(alarm.unit)"
                + " for \(minutes) minute\(minutes == 1 ? "" : "s")"
            var properties: [(String, TemplateValue)] = [
                ("AlarmDescription", .string(description, origin)),
                ("Namespace", .string(alarm.namespace, origin)),
                ("MetricName", .string(alarm.metricName, origin)),
                ("Dimensions", .array([.object([("Name", .string(metric.dimension, origin)), ("Value", metric.value)], origin)], origin)),
                ("Statistic", .string(alarm.statistic, origin)),
                ("Period", .int(CloudWatch.period, origin)),
                ("EvaluationPeriods", .int(periods.value, periods.range)),
                ("Threshold", .int(threshold.value, threshold.range)),
                ("ComparisonOperator", .string(CloudWatch.comparisonOperator, origin)),
                ("TreatMissingData", .string(CloudWatch.treatMissingData, origin)),
            ]
            if let actions {
                properties.append(("AlarmActions", actions))
                properties.append(("OKActions", actions))
            }
            let id = decl.name.logicalId + Name.logicalId(of: alarm.key) + "Alarm"
            add(Resource(logicalId: id, type: CloudWatch.alarmType, properties: properties, origin: origin), for: decl)
        }
    }
}
