import FormworkDiagnostics
import FormworkFacts
import FormworkYAML

extension SpecDecoder {
    /// Keys every resource may have, whatever its kind.
    static let commonResourceKeys = SpecKeys.commonResource
    static let kinds = ResourceKind.components.map(\.rawValue)
    static let rawResourceKeys = SpecKeys.rawResource.keys

    /// Every resource, one whose declaration does not decode included, as `ResourceBody.undecodable`.
    ///
    /// The count is checked before any resource is decoded: past CloudFormation's
    /// quota, a resource is only named (as `.undecodable`, its body unread), so a
    /// spec with thousands of resources costs little more than one at the quota.
    /// The `DeclaredQuotas` rule rejects it, at the first name over the quota,
    /// and no other rule runs.
    func decodeResources(_ node: YAMLNode) -> [ResourceDecl] {
        namedEntries(node, "resources").enumerated().map { index, entry in
            let (name, body, isValid) = entry
            let resource = index < CloudFormation.Quotas.resources
                ? decodeKeepingNames(body) { isValid ? decodeResource(name, $0) : nil } : nil
            return resource ?? ResourceDecl(name: name, range: body.range, body: .undecodable)
        }
    }

    private func decodeResource(_ name: Name, _ body: YAMLNode) -> ResourceDecl? {
        guard let pairs = body.mapping else {
            report(.typeMismatch(expected: "a mapping", for: "resource '\(name.text)'", found: body))
            return nil
        }
        // `kind:` or `type:` says which keys the rest may have.
        func value(_ key: String) -> YAMLPair? { pairs.first { $0.key.scalar?.value == key } }
        let what = "resource '\(name.text)'"
        let resourceBody: ResourceBody?
        let keys: [String]
        switch (value("kind")?.value, value("type")?.value) {
        case (nil, nil):
            report(.missingKindOrType(name.text, at: name.range))
            return nil
        case (.some, .some):
            report(.kindAndType(name.text, at: value("type")!.key.range))
            return nil
        case (let kindNode?, nil):
            guard let text = string(kindNode, "kind") else { return nil }
            guard let kind = ResourceKind(rawValue: text.value), ResourceKind.components.contains(kind) else {
                report(.unknownKind(text.value, at: kindNode.range, kinds: Self.kinds))
                return nil
            }
            switch kind {
            case .bucket:
                keys = Self.commonResourceKeys + SpecKeys.component + BucketSpec.keys
                resourceBody = decodeBucket(body, what, allowed: keys, builtIns: name.range).map(ResourceBody.bucket)
            case .function:
                keys = Self.commonResourceKeys + SpecKeys.component + FunctionSpec.keys
                resourceBody = decodeFunction(body, what, allowed: keys, owner: name.range, builtIns: name.range)
                    .map(ResourceBody.function)
            case .queue:
                keys = Self.commonResourceKeys + SpecKeys.component + QueueSpec.keys
                resourceBody = decodeQueue(body, what, allowed: keys).map(ResourceBody.queue)
            case .api:
                keys = Self.commonResourceKeys + SpecKeys.component + APISpec.keys
                resourceBody = decodeAPI(body, what, allowed: keys, owner: name.range, builtIns: name.range).map(ResourceBody.api)
            case .raw:
                return nil  // not a component: refused above
            }
        case (nil, let typeNode?):
            keys = Self.rawResourceKeys
            resourceBody = decodeRaw(body, typeNode, what).map(ResourceBody.raw)
        }
        guard let resourceBody else { return nil }

        // The keys every kind has, read once the kind's keys are known (its decoder reported the unknown ones).
        let common = Fields(node: body, what: what, pairs: pairs, allowed: keys)
        var resource = ResourceDecl(name: name, range: body.range, body: resourceBody)
        resource.when = when(in: common)
        resource.retain = common["retain"].flatMap(retention)
        if let node = common["tags"] { resource.tags = decodeTags(node) }
        if let node = common["waivers"] { resource.waivers = decodeWaivers(node) }
        // A raw resource writes its properties itself: `overrides:` there is an unknown key, reported above.
        if resourceBody.kind != .raw, let node = common["overrides"] { resource.overrides = decodeOverrides(node) }
        if let node = common["dependsOn"] {
            // One name or a list of names.
            let items = node.sequence ?? [node]
            resource.dependsOn = items.compactMap { reference($0, "dependsOn") }
        }
        return resource
    }

