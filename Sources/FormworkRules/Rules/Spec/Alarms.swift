import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// What `alarms:` names and tunes is there:
///
/// - its `topic`, when a name (not an ARN), is a raw `AWS::SNS::Topic` of
///   the spec, the topic CloudWatch notifies; anything else is an error at
///   the name, with a note where it is declared (a name that is no resource
///   of the spec is UnknownNames' to report);
/// - a function's or queue's own `alarms.deadLetterQueue` is on a function
///   with `deadLetterQueue: true` or a queue with a `deadLetter:` queue:
///   without one there is no queue to watch and no alarm to tune. (At the
///   top level it tunes the alarm of every component that has one.)
enum Alarms: SpecRule {
    static let summary = "an alarm's topic is an SNS topic, and a dead-letter queue alarm has a queue to watch"
    static let codes: [DiagnosticCode] = [.alarmTopicType, .deadLetterAlarmWithoutQueue]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        if case .name(let topic)? = context.spec.alarms?.topic { checkTopic(topic, context, into: &diagnostics) }
        for decl in context.spec.resources {
            guard let alarms = decl.body.alarms else { continue }
            if case .name(let topic)? = alarms.topic { checkTopic(topic, context, into: &diagnostics) }
            guard let override = alarms.alarms[CloudWatch.deadLetterQueueDepth.key] else { continue }
            switch decl.body {
            case .function(let function) where !function.deadLetterQueue.value:
                diagnostics.append(.deadLetterAlarmWithoutQueue(override.key, kind: .function, name: decl.name.text))
            case .queue(let queue) where queue.deadLetter == nil:
                diagnostics.append(.deadLetterAlarmWithoutQueue(override.key, kind: .queue, name: decl.name.text))
            default:
                break
            }
        }
    }

    private static func checkTopic(_ topic: Name, _ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        guard let target = context.symbols.resources[topic.text], target.body.kind != nil else { return }
        if case .raw(let raw) = target.body, raw.type.value == "AWS::SNS::Topic" { return }
        diagnostics.append(.alarmTopicType(topic, found: target))
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let alarmTopicType = DiagnosticCode(
        "FW4302", .specChecks, "an alarms topic names a resource that is no SNS topic",
        reference: DocumentationPage(
            "Amazon CloudWatch User Guide, \"Using Amazon CloudWatch alarms\" (alarm actions notify an Amazon SNS topic)",
            "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Alarms.html"))
    package static let deadLetterAlarmWithoutQueue = DiagnosticCode(
        "FW4303", .specChecks, "a dead-letter queue alarm on a function or queue without a dead-letter queue")
}

extension Diagnostic {
    static func alarmTopicType(_ name: Name, found target: ResourceDecl) -> Diagnostic {
        .error(.alarmTopicType, "alarms.topic must be a raw AWS::SNS::Topic, but '\(name.text)' is \(target.described)", at: name.range,
               notes: [Note("'\(name.text)' is declared here", at: target.name.range)],
               help: ["name a resource of type AWS::SNS::Topic, or give the topic's ARN"])
    }

    static func deadLetterAlarmWithoutQueue(_ key: Located<String>, kind: ResourceKind, name: String) -> Diagnostic {
        let fix = kind == .function ? "set deadLetterQueue: true on '\(name)'" : "give '\(name)' a deadLetter: { queue: ... }"
        return .error(.deadLetterAlarmWithoutQueue,
                      "\(kind.rawValue) '\(name)' has no dead-letter queue for alarms.deadLetterQueue to watch", at: key.range,
                      help: [fix + ", or remove alarms.deadLetterQueue"])
    }
}
