import FormworkDiagnostics
import FormworkFacts
import FormworkYAML

extension LifecycleRule {
    /// The keys that are actions: a rule needs at least one.
    package static let actionKeys = SpecKeys.lifecycleActions
}

extension BucketSpec {
    static let keys = SpecKeys.bucket
    package static let defaultableKeys = ["versioning", "publicAccess", "encryption"]
}

extension SpecDecoder {
    /// Built-in defaults are located at `builtIns` (the resource's name).
    func decodeBucket(_ node: YAMLNode, _ what: String, allowed: [String], builtIns: SourceRange) -> BucketSpec? {
        guard let fields = fields(node, what, allowed: allowed) else { return nil }
        var bucket = BucketSpec(builtInsAt: builtIns)
        bucket.name = fields["name"].flatMap { interpolated($0, "a bucket name") }
        if let (versioning, conditional) = fields["versioning"].flatMap({ conditionalBool($0, "versioning") }) {
            bucket.versioning = versioning
            bucket.conditionalVersioning = conditional
        }
        if let access = fields["publicAccess"].flatMap({ choice($0, "publicAccess", as: PublicAccess.self) }) {
            bucket.publicAccess = access
        }
        if let encryption = fields["encryption"].flatMap({ choice($0, "encryption", as: BucketEncryption.self) }) {
            bucket.encryption = encryption
        }
        bucket.accessLogs = fields["accessLogs"].flatMap { reference($0, "accessLogs") }
        if let node = fields["lifecycle"], let items = sequence(node, "lifecycle") {
            bucket.lifecycle = Located(items.compactMap { decodeKeepingNames($0, decodeLifecycleRule) }, node.range)
        }
        return bucket
    }

    static let lifecycleRuleKeys = SpecKeys.lifecycleRule.keys

    private func decodeLifecycleRule(_ node: YAMLNode) -> LifecycleRule? {
        guard var fields = fields(node, "a lifecycle rule", allowed: SpecKeys.lifecycleRule.keys, required: SpecKeys.lifecycleRule.required) else {
            return nil
        }
        var rule = LifecycleRule(range: node.range)
        rule.id = fields["id"].flatMap { string($0, "a lifecycle rule id") }
        rule.prefix = fields["prefix"].flatMap { interpolated($0, "a lifecycle prefix") }
        // Actions through `decode`, so one that does not decode is known to have been written.
        func transitions(_ key: String) -> [Transition] {
            decode(key, in: &fields) { node in sequence(node, key).map { $0.compactMap(decodeTransition) } } ?? []
        }
        rule.transitions = transitions("transitions")
        rule.noncurrentTransitions = transitions("noncurrentTransitions")
        rule.expiration = decode("expiration", in: &fields) { days($0, "expiration") }
        rule.noncurrentExpiration = decode("noncurrentExpiration", in: &fields) { days($0, "noncurrentExpiration") }
        rule.abortIncompleteUploads = decode("abortIncompleteUploads", in: &fields) { days($0, "abortIncompleteUploads") }
        rule.unreadKeys = fields.unread
        return rule
    }

    private func decodeTransition(_ node: YAMLNode) -> Transition? {
        guard let fields = fields(node, "a transition", allowed: SpecKeys.transition.keys, required: SpecKeys.transition.required),
              let days = fields["days"].flatMap({ int($0, "days", in: 0...S3.maxLifecycleDays) }),
              let storageClass = fields["storageClass"].flatMap({ string($0, "storageClass") })
        else { return nil }
        return Transition(days: days, storageClass: storageClass, range: node.range)
    }

    /// `{ days: N }`.
    private func days(_ node: YAMLNode, _ what: String) -> Located<Int>? {
        guard let fields = fields(node, what, allowed: SpecKeys.days.keys, required: SpecKeys.days.required) else { return nil }
        return fields["days"].flatMap { int($0, "days", in: 1...S3.maxLifecycleDays) }
    }
}
