import FormworkDiagnostics
import FormworkYAML

/// The mapping form of a conditional value, for a raw resource's property
/// of any JSON type (docs/language.md, "Conditional values").
extension SpecDecoder {
    /// `{if: <condition>, then: <value>, else: <value>}`. A mapping with an
    /// `if` key is always this form: CloudFormation's property names are
    /// PascalCase, so no property is called `if`.
    func conditionalValue(_ node: YAMLNode) -> RawValue? {
        guard let fields = fields(node, "a conditional value", allowed: SpecKeys.conditionalValue.keys,
                                  required: SpecKeys.conditionalValue.required),
              let condition = fields["if"].map(when), let then = fields["then"].flatMap(rawValue)
        else { return nil }
        let otherwise = fields["else"].flatMap(rawValue)
        if fields.has("else"), otherwise == nil { return nil }
        return .conditional(condition, then: then, else: otherwise, node.range)
    }

}

extension DiagnosticCode {
    package static let conditionalProperties = DiagnosticCode(
        "FW2044", .decoding, "a raw resource's whole properties written as a conditional value")
}

extension SpecDecoder {
    /// `memory: "${env == 'prod' ? 1024 : 256}"`: a typed field takes no
    /// `${...}`. The names in it count as used, so the parameter is not
    /// also reported unused.
    func interpolationInTypedField(expected: String, for what: String, found node: YAMLNode) -> Diagnostic {
        keepNames(in: node)
        return .error(.typeMismatch, "expected \(expected) for \(what), found \(node.kindDescription); a field of this type takes no ${...}",
                      at: node.range,
                      help: ["conditional values and references reach strings only: write the value out, or write the resource as a raw 'type:' whose property takes one"])
    }
}

extension SpecDecoder {
    /// A number field of a function (`memory`, `timeout`, ...): a whole
    /// number in `bounds`, or a string that is exactly one conditional value
    /// whose branches are such numbers (`"${env == 'prod' ? 1024 : 256}"`),
    /// each checked at its own column. `check` reports a number that is in
    /// `bounds` but still wrong (false: rejected). The field's number is the
    /// largest branch, for what needs one (docs/language.md, "Conditional
    /// values"); the string comes back to be emitted as `Fn::If`.
    func conditionalInt(_ node: YAMLNode, _ what: String, in bounds: ClosedRange<Int>,
                        check: (Located<Int>) -> Bool = { _ in true }) -> (number: Located<Int>, conditional: StringValue?)? {
        guard case .string(let text) = node.resolvedScalar, text.contains("${"), node.leadingZeroNumber == nil else {
            guard let number = int(node, what, in: bounds), check(number) else { return nil }
            return (number, nil)
        }
        guard let string = interpolated(node, what) else { return nil }
        guard let leaves = conditionalLeaves(string, node, misuse: { .numberFieldValue(what, whole: $0, at: $1) }) else { return nil }
        var branches: [Located<Int>] = []
        for leaf in leaves {
            guard case .numberLiteral(let digits, let range) = leaf else {
                report(.numberFieldBranch(what, leaf))
                continue
            }
            guard let n = Int(digits) else {
                report(digits.allSatisfy(\.isNumber) ? .numberOutOfRange(digits, for: what, bounds: bounds, at: range)
                                                     : .notWholeNumber(digits, for: what, at: range))
                continue
            }
            let number = Located(n, range)
            guard bounds.contains(n) else { report(.numberOutOfRange(digits, for: what, bounds: bounds, at: range)); continue }
            if check(number) { branches.append(number) }
        }
        guard branches.count == leaves.count, let largest = branches.max(by: { $0.value < $1.value }) else {
            keepNames(in: node)
            return nil
        }
        return (Located(largest.value, node.range), string)
    }

    /// A choice field (`architectures`, `tracing`): one of the words, or a
    /// string that is exactly one conditional value whose branches are
    /// quoted words (`"${env == 'prod' ? 'active' : 'passThrough'}"`), each
    /// checked at its own column. The field's value is the first branch;
    /// the string comes back to be emitted as `Fn::If`.
    func conditionalChoice<E: RawRepresentable & CaseIterable & Sendable>(
        _ node: YAMLNode, _ what: String, as type: E.Type
    ) -> (value: Located<E>, conditional: StringValue?)? where E.RawValue == String {
        guard let text = node.scalar?.value, text.contains("${"), node.mapping == nil else {
            return choice(node, what, as: type).map { ($0, nil) }
        }
        guard let string = interpolated(node, what) else { return nil }
        let words = E.allCases.map(\.rawValue)
        guard let leaves = conditionalLeaves(string, node, misuse: { .choiceFieldValue(what, words, whole: $0, at: $1) })
        else { return nil }
        var values: [E] = []
        for leaf in leaves {
            guard case .stringLiteral(let word, _) = leaf, let value = E(rawValue: word) else {
                report(.choiceFieldBranch(what, words, leaf))
                continue
            }
            values.append(value)
        }
        guard values.count == leaves.count, let first = values.first else {
            keepNames(in: node)
            return nil
        }
        return (Located(first, node.range), string)
    }

