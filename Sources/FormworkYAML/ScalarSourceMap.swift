import FormworkDiagnostics

extension YAMLScalar {
    /// The source range of the characters that produced `value`'s Unicode
    /// scalars at `offsets` — exact for every scalar style, so that an error
    /// inside `"media-${envv}"` points at `envv`. An empty range gives the
    /// position before that character. When the source cannot be followed
    /// (which should not happen), the whole scalar's range.
    ///
    /// Each call re-reads the source; to locate many ranges of one scalar,
    /// use one `sourceMap()`.
    package func range(ofValue offsets: Range<Int>) -> SourceRange {
        sourceMap().range(ofValue: offsets)
    }

    /// A map from this scalar's value to its source that reads the source
    /// once, on its first use, and answers every range from that reading.
    package func sourceMap() -> ScalarSourceMap { ScalarSourceMap(self) }

    /// Whether `range(ofValue:)` can follow this scalar's source exactly.
    var hasExactSourceMap: Bool {
        valueSpans(Array(source.unicodeScalars), expected: Array(value.unicodeScalars)) != nil
    }

    /// For each Unicode scalar of `value`, the span of `source` (in scalar
    /// offsets) that produced it; nil unless re-reading the source gives
    /// exactly `value`.
    fileprivate func valueSpans(_ text: [Unicode.Scalar], expected: [Unicode.Scalar]) -> [Piece]? {
        var reader = ScalarReader(text: text)
        let pieces: [Piece]?
        switch style {
        case .plain:
            pieces = reader.flow(text.startIndex..<text.endIndex, quote: nil)
        case .singleQuoted, .doubleQuoted:
            let quote: Unicode.Scalar = style == .singleQuoted ? "'" : "\""
            guard text.count >= 2, text.first == quote, text.last == quote else { return nil }
            pieces = reader.flow(1..<(text.count - 1), quote: quote)
        case .literal, .folded:
            pieces = reader.block(expected: expected)
        }
        guard let pieces, pieces.count == expected.count,
              zip(pieces, expected).allSatisfy({ $0.scalar == $1 }) else { return nil }
        return pieces
    }
}

