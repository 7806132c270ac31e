import FormworkDiagnostics
import FormworkFacts
import FormworkYAML

extension SpecDecoder {
    static let topLevelKeys = SpecKeys.topLevel.keys

    func decodeSpec(_ root: YAMLNode) -> Spec? {
        guard var fields = fields(root, "the spec", allowed: Self.topLevelKeys, required: SpecKeys.topLevel.required,
                                  owner: SourceRange(file: file, line: 1, column: 1))
        else { return nil }

        let version = fields["formwork"].flatMap(decodeVersion)
        let stack = fields["stack"].flatMap(decodeStackName)
        var spec = Spec(
            file: file,
            version: version ?? Located(1, root.range),
            stack: stack ?? Located("", root.range))
        spec.description = fields["description"].flatMap { string($0, "description") }
        // A section that is not a mapping is unread; one whose entries fail one by one is not.
        for key in ["parameters", "mappings", "tags", "defaults", "resources", "outputs"] where fields[key].map({ $0.mapping == nil }) == true {
            fields.markFailed(key)
        }
        if let node = fields["parameters"] { spec.parameters = decodeParameters(node) }
        if let node = fields["mappings"] { spec.mappings = decodeMappings(node) }
        if let node = fields["tags"] { spec.tags = decodeTags(node) }
        if let node = fields["defaults"] { spec.defaults = decodeDefaults(node) }
        if let node = fields["resources"] {
            spec.resources = decodeResources(node)
            if node.mapping?.isEmpty == true {
                report(.emptyResources(at: node.range))
            }
        }
        if let node = fields["outputs"] { spec.outputs = decodeOutputs(node) }
        if let node = fields["waivers"] { spec.waivers = decodeWaivers(node) }
        spec.alarms = decode("alarms", in: &fields) { decodeAlarms($0, SpecKeys.topLevelAlarms) }
        spec.unreadKeys = fields.unread
        spec.unreadNames = unreadNames
        return spec
    }

    private func decodeVersion(_ node: YAMLNode) -> Located<Int>? {
        guard case .int(1) = node.resolvedScalar else {
            report(.unsupportedVersion(node.scalar?.value ?? node.kindDescription, at: node.range))
            return nil
        }
        return Located(1, node.range)
    }

    /// `[a-z][a-z0-9-]{0,63}`.
    private func decodeStackName(_ node: YAMLNode) -> Located<String>? {
        guard let name = string(node, "stack") else { return nil }
        let scalars = Array(name.value.unicodeScalars)
        let valid = scalars.count <= 64 && scalars.first.map { $0.isASCIILowercase } == true
            && scalars.allSatisfy { $0.isASCIILowercase || $0.isASCIIDigit || $0 == "-" }
        guard valid else {
            report(.invalidStackName(name.value, at: node.range))
            return nil
        }
        return name
    }

    // MARK: parameters

    static let parameterKeys = SpecKeys.parameter.keys

    private func decodeParameters(_ node: YAMLNode) -> [Parameter] {
        namedEntries(node, "parameters").map { name, body, isValid in
            guard isValid, var fields = fields(body, "parameter '\(name.text)'", allowed: Self.parameterKeys) else {
                return .undecodable(name, range: body.range)
            }
            let written = decode("type", in: &fields) { parameterType($0) }
            var parameter = Parameter(name: name, type: written?.type ?? Located(.string, name.range), range: body.range)
            parameter.awsType = written?.awsType
            let typeName = parameter.awsType?.value ?? parameter.type.value.rawValue
            parameter.description = fields["description"].flatMap { string($0, "description") }
            parameter.optional = decode("optional", in: &fields) { bool($0, "optional") }
            if let awsType = parameter.awsType, parameter.isOptional {
                report(.optionalAWSType(awsType.value, at: fields.keyNode("optional")!.range))
                parameter.optional = nil
            }
            // Against a type that did not decode, the default cannot be checked: `string` is only a stand-in.
            if let node = fields["default"], !fields.unread.contains("type") {
                parameter.defaultValue = decodeParameterValue(node, type: parameter.defaultType)
                if parameter.isOptional {
                    report(.optionalWithDefault(name.text, at: fields.keyNode("default")!.range))
                }
            }
            // pattern and the lengths are for text (each item of a list); the bounds for a number.
            let isNumber = parameter.type.value == .number
            if let node = fields["pattern"] {
                parameter.pattern = string(node, "pattern")
                if isNumber {
                    report(.patternOnNonString(typeName, at: fields.keyNode("pattern")!.range))
                }
            }
            parameter.noEcho = decode("noEcho", in: &fields) { bool($0, "noEcho") }
            parameter.constraintDescription = fields["constraintDescription"].flatMap { string($0, "constraintDescription") }
            for key in ["minLength", "maxLength"] {
                guard fields[key] != nil else { continue }
                if isNumber { report(.constraintForType(key, typeName, appliesTo: "text", at: fields.keyNode(key)!.range)) }
                let value = decode(key, in: &fields) { int($0, key, in: CloudFormation.parameterLengthRange) }
                if key == "minLength" { parameter.minLength = value } else { parameter.maxLength = value }
            }
            for key in ["minValue", "maxValue"] {
                guard fields[key] != nil else { continue }
                if !isNumber { report(.constraintForType(key, typeName, appliesTo: "number", at: fields.keyNode(key)!.range)) }
                let value = decode(key, in: &fields) { parameterNumber($0, key) }
                if key == "minValue" { parameter.minValue = value } else { parameter.maxValue = value }
            }
            if let node = fields["allowed"], let items = sequence(node, "allowed") {
                let values = items.compactMap { string($0, "an allowed value") }
                if items.isEmpty { report(.emptyList("allowed", at: node.range)) }
                parameter.allowed = Located(values.map(\.value), node.range)
            }
            parameter.unreadKeys = fields.unread
            return parameter
        }
    }

