import FormworkDiagnostics
import Testing

@Suite struct TextRendererTests {
    @Test func rendersHeaderSnippetNotesAndHelp() {
        var sources = SourceFiles()
        sources.add(path: "a.yaml", text: "formwork: 1\nstack: x\nstack: y\n")
        let diagnostic = Diagnostic.error(
            DiagnosticCode("FW1002", "duplicate key"), "duplicate key 'stack'",
            at: SourceRange(file: "a.yaml", start: .init(line: 3, column: 1), end: .init(line: 3, column: 6)),
            notes: [Note("first defined here", at: SourceRange(file: "a.yaml", line: 2, column: 1))],
            fixIts: [FixIt("remove one of the two")])
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

    @Test func colorsOnlyWhenAsked() {
        let diagnostic = Diagnostic.warning(
            DiagnosticCode("FW5001", "x"), "m", at: SourceRange(file: "b.yaml", line: 1, column: 1))
        #expect(!TextRenderer().render([diagnostic], sources: SourceFiles()).contains("\u{1B}"))
        #expect(TextRenderer(colors: true).render([diagnostic], sources: SourceFiles()).contains("\u{1B}[1;33m"))
    }

    @Test func sortsByPositionThenSeverity() {
        let code = DiagnosticCode("FW2001", "x")
        let later = Diagnostic.error(code, "b", at: SourceRange(file: "a", line: 5, column: 1))
        let earlier = Diagnostic.warning(code, "a", at: SourceRange(file: "a", line: 2, column: 9))
        #expect([later, earlier].sortedForDisplay().map(\.message) == ["a", "b"])
    }
}
