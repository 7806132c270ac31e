import FormworkDiagnostics
import FormworkFacts
import FormworkYAML

/// `mappings:` (docs/language.md, "Mappings"): lookup tables, each a
/// mapping of top-level keys to mappings of names to values. Keys and
/// values are checked as CloudFormation (and cfn-lint's schema of the
/// section) takes them, each error at its own node.
extension SpecDecoder {
    func decodeMappings(_ node: YAMLNode) -> [Mapping] {
        let entries = namedEntries(node, "mappings")
        if entries.count > CloudFormation.Quotas.mappings, let pairs = node.mapping {
            let first = pairs[CloudFormation.Quotas.mappings].key.range
            report(.tooManyMappingEntries(entries.count, "mappings in a template", limit: CloudFormation.Quotas.mappings, at: first))
        }
        return entries.compactMap { name, body, isValid in
            guard isValid else { return nil }
            guard let pairs = body.mapping else {
                report(.typeMismatch(expected: "a mapping of keys to named values", for: "mapping '\(name.text)'", found: body))
                return nil
            }
            if pairs.isEmpty { report(.emptyMapping("mapping '\(name.text)'", at: body.range)) }
            checkCount(pairs, "top-level keys in mapping '\(name.text)'")
            let entries = pairs.compactMap { pair in decodeMappingEntry(pair, in: name.text) }
            return Mapping(name: name, entries: entries, range: body.range)
        }
    }

    private func checkCount(_ pairs: [YAMLPair], _ what: String) {
        let limit = CloudFormation.Quotas.mappingAttributes
        if pairs.count > limit { report(.tooManyMappingEntries(pairs.count, what, limit: limit, at: pairs[limit].key.range)) }
    }

    private func decodeMappingEntry(_ pair: YAMLPair, in mapping: String) -> MappingEntry? {
        guard let key = mappingKey(pair.key, topLevel: true) else { return nil }
        guard let pairs = pair.value.mapping else {
            report(.typeMismatch(expected: "a mapping of names to values", for: "key '\(key.value)' of mapping '\(mapping)'",
                                 found: pair.value))
            return nil
        }
        if pairs.isEmpty { report(.emptyMapping("key '\(key.value)' of mapping '\(mapping)'", at: pair.value.range)) }
        checkCount(pairs, "names under key '\(key.value)' of mapping '\(mapping)'")
        let values = pairs.compactMap { pair -> (key: Located<String>, value: Located<MappingValue>)? in
            guard let name = mappingKey(pair.key, topLevel: false), let value = mappingValue(pair.value) else { return nil }
            return (name, value)
        }
        return MappingEntry(key: key, values: values, range: pair.value.range)
    }

    /// A key as written; top-level keys `[A-Za-z0-9.-]`, second-level ones `[A-Za-z0-9]`, 1–255 characters.
    private func mappingKey(_ node: YAMLNode, topLevel: Bool) -> Located<String>? {
        guard let text = node.scalar?.value else { return nil }  // the YAML layer rejects non-scalar keys
        let valid = topLevel ? CloudFormation.MappingKeys.isValidTopLevel(text) : CloudFormation.MappingKeys.isValidSecondLevel(text)
        guard valid, text.unicodeScalars.count <= CloudFormation.Quotas.mappingKeyLength else {
            report(.invalidMappingKey(text, topLevel: topLevel, at: node.range))
            return nil
        }
        return Located(text, node.range)
    }

    /// A string, a number, a boolean, or a list of strings; never `${...}`.
    private func mappingValue(_ node: YAMLNode) -> Located<MappingValue>? {
        switch node.content {
        case .scalar(let scalar):
            let value: MappingValue
            switch node.resolvedScalar {
            case .bool(let b): value = .bool(b)
            case .int, .bigInt, .float: value = .number(scalar.value)
            case .null, nil:
                report(.typeMismatch(expected: "a string, a number, a boolean or a list of strings", for: "a mapping value", found: node))
                return nil
            case .string:
                guard !hasInterpolation(scalar.value, node) else { return nil }
                value = .string(scalar.value)
            }
            return Located(value, node.range)
        case .sequence(let items):
            let strings = items.compactMap { item -> String? in
                guard let text = string(item, "a mapping list item") else { return nil }
                return hasInterpolation(text.value, item) ? nil : text.value
            }
            guard strings.count == items.count else { return nil }
            return Located(.list(strings), node.range)
        case .mapping:
            report(.typeMismatch(expected: "a string, a number, a boolean or a list of strings", for: "a mapping value", found: node))
            return nil
        }
    }

    /// A mapping value is literal: CloudFormation reads no function in the section.
    private func hasInterpolation(_ text: String, _ node: YAMLNode) -> Bool {
        guard text.contains("${") else { return false }
        report(.interpolationInMapping(at: node.range))
        return true
    }
}

extension DiagnosticCode {
    package static let invalidMappingKey = DiagnosticCode(
        "FW2040", .decoding, "a mapping key with characters CloudFormation does not take",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"CloudFormation template Mappings syntax\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html"))
    package static let emptyMapping = DiagnosticCode("FW2041", .decoding, "an empty mapping or mapping key")
    package static let tooManyMappingEntries = DiagnosticCode(
        "FW2042", .decoding, "more mappings, or keys in one, than CloudFormation takes",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Understand CloudFormation quotas\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"))
    package static let interpolationInMapping = DiagnosticCode("FW2043", .decoding, "${...} in a mapping value")

    package static let allMappingDecodingCodes: [DiagnosticCode] = [
        .invalidMappingKey, .emptyMapping, .tooManyMappingEntries, .interpolationInMapping, .conditionalProperties,
        .numberFieldValue, .numberFieldBranch, .choiceFieldValue, .choiceFieldBranch, .boolFieldValue, .boolFieldBranch,
    ]
}

extension Diagnostic {
    static func invalidMappingKey(_ key: String, topLevel: Bool, at range: SourceRange) -> Diagnostic {
        let rule = topLevel ? "letters, digits, '.' and '-'" : "letters and digits"
        return .error(.invalidMappingKey,
                      "mapping key \(quoted(key)) is not 1–255 \(rule); CloudFormation takes only those in \(topLevel ? "a top-level" : "a second-level") key",
                      at: range)
    }

    static func emptyMapping(_ what: String, at range: SourceRange) -> Diagnostic {
        .error(.emptyMapping, "\(what) is empty; CloudFormation needs at least one entry", at: range)
    }

    static func tooManyMappingEntries(_ count: Int, _ what: String, limit: Int, at range: SourceRange) -> Diagnostic {
        .error(.tooManyMappingEntries, "\(count) \(what); CloudFormation takes at most \(limit)", at: range)
    }

    static func interpolationInMapping(at range: SourceRange) -> Diagnostic {
        .error(.interpolationInMapping, "a mapping value is literal text; CloudFormation reads no ${...} in mappings",
               at: range, help: ["write the value out, or give the property a conditional value: ${env == 'prod' ? 'a' : 'b'}"])
    }
}
