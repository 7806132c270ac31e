/// The text of the files diagnostics point into. A file is split in lines
/// only when a diagnostic is rendered in it, once per `TextRenderer.render`
/// call: a spec without diagnostics costs no line index. The index is one
/// scan of the file's UTF-8 bytes (where each line starts and ends); a
/// line's text and length are taken only for the lines a diagnostic shows.
public struct SourceFiles: Sendable {
    private var texts: [String: String] = [:]
    /// Each indexed file's lines, as UTF-8 offsets into its text.
    private var lines: [String: [Range<Int>]] = [:]
    /// Each indexed line's number of Unicode scalars, counted in the same scan.
    private var scalarCounts: [String: [Int]] = [:]

    public init() {}

    public mutating func add(path: String, text: String) {
        texts[path] = text
        lines[path] = nil
        scalarCounts[path] = nil
    }

    /// Splits the files in `paths` in lines, each once.
    mutating func index(_ paths: some Sequence<String>) {
        for path in paths where lines[path] == nil {
            guard let text = texts[path] else { continue }
            (lines[path], scalarCounts[path]) = Self.lines(of: text)
        }
    }

    /// The number of Unicode scalars of a 1-based line, when indexed.
    func length(ofLine number: Int, in path: String) -> Int? {
        guard let counts = scalarCounts[path], number >= 1, number <= counts.count else { return nil }
        return counts[number - 1]
    }

    /// The text of a 1-based line, when known (from the index, or split for this call).
    public func line(_ number: Int, in path: String) -> Substring? {
        guard let text = texts[path] else { return nil }
        let bounds = lines[path] ?? Self.lines(of: text).lines
        guard number >= 1, number <= bounds.count else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: bounds[number - 1].lowerBound)
        let end = utf8.index(start, offsetBy: bounds[number - 1].count)
        return Substring(text.unicodeScalars[start..<end])
    }

    /// Splits lines where libyaml does: LF, CR, CR LF, NEL (C2 85), LS
    /// (E2 80 A8) and PS (E2 80 A9); a leading byte order mark is not part
    /// of line 1. With each line's scalar count: every byte that does not
    /// continue a scalar starts one.
    private static func lines(of text: String) -> (lines: [Range<Int>], scalars: [Int]) {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            var result: [Range<Int>] = []
            var scalars: [Int] = []
            var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var index = start
            var continuations = 0
            while index < count {
                let byte = bytes[index]
                var length = 0
                switch byte {
                case UInt8(ascii: "\n"): length = 1
                case UInt8(ascii: "\r"): length = index + 1 < count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
                case 0xC2: length = index + 1 < count && bytes[index + 1] == 0x85 ? 2 : 0
                case 0xE2:
                    length = index + 2 < count && bytes[index + 1] == 0x80
                        && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
                default: break
                }
                guard length > 0 else {
                    if byte & 0xC0 == 0x80 { continuations += 1 }
                    index += 1
                    continue
                }
                result.append(start..<index)
                scalars.append(index - start - continuations)
                continuations = 0
                index += length
                start = index
            }
            result.append(start..<count)
            scalars.append(count - start - continuations)
            return (result, scalars)
        }
    }
}

/// Renders diagnostics as compilers do: a parseable header line
/// `path:line:col: error[FW1234]: message`, the source line with a caret
/// under the span, located notes as their own header lines, then one
/// `help:` line per fix-it and then per help text, in that order. A
/// diagnostic about a whole file has the header at `path:1:1` and no source
/// line.
public struct TextRenderer: Sendable {
    public var colors: Bool
    /// Lines longer than this are shown as a window around the span.
    static let maxLineWidth = 160

    public init(colors: Bool = false) {
        self.colors = colors
    }

    public func render(_ diagnostics: [Diagnostic], sources: SourceFiles) -> String {
        var sources = sources
        sources.index(diagnostics.lazy.flatMap { [$0.range.file] + $0.notes.compactMap(\.range?.file) })
        var out = ""
        for diagnostic in diagnostics {
            render(diagnostic, sources: sources, into: &out)
        }
        return out
    }

    public func render(_ diagnostic: Diagnostic, sources: SourceFiles, into out: inout String) {
        let label = "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]"
        out += bold("\(diagnostic.range): ") + paint(label, diagnostic.severity) + bold(": \(diagnostic.message)") + "\n"
        snippet(diagnostic.range, sources: sources, severity: diagnostic.severity, into: &out)
        for note in diagnostic.notes {
            if let range = note.range {
                out += bold("\(range): ") + paint("note", .note) + ": \(note.message)\n"
                snippet(range, sources: sources, severity: .note, into: &out)
            } else {
                out += "  " + paint("note", .note) + ": \(note.message)\n"
            }
        }
        for message in diagnostic.fixIts.map(\.message) + diagnostic.help {
            out += "  " + paint("help", .note) + ": \(message)\n"
        }
    }

    /// The source line and a marker under the span. Only the part of the
    /// line that is shown is copied (a long line is shown as a window), so
    /// a spec written on one long line renders each diagnostic in time
    /// proportional to the window, not the line.
    private func snippet(_ range: SourceRange, sources: SourceFiles, severity: Severity, into out: inout String) {
        guard !range.isWholeFile, let line = sources.line(range.start.line, in: range.file) else { return }
        let number = String(range.start.line)
        let gutter = String(repeating: " ", count: number.count)
        let count = sources.length(ofLine: range.start.line, in: range.file) ?? line.unicodeScalars.count
        let startColumn = range.start.column
        let isLong = count > Self.maxLineWidth
        // A long line is shown as a window around the span.
        let from = isLong ? max(0, min(startColumn - 1 - Self.maxLineWidth / 4, count - Self.maxLineWidth)) : 0
        let to = isLong ? min(count, from + Self.maxLineWidth) : count
        let visible: [Unicode.Scalar]
        if line.utf8.count == count {
            // One byte a scalar: the window's bounds are byte offsets, found without walking the line.
            let start = line.utf8.index(line.startIndex, offsetBy: from)
            visible = Array(line[start..<line.utf8.index(start, offsetBy: to - from)].unicodeScalars)
        } else {
            visible = Array(line.unicodeScalars.dropFirst(from).prefix(to - from))
        }
        // Keep tabs in the caret line so the caret stays under its character.
        var pad = ""
        for index in 0..<max(0, min(startColumn - 1, count) - from) {
            pad.unicodeScalars.append(visible[index] == "\t" ? "\t" : " ")
        }
        let endColumn = range.end.line == range.start.line ? range.end.column : count + 1
        let width = max(1, min(endColumn, count + 1) - startColumn)
        var marker = "^" + String(repeating: "~", count: width - 1)
        // Control characters would garble a terminal: each shows as U+FFFD, one column like the original.
        var shown = String(String.UnicodeScalarView(visible.map { Self.isControl($0) ? "\u{FFFD}" : $0 }))
        if isLong {
            if from > 0 {
                shown = "…" + shown
                pad = " " + pad
            }
            if to < count { shown += "…" }
            marker = String(marker.prefix(max(1, to - max(from, startColumn - 1))))
        }
        out += " \(number) | \(shown)\n"
        out += " \(gutter) | \(pad)" + paint(marker, severity) + "\n"
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    private func paint(_ text: String, _ severity: Severity) -> String {
        guard colors else { return text }
        let code = switch severity {
        case .error: "31"
        case .warning: "33"
        case .note: "36"
        }
        return "\u{1B}[1;\(code)m\(text)\u{1B}[0m"
    }

    private func bold(_ text: String) -> String {
        colors ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }
}
