import FormworkDiagnostics

/// A resource under `resources:`: the parts every kind has, and its kind's body.
package struct ResourceDecl: Sendable {
    package var name: Name
    /// The range of the resource's mapping (its body).
    package var range: SourceRange
    package var when: WhenClause?
    package var dependsOn: [Name] = []
    package var tags: [Tag] = []
    package var retain: Located<Retention>?
    /// `overrides:` (components only), in the order written.
    package var overrides: [Override] = []
    /// `waivers:`, in the order written.
    package var waivers: [Waiver] = []
    package var body: ResourceBody

    package init(name: Name, range: SourceRange, body: ResourceBody) {
        self.name = name
        self.range = range
        self.body = body
    }
}

package indirect enum ResourceBody: Sendable {
    case bucket(BucketSpec)
    case function(FunctionSpec)
    case queue(QueueSpec)
    case api(APISpec)
    case raw(RawResourceSpec)
    /// A resource whose declaration did not decode: its name is not
    /// lowerCamel, or its body is not a mapping, has no `kind:` or `type:`
    /// (or both), or names an unknown kind or a malformed type. The decoder
    /// reported why. It still declares its name, so uses of it resolve (to
    /// `Resolved.undecodable`) and a misspelled use still gets a
    /// did-you-mean, but nothing else of it is read (no `when:`, `dependsOn`
    /// or tags): every rule passes it by, and lowering, which never runs on
    /// a spec with errors, emits nothing for it.
    case undecodable

    /// A function's or queue's own `alarms:`; nil for the other kinds and when not written.
    package var alarms: AlarmSettings? {
        switch self {
        case .function(let function): function.alarms
        case .queue(let queue): queue.alarms
        default: nil
        }
    }

    /// What the resource is; nil when its declaration did not decode.
    package var kind: ResourceKind? {
        switch self {
        case .bucket: .bucket
        case .function: .function
        case .queue: .queue
        case .api: .api
        case .raw: .raw
        case .undecodable: nil
        }
    }
}

/// What a resource is: one of the language's components (`kind:`), or a
/// CloudFormation type written as is (`type:`). The raw value is the word
/// messages use.
package enum ResourceKind: String, Sendable, CaseIterable {
    case bucket, function, queue, api, raw

    /// The kinds `kind:` names, in the order messages list them.
    package static let components: [ResourceKind] = [.bucket, .function, .queue, .api]
}

// MARK: - bucket

package enum PublicAccess: String, Sendable, CaseIterable { case blocked, allowed }
package enum BucketEncryption: String, Sendable, CaseIterable { case s3, kms }

package struct BucketSpec: Sendable {
    package var name: StringValue?
    package var versioning: Located<Bool>
    /// `versioning` written as a conditional value (`"${env == 'prod' ? true : false}"`);
    /// `versioning` then holds whether any branch is true. So for every
    /// `conditional...` flag below.
    package var conditionalVersioning: StringValue?
    package var publicAccess: Located<PublicAccess>
    package var encryption: Located<BucketEncryption>
    package var lifecycle: Located<[LifecycleRule]>?
    /// The bucket of the spec its server access logs go to (`accessLogs: <bucket>`).
    package var accessLogs: Name?

    /// A bucket with the built-in defaults, located at `range`.
    package init(builtInsAt range: SourceRange) {
        versioning = .builtIn(BuiltInDefaults.bucketVersioning, at: range)
        publicAccess = .builtIn(BuiltInDefaults.bucketPublicAccess, at: range)
        encryption = .builtIn(BuiltInDefaults.bucketEncryption, at: range)
    }
}

package struct LifecycleRule: Sendable {
    package var id: Located<String>?
    package var prefix: StringValue?
    package var transitions: [Transition] = []
    package var expiration: Located<Int>?
    package var noncurrentTransitions: [Transition] = []
    package var noncurrentExpiration: Located<Int>?
    package var abortIncompleteUploads: Located<Int>?
    package var range: SourceRange
    /// Keys the rule misspells or writes with a value that did not decode
    /// (`expiration: { days: 0 }`), each reported by the decoder: an action
    /// among them is not reported missing again.
    package var unreadKeys: Set<String> = []

    package init(range: SourceRange) {
        self.range = range
    }
}

