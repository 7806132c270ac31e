import FormworkCFN
import FormworkFacts
import FormworkSpec

/// `formwork schema`: a JSON Schema (draft 2020-12) of the spec language,
/// for yaml-language-server and other editors. The keys of every mapping,
/// and which are required, are the decoder's own tables (`SpecKeys`); the
/// word lists are the decoder's enumerations; so an editor flags what the
/// compiler rejects as structure (an unknown or missing key, a list where a
/// mapping goes, a word that is not one of the choices). What only the
/// compiler can judge (references, expressions, AWS limits) it leaves to
/// `formwork lint`.
public enum SpecSchema {
    /// The schema as JSON text.
    public static var json: String { JSONWriter.write(schema) + "\n" }

    static var schema: TemplateValue {
        object([
            ("$schema", string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", string("https://formwork.dev/schemas/spec-1.json")),
            ("title", string("Formwork spec, language version 1")),
            ("description", string("A Formwork spec: one YAML document that compiles to one CloudFormation template.")),
            ("type", string("object")),
            ("properties", object([
                ("formwork", object([("const", .int(1, nil)), ("description", string("The language version."))])),
                ("stack", object([("type", string("string")), ("pattern", string("^[a-z][a-z0-9-]{0,63}$"))])),
                ("description", stringType),
                ("parameters", named(parameter)),
                ("mappings", named(mapping)),
                ("tags", tags),
                ("defaults", closed(SpecKeys.defaults, [
                    "function": closed(keys: FunctionSpec.defaultableKeys, function),
                    "bucket": closed(keys: BucketSpec.defaultableKeys, bucket),
                    "queue": closed(keys: QueueSpec.defaultableKeys, queue), "api": closed(keys: APISpec.defaultableKeys, api),
                ])),
                ("resources", named(resource, minProperties: 1)),
                ("outputs", named(output)),
                ("waivers", waivers),
                ("alarms", alarms(SpecKeys.topLevelAlarms)),
            ])),
            ("required", strings(SpecKeys.topLevel.required)),
            ("additionalProperties", .bool(false, nil)),
        ])
    }

    // MARK: sections

    /// A mapping of lowerCamel names to `value`.
    static func named(_ value: TemplateValue, minProperties: Int? = nil) -> TemplateValue {
        var members: [(String, TemplateValue)] = [
            ("type", string("object")),
            ("propertyNames", object([("pattern", string("^[a-z][A-Za-z0-9]*$"))])),
            ("additionalProperties", value),
        ]
        if let minProperties { members.append(("minProperties", .int(minProperties, nil))) }
        return object(members)
    }

    static var parameter: TemplateValue {
        closed(SpecKeys.parameter, [
            "type": words(ParameterType.allCases.map(\.rawValue) + ParameterTypes.all),
            "default": anyOf([scalar, object([("type", string("array")), ("items", scalar)])]),
            "pattern": stringType, "description": stringType, "optional": boolType,
            "noEcho": boolType, "minLength": intType, "maxLength": intType, "constraintDescription": stringType,
            "minValue": object([("type", string("number"))]), "maxValue": object([("type", string("number"))]),
            "allowed": object([("type", string("array")), ("items", scalar)]),
        ])
    }

    /// A lookup table: top-level keys, each a mapping of names to values.
    static var mapping: TemplateValue {
        let value = anyOf([scalar, object([("type", string("array")), ("items", scalar)])])
        let names = object([
            ("type", string("object")), ("minProperties", .int(1, nil)), ("maxProperties", .int(200, nil)),
            ("propertyNames", object([("pattern", string("^[A-Za-z0-9]{1,255}$"))])),
            ("additionalProperties", value),
        ])
        return object([
            ("type", string("object")), ("minProperties", .int(1, nil)), ("maxProperties", .int(200, nil)),
            ("propertyNames", object([("pattern", string("^[A-Za-z0-9.-]{1,255}$"))])),
            ("additionalProperties", names),
        ])
    }

    static var output: TemplateValue {
        anyOf([stringType, closed(SpecKeys.output, [
            "value": stringType, "export": stringType, "description": stringType, "when": stringType,
        ])])
    }

    static var common: [String: TemplateValue] {
        [
            "when": stringType,
            "dependsOn": anyOf([stringType, object([("type", string("array")), ("items", stringType)])]),
            "tags": tags,
            "retain": anyOf([boolType, object([("const", string("snapshot"))])]),
            "waivers": waivers,
        ]
    }

    /// `waivers:`, a resource's or the spec's: a Formwork code or a checkov id, and why.
    static var waivers: TemplateValue {
        object([("type", string("array")), ("items", closed(SpecKeys.waiver, [
            "rule": object([("type", string("string")), ("pattern", string("^(FW[0-9]{4}|CKV2?_AWS_[0-9]+)$"))]),
            "reason": object([("type", string("string")), ("minLength", .int(1, nil))]),
            "resource": stringType,
        ]))])
    }

    static var resource: TemplateValue {
        var branches: [TemplateValue] = []
        let kinds: [(String, [String], [String], [String: TemplateValue])] = [
            ("bucket", SpecKeys.bucket, [], bucket), ("function", SpecKeys.function, SpecKeys.functionRequired, function),
            ("queue", SpecKeys.queue, [], queue), ("api", SpecKeys.api, SpecKeys.apiRequired, api),
        ]
        for (kind, keys, required, fields) in kinds {
            var properties = common.merging(fields) { a, _ in a }
            properties["kind"] = object([("const", string(kind))])
            properties["type"] = nil
            let roles = ResourceKind(rawValue: kind)?.overrideRoles.map(\.name) ?? []
            properties["overrides"] = object([
                ("type", string("object")), ("propertyNames", words(roles)),
                ("additionalProperties", object([("type", string("object"))])),
            ])
            branches.append(closed(keys: SpecKeys.commonResource.filter { $0 != "type" } + SpecKeys.component + keys, properties,
                                   required: ["kind"] + required))
        }
        var raw = common
        raw["type"] = object([("type", string("string")),
                              ("pattern", string("^[A-Za-z0-9_-]+::[A-Za-z0-9_-]+(::[A-Za-z0-9_-]+){0,2}$"))])
        for key in ["properties", "metadata", "creationPolicy", "updatePolicy"] { raw[key] = object([("type", string("object"))]) }
        raw["kind"] = nil
        branches.append(closed(keys: SpecKeys.rawResource.keys.filter { $0 != "kind" }, raw, required: ["type"]))
        return anyOf(branches)
    }

    // MARK: kinds

    static var bucket: [String: TemplateValue] {
        let days = closed(SpecKeys.days, ["days": intType])
        let transition = closed(SpecKeys.transition, [
            "days": intType, "storageClass": words(S3.StorageClass.allCases.map(\.rawValue)),
        ])
        let transitions = object([("type", string("array")), ("items", transition)])
        return [
            "name": stringType, "versioning": conditionalBoolType,
            "publicAccess": words(PublicAccess.allCases.map(\.rawValue)),
            "encryption": words(BucketEncryption.allCases.map(\.rawValue)),
            "accessLogs": stringType,
            "lifecycle": object([("type", string("array")), ("items", closed(SpecKeys.lifecycleRule, [
                "id": stringType, "prefix": stringType, "transitions": transitions, "noncurrentTransitions": transitions,
                "expiration": days, "noncurrentExpiration": days, "abortIncompleteUploads": days,
            ]))]),
        ]
    }

    static var function: [String: TemplateValue] {
        let trigger = closed(SpecKeys.trigger, [
            "s3": closed(SpecKeys.s3Trigger, [
                "bucket": stringType, "prefix": stringType, "suffix": stringType,
                "events": object([("type", string("array")), ("items", stringType)]),
            ]),
            "sqs": closed(SpecKeys.sqsTrigger, [
                "queue": stringType, "batchSize": conditionalIntType, "reportBatchItemFailures": conditionalBoolType,
                "maximumConcurrency": conditionalIntType,
                "filters": object([("type", string("array")), ("items", object([("type", string("object"))]))]),
            ]),
            "schedule": stringType, "when": stringType,
            "dynamodb": closed(SpecKeys.dynamodbTrigger, [
                "table": stringType, "startingPosition": conditionalWords(StreamStartingPosition.allCases.map(\.rawValue)),
                "batchSize": conditionalIntType, "maximumRetryAttempts": conditionalIntType, "reportBatchItemFailures": conditionalBoolType,
                "filters": object([("type", string("array")), ("items", object([("type", string("object"))]))]),
            ]),
            "sns": closed(SpecKeys.snsTrigger, ["topic": stringType]),
            "eventbridge": closed(SpecKeys.eventBridgeTrigger, ["pattern": object([("type", string("object"))]), "bus": stringType]),
        ])
        let ids = anyOf([stringType, object([("type", string("array")), ("items", stringType)])])
        let permission = object([
            ("type", string("object")),
            ("propertyNames", words(PermissionVerb.allCases.map(\.rawValue))),
            ("additionalProperties", stringType), ("minProperties", .int(1, nil)), ("maxProperties", .int(1, nil)),
        ])
        return [
            "handler": stringType, "runtime": words(Lambda.runtimes.map(\.identifier)),
            "code": closed(SpecKeys.code, ["inline": stringType, "bucket": stringType, "key": stringType]),
            "timeout": conditionalIntType, "memory": conditionalIntType, "deadLetterQueue": boolType,
            "environment": object([
                ("type", string("object")),
                ("additionalProperties", anyOf([scalar, closed(SpecKeys.environmentVariable, [
                    "value": scalar, "when": stringType,
                ])])),
            ]),
            "logs": closed(SpecKeys.logs, ["retentionDays": conditionalIntType, "format": words(LogFormat.allCases.map(\.rawValue))]),
            "triggers": object([("type", string("array")), ("items", trigger)]),
            "invokers": object([("type", string("array")), ("items", closed(SpecKeys.invoker, [
                "s3Bucket": stringType, "account": scalar, "when": stringType,
            ]))]),
            "permissions": object([("type", string("array")), ("items", permission)]),
            "statements": object([("type", string("array")), ("items", closed(SpecKeys.statement, [
                "effect": words(PolicyStatement.Effect.allCases.map(\.rawValue)),
                "actions": anyOf([stringType, object([("type", string("array")), ("items", stringType), ("minItems", .int(1, nil))])]),
                "resources": anyOf([stringType, object([("type", string("array")), ("items", stringType), ("minItems", .int(1, nil))])]),
                "condition": object([("type", string("object"))]),
                "when": stringType,
            ]))]),
            "architectures": conditionalWords(Architecture.allCases.map(\.rawValue)),
            "layers": object([("type", string("array")), ("items", stringType)]),
            "vpc": closed(SpecKeys.vpc, ["subnets": ids, "securityGroups": ids]),
            "reservedConcurrency": conditionalIntType, "tracing": conditionalWords(TracingMode.allCases.map(\.rawValue)), "ephemeralStorage": conditionalIntType,
            "alarms": alarms(SpecKeys.functionAlarms),
        ]
    }

    static var queue: [String: TemplateValue] {
        [
            "retentionDays": conditionalIntType, "visibilityTimeout": conditionalIntType, "fifo": boolType, "contentBasedDeduplication": conditionalBoolType,
            "encryption": conditionalWords(QueueEncryption.allCases.map(\.rawValue)),
            "deadLetter": closed(SpecKeys.deadLetter, ["queue": stringType, "maxReceiveCount": intType]),
            "alarms": alarms(SpecKeys.queueAlarms),
        ]
    }

    /// `alarms:`: true, false, or a topic and each alarm's threshold and periods.
    static func alarms(_ table: SpecKeys.Table) -> TemplateValue {
        let alarm = closed(SpecKeys.alarm, ["threshold": intType, "periods": intType])
        var fields: [String: TemplateValue] = ["topic": stringType]
        for key in table.keys where key != "topic" { fields[key] = alarm }
        return anyOf([boolType, closed(table, fields)])
    }

    static var api: [String: TemplateValue] {
        let route = closed(SpecKeys.route, [
            "mock": closed(SpecKeys.mock, ["statusCode": intType, "body": scalar]),
            "function": stringType,
        ])
        return [
            "stage": stringType, "auth": words(APIAuth.allCases.map(\.rawValue)),
            "cors": closed(SpecKeys.cors, ["allowOrigin": stringType, "allowCredentials": boolType]),
            "tracing": conditionalBoolType, "accessLogs": boolType,
            "cache": closed(SpecKeys.apiCache, [
                // A number in YAML (`size: 0.5`); the decoder reads its text.
                "size": object([("enum", .array(APICacheSize.allCases.map { TemplateValue(.number($0.rawValue), origin: nil) }, nil))]),
                "ttl": intType,
            ]),
            "routes": object([
                ("type", string("object")),
                ("propertyNames", object([("pattern", string("^[A-Z]+ /"))])),
                ("additionalProperties", route),
            ]),
        ]
    }

    // MARK: building blocks

    static let stringType = object([("type", string("string"))])
    static let intType = object([("type", string("integer"))])
    static let boolType = object([("type", string("boolean"))])
    /// A whole number, or a string holding a conditional value between numbers (a function's number fields).
    static let conditionalIntType = anyOf([intType, wholeInterpolation])
    static let conditionalBoolType = anyOf([boolType, wholeInterpolation])
    /// A string that is one `${...}` (a conditional value).
    static let wholeInterpolation = object([("type", string("string")), ("pattern", string(#"^\$\{.*\}$"#))])
    /// A string, or a number or boolean the compiler reads as text.
    static let scalar = object([("type", strings(["string", "number", "boolean"]))])
    static let tags = object([("type", string("object")), ("additionalProperties", object([("type", strings(["string", "number"]))]))])

    static func closed(_ table: SpecKeys.Table, _ properties: [String: TemplateValue]) -> TemplateValue {
        closed(keys: table.keys, properties, required: table.required)
    }

    /// An object with exactly `keys`, each described by `properties` (any value where it has none).
    static func closed(keys: [String], _ properties: [String: TemplateValue], required: [String] = []) -> TemplateValue {
        var members: [(String, TemplateValue)] = [
            ("type", string("object")),
            ("properties", object(keys.map { ($0, properties[$0] ?? object([])) })),
            ("additionalProperties", .bool(false, nil)),
        ]
        if !required.isEmpty { members.append(("required", strings(required))) }
        return object(members)
    }

    static func words(_ words: [String]) -> TemplateValue { object([("enum", strings(words))]) }
    /// One of the words, or a conditional value between them.
    static func conditionalWords(_ words: [String]) -> TemplateValue { anyOf([self.words(words), wholeInterpolation]) }
    static func anyOf(_ schemas: [TemplateValue]) -> TemplateValue { object([("anyOf", .array(schemas, nil))]) }
    static func string(_ text: String) -> TemplateValue { .string(text, nil) }
    static func strings(_ texts: [String]) -> TemplateValue { .array(texts.map { .string($0, nil) }, nil) }
    static func object(_ members: [(String, TemplateValue)]) -> TemplateValue { .object(members, nil) }
}
