import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW4244–FW4248 (PolicyStatements): a function's statements name actions and ARNs, not everything.
@Suite struct PolicyStatementsTests {
    private func spec(effect: String = "allow", actions: String, resources: String) -> MarkedText {
        MarkedText("""
            formwork: 1
            stack: demo
            resources:
              table:
                type: AWS::DynamoDB::Table
                properties:
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  BillingMode: PAY_PER_REQUEST
              worker:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => 1;" }
                statements:
                  - effect: \(effect)
                    actions: [⟨action⟩\(actions)]
                    resources: [⟨resource⟩\(resources)]
            """)
    }

    @Test(arguments: [
        ("dynamodb:GetItem", "'${table.Arn}'", [String]()),
        ("dynamodb:Get*", "'${table.Arn}/index/*'", []),
        ("s3:*", "'arn:${aws.partition}:s3:::logs/*'", []),
        ("GetItem", "'${table.Arn}'", ["FW4244@action"]),
        ("dynamodb.GetItem", "'${table.Arn}'", ["FW4244@action"]),
        ("'dynamodb:'", "'${table.Arn}'", ["FW4244@action"]),
        ("dynamodb:GetItem", "table", ["FW4245@resource"]),
        ("dynamodb:GetItem", "'table/${table}'", ["FW4245@resource"]),
        ("'*'", "'${table.Arn}'", ["FW4246@action"]),
        ("dynamodb:GetItem", "'*'", ["FW4247@resource"]),
        ("'*'", "'*'", ["FW4248@action"]),
    ])
    func statements(actions: String, resources: String, findings: [String]) {
        let text = spec(actions: actions, resources: resources)
        #expect(text.findings(Pipeline.compile(text.text).diagnostics) == findings, "\(actions) on \(resources)")
    }

    @Test(arguments: [("'${jobs}'", ["FW4245"]), ("'${jobs.url}'", ["FW4245"]), ("'${jobs.arn}'", []),
                      ("'${worker.name}'", ["FW4245", "FW4249"]),
                      ("'${worker.roleArn}'", ["FW4249"])])
    func aComponentsNameIsNotItsArn(resource: String, codes: [String]) {
        let text = spec(actions: "sqs:SendMessage", resources: resource).text + "\n  jobs:\n    kind: queue\n"
        #expect(Pipeline.compile(text).diagnostics.map(\.code.rawValue) == codes, "\(resource)")
    }

    @Test func aDenyMayNameEverything() {
        let text = spec(effect: "deny", actions: "'*'", resources: "'*'")
        #expect(Pipeline.compile(text.text).diagnostics.isEmpty)
    }

    @Test func aResourcesNameGetsItsArnAsAFixIt() {
        let diagnostics = Pipeline.compile(spec(actions: "dynamodb:GetItem", resources: "table").text).diagnostics
        #expect(diagnostics.first?.fixIts.first?.edits.first?.text == "'${table.Arn}'")
    }

    /// A statement's resources are values like any other: one that exists
    /// only under a condition needs the statement under it.
    @Test func aConditionalResourceNeedsTheStatementUnderItsCondition() {
        func spec(_ when: String) -> String {
            """
            formwork: 1
            stack: demo
            parameters:
              env: { type: string, default: dev }
            resources:
              archive:
                type: AWS::Kinesis::Stream
                when: env == 'prod'
                properties: { ShardCount: 1 }
              worker:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => 1;" }
                statements:
                  - actions: [kinesis:PutRecord]
                    resources: ['${archive.Arn}']
            \(when)
            """
        }
        #expect(Pipeline.compile(spec("")).diagnostics.map(\.code.rawValue) == ["FW4010"])
        #expect(Pipeline.compile(spec("        when: env == 'prod'")).diagnostics.isEmpty)
    }
}
