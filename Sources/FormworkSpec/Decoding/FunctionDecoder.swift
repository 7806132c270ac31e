import FormworkDiagnostics
import FormworkFacts
import FormworkYAML

extension FunctionSpec {
    static let keys = SpecKeys.function
    package static let defaultableKeys = [
        "handler", "runtime", "timeout", "memory", "deadLetterQueue", "logs", "architectures", "layers", "vpc", "tracing",
        "ephemeralStorage", "environmentKey",
    ]
}

extension SpecDecoder {
    /// Built-in defaults are located at `builtIns` (the resource's name).
    func decodeFunction(_ node: YAMLNode, _ what: String, allowed: [String], owner: SourceRange? = nil,
                        builtIns: SourceRange) -> FunctionSpec? {
        let required = owner == nil ? [] : SpecKeys.functionRequired
        guard var fields = fields(node, what, allowed: allowed, required: required, owner: owner) else { return nil }
        var function = FunctionSpec(builtInsAt: builtIns)
        function.handler = decode("handler", in: &fields) { string($0, "handler") }
        function.runtime = decode("runtime", in: &fields) { string($0, "runtime") }
        function.code = decode("code", in: &fields) { decodeKeepingNames($0, decodeCode) }
        func number(_ field: FunctionSpec.NumberField, in bounds: ClosedRange<Int>,
                    check: (Located<Int>) -> Bool = { _ in true }) -> Located<Int>? {
            guard let node = fields[field.rawValue], let (number, conditional) = conditionalInt(node, field.rawValue, in: bounds, check: check)
            else { return nil }
            function.conditionalNumbers[field] = conditional
            return number
        }
        if let timeout = number(.timeout, in: Lambda.timeoutRange) { function.timeout = timeout }
        if let memory = number(.memory, in: Lambda.memoryRange) { function.memory = memory }
        if let dlq = fields["deadLetterQueue"].flatMap({ bool($0, "deadLetterQueue") }) { function.deadLetterQueue = dlq }
        if let node = fields["logs"], let logs = self.fields(node, "logs", allowed: SpecKeys.logs.keys) {
            function.logs.range = node.range
            function.logs.provenance = .written
            if let node = logs["retentionDays"],
               let (days, conditional) = conditionalInt(node, "retentionDays", in: Logs.retentionDaysRange) {
                function.logs.retentionDays = days
                function.logs.conditionalRetentionDays = conditional
            }
            if let format = logs["format"].flatMap({ choice($0, "log format", as: LogFormat.self) }) { function.logs.format = format }
            function.logs.kmsKey = logs["kmsKey"].flatMap { nameOrARN($0, "logs.kmsKey") }
        }
        if let node = fields["environment"] { function.environment = decodeEnvironment(node) }
        if let node = fields["architectures"], let (value, conditional) = conditionalChoice(node, "architecture", as: Architecture.self) {
            function.architecture = value
            function.conditionalChoices[.architectures] = conditional
        }
        if let node = fields["layers"], let items = sequence(node, "layers") {
            if items.count > Lambda.maxLayers {
                report(.tooManyItems(items.count, of: "layers", most: Lambda.maxLayers,
                                     at: fields.keyNode("layers")?.range ?? node.range))
            } else {
                function.layers = Located(items.compactMap { interpolated($0, "a layer ARN") }, node.range)
            }
        }
        function.vpc = fields["vpc"].flatMap { decodeKeepingNames($0, decodeVPC) }
        function.environmentKey = fields["environmentKey"].flatMap { nameOrARN($0, "environmentKey") }
        // Only the account knows the ceiling (`Lambda.reservedConcurrencyRange`): the message gives the floor alone.
        function.reservedConcurrency = number(.reservedConcurrency, in: Int.min...Int.max) { number in
            guard Lambda.reservedConcurrencyRange.contains(number.value) else {
                report(.negativeConcurrency(number))
                return false
            }
            return true
        }
        if let node = fields["tracing"], let (value, conditional) = conditionalChoice(node, "tracing mode", as: TracingMode.self) {
            function.tracing = value
            function.conditionalChoices[.tracing] = conditional
        }
        function.ephemeralStorage = number(.ephemeralStorage, in: Lambda.ephemeralStorageRange)
        if let node = fields["triggers"], let items = sequence(node, "triggers") {
            function.triggers = items.compactMap { decodeKeepingNames($0, decodeTrigger) }
        }
        if let node = fields["invokers"], let items = sequence(node, "invokers") {
            function.invokers = items.compactMap { decodeKeepingNames($0, decodeInvoker) }
        }
        if let node = fields["permissions"], let items = sequence(node, "permissions") {
            function.permissions = items.compactMap(decodePermission)
        }
        if let node = fields["statements"] { function.statements = decodeStatements(node) }
        function.alarms = decode("alarms", in: &fields) { decodeAlarms($0, SpecKeys.functionAlarms) }
        function.unreadKeys = fields.unread
        return function
    }

