import FormworkDiagnostics
import Testing

@Suite struct DiagnosticTests {
    let range = SourceRange(file: "a.yaml", start: .init(line: 2, column: 3), end: .init(line: 2, column: 7))

    @Test func aFixItCarriesItsEdits() {
        let fix = FixIt("did you mean 'env'?", replacing: range, with: "env")
        #expect(fix.edits == [TextEdit(replacing: range, with: "env")])
        let two = FixIt("swap them", edits: [TextEdit(replacing: range, with: "b"), TextEdit(replacing: range, with: "a")])
        #expect(two.edits.map(\.text) == ["b", "a"])
    }

    /// Advice that edits nothing is help; a fix-it without an edit stops the
    /// program (as swift-syntax's `FixIt` does), so it cannot reach a tool.
    @Test func aFixItWithoutEditsIsRefused() async {
        await #expect(processExitsWith: .failure) {
            _ = FixIt("split the stack", edits: [])
        }
        await #expect(processExitsWith: .success) {
            let range = SourceRange(file: "a.yaml", line: 1, column: 1)
            _ = FixIt("insert", edits: [TextEdit(replacing: range, with: "x")])
        }
    }

    @Test func helpIsKeptApartFromFixIts() {
        let diagnostic = Diagnostic.warning(
            DiagnosticCode("FW4011", .specChecks, "x"), "m", at: range,
            fixIts: [FixIt("remove it", replacing: range, with: "")], help: ["or keep it"])
        #expect(diagnostic.fixIts.map(\.message) == ["remove it"])
        #expect(diagnostic.help == ["or keep it"])
        #expect(Diagnostic.error(DiagnosticCode("FW4011", .specChecks, "x"), "m", at: range).help.isEmpty)
    }

    @Test func onlyDriverErrorsExitTwo() {
        #expect(Phase.allCases.map(\.exitStatus) == [2, 1, 1, 1, 1, 1])
        #expect(Phase.allCases == [.driver, .yaml, .decoding, .specChecks, .templateChecks, .outputs])
        #expect(Phase.allCases.sorted() == Phase.allCases)
    }

    @Test func diagnosticsExitWithTheirWorstErrorsPhase() {
        func error(_ phase: Phase) -> Diagnostic {
            .error(DiagnosticCode("FW9999", phase, "x"), "m", at: range)
        }
        func warning(_ phase: Phase) -> Diagnostic {
            .warning(DiagnosticCode("FW9999", phase, "x"), "m", at: range)
        }
        #expect([Diagnostic]().exitStatus == 0)
        #expect([warning(.driver), warning(.specChecks)].exitStatus == 0)
        #expect([warning(.driver), error(.yaml)].exitStatus == 1)
        #expect([error(.templateChecks), error(.decoding)].exitStatus == 1)
        #expect([error(.specChecks), error(.driver)].exitStatus == 2)
        #expect([Diagnostic(.note, DiagnosticCode("FW0008", .driver, "x"), "m", at: range)].exitStatus == 0)
    }

    @Test func everyCodeHasAURL() {
        let documented = DiagnosticCode("FW3050", .specChecks, "x")
        #expect(documented.reference == nil)
        #expect(documented.url == "docs/diagnostics.md#fw3050")
        let page = DocumentationPage("Amazon S3 User Guide, \"General purpose bucket naming rules\"",
                                     "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html")
        let fromAWS = DiagnosticCode("FW5100", .specChecks, "x", reference: page)
        #expect(fromAWS.url == page.url)
        #expect(fromAWS.phase == .specChecks)
    }
}