package struct Transition: Sendable {
    package var days: Located<Int>
    package var storageClass: Located<String>
    package var range: SourceRange
}

// MARK: - function

package struct FunctionSpec: Sendable {
    /// Required (no built-in default): a spec rule reports it missing.
    package var handler: Located<String>?
    /// Required (no built-in default): a spec rule reports it missing.
    package var runtime: Located<String>?
    package var code: FunctionCode?
    package var timeout: Located<Int>
    package var memory: Located<Int>
    package var environment: [EnvironmentVariable] = []
    /// Built in as false; default injection puts the built-in default
    /// (`BuiltInDefaults.functionDeadLetterQueue`) in place once the
    /// triggers and invokers are known.
    package var deadLetterQueue: Located<Bool>
    package var logs: LogSettings
    package var triggers: [Trigger] = []
    package var invokers: [Invoker] = []
    package var permissions: [Permission] = []
    /// `statements:`, the escape hatch for what no verb grants.
    package var statements: [PolicyStatement] = []
    /// `architectures: arm64` → `Architectures: [arm64]` (Lambda takes one).
    package var architecture: Located<Architecture>?
    /// `layers:` → `Layers`, each an ARN (interpolated).
    package var layers: Located<[StringValue]>?
    package var vpc: VPCSettings?
    /// `environmentKey` → `KmsKeyArn`, the key the environment is encrypted with: a raw `AWS::KMS::Key` or a key's ARN.
    package var environmentKey: NameOrARN?
    /// `reservedConcurrency` → `ReservedConcurrentExecutions`.
    package var reservedConcurrency: Located<Int>?
    package var tracing: Located<TracingMode>?
    /// `ephemeralStorage` (MB) → `EphemeralStorage.Size`.
    package var ephemeralStorage: Located<Int>?
    /// `alarms:`; nil when the function does not write it (the spec's top-level `alarms:` applies).
    package var alarms: AlarmSettings?
    /// The number fields written as a conditional value
    /// (`memory: "${env == 'prod' ? 1024 : 256}"`), emitted as `Fn::If`;
    /// the field itself holds the largest branch, for what needs one number.
    package var conditionalNumbers: [NumberField: StringValue] = [:]
    /// `architectures` and `tracing` written as a conditional value
    /// (`tracing: "${env == 'prod' ? 'active' : 'passThrough'}"`), emitted as
    /// `Fn::If`; the field itself holds the first branch.
    package var conditionalChoices: [ChoiceField: StringValue] = [:]
    /// Keys the mapping misspells (`handlr:`) or writes with a value that
    /// did not decode (`handler: yes`), each reported by the decoder: a
    /// required setting among them is not reported missing again.
    package var unreadKeys: Set<String> = []

    /// A function with the built-in defaults, located at `range`.
    package init(builtInsAt range: SourceRange) {
        timeout = .builtIn(BuiltInDefaults.functionTimeout, at: range)
        memory = .builtIn(BuiltInDefaults.functionMemory, at: range)
        deadLetterQueue = .builtIn(false, at: range)
        logs = LogSettings(builtInsAt: range)
    }

    /// The fields that take a conditional value between numbers.
    package enum NumberField: String, Sendable, CaseIterable {
        case timeout, memory, reservedConcurrency, ephemeralStorage
    }

    /// Where a number field's value came from, nil when it is absent.
    /// The fields that take a conditional value between their words.
    package enum ChoiceField: String, Sendable, CaseIterable {
        case architectures, tracing
    }

    package func provenance(of field: ChoiceField) -> Provenance? {
        switch field {
        case .architectures: architecture?.provenance
        case .tracing: tracing?.provenance
        }
    }

    /// Whether any branch of `tracing` is `active` (the role then needs X-Ray's managed policy).
    package var mayTraceActively: Bool {
        guard let tracing else { return false }
        guard let conditional = conditionalChoices[.tracing] else { return tracing.value == .active }
        return conditional.interpolated.expressions.first?.stringBranches.contains { $0.value == TracingMode.active.rawValue } ?? false
    }

    package func provenance(of field: NumberField) -> Provenance? {
        switch field {
        case .timeout: timeout.provenance
        case .memory: memory.provenance
        case .reservedConcurrency: reservedConcurrency?.provenance
        case .ephemeralStorage: ephemeralStorage?.provenance
        }
    }

    /// Whether anything invokes the function asynchronously (an `s3` or
    /// `schedule` trigger, an invoker), so that a failed invocation has
    /// somewhere to go.
    package var isInvokedAsynchronously: Bool {
        !invokers.isEmpty || triggers.contains { $0.source.isAsynchronous }
    }
}

