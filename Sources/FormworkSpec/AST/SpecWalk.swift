import FormworkDiagnostics

/// The one walk of a spec that the rules share, done once per compile
/// (`SpecContext.walk`): every interpolated string with the `when:` clauses
/// it stands under, every `when:` and each reference in its condition, and
/// every resource name written as a plain value. Values come in document
/// order of their owners: the spec's tags, then each resource (its tags,
/// then its own fields), then each output.
package struct SpecWalk: Sendable {
    /// Every interpolated string.
    package private(set) var strings: [StringSite] = []
    /// Every `when:`, each resource's before those inside it.
    package private(set) var whenClauses: [WhenClause] = []
    /// Every reference in a condition, in reading order: a `when:`'s, or a
    /// conditional value's (`${env == 'prod' ? 512 : 128}`).
    package private(set) var conditionReferences: [ConditionReference] = []
    /// Every resource name written as a plain value (`bucket: uploads`).
    package private(set) var nameUses: [NameSite] = []
    /// Every name read in text that did not parse: a malformed `${...}`
    /// (`InterpolatedString.unparsed`) or `when:` (`Condition.unparsed`).
    /// None is resolved, since the text's error is reported, but each counts as a use.
    package private(set) var unparsedNames: [String] = []
    /// Where `defaults.function.vpc` is, whose strings are walked once.
    private var defaultVPC: SourceRange?
    /// Where `defaults.function`'s `environmentKey` and `logs.kmsKey` are, walked once.
    private var defaultKeys: [SourceRange] = []
    /// The resource being walked; nil for `defaults:` and outputs.
    private var owner: Name?

    package init(_ spec: Spec) {
        for tag in spec.tags { add(tag.value, .tag, under: []) }
        // The top-level alarms' topic, once: it stands under no `when:`, whatever takes it.
        switch spec.alarms?.topic {
        case .name(let topic):
            nameUses.append(NameSite(use: NameUse(name: topic, kinds: [], role: .alarmTopic), resource: topic, guards: []))
        case .arn(let arn): add(arn, .alarmTopic, under: [])
        case nil: break
        }
        // Strings of `defaults.function`, once (each function that takes them skips them).
        let defaults = spec.defaults.function
        for layer in defaults?.layers?.value ?? [] { add(layer, .layer, under: []) }
        for id in (defaults?.vpc).map({ $0.subnets.strings + $0.securityGroups.strings }) ?? [] { add(id, .vpc, under: []) }
        defaultVPC = defaults?.vpc?.range
        for (key, role) in [(defaults?.environmentKey, NameUse.Role.environmentKey), (defaults?.logs.kmsKey, .logsKey),
                            (spec.defaults.queue?.kmsKey, .queueKey)] {
            guard let key else { continue }
            defaultKeys.append(key.range)
            switch key {
            case .name(let name): nameUses.append(NameSite(use: NameUse(name: name, kinds: [], role: role), resource: name, guards: []))
            case .arn(let arn): add(arn, .kmsKey, under: [])
            }
        }
        for string in (defaults?.conditionalNumbers).map(Self.inOrder) ?? [] { add(string, .number, under: []) }
        for string in (defaults?.conditionalChoices).map(Self.inOrder) ?? [] { add(string, .choice, under: []) }
        for field in QueueSpec.NumberField.allCases {
            if let string = spec.defaults.queue?.conditionalNumbers[field] { add(string, .number, under: []) }
        }
        if let days = defaults?.logs.conditionalRetentionDays { add(days, .number, under: []) }
        if let encryption = spec.defaults.queue?.conditionalEncryption { add(encryption, .choice, under: []) }
        for flag in [spec.defaults.bucket?.conditionalVersioning, spec.defaults.api?.conditionalTracing].compactMap({ $0 }) {
            add(flag, .choice, under: [])
        }
        for resource in spec.resources { walk(resource) }
        for output in spec.outputs {
            let guards = clauses(output.when)
            add(output.value, .outputValue, under: guards)
            if let export = output.export { add(export, .export, under: guards) }
        }
    }

    private mutating func walk(_ resource: ResourceDecl) {
        owner = resource.name
        defer { owner = nil }
        let guards = clauses(resource.when)
        for tag in resource.tags { add(tag.value, .tag, under: guards) }
        func uses(_ kinds: [ResourceKind], _ role: NameUse.Role, _ names: [Name]) {
            for name in names {
                nameUses.append(NameSite(use: NameUse(name: name, kinds: kinds, role: role), resource: resource.name, guards: guards))
            }
        }
        uses([], .dependsOn, resource.dependsOn)
        switch resource.body.alarms?.topic {
        case .name(let topic): uses([], .alarmTopic, [topic])
        case .arn(let arn): add(arn, .alarmTopic, under: guards)
        case nil: break
        }
        switch resource.body {
        case .bucket(let bucket):
            if let name = bucket.name { add(name, .bucketName, under: guards) }
            if let versioning = bucket.conditionalVersioning, bucket.versioning.provenance == .written {
                add(versioning, .choice, under: guards)
            }
            if let target = bucket.accessLogs { uses([.bucket], .accessLogsBucket, [target]) }
            for rule in bucket.lifecycle?.value ?? [] {
                if let prefix = rule.prefix { add(prefix, .lifecyclePrefix, under: guards) }
            }
        case .function(let function):
            let written = function.conditionalNumbers.filter { function.provenance(of: $0.key) == .written }
            for string in Self.inOrder(written) { add(string, .number, under: guards) }
            let choices = function.conditionalChoices.filter { function.provenance(of: $0.key) == .written }
            for string in Self.inOrder(choices) { add(string, .choice, under: guards) }
            if let days = function.logs.conditionalRetentionDays, function.logs.retentionDays.provenance == .written {
                add(days, .number, under: guards)
            }
            for variable in function.environment {
                add(variable.value, .environment, under: guards + clauses(variable.when))
            }
            if case .s3(let bucket, let key, _) = function.code {
                add(bucket, .code, under: guards)
                add(key, .code, under: guards)
            }
            if let layers = function.layers, layers.provenance != .defaults {
                for layer in layers.value { add(layer, .layer, under: guards) }
            }
            if let vpc = function.vpc, vpc.range != defaultVPC {
                for id in vpc.subnets.strings + vpc.securityGroups.strings { add(id, .vpc, under: guards) }
            }
            for (key, role) in [(function.environmentKey, NameUse.Role.environmentKey), (function.logs.kmsKey, .logsKey)] {
                guard let key, !defaultKeys.contains(key.range) else { continue }
                switch key {
                case .name(let name): uses([], role, [name])
                case .arn(let arn): add(arn, .kmsKey, under: guards)
                }
            }
            for trigger in function.triggers {
                let triggerGuards = guards + clauses(trigger.when)
                switch trigger.source {
                case .s3(let bucket, _, let prefix, let suffix):
                    uses([.bucket], .s3TriggerBucket, [bucket])
                    for filter in [prefix, suffix].compactMap({ $0 }) {
                        add(filter, .triggerFilter, under: triggerGuards)
                    }
                case .sqs(let queue, _, let options):
                    uses([.queue], .sqsTriggerQueue, [queue])
                    triggerFields(options.conditionals, under: triggerGuards)
                case .schedule:
                    break
                case .dynamodb(let stream):
                    uses([], .dynamodbTriggerTable, [stream.table])
                    triggerFields(stream.conditionals, under: triggerGuards)
                case .sns(.name(let topic)):
                    uses([], .snsTriggerTopic, [topic])
                case .sns(.arn(let arn)):
                    add(arn, .triggerTopic, under: triggerGuards)
                case .eventbridge(let rule):
                    if let bus = rule.bus { uses([], .eventBridgeTriggerBus, [bus]) }
                    add(rule.pattern, .eventPattern, under: triggerGuards)
                }
            }
            for invoker in function.invokers {
                add(invoker.s3Bucket, .invoker, under: guards + clauses(invoker.when))
                if let account = invoker.account { add(account, .invokerAccount, under: guards + clauses(invoker.when)) }
            }
            // A permission's target may be of several kinds and raw types: the
            // PermissionTargets rule checks it against its verb.
            for permission in function.permissions {
                uses([], .permission(permission.verb.value), [permission.target])
            }
            for statement in function.statements {
                let statementGuards = guards + clauses(statement.when)
                for resource in statement.resources { add(resource, .statementResource, under: statementGuards) }
                if let condition = statement.condition { add(condition, .statementCondition, under: statementGuards) }
            }
        case .queue(let queue):
            if let target = queue.deadLetter { uses([.queue], .deadLetterQueue, [target.queue]) }
            for field in QueueSpec.NumberField.allCases {
                let value = field == .retentionDays ? queue.retentionDays : queue.visibilityTimeout
                if let string = queue.conditionalNumbers[field], value?.provenance == .written { add(string, .number, under: guards) }
            }
            if let encryption = queue.conditionalEncryption, queue.encryption?.provenance == .written { add(encryption, .choice, under: guards) }
            if let deduplication = queue.conditionalDeduplication { add(deduplication, .choice, under: guards) }
            if let key = queue.kmsKey, !defaultKeys.contains(key.range) {
                switch key {
                case .name(let name): uses([], .queueKey, [name])
                case .arn(let arn): add(arn, .kmsKey, under: guards)
                }
            }
        case .api(let api):
            if let stage = api.stage { add(stage, .apiStage, under: guards) }
            if let tracing = api.conditionalTracing, api.tracing.provenance == .written { add(tracing, .choice, under: guards) }
            if let cors = api.cors { add(cors.allowOrigin, .corsOrigin, under: guards) }
            for route in api.routes?.value ?? [] {
                if case .function(let name) = route.target { uses([.function], .routeFunction, [name]) }
            }
        case .raw(let raw):
            for value in [raw.properties, raw.creationPolicy, raw.updatePolicy].compactMap({ $0 }) { add(value, .property, under: guards) }
            if let metadata = raw.metadata { add(metadata, .metadata, under: guards) }
        case .undecodable:
            break
        }
        for value in resource.overrides.compactMap(\.value) { add(value, .property, under: guards) }
    }

    /// A function's conditional number fields, in document order.
    /// A trigger's conditional fields in reading order: numbers as `.number`, words and booleans as `.choice`.
    private mutating func triggerFields(_ fields: [TriggerField: StringValue], under guards: [WhenClause]) {
        for (field, string) in fields.sorted(by: { $0.value.range < $1.value.range }) {
            add(string, field.isNumber ? .number : .choice, under: guards)
        }
    }

    private static func inOrder<Field>(_ fields: [Field: StringValue]) -> [StringValue] {
        fields.values.sorted { $0.range < $1.range }
    }

    /// A raw property value: the then-branch of a conditional value
    /// stands under its condition, the else-branch under its negation.
    /// A clause the values inside stand under, recorded with its references.
    private mutating func clauses(_ when: WhenClause?) -> [WhenClause] {
        guard let when else { return [] }
        whenClauses.append(when)
        record(when.condition)
        return [when]
    }

    /// The references of a condition: a `when:`'s, or a conditional value's.
    private mutating func record(_ condition: Condition) {
        var stack = [condition]
        while let condition = stack.popLast() {
            switch condition {
            case .isSet(let reference):
                conditionReferences.append(ConditionReference(reference: reference, isSetTest: true))
            case .equals(let a, let b, _), .notEquals(let a, let b, _):
                for case .reference(let reference) in [a, b] {
                    conditionReferences.append(ConditionReference(reference: reference, isSetTest: false))
                }
            case .not(let inner, _): stack.append(inner)
            case .and(let items, _), .or(let items, _): stack += items.reversed()
            case .unparsed(let names, _): unparsedNames += names
            }
        }
    }

    /// Every string of a property tree, in document order; the branches
    /// of a conditional value each under its side of the condition.
    private mutating func add(_ tree: RawValue, _ place: StringSite.Place, under guards: [WhenClause]) {
        switch tree {
        case .string(let string): add(string, place, under: guards)
        case .array(let items, _): for item in items { add(item, place, under: guards) }
        case .object(let members, _): for member in members { add(member.value, place, under: guards) }
        case .conditional(let when, let then, let otherwise, _):
            add(then, place, under: guards + clauses(when))
            let negation = when.condition.negated
            if let otherwise {
                add(otherwise, place, under: guards + [WhenClause(text: negation.canonical, condition: negation, range: when.range)])
            }
        case .number, .bool, .null: break
        }
    }

    private mutating func add(_ string: StringValue, _ place: StringSite.Place, under guards: [WhenClause]) {
        strings.append(StringSite(string: string, place: place, guards: guards, resource: owner))
        for expression in string.interpolated.expressions {
            for condition in expression.conditions { record(condition) }
        }
        for unparsed in string.interpolated.unparsed { unparsedNames += unparsed.names }
    }
}

