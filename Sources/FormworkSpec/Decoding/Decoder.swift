import FormworkDiagnostics
import FormworkFacts
import FormworkYAML

/// Decodes a YAML node tree into a `Spec`, reporting every independent
/// mistake it finds (unknown keys, wrong types, bad names, out-of-range
/// numbers) rather than stopping at the first.
package final class SpecDecoder {
    package private(set) var diagnostics: [Diagnostic] = []
    let file: String
    /// `Spec.unreadNames`.
    private(set) var unreadNames: [String] = []

    init(file: String) {
        self.file = file
    }

    /// Decodes `root` (a mapping, as the YAML layer guarantees). Returns nil
    /// only when the spec is too broken to have a stack at all.
    package static func decode(_ root: YAMLNode, file: String) -> (spec: Spec?, diagnostics: [Diagnostic]) {
        let decoder = SpecDecoder(file: file)
        decoder.rejectForeignTags(root)
        let spec = decoder.decodeSpec(root)
        return (spec, decoder.diagnostics)
    }

    func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }
}

// MARK: - Mappings

/// The pairs of one mapping, looked up by key after unknown keys were
/// reported, and what the mapping meant to hold but does not: so that an
/// error on a key or a value suppresses the errors that exist only because
/// of it (a missing `handler` when `handlr` was written).
struct Fields {
    let node: YAMLNode
    let what: String
    /// The pairs with scalar keys, in document order. A mapping holds a few
    /// keys and each is unique (the YAML layer rejects duplicates), so a
    /// look-up scans them: cheaper than hashing for mappings this small.
    private(set) var keyed: [(key: String, pair: YAMLPair)] = []
    /// Keys in document order.
    var order: [String] { keyed.map(\.key) }
    /// The keys not in `allowed`, in document order, each with its did-you-mean.
    private(set) var unknown: [(key: String, pair: YAMLPair, suggestion: String?)] = []
    /// The pair of each unknown key, by the allowed key it is the
    /// did-you-mean of (`handlr` → `handler`, `SQS` → `sqs`): keys the user
    /// meant to write.
    private(set) var misspelled: [String: YAMLPair] = [:]
    /// Keys written whose value did not decode, its error reported (`SpecDecoder.decode(_:in:_:)`).
    private(set) var failed: Set<String> = []

    /// The pairs of a mapping; with `allowed`, its unknown keys and what each misspells.
    init(node: YAMLNode, what: String, pairs: [YAMLPair], allowed: [String]? = nil) {
        self.node = node
        self.what = what
        for pair in pairs {
            guard let key = pair.key.scalar?.value else { continue }
            keyed.append((key, pair))
            guard let allowed, !allowed.contains(key) else { continue }
            let suggestion = Suggestions.closest(to: key, in: allowed)
            unknown.append((key, pair, suggestion))
            if let suggestion, misspelled[suggestion] == nil { misspelled[suggestion] = pair }
        }
    }

    private func pair(_ key: String) -> YAMLPair? { keyed.first { $0.key == key }?.pair }
    subscript(key: String) -> YAMLNode? { pair(key)?.value }
    func keyNode(_ key: String) -> YAMLNode? { pair(key)?.key }
    func has(_ key: String) -> Bool { pair(key) != nil }

    /// Whether the mapping writes `key`, or misspells it as an unknown key.
    func mentions(_ key: String) -> Bool { has(key) || misspelled[key] != nil }

    /// The keys the mapping misspells, or writes with a value that did not
    /// decode: the spec holds no value for them, and each one's error is
    /// reported, so no check reports them missing.
    var unread: Set<String> { failed.union(misspelled.keys.filter { !has($0) }) }

    /// Marks `key` as written with a value that did not decode.
    mutating func markFailed(_ key: String) { failed.insert(key) }
}