    /// `retain: true`, `false` or `snapshot`.
    private func retention(_ node: YAMLNode) -> Located<Retention>? {
        if case .bool(let b) = node.resolvedScalar { return Located(b ? .retain : .delete, node.range) }
        if case .string("snapshot")? = node.resolvedScalar { return Located(.snapshot, node.range) }
        if case .string(let text)? = node.resolvedScalar {
            report(.invalidChoice(text, for: "retain", choices: ["true", "false", "snapshot"], at: node.range))
        } else {
            report(.typeMismatch(expected: "true, false or snapshot", for: "retain", found: node))
        }
        return nil
    }

    // MARK: waivers

    /// `waivers:` — a list of `{rule, reason}`, both strings, both required.
    func decodeWaivers(_ node: YAMLNode) -> [Waiver] {
        guard let items = sequence(node, "waivers") else { return [] }
        return items.compactMap { item in
            guard let fields = fields(item, "a waiver", allowed: SpecKeys.waiver.keys, required: SpecKeys.waiver.required)
            else { return nil }
            guard let rule = fields["rule"].flatMap({ string($0, "a waiver's rule") }) else { return nil }
            let reason = fields["reason"].flatMap { string($0, "a waiver's reason") }
            if fields.has("reason"), reason == nil { return nil }  // its error reported
            let resource = fields["resource"].flatMap { string($0, "a waiver's resource") }
            if fields.has("resource"), resource == nil { return nil }
            return Waiver(rule: rule, reason: reason, resource: resource, range: item.range)
        }
    }

    // MARK: overrides

    /// `overrides:` — role → property path → a raw value, or `null` to remove the property.
    private func decodeOverrides(_ node: YAMLNode) -> [Override] {
        guard let roles = node.mapping else {
            report(.typeMismatch(expected: "a mapping of roles", for: "overrides", found: node))
            return []
        }
        var overrides: [Override] = []
        for rolePair in roles {
            guard let role = string(rolePair.key, "an override's role") else { continue }
            guard let entries = rolePair.value.mapping else {
                report(.typeMismatch(expected: "a mapping of property paths", for: "overrides.\(role.value)", found: rolePair.value))
                continue
            }
            for entry in entries {
                guard let path = string(entry.key, "a property path") else { continue }
                let keys = path.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                guard keys.allSatisfy({ !$0.isEmpty }) else {
                    report(.malformedOverridePath(path.value, at: entry.key.range))
                    continue
                }
                let value: RawValue?
                if case .null? = entry.value.resolvedScalar {
                    value = nil
                } else {
                    guard let written = rawValue(entry.value) else { continue }
                    value = written
                }
                let range = SourceRange(file: file, start: entry.key.range.start, end: entry.value.range.end)
                overrides.append(Override(role: role, path: keys, pathText: path, value: value, range: range))
            }
        }
        return overrides
    }

    // MARK: raw

    private func decodeRaw(_ body: YAMLNode, _ typeNode: YAMLNode, _ what: String) -> RawResourceSpec? {
        guard let fields = fields(body, what, allowed: Self.rawResourceKeys),
              let type = string(typeNode, "type")
        else { return nil }
        guard RawResourceSpec.isValidTypeName(type.value) else {
            report(.invalidTypeName(type.value, at: typeNode.range))
            return nil
        }
        var raw = RawResourceSpec(type: type)
        raw.properties = rawMapping(fields["properties"], "properties")
        // An attribute stands where its key is written: what is wrong with the whole of it is reported there.
        func attribute(_ key: String) -> RawValue? {
            guard case .object(let members, let range)? = rawMapping(fields[key], key), let keyNode = fields.keyNode(key) else { return nil }
            return .object(members, SourceRange(file: range.file, start: keyNode.range.start, end: range.end))
        }
        raw.metadata = attribute("metadata")
        raw.creationPolicy = attribute("creationPolicy")
        raw.updatePolicy = attribute("updatePolicy")
        return raw
    }