package enum FunctionCode: Sendable {
    case inline(Located<String>)
    case s3(bucket: StringValue, key: StringValue, range: SourceRange)
}

package struct EnvironmentVariable: Sendable {
    package var name: Located<String>
    package var value: StringValue
    package var when: WhenClause?
}

package struct LogSettings: Sendable {
    package var retentionDays: Located<Int>
    /// `retentionDays` written as a conditional value; `retentionDays` then holds its largest branch.
    package var conditionalRetentionDays: StringValue?
    package var format: Located<LogFormat>
    /// `kmsKey` → the log group's `KmsKeyId`: a raw `AWS::KMS::Key` or a key's ARN.
    package var kmsKey: NameOrARN?
    /// The `logs:` mapping, or the resource's name when it has none.
    package var range: SourceRange
    /// Where the `logs:` mapping itself comes from.
    package var provenance: Provenance = .builtIn

    package init(builtInsAt range: SourceRange) {
        retentionDays = .builtIn(BuiltInDefaults.logRetentionDays, at: range)
        format = .builtIn(BuiltInDefaults.logFormat, at: range)
        self.range = range
    }
}

package enum LogFormat: String, Sendable, CaseIterable {
    case json, text
}

/// A function's instruction set architecture, as Lambda spells it.
package enum Architecture: String, Sendable, CaseIterable {
    case x86_64, arm64
}

/// `tracing:` → `TracingConfig.Mode` (`Active`, `PassThrough`).
package enum TracingMode: String, Sendable, CaseIterable {
    case active, passThrough

    package var mode: String { self == .active ? "Active" : "PassThrough" }
}

/// `vpc: { subnets, securityGroups }`: each a list of IDs, or one `${...}`
/// of a list parameter.
package struct VPCSettings: Sendable {
    package enum IDs: Sendable {
        case items([StringValue], SourceRange)
        /// One string for the whole list (`${subnetIds}`).
        case whole(StringValue)

        package var strings: [StringValue] {
            switch self {
            case .items(let items, _): items
            case .whole(let string): [string]
            }
        }
    }

    package var subnets: IDs
    package var securityGroups: IDs
    package var range: SourceRange
}

/// `dynamodb: { table, startingPosition, ... }`: a table's stream.
package struct DynamoDBTrigger: Sendable {
    /// A raw `AWS::DynamoDB::Table` of the spec with a `StreamSpecification`.
    package var table: Name
    package var startingPosition: Located<StreamStartingPosition>
    package var batchSize: Located<Int>?
    package var maximumRetryAttempts: Located<Int>?
    package var reportBatchItemFailures: Located<Bool>?
    /// The fields written as a conditional value, emitted as `Fn::If`; the
    /// field itself holds the largest number branch, the first word, or
    /// true where any branch is.
    package var conditionals: [TriggerField: StringValue] = [:]
    package var filters: [RawValue] = []
}

/// The fields of an `sqs` or `dynamodb` trigger that take a conditional value.
package enum TriggerField: String, Sendable, CaseIterable {
    case batchSize, maximumConcurrency, maximumRetryAttempts, startingPosition, reportBatchItemFailures

    /// Whether its branches are numbers (else words or booleans).
    package var isNumber: Bool { self == .batchSize || self == .maximumConcurrency || self == .maximumRetryAttempts }
}

