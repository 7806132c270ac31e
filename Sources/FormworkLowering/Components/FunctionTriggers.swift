import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// What a function's triggers and invokers generate, right after the function:
///
/// - `s3` → `AWS::Lambda::Permission` `<Id><Bucket>Permission` (one per
///   bucket) for `s3.amazonaws.com`, scoped by `SourceArn` (the bucket's ARN
///   built from its name, never a `Ref` of the bucket: that would be a
///   cycle) and `SourceAccount`; the bucket's notification entries and its
///   `DependsOn` on the permission are added after all resources are lowered
///   (`attachS3Notifications`), since S3 checks the destination when the
///   notification is put.
/// - `sqs` → `AWS::Lambda::EventSourceMapping` `<Id><Queue>EventSource`
///   (and `consume` in the role's policy). A batch size over 10 gets
///   `MaximumBatchingWindowInSeconds: 1`, which Lambda requires for it.
/// - `schedule` → `AWS::Events::Rule` `<Id>Schedule<N>` and a permission
///   `<Id>Schedule<N>Permission` for `events.amazonaws.com` scoped to the rule.
/// - `dynamodb` → `AWS::Lambda::EventSourceMapping` `<Id><Table>EventSource`
///   on the table's `StreamArn` (and the stream-read actions in the role's policy).
/// - `sns` → `AWS::SNS::Subscription` `<Id><Topic>Subscription` (protocol
///   `lambda`) and `<Id><Topic>Permission` for `sns.amazonaws.com` scoped to
///   the topic; a topic given by ARN is `<Id>Topic<N>…`, N counting from 1.
/// - `eventbridge` → `AWS::Events::Rule` `<Id>Event<N>` with the pattern, on
///   the named bus or the default one, and `<Id>Event<N>Permission` for
///   `events.amazonaws.com` scoped to the rule.
/// - `invokers` item → `AWS::Lambda::Permission` `<Id>Invoker<N>Permission`
///   for `s3.amazonaws.com` on `arn:${AWS::Partition}:s3:::<bucket>`, with
///   `SourceAccount` the item's `account` (the stack's own when it has none).
///
/// A trigger's `when:` (and the condition of the resource it reads from)
/// goes on everything it generates.
extension Lowering {
    func lowerTriggers(_ decl: ResourceDecl, _ function: FunctionSpec) {
        let id = decl.name.logicalId
        var permittedBuckets: Set<String> = []
        var scheduleNumber = 0
        var topicNumber = 0
        var ruleNumber = 0
        for trigger in function.triggers {
            switch trigger.source {
            case .s3(let bucketName, _, _, _):
                guard let bucket = symbols.resources[bucketName.text], case .bucket = bucket.body else {
                    Lowering.unchecked("an s3 trigger names a bucket (ResourceReferences)")
                }
                guard permittedBuckets.insert(bucketName.text).inserted else { continue }
                let triggers = function.triggers.filter {
                    if case .s3(let other, _, _, _) = $0.source { other.text == bucketName.text } else { false }
                }
                let permission = Resource(logicalId: id + bucket.name.logicalId + "Permission", type: "AWS::Lambda::Permission",
                                          properties: [
                    ("Action", .string("lambda:InvokeFunction", trigger.range)),
                    ("FunctionName", .getAtt(id, "Arn", trigger.range)),
                    ("Principal", .string(IAM.ServicePrincipal.s3, trigger.range)),
                    ("SourceAccount", .ref("AWS::AccountId", trigger.range)),
                    ("SourceArn", bucketArn(bucket, origin: bucketName.range)),
                ], origin: trigger.range)
                addGenerated(permission, for: decl, when: s3PermissionConditions(decl, bucket: bucket, triggers: triggers))
            case .sqs(let queueName, let batchSize, let options):
                guard let queue = symbols.resources[queueName.text], case .queue = queue.body else {
                    Lowering.unchecked("an sqs trigger names a queue (ResourceReferences)")
                }
                // One trigger per queue and function (the QueueTriggers rule), so one mapping per pair.
                let mappingId = id + queue.name.logicalId + "EventSource"
                var properties: [(String, TemplateValue)] = [
                    ("EventSourceArn", .getAtt(queue.name.logicalId, "Arn", queueName.range)),
                    ("FunctionName", .ref(id, trigger.range)),
                ]
                if let batchSize {
                    let conditional = options.conditionals[.batchSize]
                    let size = number(batchSize, conditional)
                    properties.append(("BatchSize", size))
                    // A batch of more than 10 needs a batching window: only where a branch asks for one.
                    let sizes = conditional?.numberBranches ?? [batchSize]
                    let max = Lambda.maxBatchSizeWithoutWindow
                    if sizes.allSatisfy({ $0.value > max }) {
                        properties.append(("MaximumBatchingWindowInSeconds", .int(1, batchSize.range)))
                    } else if sizes.contains(where: { $0.value > max }) {
                        properties.append(("MaximumBatchingWindowInSeconds", size.mapIfBranches { branch in
                            guard case .number(let text) = branch.kind, let n = Int(text), n > max else { return .noValue(branch.origin) }
                            return .int(1, branch.origin)
                        }))
                    }
                }
                properties += sqsOptions(options)
                addGenerated(Resource(logicalId: mappingId, type: "AWS::Lambda::EventSourceMapping", properties: properties,
                                      origin: trigger.range),
                             for: decl, when: [trigger.when, queue.when].compactMap { $0 })
            case .schedule(let expression):
                scheduleNumber += 1
                let ruleId = id + "Schedule" + String(scheduleNumber)
                let when = [trigger.when].compactMap { $0 }
                addGenerated(Resource(logicalId: ruleId, type: "AWS::Events::Rule", properties: [
                    ("ScheduleExpression", .string(expression.value, expression.range)),
                    ("State", .string("ENABLED", trigger.range)),
                    ("Targets", .array([.object([
                        ("Arn", .getAtt(id, "Arn", trigger.range)),
                        ("Id", .string("function", trigger.range)),
                    ], trigger.range)], trigger.range)),
                ], origin: trigger.range), for: decl, when: when)
                addGenerated(Resource(logicalId: ruleId + "Permission", type: "AWS::Lambda::Permission", properties: [
                    ("Action", .string("lambda:InvokeFunction", trigger.range)),
                    ("FunctionName", .getAtt(id, "Arn", trigger.range)),
                    ("Principal", .string(IAM.ServicePrincipal.events, trigger.range)),
                    ("SourceArn", .getAtt(ruleId, "Arn", trigger.range)),
                ], origin: trigger.range), for: decl, when: when)
            case .dynamodb(let stream):
                lowerStreamTrigger(decl, trigger, stream)
            case .sns(let topic):
                let (prefix, arn, clauses): (String, TemplateValue, [WhenClause])
                switch topic {
                case .name(let name):
                    guard let target = symbols.resources[name.text] else { Lowering.unchecked("an sns trigger names a topic (EventTriggers)") }
                    prefix = id + target.name.logicalId
                    arn = .ref(target.name.logicalId, name.range)
                    clauses = [trigger.when, target.when].compactMap { $0 }
                case .arn(let string):
                    topicNumber += 1
                    prefix = id + "Topic" + String(topicNumber)
                    clauses = [trigger.when].compactMap { $0 }
                    arn = emitter.under(clauses) { $0.emit(string) }
                }
                addGenerated(Resource(logicalId: prefix + "Subscription", type: "AWS::SNS::Subscription", properties: [
                    ("Endpoint", .getAtt(id, "Arn", trigger.range)),
                    ("Protocol", .string("lambda", trigger.range)),
                    ("TopicArn", arn),
                ], origin: trigger.range), for: decl, when: clauses)
                addGenerated(Resource(logicalId: prefix + "Permission", type: "AWS::Lambda::Permission", properties: [
                    ("Action", .string("lambda:InvokeFunction", trigger.range)),
                    ("FunctionName", .getAtt(id, "Arn", trigger.range)),
                    ("Principal", .string(IAM.ServicePrincipal.sns, trigger.range)),
                    ("SourceArn", arn),
                ], origin: trigger.range), for: decl, when: clauses)
            case .eventbridge(let rule):
                ruleNumber += 1
                let ruleId = id + "Event" + String(ruleNumber)
                var clauses = [trigger.when].compactMap { $0 }
                var properties: [(String, TemplateValue)] = []
                if let bus = rule.bus {
                    guard let target = symbols.resources[bus.text] else { Lowering.unchecked("an eventbridge trigger names a bus (EventTriggers)") }
                    properties.append(("EventBusName", .ref(target.name.logicalId, bus.range)))
                    if let when = target.when { clauses.append(when) }
                }
                // The pattern's values stand under the trigger's conditions.
                let saved = emitter.context
                emitter.context += clauses.map(\.condition)
                properties.append(("EventPattern", value(rule.pattern)))
                emitter.context = saved
                properties.append(("State", .string("ENABLED", trigger.range)))
                properties.append(("Targets", .array([.object([
                    ("Arn", .getAtt(id, "Arn", trigger.range)),
                    ("Id", .string("function", trigger.range)),
                ], trigger.range)], trigger.range)))
                addGenerated(Resource(logicalId: ruleId, type: "AWS::Events::Rule", properties: properties, origin: trigger.range),
                             for: decl, when: clauses)
                addGenerated(Resource(logicalId: ruleId + "Permission", type: "AWS::Lambda::Permission", properties: [
                    ("Action", .string("lambda:InvokeFunction", trigger.range)),
                    ("FunctionName", .getAtt(id, "Arn", trigger.range)),
                    ("Principal", .string(IAM.ServicePrincipal.events, trigger.range)),
                    ("SourceArn", .getAtt(ruleId, "Arn", trigger.range)),
                ], origin: trigger.range), for: decl, when: clauses)
            }
        }
    }

