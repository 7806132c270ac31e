import FormworkCFN
import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5341–FW5344 (EventTriggers), and what the triggers generate under conditions.
@Suite struct EventTriggersTests {
    private let table = """
          orders:
            type: AWS::DynamoDB::Table
            when: env == 'prod'
            properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
              KeySchema: [{ AttributeName: id, KeyType: HASH }]
              StreamSpecification: { StreamViewType: NEW_IMAGE }
        """

    /// A function reading a conditional table shares its condition (the null-guard rule); a trigger's own
    /// `when:` goes on what it generates, with the function's.
    @Test func aTriggerOnAConditionalTableCarriesItsCondition() throws {
        let text = """
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
            resources:
            \(table)
              projector:
                kind: function
                when: env == 'prod'
                handler: a.b
                runtime: nodejs22.x
                code: { inline: x }
                triggers:
                  - dynamodb: { table: orders }
                  - eventbridge: { pattern: { source: [orders] } }
                    when: env != 'dev'
            """
        let (template, diagnostics) = Pipeline.compile(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let template_ = try #require(template)
        let mapping = try #require(template_.resource("ProjectorOrdersEventSource"))
        #expect(mapping.condition != nil)
        #expect(mapping.properties["StartingPosition"]?.text == "LATEST")
        let rule = try #require(template_.resource("ProjectorEvent1"))
        #expect(rule.condition != nil && rule.condition != mapping.condition)
        #expect(template_.resource("ProjectorEvent1Permission")?.condition == rule.condition)
        let role = JSONWriter.write(try #require(template_.resource("ProjectorRole")).properties)
        #expect(role.contains("dynamodb:GetRecords") && role.contains("/stream/*"))
        // An eventbridge trigger invokes asynchronously: a dead-letter queue.
        #expect(template_.resource("ProjectorDeadLetterQueue") != nil)
    }

    @Test func eachMisuseIsReportedAtTheName() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              bare: { type: AWS::DynamoDB::Table, properties: { KeySchema: [{ AttributeName: id, KeyType: HASH }], AttributeDefinitions: [{ AttributeName: id, AttributeType: S }], BillingMode: PAY_PER_REQUEST } }
              fifo: { type: AWS::SNS::Topic, properties: { FifoTopic: true, TopicName: t.fifo } }
              topic: { type: AWS::SNS::Topic }
              jobs: { kind: queue }
              f:
                kind: function
                handler: a.b
                runtime: nodejs22.x
                code: { inline: x }
                triggers:
                  - dynamodb: { table: ⟨noStream⟩bare }
                  - sns: { topic: ⟨fifo⟩fifo }
                  - sns: { topic: topic }
                  - sns: { topic: ⟨twice⟩topic }
                  - eventbridge: { bus: ⟨notBus⟩jobs, pattern: { source: [x] } }
            """)
        #expect(Set(text.findings(Pipeline.compile(text.text).diagnostics)) == [
            "FW5342@noStream", "FW5343@fifo", "FW5344@twice", "FW5341@notBus",
        ])
    }
}
