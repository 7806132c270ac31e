import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct UnusedParametersTests {
    @Test func aParameterNothingRefersToIsAWarning() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              used: { default: a }
              inCondition: { optional: true }
              inComparison: { default: b }
              ⟨unused⟩unused: { default: c }
            resources:
              jobs: { kind: queue, when: "inCondition && inComparison == 'x'", tags: { t: "${used}" } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW3057@unused"])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func noParameterIsUnusedWhenWhereItMayBeUsedWasNotRead() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
            resources:
              jobs: { kind: queue }
            outputs: ⟨notMapping⟩[ "${env}" ]
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW2001@notMapping"])
    }
}
