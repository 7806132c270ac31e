import FormworkDiagnostics

/// Test input with position markers, so expected positions are visible in the
/// test text itself instead of as `line:column` numbers a reader must count.
///
/// `⟨name⟩` marks the place it stands in; `⟨name⟩…⟨/name⟩` marks a range
/// called `name`. The markers are stripped from `text`, and each is asked for
/// by name: `location("key")` is the 1-based line and column (counted in
/// Unicode scalars, as libyaml counts them), `sourceRange("key")` and
/// `span("key")` the range, and `findings(diagnostics)` says each
/// diagnostic's code and the marker it starts at:
///
///     let spec = MarkedText("""
///         resources:
///           jobs: { kind: queue, ⟨typo⟩retentionDay: 3 }
///         """)
///     #expect(spec.findings(Pipeline.decode(spec.text).diagnostics) == ["FW2002@typo"])
package struct MarkedText: Sendable {
    /// The text without its markers.
    package let text: String
    /// The file diagnostics about `text` name (the pipeline's `t.yaml`).
    package let file: String
    /// Where each marker stood, in Unicode scalars of `text`.
    package let markers: [String: Int]

    package init(_ marked: String, file: String = "t.yaml") {
        var text = ""
        var markers: [String: Int] = [:]
        var count = 0
        var scalars = marked.unicodeScalars[...]
        while let c = scalars.popFirst() {
            if c == "⟨", let close = scalars.firstIndex(of: "⟩") {
                let name = String(scalars[..<close])
                precondition(markers[name] == nil, "marker ⟨\(name)⟩ appears twice")
                markers[name] = count
                scalars = scalars[scalars.index(after: close)...]
                continue
            }
            text.unicodeScalars.append(c)
            count += 1
        }
        self.text = text
        self.file = file
        self.markers = markers
    }

    /// The offset of marker `name`, which must be present.
    package subscript(_ name: String) -> Int {
        guard let offset = markers[name] else { preconditionFailure("no marker ⟨\(name)⟩") }
        return offset
    }

    /// The offsets from marker `start` to marker `end` (by default `⟨/start⟩`).
    package func offsets(_ start: String, _ end: String? = nil) -> Range<Int> {
        self[start]..<self[end ?? "/" + start]
    }

    /// The line and column of marker `name`.
    package func location(_ name: String) -> SourceLocation {
        location(ofOffset: self[name])
    }

    /// The range from marker `start` to marker `end` (by default `⟨/start⟩`) in `file`.
    package func sourceRange(_ start: String, _ end: String? = nil) -> SourceRange {
        SourceRange(file: file, start: location(start), end: location(end ?? "/" + start))
    }

    /// `line:column-line:column` from marker `start` to marker `end` (by
    /// default `⟨/start⟩`), to compare with `SourceRange.span`.
    package func span(_ start: String, _ end: String? = nil) -> String {
        sourceRange(start, end).span
    }

    /// `CODE@marker` for each diagnostic in display order: the marker its
    /// range starts at, or `line:column` where no marker stands (so a failure
    /// still says where the finding was). Several markers at one place are
    /// named together, sorted, as `a|b`.
    package func findings(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.sortedForDisplay().map { "\($0.code)@\(name(at: $0.range.start))" }
    }

    /// The marker at `location`, or `line:column` where there is none.
    package func name(at location: SourceLocation) -> String {
        let names = markers.keys.filter { self.location($0) == location }.sorted()
        return names.isEmpty ? location.description : names.joined(separator: "|")
    }

    /// Lines break where libyaml breaks them (`\n`, `\r\n`, `\r`, NEL, LS, PS),
    /// and a byte order mark at the start takes no column.
    private func location(ofOffset offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        var previous: Unicode.Scalar?
        for (index, scalar) in text.unicodeScalars.prefix(offset).enumerated() {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r":
                continue
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            case "\u{FEFF}" where index == 0:
                continue
            default:
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }
}

extension SourceRange {
    /// `line:column-line:column`: both ends, for assertions (`description` shows the start only).
    package var span: String { "\(start)-\(end)" }
}

/// A locator for text that sits on one line of a file, starting at `column`:
/// offset `n` is column `column + n`.
package func singleLineLocator(
    file: String = "test.yaml", line: Int = 1, column: Int = 10
) -> @Sendable (Range<Int>) -> SourceRange {
    { offsets in
        SourceRange(
            file: file,
            start: SourceLocation(line: line, column: column + offsets.lowerBound),
            end: SourceLocation(line: line, column: column + offsets.upperBound))
    }
}
