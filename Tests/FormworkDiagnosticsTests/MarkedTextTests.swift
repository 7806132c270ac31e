import FormworkDiagnostics
import FormworkTestSupport
import Testing

/// The marker parser every test's expected positions rely on.
@Suite struct MarkedTextTests {
    @Test func markersAreStrippedAndCountedInUnicodeScalars() {
        let marked = MarkedText("a⟨x⟩é🚀⟨y⟩b")
        #expect(marked.text == "aé🚀b")
        #expect(marked["x"] == 1 && marked["y"] == 3)
        #expect(marked.offsets("x", "y") == 1..<3)
        #expect(MarkedText("no ⟨ close").text == "no ⟨ close")
    }

    @Test func locationsAreOneBasedLinesAndColumns() {
        let marked = MarkedText("⟨start⟩ab\n  ⟨c⟩cd⟨/c⟩\n⟨end⟩")
        #expect(marked.location("start") == SourceLocation(line: 1, column: 1))
        #expect(marked.location("c") == SourceLocation(line: 2, column: 3))
        #expect(marked.location("end") == SourceLocation(line: 3, column: 1))
        #expect(marked.sourceRange("c") == SourceRange(
            file: "t.yaml", start: SourceLocation(line: 2, column: 3), end: SourceLocation(line: 2, column: 5)))
        #expect(marked.span("c") == "2:3-2:5")
        #expect(marked.span("start", "c") == "1:1-2:3")
    }

    @Test func linesBreakWhereLibYAMLBreaksThem() {
        let marked = MarkedText("a\r\n⟨crlf⟩b\r⟨cr⟩c\u{85}⟨nel⟩d\u{2028}⟨ls⟩e\u{2029}⟨ps⟩f")
        #expect(["crlf", "cr", "nel", "ls", "ps"].map { marked.location($0).line } == [2, 3, 4, 5, 6])
        #expect(["crlf", "cr", "nel", "ls", "ps"].allSatisfy { marked.location($0).column == 1 })
    }

    @Test func aLeadingByteOrderMarkTakesNoColumn() {
        #expect(MarkedText("\u{FEFF}⟨a⟩a: 1").location("a") == SourceLocation(line: 1, column: 1))
        #expect(MarkedText("a\u{FEFF}⟨b⟩").location("b") == SourceLocation(line: 1, column: 3))
    }

    @Test func findingsNameTheMarkerOrSayWhereTheyAre() {
        let marked = MarkedText("⟨one⟩a: 1\nb: ⟨two⟩⟨also⟩2\n")
        let code = DiagnosticCode("FW9999", .specChecks, "test")
        let diagnostics = [(2, 4), (1, 1), (2, 1)].map { line, column in
            Diagnostic.error(code, "m", at: SourceRange(file: "t.yaml", line: line, column: column))
        }
        #expect(marked.findings(diagnostics) == ["FW9999@one", "FW9999@2:1", "FW9999@also|two"])
    }
}
