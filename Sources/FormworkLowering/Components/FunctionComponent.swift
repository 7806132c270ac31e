import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `kind: function` → `AWS::Lambda::Function` `<Id>`, then its execution
/// role `<Id>Role` (least-privilege inline policy), its log group
/// `<Id>LogGroup`, its dead-letter queue `<Id>DeadLetterQueue`, and what its
/// triggers and invokers generate (`FunctionTriggers.swift`).
///
/// The function's name is fixed at compile time (`FunctionNaming`) so that
/// the log group can be named `/aws/lambda/<name>` without a cycle.
extension Lowering {
    func lowerFunction(_ decl: ResourceDecl, _ function: FunctionSpec) {
        let id = decl.name.logicalId
        let origin = decl.range
        let functionName = FunctionNaming.prefix(stack: spec.stack.value, name: decl.name.text)
        let timeout = function.timeout
        let memory = function.memory
        let deadLetterQueue = function.deadLetterQueue.value
        let logs = function.logs
        let format = logs.format
        let retention = logs.retentionDays

        var properties: [(String, TemplateValue)] = [
            ("FunctionName", FunctionNaming.name(prefix: functionName, decl.name.range)),
        ]
        guard let handler = function.handler, let runtime = function.runtime else {
            Self.unchecked("a function has a handler and a runtime (RequiredSettings)")
        }
        properties.append(("Handler", .string(handler.value, handler.range)))
        properties.append(("Runtime", .string(runtime.value, runtime.range)))
        switch function.code {
        case .inline(let code):
            properties.append(("Code", .object([("ZipFile", .string(code.value, code.range))], code.range)))
        case .s3(let bucket, let key, let range):
            properties.append(("Code", .object([("S3Bucket", emitter.emit(bucket)), ("S3Key", emitter.emit(key))], range)))
        case nil:
            Self.unchecked("a function has code (the decoder requires it)")
        }
        properties.append(("Timeout", number(timeout, function.conditionalNumbers[.timeout])))
        properties.append(("MemorySize", number(memory, function.conditionalNumbers[.memory])))
        properties.append(("Role", .getAtt(id + "Role", "Arn", origin)))
        if !function.environment.isEmpty {
            // Each name keeps its own range, for findings about a variable's name.
            let variables: [TemplateValue.Member] = function.environment.map { variable in
                let clauses = [variable.when].compactMap { $0 }
                var value = emitter.under(clauses) { $0.emit(variable.value) }
                if let when = variable.when, let condition = conditionName(clauses, within: decl.when) {
                    value = .if(condition, value, .noValue(when.range), when.range)
                }
                return TemplateValue.Member(variable.name.value, value, keyOrigin: variable.name.range)
            }
            let range = function.environment[0].name.range
            properties.append(("Environment", .object([("Variables", TemplateValue(.object(variables), origin: range))], range)))
        }
        if deadLetterQueue {
            let range = function.deadLetterQueue.range
            properties.append(("DeadLetterConfig", .object([("TargetArn", .getAtt(id + "DeadLetterQueue", "Arn", range))], range)))
        }
        properties += options(function)
        let logRange = logs.range
        properties.append(("LoggingConfig", .object([
            ("LogFormat", .string(format.value == .json ? "JSON" : "Text", format.range)),
            ("LogGroup", .ref(id + "LogGroup", logRange)),
        ], logRange)))
        add(Resource(logicalId: id, type: "AWS::Lambda::Function", properties: properties, origin: origin), for: decl)

        add(Resource(logicalId: id + "Role", type: "AWS::IAM::Role", properties: [
            ("AssumeRolePolicyDocument", Self.policyDocument([.object([
                ("Effect", .string("Allow", origin)),
                ("Principal", .object([("Service", .string(IAM.ServicePrincipal.lambda, origin))], origin)),
                ("Action", .string("sts:AssumeRole", origin)),
            ], origin)], origin)),
            ("Policies", .array([.object([
                ("PolicyName", .string("execution", origin)),
                ("PolicyDocument", Self.policyDocument(executionStatements(decl, function, deadLetterQueue: deadLetterQueue), origin)),
            ], origin)], origin)),
        ] + managedPolicies(function), origin: origin), for: decl)

        add(Resource(logicalId: id + "LogGroup", type: "AWS::Logs::LogGroup", properties: [
            ("LogGroupName", FunctionNaming.name(prefix: Lambda.logGroupPrefix + functionName, decl.name.range)),
            ("RetentionInDays", number(retention, logs.conditionalRetentionDays)),
        ] + (logs.kmsKey.map { [("KmsKeyId", keyArn($0))] } ?? []), origin: logRange), for: decl)

        if deadLetterQueue {
            let range = function.deadLetterQueue.range
            // Failed events are kept as long as SQS keeps anything.
            add(Resource(logicalId: id + "DeadLetterQueue", type: "AWS::SQS::Queue", properties: [
                ("MessageRetentionPeriod", .int(SQS.retentionDaysRange.upperBound * 86_400, range)),
                Self.encryption(nil, default: range),
            ], origin: range), for: decl)
        }

        lowerTriggers(decl, function)
        lowerInvokers(decl, function)
        var metrics = [CloudWatch.functionErrors, CloudWatch.functionThrottles].map {
            WatchedMetric(alarm: $0, dimension: "FunctionName", value: .ref(id, decl.name.range))
        }
        if deadLetterQueue {
            metrics.append(WatchedMetric(alarm: CloudWatch.deadLetterQueueDepth, dimension: "QueueName",
                                         value: .getAtt(id + "DeadLetterQueue", "QueueName", function.deadLetterQueue.range)))
        }
        lowerAlarms(decl, own: function.alarms, kind: .function, watching: metrics)
    }

