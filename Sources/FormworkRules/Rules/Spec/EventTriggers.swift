import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// The `dynamodb`, `sns` and `eventbridge` triggers name resources of the
/// types they read from, in a state that lets Lambda read them:
///
/// - a `dynamodb` trigger's `table` is a raw `AWS::DynamoDB::Table`, an
///   `sns` trigger's `topic` (when a name, not an ARN) a raw
///   `AWS::SNS::Topic`, an `eventbridge` trigger's `bus` a raw
///   `AWS::Events::EventBus`; anything else is an error at the name, with a
///   note where it is declared;
/// - the table has a `StreamSpecification` (without one it has no stream,
///   no `StreamArn`, and the mapping cannot be created): an error at the
///   trigger's table, with a note at the table;
/// - the topic is no FIFO topic (`FifoTopic: true`): SNS delivers a FIFO
///   topic's messages only to SQS queues;
/// - a function is triggered at most once by one table or one topic (a
///   second would generate a second mapping or subscription of the same
///   name, and Lambda refuses a second mapping of one stream to one
///   function): an error at the second, with a note at the first.
///
/// A name that is no resource of the spec is UnknownNames' to report.
enum EventTriggers: SpecRule {
    static let summary = "dynamodb, sns and eventbridge triggers read from resources of their type that Lambda can read"
    static let codes: [DiagnosticCode] = [.wrongTriggerSourceType, .triggerTableWithoutStream, .fifoTopicTrigger, .duplicateEventTrigger]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for decl in context.spec.resources {
            guard case .function(let function) = decl.body else { continue }
            var seen: [String: Name] = [:]
            for trigger in function.triggers {
                let source: (name: Name, type: String, what: String)
                switch trigger.source {
                case .dynamodb(let stream): source = (stream.table, DynamoDB.tableType, "a dynamodb trigger's table")
                case .sns(.name(let topic)): source = (topic, "AWS::SNS::Topic", "an sns trigger's topic")
                case .eventbridge(let rule):
                    guard let bus = rule.bus else { continue }
                    source = (bus, "AWS::Events::EventBus", "an eventbridge trigger's bus")
                default: continue
                }
                guard let target = context.symbols.resources[source.name.text], target.body.kind != nil else { continue }
                guard case .raw(let raw) = target.body, raw.type.value == source.type else {
                    diagnostics.append(.wrongTriggerSourceType(source.name, what: source.what, type: source.type, found: target))
                    continue
                }
                if source.type != "AWS::Events::EventBus" {
                    let key = source.type + " " + source.name.text
                    if let first = seen[key] {
                        diagnostics.append(.duplicateEventTrigger(source.name, first: first, function: decl.name.text))
                    } else {
                        seen[key] = source.name
                    }
                }
                if source.type == DynamoDB.tableType, property(DynamoDB.streamSpecification, of: raw) == nil {
                    diagnostics.append(.triggerTableWithoutStream(source.name, table: target))
                }
                if source.type == "AWS::SNS::Topic", case .bool(true, let range)? = property("FifoTopic", of: raw) {
                    diagnostics.append(.fifoTopicTrigger(source.name, fifo: range))
                }
            }
        }
    }

    private static func property(_ key: String, of raw: RawResourceSpec) -> RawValue? {
        guard case .object(let members, _) = raw.properties else { return nil }
        return members.first { $0.key.value == key }?.value
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let wrongTriggerSourceType = DiagnosticCode(
        "FW5341", .specChecks, "a dynamodb, sns or eventbridge trigger names a resource of another type")
    package static let triggerTableWithoutStream = DiagnosticCode(
        "FW5342", .specChecks, "a dynamodb trigger's table has no stream",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, AWS::DynamoDB::Table (StreamSpecification, the StreamArn attribute)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html"))
    package static let fifoTopicTrigger = DiagnosticCode(
        "FW5343", .specChecks, "an sns trigger's topic is a FIFO topic",
        reference: DocumentationPage(
            "Amazon SNS Developer Guide, \"Amazon SNS FIFO topics\" (FIFO topics deliver to SQS queues)",
            "https://docs.aws.amazon.com/sns/latest/dg/sns-fifo-topics.html"))
    package static let duplicateEventTrigger = DiagnosticCode(
        "FW5344", .specChecks, "a function is triggered twice by one table or topic")
}

extension Diagnostic {
    static func wrongTriggerSourceType(_ name: Name, what: String, type: String, found target: ResourceDecl) -> Diagnostic {
        .error(.wrongTriggerSourceType, "\(what) must be a raw \(type), but '\(name.text)' is \(target.described)", at: name.range,
               notes: [Note("'\(name.text)' is declared here", at: target.name.range)])
    }

    static func triggerTableWithoutStream(_ name: Name, table: ResourceDecl) -> Diagnostic {
        .error(.triggerTableWithoutStream, "table '\(name.text)' has no stream for the trigger to read", at: name.range,
               notes: [Note("'\(name.text)' is declared here, without StreamSpecification", at: table.name.range)],
               help: ["give '\(name.text)' StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES } (or KEYS_ONLY, NEW_IMAGE, OLD_IMAGE)"])
    }

    static func fifoTopicTrigger(_ name: Name, fifo: SourceRange) -> Diagnostic {
        .error(.fifoTopicTrigger, "topic '\(name.text)' is a FIFO topic, which delivers only to SQS queues, not to a function",
               at: name.range, notes: [Note("'\(name.text)' is a FIFO topic here", at: fifo)],
               help: ["subscribe a FIFO queue to the topic and trigger the function from the queue"])
    }

    static func duplicateEventTrigger(_ name: Name, first: Name, function: String) -> Diagnostic {
        .error(.duplicateEventTrigger, "'\(name.text)' already triggers function '\(function)'", at: name.range,
               notes: [Note("the first trigger on '\(name.text)' is here", at: first.range)],
               help: ["remove one of the two triggers"])
    }
}
