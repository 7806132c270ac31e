import FormworkDiagnostics

/// The value of `when:` (LANGUAGE.md, "Conditions: when:").
///
///     expr       := or
///     or         := and ('||' and)*
///     and        := unary ('&&' unary)*
///     unary      := '!' unary | primary
///     primary    := '(' expr ')' | comparison | reference
///     comparison := operand ('==' | '!=') operand
///     operand    := reference | quoted string | number
///
/// A bare reference means "the optional parameter is set". Nested `&&` and
/// `||` come out flattened: `(a && b) && c` is one `and` of three members.
package indirect enum Condition: Sendable, Hashable {
    case isSet(Reference)
    case equals(Operand, Operand, SourceRange)
    case notEquals(Operand, Operand, SourceRange)
    case not(Condition, SourceRange)
    case and([Condition], SourceRange)
    case or([Condition], SourceRange)
    /// A `when:` the decoder could not read: one that did not parse (its
    /// diagnostics reported), or one written under a misspelled key
    /// (`whn:`). It keeps the names the lexer read in it and the range of
    /// its text. What it means is not known, so no check relies on it: a
    /// value under it counts as guarded, and nothing is known of when a
    /// resource under it exists. It is only ever a whole `when:`.
    case unparsed(names: [String], SourceRange)

    package var range: SourceRange {
        switch self {
        case .isSet(let reference): reference.range
        case .equals(_, _, let range), .notEquals(_, _, let range), .not(_, let range),
             .and(_, let range), .or(_, let range), .unparsed(_, let range): range
        }
    }

    package var isUnparsed: Bool {
        if case .unparsed = self { true } else { false }
    }

    /// `text` as an unparsed condition: the names in its first `maxLength` characters.
    package static func unparsed(_ text: String, locator: SourceLocator, maxLength: Int = 4096) -> Condition {
        withoutActuallyEscaping(locator) { locate in
            let source = ExpressionSource(scalars: Array(text.unicodeScalars), locate: locate)
            let count = source.scalars.count
            return .unparsed(names: source.rootNames(in: 0..<min(count, maxLength)), source.range(0..<count))
        }
    }

    /// Parses `text`, the value of a `when:`; `locator` maps scalar offsets in it
    /// to source ranges. Returns nil, with diagnostics, when it is malformed.
    package static func parse(
        _ text: String, locator: SourceLocator, diagnostics: inout DiagnosticBag,
        maxLength: Int = 4096
    ) -> Condition? {
        withoutActuallyEscaping(locator) { locate in
            let source = ExpressionSource(scalars: Array(text.unicodeScalars), locate: locate)
            return ConditionParser.parse(source, maxLength: maxLength, into: &diagnostics)
        }
    }

    /// The condition as text with normalised spacing and quoting, parenthesised
    /// only where precedence needs it: `env == 'prod' && sourceBucketName`.
    /// Two conditions mean the same when their canonical texts are equal
    /// (ranges aside); `(a && b) && c` and `a && (b && c)` read `a && b && c`.
    package var canonical: String {
        switch self {
        case .isSet(let reference): reference.dotted
        case .equals(let a, let b, _): "\(a.canonical) == \(b.canonical)"
        case .notEquals(let a, let b, _): "\(a.canonical) != \(b.canonical)"
        case .not(let operand, _):
            switch operand {
            case .isSet, .not: "!" + operand.canonical
            default: "!(\(operand.canonical))"
            }
        case .and(let members, _):
            members.map { member in
                if case .or = member { "(\(member.canonical))" } else { member.canonical }
            }.joined(separator: " && ")
        case .or(let members, _):
            members.map(\.canonical).joined(separator: " || ")
        case .unparsed:
            "<unparsed>"
        }
    }

    /// The same condition with `and` members that are `and`s (and `or` members
    /// that are `or`s) spliced into their parent, at every level.
    package var flattened: Condition {
        switch self {
        case .isSet, .equals, .notEquals, .unparsed: self
        case .not(let operand, let range): .not(operand.flattened, range)
        case .and(let members, let range):
            .and(members.flatMap { member -> [Condition] in
                if case .and(let inner, _) = member.flattened { inner } else { [member.flattened] }
            }, range)
        case .or(let members, let range):
            .or(members.flatMap { member -> [Condition] in
                if case .or(let inner, _) = member.flattened { inner } else { [member.flattened] }
            }, range)
        }
    }

    /// The members of a conjunction, flattened; any other condition is its own only member.
    package var conjuncts: [Condition] {
        if case .and(let members, _) = flattened { members } else { [flattened] }
    }

    /// Every reference the condition tests, in reading order.
    package var references: [Reference] {
        switch self {
        case .isSet(let reference): [reference]
        case .equals(let a, let b, _), .notEquals(let a, let b, _):
            [a, b].compactMap { if case .reference(let reference) = $0 { reference } else { nil } }
        case .not(let inner, _): inner.references
        case .and(let items, _), .or(let items, _): items.flatMap(\.references)
        case .unparsed: []
        }
    }

        /// The condition that holds where this one does not: `!c`; `c` for
    /// `!c`, `a != b` for `a == b` and `a == b` for `a != b`.
    package var negated: Condition {
        switch self {
        case .not(let inner, _): inner
        case .equals(let a, let b, let range): .notEquals(a, b, range)
        case .notEquals(let a, let b, let range): .equals(a, b, range)
        default: .not(self, range)
        }
    }

    /// Whether this condition holding means `other` holds, as far as conjunction
    /// shows it: every conjunct of `other` is a conjunct of this one
    /// (`a && b` implies `a`, and `b && a`).
    package func implies(_ other: Condition) -> Bool {
        let mine = Set(conjuncts.map(\.canonical))
        return other.conjuncts.allSatisfy { mine.contains($0.canonical) }
    }
}