    /// A KMS key's ARN: a raw `AWS::KMS::Key` of the spec's `Arn`, or the ARN written.
    func keyArn(_ key: NameOrARN) -> TemplateValue {
        switch key {
        case .name(let name): .getAtt(name.logicalId, "Arn", name.range)
        case .arn(let arn): emitter.emit(arn)
        }
    }

    /// `architectures`, `layers`, `vpc`, `environmentKey`, `reservedConcurrency`,
    /// `tracing` and `ephemeralStorage`, each where it is set.
    private func options(_ function: FunctionSpec) -> [(String, TemplateValue)] {
        var properties: [(String, TemplateValue)] = []
        if let architecture = function.architecture {
            let word = choice(architecture, function.conditionalChoices[.architectures]) { .string($0.rawValue, $1) }
            properties.append(("Architectures", .array([word], architecture.range)))
        }
        if let layers = function.layers {
            properties.append(("Layers", .array(layers.value.map { emitter.emit($0) }, layers.range)))
        }
        if let vpc = function.vpc {
            properties.append(("VpcConfig", .object([
                ("SecurityGroupIds", ids(vpc.securityGroups)),
                ("SubnetIds", ids(vpc.subnets)),
            ], vpc.range)))
        }
        if let reserved = function.reservedConcurrency {
            properties.append(("ReservedConcurrentExecutions", number(reserved, function.conditionalNumbers[.reservedConcurrency])))
        }
        if let key = function.environmentKey {
            properties.append(("KmsKeyArn", keyArn(key)))
        }
        if let tracing = function.tracing {
            let mode = choice(tracing, function.conditionalChoices[.tracing]) { .string($0.mode, $1) }
            properties.append(("TracingConfig", .object([("Mode", mode)], tracing.range)))
        }
        if let storage = function.ephemeralStorage {
            properties.append(("EphemeralStorage", .object([("Size", number(storage, function.conditionalNumbers[.ephemeralStorage]))], storage.range)))
        }
        return properties
    }

