import FormworkCFN
import FormworkDiagnostics
@testable import FormworkLowering
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
}