/// An interpolated string, what it is, and the `when:` clauses it stands under.
package struct StringSite: Sendable {
    /// The field a string is the value of.
    package enum Place: Sendable, Equatable {
        case tag, bucketName, lifecyclePrefix, environment, code, triggerFilter, invoker, invokerAccount, apiStage, corsOrigin
        /// A resource of a function's `statements:` item, and a string in its `condition:`.
        case statementResource, statementCondition
        case layer, vpc, triggerTopic, eventPattern
        /// A function's `environmentKey` or `logs.kmsKey`, or a queue's `kmsKey`, given by ARN.
        case kmsKey
        /// `alarms.topic` given by ARN, a component's or the top level's.
        case alarmTopic
        /// A raw resource's property or attribute, or an override's value, at any depth.
        case property
        /// A raw resource's `metadata:`, at any depth.
        case metadata
        /// A number field of a function or a queue, or `logs.retentionDays`, written as a conditional value (`memory: "${c ? 1024 : 256}"`).
        case number
        /// A choice field written as a conditional value: a function's
        /// `architectures` or `tracing`, a queue's `encryption`, or a boolean
        /// field (`versioning`, an api's `tracing`, `contentBasedDeduplication`,
        /// a trigger's `reportBatchItemFailures`).
        case choice
        case outputValue, export
    }

    package var string: StringValue
    package var place: Place
    /// Outermost first: a resource's `when:`, then its environment variable's, trigger's, invoker's or statement's.
    package var guards: [WhenClause]
    /// The resource the string is written in; nil for `defaults:` and outputs.
    package var resource: Name?
}