/// One side of `==` or `!=`.
package enum Operand: Sendable, Hashable {
    case reference(Reference)
    /// The unescaped value; the range includes the quotes.
    case string(String, SourceRange)
    /// The number as written.
    case number(String, SourceRange)

    package var range: SourceRange {
        switch self {
        case .reference(let reference): reference.range
        case .string(_, let range), .number(_, let range): range
        }
    }

    package var isLiteral: Bool {
        if case .reference = self { false } else { true }
    }

    /// A reference as written, a string single-quoted (escaping `\` and `'`), a number as written.
    package var canonical: String {
        switch self {
        case .reference(let reference): return reference.dotted
        case .number(let text, _): return text
        case .string(let value, _):
            var text = "'"
            for c in value.unicodeScalars {
                if c == "\\" || c == "'" { text += "\\" }
                text.unicodeScalars.append(c)
            }
            return text + "'"
        }
    }
}

struct ConditionParser {
    typealias Parsed = (condition: Condition, span: Range<Int>)

    let source: ExpressionSource
    var cursor: TokenCursor
    /// Set by a mistake reported with a fix-it and read past (`=`, `&`,
    /// `|`, two literals compared): the parse goes on to find more, then fails.
    var recovered = false
    /// Whether the last primary read was a bare reference (so `==` could follow it).
    var lastWasReference = false

    static func parse(_ source: ExpressionSource, maxLength: Int, into diagnostics: inout DiagnosticBag) -> Condition? {
        let count = source.scalars.count
        if count > maxLength {
            diagnostics.add(.conditionTooLong(count, limit: maxLength, at: source.range(0..<count)))
            return nil
        }
        guard let tokens = tokens(of: source, into: &diagnostics) else { return nil }
        if tokens.count == 1 {
            diagnostics.add(.emptyCondition(at: source.range(0..<count)))
            return nil
        }
        var parser = ConditionParser(
            source: source,
            cursor: TokenCursor(source, tokens: tokens, context: "condition", endDescription: "end of condition"))
        do {
            let result = try parser.condition(into: &diagnostics)
            return parser.recovered ? nil : result
        } catch {
            return nil
        }
    }

