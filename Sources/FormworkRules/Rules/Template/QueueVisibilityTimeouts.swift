import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// A queue that feeds a function (an `AWS::Lambda::EventSourceMapping`
/// whose `EventSourceArn` is the queue's `Fn::GetAtt` `Arn` and whose
/// `FunctionName` is the function's `Ref` or `Arn`) hides each message it
/// hands out for at least as long as the function may run: Lambda refuses
/// the mapping when the queue's `VisibilityTimeout` (30 s when not set) is
/// less than the function's `Timeout` (3 s when not set), since a message
/// would reappear while it is still being processed. cfn-lint checks the
/// same (E3505). The queue is compared with the slowest function it feeds
/// (the first on a tie), once; values only known at deploy time are not
/// compared; of an `Fn::If` between numbers (a conditional `timeout:` or
/// `visibilityTimeout:`) the function's largest branch is compared with
/// the queue's smallest, since both may be taken together, unless both are
/// `Fn::If`s on the same condition: then branch with branch. Reported at the queue's `VisibilityTimeout`, with a note at the
/// function's `Timeout`; the fix-it sets six times the function's timeout,
/// Lambda's advice (a spec queue that sets none gets that generated).
enum QueueVisibilityTimeouts: TemplateRule {
    static let summary = "a queue hides messages at least as long as the function it feeds may run"
    static let codes: [DiagnosticCode] = [.visibilityTimeoutTooShort]

    /// A number of seconds and where it came from; `written` is false for the service's default.
    struct Seconds {
        var value: Int
        var origin: SourceRange
        var written: Bool
    }

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        let template = context.template
        func resource(_ id: String?, ofType type: String) -> Resource? {
            guard let id, let resource = template.resource(id), resource.type == type else { return nil }
            return resource
        }
        // The slowest function each queue feeds, queues in the order their first mapping comes.
        var queues: [String] = []
        var slowest: [String: (function: Resource, timeout: Seconds)] = [:]
        for mapping in template.resources where mapping.type == "AWS::Lambda::EventSourceMapping" {
            guard let queue = resource(mapping.properties["EventSourceArn"]?.getAttTarget(attribute: "Arn"), ofType: "AWS::SQS::Queue"),
                  let function = resource(mapping.properties["FunctionName"]?.functionTarget, ofType: "AWS::Lambda::Function"),
                  let timeout = seconds(function, "Timeout", default: Lambda.defaultTimeout)
            else { continue }
            if let current = slowest[queue.logicalId] {
                if current.timeout.value >= timeout.value { continue }
            } else {
                queues.append(queue.logicalId)
            }
            slowest[queue.logicalId] = (function, timeout)
        }
        for id in queues {
            guard let queue = resource(id, ofType: "AWS::SQS::Queue"), let consumer = slowest[id] else { continue }
            // Both conditional on the same condition: compared branch by branch, as they are taken together.
            if let written = queue.properties["VisibilityTimeout"], let timeout = consumer.function.properties["Timeout"],
               let pairs = sameConditionBranches(written, timeout) {
                for (visibility, timeout) in pairs {
                    guard let visibility = visibility.extremeNumber(largest: false), let v = visibility.integer,
                          let timeout = timeout.extremeNumber(largest: true), let t = timeout.integer, v < t else { continue }
                    diagnostics.append(.visibilityTimeoutTooShort(
                        queue: queue, Seconds(value: v, origin: visibility.origin ?? queue.origin, written: true),
                        function: consumer.function, Seconds(value: t, origin: timeout.origin ?? consumer.function.origin, written: true)))
                    break
                }
                continue
            }
            guard let visibility = seconds(queue, "VisibilityTimeout", default: SQS.defaultVisibilityTimeout, smallest: true),
                  visibility.value < consumer.timeout.value
            else { continue }
            diagnostics.append(.visibilityTimeoutTooShort(queue: queue, visibility, function: consumer.function, consumer.timeout))
        }
    }

    /// The branch pairs of two `Fn::If`s on one condition (then with then,
    /// else with else, at any depth); nil when they are not both such.
    static func sameConditionBranches(_ a: TemplateValue, _ b: TemplateValue) -> [(TemplateValue, TemplateValue)]? {
        guard let (condition, aThen, aElse) = a.fnIf, let (other, bThen, bElse) = b.fnIf, condition == other else { return nil }
        return (sameConditionBranches(aThen, bThen) ?? [(aThen, bThen)]) + (sameConditionBranches(aElse, bElse) ?? [(aElse, bElse)])
    }

    /// A property in seconds: its literal value, the default when it is
    /// absent, nil when it is known only at deploy time.
    static func seconds(_ resource: Resource, _ property: String, default value: Int, smallest: Bool = false) -> Seconds? {
        guard let written = resource.properties[property] else {
            return Seconds(value: value, origin: resource.origin, written: false)
        }
        guard let number = written.extremeNumber(largest: !smallest), let seconds = number.integer else { return nil }
        return Seconds(value: seconds, origin: number.origin ?? written.origin ?? resource.origin, written: true)
    }
}

