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

    /// The event source mapping of a dynamodb trigger with `fields` on a table's stream.
    func streamMapping(_ fields: String) throws -> Resource {
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
              - dynamodb: { table: orders, \(fields) }
        """)
        #expect(!diagnostics.hasErrors)
        return try #require(template?.resource("FOrdersEventSource"))
    }

    @Test func aConditionalReportBatchItemFailuresOfAStreamIsTheResponseTypeOrNoValue() throws {
        let mapping = try streamMapping(#"reportBatchItemFailures: "${env == 'prod' ? true : false}""#)
        let types = try #require(mapping.properties["FunctionResponseTypes"])
        #expect(JSONWriter.writeMinified(types) == #"{"Fn::If":["EnvIsProd",["ReportBatchItemFailures"],{"Ref":"AWS::NoValue"}]}"#)
    }

    @Test func aConditionalStartingPositionIsFnIfBetweenCloudFormationWords() throws {
        let mapping = try streamMapping(
            #"startingPosition: "${env == 'prod' ? 'trimHorizon' : 'latest'}", maximumRetryAttempts: "${env == 'prod' ? -1 : 3}""#)
        let position = try #require(mapping.properties["StartingPosition"])
        #expect(JSONWriter.writeMinified(position) == #"{"Fn::If":["EnvIsProd","TRIM_HORIZON","LATEST"]}"#)
        let retries = try #require(mapping.properties["MaximumRetryAttempts"])
        #expect(JSONWriter.writeMinified(retries) == #"{"Fn::If":["EnvIsProd",-1,3]}"#)
    }

    /// The batching window an sqs trigger gets for each conditional batch size.
    func batchingWindow(_ batchSize: String) throws -> String? {
        let (template, diagnostics) = Pipeline.compile("""
        formwork: 1
        stack: demo
        parameters:
          env: { type: string, default: dev, allowed: [dev, prod] }
        resources:
          q: { kind: queue }
          f:
            kind: function
            handler: a.b
            runtime: nodejs22.x
            code: { inline: x }
            triggers:
              - sqs: { queue: q, batchSize: "\(batchSize)" }
        """)
        #expect(!diagnostics.hasErrors)
        let mapping = try #require(template?.resource("FQEventSource"))
        return mapping.properties["MaximumBatchingWindowInSeconds"].map { JSONWriter.writeMinified($0) }
    }

    @Test func aConditionalBatchSizeGetsABatchingWindowOnlyWhereABranchIsOverTen() throws {
        #expect(try batchingWindow("${env == 'prod' ? 100 : 10}") == #"{"Fn::If":["EnvIsProd",1,{"Ref":"AWS::NoValue"}]}"#)
        #expect(try batchingWindow("${env == 'prod' ? 5 : 11}") == #"{"Fn::If":["EnvIsProd",{"Ref":"AWS::NoValue"},1]}"#)
        #expect(try batchingWindow("${env == 'prod' ? 100 : 20}") == "1")
        #expect(try batchingWindow("${env == 'prod' ? 10 : 1}") == nil)
    }
}