    private func decodeCode(_ node: YAMLNode) -> FunctionCode? {
        guard let fields = fields(node, "code", allowed: SpecKeys.code.keys) else { return nil }
        if let inline = fields["inline"] {
            if fields.has("bucket") || fields.has("key") {
                report(.conflictingKeys("inline", "bucket/key", in: "code", at: node.range))
                return nil
            }
            return string(inline, "inline code").map(FunctionCode.inline)
        }
        guard fields.has("bucket"), fields.has("key") else {
            // A misspelled key was reported: what is missing is not known.
            if fields.unread.isEmpty {
                report(.missingKey(fields.has("bucket") ? "key" : fields.has("key") ? "bucket" : "inline",
                                   in: "code", at: node.range))
            }
            return nil
        }
        guard let bucket = fields["bucket"].flatMap({ interpolated($0, "code.bucket") }),
              let key = fields["key"].flatMap({ interpolated($0, "code.key") })
        else { return nil }
        return .s3(bucket: bucket, key: key, range: node.range)
    }

    private func decodeVPC(_ node: YAMLNode) -> VPCSettings? {
        guard let fields = fields(node, "vpc", allowed: SpecKeys.vpc.keys, required: SpecKeys.vpc.required),
              let subnets = fields["subnets"].flatMap({ vpcIDs($0, "subnets", most: Lambda.maxVPCSubnets) }),
              let groups = fields["securityGroups"].flatMap({ vpcIDs($0, "securityGroups", most: Lambda.maxVPCSecurityGroups) })
        else { return nil }
        return VPCSettings(subnets: subnets, securityGroups: groups, range: node.range)
    }

    /// A list of IDs, or one string standing for the whole list (`${subnetIds}`).
    private func vpcIDs(_ node: YAMLNode, _ what: String, most: Int) -> VPCSettings.IDs? {
        guard let items = node.sequence else { return interpolated(node, what).map(VPCSettings.IDs.whole) }
        guard !items.isEmpty else {
            report(.emptyList(what, at: node.range))
            return nil
        }
        guard items.count <= most else {
            report(.tooManyItems(items.count, of: what, most: most, at: node.range))
            return nil
        }
        let ids = items.compactMap { interpolated($0, "an ID in \(what)") }
        return ids.count == items.count ? .items(ids, node.range) : nil
    }

    private func decodeEnvironment(_ node: YAMLNode) -> [EnvironmentVariable] {
        guard let pairs = node.mapping else {
            report(.typeMismatch(expected: "a mapping", for: "environment", found: node))
            return []
        }
        return pairs.compactMap { pair in
            decodeKeepingNames(pair.value) { decodeVariable(pair.key, $0) }
        }
    }

    private func decodeVariable(_ key: YAMLNode, _ value: YAMLNode) -> EnvironmentVariable? {
        guard let name = string(key, "an environment variable name") else { return nil }
        guard Lambda.isValidEnvironmentName(name.value) else {
            report(.invalidEnvironmentName(name.value, at: name.range))
            return nil
        }
        if value.mapping != nil {
            guard let fields = fields(value, "environment variable '\(name.value)'",
                                      allowed: SpecKeys.environmentVariable.keys,
                                      required: SpecKeys.environmentVariable.required, owner: name.range),
                  let value = fields["value"].flatMap({ interpolated($0, "an environment value") })
            else { return nil }
            return EnvironmentVariable(name: name, value: value, when: when(in: fields))
        }
        guard let value = interpolated(value, "an environment value") else { return nil }
        return EnvironmentVariable(name: name, value: value, when: nil)
    }

