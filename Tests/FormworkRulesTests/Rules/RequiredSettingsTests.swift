import FormworkDiagnostics
import FormworkTestSupport
import Testing

/// FW4001 (RequiredSettings) and FW4002 (ExplicitAPIAuth), after default injection.
@Suite struct RequiredSettingsTests {
    @Test func handlerAndRuntimeMustComeFromSomewhere() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              api: { auth: iam }
            resources:
              ⟨f⟩f: { kind: function, code: { inline: x } }
              g: { kind: function, code: { inline: x }, handler: a.b, runtime: nodejs22.x }
              stated: { kind: api, stage: v1, auth: none, routes: { GET /: { mock: {} } } }
              defaulted: { kind: api, stage: v1, routes: { GET /: { mock: {} } } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics.with(.missingRequiredSetting, .implicitAuthNone)) == ["FW4001@f", "FW4001@f"])
    }

    @Test func anAPIThatNothingGivesAuthIsAWarning() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              ⟨api⟩api: { kind: api, stage: v1, routes: { GET /: { mock: {} } } }
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW4002@api"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(template != nil)
    }

    @Test func aSettingWrittenWithATypoOrABadValueIsNotReportedMissing() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              function: { ⟨defaultsTypo⟩runtme: nodejs22.x }
            resources:
              a: { kind: function, code: { inline: x }, ⟨typo⟩handlr: a.b }
              b: { kind: function, code: { inline: x }, handler: ⟨boolean⟩yes, runtime: nodejs22.x }
              ⟨c⟩c: { kind: function, code: { inline: x }, runtime: nodejs22.x }
            """)
        // Each typo or bad value is its own error; only the setting nothing tried to give is missing.
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW2002@defaultsTypo", "FW2002@typo", "FW2014@boolean", "FW4001@c"])
        #expect(diagnostics.last?.message == "function 'c' needs 'handler'")
    }

    @Test func aMisspelledDefaultsKindIsNotReportedMissingInEachFunction() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              ⟨typo⟩fuction: { handler: a.b, runtime: nodejs22.x }
            resources:
              a: { kind: function, code: { inline: x } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW2002@typo"])
    }
}
