/// Walks of the AST that several passes need.
extension Spec {
    /// Every interpolated string in the spec, in document order of its owner.
    package var allStrings: [StringValue] {
        var out: [StringValue] = []
        out += tags.map(\.value)
        for resource in resources {
            out += resource.tags.map(\.value)
            out += resource.body.strings
        }
        for output in outputs {
            out.append(output.value)
            if let export = output.export { out.append(export) }
        }
        return out
    }

    /// Every `when:` in the spec.
    package var allWhenClauses: [WhenClause] {
        var out: [WhenClause] = []
        for resource in resources {
            if let when = resource.when { out.append(when) }
            if case .function(let function) = resource.body {
                out += function.environment.compactMap(\.when)
                out += function.triggers.compactMap(\.when)
                out += function.invokers.compactMap(\.when)
            }
        }
        out += outputs.compactMap(\.when)
        return out
    }
}

/// A resource name written as a plain value (`bucket: uploads`), and the kinds it may name.
package struct NameUse: Sendable {
    package var name: Name
    /// The kinds it may name (`ResourceBody.kindName`); empty means any.
    package var kinds: [String]
    /// What it is, for messages ("an s3 trigger's bucket").
    package var role: String
}

extension ResourceDecl {
    /// The resource names this resource writes as plain values.
    package var nameUses: [NameUse] {
        var out = dependsOn.map { NameUse(name: $0, kinds: [], role: "dependsOn") }
        switch body {
        case .queue(let queue):
            if let dlq = queue.deadLetter { out.append(NameUse(name: dlq.queue, kinds: ["queue"], role: "a dead-letter queue")) }
        case .function(let function):
            for trigger in function.triggers {
                switch trigger.source {
                case .s3(let bucket, _, _, _): out.append(NameUse(name: bucket, kinds: ["bucket"], role: "an s3 trigger's bucket"))
                case .sqs(let queue, _): out.append(NameUse(name: queue, kinds: ["queue"], role: "an sqs trigger's queue"))
                case .schedule: break
                }
            }
            for permission in function.permissions {
                let kinds = switch permission.verb.value {
                case .read, .write, .readWrite: ["bucket"]
                case .sendMessage, .consume: ["queue"]
                }
                out.append(NameUse(name: permission.target, kinds: kinds, role: "a '\(permission.verb.value.rawValue)' permission"))
            }
        case .api(let api):
            for route in api.routes?.value ?? [] {
                if case .function(let name) = route.target {
                    out.append(NameUse(name: name, kinds: ["function"], role: "a route's function"))
                }
            }
        case .bucket, .raw: break
        }
        return out
    }
}

extension ResourceBody {
    /// The interpolated strings inside a resource's own fields.
    package var strings: [StringValue] {
        switch self {
        case .bucket(let bucket):
            var out = bucket.name.map { [$0] } ?? []
            out += (bucket.lifecycle?.value ?? []).compactMap(\.prefix)
            return out
        case .function(let function):
            var out: [StringValue] = function.environment.map(\.value)
            if case .s3(let bucket, let key, _) = function.code { out += [bucket, key] }
            for trigger in function.triggers {
                if case .s3(_, _, let prefix, let suffix) = trigger.source { out += [prefix, suffix].compactMap { $0 } }
            }
            out += function.invokers.map(\.s3Bucket)
            return out
        case .queue:
            return []
        case .api(let api):
            return [api.stage, api.cors?.allowOrigin].compactMap { $0 }
        case .raw(let raw):
            var out: [StringValue] = []
            var stack = raw.properties.map { [$0] } ?? []
            while let value = stack.popLast() {
                switch value {
                case .string(let s): out.append(s)
                case .array(let items, _): stack += items.reversed()
                case .object(let members, _): stack += members.map(\.value).reversed()
                case .number, .bool, .null: break
                }
            }
            return out
        }
    }
}
