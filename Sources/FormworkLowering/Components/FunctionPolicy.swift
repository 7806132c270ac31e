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
/// - per `permissions` item: the statements `Permissions` (FormworkFacts)
///   lists for its verb on its target's type, each resource made from the
///   target: an attribute (`Fn::GetAtt`, or `Fn::Sub "${T.Arn}/index/*"`
///   with a suffix), its `Ref`, or an SSM parameter's ARN built from its
///   name. A `kind: bucket`'s ARN is built from its name (`bucketArn`) and
///   a `kind: function`'s from its function name (`functionArn`), so that
///   naming them makes no cycle (a bucket's trigger, two functions invoking
///   each other, a function invoking itself);
/// - per `sqs` trigger: `consume` on its queue;
/// - for a queue with a `kmsKey` (a customer managed key), on the key:
///   `SQS.producerKeyActions` with `sendMessage`, `SQS.consumerKeyActions`
///   with `consume` or an `sqs` trigger (the AWS managed key needs no grant);
/// - per `dynamodb` trigger: `DynamoDB.streamReadActions` on the table's
///   streams (`<table ARN>/stream/*`);
/// - per `statements` item: the statement as written (`Effect`, `Action`,
///   `Resource` and `Condition`, interpolated).
///
/// A statement about a conditional resource, or from a conditional trigger
/// or `statements` item, is `Fn::If [condition, statement, AWS::NoValue]`,
/// unless the function's own condition (which the role carries) implies it.
/// Identical statements are written once. Because the policy is inline in
/// the role and the function takes the role's ARN, the function (and
/// everything that refers to the function, like an event source mapping) is
/// created only after the policy exists.
extension Lowering {
    func executionStatements(_ decl: ResourceDecl, _ function: FunctionSpec, deadLetterQueue: Bool) -> [TemplateValue] {
        let id = decl.name.logicalId
        let origin = decl.range
        var statements: [TemplateValue] = []
        var seen: Set<TemplateValue> = []
        func add(_ effect: String, _ actions: [String], _ resources: [TemplateValue], condition: TemplateValue? = nil,
                 when clauses: [WhenClause], _ range: SourceRange) {
            var members: [(String, TemplateValue)] = [
                ("Effect", .string(effect, range)),
                ("Action", actions.count == 1 ? .string(actions[0], range) : .array(actions.map { .string($0, range) }, range)),
                ("Resource", resources.count == 1 ? resources[0] : .array(resources, range)),
            ]
            if let condition { members.append(("Condition", condition)) }
            var statement = TemplateValue.object(members, range)
            // The role carries the function's condition: only what it does not imply needs an `Fn::If`.
            if let condition = conditionName(clauses, within: decl.when) { statement = .if(condition, statement, .noValue(range), range) }
            if seen.insert(statement).inserted { statements.append(statement) }
        }
        func allow(_ actions: [String], _ resource: TemplateValue, when clauses: [WhenClause], _ range: SourceRange) {
            add("Allow", actions, [resource], when: clauses, range)
        }

        allow(["logs:CreateLogStream", "logs:PutLogEvents"], .getAtt(id + "LogGroup", "Arn", origin), when: [], origin)
        if deadLetterQueue {
            let range = function.deadLetterQueue.range
            allow(["sqs:SendMessage"], .getAtt(id + "DeadLetterQueue", "Arn", range), when: [], range)
        }
        for permission in function.permissions {
            guard let target = symbols.resources[permission.target.text], let type = target.permissionTarget,
                  let verb = type.verb(permission.verb.value.rawValue)
            else { Lowering.unchecked("a permission's verb applies to its target (PermissionTargets)") }
            let clauses = [target.when].compactMap { $0 }
            for statement in verb.statements {
                let resources = statement.resources.map { permissionResource($0, of: target, origin: permission.target.range) }
                add("Allow", statement.actions, resources, when: clauses, permission.range)
            }
            if case .queue(let queue) = target.body, let key = queue.kmsKey {
                let actions = permission.verb.value.rawValue == "sendMessage" ? SQS.producerKeyActions : SQS.consumerKeyActions
                allow(actions, keyArn(key), when: clauses, permission.range)
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
            allow(SQS.consumeActions, .getAtt(target.name.logicalId, "Arn", queue.range), when: clauses, trigger.range)
            if case .queue(let spec) = target.body, let key = spec.kmsKey {
                allow(SQS.consumerKeyActions, keyArn(key), when: clauses, trigger.range)
            }
        }
        for statement in function.statements {
            let clauses = [statement.when].compactMap { $0 }
            let resources = emitter.under(clauses) { emitter in statement.resources.map { emitter.emit($0) } }
            add(statement.effect.value == .allow ? "Allow" : "Deny", statement.actions.map(\.value), resources,
                condition: statement.condition.map { value($0, under: clauses) }, when: clauses, statement.range)
        }
        return statements
    }

    /// One resource of a permission's statement, made from its target.
    private func permissionResource(_ resource: Permissions.Resource, of target: ResourceDecl, origin: SourceRange) -> TemplateValue {
        let id = target.name.logicalId
        switch (resource, target.body) {
        case (.attribute("Arn", let suffix), .bucket):
            return bucketArn(target, suffix: suffix, origin: origin)
        case (.attribute("Arn", let suffix), .function):
            return functionArn(target, suffix: suffix, origin: origin)
        case (.attribute(let attribute, let suffix), _):
            return suffix.isEmpty ? .getAtt(id, attribute, origin) : .sub("${\(id).\(attribute)}" + suffix.escapedForSub, origin)
        case (.ref, _):
            return .ref(id, origin)
        case (.parameterArn, .raw(let raw)):
            // A name that starts with `/` is a path and follows `parameter` directly; CloudFormation's generated names do not.
            let slash = raw.parameterNameIsPath == true ? "" : "/"
            return .sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter\(slash)${\(id)}", origin)
        case (.parameterArn, _):
            Lowering.unchecked("only a raw AWS::SSM::Parameter has a parameter ARN (Permissions)")
        }
    }

    /// `arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:<name><suffix>`,
    /// built from a `kind: function`'s name (`FunctionNaming`), which needs nothing from the function.
    func functionArn(_ function: ResourceDecl, suffix: String = "", origin: SourceRange) -> TemplateValue {
        let prefix = FunctionNaming.prefix(stack: spec.stack.value, name: function.name.text)
        let format = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:\(prefix.escapedForSub)-${StackSuffix}\(suffix.escapedForSub)"
        return .object([("Fn::Sub", .array([
            .string(format, origin), .object([("StackSuffix", FunctionNaming.stackIdSuffix(origin))], origin),
        ], origin))], origin)
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
