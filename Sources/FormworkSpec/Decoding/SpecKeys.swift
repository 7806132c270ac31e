import FormworkFacts

/// The keys of every mapping the language has, and which are required: the
/// decoder reads each mapping with its table, and `formwork schema` (the
/// JSON Schema editors validate against) is generated from the same tables,
/// so the two cannot drift apart.
package enum SpecKeys {
    package struct Table: Sendable {
        package let keys: [String]
        package let required: [String]

        init(_ keys: [String], required: [String] = []) {
            self.keys = keys
            self.required = required
        }
    }

    package static let topLevel = Table(
        ["formwork", "stack", "description", "parameters", "mappings", "tags", "defaults", "resources", "outputs", "waivers", "alarms"],
        required: ["formwork", "stack", "resources"])
    package static let parameter = Table([
        "type", "default", "pattern", "allowed", "description", "optional", "noEcho", "minLength", "maxLength",
        "minValue", "maxValue", "constraintDescription",
    ])
    package static let output = Table(["value", "export", "description", "when"], required: ["value"])
    package static let defaults = Table(["function", "bucket", "queue", "api"])

    /// Keys every resource may have, whatever its kind.
    package static let commonResource = ["kind", "type", "when", "dependsOn", "tags", "retain", "waivers"]
    /// Keys every component (`kind:`) may have besides the common ones.
    package static let component = ["overrides"]
    package static let rawResource = Table(commonResource + ["properties", "metadata", "creationPolicy", "updatePolicy"])
    /// One item of `waivers:` (a resource's or the spec's).
    package static let waiver = Table(["rule", "reason", "resource"], required: ["rule", "reason"])
    /// A property value written as a conditional value: `{if: ..., then: ..., else: ...}`.
    package static let conditionalValue = Table(["if", "then", "else"], required: ["if", "then"])

    package static let bucket = ["name", "versioning", "publicAccess", "encryption", "lifecycle", "accessLogs"]
    package static let lifecycleActions = [
        "transitions", "expiration", "noncurrentTransitions", "noncurrentExpiration", "abortIncompleteUploads",
    ]
    package static let lifecycleRule = Table(["id", "prefix"] + lifecycleActions, required: ["id"])
    package static let transition = Table(["days", "storageClass"], required: ["days", "storageClass"])
    package static let days = Table(["days"], required: ["days"])

    package static let function = [
        "handler", "runtime", "code", "timeout", "memory", "environment", "environmentKey", "deadLetterQueue", "logs", "triggers",
        "invokers", "permissions", "statements", "architectures", "layers", "vpc", "reservedConcurrency", "tracing",
        "ephemeralStorage", "alarms",
    ]
    /// What a function resource must write itself (`defaults.function` may not give it).
    package static let functionRequired = ["code"]
    package static let logs = Table(["retentionDays", "format", "kmsKey"])
    package static let code = Table(["inline", "bucket", "key"])
    package static let environmentVariable = Table(["value", "when"], required: ["value"])
    package static let triggerSources = ["s3", "sqs", "schedule", "dynamodb", "sns", "eventbridge"]
    package static let trigger = Table(triggerSources + ["when"])
    package static let s3Trigger = Table(["bucket", "events", "prefix", "suffix"], required: ["bucket"])
    package static let sqsTrigger = Table(
        ["queue", "batchSize", "reportBatchItemFailures", "maximumConcurrency", "filters"], required: ["queue"])
    package static let dynamodbTrigger = Table(
        ["table", "startingPosition", "batchSize", "maximumRetryAttempts", "reportBatchItemFailures", "filters"],
        required: ["table"])
    package static let snsTrigger = Table(["topic"], required: ["topic"])
    package static let eventBridgeTrigger = Table(["pattern", "bus"], required: ["pattern"])
    package static let vpc = Table(["subnets", "securityGroups"], required: ["subnets", "securityGroups"])
    package static let invoker = Table(["s3Bucket", "account", "when"], required: ["s3Bucket"])
    package static let statement = Table(["effect", "actions", "resources", "condition", "when"], required: ["actions", "resources"])

    package static let queue = ["retentionDays", "visibilityTimeout", "deadLetter", "fifo", "contentBasedDeduplication", "encryption", "kmsKey", "alarms"]
    /// `alarms:` as a mapping: on a function, on a queue, and at the top level (every alarm).
    package static let functionAlarms = Table(["topic"] + CloudWatch.functionAlarms.map(\.key))
    package static let queueAlarms = Table(["topic"] + CloudWatch.queueAlarms.map(\.key))
    package static let topLevelAlarms = Table(["topic"] + CloudWatch.allAlarms.map(\.key))
    /// One alarm under `alarms:`.
    package static let alarm = Table(["threshold", "periods"])
    package static let deadLetter = Table(["queue", "maxReceiveCount"], required: ["queue"])

    package static let api = ["stage", "cors", "auth", "routes", "tracing", "accessLogs", "cache"]
    package static let apiCache = Table(["size", "ttl"], required: ["size"])
    /// What an api resource must write itself.
    package static let apiRequired = ["stage", "routes"]
    package static let cors = Table(["allowOrigin", "allowCredentials"], required: ["allowOrigin"])
    package static let route = Table(["mock", "function"])
    package static let mock = Table(["statusCode", "body"])
}
