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

    @Test func aNameInTextThatDidNotParseCountsAsAUse() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              inString: { default: a }
              inCondition: { default: b }
              inMisspelledWhen: { default: c }
              ⟨unused⟩unused: { default: d }
            resources:
              a: { kind: queue, tags: { t: "x-${inString" } }
              b: { kind: queue, when: "inCondition ==" }
              c: { kind: queue, whn: "inMisspelledWhen == 'x'" }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics).filter { $0.hasPrefix("FW3057") } == ["FW3057@unused"])
        #expect(diagnostics.map(\.code.rawValue).sorted() == ["FW2002", "FW3001", "FW3041", "FW3057"])
    }

    @Test func aNameInAPartTheDecoderDroppedCountsAsAUse() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              inBrokenResource: { default: a }
              inBadVariable: { default: b }
              inBadTrigger: { default: c }
              inBadOutput: { default: d }
              inBadWhen: { optional: true }
              ⟨unused⟩unused: { default: e }
            resources:
              broken: { kind: queu, tags: { t: "${inBrokenResource}" } }
              jobs: { kind: queue }
              worker:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: x }
                environment:
                  1BAD: ${inBadVariable}
                triggers:
                  - { sqs: { queue: jobs }, s3: { bucket: jobs, prefix: "${inBadTrigger}/" }, when: inBadWhen }
            outputs:
              bad-name: ${inBadOutput}
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics).filter { $0.hasPrefix("FW3057") } == ["FW3057@unused"])
    }
}
