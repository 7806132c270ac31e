import FormworkCFN
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

    @Test func everyBranchOfAConditionalRetentionIsJudged() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              env: { type: string, default: dev, allowed: [dev, prod] }
            defaults:
              function: { logs: { retentionDays: "${env == 'prod' ? 365 : ⟨defaults⟩2}" } }
            resources:
              a: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x },
                   logs: { retentionDays: "${env == 'prod' ? ⟨prod⟩500 : ⟨dev⟩10}" } }
              b: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x } }
              c: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x } }
              d: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x },
                   logs: { retentionDays: "${env == 'prod' ? 3653 : 7}" } }
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5303@defaults", "FW5303@prod", "FW5303@dev"])
        #expect(diagnostics.flatMap(\.fixIts).flatMap(\.edits).map(\.text) == ["1", "545", "7"])
        #expect(template == nil)
    }

    @Test func aConditionalRetentionIsAnFnIfBetweenPeriods() {
        let (template, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            parameters:
              env: { type: string, default: dev, allowed: [dev, prod] }
            resources:
              a: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x },
                   logs: { retentionDays: "${env == 'prod' ? 365 : 7}" } }
            """)
        #expect(diagnostics.isEmpty)
        let retention = template?.resource("ALogGroup")?.properties["RetentionInDays"]
        #expect(retention.map(JSONWriter.writeMinified) == #"{"Fn::If":["EnvIsProd",365,7]}"#)
    }
}