    /// `string`, `number`, `list`, or a CloudFormation type (`ParameterTypes`).
    private func parameterType(_ node: YAMLNode) -> (type: Located<ParameterType>, awsType: Located<String>?)? {
        guard let text = string(node, "parameter type") else { return nil }
        if let type = ParameterType(rawValue: text.value) { return (Located(type, node.range), nil) }
        if ParameterTypes.isKnown(text.value) {
            let type: ParameterType = ParameterTypes.isList(text.value) ? .list : .string
            return (Located(type, node.range), text)
        }
        report(.unknownParameterType(text.value, at: node.range))
        return nil
    }

    /// A number bound: any finite number, kept as written.
    private func parameterNumber(_ node: YAMLNode, _ what: String) -> Located<ParameterNumber>? {
        switch node.resolvedScalar {
        case .int(let n):
            if let number = node.leadingZeroNumber { report(.octalNumber(number, keepsText: false, at: node.range)) }
            return Located(ParameterNumber(Double(n), text: String(n)), node.range)
        case .float(let d) where d.isFinite:
            return Located(ParameterNumber(d, text: jsonNumber(node.scalar!.value)), node.range)
        default:
            report(.typeMismatch(expected: "a number", for: what, found: node))
            return nil
        }
    }

    private func decodeParameterValue(_ node: YAMLNode, type: ParameterType) -> Located<ParameterValue>? {
        switch type {
        case .string:
            return string(node, "a string parameter's default").map { Located(.string($0.value), $0.range) }
        case .number:
            switch node.resolvedScalar {
            case .int(let n):
                if let number = node.leadingZeroNumber { report(.octalNumber(number, keepsText: false, at: node.range)) }
                return Located(.number(String(n)), node.range)
            case .float(let d) where d.isFinite: return Located(.number(node.scalar!.value), node.range)
            case .string where node.leadingZeroNumber != nil:
                report(.leadingZeroString(node.leadingZeroNumber!, asError: true, at: node.range))
                return nil
            default:
                report(.typeMismatch(expected: "a number", for: "a number parameter's default", found: node))
                return nil
            }
        case .list:
            guard let items = sequence(node, "a list parameter's default") else { return nil }
            let values = items.compactMap { string($0, "a list item") }
            return Located(.list(values.map(\.value)), node.range)
        }
    }

    // MARK: tags

    func decodeTags(_ node: YAMLNode) -> [Tag] {
        guard let pairs = node.mapping else {
            report(.typeMismatch(expected: "a mapping", for: "tags", found: node))
            return []
        }
        return pairs.compactMap { pair in
            guard let key = string(pair.key, "a tag key"), let value = interpolated(pair.value, "a tag value") else {
                return nil
            }
            return Tag(key: key, value: value)
        }
    }

    // MARK: outputs

    static let outputKeys = SpecKeys.output.keys

    private func decodeOutputs(_ node: YAMLNode) -> [Output] {
        // One with a malformed name is dropped: nothing refers to an output.
        namedEntries(node, "outputs").compactMap { name, body, isValid in
            decodeKeepingNames(body) { isValid ? decodeOutput(name, $0) : nil }
        }
    }

    private func decodeOutput(_ name: Name, _ body: YAMLNode) -> Output? {
        if body.mapping == nil {
            guard let value = interpolated(body, "an output") else { return nil }
            return Output(name: name, value: value, range: body.range)
        }
        guard let fields = fields(body, "output '\(name.text)'", allowed: Self.outputKeys, required: SpecKeys.output.required,
                                  owner: name.range),
              let value = fields["value"].flatMap(outputValue)
        else { return nil }
        var output = Output(name: name, value: value, range: body.range)
        output.export = fields["export"].flatMap { interpolated($0, "export") }
        output.description = fields["description"].flatMap { string($0, "description") }
        output.when = when(in: fields)
        return output
    }