    /// A `dynamodb` trigger's event source mapping on the table's `StreamArn`
    /// (one per table and function: the EventTriggers rule).
    private func lowerStreamTrigger(_ decl: ResourceDecl, _ trigger: Trigger, _ stream: DynamoDBTrigger) {
        let id = decl.name.logicalId
        guard let table = symbols.resources[stream.table.text] else { Lowering.unchecked("a dynamodb trigger names a table (EventTriggers)") }
        let position = stream.startingPosition
        var properties: [(String, TemplateValue)] = [
            ("EventSourceArn", .getAtt(table.name.logicalId, "StreamArn", stream.table.range)),
            ("FunctionName", .ref(id, trigger.range)),
            ("StartingPosition", choice(position, stream.conditionals[.startingPosition]) { .string($0.cloudFormation, $1) }),
        ]
        if let batchSize = stream.batchSize { properties.append(("BatchSize", number(batchSize, stream.conditionals[.batchSize]))) }
        if let retries = stream.maximumRetryAttempts {
            properties.append(("MaximumRetryAttempts", number(retries, stream.conditionals[.maximumRetryAttempts])))
        }
        var options = SQSTriggerOptions()
        options.reportBatchItemFailures = stream.reportBatchItemFailures
        options.conditionals = stream.conditionals
        options.filters = stream.filters
        properties += sqsOptions(options)
        addGenerated(Resource(logicalId: id + table.name.logicalId + "EventSource", type: "AWS::Lambda::EventSourceMapping",
                              properties: properties, origin: trigger.range),
                     for: decl, when: [trigger.when, table.when].compactMap { $0 })
    }