    /// A number field: the number, or `Fn::If` between numbers where it is
    /// a conditional value; each number times `factor` (days to seconds).
    func number(_ value: Located<Int>, _ conditional: StringValue?, times factor: Int = 1) -> TemplateValue {
        guard let conditional else { return .int(value.value * factor, value.range) }
        emitter.numbersStayNumbers = true
        defer { emitter.numbersStayNumbers = false }
        return emitter.emit(conditional).mapIfBranches { branch in
            guard factor != 1, case .number(let text) = branch.kind, let n = Int(text) else { return branch }
            return .int(n * factor, branch.origin)
        }
    }

    /// A choice field: `emit` of its word, or of each branch of its `Fn::If` where it is a conditional value.
    func choice<E: RawRepresentable>(_ value: Located<E>, _ conditional: StringValue?, _ emit: (E, SourceRange?) -> TemplateValue)
        -> TemplateValue where E.RawValue == String {
        guard let conditional else { return emit(value.value, value.range) }
        return emitter.emit(conditional).mapIfBranches { branch in
            guard case .string(let word) = branch.kind, let value = E(rawValue: word) else { return branch }
            return emit(value, branch.origin)
        }
    }

    /// A boolean field: `emit` of its value, or of each branch of its `Fn::If` where it is a conditional value.
    func flag(_ value: Located<Bool>, _ conditional: StringValue?, _ emit: (Bool, SourceRange?) -> TemplateValue) -> TemplateValue {
        guard let conditional else { return emit(value.value, value.range) }
        return emitter.emit(conditional).mapIfBranches { branch in
            guard case .string(let word) = branch.kind, word == "true" || word == "false" else { return branch }
            return emit(word == "true", branch.origin)
        }
    }

    /// A list of IDs; one `${...}` for the whole list is its bare value, a list already.
    private func ids(_ ids: VPCSettings.IDs) -> TemplateValue {
        switch ids {
        case .items(let items, let range): .array(items.map { emitter.emit($0) }, range)
        case .whole(let string) where isListParameter(string): emitter.emit(string)
        case .whole(let string): .array([emitter.emit(string)], string.range)
        }
    }

    private func isListParameter(_ string: StringValue) -> Bool {
        guard string.interpolated.isSingleExpression, let reference = string.interpolated.references.first,
              case .success(.parameter(let parameter)) = symbols.resolve(reference)
        else { return false }
        return parameter.type.value == .list
    }

    /// The AWS managed policies the role takes for what needs `Resource: "*"`
    /// (`Lambda.vpcAccessManagedPolicy`, `Lambda.tracingManagedPolicy`).
    private func managedPolicies(_ function: FunctionSpec) -> [(String, TemplateValue)] {
        var arns: [TemplateValue] = []
        if let vpc = function.vpc {
            arns.append(.sub("arn:${AWS::Partition}:iam::aws:policy/" + Lambda.vpcAccessManagedPolicy, vpc.range))
        }
        if let tracing = function.tracing, function.mayTraceActively {
            // Of a conditional mode, only where it is active.
            arns.append(choice(tracing, function.conditionalChoices[.tracing]) { mode, origin in
                mode == .active ? .sub("arn:${AWS::Partition}:iam::aws:policy/" + Lambda.tracingManagedPolicy, origin) : .noValue(origin)
            })
        }
        guard let first = arns.first else { return [] }
        return [("ManagedPolicyArns", .array(arns, first.origin))]
    }

    static func policyDocument(_ statements: [TemplateValue], _ origin: SourceRange) -> TemplateValue {
        .object([("Version", .string(IAM.policyVersion, origin)), ("Statement", .array(statements, origin))], origin)
    }

    /// Adds a resource a function generates for one of its triggers or
    /// invokers: it carries the function's condition and the extra ones
    /// (the trigger's `when:`, the condition of the resource it reads from).
    func addGenerated(_ resource: Resource, for decl: ResourceDecl, when extra: [WhenClause]) {
        add(resource, for: decl)
        if let condition = conditionName(([decl.when].compactMap { $0 }) + extra) {
            template[resourceAt: template.resources.count - 1].condition = condition
        }
    }