/// Where each Unicode scalar of a scalar's value came from in its source
/// (`YAMLScalar.range(ofValue:)`). The source is read, and the location of
/// each of its characters computed, once, when the first range is asked
/// for; every range after that is two array look-ups. A `${...}` string or
/// a `when:` locates each of its parts through one map, so the cost is
/// linear in the scalar, however many parts it has.
package final class ScalarSourceMap {
    private enum Table {
        /// The value is the source on one line, after `shift` characters (an opening quote).
        case verbatim(shift: Int, count: Int)
        /// The location of each source character and of the end, and the
        /// source span of each value character (nil when it cannot be followed).
        case mapped(locations: [SourceLocation], spans: [Piece]?)
    }

    private let scalar: YAMLScalar
    private let allowsVerbatim: Bool
    private var table: Table?

    /// `allowsVerbatim: false` always reads the source (for tests comparing the two ways).
    init(_ scalar: YAMLScalar, allowsVerbatim: Bool = true) {
        self.scalar = scalar
        self.allowsVerbatim = allowsVerbatim
    }

    package func range(ofValue offsets: Range<Int>) -> SourceRange {
        let file = scalar.sourceFile
        switch built() {
        case .verbatim(let shift, let count):
            let start = scalar.sourceStart
            func at(_ offset: Int) -> SourceLocation {
                SourceLocation(line: start.line, column: start.column + shift + max(0, min(offset, count)))
            }
            let lower = max(0, min(offsets.lowerBound, count))
            return SourceRange(sourceFile: file, start: at(lower), end: at(max(lower, offsets.upperBound)))
        case .mapped(let locations, nil):
            return SourceRange(sourceFile: file, start: scalar.sourceStart, end: locations[locations.count - 1])
        case .mapped(let locations, let spans?):
            let lower = max(0, min(offsets.lowerBound, spans.count))
            let upper = max(lower, min(offsets.upperBound, spans.count))
            if lower == upper {
                let at = lower < spans.count ? spans[lower].start : (spans.last?.end ?? 0)
                return SourceRange(sourceFile: file, start: locations[at], end: locations[at])
            }
            return SourceRange(sourceFile: file, start: locations[spans[lower].start], end: locations[spans[upper - 1].end])
        }
    }

    private func built() -> Table {
        if let table { return table }
        let made: Table
        if allowsVerbatim, let shift = verbatimShift() {
            made = .verbatim(shift: shift, count: scalar.value.unicodeScalars.count)
        } else {
            let text = Array(scalar.source.unicodeScalars)
            made = .mapped(locations: Self.locations(of: text, from: scalar.sourceStart),
                           spans: scalar.valueSpans(text, expected: Array(scalar.value.unicodeScalars)))
        }
        table = made
        return made
    }

    /// The common case, answered without reading the source character by
    /// character: a scalar on one line whose source is its value, quoted or
    /// not, with nothing escaped (so value offset i is source offset i + shift).
    private func verbatimShift() -> Int? {
        let value = scalar.value.utf8
        let source = scalar.source.utf8
        // An empty quoted value is located at its opening quote, as the full reading does.
        guard !value.isEmpty else { return nil }
        let shift: Int
        switch scalar.style {
        case .plain:
            shift = 0
        case .singleQuoted, .doubleQuoted:
            shift = 1
            let quote = scalar.style == .singleQuoted ? UInt8(ascii: "'") : UInt8(ascii: "\"")
            guard source.count == value.count + 2, source.first == quote, source.last == quote,
                  !value.contains(quote), scalar.style == .singleQuoted || !value.contains(UInt8(ascii: "\\"))
            else { return nil }
        case .literal, .folded:
            return nil
        }
        guard source.count == value.count + 2 * shift,
              source.dropFirst(shift).prefix(value.count).elementsEqual(value),
              !scalar.value.unicodeScalars.contains(where: \.isYAMLLineBreak)
        else { return nil }
        return shift
    }

    /// The location of every offset of `text`, and of its end.
    private static func locations(of text: [Unicode.Scalar], from start: SourceLocation) -> [SourceLocation] {
        var result: [SourceLocation] = []
        result.reserveCapacity(text.count + 1)
        var location = start
        for (i, c) in text.enumerated() {
            result.append(location)
            if !(c == "\n" && i > 0 && text[i - 1] == "\r") {
                location = location.advanced(over: CollectionOfOne(c))
            }
        }
        result.append(location)
        return result
    }
}

extension SourceLocation {
    /// The location after `text`, counting line breaks as libyaml does
    /// (CR LF, CR, LF, NEL, LS and PS).
    func advanced(over text: some Sequence<Unicode.Scalar>) -> SourceLocation {
        var location = self
        var afterCR = false
        for c in text {
            if c == "\n" && afterCR {
                afterCR = false
                continue
            }
            afterCR = c == "\r"
            if c.isYAMLLineBreak {
                location = SourceLocation(line: location.line + 1, column: 1)
            } else {
                location.column += 1
            }
        }
        return location
    }
}

extension Unicode.Scalar {
    /// A line break as libyaml reads YAML 1.1: CR, LF, NEL, LS or PS.
    var isYAMLLineBreak: Bool {
        self == "\n" || self == "\r" || self == "\u{85}" || self == "\u{2028}" || self == "\u{2029}"
    }
}

/// One Unicode scalar of a value and the source offsets that produced it.
private struct Piece {
    var scalar: Unicode.Scalar
    var start: Int
    var end: Int
}

/// Re-reads a scalar's source the way libyaml's scanner does, recording where
/// each value character came from.
private struct ScalarReader {
    let text: [Unicode.Scalar]
    var out: [Piece] = []

    init(text: [Unicode.Scalar]) {
        self.text = text
    }

