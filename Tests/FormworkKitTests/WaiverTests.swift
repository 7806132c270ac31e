import FormworkCFN
import FormworkDiagnostics
import FormworkTestSupport
import Testing

/// `waivers:` (FormworkKit/Waivers.swift, FormworkLowering/Waivers.swift).
@Suite struct WaiverTests {
    static func spec(top: String = "", first: String = "", second: String = "") -> String {
        """
        formwork: 1
        stack: demo
        \(top)
        resources:
          one:
            kind: function
            handler: a.b
            runtime: nodejs22.x
            code: { inline: x }
            deadLetterQueue: true   # no skip of CKV_AWS_116 written unasked
            statements:
              - { actions: ["kms:Decrypt"], resources: ["*"] }
        \(first)
          two:
            kind: function
            handler: a.b
            runtime: nodejs22.x
            code: { inline: x }
            deadLetterQueue: true   # no skip of CKV_AWS_116 written unasked
            statements:
              - { actions: ["kms:Decrypt"], resources: ["*"] }
        \(second)
        """
    }

    static func codes(_ text: String) -> [String] { Pipeline.compile(text).diagnostics.map(\.code.rawValue) }

    @Test func aResourceWaiverTakesOutItsWarningOnThatResourceOnly() {
        #expect(Self.codes(Self.spec()) == ["FW4247", "FW4247"])
        let waived = Self.spec(first: "    waivers: [{ rule: FW4247, reason: no resource ARN }]")
        let diagnostics = Pipeline.compile(waived).diagnostics
        #expect(diagnostics.map(\.code.rawValue) == ["FW4247"])
        #expect(diagnostics.first?.range.start.line == 21)  // two's statement
    }

    @Test func aTopLevelWaiverTakesItOutEverywhere() {
        let waived = Self.spec(top: "waivers: [{ rule: FW4247, reason: no resource ARN }]")
        #expect(Self.codes(waived).isEmpty)
    }

    @Test func aWaiverThatTakesOutNothingIsAWarning() {
        let waived = Self.spec(first: "    waivers: [{ rule: FW3057, reason: kept for later }]")
        #expect(Self.codes(waived).sorted() == ["FW2093", "FW4247", "FW4247"])
        #expect(Pipeline.compile(waived).template != nil)
    }

    @Test func checkovSkipsFollowARawResourcesOwnAndAreNotRepeated() throws {
        let text = """
            formwork: 1
            stack: demo
            waivers: [{ rule: CKV_AWS_26, reason: top }]
            resources:
              topic:
                type: AWS::SNS::Topic
              table:
                type: AWS::DynamoDB::Table
                metadata: { checkov: { skip: [{ id: CKV_AWS_28, comment: own }] }, other: 1 }
                waivers:
                  - { rule: CKV_AWS_28, reason: again }
                  - { rule: CKV_AWS_119, reason: mine }
                properties:
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  BillingMode: PAY_PER_REQUEST
            """
        let template = try #require(Pipeline.compile(text).template)
        let table = try #require(template.resource("Table")?.metadata)
        #expect(JSONWriter.writeMinified(table)
            == #"{"checkov":{"skip":[{"comment":"own","id":"CKV_AWS_28"},{"comment":"mine","id":"CKV_AWS_119"}]},"other":1}"#)
        // The top-level waiver goes only where its check judges: the topic.
        let topic = try #require(template.resource("Topic")?.metadata)
        #expect(JSONWriter.writeMinified(topic) == #"{"checkov":{"skip":[{"comment":"top","id":"CKV_AWS_26"}]}}"#)
    }

    @Test func aComponentsSkipGoesOnEachResourceItGeneratesThatTheCheckJudges() throws {
        let waived = Self.spec(first: "    waivers: [{ rule: CKV_AWS_111, reason: scoped by the statements }]")
        let template = try #require(Pipeline.compile(waived).template)
        let owned = template.resources.filter { $0.owner == "one" }
        #expect(owned.count > 1)
        #expect(owned.filter { $0.metadata != nil }.map(\.type) == ["AWS::IAM::Role"])
        #expect(template.resources.filter { $0.owner == "two" }.allSatisfy { $0.metadata == nil })
    }

    @Test func aCheckThatJudgesNoneOfTheResourcesIsAWarning() {
        let waived = Self.spec(first: "    waivers: [{ rule: CKV_AWS_18, reason: not a bucket }]")
        #expect(Self.codes(waived).filter { $0 == "FW2098" }.count == 1)
        #expect(Self.codes(Self.spec(first: "    waivers: [{ rule: CKV_AWS_1177, reason: typo }]")).contains("FW2097"))
    }

    @Test func aRoleNarrowsAComponentsSkipToOneResource() throws {
        let waived = Self.spec(first: "    waivers: [{ rule: CKV_AWS_158, resource: logGroup, reason: no customer data }]")
        let template = try #require(Pipeline.compile(waived).template)
        let skipped = template.resources.filter { $0.metadata != nil }.map(\.logicalId)
        #expect(skipped == ["OneLogGroup"])
    }
}