extension TemplateValue {
    /// A whole number written as a JSON number or a string of digits (CloudFormation takes both).
    fileprivate var integer: Int? {
        switch kind {
        case .number(let text), .string(let text): Int(text)
        default: nil
        }
    }

    /// The value when it is a whole number; of `Fn::If` between numbers
    /// (`timeout: "${c ? 900 : 30}"`), its largest branch (the one the queue
    /// must outlast wherever it is taken) or its smallest (the queue's
    /// shortest hiding); nil otherwise.
    fileprivate func extremeNumber(largest: Bool) -> TemplateValue? {
        if integer != nil { return self }
        guard case .object(let members) = kind, members.count == 1, members[0].key == "Fn::If",
              case .array(let parts) = members[0].value.kind, parts.count == 3,
              let then = parts[1].extremeNumber(largest: largest), let otherwise = parts[2].extremeNumber(largest: largest),
              let a = then.integer, let b = otherwise.integer
        else { return nil }
        return (a >= b) == largest ? then : otherwise
    }

    /// `Fn::If [condition, then, else]`'s parts.
    fileprivate var fnIf: (String, TemplateValue, TemplateValue)? {
        guard case .object(let members) = kind, members.count == 1, members[0].key == "Fn::If",
              case .array(let parts) = members[0].value.kind, parts.count == 3,
              case .string(let condition) = parts[0].kind else { return nil }
        return (condition, parts[1], parts[2])
    }

    /// The function a `FunctionName` names: `Ref F` or `Fn::GetAtt [F, Arn]`.
    fileprivate var functionTarget: String? { refTarget ?? getAttTarget(attribute: "Arn") }
}

extension DiagnosticCode {
    package static let visibilityTimeoutTooShort = DiagnosticCode(
        "FW5307", .templateChecks, "a queue hides messages for less time than its consumer function may run",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Using Lambda with Amazon SQS\" (visibility timeout); cfn-lint E3505",
            "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html"))
}

extension Diagnostic {
    static func visibilityTimeoutTooShort(queue: Resource, _ visibility: QueueVisibilityTimeouts.Seconds,
                                          function: Resource, _ timeout: QueueVisibilityTimeouts.Seconds) -> Diagnostic {
        let queueName = queue.owner ?? queue.logicalId
        let functionName = function.owner ?? function.logicalId
        let advised = Lambda.advisedVisibilityTimeout(functionTimeout: timeout.value)
        let message = "queue '\(queueName)' has a visibility timeout of \(visibility.value) s, less than the \(timeout.value) s timeout of function '\(functionName)' it triggers"
        let note = timeout.written
            ? Note("function '\(functionName)' has its timeout here", at: timeout.origin)
            : Note("function '\(functionName)' sets no Timeout, so Lambda's default of \(timeout.value) s applies", at: timeout.origin)
        // A spec's queue that sets no visibilityTimeout gets six times its slowest consumer's timeout.
        let fix = queue.owner != nil
            ? "set visibilityTimeout to at least \(timeout.value) (six times it, \(advised), is Lambda's advice), or remove it to get that"
            : "set VisibilityTimeout to at least \(timeout.value) (six times it, \(advised), is Lambda's advice)"
        guard visibility.written else {
            return .error(.visibilityTimeoutTooShort, message + " (SQS's default)", at: visibility.origin, notes: [note], help: [fix])
        }
        return .error(.visibilityTimeoutTooShort, message, at: visibility.origin, notes: [note],
                      fixIts: [FixIt(fix, replacing: visibility.origin, with: String(advised))])
    }
}
