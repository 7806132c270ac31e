import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW5103 and FW3059 (UniqueNames): bucket names and export names that must be unique beyond the stack.
@Suite struct UniqueNamesTests {
    /// Two buckets, the second marked `second`.
    private func buckets(_ first: String, _ second: String) -> MarkedText {
        MarkedText("""
            formwork: 1
            stack: media
            parameters:
              env: { type: string, default: dev }
              region: { type: string, default: eu }
              fallback: { type: string, optional: true }
            resources:
              \(first)
              \(second)
              other:
                kind: queue
                tags: { env: "${env}", region: "${region}", fallback: "${fallback ?? 'x'}" }
            """)
    }

    @Test(arguments: [
        // Generated names: the logical ID lower-cased.
        ("dataBucket: { kind: bucket }", "⟨second⟩databucket: { kind: bucket }", ["FW5103@second"]),
        ("dataBucket: { kind: bucket }", "dataBuckets: { kind: bucket }", []),
        // Explicit names: the same text around the same parameters.
        ("a: { kind: bucket, name: 'media-${env}' }", "b: { kind: bucket, name: ⟨second⟩'media-${env}' }", ["FW5103@second"]),
        ("a: { kind: bucket, name: media-x }", "b: { kind: bucket, name: ⟨second⟩media-x }", ["FW5103@second"]),
        ("a: { kind: bucket, name: 'media-${env}' }", "b: { kind: bucket, name: 'media-${region}' }", []),
        ("a: { kind: bucket, name: 'media-${env}' }", "b: { kind: bucket, name: media-dev }", []),
        ("a: { kind: bucket, name: 'media-${aws.region}' }", "b: { kind: bucket, name: ⟨second⟩'media-${aws.region}' }", ["FW5103@second"]),
        // A name that is not known is not compared.
        ("a: { kind: bucket, name: 'media-${fallback ?? \"x\"}' }", "b: { kind: bucket, name: 'media-${fallback ?? \"x\"}' }", []),
        // An explicit name equal to a generated one.
        ("a: { kind: bucket }", "b: { kind: bucket, name: ⟨second⟩'media-a-${aws.accountId}-${aws.region}' }", ["FW5103@second"]),
        // Under different conditions the two may never exist together; under the same, or one unconditional, they may.
        ("a: { kind: bucket, name: media-x, when: \"env == 'prod'\" }", "b: { kind: bucket, name: media-x, when: \"env != 'prod'\" }", []),
        ("a: { kind: bucket, name: media-x, when: \"env == 'prod'\" }", "b: { kind: bucket, name: ⟨second⟩media-x, when: \"env=='prod'\" }", ["FW5103@second"]),
        ("a: { kind: bucket, name: media-x, when: \"env == 'prod'\" }", "b: { kind: bucket, name: ⟨second⟩media-x }", ["FW5103@second"]),
    ])
    func bucketNames(first: String, second: String, findings: [String]) {
        let text = buckets(first, second)
        let found = text.findings(Pipeline.compile(text.text).diagnostics)
        #expect(found == findings, "\(first) / \(second)")
    }

    @Test func theGeneratedPairNamesBothPlaces() throws {
        let text = buckets("dataBucket: { kind: bucket }", "databucket: { kind: bucket }")
        let diagnostic = try #require(Pipeline.compile(text.text).diagnostics.first { $0.code == .bucketNameCollision })
        #expect(diagnostic.message == "buckets 'databucket' and 'dataBucket' would both get the generated name 'media-databucket-${aws.accountId}-${aws.region}'; bucket names are unique across all of S3, so the stack cannot create both")
        #expect(diagnostic.notes.map(\.message) == ["bucket 'dataBucket' has no name, so it gets 'media-databucket-${aws.accountId}-${aws.region}'"])
        #expect(diagnostic.notes.first?.range?.start.line == 8)
        #expect(diagnostic.range.start.line == 9)
    }

    @Test func twoOutputsExportingOneNameAreAnError() throws {
        let text = MarkedText("""
            formwork: 1
            stack: media
            resources:
              jobs: { kind: queue }
            outputs:
              a: { value: "${jobs.arn}", export: "${aws.stackName}-jobs" }
              b: { value: "${jobs.url}", export: ⟨second⟩"${aws.stackName}-jobs" }
              c: { value: "${jobs.url}", export: "${aws.stackName}-jobs-url" }
              d: { value: "${jobs.url}", export: "jobs-url", when: "aws.region == 'eu-west-1'" }
              e: { value: "${jobs.url}", export: "jobs-url", when: "aws.region != 'eu-west-1'" }
            """)
        let diagnostics = Pipeline.compile(text.text).diagnostics
        #expect(text.findings(diagnostics) == ["FW3059@second"])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message == "outputs 'b' and 'a' both export '${aws.stackName}-jobs'; export names are unique in an account and region, so the stack cannot be deployed")
        #expect(diagnostic.notes.first?.range?.start.line == 6)
    }
}
