import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
@testable import FormworkLowering
import FormworkSpec
import FormworkTestSupport
import Testing

/// The statements the new permission verbs and `statements:` put in a function's role.
@Suite struct FunctionPermissionsTests {
    private func statements(_ body: String) throws -> [String] {
        let (template, diagnostics) = Pipeline.compile(FunctionComponentTests.function("    deadLetterQueue: false\n" + body))
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.map(\.message))")
        let role = try #require(template?.resource("WorkerRole"))
        let document = try #require(role.properties["Policies"]?.items.first?["PolicyDocument"]?["Statement"])
        // The log group's statement comes first; compact JSON without the spaces after its colons.
        return document.items.dropFirst().map { String($0.compactJSON.filter { $0 != " " }) }
    }

    @Test func aTableIsReadWithItsIndexesAndItsStreamOnItsOwn() throws {
        let json = try statements("""
                permissions:
                  - read: orders
                  - readStream: orders
              orders:
                type: AWS::DynamoDB::Table
                properties:
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  BillingMode: PAY_PER_REQUEST
                  StreamSpecification: { StreamViewType: NEW_IMAGE }
            """)
        #expect(json.count == 2)
        #expect(json[0].contains(#""Resource":[{"Fn::GetAtt":["Orders","Arn"]},{"Fn::Sub":"${Orders.Arn}/index/*"}]"#))
        #expect(json[1].contains(#""Resource":{"Fn::Sub":"${Orders.Arn}/stream/*"}"#))
        #expect(json[1].contains("dynamodb:GetRecords"))
    }

    @Test func parameterArnsHaveOneSlashBeforeTheName() throws {
        let json = try statements("""
                permissions:
                  - read: path
                  - read: plain
              path:
                type: AWS::SSM::Parameter
                properties: { Name: /app/url, Type: String, Value: x }
              plain:
                type: AWS::SSM::Parameter
                properties: { Name: url, Type: String, Value: x }
            """)
        #expect(json[0].contains(#":parameter${Path}""#))
        #expect(json[1].contains(#":parameter/${Plain}""#))
    }

    /// A function's ARN is built from its name, so a function invoking itself makes no cycle.
    @Test func aFunctionIsInvokedByItsNameBasedArn() throws {
        let json = try statements("""
                permissions:
                  - invoke: worker
            """)
        #expect(json.count == 1)
        #expect(json[0].contains("function:media-worker-${StackSuffix}"))
        #expect(!json[0].contains("GetAtt"))
    }

    @Test func statementsAreWrittenAsTheySayUnderTheirCondition() throws {
        let json = try statements("""
                statements:
                  - actions: [dynamodb:DeleteItem]
                    resources: ['${orders.Arn}']
                  - effect: deny
                    actions: [dynamodb:DeleteTable]
                    resources: ['${orders.Arn}']
                    when: aws.region == 'us-east-1'
                  - actions: [dynamodb:DeleteItem]
                    resources: ['${orders.Arn}']
              orders:
                type: AWS::DynamoDB::Table
                properties:
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  BillingMode: PAY_PER_REQUEST
            """)
        #expect(json.count == 2)  // the repeated statement is written once
        #expect(json[0] == #"{"Action":"dynamodb:DeleteItem","Effect":"Allow","Resource":{"Fn::GetAtt":["Orders","Arn"]}}"#)
        #expect(json[1].hasPrefix(#"{"Fn::If":["#) && json[1].contains(#""Effect":"Deny""#))
    }

    @Test func aStatementMayBeOneActionOnOneResourceUnderAnIAMCondition() throws {
        let json = try statements("""
                statements:
                  - actions: s3:ListBucket
                    resources: 'arn:${aws.partition}:s3:::logs'
                    condition:
                      StringLike: { s3:prefix: ['${aws.stackName}/*'] }
            """)
        #expect(json == [#"{"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":[{"Fn::Sub":"${AWS::StackName}/*"}]}},"#
            + #""Effect":"Allow","Resource":{"Fn::Sub":"arn:${AWS::Partition}:s3:::logs"}}"#])
    }

    @Test func theRoleNameIsTheRolesRef() throws {
        let (template, _) = Pipeline.compile(FunctionComponentTests.function("""
              extras:
                type: AWS::IAM::Policy
                properties:
                  PolicyName: extras
                  Roles: ['${worker.roleName}']
                  PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: xray:PutTraceSegments, Resource: "*" }] }
            """))
        let roles = try #require(template?.resource("Extras")?.properties["Roles"])
        #expect(roles.compactJSON == #"[{"Ref": "WorkerRole"}]"#)
    }
}