    static func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }

    /// The length of the line break at `i` (2 for CR LF), or 0.
    func breakLength(at i: Int) -> Int {
        guard i < text.count, text[i].isYAMLLineBreak else { return 0 }
        return text[i] == "\r" && i + 1 < text.count && text[i + 1] == "\n" ? 2 : 1
    }

    /// The line break at `i` as it appears in a value: LS and PS stay, every other break is LF.
    func lineBreak(at i: Int, length: Int) -> Piece {
        let c = text[i]
        return Piece(scalar: c == "\u{2028}" || c == "\u{2029}" ? c : "\n", start: i, end: i + length)
    }

    // MARK: - Plain and quoted scalars

    /// Plain (`quote` nil), single- and double-quoted content: runs of blanks
    /// and line breaks between other characters are kept within a line and
    /// folded across lines.
    mutating func flow(_ range: Range<Int>, quote: Unicode.Scalar?) -> [Piece]? {
        var blanks: [Piece] = []
        var breaks: [Piece] = []
        var escapedBreak = false
        var inRun = false
        var i = range.lowerBound
        while i < range.upperBound {
            let c = text[i]
            if Self.isBlank(c) {
                if breaks.isEmpty && !escapedBreak { blanks.append(Piece(scalar: c, start: i, end: i + 1)) }
                inRun = true
                i += 1
                continue
            }
            let length = breakLength(at: i)
            if length > 0 {
                if breaks.isEmpty && !escapedBreak { blanks.removeAll() }
                breaks.append(lineBreak(at: i, length: length))
                inRun = true
                i += length
                continue
            }
            if inRun {
                fold(blanks: blanks, breaks: breaks, escapedBreak: escapedBreak)
                blanks.removeAll()
                breaks.removeAll()
                escapedBreak = false
                inRun = false
            }
            if quote == "'" && c == "'" {
                guard i + 1 < range.upperBound, text[i + 1] == "'" else { return nil }
                out.append(Piece(scalar: "'", start: i, end: i + 2))
                i += 2
            } else if quote == "\"" && c == "\\" {
                guard i + 1 < range.upperBound else { return nil }
                let length = breakLength(at: i + 1)
                if length > 0 {
                    escapedBreak = true
                    inRun = true
                    i += 1 + length
                    continue
                }
                guard let (scalar, length) = escape(at: i, end: range.upperBound) else { return nil }
                out.append(Piece(scalar: scalar, start: i, end: i + length))
                i += length
            } else {
                out.append(Piece(scalar: c, start: i, end: i + 1))
                i += 1
            }
        }
        if inRun { fold(blanks: blanks, breaks: breaks, escapedBreak: escapedBreak) }
        return out
    }

    /// Blanks within a line stay; one line break becomes a space (at the
    /// break), and n > 1 breaks become n - 1 line feeds. After an escaped
    /// line break every following break is kept.
    mutating func fold(blanks: [Piece], breaks: [Piece], escapedBreak: Bool) {
        if escapedBreak {
            out += breaks
        } else if breaks.isEmpty {
            out += blanks
        } else if breaks[0].scalar == "\n" {
            if breaks.count == 1 {
                out.append(Piece(scalar: " ", start: breaks[0].start, end: breaks[0].end))
            } else {
                out += breaks.dropFirst()
            }
        } else {
            out += breaks
        }
    }

    /// A double-quoted escape sequence at `i` (a backslash): its character and length.
    func escape(at i: Int, end: Int) -> (Unicode.Scalar, Int)? {
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "0": "\0", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}",
            "f": "\u{0C}", "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "'": "'", "\\": "\\",
            "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
        ]
        let c = text[i + 1]
        if let scalar = simple[c] { return (scalar, 2) }
        let digits = c == "x" ? 2 : c == "u" ? 4 : c == "U" ? 8 : 0
        guard digits > 0, i + 2 + digits <= end else { return nil }
        var code: UInt32 = 0
        for d in text[(i + 2)..<(i + 2 + digits)] {
            guard d.isASCII, let v = Int(String(d), radix: 16) else { return nil }
            code = code << 4 | UInt32(v)
        }
        guard let scalar = Unicode.Scalar(code) else { return nil }
        return (scalar, 2 + digits)
    }

    // MARK: - Block scalars

    /// A literal or folded block scalar. The indentation is found as libyaml
    /// finds it; with an explicit indentation indicator it depends on the
    /// parent's indentation, which the text does not show, so each possible
    /// one is tried until the value matches.
    mutating func block(expected: [Unicode.Scalar]) -> [Piece]? {
        guard let first = text.first, first == "|" || first == ">" else { return nil }
        let literal = first == "|"
        var chomping = 0
        var increment = 0
        var i = 1
        for _ in 0..<2 where i < text.count {
            if text[i] == "+" || text[i] == "-" {
                chomping = text[i] == "+" ? 1 : -1
                i += 1
            } else if text[i].isASCII, let digit = Int(String(text[i])), (1...9).contains(digit) {
                increment = digit
                i += 1
            }
        }
        while i < text.count, Self.isBlank(text[i]) { i += 1 }
        if i < text.count, text[i] == "#" {
            while i < text.count, breakLength(at: i) == 0 { i += 1 }
        }
        let length = breakLength(at: i)
        guard length > 0 || i == text.count else { return nil }
        let contentStart = i + length
        guard increment > 0 else {
            return blockContent(from: contentStart, literal: literal, chomping: chomping, indent: 0)
        }
        let widest = text.split(whereSeparator: \.isYAMLLineBreak).map { $0.prefix { $0 == " " }.count }.max() ?? 0
        for indent in increment...(increment + widest + 1) {
            out.removeAll()
            if let pieces = blockContent(from: contentStart, literal: literal, chomping: chomping, indent: indent),
               pieces.map(\.scalar) == expected {
                return pieces
            }
        }
        return nil
    }

    /// Follows libyaml's `yaml_parser_scan_block_scalar` from the line after the header.
    mutating func blockContent(from start: Int, literal: Bool, chomping: Int, indent startIndent: Int) -> [Piece]? {
        var indent = startIndent
        var i = start
        var column = 0
        var leadingBreak: Piece?
        var trailingBreaks: [Piece] = []
        var leadingBlank = false

        // Indentation and empty lines; sets the indentation when not known yet.
        func scanBreaks() -> Bool {
            var maxIndent = 0
            while true {
                while indent == 0 || column < indent, i < text.count, text[i] == " " {
                    i += 1
                    column += 1
                }
                maxIndent = max(maxIndent, column)
                if indent == 0 || column < indent, i < text.count, text[i] == "\t" { return false }
                let length = breakLength(at: i)
                guard length > 0 else { break }
                trailingBreaks.append(lineBreak(at: i, length: length))
                i += length
                column = 0
            }
            if indent == 0 { indent = max(maxIndent, 1) }
            return true
        }

        guard scanBreaks() else { return nil }
        while column == indent, i < text.count {
            let trailingBlank = Self.isBlank(text[i])
            if !literal, let lead = leadingBreak, lead.scalar == "\n", !leadingBlank, !trailingBlank {
                if trailingBreaks.isEmpty { out.append(Piece(scalar: " ", start: lead.start, end: lead.end)) }
            } else if let lead = leadingBreak {
                out.append(lead)
            }
            leadingBreak = nil
            out += trailingBreaks
            trailingBreaks.removeAll()
            leadingBlank = trailingBlank
            while i < text.count, breakLength(at: i) == 0 {
                out.append(Piece(scalar: text[i], start: i, end: i + 1))
                i += 1
                column += 1
            }
            let length = breakLength(at: i)
            if length > 0 {
                leadingBreak = lineBreak(at: i, length: length)
                i += length
                column = 0
            }
            guard scanBreaks() else { return nil }
        }
        if chomping != -1, let lead = leadingBreak { out.append(lead) }
        if chomping == 1 { out += trailingBreaks }
        return out
    }
}
