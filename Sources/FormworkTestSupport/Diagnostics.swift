import FormworkDiagnostics

/// Finding diagnostics by code, the one way tests do it.
extension Sequence where Element == Diagnostic {
    /// The diagnostics with one of `codes`, in order.
    package func with(_ codes: DiagnosticCode...) -> [Diagnostic] { with(codes) }

    /// The diagnostics with one of `codes` (a phase's `DiagnosticCode.all…Codes`), in order.
    package func with(_ codes: [DiagnosticCode]) -> [Diagnostic] { filter { codes.contains($0.code) } }

    /// The diagnostics with none of `codes`, for fixtures that declare more
    /// than a test uses (`.without(.unusedParameter)`).
    package func without(_ codes: DiagnosticCode...) -> [Diagnostic] { filter { !codes.contains($0.code) } }
}

extension Sequence {
    /// The only element (diagnostic, fix-it); nil when there are none or several.
    package var only: Element? {
        var iterator = makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else { return nil }
        return first
    }
}

extension FixIt {
    /// `text` with the fix-it's edits made, for a one-line edit (columns
    /// count Unicode scalars, as the YAML layer counts them): what the user
    /// gets by taking it.
    package func applied(to text: String) -> String {
        // By scalars: "\r\n" is one Character, but two scalars and one line break.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        for edit in edits.sorted(by: { ($0.range.start.line, $0.range.start.column) > ($1.range.start.line, $1.range.start.column) }) {
            let range = edit.range
            precondition(range.start.line == range.end.line, "applied(to:) takes one-line edits")
            let line = range.start.line - 1
            lines[line].replaceSubrange(range.start.column - 1..<range.end.column - 1, with: edit.text.unicodeScalars)
        }
        return lines.map { line in var s = ""; s.unicodeScalars.append(contentsOf: line); return s }.joined(separator: "\n")
    }
}
