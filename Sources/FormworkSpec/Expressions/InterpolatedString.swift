import FormworkDiagnostics
import FormworkFacts

/// A string value that may contain `${...}` (LANGUAGE.md, "Interpolation and
/// expressions"): literal text and expressions, in order.
///
/// `$${` is a literal `${`; a `$` not followed by `{` is literal. Inside
/// `${ ... }` stands a reference (`env`, `uploads.arn`, `aws.region`),
/// optionally followed by `?? fallback`, where the fallback is a quoted
/// string, a number or another reference: `${a ?? b ?? ''}` is `a ?? (b ?? '')`.
package struct InterpolatedString: Sendable {
    package enum Segment: Sendable {
        case literal(String)
        case expression(Expression)
    }

    /// Adjacent literal text is one segment; a string without `${` is one literal
    /// (or none, when empty). A malformed `${...}` is left out (it is in
    /// `unparsed`): its diagnostic is reported, and the rest of the string is still parsed.
    package var segments: [Segment]
    /// The whole string.
    package var range: SourceRange
    /// Each malformed `${...}`, in reading order.
    package var unparsed: [Unparsed] = []

    /// A `${...}` that did not parse: where it is, and the names the lexer
    /// read in it (`${env ??}` names `env`). A parameter named there counts
    /// as used; a check of the string's literal text can tell that the
    /// text is not all there.
    package struct Unparsed: Sendable {
        package var range: SourceRange
        package var names: [String]
    }

    /// Text that looks like a mistyped `${...}`: `$(env)` or `{{env}}`, in
    /// reading order. It is literal text; a rule warns when it names
    /// something the spec declares.
    package var lookalikes: [Lookalike] = []

    /// `$(name)` or `{{ name }}` in literal text: where, as written, and the dotted name inside.
    package struct Lookalike: Sendable {
        package var range: SourceRange
        package var text: String
        package var name: String
    }

    /// True when the whole string is exactly one `${...}` (it emits the bare intrinsic).
    package var isSingleExpression: Bool {
        guard segments.count == 1, case .expression = segments[0] else { return false }
        return true
    }

    package var hasExpressions: Bool {
        segments.contains { if case .expression = $0 { true } else { false } }
    }

    /// Whether every `${...}` in the text parsed. A check of the string's
    /// literal text skips one that did not: its error is reported, and what
    /// is left of the text is not what the user meant.
    package var isWhole: Bool { unparsed.isEmpty }

    /// Every `${...}` of the string that parsed, in reading order.
    package var expressions: [Expression] {
        segments.compactMap { if case .expression(let expression) = $0 { expression } else { nil } }
    }

    /// Every reference in the string, in reading order.
    package var references: [Reference] {
        segments.flatMap { segment -> [Reference] in
            if case .expression(let expression) = segment { expression.references } else { [] }
        }
    }

    /// Parses `text`, the value of one YAML scalar; `locator` maps scalar offsets in it to source ranges.
    package static func parse(
        _ text: String, locator: SourceLocator, diagnostics: inout DiagnosticBag
    ) -> InterpolatedString {
        withoutActuallyEscaping(locator) { locate in
            var parser = InterpolationParser(ExpressionSource(scalars: Array(text.unicodeScalars), locate: locate))
            return parser.parse(into: &diagnostics)
        }
    }
}