/// Where a stream mapping starts reading.
package enum StreamStartingPosition: String, Sendable, CaseIterable {
    case latest, trimHorizon

    /// The value `StartingPosition` takes.
    package var cloudFormation: String { self == .latest ? "LATEST" : "TRIM_HORIZON" }
}

/// A resource given by name (a raw resource of the spec: `sns: { topic }`'s
/// `AWS::SNS::Topic`, `logs.kmsKey`'s `AWS::KMS::Key`) or by ARN.
package enum NameOrARN: Sendable {
    case name(Name)
    case arn(StringValue)

    package var range: SourceRange {
        switch self {
        case .name(let name): name.range
        case .arn(let arn): arn.range
        }
    }
}

/// `eventbridge: { pattern, bus }`: a rule on the default bus, or on a raw
/// `AWS::Events::EventBus` of the spec.
package struct EventBridgeTrigger: Sendable {
    package var pattern: RawValue
    package var bus: Name?
}

/// What an `sqs` trigger sets beyond its queue and batch size.
package struct SQSTriggerOptions: Sendable {
    /// `reportBatchItemFailures: true` → `FunctionResponseTypes: [ReportBatchItemFailures]`.
    package var reportBatchItemFailures: Located<Bool>?
    /// → `ScalingConfig.MaximumConcurrency`.
    package var maximumConcurrency: Located<Int>?
    /// Each an event filter pattern (a mapping, literal), → `FilterCriteria.Filters[].Pattern` as JSON text.
    package var filters: [RawValue] = []
    /// The fields written as a conditional value (`batchSize` among them), as on `DynamoDBTrigger`.
    package var conditionals: [TriggerField: StringValue] = [:]

    package init() {}
}

package struct Trigger: Sendable {
    package enum Source: Sendable {
        case s3(bucket: Name, events: [Located<String>], prefix: StringValue?, suffix: StringValue?)
        case sqs(queue: Name, batchSize: Located<Int>?, options: SQSTriggerOptions = SQSTriggerOptions())
        case schedule(LocatedText)
        case dynamodb(DynamoDBTrigger)
        case sns(NameOrARN)
        case eventbridge(EventBridgeTrigger)

        /// Whether the service invokes the function asynchronously (Lambda
        /// queues the event, retries it, and sends what still fails to the
        /// dead-letter queue); an sqs trigger polls and invokes synchronously.
        package var isAsynchronous: Bool {
            switch self {
            case .s3, .schedule, .sns, .eventbridge: true
            case .sqs, .dynamodb: false
            }
        }
    }

    package var source: Source
    package var when: WhenClause?
    package var range: SourceRange
}

package struct Invoker: Sendable {
    package var s3Bucket: StringValue
    /// The account that owns the bucket; nil for the stack's own.
    package var account: StringValue? = nil
    package var when: WhenClause?
    package var range: SourceRange
}

/// The verbs of `permissions:`; what each grants on each type of target is
/// `Permissions` in FormworkFacts.
package enum PermissionVerb: String, Sendable, CaseIterable {
    case read, write, readWrite, sendMessage, consume, readStream, publish, startExecution, putEvents
    case decrypt, encrypt, invoke
}

package struct Permission: Sendable {
    package var verb: Located<PermissionVerb>
    package var target: Name
    package var range: SourceRange
}

/// One item of `statements:`: an IAM statement written out.
package struct PolicyStatement: Sendable {
    package enum Effect: String, Sendable, CaseIterable { case allow, deny }

    /// Built in as `allow`.
    package var effect: Located<Effect>
    /// Each `service:Action`, as written.
    package var actions: [Located<String>]
    /// Each ARN, interpolated.
    package var resources: [StringValue]
    /// IAM's `Condition` block, as written (a mapping, strings interpolated).
    package var condition: RawValue?
    package var when: WhenClause?
    package var range: SourceRange
}

// MARK: - queue

