import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkKit
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW6010 (InlineTemplateSize): over 51,200 bytes a template cannot be passed inline.
@Suite struct InlineTemplateSizeTests {
    /// Topics whose display name is `bytes` long, so the size is easy to steer.
    static func spec(bytes: Int, topics: Int = 1) -> String {
        """
        formwork: 1
        stack: demo
        resources:
        \((0..<topics).map { "  t\($0): { type: AWS::SNS::Topic, properties: { DisplayName: \(String(repeating: "x", count: bytes)) } }" }.joined(separator: "\n"))
        """
    }

    static func compile(_ text: String, minify: Bool = false) -> Compilation {
        Compiler.compile(bytes: Array(text.utf8), path: "t.yaml", options: CompileOptions(minify: minify))
    }

    @Test func overTheInlineLimitIsAWarningThatSaysWhatMinifyWrites() throws {
        // Many small values: indentation is most of the size, compact JSON fits.
        let text = Self.spec(bytes: 10, topics: 450)
        let compiled = Self.compile(text)
        let size = try #require(compiled.text).utf8.count
        #expect(size > CloudFormation.Quotas.inlineTemplateBodyBytes)
        let warning = try #require(compiled.diagnostics.with(.templateTooLargeInline).only)
        #expect(warning.severity == .warning)
        #expect(warning.message == "the template is \(size) bytes; a template passed inline (--template-body) may be at most 51200")
        let minified = try #require(Self.compile(text, minify: true).text)
        #expect(warning.help == ["compile --minify writes it in \(minified.utf8.count) bytes, which can be passed inline"])
        // Minified, it fits: no warning, and a template is still written.
        #expect(Self.compile(text, minify: true).diagnostics.isEmpty)
    }

    @Test func tooLargeEvenMinifiedSaysToUploadIt() throws {
        // One long value: compact JSON saves little.
        let compiled = Self.compile(Self.spec(bytes: 2_000, topics: 30), minify: true)
        let warning = try #require(compiled.diagnostics.with(.templateTooLargeInline).only)
        #expect(warning.help == ["upload it to S3 and pass its URL (--template-url, or aws cloudformation deploy --s3-bucket)"])
        #expect(compiled.text != nil)
    }

    @Test func underTheLimitOrOverOneMegabyte() {
        #expect(Self.compile(Self.spec(bytes: 10, topics: 3)).diagnostics.isEmpty)
        // Over 1 MB it is TemplateQuotas' error alone.
        let huge = Self.compile(Self.spec(bytes: 3_000, topics: 400), minify: true)
        #expect(huge.diagnostics.map(\.code) == [.templateTooLarge])
    }
}
