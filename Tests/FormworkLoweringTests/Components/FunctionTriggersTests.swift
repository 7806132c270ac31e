import FormworkCFN
import FormworkDiagnostics
@testable import FormworkLowering
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

    @Test func aConditionalReportBatchItemFailuresOfAStreamIsTheResponseTypeOrNoValue() throws {
        let (template, diagnostics) = Pipeline.compile("""
        formwork: 1
        stack: demo
        parameters:
          env: { type: string, default: dev, allowed: [dev, prod] }
        resources:
          orders:
            type: AWS::DynamoDB::Table
            properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
              KeySchema: [{ AttributeName: id, KeyType: HASH }]
              StreamSpecification: { StreamViewType: NEW_IMAGE }
          f:
            kind: function
            handler: a.b
            runtime: nodejs22.x
            code: { inline: x }
            triggers:
              - dynamodb: { table: orders, reportBatchItemFailures: "${env == 'prod' ? true : false}" }
        """)
        #expect(!diagnostics.hasErrors)
        let mapping = try #require(template?.resource("FOrdersEventSource"))
        let types = try #require(mapping.properties["FunctionResponseTypes"])
        #expect(JSONWriter.writeMinified(types) == #"{"Fn::If":["EnvIsProd",["ReportBatchItemFailures"],{"Ref":"AWS::NoValue"}]}"#)
    }
}