/// A reference in a `when:` condition.
package struct ConditionReference: Sendable {
    package var reference: Reference
    /// True when the reference is a whole test (`when: source`, "the optional
    /// parameter is set"); false when it is an operand of `==` or `!=`.
    package var isSetTest: Bool
}

/// A resource name written as a plain value, and the resource that writes it.
package struct NameSite: Sendable {
    package var use: NameUse
    /// The resource whose field it is.
    package var resource: Name
    /// The `when:` of that resource. A resource named whole is used by the
    /// one that names it (its policy, its mapping, its dependsOn), so it is
    /// the naming resource's condition that counts, not a trigger's own.
    package var guards: [WhenClause]
}

/// A resource name written as a plain value (`bucket: uploads`), and the kinds it may name.
package struct NameUse: Sendable {
    /// What the name is, as messages say it.
    package enum Role: Sendable, Equatable, CustomStringConvertible {
        case dependsOn, deadLetterQueue, s3TriggerBucket, sqsTriggerQueue, routeFunction, accessLogsBucket
        case dynamodbTriggerTable, snsTriggerTopic, eventBridgeTriggerBus, alarmTopic, environmentKey, logsKey, queueKey
        case permission(PermissionVerb)

        package var description: String {
            switch self {
            case .dependsOn: "dependsOn"
            case .deadLetterQueue: "a dead-letter queue"
            case .s3TriggerBucket: "an s3 trigger's bucket"
            case .sqsTriggerQueue: "an sqs trigger's queue"
            case .dynamodbTriggerTable: "a dynamodb trigger's table"
            case .snsTriggerTopic: "an sns trigger's topic"
            case .eventBridgeTriggerBus: "an eventbridge trigger's bus"
            case .alarmTopic: "alarms.topic"
            case .environmentKey: "environmentKey"
            case .logsKey: "logs.kmsKey"
            case .queueKey: "a queue's kmsKey"
            case .routeFunction: "a route's function"
            case .accessLogsBucket: "a bucket's accessLogs"
            case .permission(let verb): "a '\(verb.rawValue)' permission"
            }
        }
    }

    package var name: Name
    /// The kinds it may name; empty means any.
    package var kinds: [ResourceKind]
    package var role: Role
}
