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
/// - `invokers` item → `AWS::Lambda::Permission` `<Id>Invoker<N>Permission`
///   for `s3.amazonaws.com` on `arn:${AWS::Partition}:s3:::<bucket>`.
///
/// A trigger's `when:` (and the condition of the resource it reads from)
/// goes on everything it generates.
extension Lowering {
    func lowerTriggers(_ decl: ResourceDecl, _ function: FunctionSpec) {
        let id = decl.name.logicalId
        var permittedBuckets: Set<String> = []
        var scheduleNumber = 0
        for trigger in function.triggers {
            switch trigger.source {
            case .s3(let bucketName, _, _, _):
                guard let bucket = symbols.resources[bucketName.text], case .bucket = bucket.body,
                      permittedBuckets.insert(bucketName.text).inserted else { continue }
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
            case .sqs(let queueName, let batchSize):
                guard let queue = symbols.resources[queueName.text], case .queue = queue.body else { continue }
                let mappingId = id + queue.name.logicalId + "EventSource"
                guard template.resource(mappingId) == nil else { continue }  // a duplicate trigger: reported
                var properties: [(String, TemplateValue)] = [
                    ("EventSourceArn", .getAtt(queue.name.logicalId, "Arn", queueName.range)),
                    ("FunctionName", .ref(id, trigger.range)),
                ]
                if let batchSize {
                    properties.append(("BatchSize", .int(batchSize.value, batchSize.range)))
                    if batchSize.value > Lambda.maxBatchSizeWithoutWindow {
                        properties.append(("MaximumBatchingWindowInSeconds", .int(1, batchSize.range)))
                    }
                }
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
            }
        }
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
                ("SourceAccount", .ref("AWS::AccountId", range)),
                ("SourceArn", Self.s3Arn(of: emitter.emit(invoker.s3Bucket), suffix: "", origin: invoker.s3Bucket.range)),
            ], origin: range), for: decl, when: [invoker.when].compactMap { $0 })
        }
    }

    // MARK: after lowering

    /// Adds each `s3` trigger to its bucket's `NotificationConfiguration`
    /// (`LambdaConfigurations`, one entry per event; `s3:ObjectCreated:*`
    /// when none is given; prefix and suffix as `Filter.S3Key.Rules`), and
    /// makes the bucket `DependsOn` the function's permission. Runs after
    /// every resource is lowered, before tag propagation. Also reports
    /// triggers S3 would refuse as overlapping.
    func attachS3Notifications() {
        var attached: [(trigger: Trigger, function: ResourceDecl, events: [Located<String>])] = []
        // Per bucket (by template index): the entries to add, and where they came from, added once at the end.
        var pending: [Int: (entries: [TemplateValue], origin: SourceRange, permissions: [String])] = [:]
        var bucketIndex: [String: Int] = [:]
        for (index, resource) in template.resources.enumerated() where resource.type == "AWS::S3::Bucket" {
            if bucketIndex[resource.logicalId] == nil { bucketIndex[resource.logicalId] = index }
        }
        for decl in spec.resources {
            guard case .function(let function) = decl.body else { continue }
            let id = decl.name.logicalId
            for trigger in function.triggers {
                guard case .s3(let bucketName, let events, let prefix, let suffix) = trigger.source,
                      let bucket = symbols.resources[bucketName.text], case .bucket = bucket.body,
                      let index = bucketIndex[bucket.name.logicalId]
                else { continue }
                let chosen = events.isEmpty ? [Located("s3:ObjectCreated:*", bucketName.range)] : events
                attached.append((trigger, decl, chosen))
                var rules: [TemplateValue] = []
                if let prefix {
                    rules.append(.object([("Name", .string("prefix", prefix.range)), ("Value", emitter.emit(prefix))], prefix.range))
                }
                if let suffix {
                    rules.append(.object([("Name", .string("suffix", suffix.range)), ("Value", emitter.emit(suffix))], suffix.range))
                }
                // The entry exists with the function and the trigger, not beyond the bucket's own condition.
                let clauses = [decl.when, trigger.when].compactMap { $0 }
                    .filter { $0.condition.canonical != bucket.when?.condition.canonical }
                let condition = conditionName(clauses)
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
                if decl.when != nil, decl.when?.condition.canonical != bucket.when?.condition.canonical {
                    diagnostics.append(.conditionalS3Trigger(bucketName, function: decl))
                }
            }
        }
        for (index, bucketPending) in pending {
            template.resources[index].properties = Self.addingLambdaConfigurations(
                bucketPending.entries, to: template.resources[index].properties, origin: bucketPending.origin)
            template.resources[index].dependsOn = Self.merged(template.resources[index].dependsOn, bucketPending.permissions)
        }
        diagnostics += Self.overlappingS3Triggers(attached)
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

    /// S3 refuses two notification configurations of one bucket whose event
    /// types overlap and whose prefix and suffix filters both overlap
    /// ("Configurations overlap"). Only unconditional triggers with literal
    /// filters are compared.
    static func overlappingS3Triggers(_ attached: [(trigger: Trigger, function: ResourceDecl, events: [Located<String>])]) -> [Diagnostic] {
        struct Filtered {
            var index: Int
            var bucket: Name
            var prefix: String
            var suffix: String
        }
        var byBucket: [String: [Filtered]] = [:]
        for (index, item) in attached.enumerated() where item.function.when == nil && item.trigger.when == nil {
            guard case .s3(let bucket, _, let prefix, let suffix) = item.trigger.source,
                  prefix?.interpolated.hasExpressions != true, suffix?.interpolated.hasExpressions != true else { continue }
            byBucket[bucket.text, default: []].append(Filtered(index: index, bucket: bucket, prefix: prefix?.text ?? "",
                                                               suffix: suffix?.text ?? ""))
        }
        var diagnostics: [Diagnostic] = []
        for name in byBucket.keys.sorted() {
            // Sorted by prefix, the prefixes that start with one stand right after it.
            let items = byBucket[name]!.sorted { ($0.prefix, $0.index) < ($1.prefix, $1.index) }
            var comparisons = 0
            outer: for (i, a) in items.enumerated() {
                for b in items[(i + 1)...] {
                    guard b.prefix.hasPrefix(a.prefix) else { break }
                    comparisons += 1
                    if comparisons > maxOverlapComparisons {
                        diagnostics.append(.tooManyS3Triggers(items.count, bucket: items[0].bucket))
                        break outer
                    }
                    guard a.suffix.hasSuffix(b.suffix) || b.suffix.hasSuffix(a.suffix) else { continue }
                    let (first, second) = a.index < b.index ? (attached[a.index], attached[b.index]) : (attached[b.index], attached[a.index])
                    guard let event = second.events.first(where: { e in first.events.contains { S3.eventTypesOverlap($0.value, e.value) } })
                    else { continue }
                    diagnostics.append(.overlappingS3Triggers(at: event, bucket: name, first: first.trigger))
                }
            }
        }
        return diagnostics
    }

    /// Pairs of one bucket's triggers compared at most; a spec past it is not a real one.
    static let maxOverlapComparisons = 1_000_000
}

