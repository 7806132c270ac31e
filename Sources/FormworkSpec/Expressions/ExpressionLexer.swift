import FormworkDiagnostics
import FormworkFacts

// The scanner and token cursor shared by the `${...}` parser
// (InterpolatedString.swift) and the `when:` parser (Condition.swift):
// tokens, string and number literals, dotted references, and the diagnostics
// both report the same way.

/// Maps a range of Unicode-scalar offsets in an expression's text to the source
/// range of those characters. The YAML layer provides it for each scalar.
package typealias SourceLocator = (Range<Int>) -> SourceRange

/// The deepest nesting an expression may have: `(` and `!` in a condition,
/// `??` fallbacks in one `${...}`. Keeps the parsers' recursion (and that of
/// every later pass over the tree) bounded.
let maxExpressionDepth = 64

/// A dotted name: `env`, `uploads.arn`, `aws.region`, `api.Outputs.Url`.
package struct Reference: Sendable, Hashable {
    package var path: [String]
    /// One range per segment of `path`.
    package var ranges: [SourceRange]
    package var range: SourceRange

    package init(path: [String], ranges: [SourceRange], range: SourceRange) {
        precondition(!path.isEmpty && path.count == ranges.count, "a reference has one range per segment")
        self.path = path
        self.ranges = ranges
        self.range = range
    }

    package var root: String { path[0] }
    /// The path as written: `uploads.arn`.
    package var dotted: String { path.joined(separator: ".") }
}

/// The text of one scalar, as Unicode scalars, and where it is.
struct ExpressionSource {
    let scalars: [Unicode.Scalar]
    let locate: SourceLocator

    func range(_ offsets: Range<Int>) -> SourceRange { locate(offsets) }

    func text(_ offsets: Range<Int>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[offsets])
        return text
    }
}

extension ExpressionSource {
    /// The names the lexer reads in `offsets` that do not follow a `.`
    /// (`uploads` in `uploads.arn`): what a malformed expression names, as
    /// far as it can be read. The lexer's own diagnostics are dropped: the
    /// parser has reported why the expression is malformed.
    func rootNames(in offsets: Range<Int>) -> [String] {
        var lexer = Lexer(self, at: offsets.lowerBound)
        var ignored = DiagnosticBag()
        var names: [String] = []
        var afterDot = false
        while lexer.position < offsets.upperBound, let token = try? lexer.next(into: &ignored), token.kind != .end,
              token.range.upperBound <= offsets.upperBound {
            if case .name(let name) = token.kind, !afterDot { names.append(name) }
            afterDot = token.kind == .dot
        }
        return names
    }
}

/// Thrown once a parse cannot go on; the diagnostic saying why is already recorded.
struct ParseStop: Error {}

struct Token {
    enum Kind: Equatable {
        case name(String), string(String), number(String)
        case dot, fallback, openParen, closeParen, not, and, or, equals, notEquals
        /// Mistakes the condition parser reports with a fix-it: `=`, `&`, `|`.
        case assign, ampersand, bar
        case interpolationStart, closeBrace
        /// A conditional value's `?` and `:`; a mapping lookup's `[` and `]`.
        case question, colon, openBracket, closeBracket
        /// A character no token starts with.
        case invalid
        case end
    }

    var kind: Kind
    var range: Range<Int>
}

struct Lexer {
    let source: ExpressionSource
    private(set) var position: Int

    init(_ source: ExpressionSource, at position: Int) {
        self.source = source
        self.position = position
    }

    private var scalars: [Unicode.Scalar] { source.scalars }