    // MARK: defaults

    private func decodeDefaults(_ node: YAMLNode) -> Defaults {
        var defaults = Defaults()
        guard var fields = fields(node, "defaults", allowed: SpecKeys.defaults.keys) else {
            return defaults
        }
        if let body = fields["function"] {
            defaults.function = decodeFunction(body, "defaults.function", allowed: FunctionSpec.defaultableKeys, builtIns: body.range)
            // Not a mapping: none of it is read. A mapping keeps what it could not read in its own unreadKeys.
            if defaults.function == nil { fields.markFailed("function") }
        }
        if let body = fields["bucket"] {
            defaults.bucket = decodeBucket(body, "defaults.bucket", allowed: BucketSpec.defaultableKeys, builtIns: body.range)
        }
        if let body = fields["queue"] {
            defaults.queue = decodeQueue(body, "defaults.queue", allowed: QueueSpec.defaultableKeys)
        }
        if let body = fields["api"] {
            defaults.api = decodeAPI(body, "defaults.api", allowed: APISpec.defaultableKeys, builtIns: body.range)
            if defaults.api == nil { fields.markFailed("api") }
        }
        defaults.unreadKeys = fields.unread
        return defaults
    }

    // MARK: tags the language does not take

    /// The YAML text of the interpolation a CloudFormation short form
    /// means (`!Ref AWS::Region` → `'${aws.region}'`, `!GetAtt topic.Arn` →
    /// `'${topic.Arn}'`, `!Sub` of a string → that string in Formwork's
    /// syntax), nil when its text does not allow one (a list form, a
    /// pseudo parameter Formwork has no name for, a value on several lines).
    static func interpolation(forShortForm tag: String, _ node: YAMLNode) -> String? {
        guard let scalar = node.scalar, scalar.style != .literal, scalar.style != .folded else { return nil }
        let value = scalar.value
        let text: String
        switch tag {
        case "!Ref":
            if value.hasPrefix("AWS::") {
                guard let pseudo = CloudFormation.formworkPseudoParameter(value) else { return nil }
                text = "${\(pseudo)}"
            } else {
                guard isReferenceText(value) else { return nil }
                text = "${\(value)}"
            }
        case "!GetAtt":
            guard isReferenceText(value), value.contains(".") else { return nil }
            text = "${\(value)}"
        case "!Sub":
            guard let converted = formworkSub(value) else { return nil }
            text = converted
        default:
            return nil
        }
        guard text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return nil }
        if scalar.style == .doubleQuoted, !text.contains("\""), !text.contains("\\") { return "\"\(text)\"" }
        return "'" + text.replacingAll("'", with: "''") + "'"
    }

    /// `name` or `name.attribute` (letters, digits and dots).
    private static func isReferenceText(_ text: String) -> Bool {
        !text.isEmpty && text.first != "." && text.last != "." && !text.contains("..")
            && text.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "." }
    }

    /// A `Fn::Sub` string in Formwork's syntax: `${AWS::Region}` becomes
    /// `${aws.region}` and `${!Literal}` becomes `$${Literal}`; nil when it
    /// names a pseudo parameter Formwork has no name for, or a `${` is never closed.
    private static func formworkSub(_ text: String) -> String? {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "${") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else { return nil }
            let inner = afterOpen[..<close]
            if inner.hasPrefix("!") {
                out += "$${" + inner.dropFirst() + "}"
            } else if inner.hasPrefix("AWS::") {
                guard let pseudo = CloudFormation.formworkPseudoParameter(String(inner)) else { return nil }
                out += "${" + pseudo + "}"
            } else {
                out += "${" + inner + "}"
            }
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        return out + rest
    }

    static func isForeign(_ tag: String) -> Bool {
        !tag.hasPrefix("tag:yaml.org,2002:") && tag != "!"
    }

    /// CloudFormation short forms (`!Ref`, `!Sub`, ...) and other local tags
    /// have no meaning here: every one is reported once, at its node (not
    /// again in an alias's copy of it). Only the subtrees with a tag are walked.
    func rejectForeignTags(_ root: YAMLNode) {
        var seen: Set<ObjectIdentifier> = []
        func walk(_ node: YAMLNode) {
            guard node.hasTags, seen.insert(node.identity).inserted else { return }
            if let tag = node.tag, Self.isForeign(tag) {
                report(.unsupportedTag(tag, at: node.range, replacement: Self.interpolation(forShortForm: tag, node)))
            }
            switch node.content {
            case .scalar: break
            case .sequence(let items): items.forEach(walk)
            case .mapping(let pairs):
                for pair in pairs {
                    walk(pair.key)
                    walk(pair.value)
                }
            }
        }
        walk(root)
    }
}