extension DiagnosticCode {
    package static let overlappingS3Triggers = DiagnosticCode(
        "FW5306", .specChecks, "two s3 triggers of one bucket that S3 finds overlapping",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Event notification types and destinations\" (overlapping configurations)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html"))
    package static let conditionalS3Trigger = DiagnosticCode("FW5310", .specChecks, "a conditional function's s3 trigger on a bucket without that condition")
    package static let tooManyS3Triggers = DiagnosticCode(
        "FW5312", .specChecks, "a bucket has too many s3 triggers with nested prefixes to check them for overlaps")
}

extension Diagnostic {
    static func tooManyS3Triggers(_ count: Int, bucket: Name) -> Diagnostic {
        .warning(.tooManyS3Triggers,
                 "bucket '\(bucket.text)' has \(count) s3 triggers with overlapping prefixes, too many to check for overlaps",
                 at: bucket.range, help: ["give the triggers prefixes that do not overlap"])
    }

    static func overlappingS3Triggers(at event: Located<String>, bucket: String, first: Trigger) -> Diagnostic {
        .error(.overlappingS3Triggers,
               "this s3 trigger overlaps another on bucket '\(bucket)': S3 refuses overlapping event types whose prefixes and suffixes overlap",
               at: event.range,
               notes: [Note("the other trigger is here", at: first.range)],
               help: ["give the triggers prefixes or suffixes that do not overlap, or events that differ"])
    }

    static func conditionalS3Trigger(_ bucket: Name, function: ResourceDecl) -> Diagnostic {
        .error(.conditionalS3Trigger,
               "function '\(function.name.text)' has a 'when:', so bucket '\(bucket.text)' cannot wait for its permission unless the bucket has the same 'when:'",
               at: bucket.range,
               notes: function.when.map { [Note("the function's condition is here", at: $0.range)] } ?? [],
               help: ["put bucket '\(bucket.text)' under the same 'when:', or remove the function's 'when:'"])
    }
}
