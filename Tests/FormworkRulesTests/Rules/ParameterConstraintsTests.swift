import FormworkDiagnostics
@testable import FormworkRules
import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct ParameterConstraintsTests {
    func findings(_ parameters: String) -> (MarkedText, [Diagnostic]) {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
            \(parameters)
            resources:
              jobs: { kind: queue, tags: { a: "${p}" } }
            """)
        return (text, Pipeline.compile(text.text).1)
    }

    @Test func aDefaultOutsideAllowedIsAnErrorAtTheDefaultWithTheClosestValue() throws {
        let (text, diagnostics) = findings("  p: { default: ⟨d⟩prd, allowed: [dev, prod] }")
        #expect(text.findings(diagnostics) == ["FW4040@d"])
        let fix = try #require(diagnostics.first?.fixIts.first)
        #expect(fix.message == "did you mean 'prod'?")
        #expect(fix.edits.first?.text == "prod")
    }

    @Test func aSuggestionYAMLWouldReadAsABooleanIsQuoted() throws {
        let (_, diagnostics) = findings("  p: { default: \"noo\", allowed: [\"yes\", \"no\"] }")
        #expect(diagnostics.first?.fixIts.first?.edits.first?.text == "\"no\"")
    }

    @Test func aDefaultMustMatchThePatternAsAWhole() {
        let (text, diagnostics) = findings(#"  p: { default: ⟨d⟩dev-1x, pattern: "[a-z]+-[0-9]" }"#)
        #expect(text.findings(diagnostics) == ["FW4041@d"])
        let (_, matching) = findings(#"  p: { default: dev-1, pattern: "[a-z]+-[0-9]" }"#)
        #expect(matching.isEmpty, "\(matching)")
    }

    @Test func eachItemOfAListDefaultIsChecked() {
        let (text, diagnostics) = findings("  p: { type: list, default: ⟨d⟩[a, z], allowed: [a, b] }")
        #expect(text.findings(diagnostics) == ["FW4040@d"])
        #expect(diagnostics.first?.message.hasPrefix("default item 'z' of parameter 'p'") == true)
    }

    @Test func aNumberDefaultIsComparedAsWritten() {
        let (_, diagnostics) = findings("  p: { type: number, default: 3, allowed: [\"3\", \"5\"] }")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func aPatternFormworkCannotEvaluateIsAWarningAndChecksNothing() {
        let (text, diagnostics) = findings(#"  p: { default: ABC, pattern: ⟨p⟩"\\p{javaLowerCase}+" }"#)
        #expect(text.findings(diagnostics) == ["FW4042@p"])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func anOptionalParameterWithConstraintsIsNotAnError() {
        let (_, diagnostics) = findings(#"  p: { optional: true, pattern: "^[a-z]+$", allowed: [ab] }"#)
        #expect(diagnostics.allSatisfy { !ParameterConstraints.codes.contains($0.code) }, "\(diagnostics)")
    }

    @Test func overrideValuesAreCheckedAgainstThePatternAndEachListItem() throws {
        let spec = try #require(Pipeline.decode("""
            formwork: 1
            stack: demo
            parameters:
              env: { pattern: "^[a-z]+$" }
              zones: { type: list, allowed: [a, b] }
            resources:
              jobs: { kind: queue }
            """).spec)
        let env = spec.parameters[0], zones = spec.parameters[1]
        #expect(env.violation(of: env.value(ofOverride: "prod")) == nil)
        #expect(env.violation(of: env.value(ofOverride: "Prod")) == .noMatch(item: "Prod", pattern: "^[a-z]+$"))
        #expect(zones.violation(of: zones.value(ofOverride: "a,b")) == nil)
        #expect(zones.violation(of: zones.value(ofOverride: "a,c")) == .notAllowed(item: "c", allowed: ["a", "b"]))
    }
}