    private func decodeTrigger(_ node: YAMLNode) -> Trigger? {
        guard let fields = fields(node, "a trigger", allowed: SpecKeys.trigger.keys) else { return nil }
        let sourceKeys = SpecKeys.triggerSources
        let sources = sourceKeys.filter(fields.has)
        guard sources.count == 1, let kind = sources.first, let body = fields[kind] else {
            // A misspelled source (`SQS:`) was reported as an unknown key.
            if !(sources.isEmpty && sourceKeys.contains(where: fields.mentions)) {
                report(.triggerSourceCount(found: sources, at: node.range))
            }
            return nil
        }
        let source: Trigger.Source
        switch kind {
        case "s3":
            guard let s3 = self.fields(body, "an s3 trigger", allowed: SpecKeys.s3Trigger.keys,
                                       required: SpecKeys.s3Trigger.required, owner: fields.keyNode("s3")?.range),
                  let bucket = s3["bucket"].flatMap({ reference($0, "s3.bucket") })
            else { return nil }
            var events: [Located<String>] = []
            if let node = s3["events"], let items = sequence(node, "events") {
                events = items.compactMap { string($0, "an S3 event") }
            }
            source = .s3(bucket: bucket, events: events,
                         prefix: s3["prefix"].flatMap { interpolated($0, "prefix") },
                         suffix: s3["suffix"].flatMap { interpolated($0, "suffix") })
        case "sqs":
            guard let sqs = self.fields(body, "an sqs trigger", allowed: SpecKeys.sqsTrigger.keys, required: SpecKeys.sqsTrigger.required,
                                        owner: fields.keyNode("sqs")?.range),
                  let queue = sqs["queue"].flatMap({ reference($0, "sqs.queue") })
            else { return nil }
            var options = SQSTriggerOptions()
            let batchSize = sqs["batchSize"].flatMap { number($0, .batchSize, in: Lambda.sqsBatchSizeRange, into: &options.conditionals) }
            options.reportBatchItemFailures = sqs["reportBatchItemFailures"].flatMap {
                flag($0, .reportBatchItemFailures, into: &options.conditionals)
            }
            options.maximumConcurrency = sqs["maximumConcurrency"].flatMap {
                number($0, .maximumConcurrency, in: Lambda.sqsMaximumConcurrencyRange, into: &options.conditionals)
            }
            if let node = sqs["filters"], let items = sequence(node, "filters") {
                if items.count > Lambda.maxEventFilters {
                    report(.tooManyItems(items.count, of: "filters", most: Lambda.maxEventFilters,
                                         at: sqs.keyNode("filters")?.range ?? node.range))
                } else {
                    options.filters = items.compactMap { decodeKeepingNames($0) { literalPattern($0, "a filter pattern") } }
                }
            }
            source = .sqs(queue: queue, batchSize: batchSize, options: options)
        case "dynamodb":
            guard let stream = self.fields(body, "a dynamodb trigger", allowed: SpecKeys.dynamodbTrigger.keys,
                                           required: SpecKeys.dynamodbTrigger.required, owner: fields.keyNode("dynamodb")?.range),
                  let table = stream["table"].flatMap({ reference($0, "dynamodb.table") })
            else { return nil }
            var conditionals: [TriggerField: StringValue] = [:]
            let position = stream["startingPosition"].flatMap { node -> Located<StreamStartingPosition>? in
                guard let (value, conditional) = conditionalChoice(node, "starting position", as: StreamStartingPosition.self)
                else { return nil }
                conditionals[.startingPosition] = conditional
                return value
            }
            var trigger = DynamoDBTrigger(
                table: table, startingPosition: position ?? .builtIn(BuiltInDefaults.streamStartingPosition, at: table.range))
            trigger.batchSize = stream["batchSize"].flatMap { number($0, .batchSize, in: DynamoDB.streamBatchSizeRange, into: &conditionals) }
            trigger.maximumRetryAttempts = stream["maximumRetryAttempts"].flatMap {
                number($0, .maximumRetryAttempts, in: DynamoDB.maximumRetryAttemptsRange, into: &conditionals)
            }
            trigger.reportBatchItemFailures = stream["reportBatchItemFailures"].flatMap {
                flag($0, .reportBatchItemFailures, into: &conditionals)
            }
            trigger.conditionals = conditionals
            if let node = stream["filters"], let items = sequence(node, "filters") {
                if items.count > Lambda.maxEventFilters {
                    report(.tooManyItems(items.count, of: "filters", most: Lambda.maxEventFilters,
                                         at: stream.keyNode("filters")?.range ?? node.range))
                } else {
                    trigger.filters = items.compactMap { decodeKeepingNames($0) { literalPattern($0, "a filter pattern") } }
                }
            }
            source = .dynamodb(trigger)
        case "sns":
            guard let sns = self.fields(body, "an sns trigger", allowed: SpecKeys.snsTrigger.keys,
                                        required: SpecKeys.snsTrigger.required, owner: fields.keyNode("sns")?.range),
                  let node = sns["topic"], let topic = nameOrARN(node, "sns.topic")
            else { return nil }
            source = .sns(topic)
        case "eventbridge":
            guard let rule = self.fields(body, "an eventbridge trigger", allowed: SpecKeys.eventBridgeTrigger.keys,
                                         required: SpecKeys.eventBridgeTrigger.required, owner: fields.keyNode("eventbridge")?.range),
                  let node = rule["pattern"]
            else { return nil }
            guard let pairs = node.mapping else {
                report(.typeMismatch(expected: "a mapping", for: "an event pattern", found: node))
                return nil
            }
            guard !pairs.isEmpty else {
                report(.emptyList("an event pattern", at: node.range))
                return nil
            }
            guard let pattern = rawValue(node), hasPatternShape(pattern, "an event pattern") else { return nil }
            let bus = rule["bus"].flatMap { reference($0, "eventbridge.bus") }
            source = .eventbridge(EventBridgeTrigger(pattern: pattern, bus: bus))
        default:
            guard let expression = locatedText(body, "a schedule expression") else { return nil }
            source = .schedule(expression)
        }
        return Trigger(source: source, when: when(in: fields), range: node.range)
    }