/// What stands inside `${...}`.
package enum Expression: Sendable {
    case reference(Reference)
    /// The unescaped value; the range includes the quotes.
    case stringLiteral(String, SourceRange)
    /// The number as written.
    case numberLiteral(String, SourceRange)
    /// `true` or `false`, unquoted: a branch or a fallback of a boolean field.
    case booleanLiteral(Bool, SourceRange)
    /// `value ?? default`: the value, or the default where the value is absent.
    indirect case fallback(Expression, default: Expression, SourceRange)
    /// `condition ? then : else`: a conditional value (`Fn::If`).
    indirect case conditional(Condition, then: Expression, else: Expression, SourceRange)
    /// `aws.noValue`: no value at all (`AWS::NoValue`), as a branch or a fallback.
    case noValue(SourceRange)
    /// `map[key].name` or `map[key][key]`: a value of `mappings:` (`Fn::FindInMap`).
    case lookup(MapLookup)

    package var range: SourceRange {
        switch self {
        case .reference(let reference): reference.range
        case .stringLiteral(_, let range), .numberLiteral(_, let range), .booleanLiteral(_, let range),
             .fallback(_, _, let range), .conditional(_, _, _, let range), .noValue(let range): range
        case .lookup(let lookup): lookup.range
        }
    }

    /// A literal's text (a quoted string unescaped, a number as written,
    /// `true`, `false`), or nil for anything else.
    package var literalText: String? {
        switch self {
        case .stringLiteral(let text, _), .numberLiteral(let text, _): text
        case .booleanLiteral(let value, _): value ? "true" : "false"
        case .reference, .fallback, .conditional, .noValue, .lookup: nil
        }
    }

    /// The references in the expression, in reading order: the values, the
    /// branches and the keys of lookups (not the names a conditional
    /// value's condition tests: those are in `conditions`).
    package var references: [Reference] {
        var result: [Reference] = []
        var stack = [self]
        while let expression = stack.popLast() {
            switch expression {
            case .reference(let reference): result.append(reference)
            case .stringLiteral, .numberLiteral, .booleanLiteral, .noValue: break
            case .fallback(let value, let fallback, _): stack += [fallback, value]
            case .conditional(_, let then, let otherwise, _): stack += [otherwise, then]
            case .lookup(let lookup):
                for case .reference(let reference) in lookup.keys { result.append(reference) }
            }
        }
        return result
    }

    /// The condition of every conditional value in the expression, outermost first.
    package var conditions: [Condition] {
        var result: [Condition] = []
        var stack = [self]
        while let expression = stack.popLast() {
            switch expression {
            case .conditional(let condition, let then, let otherwise, _):
                result.append(condition)
                stack += [otherwise, then]
            case .fallback(let value, let fallback, _): stack += [fallback, value]
            case .reference, .stringLiteral, .numberLiteral, .booleanLiteral, .noValue, .lookup: break
            }
        }
        return result
    }

    /// Every mapping lookup in the expression, in reading order.
    package var lookups: [MapLookup] {
        var result: [MapLookup] = []
        var stack = [self]
        while let expression = stack.popLast() {
            switch expression {
            case .lookup(let lookup): result.append(lookup)
            case .fallback(let value, let fallback, _): stack += [fallback, value]
            case .conditional(_, let then, let otherwise, _): stack += [otherwise, then]
            case .reference, .stringLiteral, .numberLiteral, .booleanLiteral, .noValue: break
            }
        }
        return result
    }
}

/// `regionConfig[aws.region].instanceType`: the mapping's name and its two keys.
package struct MapLookup: Sendable {
    package var map: String
    package var mapRange: SourceRange
    /// The top-level key, then the second-level key.
    package var keys: [MapKey]
    package var range: SourceRange
}

/// A key of a mapping lookup: literal text (`['us-east-1']`, `.instanceType`) or a reference (`[env]`).
package enum MapKey: Sendable {
    case literal(String, SourceRange)
    case reference(Reference)

    package var range: SourceRange {
        switch self {
        case .literal(_, let range): range
        case .reference(let reference): reference.range
        }
    }
}

private struct InterpolationParser {
    let source: ExpressionSource
    private var segments: [InterpolatedString.Segment] = []
    private var unparsed: [InterpolatedString.Unparsed] = []
    private var lookalikes: [InterpolatedString.Lookalike] = []
    private var literal = ""

    init(_ source: ExpressionSource) {
        self.source = source
    }

    private var scalars: [Unicode.Scalar] { source.scalars }