    /// The condition of a conditional value, `tokens` being those before
    /// its `?` followed by an `.end` token at the `?`.
    static func parse(
        _ source: ExpressionSource, tokens: [Token], into diagnostics: inout DiagnosticBag
    ) throws(ParseStop) -> Condition {
        var parser = ConditionParser(
            source: source,
            cursor: TokenCursor(source, tokens: tokens, context: "${...}", endDescription: "'?' in ${...}"))
        let result = try parser.condition(into: &diagnostics)
        if parser.recovered { throw ParseStop() }
        return result
    }

    /// All tokens, or nil when the text cannot be read (each `${...}` reported).
    private static func tokens(of source: ExpressionSource, into diagnostics: inout DiagnosticBag) -> [Token]? {
        var lexer = Lexer(source, at: 0)
        var tokens: [Token] = []
        var interpolated = false
        do {
            while true {
                let token = try lexer.next(into: &diagnostics)
                tokens.append(token)
                if token.kind == .end { break }
                if token.kind == .interpolationStart {
                    interpolated = true
                    reportInterpolation(from: token, lexer: &lexer, source: source, into: &diagnostics)
                }
            }
        } catch {
            return nil
        }
        return interpolated ? nil : tokens
    }

    /// `when: ${name}`: reported over the whole `${...}`, with the bare name as
    /// the fix when a dotted name is all it holds.
    private static func reportInterpolation(
        from start: Token, lexer: inout Lexer, source: ExpressionSource, into diagnostics: inout DiagnosticBag
    ) {
        var inner: Range<Int>?
        var onlyName = true
        var closed = false
        while let token = try? lexer.next(into: &diagnostics), token.kind != .end {
            if token.kind == .closeBrace {
                closed = true
                let range = source.range(start.range.lowerBound..<token.range.upperBound)
                let fix = inner.flatMap { inner in
                    onlyName ? FixIt("write the name without ${}", replacing: range, with: source.text(inner)) : nil
                }
                diagnostics.add(.interpolationInCondition(
                    source.text(start.range.lowerBound..<token.range.upperBound), fix: fix, at: range))
                break
            }
            switch token.kind {
            case .name, .dot: break
            default: onlyName = false
            }
            inner = (inner?.lowerBound ?? token.range.lowerBound)..<token.range.upperBound
        }
        if !closed {
            diagnostics.add(.interpolationInCondition("${", fix: nil, at: source.range(start.range)))
        }
    }

    mutating func condition(into diagnostics: inout DiagnosticBag) throws(ParseStop) -> Condition {
        let result = try or(depth: 0, into: &diagnostics)
        let token = cursor.peek
        switch token.kind {
        case .end:
            return result.condition
        case .closeParen:
            throw cursor.fail(.unmatchedCloseParenthesis(at: source.range(token.range)), into: &diagnostics)
        default:
            throw cursor.fail(cursor.unexpected(token, expected: operatorExpectation(closing: false)), into: &diagnostics)
        }
    }

    private func operatorExpectation(closing: Bool) -> String {
        let operators = lastWasReference ? "'==', '!=', '&&' or '||'" : "'&&' or '||'"
        guard closing else { return operators }
        return lastWasReference ? "'==', '!=', '&&', '||' or ')'" : "'&&', '||' or ')'"
    }

    private mutating func or(depth: Int, into diagnostics: inout DiagnosticBag) throws(ParseStop) -> Parsed {
        var members = [try and(depth: depth, into: &diagnostics)]
        while cursor.peek.kind == .or || cursor.peek.kind == .bar {
            recoverFromSingle(cursor.advance(), into: &diagnostics)
            members.append(try and(depth: depth, into: &diagnostics))
        }
        return combine(members, splicing: { if case .or(let inner, _) = $0 { inner } else { nil } }, into: Condition.or)
    }

