import Synchronization

/// The resource schemas' `pattern`s, as cfn-lint evaluates them (Python's
/// `re.search`: a match anywhere unless anchored, `$` also before a final
/// line feed, `\Z` only at the end, `\w`, `\d`, `\s` and `.` over Unicode,
/// `.` not matching a line feed).
///
/// Most patterns are plain: classes, groups, alternations, quantifiers,
/// anchors, lookaheads, `\p{L}`-style categories. `SchemaPattern` reads
/// those itself, in microseconds; compiling them with Swift's `Regex` costs
/// a thousand times more, which a compile that checks a dozen generated
/// values would pay on every run. A pattern it cannot read (lookbehind,
/// inline flags, named groups, backreferences) goes to `Regex`; one neither
/// reads is not checked. Each pattern is compiled once per process.
enum SchemaPatterns {
    private enum Compiled {
        case own(SchemaPattern)
        case regex(Regex<AnyRegexOutput>)
        case unreadable
    }

    private static let compiled = Mutex<[String: Compiled]>([:])

    /// Whether `text` matches `pattern`; nil when it cannot be told (the
    /// pattern is unreadable, or matching it would take too long).
    static func matches(_ pattern: String, _ text: String) -> Bool? {
        let program = compiled.withLock { cache -> Compiled in
            if let known = cache[pattern] { return known }
            let program: Compiled = if let own = SchemaPattern(pattern) {
                .own(own)
            } else if let regex = try? Regex(pattern) {
                .regex(regex.matchingSemantics(.unicodeScalar))
            } else {
                .unreadable
            }
            cache[pattern] = program
            return program
        }
        switch program {
        case .own(let own): return own.search(text)
        case .regex(let regex): return (try? regex.firstMatch(in: text)) != nil
        case .unreadable: return nil
        }
    }
}

/// A backtracking matcher for the regular expressions resource schemas
/// write; see `SchemaPatterns`.
struct SchemaPattern: Sendable {
    indirect enum Node: Sendable {
        case scalar(Unicode.Scalar)
        case set(ScalarSet)
        case start
        /// `$` (also before a final line feed) or `\Z` / `\z` (only at the end).
        case end(beforeFinalNewline: Bool)
        case group([[Node]])
        case repetition(Node, min: Int, max: Int)
        case lookahead([[Node]], negated: Bool)
    }

    struct ScalarSet: Sendable {
        enum Item: Sendable {
            case range(UInt32, UInt32)
            case digit, word, space, notDigit, notWord, notSpace
            /// A Unicode general category family (`\p{L}`: its first letter).
            case category(Character)
            case anyButNewline
        }

        var items: [Item]
        var negated: Bool

        func contains(_ s: Unicode.Scalar) -> Bool {
            items.contains { item in
                switch item {
                case .range(let low, let high): low <= s.value && s.value <= high
                case .digit: Self.isDigit(s)
                case .notDigit: !Self.isDigit(s)
                case .word: Self.isWord(s)
                case .notWord: !Self.isWord(s)
                case .space: Self.isSpace(s)
                case .notSpace: !Self.isSpace(s)
                case .category(let family): Self.family(of: s) == family
                case .anyButNewline: s != "\n"
                }
            } != negated
        }