extension SpecDecoder {
    /// The fields of a mapping node describing `what`, with unknown keys
    /// reported (with a did-you-mean from `allowed`) and missing `required`
    /// keys reported at `owner` (the key that introduced the mapping).
    func fields(
        _ node: YAMLNode, _ what: String, allowed: [String], required: [String] = [], owner: SourceRange? = nil
    ) -> Fields? {
        guard let pairs = node.mapping else {
            report(.typeMismatch(expected: "a mapping", for: what, found: node))
            return nil
        }
        let fields = Fields(node: node, what: what, pairs: pairs, allowed: allowed)
        for (key, pair, suggestion) in fields.unknown {
            report(.unknownKey(key, in: what, at: pair.key.range, allowed: allowed, suggestion: suggestion))
        }
        // A required key written with a typo is reported once, as the unknown key.
        for key in required where !fields.mentions(key) {
            report(.missingKey(key, in: what, at: owner ?? node.range))
        }
        return fields
    }

    /// The value of `key` decoded by `decode`, nil when the key is absent.
    /// A value that reports an error while it decodes (a warning, such as
    /// an octal `010`, does not count), or decodes to nothing, marks the key failed in `fields` (see `Fields.unread`): some
    /// of what it says is missing from the spec.
    func decode<T>(_ key: String, in fields: inout Fields, _ decode: (YAMLNode) -> T?) -> T? {
        guard let node = fields[key] else { return nil }
        let before = diagnostics.count
        let value = decode(node)
        if value == nil || diagnostics[before...].contains(where: { $0.severity == .error }) { fields.markFailed(key) }
        return value
    }

    /// `decode(node)`; when that gives nothing (its error reported), the
    /// names the node's `${...}` and `when:` text mentions are kept in
    /// `Spec.unreadNames`: the part dropped may be where a parameter is used.
    func decodeKeepingNames<T>(_ node: YAMLNode, _ decode: (YAMLNode) -> T?) -> T? {
        let value = decode(node)
        if value == nil { keepNames(in: node) }
        return value
    }

    /// Keeps the names `node`'s text mentions in `Spec.unreadNames`: every
    /// root name of a `${...}` in its scalars, and of the value of a `when` key.
    func keepNames(in node: YAMLNode) {
        var ignored = DiagnosticBag()
        var stack: [(node: YAMLNode, isWhen: Bool)] = [(node, false)]
        while let (node, isWhen) = stack.popLast() {
            switch node.content {
            case .scalar(let scalar):
                let locator: SourceLocator = { _ in node.range }
                if isWhen, case .unparsed(let names, _) = Condition.unparsed(scalar.value, locator: locator) {
                    unreadNames += names
                } else if scalar.value.contains("${") {
                    let string = InterpolatedString.parse(scalar.value, locator: locator, diagnostics: &ignored)
                    unreadNames += string.references.map(\.root) + string.unparsed.flatMap(\.names)
                    unreadNames += string.expressions.flatMap(\.conditions).flatMap(\.references).map(\.root)
                }
            case .sequence(let items):
                stack += items.map { ($0, false) }
            case .mapping(let pairs):
                stack += pairs.map { ($0.value, $0.key.scalar?.value == "when") }
            }
        }
    }

    /// The items of a sequence node, or nil (reported) when it is not one.
    func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        guard let items = node.sequence else {
            report(.typeMismatch(expected: "a sequence", for: what, found: node))
            return nil
        }
        return items
    }

    /// A mapping's pairs whose keys are names (`parameters`, `resources`,
    /// `outputs`), each key checked as an identifier. A scalar key that is
    /// not a valid name (reported) still comes back, with `isValid` false:
    /// it declares a name that uses may refer to.
    func namedEntries(_ node: YAMLNode, _ what: String) -> [(name: Name, body: YAMLNode, isValid: Bool)] {
        guard let pairs = node.mapping else {
            report(.typeMismatch(expected: "a mapping", for: what, found: node))
            return []
        }
        return pairs.compactMap { pair in
            if let name = self.name(pair.key) { return (name, pair.value, true) }
            guard let text = pair.key.scalar?.value else { return nil }
            return (Name(text, pair.key.range), pair.value, false)
        }
    }
}

// MARK: - Scalars