    private mutating func and(depth: Int, into diagnostics: inout DiagnosticBag) throws(ParseStop) -> Parsed {
        var members = [try unary(depth: depth, into: &diagnostics)]
        while cursor.peek.kind == .and || cursor.peek.kind == .ampersand {
            recoverFromSingle(cursor.advance(), into: &diagnostics)
            members.append(try unary(depth: depth, into: &diagnostics))
        }
        return combine(members, splicing: { if case .and(let inner, _) = $0 { inner } else { nil } }, into: Condition.and)
    }

    /// One member alone, or the members (a parenthesised member of the same kind spliced in) joined.
    private func combine(
        _ members: [Parsed], splicing: (Condition) -> [Condition]?, into make: ([Condition], SourceRange) -> Condition
    ) -> Parsed {
        guard members.count > 1 else { return members[0] }
        let span = members[0].span.lowerBound..<members[members.count - 1].span.upperBound
        let flat = members.flatMap { splicing($0.condition) ?? [$0.condition] }
        return (make(flat, source.range(span)), span)
    }

    /// `&` read as `&&`, `|` as `||`, after saying so.
    private mutating func recoverFromSingle(_ token: Token, into diagnostics: inout DiagnosticBag) {
        guard token.kind == .ampersand || token.kind == .bar else { return }
        recovered = true
        diagnostics.add(.singleLogicalOperator(source.text(token.range), at: source.range(token.range)))
    }

    private mutating func unary(depth: Int, into diagnostics: inout DiagnosticBag) throws(ParseStop) -> Parsed {
        let token = cursor.peek
        switch token.kind {
        case .not:
            try enter(depth, at: token, into: &diagnostics)
            cursor.advance()
            let operand = try unary(depth: depth + 1, into: &diagnostics)
            lastWasReference = false
            let span = token.range.lowerBound..<cursor.previousEnd
            return (.not(operand.condition, source.range(span)), span)
        case .openParen:
            try enter(depth, at: token, into: &diagnostics)
            cursor.advance()
            let inner = try or(depth: depth + 1, into: &diagnostics)
            let close = cursor.peek
            switch close.kind {
            case .closeParen:
                cursor.advance()
                lastWasReference = false
                // The group's span takes in its parentheses; the condition's own range does not.
                return (inner.condition, token.range.lowerBound..<close.range.upperBound)
            case .end:
                throw cursor.fail(.unclosedParenthesis(at: source.range(token.range)), into: &diagnostics)
            default:
                throw cursor.fail(cursor.unexpected(close, expected: operatorExpectation(closing: true)), into: &diagnostics)
            }
        default:
            return try comparisonOrReference(into: &diagnostics)
        }
    }

    private func enter(_ depth: Int, at token: Token, into diagnostics: inout DiagnosticBag) throws(ParseStop) {
        guard depth >= maxExpressionDepth else { return }
        throw cursor.fail(.expressionTooDeep(
            "condition nests deeper than \(maxExpressionDepth) levels of '(' and '!'",
            at: source.range(token.range)), into: &diagnostics)
    }

    private mutating func comparisonOrReference(into diagnostics: inout DiagnosticBag) throws(ParseStop) -> Parsed {
        let start = cursor.peek.range.lowerBound
        let left = try operand(expected: "a name, a comparison or '('", into: &diagnostics)
        let comparison = cursor.peek
        switch comparison.kind {
        case .equals, .notEquals, .assign:
            cursor.advance()
            if comparison.kind == .assign {
                recovered = true
                diagnostics.add(.singleEquals(at: source.range(comparison.range)))
            }
            let right = try operand(expected: "a name, a quoted string or a number", into: &diagnostics)
            let span = start..<cursor.previousEnd
            let operatorText = comparison.kind == .notEquals ? "!=" : "=="
            if left.isLiteral && right.isLiteral {
                recovered = true
                diagnostics.add(.literalComparison(operatorText, at: source.range(span)))
            }
            lastWasReference = false
            let range = source.range(span)
            return (comparison.kind == .notEquals ? .notEquals(left, right, range) : .equals(left, right, range), span)
        default:
            guard case .reference(let reference) = left else {
                throw cursor.fail(.literalCondition(left), into: &diagnostics)
            }
            lastWasReference = true
            return (.isSet(reference), start..<cursor.previousEnd)
        }
    }