    mutating func parse(into diagnostics: inout DiagnosticBag) -> InterpolatedString {
        var index = 0
        scan: while index < scalars.count {
            let c = scalars[index]
            if c == "$", index + 1 < scalars.count {
                if scalars[index + 1] == "{" {
                    switch expression(at: index, into: &diagnostics) {
                    case .parsed(let expression, let end):
                        if !literal.isEmpty { segments.append(.literal(literal)) }
                        literal = ""
                        segments.append(.expression(expression))
                        index = end
                    case .failed(let end):
                        unparsed.append(.init(range: source.range(index..<end), names: source.rootNames(in: index + 2..<end)))
                        index = end
                    case .unterminated:
                        let end = scalars.count
                        unparsed.append(.init(range: source.range(index..<end), names: source.rootNames(in: index + 2..<end)))
                        break scan
                    }
                    continue
                }
                if scalars[index + 1] == "$", index + 2 < scalars.count, scalars[index + 2] == "{" {
                    literal += "${"
                    index += 3
                    continue
                }
            }
            if c == "$" || c == "{", let lookalike = lookalike(at: index) { lookalikes.append(lookalike) }
            literal.unicodeScalars.append(c)
            index += 1
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return InterpolatedString(segments: segments, range: source.range(0..<scalars.count), unparsed: unparsed,
                                  lookalikes: lookalikes)
    }

    /// `$(name)` or `{{ name }}` starting at `start`, the name dotted (`uploads.arn`).
    private func lookalike(at start: Int) -> InterpolatedString.Lookalike? {
        let (open, close): ([Unicode.Scalar], [Unicode.Scalar]) = scalars[start] == "$" ? (["$", "("], [")"]) : (["{", "{"], ["}", "}"])
        func has(_ expected: [Unicode.Scalar], at index: Int) -> Bool {
            index + expected.count <= scalars.count && Array(scalars[index..<index + expected.count]) == expected
        }
        guard has(open, at: start) else { return nil }
        var index = start + open.count
        func skipSpaces() { while index < scalars.count, scalars[index] == " " { index += 1 } }
        skipSpaces()
        let nameStart = index
        while index < scalars.count, scalars[index].isNameStart {
            index += 1
            while index < scalars.count, scalars[index].isNameContinuation { index += 1 }
            guard index + 1 < scalars.count, scalars[index] == ".", scalars[index + 1].isNameStart else { break }
            index += 1
        }
        guard index > nameStart else { return nil }
        let name = source.text(nameStart..<index)
        skipSpaces()
        guard has(close, at: index) else { return nil }
        let end = index + close.count
        return .init(range: source.range(start..<end), text: source.text(start..<end), name: name)
    }

    private enum Outcome {
        /// `end` is the offset after the closing `}`.
        case parsed(Expression, end: Int)
        case failed(end: Int)
        /// No closing `}`: nothing after the `${` can be read.
        case unterminated
    }

    /// The `${...}` starting at `start`.
    private func expression(at start: Int, into diagnostics: inout DiagnosticBag) -> Outcome {
        // Find the closing `}`, reading string literals (which may hold `}`) as tokens.
        var lexer = Lexer(source, at: start + 2)
        var tokens: [Token] = []
        var nested: Token?
        var depth = 0
        let closing: Token
        do {
            scan: while true {
                let token = try lexer.next(into: &diagnostics)
                switch token.kind {
                case .end:
                    diagnostics.add(.unterminatedInterpolation(at: source.range(start..<start + 2)))
                    return .unterminated
                case .interpolationStart:
                    nested = nested ?? token
                    depth += 1
                case .closeBrace where depth == 0:
                    closing = token
                    break scan
                case .closeBrace:
                    depth -= 1
                default:
                    if depth == 0 { tokens.append(token) }
                }
            }
        } catch {
            return .unterminated
        }
        let end = closing.range.upperBound
        // `${!a ? b : c}` is a conditional value on `!a`, not CloudFormation's `${!Literal}`.
        let conditional = tokens.contains { $0.kind == .question }
        if let diagnostic = cloudFormationSyntax(start..<end, inner: start + 2..<closing.range.lowerBound, conditional: conditional) {
            diagnostics.add(diagnostic)
            return .failed(end: end)
        }
        if let nested {
            diagnostics.add(.nestedInterpolation(at: source.range(nested.range)))
            return .failed(end: end)
        }
        if tokens.isEmpty {
            diagnostics.add(.emptyInterpolation(at: source.range(start..<end)))
            return .failed(end: end)
        }
        do {
            return .parsed(try conditionalOrChain(tokens[...], end: closing.range, depth: 0, into: &diagnostics), end: end)
        } catch {
            return .failed(end: end)
        }
    }

    /// `${AWS::Region}` or `${!Literal}` at `whole`: CloudFormation's
    /// `Fn::Sub` syntax, which a user coming from it writes by habit.
    private func cloudFormationSyntax(_ whole: Range<Int>, inner: Range<Int>, conditional: Bool) -> Diagnostic? {
        var text = Substring(source.text(inner))
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        let range = source.range(whole)
        if text.hasPrefix("!"), !text.hasPrefix("!="), !conditional {
            return .cloudFormationEscape(String(text.dropFirst()), at: range)
        }
        if text.hasPrefix("AWS::") {
            let text = String(text)
            return .cloudFormationPseudoParameter(text, formwork: CloudFormation.formworkPseudoParameter(text), at: range)
        }
        return nil
    }

    /// `condition ? branch : value`, or a fallback chain; `end` is the range
    /// of the token after `tokens` (the closing `}`).
    private func conditionalOrChain(
        _ tokens: ArraySlice<Token>, end: Range<Int>, depth: Int, into diagnostics: inout DiagnosticBag
    ) throws(ParseStop) -> Expression {
        guard let question = tokens.firstIndex(where: { $0.kind == .question }) else {
            return try chain(tokens, end: end, closer: "'}'", literalFirst: depth > 0, into: &diagnostics)
        }
        let mark = tokens[question]
        if depth >= maxExpressionDepth {
            diagnostics.add(.expressionTooDeep(
                "more than \(maxExpressionDepth) conditional values in one ${...}", at: source.range(mark.range)))
            throw ParseStop()
        }
        guard question > tokens.startIndex else {
            diagnostics.add(.conditionalWithoutCondition(at: source.range(mark.range)))
            throw ParseStop()
        }
        let condition = try ConditionParser.parse(
            source, tokens: Array(tokens[..<question]) + [Token(kind: .end, range: mark.range)], into: &diagnostics)
        let rest = tokens[(question + 1)...]
        guard let colon = rest.firstIndex(where: { $0.kind == .colon }) else {
            let whole = source.range(tokens[tokens.startIndex].range.lowerBound..<(tokens.last?.range.upperBound ?? end.lowerBound))
            diagnostics.add(.conditionalWithoutElse(at: source.range(mark.range), whole: whole))
            throw ParseStop()
        }
        guard colon > rest.startIndex else {
            diagnostics.add(.missingBranch(after: "?", at: source.range(mark.range)))
            throw ParseStop()
        }
        let then = try chain(rest[..<colon], end: tokens[colon].range, closer: "':'", literalFirst: true, into: &diagnostics)
        let elseTokens = rest[(colon + 1)...]
        guard !elseTokens.isEmpty else {
            diagnostics.add(.missingBranch(after: ":", at: source.range(tokens[colon].range)))
            throw ParseStop()
        }
        let otherwise = try conditionalOrChain(elseTokens, end: end, depth: depth + 1, into: &diagnostics)
        let span = tokens[tokens.startIndex].range.lowerBound..<tokens[tokens.endIndex - 1].range.upperBound
        return .conditional(condition, then: then, else: otherwise, source.range(span))
    }

    /// `value ('??' fallback)*`, where a literal fallback (a quoted string,
    /// a number, `true`, `false`, or `aws.noValue`) ends the chain. The first
    /// value is a reference or a lookup, or, in a branch of a conditional
    /// value (`literalFirst`), also a literal.
    /// `closer` says, for messages, what follows the chain.
    private func chain(
        _ tokens: ArraySlice<Token>, end: Range<Int>, closer: String, literalFirst: Bool,
        into diagnostics: inout DiagnosticBag
    ) throws(ParseStop) -> Expression {
        var cursor = TokenCursor(
            source, tokens: Array(tokens) + [Token(kind: .end, range: end)], context: "${...}",
            endDescription: "\(closer) in ${...}")
        var items: [(Expression, Range<Int>)] = []
        var endsWithLiteral = false
        func literal(_ token: Token) -> Bool {
            switch token.kind {
            case .string(let value):
                cursor.advance()
                items.append((.stringLiteral(value, source.range(token.range)), token.range))
            case .number(let value):
                cursor.advance()
                items.append((.numberLiteral(value, source.range(token.range)), token.range))
            case .name(let word) where word == "true" || word == "false":
                // `true.x` or `true[...]` is a name, reported as unknown if it is one.
                let next = cursor.tokens[cursor.index + 1].kind
                guard next != .dot, next != .openBracket else { return false }
                cursor.advance()
                items.append((.booleanLiteral(word == "true", source.range(token.range)), token.range))
            default:
                return false
            }
            endsWithLiteral = true
            return true
        }
        func value(from start: Int) throws(ParseStop) {
            let expression = try operand(&cursor, into: &diagnostics)
            if case .noValue = expression { endsWithLiteral = true }
            items.append((expression, start..<cursor.previousEnd))
        }
        let first = cursor.peek
        if !(literalFirst && literal(first)) {
            try value(from: first.range.lowerBound)
        }
        while !endsWithLiteral, cursor.peek.kind == .fallback {
            let operator_ = cursor.advance()
            if items.count > maxExpressionDepth {
                throw cursor.fail(.expressionTooDeep(
                    "more than \(maxExpressionDepth) '??' fallbacks in one ${...}",
                    at: source.range(operator_.range)), into: &diagnostics)
            }
            let token = cursor.peek
            switch token.kind {
            case .name:
                if !literal(token) { try value(from: token.range.lowerBound) }
            case .string, .number:
                _ = literal(token)
            case .end:
                throw cursor.fail(.danglingFallback(at: source.range(operator_.range)), into: &diagnostics)
            default:
                throw cursor.fail(
                    cursor.unexpected(token, expected: "a fallback: a name, a quoted string or a number"),
                    into: &diagnostics)
            }
        }
        if !cursor.atEnd {
            let first = cursor.peek
            let expected = endsWithLiteral ? closer : "'??' or \(closer)"
            if first.kind == .invalid {
                throw cursor.fail(cursor.unexpected(first, expected: expected), into: &diagnostics)
            }
            let trailing = first.range.lowerBound..<cursor.tokens[cursor.tokens.count - 2].range.upperBound
            throw cursor.fail(
                .trailingTokens(source.text(trailing), expected: expected, at: source.range(trailing)),
                into: &diagnostics)
        }
        // Fold right: a ?? b ?? c is a ?? (b ?? c).
        var (result, span) = items.removeLast()
        while let (value, valueSpan) = items.popLast() {
            span = valueSpan.lowerBound..<span.upperBound
            result = .fallback(value, default: result, source.range(span))
        }
        return result
    }

    /// A reference, `aws.noValue`, or a mapping lookup (`map[key].name`, `map[key][key]`).
    private func operand(_ cursor: inout TokenCursor, into diagnostics: inout DiagnosticBag) throws(ParseStop) -> Expression {
        let start = cursor.peek.range.lowerBound
        let reference = try cursor.reference(expected: "a name", into: &diagnostics)
        if reference.path == ["aws", "noValue"] { return .noValue(reference.range) }
        guard cursor.peek.kind == .openBracket else { return .reference(reference) }
        guard reference.path.count == 1 else {
            throw cursor.fail(.lookupOfDottedName(reference.dotted, at: source.range(cursor.peek.range)), into: &diagnostics)
        }
        var keys = [try bracketKey(&cursor, into: &diagnostics)]
        switch cursor.peek.kind {
        case .openBracket:
            keys.append(try bracketKey(&cursor, into: &diagnostics))
        case .dot:
            cursor.advance()
            let name = cursor.peek
            guard case .name(let text) = name.kind else {
                throw cursor.fail(cursor.unexpected(name, expected: "a second-level key after '.'"), into: &diagnostics)
            }
            cursor.advance()
            keys.append(.literal(text, source.range(name.range)))
        default:
            throw cursor.fail(.lookupWithOneKey(
                reference.root, at: source.range(start..<cursor.previousEnd)), into: &diagnostics)
        }
        return .lookup(MapLookup(map: reference.root, mapRange: reference.range, keys: keys,
                                 range: source.range(start..<cursor.previousEnd)))
    }

    /// `[key]`: a quoted string, a number, or a reference.
    private func bracketKey(_ cursor: inout TokenCursor, into diagnostics: inout DiagnosticBag) throws(ParseStop) -> MapKey {
        cursor.advance()
        let token = cursor.peek
        let key: MapKey
        switch token.kind {
        case .string(let value), .number(let value):
            cursor.advance()
            key = .literal(value, source.range(token.range))
        case .name:
            key = .reference(try cursor.reference(expected: "a key", into: &diagnostics))
        default:
            throw cursor.fail(cursor.unexpected(
                token, expected: "a key: a quoted string, a number, a parameter or a pseudo parameter"), into: &diagnostics)
        }
        guard cursor.peek.kind == .closeBracket else {
            throw cursor.fail(cursor.unexpected(cursor.peek, expected: "']'"), into: &diagnostics)
        }
        cursor.advance()
        return key
    }
}

extension DiagnosticCode {
    package static let unterminatedInterpolation = DiagnosticCode("FW3001", .decoding, "unterminated ${")
    package static let emptyInterpolation = DiagnosticCode("FW3002", .decoding, "empty ${}")
    package static let danglingFallback = DiagnosticCode("FW3003", .decoding, "'??' without a fallback")
    package static let trailingTokens = DiagnosticCode("FW3004", .decoding, "text after the expression in ${...}")
    package static let nestedInterpolation = DiagnosticCode("FW3005", .decoding, "${ inside ${...}")
    package static let conditionalWithoutCondition = DiagnosticCode("FW3080", .decoding, "'?' without a condition before it")
    package static let conditionalWithoutElse = DiagnosticCode("FW3081", .decoding, "a conditional value without ': else'")
    package static let missingBranch = DiagnosticCode("FW3082", .decoding, "a conditional value's branch is empty")
    package static let malformedLookup = DiagnosticCode("FW3083", .decoding, "a mapping lookup that is not map[key].name")