    /// `FilterCriteria` (each pattern as JSON text), `FunctionResponseTypes`
    /// and `ScalingConfig` of an sqs trigger's mapping, where set.
    private func sqsOptions(_ options: SQSTriggerOptions) -> [(String, TemplateValue)] {
        var properties: [(String, TemplateValue)] = []
        if let first = options.filters.first {
            let filters: [TemplateValue] = options.filters.map { pattern in
                .object([("Pattern", .string(JSONWriter.writeMinified(value(pattern)), pattern.range))], pattern.range)
            }
            properties.append(("FilterCriteria", .object([("Filters", .array(filters, first.range))], first.range)))
        }
        if let report = options.reportBatchItemFailures, report.value {
            properties.append(("FunctionResponseTypes", flag(report, options.conditionals[.reportBatchItemFailures]) { report, range in
                report ? .array([.string("ReportBatchItemFailures", range)], range) : .noValue(range)
            }))
        }
        if let concurrency = options.maximumConcurrency {
            properties.append(("ScalingConfig", .object([
                ("MaximumConcurrency", number(concurrency, options.conditionals[.maximumConcurrency])),
            ], concurrency.range)))
        }
        return properties
    }

    /// The conditions of an s3 permission beyond the function's own. The
    /// bucket `DependsOn` the permission, and a `DependsOn` may not name a
    /// resource that can be absent while the bucket exists: the triggers'
    /// common condition applies only when the bucket has that same
    /// condition; otherwise the permission stands whenever the function does
    /// (it allows nothing S3 is not configured to do).
    private func s3PermissionConditions(_ decl: ResourceDecl, bucket: ResourceDecl, triggers: [Trigger]) -> [WhenClause] {
        guard let bucketWhen = bucket.when else { return [] }
        let clauses = triggers.map { ([decl.when, $0.when].compactMap { $0 }) }
        guard let first = clauses.first,
              clauses.allSatisfy({ $0.map(\.condition.canonical) == first.map(\.condition.canonical) }) else { return [] }
        let own = first.filter { $0.condition.canonical != decl.when?.condition.canonical }
        return own.allSatisfy({ $0.condition.canonical == bucketWhen.condition.canonical }) ? own : []
    }

    func lowerInvokers(_ decl: ResourceDecl, _ function: FunctionSpec) {
        let id = decl.name.logicalId
        for (index, invoker) in function.invokers.enumerated() {
            let range = invoker.range
            addGenerated(Resource(logicalId: id + "Invoker" + String(index + 1) + "Permission", type: "AWS::Lambda::Permission",
                                  properties: [
                ("Action", .string("lambda:InvokeFunction", range)),
                ("FunctionName", .getAtt(id, "Arn", range)),
                ("Principal", .string(IAM.ServicePrincipal.s3, range)),
                ("SourceAccount", invoker.account.map { account in
                    emitter.under([invoker.when].compactMap { $0 }) { $0.emit(account) }
                } ?? .ref("AWS::AccountId", range)),
                ("SourceArn", Self.s3Arn(of: emitter.under([invoker.when].compactMap { $0 }) { $0.emit(invoker.s3Bucket) },
                                         suffix: "", origin: invoker.s3Bucket.range)),
            ], origin: range), for: decl, when: [invoker.when].compactMap { $0 })
        }
    }

