import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW6001 (DeclaredQuotas): declared counts, and the least the components expand to.
@Suite struct DeclaredQuotasTests {
    /// Functions of four resources each: with a dead-letter queue, which the least bound does not count.
    private func functions(_ count: Int) -> String {
        (0..<count).map { "  f\($0): { kind: function, runtime: nodejs22.x, handler: a.b, code: { inline: x }, deadLetterQueue: true }" }
            .joined(separator: "\n")
    }

    @Test func anApiWhoseRoutesAlonePassTheQuotaIsStoppedBeforeLowering() {
        let routes = (0..<498).map { "      GET /p\($0): { mock: {} }" }.joined(separator: "\n")
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              ⟨api⟩api:
                kind: api
                stage: v1
                auth: iam
                routes:
            \(routes)
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW6001@api"])
        #expect(diagnostics.first?.message == "'api' takes the template to at least 501 resources; CloudFormation takes at most 500")
        #expect(template == nil)
    }

    @Test func theLeastIsCountedAcrossResources() {
        // 166 functions are at least 498 resources; an api (3) takes it over, at the api.
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
            \(functions(166))
              ⟨api⟩api: { kind: api, stage: v1, auth: iam, routes: { GET /: { mock: {} } } }
            """)
        #expect(text.findings(Pipeline.compile(text.text).diagnostics) == ["FW6001@api"])
    }

    /// Under the least bound, the exact count after lowering decides (TemplateQuotas, FW6005).
    @Test func underTheBoundTheTemplateRuleCounts() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
            \(functions(126))
            """)
        let codes = Pipeline.compile(text.text).diagnostics.map(\.code.rawValue)
        #expect(codes == ["FW6005"])
    }
}