    /// A resource named (`orderEvents`: a resource of the spec) or given by
    /// ARN (anything with `:` or `${`, interpolated).
    /// A trigger's number field, keeping its conditional value in `conditionals`.
    private func number(_ node: YAMLNode, _ field: TriggerField, in bounds: ClosedRange<Int>,
                        into conditionals: inout [TriggerField: StringValue]) -> Located<Int>? {
        guard let (number, conditional) = conditionalInt(node, field.rawValue, in: bounds) else { return nil }
        conditionals[field] = conditional
        return number
    }

    /// A trigger's boolean field, keeping its conditional value in `conditionals`.
    private func flag(_ node: YAMLNode, _ field: TriggerField, into conditionals: inout [TriggerField: StringValue]) -> Located<Bool>? {
        guard let (value, conditional) = conditionalBool(node, field.rawValue) else { return nil }
        conditionals[field] = conditional
        return value
    }

    func nameOrARN(_ node: YAMLNode, _ what: String) -> NameOrARN? {
        if let text = node.scalar?.value, !text.contains(":"), !text.contains("${") {
            return reference(node, what).map(NameOrARN.name)
        }
        return interpolated(node, what).map(NameOrARN.arn)
    }

    /// An event pattern written as a YAML mapping, every value literal: it
    /// is written into the template as JSON text, where `${...}` could not be resolved.
    func literalPattern(_ node: YAMLNode, _ what: String) -> RawValue? {
        guard node.mapping != nil else {
            report(.typeMismatch(expected: "a mapping", for: what, found: node))
            return nil
        }
        guard let pattern = rawValue(node) else { return nil }
        var stack = [pattern]
        var literal = true
        while let value = stack.popLast() {
            switch value {
            case .string(let string) where string.interpolated.hasExpressions:
                report(.interpolationInPattern(what, at: string.range))
                literal = false
            case .conditional(let when, _, _, _):
                report(.interpolationInPattern(what, "a conditional value", at: when.range))
                literal = false
            case .array(let items, _): stack += items
            case .object(let members, _): stack += members.map(\.value)
            default: break
            }
        }
        return literal && hasPatternShape(pattern, what) ? pattern : nil
    }