    // MARK: after lowering

    /// Adds each `s3` trigger to its bucket's `NotificationConfiguration`
    /// (`LambdaConfigurations`, one entry per event; `s3:ObjectCreated:*`
    /// when none is given; prefix and suffix as `Filter.S3Key.Rules`), and
    /// makes the bucket `DependsOn` the function's permission. Runs after
    /// every resource is lowered, before tag propagation.
    func attachS3Notifications() {
        // Per bucket (by template index): the entries to add, and where they came from, added once at the end.
        var pending: [Int: (entries: [TemplateValue], origin: SourceRange, permissions: [String])] = [:]
        for decl in spec.resources {
            guard case .function(let function) = decl.body else { continue }
            let id = decl.name.logicalId
            for trigger in function.triggers {
                guard case .s3(let bucketName, let events, let prefix, let suffix) = trigger.source else { continue }
                guard let bucket = symbols.resources[bucketName.text], case .bucket = bucket.body,
                      let index = template.index(of: bucket.name.logicalId), template.resources[index].type == "AWS::S3::Bucket"
                else { Lowering.unchecked("an s3 trigger names a bucket (ResourceReferences)") }
                // The filter's values stand in the bucket, under the function's and the trigger's conditions.
                emitter.context = [bucket.when, decl.when, trigger.when].compactMap { $0?.condition }
                defer { emitter.context = [] }
                let chosen = events.isEmpty ? [Located(BuiltInDefaults.s3TriggerEvent, bucketName.range, .builtIn)] : events
                var rules: [TemplateValue] = []
                if let prefix {
                    rules.append(.object([("Name", .string("prefix", prefix.range)), ("Value", emitter.emit(prefix))], prefix.range))
                }
                if let suffix {
                    rules.append(.object([("Name", .string("suffix", suffix.range)), ("Value", emitter.emit(suffix))], suffix.range))
                }
                // The entry exists with the function and the trigger, not beyond the bucket's own condition.
                let clauses = [decl.when, trigger.when].compactMap { $0 }
                let condition = conditionName(clauses, within: bucket.when)
                let entries: [TemplateValue] = chosen.map { event in
                    var members: [(String, TemplateValue)] = [
                        ("Event", .string(event.value, event.range)),
                        ("Function", .getAtt(id, "Arn", trigger.range)),
                    ]
                    if !rules.isEmpty {
                        members.append(("Filter", .object([("S3Key", .object([("Rules", .array(rules, trigger.range))],
                                                                                trigger.range))], trigger.range)))
                    }
                    let entry = TemplateValue.object(members, trigger.range)
                    return condition.map { .if($0, entry, .noValue(trigger.range), trigger.range) } ?? entry
                }
                let permission = id + bucket.name.logicalId + "Permission"
                // Mutated in place: a copy out of the dictionary would copy every entry so far.
                pending[index, default: ([], trigger.range, [])].entries += entries
                if pending[index]?.permissions.contains(permission) == false { pending[index]?.permissions.append(permission) }
            }
        }
        for (index, bucketPending) in pending {
            template[resourceAt: index].properties = Self.addingLambdaConfigurations(
                bucketPending.entries, to: template.resources[index].properties, origin: bucketPending.origin)
            template[resourceAt: index].dependsOn = Self.merged(template.resources[index].dependsOn, bucketPending.permissions)
        }
    }

    static func addingLambdaConfigurations(_ entries: [TemplateValue], to properties: TemplateValue,
                                           origin: SourceRange) -> TemplateValue {
        guard case .object(var members) = properties.kind else { return properties }
        var configuration: [TemplateValue.Member] = []
        let index = members.firstIndex { $0.key == "NotificationConfiguration" }
        if let index, case .object(let existing) = members[index].value.kind { configuration = existing }
        var list: [TemplateValue] = []
        let listIndex = configuration.firstIndex { $0.key == "LambdaConfigurations" }
        if let listIndex, case .array(let existing) = configuration[listIndex].value.kind { list = existing }
        list += entries
        let listValue = TemplateValue.array(list, origin)
        if let listIndex { configuration[listIndex].value = listValue } else { configuration.append(.init("LambdaConfigurations", listValue)) }
        let configurationValue = TemplateValue(.object(configuration), origin: origin)
        if let index { members[index].value = configurationValue } else { members.append(.init("NotificationConfiguration", configurationValue)) }
        return TemplateValue(.object(members), origin: properties.origin)
    }
}
