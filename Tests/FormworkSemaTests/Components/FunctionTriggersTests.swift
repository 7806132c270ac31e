import FormworkDiagnostics
@testable import FormworkSema
import FormworkTestSupport
import Testing

@Suite struct FunctionTriggersTests {
    func spec(_ triggers: [String]) -> String {
        """
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
        \(triggers.map { "      - s3: { bucket: b, \($0) }" }.joined(separator: "\n"))
        """
    }

    @Test func overlapsAreFoundThroughTheSortedPrefixes() {
        let (_, diagnostics) = Pipeline.compile(spec(["prefix: a/", "prefix: b/", "prefix: a/x/, suffix: .jpg", "prefix: c/"]))
        #expect(Pipeline.summary(diagnostics) == ["FW5306@13:23"])
        #expect(diagnostics.first?.notes.first?.range?.start.line == 11)
        let (_, apart) = Pipeline.compile(spec(["prefix: a/, suffix: .png", "prefix: a/, suffix: .jpg", "prefix: ab/"]))
        #expect(apart.isEmpty)
    }

    @Test func allTriggersOfABucketLandInOneNotificationConfiguration() throws {
        let (template, diagnostics) = Pipeline.compile(spec((0..<3000).map { "prefix: p\($0)/" }))
        #expect(!diagnostics.hasErrors)
        let bucket = try #require(template?.resource("B"))
        guard case .array(let entries)? = bucket.properties["NotificationConfiguration"]?["LambdaConfigurations"]?.kind else {
            Issue.record("no LambdaConfigurations")
            return
        }
        #expect(entries.count == 3000)
        #expect(bucket.dependsOn == ["FBPermission"])
    }

    @Test func tooManyTriggersWithOneSharedPrefixAreAWarningNotAHang() {
        let (_, diagnostics) = Pipeline.compile(spec((0..<1500).map { "prefix: in/, suffix: .s\($0)" }))
        #expect(diagnostics.map(\.code) == [.tooManyS3Triggers])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.message.contains("too many to check") == true)
    }
}