    /// A boolean field (`versioning`, `contentBasedDeduplication`, ...):
    /// true or false, or a string that is exactly one conditional value
    /// whose branches are `true` or `false` (`"${env == 'prod' ? true :
    /// false}"`), each checked at its own column. The field's value is true
    /// where any branch is, for what needs one; the string comes back to be
    /// emitted as `Fn::If`.
    func conditionalBool(_ node: YAMLNode, _ what: String) -> (value: Located<Bool>, conditional: StringValue?)? {
        guard case .string(let text) = node.resolvedScalar, text.contains("${") else {
            return bool(node, what).map { ($0, nil) }
        }
        guard let string = interpolated(node, what) else { return nil }
        guard let leaves = conditionalLeaves(string, node, misuse: { .boolFieldValue(what, whole: $0, at: $1) }) else { return nil }
        var values: [Bool] = []
        for leaf in leaves {
            guard case .booleanLiteral(let value, _) = leaf else {
                report(.boolFieldBranch(what, leaf))
                continue
            }
            values.append(value)
        }
        guard values.count == leaves.count else {
            keepNames(in: node)
            return nil
        }
        return (Located(values.contains(true), node.range), string)
    }

    /// The branches of a typed field's conditional value (`"${a ? x : b ? y : z}"`:
    /// x, y, z), or nil, reported by `misuse` (whether the `${...}` is the
    /// whole string, where), when the string is not exactly one.
    private func conditionalLeaves(_ string: StringValue, _ node: YAMLNode,
                                   misuse: (Bool, SourceRange) -> Diagnostic) -> [Expression]? {
        guard string.interpolated.unparsed.isEmpty else {  // its error is reported
            keepNames(in: node)
            return nil
        }
        let expressions = string.interpolated.expressions
        guard string.interpolated.isSingleExpression, case .conditional = expressions[0] else {
            keepNames(in: node)
            let whole = string.interpolated.isSingleExpression
            report(misuse(whole, whole ? expressions[0].range : node.range))
            return nil
        }
        var leaves: [Expression] = []
        var next = expressions[0]
        while case .conditional(_, let then, let otherwise, _) = next {
            leaves.append(then)
            next = otherwise
        }
        leaves.append(next)
        return leaves
    }
}

extension DiagnosticCode {
    package static let numberFieldValue = DiagnosticCode(
        "FW4209", .decoding, "a number field of a function written as ${...} that is not a conditional value between numbers")
    package static let numberFieldBranch = DiagnosticCode(
        "FW4210", .decoding, "a branch of a conditional value in a number field of a function that is not a number")
    package static let choiceFieldValue = DiagnosticCode(
        "FW4211", .decoding, "a choice field written as ${...} that is not a conditional value between its words")
    package static let choiceFieldBranch = DiagnosticCode(
        "FW4212", .decoding, "a branch of a conditional value in a choice field that is not one of its words")
    package static let boolFieldValue = DiagnosticCode(
        "FW4213", .decoding, "a boolean field written as ${...} that is not a conditional value between true and false")
    package static let boolFieldBranch = DiagnosticCode(
        "FW4214", .decoding, "a branch of a conditional value in a boolean field that is not true or false")
}

extension Diagnostic {
    static func numberFieldValue(_ what: String, whole: Bool, at range: SourceRange) -> Diagnostic {
        .error(.numberFieldValue,
               whole ? "\(what) takes a number or a conditional value between numbers, not a reference"
                     : "\(what) takes a conditional value only as the whole string, with no text around it",
               at: range, help: ["write a number, or choose one: \"${env == 'prod' ? 1024 : 256}\""])
    }

    static func choiceFieldValue(_ what: String, _ words: [String], whole: Bool, at range: SourceRange) -> Diagnostic {
        .error(.choiceFieldValue,
               whole ? "\(what) takes one of \(words.joined(separator: ", ")) or a conditional value between them, not a reference"
                     : "\(what) takes a conditional value only as the whole string, with no text around it",
               at: range, help: ["write a word, or choose one: \"${env == 'prod' ? '\(words[0])' : '\(words[words.count - 1])'}\""])
    }

