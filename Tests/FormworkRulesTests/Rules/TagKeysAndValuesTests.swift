import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW4030 (TagKeysAndValues): each tag's key and value follow AWS's rules.
@Suite struct TagKeysAndValuesTests {
    @Test func keysAndLiteralValuesOfStackAndResourceTags() {
        let long = String(repeating: "k", count: 129)
        let text = MarkedText("""
            formwork: 1
            stack: demo
            tags: { ⟨reserved⟩"aws:x": a, ⟨long⟩\(long): b, ok: ⟨value⟩\(String(repeating: "v", count: 257)), ⟨upper⟩AWS:y: c }
            resources:
              jobs: { kind: queue, tags: { ⟨empty⟩"": x, fine: "${aws.region}\(String(repeating: "v", count: 256))" } }
            """)
        let diagnostics = Pipeline.compile(text.text).diagnostics
        #expect(text.findings(diagnostics) == ["FW4030@reserved", "FW4030@long", "FW4030@value", "FW4030@upper", "FW4030@empty"])
        #expect(diagnostics.map(\.message) == [
            "tag key 'aws:x' uses the reserved prefix 'aws:'",
            "a tag key must be 1 to 128 characters, found 129",
            "a tag value must be at most 256 characters, found 257",
            "tag key 'AWS:y' uses the reserved prefix 'aws:'",
            "a tag key must be 1 to 128 characters, found 0",
        ])
    }

    @Test func aBadTagIsReportedWithTheOtherSpecErrors() {
        // A spec rule, so it is reported next to other spec errors (the tag count is not).
        let text = MarkedText("""
            formwork: 1
            stack: demo
            tags: { ⟨tag⟩"aws:x": a }
            resources:
              ⟨f⟩f: { kind: function, code: { inline: x } }
            """)
        #expect(text.findings(Pipeline.compile(text.text).diagnostics.with(.invalidTag, .missingRequiredSetting))
            == ["FW4030@tag", "FW4001@f", "FW4001@f"])
    }
}