        static func isDigit(_ s: Unicode.Scalar) -> Bool { s.properties.numericType == .decimal }
        static func isWord(_ s: Unicode.Scalar) -> Bool {
            s == "_" || s.properties.isAlphabetic || s.properties.numericType != nil
        }
        static func isSpace(_ s: Unicode.Scalar) -> Bool {
            (0x09...0x0D).contains(s.value) || (0x1C...0x20).contains(s.value) || s.properties.isWhitespace
        }
        static func family(of s: Unicode.Scalar) -> Character {
            switch s.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: "L"
            case .nonspacingMark, .spacingMark, .enclosingMark: "M"
            case .decimalNumber, .letterNumber, .otherNumber: "N"
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation: "P"
            case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: "S"
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: "Z"
            default: "C"
            }
        }
    }

    let alternatives: [[Node]]

    /// Nil when the pattern uses what this matcher does not read.
    init?(_ pattern: String) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        guard let alternatives = parser.alternation(), parser.position == parser.scalars.count else { return nil }
        self.alternatives = alternatives
    }

    /// Whether the pattern matches anywhere in `text`; nil when matching
    /// takes more steps than a value of a template can be worth.
    func search(_ text: String) -> Bool? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count <= 100_000 else { return nil }
        var matcher = Matcher(scalars: scalars)
        let whole: [Node] = [.group(alternatives)]
        for start in 0...scalars.count {
            if matcher.sequence(whole[...], start, { _, _ in true }) { return true }
            if matcher.steps > Matcher.budget { return nil }
        }
        return false
    }

    private struct Matcher {
        static let budget = 200_000
        let scalars: [Unicode.Scalar]
        var steps = 0

        /// Whether `nodes` match from `i` and `done` accepts where they end (and so the rest of the pattern).
        mutating func sequence(_ nodes: ArraySlice<Node>, _ i: Int, _ done: (Int, inout Matcher) -> Bool) -> Bool {
            steps += 1
            guard steps <= Self.budget else { return false }
            guard let node = nodes.first else { return done(i, &self) }
            let rest = nodes.dropFirst()
            switch node {
            case .scalar(let s):
                return i < scalars.count && scalars[i] == s && sequence(rest, i + 1, done)
            case .set(let set):
                return i < scalars.count && set.contains(scalars[i]) && sequence(rest, i + 1, done)
            case .start:
                return i == 0 && sequence(rest, i, done)
            case .end(let beforeFinalNewline):
                let atEnd = i == scalars.count || (beforeFinalNewline && i == scalars.count - 1 && scalars[i] == "\n")
                return atEnd && sequence(rest, i, done)
            case .group(let alternatives):
                for alternative in alternatives {
                    if sequence(alternative[...], i, { end, this in this.sequence(rest, end, done) }) { return true }
                }
                return false
            case .lookahead(let alternatives, let negated):
                var found = false
                for alternative in alternatives where !found {
                    found = sequence(alternative[...], i) { _, _ in true }
                }
                return found != negated && sequence(rest, i, done)
            case .repetition(.scalar(let s), let min, let max):
                return repeatedOne(min: min, max: max, i, rest, done) { $0 == s }
            case .repetition(.set(let set), let min, let max):
                return repeatedOne(min: min, max: max, i, rest, done) { set.contains($0) }
            case .repetition(let inner, let min, let max):
                return repeated(inner, min: min, max: max, count: 0, i, rest, done)
            }
        }

        /// A repeated scalar or class, without a frame per scalar: the longest
        /// run, then shorter ones.
        mutating func repeatedOne(min: Int, max: Int, _ i: Int, _ rest: ArraySlice<Node>,
                                  _ done: (Int, inout Matcher) -> Bool, _ matches: (Unicode.Scalar) -> Bool) -> Bool
        {
            var end = i
            while end - i < max, end < scalars.count, matches(scalars[end]) { end += 1 }
            while end - i >= min {
                if sequence(rest, end, done) { return true }
                if end == i || steps > Self.budget { return false }
                end -= 1
            }
            return false
        }

        /// Greedy: as many of `inner` as match (up to `max`), then back off.
        /// A frame per repetition, so the depth is bounded.
        mutating func repeated(_ inner: Node, min: Int, max: Int, count: Int, _ i: Int, _ rest: ArraySlice<Node>,
                               _ done: (Int, inout Matcher) -> Bool) -> Bool
        {
            guard count < 1_000 else {
                steps = Self.budget + 1
                return false
            }
            if count < max {
                let matchedMore = sequence([inner][...], i) { end, this in
                    // An empty match repeated again would loop.
                    end > i && this.repeated(inner, min: min, max: max, count: count + 1, end, rest, done)
                }
                if matchedMore { return true }
            }
            return count >= min && sequence(rest, i, done)
        }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        mutating func alternation() -> [[Node]]? {
            var alternatives: [[Node]] = []
            var current: [Node] = []
            while let c = peek, c != ")" {
                if c == "|" {
                    position += 1
                    alternatives.append(current)
                    current = []
                    continue
                }
                guard var atom = atom() else { return nil }
                if let (min, max) = quantifier() {
                    if case .start = atom { return nil }
                    atom = .repetition(atom, min: min, max: max)
                }
                current.append(atom)
            }
            alternatives.append(current)
            return alternatives
        }

        mutating func quantifier() -> (Int, Int)? {
            guard let c = peek else { return nil }
            var bounds: (Int, Int)
            switch c {
            case "*": bounds = (0, .max); position += 1
            case "+": bounds = (1, .max); position += 1
            case "?": bounds = (0, 1); position += 1
            case "{":
                let save = position
                position += 1
                guard let low = number() else { position = save; return nil }
                var high = low
                if peek == "," {
                    position += 1
                    high = number() ?? .max
                }
                guard peek == "}", low <= high else { position = save; return nil }
                position += 1
                bounds = (low, high)
            default: return nil
            }
            if peek == "?" { position += 1 }  // lazy: the same answer to "does it match"
            return bounds
        }

        mutating func number() -> Int? {
            var n: Int?
            while let c = peek, c.isASCII, ("0"..."9").contains(c) {
                n = (n ?? 0) * 10 + Int(c.value - 0x30)
                guard n! < 100_000 else { return nil }
                position += 1
            }
            return n
        }

        mutating func atom() -> Node? {
            guard let c = peek else { return nil }
            position += 1
            switch c {
            case "(":
                var lookahead: Bool?
                if peek == "?" {
                    position += 1
                    switch peek {
                    case ":": lookahead = nil
                    case "=": lookahead = false
                    case "!": lookahead = true
                    default: return nil  // lookbehind, flags, named groups
                    }
                    position += 1
                }
                guard let alternatives = alternation(), peek == ")" else { return nil }
                position += 1
                if let negated = lookahead { return .lookahead(alternatives, negated: negated) }
                return .group(alternatives)
            case "[": return characterClass().map(Node.set)
            case ".": return .set(ScalarSet(items: [.anyButNewline], negated: false))
            case "^": return .start
            case "$": return .end(beforeFinalNewline: true)
            case "\\":
                guard let escaped = peek else { return nil }
                position += 1
                if escaped == "Z" || escaped == "z" { return .end(beforeFinalNewline: false) }
                if escaped == "A" { return .start }
                return escape(escaped).map { item in
                    if case .range(let low, let high) = item, low == high, let s = Unicode.Scalar(low) { return .scalar(s) }
                    return .set(ScalarSet(items: [item], negated: false))
                }
            case ")", "*", "+", "?", "{", "|": return nil
            default: return .scalar(c)
            }
        }

        /// After a backslash: a class, or one scalar as a range of one.
        mutating func escape(_ c: Unicode.Scalar) -> ScalarSet.Item? {
            switch c {
            case "d": return .digit
            case "D": return .notDigit
            case "w": return .word
            case "W": return .notWord
            case "s": return .space
            case "S": return .notSpace
            case "n": return .range(0x0A, 0x0A)
            case "t": return .range(0x09, 0x09)
            case "r": return .range(0x0D, 0x0D)
            case "f": return .range(0x0C, 0x0C)
            case "v": return .range(0x0B, 0x0B)
            case "p":
                // \p{L}: a general category family; two-letter categories and \P are not read.
                guard peek == "{", position + 2 < scalars.count, scalars[position + 2] == "}",
                      "LMNPSZC".unicodeScalars.contains(scalars[position + 1]) else { return nil }
                let family = Character(scalars[position + 1])
                position += 3
                return .category(family)
            default:
                // An escaped letter or digit means something this matcher does not read (\b, \1, \x…).
                if c.properties.isAlphabetic || c.properties.numericType != nil { return nil }
                return .range(c.value, c.value)
            }
        }

        mutating func characterClass() -> ScalarSet? {
            var set = ScalarSet(items: [], negated: false)
            if peek == "^" {
                set.negated = true
                position += 1
            }
            var first = true
            while let c = peek, c != "]" || first {
                first = false
                position += 1
                var item: ScalarSet.Item
                if c == "\\" {
                    guard let escaped = peek else { return nil }
                    position += 1
                    guard let parsed = escape(escaped) else { return nil }
                    item = parsed
                } else if c == "[" {
                    return nil  // POSIX classes and nested sets are read differently by each engine
                } else {
                    item = .range(c.value, c.value)
                }
                // A range `a-z`; a `-` first, last or after a class is itself.
                if case .range(let low, let same) = item, low == same, peek == "-", position + 1 < scalars.count,
                   scalars[position + 1] != "]"
                {
                    position += 1
                    var high = scalars[position]
                    position += 1
                    if high == "\\" {
                        guard let escaped = peek, case .range(let value, let same)? = escape(escaped), value == same
                        else { return nil }
                        position += 1
                        high = Unicode.Scalar(value) ?? high
                    }
                    guard low <= high.value else { return nil }
                    item = .range(low, high.value)
                }
                set.items.append(item)
            }
            guard peek == "]" else { return nil }
            position += 1
            return set
        }
    }
}
