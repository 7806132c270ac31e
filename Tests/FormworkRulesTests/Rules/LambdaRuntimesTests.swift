import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5300, FW5301, FW5302 (LambdaRuntimes).
@Suite struct LambdaRuntimesTests {
    @Test func unknownRuntimesGetTheClosestCurrentOne() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              a: { kind: function, handler: a.b, runtime: ⟨typo⟩nodejs22, code: { inline: x } }
              b: { kind: function, handler: a.b, runtime: ⟨far⟩golang, code: { bucket: artifacts, key: b.zip } }
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5300@typo", "FW5300@far"])
        #expect(diagnostics[0].fixIts.flatMap(\.edits).map(\.text) == ["nodejs22.x"])
        #expect(diagnostics[1].fixIts.isEmpty && diagnostics[1].help == ["use a current runtime, like nodejs22.x or python3.13"])
        #expect(template == nil)
    }

    @Test func aDeprecatedRuntimeFromDefaultsIsReportedOnce() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              function: { runtime: ⟨defaults⟩python3.9 }
            resources:
              a: { kind: function, handler: a.b, runtime: ⟨own⟩nodejs18.x, code: { inline: x } }
              b: { kind: function, handler: a.b, code: { inline: x } }
              c: { kind: function, handler: a.b, code: { inline: x } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5301@defaults", "FW5301@own"])
        #expect(diagnostics.map(\.message) == ["runtime 'python3.9' was deprecated on 2025-12-15",
                                               "runtime 'nodejs18.x' was deprecated on 2025-09-01"])
    }

    @Test func inlineCodeNeedsNodeOrPython() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              a: { kind: function, handler: A::B, runtime: ⟨runtime⟩java21, code: { inline: ⟨code⟩x } }
              b: { kind: function, handler: a.b, runtime: python3.13, code: { inline: x } }
              c: { kind: function, handler: A::B, runtime: java21, code: { bucket: artifacts, key: c.zip } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5302@code"])
        #expect(diagnostics.first?.notes.first?.range?.start == text.location("runtime"))
    }
}