extension SpecDecoder {
    /// A string scalar. Plain numbers are taken as their text; YAML 1.1
    /// booleans (`yes`, `off`, ...) and null are rejected, since a string was
    /// meant and the user should quote it.
    func string(_ node: YAMLNode, _ what: String) -> Located<String>? {
        if let tag = node.tag, Self.isForeign(tag) { return nil }  // reported once, by rejectForeignTags
        guard let scalar = node.scalar, let resolved = node.resolvedScalar else {
            report(.typeMismatch(expected: "a string", for: what, found: node))
            return nil
        }
        switch resolved {
        case .string, .int, .bigInt, .float:
            return Located(scalar.value, node.range)
        case .bool:
            report(.booleanForString(scalar.value, for: what, at: node.range))
            return nil
        case .null:
            report(.typeMismatch(expected: "a string", for: what, found: node))
            return nil
        }
    }

    /// A whole number in `bounds`.
    func int(_ node: YAMLNode, _ what: String, in bounds: ClosedRange<Int>) -> Located<Int>? {
        guard let resolved = node.resolvedScalar else {
            report(.typeMismatch(expected: "a whole number", for: what, found: node))
            return nil
        }
        switch resolved {
        case .int(let n):
            if let number = node.leadingZeroNumber { report(.octalNumber(number, keepsText: false, at: node.range)) }
            guard bounds.contains(n) else {
                report(.numberOutOfRange(String(n), for: what, bounds: bounds, at: node.range))
                return nil
            }
            return Located(n, node.range)
        case .bigInt(let text):
            report(.numberOutOfRange(text, for: what, bounds: bounds, at: node.range))
        case .float:
            report(.notWholeNumber(node.scalar?.value ?? "", for: what, at: node.range))
        case .string where node.leadingZeroNumber != nil:
            report(.leadingZeroString(node.leadingZeroNumber!, asError: true, at: node.range))
        case .string(let text) where text.contains("${"):
            report(interpolationInTypedField(expected: "a whole number", for: what, found: node))
        case .string(let text):
            let quotedNumber = node.scalar?.style != .plain && Int(text) != nil
            report(.typeMismatch(expected: "a whole number", for: what, found: node, unquote: quotedNumber))
        case .bool, .null:
            report(.typeMismatch(expected: "a whole number", for: what, found: node))
        }
        return nil
    }

    func bool(_ node: YAMLNode, _ what: String) -> Located<Bool>? {
        if case .bool(let b) = node.resolvedScalar { return Located(b, node.range) }
        if let text = node.scalar?.value, text.contains("${") {
            report(interpolationInTypedField(expected: "true or false", for: what, found: node))
            return nil
        }
        report(.typeMismatch(expected: "true or false", for: what, found: node))
        return nil
    }

    /// One of an enumeration's words.
    func choice<E: RawRepresentable & CaseIterable & Sendable>(
        _ node: YAMLNode, _ what: String, as type: E.Type
    ) -> Located<E>? where E.RawValue == String {
        let words = E.allCases.map(\.rawValue)
        // `none` and `off` read as null/bool in YAML 1.1; the word is what was meant.
        guard let text = node.scalar?.value, node.mapping == nil else {
            report(.typeMismatch(expected: "one of \(words.joined(separator: ", "))", for: what, found: node))
            return nil
        }
        guard let value = E(rawValue: text) else {
            if text.contains("${") {
                report(interpolationInTypedField(expected: "one of \(words.joined(separator: ", "))", for: what, found: node))
                return nil
            }
            report(.invalidChoice(text, for: what, choices: words, at: node.range))
            return nil
        }
        return Located(value, node.range)
    }

    /// A string that may hold `${...}`, parsed.
    func interpolated(_ node: YAMLNode, _ what: String) -> StringValue? {
        guard let text = string(node, what), let scalar = node.scalar else { return nil }
        var bag = DiagnosticBag()
        let map = scalar.sourceMap()
        let parsed = InterpolatedString.parse(text.value, locator: { map.range(ofValue: $0) }, diagnostics: &bag)
        diagnostics += bag.all
        return StringValue(text: text.value, interpolated: parsed, range: node.range)
    }

