import FormworkDiagnostics

/// Test input with position markers: `⟨name⟩` marks the place it stands in,
/// so expected positions are visible in the test text itself. The markers are
/// stripped from `text`; `offsets` holds where each stood, counted in Unicode
/// scalars of the stripped text.
package struct MarkedText: Sendable {
    package let text: String
    package let offsets: [String: Int]

    package init(_ marked: String) {
        var text = ""
        var offsets: [String: Int] = [:]
        var count = 0
        var scalars = marked.unicodeScalars[...]
        while let c = scalars.popFirst() {
            if c == "⟨", let close = scalars.firstIndex(of: "⟩") {
                let name = String(scalars[..<close])
                precondition(offsets[name] == nil, "marker ⟨\(name)⟩ appears twice")
                offsets[name] = count
                scalars = scalars[scalars.index(after: close)...]
                continue
            }
            text.unicodeScalars.append(c)
            count += 1
        }
        self.text = text
        self.offsets = offsets
    }

    /// The offset of marker `name`, which must be present.
    package subscript(_ name: String) -> Int {
        guard let offset = offsets[name] else { preconditionFailure("no marker ⟨\(name)⟩") }
        return offset
    }

    /// The offsets from marker `start` to marker `end`.
    package func range(_ start: String, _ end: String) -> Range<Int> { self[start]..<self[end] }
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
