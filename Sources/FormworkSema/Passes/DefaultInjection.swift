import FormworkDiagnostics
import FormworkSpec

/// Default injection: every defaultable field of every resource is filled,
/// in three layers — the resource's own value, then `defaults.<kind>`, then
/// the built-in default (`BuiltInDefaults`). An injected value keeps the
/// range of the `defaults:` entry it came from, or of the resource's name
/// for a built-in, so what it generates still points at a spec line.
/// Required fields that no layer supplies (a function's handler and
/// runtime) are errors here.
package enum DefaultInjection {
    package static func run(_ spec: inout Spec) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let defaults = spec.defaults
        for index in spec.resources.indices {
            let name = spec.resources[index].name
            switch spec.resources[index].body {
            case .function(var function):
                inject(&function, from: defaults.function, builtIn: name.range)
                if function.handler == nil { diagnostics.append(.missingFunctionField("handler", name, example: "index.handler")) }
                if function.runtime == nil { diagnostics.append(.missingFunctionField("runtime", name, example: "nodejs22.x")) }
                spec.resources[index].body = .function(function)
            case .bucket(var bucket):
                let d = defaults.bucket
                bucket.versioning = bucket.versioning ?? d?.versioning ?? Located(BuiltInDefaults.bucketVersioning, name.range)
                bucket.publicAccess = bucket.publicAccess ?? d?.publicAccess ?? Located(BuiltInDefaults.bucketPublicAccess, name.range)
                bucket.encryption = bucket.encryption ?? d?.encryption ?? Located(BuiltInDefaults.bucketEncryption, name.range)
                spec.resources[index].body = .bucket(bucket)
            case .queue(var queue):
                queue.retentionDays = queue.retentionDays ?? defaults.queue?.retentionDays
                queue.visibilityTimeout = queue.visibilityTimeout ?? defaults.queue?.visibilityTimeout
                spec.resources[index].body = .queue(queue)
            case .api(var api):
                api.cors = api.cors ?? defaults.api?.cors
                if api.auth == nil, let auth = defaults.api?.auth { api.auth = auth }
                if api.auth == nil {
                    diagnostics.append(.implicitAuthNone(name))
                    api.auth = Located(.none, name.range)
                }
                spec.resources[index].body = .api(api)
            case .raw:
                break
            }
        }
        return diagnostics
    }

    private static func inject(_ function: inout FunctionSpec, from d: FunctionSpec?, builtIn range: SourceRange) {
        function.handler = function.handler ?? d?.handler
        function.runtime = function.runtime ?? d?.runtime
        function.timeout = function.timeout ?? d?.timeout ?? Located(BuiltInDefaults.functionTimeout, range)
        function.memory = function.memory ?? d?.memory ?? Located(BuiltInDefaults.functionMemory, range)
        function.deadLetterQueue = function.deadLetterQueue ?? d?.deadLetterQueue
            ?? Located(BuiltInDefaults.functionDeadLetterQueue, range)
        let own = function.logs
        let logsRange = own?.range ?? d?.logs?.range ?? range
        function.logs = LogSettings(
            retentionDays: own?.retentionDays ?? d?.logs?.retentionDays ?? Located(BuiltInDefaults.logRetentionDays, range),
            format: own?.format ?? d?.logs?.format ?? Located(BuiltInDefaults.logFormat, range),
            range: logsRange)
    }
}

extension DiagnosticCode {
    package static let missingRequiredSetting = DiagnosticCode("FW4001", .specChecks, "a required setting has no value, even from defaults")
    package static let implicitAuthNone = DiagnosticCode("FW4002", .specChecks, "an API leaves auth unstated, so it is open to anyone")
}

extension Diagnostic {
    static func missingFunctionField(_ field: String, _ name: Name, example: String) -> Diagnostic {
        .error(.missingRequiredSetting, "function '\(name.text)' needs '\(field)'", at: name.range,
               help: ["add '\(field): \(example)' to it, or to defaults.function"])
    }

    static func implicitAuthNone(_ name: Name) -> Diagnostic {
        .warning(.implicitAuthNone, "api '\(name.text)' does not say 'auth', so anyone can call it", at: name.range,
                 help: ["write 'auth: none' to make an open API explicit, or 'auth: iam' to require signed requests"])
    }
}