    /// A string scalar with the source range of each of its characters
    /// (for values checked character by character, like schedule expressions).
    func locatedText(_ node: YAMLNode, _ what: String) -> LocatedText? {
        guard let text = string(node, what), let scalar = node.scalar else { return nil }
        let count = text.value.unicodeScalars.count
        guard count <= 512 else { return LocatedText(text.value, text.range) }
        let map = scalar.sourceMap()
        let ranges = (0..<count).map { map.range(ofValue: $0..<($0 + 1)) }
        return LocatedText(text.value, text.range, scalarRanges: ranges)
    }

    /// The `when:` of a mapping. One that is not a string or does not
    /// parse, or that is written under a misspelled key (`whn:`, reported as
    /// an unknown key), is kept as `Condition.unparsed`: the user meant a
    /// condition, and a check must not take the values under it as unconditional.
    func when(in fields: Fields) -> WhenClause? {
        if let node = fields["when"] { return when(node) }
        guard let node = fields.misspelled["when"]?.value else { return nil }
        guard let scalar = node.scalar else { return WhenClause(text: "", condition: .unparsed(names: [], node.range), range: node.range) }
        let map = scalar.sourceMap()
        let condition = Condition.unparsed(scalar.value, locator: { map.range(ofValue: $0) })
        return WhenClause(text: scalar.value, condition: condition, range: node.range)
    }

    /// A `when:` condition; `Condition.unparsed` when it is not a string or does not parse (reported).
    func when(_ node: YAMLNode) -> WhenClause {
        guard let text = string(node, "when"), let scalar = node.scalar else {
            return WhenClause(text: node.scalar?.value ?? "", condition: .unparsed(names: [], node.range), range: node.range)
        }
        var bag = DiagnosticBag()
        let map = scalar.sourceMap()
        let locator: SourceLocator = { map.range(ofValue: $0) }
        let parsed = Condition.parse(text.value, locator: locator, diagnostics: &bag)
        diagnostics += bag.all
        let condition = parsed ?? Condition.unparsed(text.value, locator: locator)
        return WhenClause(text: text.value, condition: condition, range: node.range)
    }

    /// A declared name (a key under `parameters`, `resources`, `outputs`).
    func name(_ node: YAMLNode) -> Name? {
        guard let text = node.scalar?.value else {
            report(.typeMismatch(expected: "a name", for: "a key", found: node))
            return nil
        }
        guard Name.isValid(text) else {
            report(.invalidName(text, at: node.range))
            return nil
        }
        guard text != "true", text != "false" else {
            report(.error(.invalidName, "'\(text)' cannot be a name: in ${...} it is the boolean \(text)", at: node.range,
                          help: ["choose another name, such as '\(text == "true" ? "enabled" : "disabled")'"]))
            return nil
        }
        return Name(text, node.range)
    }

    /// A value that names a resource (`bucket: uploads`); resolved later.
    func reference(_ node: YAMLNode, _ what: String) -> Name? {
        guard let text = string(node, what) else { return nil }
        guard Name.isValid(text.value) else {
            report(.invalidReference(text.value, for: what, at: node.range))
            return nil
        }
        return Name(text.value, node.range)
    }
}

extension Name {
    /// `[a-z][A-Za-z0-9]*`, at most CloudFormation's logical-ID length.
    package static func isValid(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, first.isASCIILowercase, scalars.count <= CloudFormation.LogicalId.maxLength
        else { return false }
        return scalars.allSatisfy { $0.isASCIIAlphanumeric }
    }

    /// The lowerCamel form of a name that is not one (`my-bucket` → `myBucket`), when there is one.
    package static func suggestion(for text: String) -> String? {
        var out = ""
        var upperNext = false
        for scalar in text.unicodeScalars {
            let isLetter = scalar.isASCIILetter
            let isDigit = scalar.isASCIIDigit
            if isLetter || isDigit {
                if out.isEmpty {
                    guard isLetter else { continue }
                    out += String(scalar).lowercased()
                } else {
                    out += upperNext ? String(scalar).uppercased() : String(scalar)
                }
                upperNext = false
            } else {
                upperNext = true
            }
        }
        return isValid(out) && out != text ? out : nil
    }
}