    private func scalar(at index: Int) -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    /// The next token. Reports bad escapes in string literals and goes on;
    /// reports an unterminated string literal and throws.
    mutating func next(into diagnostics: inout DiagnosticBag) throws(ParseStop) -> Token {
        while let c = scalar(at: position), c == " " || c == "\t" || c == "\n" || c == "\r" {
            position += 1
        }
        let start = position
        guard let c = scalar(at: position) else { return Token(kind: .end, range: start..<start) }
        let following = scalar(at: position + 1)

        func token(_ kind: Token.Kind, length: Int) -> Token {
            position = start + length
            return Token(kind: kind, range: start..<position)
        }

        switch c {
        case "'", "\"":
            return try stringLiteral(quote: c, into: &diagnostics)
        case _ where c.isNameStart:
            position += 1
            while let next = scalar(at: position), next.isNameContinuation { position += 1 }
            return Token(kind: .name(source.text(start..<position)), range: start..<position)
        case _ where c.isDigit || (c == "-" && following?.isDigit == true):
            position += 1
            while let next = scalar(at: position), next.isDigit { position += 1 }
            if scalar(at: position) == ".", scalar(at: position + 1)?.isDigit == true {
                position += 1
                while let next = scalar(at: position), next.isDigit { position += 1 }
            }
            return Token(kind: .number(source.text(start..<position)), range: start..<position)
        case ".": return token(.dot, length: 1)
        case "(": return token(.openParen, length: 1)
        case ")": return token(.closeParen, length: 1)
        case "}": return token(.closeBrace, length: 1)
        case "?": return following == "?" ? token(.fallback, length: 2) : token(.question, length: 1)
        case ":": return token(.colon, length: 1)
        case "[": return token(.openBracket, length: 1)
        case "]": return token(.closeBracket, length: 1)
        case "$" where following == "{": return token(.interpolationStart, length: 2)
        case "!": return following == "=" ? token(.notEquals, length: 2) : token(.not, length: 1)
        case "=": return following == "=" ? token(.equals, length: 2) : token(.assign, length: 1)
        case "&": return following == "&" ? token(.and, length: 2) : token(.ampersand, length: 1)
        case "|": return following == "|" ? token(.or, length: 2) : token(.bar, length: 1)
        default: return token(.invalid, length: 1)
        }
    }

    private mutating func stringLiteral(
        quote: Unicode.Scalar, into diagnostics: inout DiagnosticBag
    ) throws(ParseStop) -> Token {
        let start = position
        position += 1
        var value = ""
        while let c = scalar(at: position) {
            if c == quote {
                position += 1
                return Token(kind: .string(value), range: start..<position)
            }
            if c == "\\", let escaped = scalar(at: position + 1) {
                if escaped != "'" && escaped != "\"" && escaped != "\\" {
                    diagnostics.add(.invalidEscape(
                        source.text(position..<position + 2),
                        at: source.range(position..<position + 2),
                        backslash: source.range(position..<position + 1)))
                }
                value.unicodeScalars.append(escaped)
                position += 2
                continue
            }
            value.unicodeScalars.append(c)
            position += 1
        }
        diagnostics.add(.unterminatedStringLiteral(quote: quote, at: source.range(start..<start + 1)))
        throw ParseStop()
    }
}

extension Unicode.Scalar {
    var isDigit: Bool { self.isASCIIDigit }
    var isNameStart: Bool { self.isASCIILetter || self == "_" }
    var isNameContinuation: Bool { isNameStart || isDigit }
}

/// Walks a token list that ends with an `.end` token; the shared pieces of
/// both grammars: references, literals and "unexpected" diagnostics.
struct TokenCursor {
    let source: ExpressionSource
    let tokens: [Token]
    /// Where the tokens stand, for messages: `${...}` or `condition`.
    let context: String
    /// How the `.end` token reads in messages, context included:
    /// `'}' in ${...}` or `end of condition`.
    let endDescription: String
    private(set) var index = 0

    init(_ source: ExpressionSource, tokens: [Token], context: String, endDescription: String) {
        precondition(tokens.last?.kind == .end, "token lists end with .end")
        self.source = source
        self.tokens = tokens
        self.context = context
        self.endDescription = endDescription
    }