    /// The codes of conditional values and mapping lookups, in order (a
    /// range of their own: FW3001–FW3049 is full of `allExpressionCodes`).
    package static let allConditionalExpressionCodes: [DiagnosticCode] = [
        .conditionalWithoutCondition, .conditionalWithoutElse, .missingBranch, .malformedLookup,
    ]
    package static let cloudFormationSubSyntax = DiagnosticCode(
        "FW3008", .decoding, "a pseudo parameter or literal escape in CloudFormation's Fn::Sub syntax",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Fn::Sub\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html"))
}

extension Diagnostic {
    static func unterminatedInterpolation(at range: SourceRange) -> Diagnostic {
        .error(
            .unterminatedInterpolation, "'${' is never closed; expected '}'", at: range,
            fixIts: [FixIt("write $${ for a literal ${", replacing: range, with: "$${")])
    }

    static func emptyInterpolation(at range: SourceRange) -> Diagnostic {
        .error(
            .emptyInterpolation, "empty '${}'; expected a name inside, such as ${env}", at: range,
            fixIts: [FixIt("write $${} for a literal ${}", replacing: range, with: "$${}")])
    }

    static func danglingFallback(at range: SourceRange) -> Diagnostic {
        .error(
            .danglingFallback, "'??' needs a fallback after it", at: range,
            fixIts: [FixIt("write ?? '' to fall back to an empty string", replacing: range, with: "?? ''")])
    }

