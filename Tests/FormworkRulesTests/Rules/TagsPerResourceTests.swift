import FormworkCFN
import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW4031 (TagsPerResource): at most 50 tags a resource, stack and own together.
@Suite struct TagsPerResourceTests {
    private func keys(_ range: Range<Int>) -> String { range.map { "k\($0): v" }.joined(separator: ", ") }

    @Test func fiftyOneStackTagsAreReportedOnceAtTheFiftyFirst() throws {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            tags: { \(keys(0..<50)), ⟨fiftyFirst⟩k50: v }
            resources:
              jobs: { kind: queue }
              more: { kind: queue }
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW4031@fiftyFirst"])
        #expect(diagnostics.map(\.message) == ["a resource would carry 51 tags; AWS takes at most 50 user tags a resource"])
        #expect(template == nil)
    }

    @Test func stackAndOwnTagsCountTogetherOverridesOnce() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            tags: { \(keys(0..<45)) }
            resources:
              fine: { kind: queue, tags: { k1: override, a: 1, b: 2, c: 3, d: 4, e: 5 } }
              over: { kind: queue, tags: { a: 1, b: 2, c: 3, d: 4, e: 5, ⟨fiftyFirst⟩f: 6 } }
              untagged: { type: AWS::SQS::QueuePolicy, properties: { Queues: [x], PolicyDocument: {} } }
            """)
        #expect(text.findings(Pipeline.compile(text.text).diagnostics) == ["FW4031@fiftyFirst"])
    }

    @Test func everyResourceAComponentGeneratesIsOneFinding() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            tags: { \(keys(0..<48)) }
            resources:
              worker:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => ({})" }
                tags: { a: 1, b: 2, ⟨fiftyFirst⟩c: 3 }
            """)
        #expect(text.findings(Pipeline.compile(text.text).diagnostics) == ["FW4031@fiftyFirst"])
    }

    @Test func theCountIsNotReportedBesideSpecErrors() {
        // A template rule: a spec with errors is never expanded, so its tags are never counted.
        let text = MarkedText("""
            formwork: 1
            stack: demo
            tags: { \(keys(0..<51)) }
            resources:
              logs: { kind: bucket, name: ⟨name⟩ab }
            """)
        #expect(text.findings(Pipeline.compile(text.text).diagnostics) == ["FW5100@name"])
    }

    // MARK: on a plain template

    private func run(_ resources: [Resource]) -> [Diagnostic] {
        var template = Template(description: nil, origin: nil)
        for resource in resources { template.append(resource) }
        var diagnostics: [Diagnostic] = []
        TagsPerResource.check(TemplateContext(template: template, text: ""), into: &diagnostics)
        return diagnostics
    }

    private func at(_ line: Int) -> SourceRange {
        SourceRange(file: "t.json", start: SourceLocation(line: line, column: 1), end: SourceLocation(line: line, column: 2))
    }

    @Test func aListAndAMapAreCountedInAPlainTemplate() {
        let list = TemplateValue.array((0..<52).map { .object([("Key", .string("k\($0)", at($0))), ("Value", .string("v", at($0)))], at($0)) }, at(100))
        let map = TemplateValue.object((0..<51).map { ("k\($0)", .string("v", at(200 + $0))) }, at(300))
        let fifty = TemplateValue.array((0..<50).map { .object([("Key", .string("k\($0)", nil)), ("Value", .string("v", nil))], nil) }, nil)
        let diagnostics = run([
            Resource(logicalId: "Queue", type: "AWS::SQS::Queue", properties: [("Tags", list)], origin: at(1)),
            Resource(logicalId: "Setting", type: "AWS::SSM::Parameter", properties: [("Tags", map)], origin: at(2)),
            Resource(logicalId: "Fine", type: "AWS::SQS::Queue", properties: [("Tags", fifty)], origin: at(3)),
            // A type that takes no tags, and a Tags the template computes, are not counted.
            Resource(logicalId: "Policy", type: "AWS::SQS::QueuePolicy", properties: [("Tags", list)], origin: at(4)),
            Resource(logicalId: "Computed", type: "AWS::SQS::Queue", properties: [("Tags", .ref("TagList", at(5)))], origin: at(5)),
        ])
        #expect(diagnostics.map(\.message) == [
            "a resource would carry 52 tags; AWS takes at most 50 user tags a resource",
            "a resource would carry 51 tags; AWS takes at most 50 user tags a resource",
        ])
        #expect(diagnostics.map(\.range.start.line) == [50, 250])
    }
}