    /// A raw value that must be a mapping (`properties:`, `metadata:`, a policy).
    private func rawMapping(_ node: YAMLNode?, _ what: String) -> RawValue? {
        guard let node else { return nil }
        guard node.mapping != nil else {
            report(.typeMismatch(expected: "a mapping", for: what, found: node))
            return nil
        }
        let value = rawValue(node)
        if case .conditional(let when, _, _, _)? = value {
            report(.conditionalProperties(what, at: when.range))
            return nil
        }
        return value
    }

    /// A property tree, JSON-shaped, strings interpolated.
    func rawValue(_ node: YAMLNode) -> RawValue? {
        switch node.content {
        case .mapping(let pairs) where pairs.contains(where: { $0.key.scalar?.value == "if" }):
            return conditionalValue(node)
        case .mapping(let pairs):
            let members = pairs.compactMap { pair -> (key: Located<String>, value: RawValue)? in
                guard let key = string(pair.key, "a property name"), let value = rawValue(pair.value) else { return nil }
                return (key, value)
            }
            return .object(members, node.range)
        case .sequence(let items):
            return .array(items.compactMap(rawValue), node.range)
        case .scalar(let scalar):
            switch node.resolvedScalar {
            case .null: return .null(node.range)
            case .bool(let b): return .bool(b, node.range)
            case .int(let n):
                if let number = node.leadingZeroNumber { report(.octalNumber(number, keepsText: true, at: node.range)) }
                return .number(String(n), node.range)
            case .float(let d) where d.isFinite: return .number(jsonNumber(scalar.value), node.range)
            case .float, .bigInt:
                report(.notJSONNumber(scalar.value, at: node.range))
                return nil
            case .string, nil:
                if let number = node.leadingZeroNumber { report(.leadingZeroString(number, asError: false, at: node.range)) }
                return interpolated(node, "a property value").map(RawValue.string)
            }
        }
    }

    /// YAML float text as JSON number text (`1e3` → `1e3`, `.5` → `0.5`, `+1.0` → `1.0`).
    func jsonNumber(_ text: String) -> String {
        var t = text.replacingAll("_", with: "")
        if t.hasPrefix("+") { t.removeFirst() }
        if t.hasPrefix(".") { t = "0" + t }
        if t.hasPrefix("-.") { t = "-0" + t.dropFirst() }
        if t.hasSuffix(".") { t += "0" }
        t = t.replacingAll(".e", with: ".0e").replacingAll(".E", with: ".0E")
        return t
    }
}

extension String {
    package func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}

extension RawResourceSpec {
    /// `AWS::Service::Resource`, `Alexa::ASK::Skill`, `Custom::Name`,
    /// three-part third-party types, and modules (`Org::Service::Name::MODULE`);
    /// each part alphanumeric.
    static func isValidTypeName(_ text: String) -> Bool {
        // The parts between `::`s, on the UTF-8 bytes (each allowed character is one byte).
        var parts: [Substring.UTF8View] = []
        let bytes = text.utf8
        var start = bytes.startIndex, index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") {
                let next = bytes.index(after: index)
                guard next != bytes.endIndex, bytes[next] == UInt8(ascii: ":") else { return false }
                parts.append(text[start..<index].utf8)
                index = bytes.index(after: next)
                start = index
                continue
            }
            guard (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            else { return false }
            index = bytes.index(after: index)
        }
        parts.append(text[start...].utf8)
        guard parts.allSatisfy({ !$0.isEmpty }) else { return false }
        if parts.first!.elementsEqual("Custom".utf8) { return parts.count == 2 }
        if parts.last!.elementsEqual("MODULE".utf8) { return parts.count == 4 }
        return parts.count == 3
    }
}
