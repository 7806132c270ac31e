import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// The execution role's one inline policy: exactly what the function needs,
/// each statement on named ARNs (never `*`):
///
/// - its own log group: `logs:CreateLogStream`, `logs:PutLogEvents` on the
///   log group's `Arn` attribute (which ends in `:*`, so it covers the
///   group's log streams);
/// - its own dead-letter queue: `sqs:SendMessage`;
/// - per `permissions` item: `read` → `s3:GetObject` on `<bucket>/*` and
///   `s3:ListBucket` on the bucket; `write` → `s3:PutObject` on `<bucket>/*`
///   (deleting is not writing: no `s3:DeleteObject`); `readWrite` → both;
///   `sendMessage` → `sqs:SendMessage`; `consume` → `sqs:ReceiveMessage`,
///   `sqs:DeleteMessage`, `sqs:GetQueueAttributes`,
///   `sqs:ChangeMessageVisibility` on the queue;
/// - per `sqs` trigger: `consume` on its queue;
/// - per `dynamodb` trigger: `DynamoDB.streamReadActions` on the table's
///   streams (`<table ARN>/stream/*`).
///
/// A statement about a conditional resource, or from a conditional trigger,
/// is `Fn::If [condition, statement, AWS::NoValue]`, unless the function's
/// own condition (which the role carries) implies it. Identical statements
/// are written once. Because the policy is inline in the role and the
/// function takes the role's ARN, the function (and everything that refers
/// to the function, like an event source mapping) is created only after the
/// policy exists.
extension Lowering {
    static let consumeActions = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]

    func executionStatements(_ decl: ResourceDecl, _ function: FunctionSpec, deadLetterQueue: Bool) -> [TemplateValue] {
        let id = decl.name.logicalId
        let origin = decl.range
        var statements: [TemplateValue] = []
        var seen: Set<TemplateValue> = []
        func allow(_ actions: [String], _ resource: TemplateValue, when clauses: [WhenClause], _ range: SourceRange) {
            var statement = TemplateValue.object([
                ("Effect", .string("Allow", range)),
                ("Action", actions.count == 1 ? .string(actions[0], range) : .array(actions.map { .string($0, range) }, range)),
                ("Resource", resource),
            ], range)
            // The role carries the function's condition: only what it does not imply needs an `Fn::If`.
            if let condition = conditionName(clauses, within: decl.when) { statement = .if(condition, statement, .noValue(range), range) }
            if seen.insert(statement).inserted { statements.append(statement) }
        }

        allow(["logs:CreateLogStream", "logs:PutLogEvents"], .getAtt(id + "LogGroup", "Arn", origin), when: [], origin)
        if deadLetterQueue {
            let range = function.deadLetterQueue.range
            allow(["sqs:SendMessage"], .getAtt(id + "DeadLetterQueue", "Arn", range), when: [], range)
        }
        for permission in function.permissions {
            guard let target = symbols.resources[permission.target.text] else {
                Lowering.unchecked("a permission names a resource (ResourceReferences)")
            }
            let range = permission.range
            let clauses = [target.when].compactMap { $0 }
            switch permission.verb.value {
            case .read, .write, .readWrite:
                guard case .bucket = target.body else { Lowering.unchecked("a bucket permission names a bucket (ResourceReferences)") }
                let objectActions = switch permission.verb.value {
                case .read: ["s3:GetObject"]
                case .write: ["s3:PutObject"]
                default: ["s3:GetObject", "s3:PutObject"]
                }
                allow(objectActions, bucketArn(target, suffix: "/*", origin: permission.target.range), when: clauses, range)
                if permission.verb.value != .write {
                    allow(["s3:ListBucket"], bucketArn(target, origin: permission.target.range), when: clauses, range)
                }
            case .sendMessage, .consume:
                guard case .queue = target.body else { Lowering.unchecked("a queue permission names a queue (ResourceReferences)") }
                let actions = permission.verb.value == .sendMessage ? ["sqs:SendMessage"] : Self.consumeActions
                allow(actions, .getAtt(target.name.logicalId, "Arn", permission.target.range), when: clauses, range)
            }
        }
        for trigger in function.triggers {
            if case .dynamodb(let stream) = trigger.source {
                guard let table = symbols.resources[stream.table.text] else {
                    Lowering.unchecked("a dynamodb trigger names a table (EventTriggers)")
                }
                let clauses = [trigger.when, table.when].compactMap { $0 }
                allow(DynamoDB.streamReadActions, .sub("${\(table.name.logicalId).Arn}/stream/*", stream.table.range),
                      when: clauses, trigger.range)
                continue
            }
            guard case .sqs(let queue, _, _) = trigger.source else { continue }
            guard let target = symbols.resources[queue.text], case .queue = target.body else {
                Lowering.unchecked("an sqs trigger names a queue (ResourceReferences)")
            }
            let clauses = [trigger.when, target.when].compactMap { $0 }
            allow(Self.consumeActions, .getAtt(target.name.logicalId, "Arn", queue.range), when: clauses, trigger.range)
        }
        return statements
    }

    // MARK: bucket names and ARNs

    /// The name of a bucket of the spec, as a template value: its explicit
    /// `name:` when it has one, else `Ref` of the bucket.
    ///
    /// A bucket's name without a reference to the bucket (its `name`, or the
    /// generated name of a triggered bucket): so an `s3` trigger makes no
    /// cycle (bucket → permission → function → role → bucket). A bucket with
    /// neither is not triggered, so its `Ref` is safe.
    func bucketName(_ bucket: ResourceDecl, origin: SourceRange) -> TemplateValue {
        nameExpression(for: bucket) ?? .ref(bucket.name.logicalId, origin)
    }

    /// `arn:${AWS::Partition}:s3:::<bucket name><suffix>`, built from the bucket's name.
    func bucketArn(_ bucket: ResourceDecl, suffix: String = "", origin: SourceRange) -> TemplateValue {
        Self.s3Arn(of: bucketName(bucket, origin: origin), suffix: suffix, origin: origin)
    }

    /// `arn:${AWS::Partition}:s3:::<name><suffix>` as one `Fn::Sub`, the name inlined where it can be.
    static func s3Arn(of name: TemplateValue, suffix: String, origin: SourceRange) -> TemplateValue {
        let prefix = "arn:${AWS::Partition}:s3:::"
        switch name.kind {
        case .string(let text):
            return .sub(prefix + text.escapedForSub + suffix, origin)
        case .object(let members) where members.count == 1:
            let (key, value) = (members[0].key, members[0].value)
            switch (key, value.kind) {
            case ("Ref", .string(let id)):
                return .sub(prefix + "${\(id)}" + suffix, origin)
            case ("Fn::GetAtt", .array(let parts)) where parts.count == 2:
                if case .string(let id) = parts[0].kind, case .string(let attribute) = parts[1].kind {
                    return .sub(prefix + "${\(id).\(attribute)}" + suffix, origin)
                }
            case ("Fn::Sub", .string(let format)):
                return .sub(prefix + format + suffix, origin)
            case ("Fn::Sub", .array(let parts)) where parts.count == 2:
                if case .string(let format) = parts[0].kind {
                    return .object([("Fn::Sub", .array([.string(prefix + format + suffix, origin), parts[1]], origin))], origin)
                }
            default:
                break
            }
        default:
            break
        }
        return .object([("Fn::Sub", .array([
            .string(prefix + "${BucketName}" + suffix, origin), .object([("BucketName", name)], origin),
        ], origin))], origin)
    }
}