    private mutating func operand(expected: String, into diagnostics: inout DiagnosticBag) throws(ParseStop) -> Operand {
        let token = cursor.peek
        switch token.kind {
        case .name:
            return .reference(try cursor.reference(expected: expected, into: &diagnostics))
        case .string(let value):
            cursor.advance()
            return .string(value, source.range(token.range))
        case .number(let value):
            cursor.advance()
            return .number(value, source.range(token.range))
        default:
            throw cursor.fail(cursor.unexpected(token, expected: expected), into: &diagnostics)
        }
    }
}

extension DiagnosticCode {
    package static let emptyCondition = DiagnosticCode("FW3020", .decoding, "empty condition")
    package static let unbalancedParenthesis = DiagnosticCode("FW3021", .decoding, "unbalanced parenthesis in a condition")
    package static let singleEquals = DiagnosticCode("FW3022", .decoding, "'=' instead of '=='")
    package static let singleLogicalOperator = DiagnosticCode("FW3023", .decoding, "'&' or '|' instead of '&&' or '||'")
    package static let literalComparison = DiagnosticCode("FW3024", .decoding, "comparison of two literals")
    package static let literalCondition = DiagnosticCode("FW3025", .decoding, "a literal used as a condition")
    package static let interpolationInCondition = DiagnosticCode("FW3026", .decoding, "${...} in a condition")
    package static let conditionTooLong = DiagnosticCode("FW3027", .decoding, "condition longer than the limit")
}

extension Diagnostic {
    static func emptyCondition(at range: SourceRange) -> Diagnostic {
        .error(.emptyCondition, "empty condition; expected a name or a comparison such as env == 'prod'", at: range)
    }

    static func unclosedParenthesis(at range: SourceRange) -> Diagnostic {
        .error(.unbalancedParenthesis, "'(' is never closed; expected ')'", at: range)
    }

    static func unmatchedCloseParenthesis(at range: SourceRange) -> Diagnostic {
        .error(.unbalancedParenthesis, "')' has no matching '('", at: range)
    }

    static func singleEquals(at range: SourceRange) -> Diagnostic {
        .error(
            .singleEquals, "'=' is not a comparison; write '=='", at: range,
            fixIts: [FixIt("write ==", replacing: range, with: "==")])
    }

    static func singleLogicalOperator(_ text: String, at range: SourceRange) -> Diagnostic {
        let doubled = text + text
        return .error(
            .singleLogicalOperator, "'\(text)' is not an operator; write '\(doubled)'", at: range,
            fixIts: [FixIt("write \(doubled)", replacing: range, with: doubled)])
    }

    static func literalComparison(_ operatorText: String, at range: SourceRange) -> Diagnostic {
        .error(.literalComparison, "both sides of '\(operatorText)' are literals; one side must be a name", at: range)
    }

    static func literalCondition(_ literal: Operand) -> Diagnostic {
        let text = if case .string(let value, _) = literal { "string \(quoted(value))" } else { quoted(literal.canonical) }
        return .error(
            .literalCondition, "\(text) alone is not a condition; compare a name with it using '==' or '!='",
            at: literal.range)
    }

    static func interpolationInCondition(_ text: String, fix: FixIt?, at range: SourceRange) -> Diagnostic {
        .error(
            .interpolationInCondition, "\(quoted(text)) in a condition; conditions name values without ${}",
            at: range, fixIts: fix.map { [$0] } ?? [], help: fix == nil ? ["write the name without ${}"] : [])
    }

    static func conditionTooLong(_ length: Int, limit: Int, at range: SourceRange) -> Diagnostic {
        .error(.conditionTooLong, "condition is \(length) characters long; the limit is \(limit)", at: range)
    }
}
