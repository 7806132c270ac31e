import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5305, FW5306, FW5310, FW5312 (S3Triggers).
@Suite struct S3TriggersTests {
    /// A bucket `b` and a function with one trigger per entry of `triggers`
    /// (and the lines of `function`); a parameter `env` when they use it.
    func spec(_ triggers: [String], function: String = "") -> MarkedText {
        let parameters = (triggers.joined() + function).contains("env") ? "parameters:\n  env: { default: dev }\n" : ""
        return MarkedText("""
        formwork: 1
        stack: demo
        \(parameters)resources:
          b: { kind: bucket }
          f:
            kind: function
            handler: a.b
            runtime: nodejs22.x
            code: { inline: x }
        \(function)
            triggers:
        \(triggers.map { "      - \($0)" }.joined(separator: "\n"))
        """)
    }

    @Test func eventsAreS3EventTypes() {
        let text = spec(["s3: { bucket: b, events: [⟨typo⟩\"s3:ObjectCreated:Putt\", ⟨far⟩ObjectRemoved, \"s3:ObjectRemoved:*\"] }"])
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5305@typo", "FW5305@far"])
        #expect(diagnostics[0].fixIts.flatMap(\.edits).map(\.text) == ["s3:ObjectCreated:Put"])
    }

    @Test func overlapsAreFoundThroughTheSortedPrefixes() {
        // Reported at the bucket of the narrower trigger (its default event), with a note at the wider one.
        let text = spec([
            "⟨wider⟩s3: { bucket: b, prefix: a/ }", "s3: { bucket: b, prefix: b/ }",
            "s3: { bucket: ⟨narrower⟩b, prefix: a/x/, suffix: .jpg }", "s3: { bucket: b, prefix: c/ }",
        ])
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5306@narrower"])
        #expect(diagnostics.first?.notes.first?.range?.start == text.location("wider"))
        let (_, apart) = Pipeline.compile(spec([
            "s3: { bucket: b, prefix: a/, suffix: .png }", "s3: { bucket: b, prefix: a/, suffix: .jpg }",
            "s3: { bucket: b, prefix: ab/ }", "s3: { bucket: b, prefix: a/, events: [\"s3:ObjectRemoved:*\"] }",
        ]).text)
        #expect(apart.isEmpty)
    }

    @Test func overlapsAreReportedAtTheEventThatOverlaps() {
        let text = spec([
            "s3: { bucket: b, events: [\"s3:ObjectCreated:*\"] }",
            "s3: { bucket: b, events: [\"s3:ObjectRemoved:*\", ⟨put⟩\"s3:ObjectCreated:Put\"] }",
        ])
        #expect(text.findings(Pipeline.compile(text.text).diagnostics) == ["FW5306@put"])
    }

    @Test func conditionalOrInterpolatedTriggersAreNotCompared() {
        let (_, diagnostics) = Pipeline.compile(spec([
            "s3: { bucket: b }", "{ s3: { bucket: b }, when: \"env == 'prod'\" }", "s3: { bucket: b, prefix: \"${env}/\" }",
        ]).text)
        #expect(diagnostics.isEmpty)
    }

    @Test func tooManyTriggersWithOneSharedPrefixAreAWarningNotAHang() {
        // 1,500 notification entries make a template too large to pass inline (FW6010): not this rule's.
        let (_, all) = Pipeline.compile(spec((0..<1500).map { "s3: { bucket: b, prefix: in/, suffix: .s\($0) }" }).text)
        let diagnostics = all.without(.templateTooLargeInline)
        #expect(diagnostics.map(\.code) == [.tooManyS3Triggers])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.message.contains("too many to check") == true)
    }

    @Test func aConditionalFunctionNeedsItsBucketUnderTheSameCondition() {
        let text = spec(["s3: { bucket: ⟨bucket⟩b }"], function: "    when: ⟨when⟩env == 'prod'")
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5310@bucket"])
        #expect(diagnostics.first?.notes.first?.range?.start == text.location("when"))
        let same = MarkedText(text.text.replacing("b: { kind: bucket }", with: "b: { kind: bucket, when: \"env == 'prod'\" }"))
        #expect(Pipeline.compile(same.text).diagnostics.isEmpty)
    }
}
