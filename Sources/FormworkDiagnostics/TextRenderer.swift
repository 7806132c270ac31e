/// The text of the files diagnostics point into, split in lines once.
public struct SourceFiles: Sendable {
    private var lines: [String: [Substring]] = [:]

    public init() {}

    public mutating func add(path: String, text: String) {
        var text = Substring(text)
        if text.unicodeScalars.first == "\u{FEFF}" { text = text.dropFirst() }
        lines[path] = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.last == "\r" ? $0.dropLast() : $0
        }
    }

    /// The text of a 1-based line, when known.
    public func line(_ number: Int, in path: String) -> Substring? {
        guard let fileLines = lines[path], number >= 1, number <= fileLines.count else { return nil }
        return fileLines[number - 1]
    }
}

/// Renders diagnostics as compilers do: a parseable header line
/// `path:line:col: error[FW1234]: message`, the source line with a caret
/// under the span, located notes as their own header lines, then `help:` lines.
public struct TextRenderer: Sendable {
    public var colors: Bool

    public init(colors: Bool = false) {
        self.colors = colors
    }

    public func render(_ diagnostics: [Diagnostic], sources: SourceFiles) -> String {
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
        for fixIt in diagnostic.fixIts {
            out += "  " + paint("help", .note) + ": \(fixIt.message)\n"
        }
    }

    private func snippet(_ range: SourceRange, sources: SourceFiles, severity: Severity, into out: inout String) {
        guard let line = sources.line(range.start.line, in: range.file) else { return }
        let number = String(range.start.line)
        let gutter = String(repeating: " ", count: number.count)
        let scalars = Array(line.unicodeScalars)
        // Keep tabs in the caret line so the caret stays under its character.
        var pad = ""
        for index in 0..<max(0, min(range.start.column - 1, scalars.count)) {
            pad.unicodeScalars.append(scalars[index] == "\t" ? "\t" : " ")
        }
        let startColumn = range.start.column
        let endColumn = range.end.line == range.start.line ? range.end.column : scalars.count + 1
        let width = max(1, min(endColumn, scalars.count + 1) - startColumn)
        let marker = "^" + String(repeating: "~", count: width - 1)
        out += " \(number) | \(line)\n"
        out += " \(gutter) | \(pad)" + paint(marker, severity) + "\n"
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