package struct QueueSpec: Sendable {
    package var retentionDays: Located<Int>?
    package var visibilityTimeout: Located<Int>?
    /// The number fields written as a conditional value
    /// (`visibilityTimeout: "${env == 'prod' ? 900 : 60}"`), emitted as
    /// `Fn::If`; the field itself holds the largest branch, at the value.
    package var conditionalNumbers: [NumberField: StringValue] = [:]
    package var deadLetter: DeadLetterTarget?
    /// `fifo: true`: a FIFO queue (nil or false: a standard one).
    package var fifo: Located<Bool>?
    package var contentBasedDeduplication: Located<Bool>?
    package var conditionalDeduplication: StringValue?
    /// `encryption:` as written; absent: `kms` (`QueueEncryption`).
    package var encryption: Located<QueueEncryption>?
    /// `encryption` written as a conditional value (`"${env == 'prod' ? 'kms' : 'sqs'}"`);
    /// `encryption` then holds its first branch.
    package var conditionalEncryption: StringValue?

    /// Every encryption the queue may have, each where it is written: the
    /// branches of a conditional value, or the one value (empty when none is written).
    package var encryptions: [Located<QueueEncryption>] {
        guard let encryption else { return [] }
        guard let branches = conditionalEncryption?.interpolated.expressions.first?.stringBranches else { return [encryption] }
        return branches.compactMap { branch in QueueEncryption(rawValue: branch.value).map { Located($0, branch.range, encryption.provenance) } }
    }
    /// `kmsKey:` → `KmsMasterKeyId`, a customer managed key (a raw `AWS::KMS::Key` or a key's ARN) in place of `alias/aws/sqs`.
    package var kmsKey: NameOrARN?
    /// `alarms:`; nil when the queue does not write it (the spec's top-level `alarms:` applies).
    package var alarms: AlarmSettings?

    package var isFifo: Bool { fifo?.value ?? false }

    package init() {}

    /// The fields that take a conditional value between numbers.
    package enum NumberField: String, Sendable, CaseIterable {
        case retentionDays, visibilityTimeout
    }
}

/// A queue's server-side encryption: `kms`, the AWS managed key
/// `alias/aws/sqs` (`KmsMasterKeyId`, the default), or `sqs`, SQS-managed
/// SSE (`SqsManagedSseEnabled`), for queues that AWS services send to.
package enum QueueEncryption: String, Sendable, CaseIterable { case kms, sqs }

package struct DeadLetterTarget: Sendable {
    package var queue: Name
    package var maxReceiveCount: Located<Int>
    package var range: SourceRange
}

// MARK: - alarms

/// `alarms:` on a function or a queue, or at the top level (the default
/// for every function and queue): `true`, `false`, or a mapping (which
/// turns them on) of a `topic` to notify and, per alarm, a `threshold`
/// and `periods`.
package struct AlarmSettings: Sendable {
    /// False for `alarms: false`.
    package var enabled: Located<Bool>
    package var topic: NameOrARN?
    /// By alarm key (`CloudWatch.Alarm.key`), as written.
    package var alarms: [String: AlarmOverride] = [:]
    package var range: SourceRange

    package init(enabled: Located<Bool>, range: SourceRange) {
        self.enabled = enabled
        self.range = range
    }
}

/// One alarm's `{threshold, periods}`, each nil when not written.
package struct AlarmOverride: Sendable {
    package var key: Located<String>
    package var threshold: Located<Int>?
    package var periods: Located<Int>?
}

// MARK: - api

package enum APIAuth: String, Sendable, CaseIterable { case none, iam }

/// API Gateway's cache cluster sizes, in GB (`AWS::ApiGateway::Stage CacheClusterSize`).
package enum APICacheSize: String, Sendable, CaseIterable {
    case gb0_5 = "0.5", gb1_6 = "1.6", gb6_1 = "6.1", gb13_5 = "13.5", gb28_4 = "28.4", gb58_2 = "58.2"
    case gb118 = "118", gb237 = "237"
}

/// `cache: {size, ttl}` on an api: a stage cache cluster, every method cached for `ttl` seconds.
package struct APICache: Sendable {
    package var size: Located<APICacheSize>
    package var ttl: Located<Int>?
    package var range: SourceRange
}