    static func trailingTokens(_ text: String, expected: String, at range: SourceRange) -> Diagnostic {
        .error(.trailingTokens, "unexpected \(quoted(text)) in ${...}; expected \(expected)", at: range)
    }

    /// `${!Literal}`: CloudFormation's escape for a literal `${Literal}`.
    static func cloudFormationEscape(_ rest: String, at range: SourceRange) -> Diagnostic {
        .error(
            .cloudFormationSubSyntax,
            "'${!\(rest)}' is CloudFormation's escape for a literal ${\(rest)}; Formwork writes $${\(rest)}", at: range,
            fixIts: [FixIt("write $${\(rest)}", replacing: range, with: "$${\(rest)}")])
    }

    /// `${AWS::Region}`; `formwork` is what Formwork writes for it, when it has one.
    static func cloudFormationPseudoParameter(_ name: String, formwork: String?, at range: SourceRange) -> Diagnostic {
        let message = "'${\(name)}' is CloudFormation's syntax for a pseudo parameter"
        guard let formwork else {
            let names = CloudFormation.pseudoParameters.keys.sorted().map { "${aws.\($0)}" }
            return .error(.cloudFormationSubSyntax, message + "; Formwork has no '\(name)'", at: range,
                          help: ["the pseudo parameters are \(names.joined(separator: ", "))"])
        }
        return .error(.cloudFormationSubSyntax, message + "; Formwork writes ${\(formwork)}", at: range,
                      fixIts: [FixIt("write ${\(formwork)}", replacing: range, with: "${\(formwork)}")])
    }