    /// One named condition for all of `clauses` (their conjunction), or nil
    /// when there are none. With `context` (the condition of the resource the
    /// value goes in), clauses it implies are left out: an `Fn::If` on them
    /// could never take its other branch (cfn-lint W1028).
    func conditionName(_ clauses: [WhenClause], within context: WhenClause? = nil) -> String? {
        var unique: [WhenClause] = []
        for clause in clauses where !unique.contains(where: { $0.condition.canonical == clause.condition.canonical })
            && !(context?.condition.implies(clause.condition) ?? false) {
            unique.append(clause)
        }
        guard let first = unique.first else { return nil }
        if unique.count == 1 { return emitter.conditions.name(for: first, symbols: symbols) }
        let conjunction = WhenClause(text: unique.map { "(\($0.text))" }.joined(separator: " && "),
                                     condition: .and(unique.map(\.condition), first.range), range: first.range)
        return emitter.conditions.name(for: conjunction, symbols: symbols)
    }
}

/// The function's name: `<stack>-<name>-<stack ID suffix>`, where the
/// suffix is the first 8 hex digits of the stack ID's UUID, so two stacks
/// deployed from one spec (dev and prod in one account and region) never
/// share a function or log-group name. The rest is fixed at compile time,
/// so the log group can be named `/aws/lambda/<name>` without waiting for the
/// function. Lambda limits `FunctionName` to 64 characters: the compile-time
/// part is at most 55. A longer one is cut to 46 characters and ends with
/// `-` and 8 hex digits of `StableHash` of the whole; the stack part is cut
/// first (the function's own name is what tells functions apart in the
/// console and in logs), and the function's name only when it alone passes
/// 45 characters. `AWS::StackName` is not used: it is unbounded.
package enum FunctionNaming {
    static let suffixLength = 8

    /// The compile-time part of the name, for a name of at most `limit`
    /// characters once `-` and the stack ID suffix follow it (a FIFO queue's
    /// name, `QueueComponent.swift`, is cut alike, to leave room for `.fifo`).
    package static func prefix(stack: String, name: String, limit: Int = Lambda.maxFunctionNameLength) -> String {
        let full = "\(stack)-\(name)"
        let budget = limit - suffixLength - 1
        guard full.unicodeScalars.count > budget else { return full }
        let hash = "-" + StableHash.hex(full, length: suffixLength)
        let room = budget - hash.count
        // What is left of the stack part once the name and its hyphen are kept whole.
        var stackPart = Substring(stack.prefix(max(0, room - name.count - 1)))
        while stackPart.last == "-" { stackPart = stackPart.dropLast() }
        let kept = stackPart.isEmpty ? String(name.prefix(room)) : stackPart + "-" + name
        return kept + hash
    }

    /// `prefix-<stack ID suffix>`.
    package static func name(prefix: String, _ origin: SourceRange) -> TemplateValue {
        .object([("Fn::Join", .array([.string("-", origin), .array([.string(prefix, origin), stackIdSuffix(origin)], origin)], origin))], origin)
    }

    /// The first group of the stack ID's UUID (8 hex digits), unique to each deployed stack:
    /// `Fn::Select [0, Fn::Split ["-", Fn::Select [2, Fn::Split ["/", Ref AWS::StackId]]]]`.
    package static func stackIdSuffix(_ origin: SourceRange) -> TemplateValue {
        func split(_ separator: String, _ value: TemplateValue) -> TemplateValue {
            .object([("Fn::Split", .array([.string(separator, origin), value], origin))], origin)
        }
        func select(_ index: Int, _ value: TemplateValue) -> TemplateValue {
            .object([("Fn::Select", .array([.int(index, origin), value], origin))], origin)
        }
        return select(0, split("-", select(2, split("/", .ref("AWS::StackId", origin)))))
    }
}