package struct APISpec: Sendable {
    package var stage: StringValue?
    package var cors: CORSSettings?
    /// Built in as `none`, which a rule warns about unless a spec states it.
    package var auth: Located<APIAuth>
    package var routes: Located<[Route]>?
    /// X-Ray tracing on the stage (`TracingEnabled`).
    package var tracing: Located<Bool>
    package var conditionalTracing: StringValue?
    /// Access logs to a generated log group (`AccessLogSetting`).
    package var accessLogs: Located<Bool>
    package var cache: APICache?
    /// Keys the mapping misspells (`auht:`) or writes with a value that did
    /// not decode (`auth: cognito`), each reported by the decoder: no rule
    /// reports them unstated again.
    package var unreadKeys: Set<String> = []

    /// An api with the built-in defaults, located at `range`.
    package init(builtInsAt range: SourceRange) {
        auth = .builtIn(BuiltInDefaults.apiAuth, at: range)
        tracing = .builtIn(BuiltInDefaults.apiTracing, at: range)
        accessLogs = .builtIn(BuiltInDefaults.apiAccessLogs, at: range)
    }
}

package struct CORSSettings: Sendable {
    package var allowOrigin: StringValue
    /// `allowCredentials:`; unstated is false.
    package var allowCredentials: Located<Bool>?
    package var range: SourceRange
}

package struct Route: Sendable {
    package enum Target: Sendable {
        case mock(statusCode: Located<Int>, body: Located<String>?)
        case function(Name)
    }

    package var method: Located<String>
    package var path: Located<String>
    package var target: Target
    /// The route key (`GET /status`).
    package var keyRange: SourceRange
}

/// `retain:` — what CloudFormation does with a resource when the stack is
/// deleted or the resource replaced.
package enum Retention: Sendable, Equatable {
    /// `retain: false`: deleted (stated explicitly on stateful types).
    case delete
    /// `retain: true`: `DeletionPolicy` and `UpdateReplacePolicy: Retain`.
    case retain
    /// `retain: snapshot`: `Snapshot`, for the types that take it.
    case snapshot

    /// The policy's name in a template.
    package var policy: String {
        switch self {
        case .delete: "Delete"
        case .retain: "Retain"
        case .snapshot: "Snapshot"
        }
    }
}

// MARK: - raw

package struct RawResourceSpec: Sendable {
    package var type: Located<String>
    package var properties: RawValue?
    /// `metadata:` → the resource's `Metadata`, as written (strings interpolated).
    package var metadata: RawValue?
    /// `creationPolicy:` → `CreationPolicy`.
    package var creationPolicy: RawValue?
    /// `updatePolicy:` → `UpdatePolicy`.
    package var updatePolicy: RawValue?

    /// The raw values the resource writes, properties first.
    package var values: [RawValue] { [properties, metadata, creationPolicy, updatePolicy].compactMap { $0 } }
}

/// A property value of a raw resource: JSON-shaped, strings interpolated.
package indirect enum RawValue: Sendable {
    case string(StringValue)
    case number(String, SourceRange)
    case bool(Bool, SourceRange)
    case null(SourceRange)
    case array([RawValue], SourceRange)
    case object([(key: Located<String>, value: RawValue)], SourceRange)
    /// `{if: <condition>, then: <value>, else: <value>}`: a conditional
    /// value (`Fn::If`) of any JSON type; no `else` is no value (`AWS::NoValue`).
    case conditional(WhenClause, then: RawValue, else: RawValue?, SourceRange)

    package var range: SourceRange {
        switch self {
        case .string(let s): s.range
        case .number(_, let r), .bool(_, let r), .null(let r), .array(_, let r), .object(_, let r),
             .conditional(_, _, _, let r): r
        }
    }
}

// MARK: - defaults

/// `defaults:` — per-kind values that sit between a resource's own values and
/// the built-in defaults. Each is decoded with its kind's own field decoders.
package struct Defaults: Sendable {
    package var function: FunctionSpec?
    package var bucket: BucketSpec?
    package var queue: QueueSpec?
    package var api: APISpec?
    /// Kinds `defaults:` misspells (`fuction:`) or gives a value that did
    /// not decode, as `FunctionSpec.unreadKeys`.
    package var unreadKeys: Set<String> = []

    package init() {}
}
