/// Default injection: every defaultable field of every resource takes the
/// first of three layers that sets it — the resource's own value, then
/// `defaults.<kind>`, then the built-in default (`BuiltInDefaults`, which
/// the decoder puts in place, marked `.builtIn`). A value from `defaults:`
/// keeps the range of its entry there (marked `.defaults`), so what it
/// generates still points at a spec line. Pure: what is still missing
/// afterwards (a function's handler) is a rule's to report.
extension Spec {
    package mutating func injectDefaults() {
        let defaults = self.defaults
        for index in resources.indices {
            switch resources[index].body {
            case .function(var function):
                if let d = defaults.function { function.inject(d) }
                if function.deadLetterQueue.provenance == .builtIn {
                    function.deadLetterQueue.value = BuiltInDefaults.functionDeadLetterQueue(function)
                }
                // What `defaults.function` meant to give is not known: its error is reported.
                if defaults.unreadKeys.contains("function") { function.unreadKeys.formUnion(FunctionSpec.defaultableKeys) }
                resources[index].body = .function(function)
            case .bucket(var bucket):
                if let d = defaults.bucket {
                    bucket.versioning.layer(over: d.versioning)
                    if bucket.versioning.provenance == .defaults { bucket.conditionalVersioning = d.conditionalVersioning }
                    bucket.publicAccess.layer(over: d.publicAccess)
                    bucket.encryption.layer(over: d.encryption)
                }
                resources[index].body = .bucket(bucket)
            case .queue(var queue):
                if queue.retentionDays == nil, let days = defaults.queue?.retentionDays {
                    queue.retentionDays = days.fromDefaults
                    queue.conditionalNumbers[.retentionDays] = defaults.queue?.conditionalNumbers[.retentionDays]
                }
                if queue.visibilityTimeout == nil, let timeout = defaults.queue?.visibilityTimeout {
                    queue.visibilityTimeout = timeout.fromDefaults
                    queue.conditionalNumbers[.visibilityTimeout] = defaults.queue?.conditionalNumbers[.visibilityTimeout]
                }
                if queue.encryption == nil, let encryption = defaults.queue?.encryption {
                    queue.encryption = encryption.fromDefaults
                    queue.conditionalEncryption = defaults.queue?.conditionalEncryption
                }
                queue.kmsKey = queue.kmsKey ?? defaults.queue?.kmsKey
                resources[index].body = .queue(queue)
            case .api(var api):
                if let d = defaults.api {
                    api.cors = api.cors ?? d.cors
                    api.auth.layer(over: d.auth)
                    api.tracing.layer(over: d.tracing)
                    if api.tracing.provenance == .defaults { api.conditionalTracing = d.conditionalTracing }
                    api.accessLogs.layer(over: d.accessLogs)
                    api.unreadKeys.formUnion(d.unreadKeys.intersection(APISpec.defaultableKeys))
                }
                if defaults.unreadKeys.contains("api") { api.unreadKeys.formUnion(APISpec.defaultableKeys) }
                resources[index].body = .api(api)
            case .raw, .undecodable:
                break
            }
        }
    }
}

extension FunctionSpec {
    fileprivate mutating func inject(_ d: FunctionSpec) {
        handler = handler ?? d.handler.map { $0.fromDefaults }
        runtime = runtime ?? d.runtime.map { $0.fromDefaults }
        unreadKeys.formUnion(d.unreadKeys)
        timeout.layer(over: d.timeout)
        memory.layer(over: d.memory)
        deadLetterQueue.layer(over: d.deadLetterQueue)
        architecture = architecture ?? d.architecture.map { $0.fromDefaults }
        layers = layers ?? d.layers.map { $0.fromDefaults }
        vpc = vpc ?? d.vpc
        environmentKey = environmentKey ?? d.environmentKey
        logs.kmsKey = logs.kmsKey ?? d.logs.kmsKey
        tracing = tracing ?? d.tracing.map { $0.fromDefaults }
        ephemeralStorage = ephemeralStorage ?? d.ephemeralStorage.map { $0.fromDefaults }
        for field in FunctionSpec.NumberField.allCases where provenance(of: field) == .defaults {
            conditionalNumbers[field] = d.conditionalNumbers[field]
        }
        for field in FunctionSpec.ChoiceField.allCases where provenance(of: field) == .defaults {
            conditionalChoices[field] = d.conditionalChoices[field]
        }
        logs.retentionDays.layer(over: d.logs.retentionDays)
        if logs.retentionDays.provenance == .defaults { logs.conditionalRetentionDays = d.logs.conditionalRetentionDays }
        logs.format.layer(over: d.logs.format)
        if logs.provenance == .builtIn, d.logs.provenance != .builtIn {
            logs.range = d.logs.range
            logs.provenance = .defaults
        }
    }
}

extension Located {
    /// Takes `lower`'s value when this one is a built-in and `lower` is not.
    fileprivate mutating func layer(over lower: Located) {
        if provenance == .builtIn, lower.provenance != .builtIn { self = lower.fromDefaults }
    }

    fileprivate var fromDefaults: Located { Located(value, range, .defaults) }
}
