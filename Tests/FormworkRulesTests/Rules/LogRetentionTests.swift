import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5303 (LogRetention).
@Suite struct LogRetentionTests {
    @Test func retentionIsOneOfCloudWatchsPeriodsWithTheNearestAsFix() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              function: { logs: { retentionDays: ⟨defaults⟩10 } }
            resources:
              a: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, logs: { retentionDays: ⟨own⟩45 } }
              b: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x } }
              c: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x } }
              d: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, logs: { retentionDays: 30 } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        // The value from defaults is reported once, not once per function that takes it.
        #expect(text.findings(diagnostics) == ["FW5303@defaults", "FW5303@own"])
        #expect(diagnostics.flatMap(\.fixIts).flatMap(\.edits).map(\.text) == ["7", "30"])
    }
}