    var peek: Token { tokens[index] }
    var atEnd: Bool { peek.kind == .end }
    /// The offset just after the last token taken.
    var previousEnd: Int { index == 0 ? tokens[0].range.lowerBound : tokens[index - 1].range.upperBound }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if token.kind != .end { index += 1 }
        return token
    }

    /// A dotted reference; `expected` says what the first token should have been.
    mutating func reference(expected: String, into diagnostics: inout DiagnosticBag) throws(ParseStop) -> Reference {
        let first = peek
        guard case .name(let root) = first.kind else {
            throw fail(unexpected(first, expected: expected), into: &diagnostics)
        }
        advance()
        var path = [root]
        var ranges = [source.range(first.range)]
        while peek.kind == .dot {
            let dot = advance()
            let segment = peek
            switch segment.kind {
            case .name(let name):
                advance()
                path.append(name)
                ranges.append(source.range(segment.range))
            case .invalid, .string, .number:
                throw fail(unexpected(segment, expected: "a name after '.'"), into: &diagnostics)
            default:
                throw fail(.missingPathSegment(
                    after: source.text(first.range.lowerBound..<dot.range.upperBound),
                    at: source.range(dot.range)), into: &diagnostics)
            }
        }
        return Reference(path: path, ranges: ranges, range: source.range(first.range.lowerBound..<previousEnd))
    }

    /// An "unexpected ..." diagnostic at `token`.
    func unexpected(_ token: Token, expected: String) -> Diagnostic {
        let at = source.range(token.range)
        switch token.kind {
        case .invalid:
            return .unexpectedCharacter(source.text(token.range), in: context, expected: expected, at: at)
        case .end:
            return .unexpectedToken(endDescription, expected: expected, at: at)
        case .string(let value):
            return .unexpectedToken("string \(quoted(value)) in \(context)", expected: expected, at: at)
        default:
            return .unexpectedToken("\(quoted(source.text(token.range))) in \(context)", expected: expected, at: at)
        }
    }

    func fail(_ diagnostic: Diagnostic, into diagnostics: inout DiagnosticBag) -> ParseStop {
        diagnostics.add(diagnostic)
        return ParseStop()
    }
}

/// `'text'`, shortened when long, for messages.
package func quoted(_ text: String) -> String {
    let limit = 40
    let scalars = text.unicodeScalars
    guard scalars.count > limit else { return "'\(text)'" }
    var short = ""
    short.unicodeScalars.append(contentsOf: scalars.prefix(limit))
    return "'\(short)…'"
}

extension DiagnosticCode {
    package static let unexpectedCharacter = DiagnosticCode("FW3040", .decoding, "unexpected character in an expression")
    package static let unexpectedToken = DiagnosticCode("FW3041", .decoding, "unexpected token in an expression")
    package static let unterminatedStringLiteral = DiagnosticCode("FW3042", .decoding, "unterminated string literal")
    package static let invalidEscape = DiagnosticCode("FW3043", .decoding, "unknown escape in a string literal")
    package static let missingPathSegment = DiagnosticCode("FW3044", .decoding, "missing name after '.'")
    package static let expressionTooDeep = DiagnosticCode("FW3045", .decoding, "expression nested too deeply")

    /// Every code the expression parsers emit, in order.
    package static let allExpressionCodes: [DiagnosticCode] = [
        .unterminatedInterpolation, .emptyInterpolation, .danglingFallback, .trailingTokens,
        .nestedInterpolation, .cloudFormationSubSyntax,
        .emptyCondition, .unbalancedParenthesis, .singleEquals, .singleLogicalOperator,
        .literalComparison, .literalCondition, .interpolationInCondition, .conditionTooLong,
        .unexpectedCharacter, .unexpectedToken, .unterminatedStringLiteral, .invalidEscape,
        .missingPathSegment, .expressionTooDeep,
    ]
}

extension Diagnostic {
    static func unexpectedCharacter(_ character: String, in context: String, expected: String, at range: SourceRange) -> Diagnostic {
        .error(.unexpectedCharacter, "unexpected '\(character)' in \(context); expected \(expected)", at: range)
    }

    /// `what` names the token and where it stands: `')' in condition`.
    static func unexpectedToken(_ what: String, expected: String, at range: SourceRange) -> Diagnostic {
        .error(.unexpectedToken, "unexpected \(what); expected \(expected)", at: range)
    }

    static func unterminatedStringLiteral(quote: Unicode.Scalar, at range: SourceRange) -> Diagnostic {
        let closing = quote == "'" ? "\"'\"" : "'\"'"
        return .error(.unterminatedStringLiteral, "unterminated string literal; expected a closing \(closing)", at: range)
    }

    static func invalidEscape(_ escape: String, at range: SourceRange, backslash: SourceRange) -> Diagnostic {
        .error(
            .invalidEscape, "unknown escape '\(escape)' in a string literal; only \\', \\\" and \\\\ are allowed",
            at: range, fixIts: [FixIt("write \\\\ for a backslash", replacing: backslash, with: "\\\\")])
    }

    static func missingPathSegment(after path: String, at range: SourceRange) -> Diagnostic {
        .error(.missingPathSegment, "expected a name after '.' in '\(path)'", at: range)
    }

    static func expressionTooDeep(_ message: String, at range: SourceRange) -> Diagnostic {
        .error(.expressionTooDeep, message, at: range)
    }
}