    static func choiceFieldBranch(_ what: String, _ words: [String], _ branch: Expression) -> Diagnostic {
        let choices = words.joined(separator: ", ")
        switch branch {
        case .stringLiteral(let text, let range):
            let suggestion = Suggestions.closest(to: text, in: words)
            return .error(.choiceFieldBranch, "a branch of \(what) must be one of \(choices), found '\(text)'", at: range,
                          fixIts: suggestion.map { [FixIt("did you mean '\($0)'?", replacing: range, with: "'\($0)'")] } ?? [])
        case .reference(let reference) where reference.path.count == 1 && words.contains(reference.root):
            return .error(.choiceFieldBranch, "a branch of \(what) must be a quoted word, found the name \(reference.root)",
                          at: branch.range, fixIts: [FixIt("quote it", replacing: branch.range, with: "'\(reference.root)'")])
        case .noValue:
            return .error(.choiceFieldBranch, "a branch of \(what) must be one of \(choices), found aws.noValue (a branch cannot leave the field out)",
                          at: branch.range)
        case .reference, .lookup:
            return .error(.choiceFieldBranch, "a branch of \(what) must be one of \(choices), found a reference, known only at deploy time",
                          at: branch.range)
        case .booleanLiteral(let value, _):
            return .error(.choiceFieldBranch, "a branch of \(what) must be one of \(choices), found \(value)", at: branch.range)
        case .numberLiteral, .fallback, .conditional:
            return .error(.choiceFieldBranch, "a branch of \(what) must be one of \(choices), found an expression", at: branch.range)
        }
    }

    static func boolFieldValue(_ what: String, whole: Bool, at range: SourceRange) -> Diagnostic {
        .error(.boolFieldValue,
               whole ? "\(what) takes true, false or a conditional value between them, not a reference"
                     : "\(what) takes a conditional value only as the whole string, with no text around it",
               at: range, help: ["write true or false, or choose one: \"${env == 'prod' ? true : false}\""])
    }

    static func boolFieldBranch(_ what: String, _ branch: Expression) -> Diagnostic {
        let found: String
        var fixIts: [FixIt] = []
        switch branch {
        case .stringLiteral(let text, let range):
            found = "the string '\(text)'"
            if text == "true" || text == "false" { fixIts = [FixIt("write it unquoted", replacing: range, with: text)] }
        case .noValue: found = "aws.noValue (a branch cannot leave the field out: write false)"
        case .reference, .lookup: found = "a reference, known only at deploy time"
        case .fallback: found = "a fallback"
        case .numberLiteral(let digits, _): found = "the number \(digits)"
        case .booleanLiteral, .conditional: found = "an expression"
        }
        return .error(.boolFieldBranch, "a branch of \(what) must be true or false, found \(found)", at: branch.range, fixIts: fixIts)
    }

    static func numberFieldBranch(_ what: String, _ branch: Expression) -> Diagnostic {
        let found: String
        var fixIts: [FixIt] = []
        switch branch {
        case .stringLiteral(let text, let range):
            found = "a string"
            if let n = Int(text) { fixIts = [FixIt("write the number unquoted", replacing: range, with: String(n))] }
        case .noValue: found = "aws.noValue (\(what) always has a value)"
        case .reference, .lookup: found = "a reference, known only at deploy time"
        case .fallback: found = "a fallback"
        case .booleanLiteral(let value, _): found = "\(value)"
        case .numberLiteral, .conditional: found = "an expression"
        }
        return .error(.numberFieldBranch, "a branch of \(what) must be a number, found \(found)", at: branch.range, fixIts: fixIts)
    }
}

extension SpecDecoder {
    /// An output's `value:`. CloudFormation outputs one string: a YAML list
    /// or mapping there is an error saying what can stand instead.
    func outputValue(_ node: YAMLNode) -> StringValue? {
        guard node.sequence != nil || node.mapping != nil else { return interpolated(node, "an output's value") }
        keepNames(in: node)
        report(.error(.typeMismatch, "expected a string for an output's value, found \(node.kindDescription); CloudFormation outputs one string",
                      at: node.range,
                      help: ["a list parameter or a mapping's list is joined with commas when it is the whole value: value: ${zones}"]))
        return nil
    }
}

extension Diagnostic {
    static func conditionalProperties(_ key: String = "properties", at range: SourceRange) -> Diagnostic {
        .error(.conditionalProperties, "'\(key):' itself cannot be a conditional value; make each of its keys one",
               at: range, help: ["or put the resource under 'when:' to have it only where the condition holds"])
    }
}
