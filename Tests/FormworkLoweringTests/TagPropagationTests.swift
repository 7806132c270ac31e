import FormworkCFN
import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct TagPropagationTests {
    @Test func stackTagsThenResourceTagsInTheTypesShapeOwnTagsWin() throws {
        let (template, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            tags: { team: media, tier: app }
            resources:
              jobs: { kind: queue, tags: { tier: queue } }
              setting:
                type: AWS::SSM::Parameter
                properties: { Type: String, Value: x, Tags: { team: own } }
              policy:
                type: AWS::SQS::QueuePolicy
                properties: { Queues: ["${jobs}"], PolicyDocument: {} }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let json = JSONWriter.write(try #require(template?.resource("Jobs")?.properties["Tags"]))
        #expect(json == """
            [
              {
                "Key": "team",
                "Value": "media"
              },
              {
                "Key": "tier",
                "Value": "queue"
              }
            ]
            """)
        let map = JSONWriter.write(try #require(template?.resource("Setting")?.properties["Tags"]))
        #expect(map == "{\n  \"team\": \"own\",\n  \"tier\": \"app\"\n}")
        #expect(try #require(template?.resource("Policy")).properties["Tags"] == nil)
    }

    @Test func tagLimits() {
        let long = String(repeating: "k", count: 129)
        let (_, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            tags: { "aws:x": a, \(long): b, ok: \(String(repeating: "v", count: 257)) }
            resources:
              jobs: { kind: queue }
            """)
        #expect(diagnostics.map(\.code) == [.invalidTag, .invalidTag, .invalidTag])
    }

    @Test func atMostFiftyTagsAResourceStackAndOwnTogether() {
        let stackTags = (0..<51).map { "k\($0): v" }.joined(separator: ", ")
        let (_, over) = Pipeline.compile("""
            formwork: 1
            stack: demo
            tags: { \(stackTags) }
            resources:
              jobs: { kind: queue }
            """)
        #expect(over.map(\.message) == ["a resource would carry 51 tags; AWS takes at most 50 user tags a resource"])
        let fortyFive = (0..<45).map { "k\($0): v" }.joined(separator: ", ")
        let text = MarkedText("""
            formwork: 1
            stack: demo
            tags: { \(fortyFive) }
            resources:
              fine: { kind: queue, tags: { k1: override, a: 1, b: 2, c: 3, d: 4, e: 5 } }
              over: { kind: queue, tags: { a: 1, b: 2, c: 3, d: 4, e: 5, ⟨fiftyFirst⟩f: 6 } }
              untagged: { type: AWS::SQS::QueuePolicy, tags: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, properties: { Queues: [x], PolicyDocument: {} } }
            """)
        let (_, mixed) = Pipeline.compile(text.text)
        #expect(text.findings(mixed) == ["FW4030@fiftyFirst"])
    }
}
