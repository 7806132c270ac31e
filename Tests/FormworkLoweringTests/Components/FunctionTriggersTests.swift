import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct FunctionTriggersTests {
    /// A bucket `b` and a function with one trigger per entry of `triggers`.
    func spec(_ triggers: [String]) -> MarkedText {
        MarkedText("""
        formwork: 1
        stack: demo
        resources:
          b: { kind: bucket }
          f:
            kind: function
            handler: a.b
            runtime: nodejs22.x
            code: { inline: x }
            triggers:
        \(triggers.map { "      - \($0)" }.joined(separator: "\n"))
        """)
    }

    @Test func overlapsAreFoundThroughTheSortedPrefixes() {
        // Reported at the bucket of the narrower trigger, with a note at the wider one.
        let text = spec([
            "⟨wider⟩s3: { bucket: b, prefix: a/ }", "s3: { bucket: b, prefix: b/ }",
            "s3: { bucket: ⟨narrower⟩b, prefix: a/x/, suffix: .jpg }", "s3: { bucket: b, prefix: c/ }",
        ])
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5306@narrower"])
        #expect(diagnostics.first?.notes.first?.range?.start == text.location("wider"))
        let (_, apart) = Pipeline.compile(spec([
            "s3: { bucket: b, prefix: a/, suffix: .png }", "s3: { bucket: b, prefix: a/, suffix: .jpg }",
            "s3: { bucket: b, prefix: ab/ }",
        ]).text)
        #expect(apart.isEmpty)
    }

    @Test func allTriggersOfABucketLandInOneNotificationConfiguration() throws {
        // 2,000 entries (as many more would take the template past 1 MB).
        let (template, diagnostics) = Pipeline.compile(spec((0..<2000).map { "s3: { bucket: b, prefix: p\($0)/ }" }).text)
        #expect(!diagnostics.hasErrors)
        let bucket = try #require(template?.resource("B"))
        guard case .array(let entries)? = bucket.properties["NotificationConfiguration"]?["LambdaConfigurations"]?.kind else {
            Issue.record("no LambdaConfigurations")
            return
        }
        #expect(entries.count == 2000)
        #expect(bucket.dependsOn == ["FBPermission"])
    }

    @Test func tooManyTriggersWithOneSharedPrefixAreAWarningNotAHang() {
        let (_, diagnostics) = Pipeline.compile(spec((0..<1500).map { "s3: { bucket: b, prefix: in/, suffix: .s\($0) }" }).text)
        #expect(diagnostics.map(\.code) == [.tooManyS3Triggers])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.message.contains("too many to check") == true)
    }
}