    /// An event pattern (EventBridge's, and Lambda's filters, which share
    /// its syntax) matches each field against a list of values or a nested
    /// pattern: a field whose value is a single scalar (`source: orders`) is
    /// refused at deploy time, so it is an error here, with a fix-it that
    /// makes it a list.
    func hasPatternShape(_ pattern: RawValue, _ what: String) -> Bool {
        guard case .object(let members, _) = pattern else { return true }
        var valid = true
        for member in members {
            switch member.value {
            case .object: valid = hasPatternShape(member.value, what) && valid
            case .array, .conditional: break
            case .string, .number, .bool, .null:
                report(.patternScalar(member.key.value, in: what, value: member.value))
                valid = false
            }
        }
        return valid
    }

    private func decodeInvoker(_ node: YAMLNode) -> Invoker? {
        guard let fields = fields(node, "an invoker", allowed: SpecKeys.invoker.keys, required: SpecKeys.invoker.required),
              let bucket = fields["s3Bucket"].flatMap({ interpolated($0, "s3Bucket") })
        else { return nil }
        let account = fields["account"].flatMap { interpolated($0, "account") }
        return Invoker(s3Bucket: bucket, account: account, when: when(in: fields), range: node.range)
    }

    private func decodePermission(_ node: YAMLNode) -> Permission? {
        let verbs = PermissionVerb.allCases.map(\.rawValue)
        guard let fields = fields(node, "a permission", allowed: verbs) else { return nil }
        guard fields.order.count == 1, let verbText = fields.order.first,
              let verb = PermissionVerb(rawValue: verbText), let keyNode = fields.keyNode(verbText),
              let target = fields[verbText].flatMap({ reference($0, verbText) })
        else {
            if fields.order.count != 1 { report(.permissionShape(at: node.range, verbs: verbs)) }
            return nil
        }
        return Permission(verb: Located(verb, keyNode.range), target: target, range: node.range)
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let tooManyItems = DiagnosticCode("FW2070", .decoding, "a list has more items than AWS takes there")
    package static let patternScalar = DiagnosticCode(
        "FW2072", .decoding, "a field of an event pattern is one value instead of a list",
        reference: DocumentationPage(
            "Amazon EventBridge User Guide, \"Event patterns\" (the values a field matches are in an array)",
            "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html"))
    package static let interpolationInPattern = DiagnosticCode(
        "FW2071", .decoding, "a filter pattern holds ${...}, which its JSON text cannot resolve")
}

extension Diagnostic {
    static func tooManyItems(_ count: Int, of what: String, most: Int, at range: SourceRange) -> Diagnostic {
        .error(.tooManyItems, "\(what) has \(count) items; AWS takes at most \(most)", at: range)
    }

    static func patternScalar(_ field: String, in what: String, value: RawValue) -> Diagnostic {
        let listed: String? = switch value {
        case .string(let string):
            "[\"" + string.text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\"]"
        case .number(let number, _): "[\(number)]"
        case .bool(let bool, _): "[\(bool)]"
        default: nil
        }
        return .error(.patternScalar, "'\(field)' in \(what) matches a list of values, not one value", at: value.range,
                      fixIts: listed.map { [FixIt("make it a list", replacing: value.range, with: $0)] } ?? [])
    }

    static func negativeConcurrency(_ number: Located<Int>) -> Diagnostic {
        .error(.badNumber, "reservedConcurrency must be 0 or more, found \(number.value)", at: number.range,
               help: ["0 stops every invocation of the function; leave reservedConcurrency out to share the account's concurrency"])
    }

    static func interpolationInPattern(_ what: String, _ construct: String = "${...}", at range: SourceRange) -> Diagnostic {
        .error(.interpolationInPattern,
               "\(what) is written as JSON text into the template, so it cannot hold \(construct)", at: range,
               help: ["write the value the pattern matches literally"])
    }
}

