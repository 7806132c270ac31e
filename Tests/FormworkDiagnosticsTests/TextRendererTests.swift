import FormworkDiagnostics
import FormworkTestSupport
import Testing

@Suite struct TextRendererTests {
    @Test func rendersHeaderSnippetNotesAndHelp() {
        let source = MarkedText("formwork: 1\n⟨first⟩stack: x\n⟨second⟩stack⟨/second⟩: y\n", file: "a.yaml")
        var sources = SourceFiles()
        sources.add(path: "a.yaml", text: source.text)
        let diagnostic = Diagnostic.error(
            DiagnosticCode("FW1002", .yaml, "duplicate key"), "duplicate key 'stack'", at: source.sourceRange("second"),
            notes: [Note("first defined here", at: source.sourceRange("first", "first"))],
            help: ["remove one of the two"])
        let text = TextRenderer().render([diagnostic], sources: sources)
        #expect(text == """
            a.yaml:3:1: error[FW1002]: duplicate key 'stack'
             3 | stack: y
               | ^~~~~
            a.yaml:2:1: note: first defined here
             2 | stack: x
               | ^
              help: remove one of the two

            """)
    }

    /// Fix-its and help print alike, as `help:` lines: fix-its first, then
    /// help, each in the order given. The edits themselves are not printed.
    @Test func rendersFixItsThenHelp() {
        var sources = SourceFiles()
        sources.add(path: "a.yaml", text: "name: ${sorce}\n")
        let range = SourceRange(file: "a.yaml", start: .init(line: 1, column: 9), end: .init(line: 1, column: 14))
        let diagnostic = Diagnostic.error(
            DiagnosticCode("FW3050", .specChecks, "unknown name"), "'sorce' is not a parameter", at: range,
            fixIts: [FixIt("did you mean 'source'?", replacing: range, with: "source"),
                     FixIt("or write 'target'", replacing: range, with: "target")],
            help: ["declare it under parameters:", "or remove it"])
        #expect(TextRenderer().render([diagnostic], sources: sources) == """
            a.yaml:1:9: error[FW3050]: 'sorce' is not a parameter
             1 | name: ${sorce}
               |         ^~~~~
              help: did you mean 'source'?
              help: or write 'target'
              help: declare it under parameters:
              help: or remove it

            """)
    }

    /// A diagnostic about a whole file is located at 1:1, so editors can jump
    /// to it, and shows no source line even when the file's text is known.
    @Test func rendersAWholeFileDiagnosticWithoutASnippet() {
        var sources = SourceFiles()
        sources.add(path: "a.yaml", text: "formwork: 1\n")
        let diagnostic = Diagnostic.error(
            DiagnosticCode("FW0007", .driver, "bad --param"), "--param evn: the spec has no parameter 'evn'",
            at: .wholeFile("a.yaml"), help: ["did you mean 'env'?"])
        #expect(TextRenderer().render([diagnostic], sources: sources) == """
            a.yaml:1:1: error[FW0007]: --param evn: the spec has no parameter 'evn'
              help: did you mean 'env'?

            """)
    }

    @Test func aWholeFileIsNotAPlaceInIt() {
        let whole = SourceRange.wholeFile("a.yaml")
        let place = SourceRange(file: "a.yaml", line: 1, column: 1)
        #expect(whole.isWholeFile)
        #expect(!place.isWholeFile)
        #expect((whole.start, whole.end) == (place.start, place.end))
        #expect(whole != place)
        #expect(whole < place && !(place < whole))
        #expect(whole.description == "a.yaml:1:1")
    }

    @Test func colorsOnlyWhenAsked() {
        let diagnostic = Diagnostic.warning(
            DiagnosticCode("FW5001", .specChecks, "x"), "m", at: SourceRange(file: "b.yaml", line: 1, column: 1))
        #expect(!TextRenderer().render([diagnostic], sources: SourceFiles()).contains("\u{1B}"))
        #expect(TextRenderer(colors: true).render([diagnostic], sources: SourceFiles()).contains("\u{1B}[1;33m"))
    }

    @Test func sortsByPositionThenSeverity() {
        let code = DiagnosticCode("FW2001", .decoding, "x")
        let later = Diagnostic.error(code, "b", at: SourceRange(file: "a", line: 5, column: 1))
        let earlier = Diagnostic.warning(code, "a", at: SourceRange(file: "a", line: 2, column: 9))
        #expect([later, earlier].sortedForDisplay().map(\.message) == ["a", "b"])
    }

    @Test func splitsLinesWhereLibYAMLDoes() {
        var sources = SourceFiles()
        sources.add(path: "c.yaml", text: "\u{FEFF}a: 1\r\nb: 2\rc: 3\u{2028}d: 4")
        #expect(sources.line(1, in: "c.yaml") == "a: 1")
        #expect(sources.line(2, in: "c.yaml") == "b: 2")
        #expect(sources.line(3, in: "c.yaml") == "c: 3")
        #expect(sources.line(4, in: "c.yaml") == "d: 4")
        #expect(sources.line(5, in: "c.yaml") == nil)
    }

    @Test func showsAWindowOfALongLine() {
        let line = MarkedText(
            String(repeating: "[", count: 599) + "⟨deep⟩[⟨/deep⟩" + String(repeating: "[", count: 400) + "x", file: "d.yaml")
        var sources = SourceFiles()
        sources.add(path: "d.yaml", text: line.text)
        let diagnostic = Diagnostic.error(DiagnosticCode("FW1005", .yaml, "x"), "too deep", at: line.sourceRange("deep"))
        let text = TextRenderer().render([diagnostic], sources: sources)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].count < 200)
        #expect(lines[1].hasPrefix(" 1 | …[[["))
        #expect(lines[1].hasSuffix("[…"))
        // The caret stays under the same character of the window.
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        #expect(caret == " 1 | ".count + "…".count + 40)
    }

    /// The window of a long line, exactly: tabs kept in the caret line, a
    /// span running onto the next line cut at the window's end, a span at
    /// the end of the line, and a line with control characters.
    @Test func windowsOfALongLineExactly() {
        func times(_ text: String, _ n: Int) -> String { String(repeating: text, count: n) }
        let head: String = times("a", 100) + "\t" + times("b", 99)
        let text: String = head + "XYZ" + times("c", 300) + "\u{7}" + "\nnext line\n"
        var sources = SourceFiles()
        sources.add(path: "w.yaml", text: text)
        let code = DiagnosticCode("FW1001", .yaml, "x")
        func render(_ start: Int, _ endLine: Int, _ endColumn: Int) -> [String] {
            let range = SourceRange(file: "w.yaml", start: FormworkDiagnostics.SourceLocation(line: 1, column: start),
                                    end: FormworkDiagnostics.SourceLocation(line: endLine, column: endColumn))
            return TextRenderer().render([.error(code, "m", at: range)], sources: sources).split(separator: "\n").map(String.init)
        }
        let prefix = " 1 | "
        let caretPrefix: String = "   |  " + times(" ", 40)
        // The span XYZ at column 201: the window starts 40 columns before it.
        let span = render(201, 1, 204)
        let window: String = times("b", 40) + "XYZ" + times("c", 117)
        #expect(span[1] == prefix + "…" + window + "…")
        #expect(span[2] == caretPrefix + "^~~")
        // Onto the next line: the marker stops at the window's end.
        let onward = render(201, 2, 3)
        #expect(onward[2] == caretPrefix + "^" + times("~", 119))
        // At the line's end (past the control character, shown as U+FFFD): the window is the last 160 columns.
        let last = render(505, 1, 505)
        let lastWindow: String = times("c", 159) + "\u{FFFD}"
        #expect(last[1] == prefix + "…" + lastWindow)
        #expect(last[2] == "   |  " + times(" ", 160) + "^")
        // The tab stays in the caret line.
        let afterTab = render(103, 1, 104)
        let tabWindow: String = times("a", 38) + "\t" + times("b", 99) + "XYZ" + times("c", 19)
        #expect(afterTab[1] == prefix + "…" + tabWindow + "…")
        let tabCaret: String = times(" ", 38) + "\t" + " ^"
        #expect(afterTab[2] == "   |  " + tabCaret)
        // Near the start, the window starts at the line's start.
        let early = render(20, 1, 21)
        #expect(early[1] == prefix + times("a", 100) + "\t" + times("b", 59) + "…")
        #expect(early[2] == "   | " + times(" ", 19) + "^")
    }

    /// A line's length is counted in scalars, not bytes: the window at the
    /// end of a line of two- and three-byte characters is its last 160.
    @Test func windowsOfALongNonASCIILine() {
        let text = String(repeating: "é", count: 200) + String(repeating: "☕", count: 100) + "\nnext\n"
        var sources = SourceFiles()
        sources.add(path: "u.yaml", text: text)
        let range = SourceRange(file: "u.yaml", start: FormworkDiagnostics.SourceLocation(line: 1, column: 301),
                                end: FormworkDiagnostics.SourceLocation(line: 1, column: 301))
        let lines = TextRenderer().render([.error(DiagnosticCode("FW1001", .yaml, "x"), "m", at: range)], sources: sources)
            .split(separator: "\n").map(String.init)
        #expect(lines[1] == " 1 | …" + String(repeating: "é", count: 60) + String(repeating: "☕", count: 100))
        #expect(lines[2] == "   |  " + String(repeating: " ", count: 160) + "^")
    }
}
