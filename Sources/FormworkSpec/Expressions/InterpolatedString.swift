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
    /// `value ?? default`: the value, or the default where the value is absent.
    indirect case fallback(Expression, default: Expression, SourceRange)

    package var range: SourceRange {
        switch self {
        case .reference(let reference): reference.range
        case .stringLiteral(_, let range), .numberLiteral(_, let range), .fallback(_, _, let range): range
        }
    }

    /// The references in the expression, the guarded value first.
    package var references: [Reference] {
        var result: [Reference] = []
        var next: Expression? = self
        while let expression = next {
            next = nil
            switch expression {
            case .reference(let reference): result.append(reference)
            case .stringLiteral, .numberLiteral: break
            case .fallback(let value, let fallback, _):
                result += value.references
                next = fallback
            }
        }
        return result
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
        if let diagnostic = cloudFormationSyntax(start..<end, inner: start + 2..<closing.range.lowerBound) {
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
        tokens.append(Token(kind: .end, range: closing.range))
        var cursor = TokenCursor(source, tokens: tokens, context: "${...}", endDescription: "'}' in ${...}")
        do {
            return .parsed(try fallbackChain(&cursor, into: &diagnostics), end: end)
        } catch {
            return .failed(end: end)
        }
    }

    /// `${AWS::Region}` or `${!Literal}` at `whole`: CloudFormation's
    /// `Fn::Sub` syntax, which a user coming from it writes by habit.
    private func cloudFormationSyntax(_ whole: Range<Int>, inner: Range<Int>) -> Diagnostic? {
        var text = Substring(source.text(inner))
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        let range = source.range(whole)
        if text.hasPrefix("!"), !text.hasPrefix("!=") {
            return .cloudFormationEscape(String(text.dropFirst()), at: range)
        }
        if text.hasPrefix("AWS::") {
            let text = String(text)
            return .cloudFormationPseudoParameter(text, formwork: CloudFormation.formworkPseudoParameter(text), at: range)
        }
        return nil
    }

    /// `reference ('??' fallback)*`, where a literal fallback ends the chain.
    private func fallbackChain(_ cursor: inout TokenCursor, into diagnostics: inout DiagnosticBag) throws(ParseStop) -> Expression {
        var items: [(Expression, Range<Int>)] = []
        func take(_ reference: Reference, from start: Int) {
            items.append((.reference(reference), start..<cursor.previousEnd))
        }
        let start = cursor.peek.range.lowerBound
        take(try cursor.reference(expected: "a name", into: &diagnostics), from: start)
        var endsWithLiteral = false
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
                take(try cursor.reference(expected: "a name", into: &diagnostics), from: token.range.lowerBound)
            case .string(let value):
                cursor.advance()
                items.append((.stringLiteral(value, source.range(token.range)), token.range))
                endsWithLiteral = true
            case .number(let value):
                cursor.advance()
                items.append((.numberLiteral(value, source.range(token.range)), token.range))
                endsWithLiteral = true
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
            let expected = endsWithLiteral ? "'}'" : "'??' or '}'"
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
}

extension DiagnosticCode {
    package static let unterminatedInterpolation = DiagnosticCode("FW3001", .decoding, "unterminated ${")
    package static let emptyInterpolation = DiagnosticCode("FW3002", .decoding, "empty ${}")
    package static let danglingFallback = DiagnosticCode("FW3003", .decoding, "'??' without a fallback")
    package static let trailingTokens = DiagnosticCode("FW3004", .decoding, "text after the expression in ${...}")
    package static let nestedInterpolation = DiagnosticCode("FW3005", .decoding, "${ inside ${...}")
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

    static func nestedInterpolation(at range: SourceRange) -> Diagnostic {
        .error(
            .nestedInterpolation, "'${' cannot stand inside ${...}", at: range,
            help: ["inside ${...} write names without ${}, as in ${a ?? b}"])
    }
}