    static func conditionalWithoutCondition(at range: SourceRange) -> Diagnostic {
        .error(.conditionalWithoutCondition, "'?' needs a condition before it, as in ${env == 'prod' ? 512 : 128}", at: range)
    }

    /// `${a ? b}`: `whole` is the conditional value as written.
    static func conditionalWithoutElse(at range: SourceRange, whole: SourceRange) -> Diagnostic {
        .error(.conditionalWithoutElse, "a conditional value needs ': <value>' for when its condition is false",
               at: range, fixIts: [FixIt("write ': aws.noValue' for no value then",
                                replacing: SourceRange(file: whole.file, start: whole.end, end: whole.end), with: " : aws.noValue")])
    }

    static func missingBranch(after mark: String, at range: SourceRange) -> Diagnostic {
        .error(.missingBranch, "expected a value after '\(mark)': a name, a quoted string, a number or aws.noValue", at: range)
    }

    static func lookupOfDottedName(_ name: String, at range: SourceRange) -> Diagnostic {
        .error(.malformedLookup, "'[' after '\(name)'; a mapping lookup starts with the mapping's name: map[key].name", at: range)
    }

    static func lookupWithOneKey(_ map: String, at range: SourceRange) -> Diagnostic {
        .error(.malformedLookup, "a mapping lookup reads two keys: \(map)[key].name or \(map)[key][key]", at: range)
    }

    static func nestedInterpolation(at range: SourceRange) -> Diagnostic {
        .error(
            .nestedInterpolation, "'${' cannot stand inside ${...}", at: range,
            help: ["inside ${...} write names without ${}, as in ${a ?? b}"])
    }
}
