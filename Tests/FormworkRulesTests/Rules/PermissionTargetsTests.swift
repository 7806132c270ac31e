import FormworkDiagnostics
import FormworkFacts
import FormworkSpec
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW4240–FW4243 (PermissionTargets): a permission's verb applies to the resource it names.
@Suite struct PermissionTargetsTests {
    /// A spec with one function whose one permission is `permission`, marked `verb`, and targets of each type.
    private func spec(_ permission: String) -> MarkedText {
        MarkedText("""
            formwork: 1
            stack: demo
            resources:
              uploads:
                kind: bucket
              jobs:
                kind: queue
              table:
                type: AWS::DynamoDB::Table
                properties:
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  BillingMode: PAY_PER_REQUEST
              streamed:
                type: AWS::DynamoDB::Table
                properties:
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  BillingMode: PAY_PER_REQUEST
                  StreamSpecification: { StreamViewType: KEYS_ONLY }
              topic:
                type: AWS::SNS::Topic
              bus:
                type: AWS::Events::EventBus
                properties: { Name: demo }
              path:
                type: AWS::SSM::Parameter
                properties: { Name: /demo/x, Type: String, Value: x }
              unnamed:
                type: AWS::SSM::Parameter
                properties: { Type: String, Value: x }
              secret:
                type: AWS::SecretsManager::Secret
              key:
                type: AWS::KMS::Key
              logs:
                type: AWS::Logs::LogGroup
              other:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => 1;" }
              worker:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => 1;" }
                permissions:
                  - ⟨verb⟩\(permission)
            """)
    }

    @Test(arguments: [
        ("read: uploads", [String]()), ("readWrite: uploads", []), ("sendMessage: jobs", []), ("consume: jobs", []),
        ("read: table", []), ("write: table", []), ("readWrite: table", []), ("readStream: streamed", []),
        ("publish: topic", []), ("putEvents: bus", []), ("read: path", []), ("read: unnamed", []),
        ("read: secret", []), ("decrypt: key", []), ("encrypt: key", []), ("invoke: other", []), ("invoke: worker", []),
        ("publish: uploads", ["FW4240@verb"]), ("read: jobs", ["FW4240@verb"]), ("invoke: table", ["FW4240@verb"]),
        ("startExecution: topic", ["FW4240@verb"]), ("write: secret", ["FW4240@verb"]),
        ("readStream: table", ["FW4242@verb"]),
    ])
    func verbs(permission: String, findings: [String]) {
        let text = spec(permission)
        // The spec tells the function about none of its targets: FW4331's notes are PermissionUsesTests'.
        let diagnostics = Pipeline.compile(text.text).diagnostics.filter { $0.code != .unusedPermission }
        #expect(text.findings(diagnostics) == findings, "\(permission)")
    }

    @Test func aResourceNoVerbAppliesToIsReportedAtItsName() {
        let diagnostics = Pipeline.compile(spec("read: logs").text).diagnostics
        #expect(diagnostics.map(\.code.rawValue) == ["FW4241"])
        #expect(diagnostics.first?.help.last?.contains("statements:") == true)
    }

    @Test func theVerbsOfTheLanguageAreTheVerbsOfTheFacts() {
        #expect(Set(PermissionVerb.allCases.map(\.rawValue)) == Set(Permissions.verbNames))
    }
}
