import FormworkCFN
import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW6100–FW6108 (ResourceTypes, ResourceProperties): raw resources against their schemas.
@Suite struct ResourcePropertiesTests {
    private func findings(_ resources: String, parameters: String = "") -> [String] {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            \(parameters)
            resources:
            \(resources)
            """)
        return text.findings(Pipeline.compile(text.text).diagnostics)
    }

    @Test func eachKindOfMistakeIsFoundAtItsValue() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              topic:
                type: ⟨type⟩AWS::SNS::Topc
              queue:
                type: AWS::SQS::Queue
                properties:
                  ⟨unknown⟩VisibilityTimout: 30
                  DelaySeconds: ⟨range⟩901
                  MaximumMessageSize: ⟨wrongType⟩big
                  ⟨readOnly⟩QueueUrl: x
              table:
                type: ⟨missing⟩AWS::DynamoDB::Table
                properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - { AttributeName: id, AttributeType: ⟨enum⟩STRING }
              bus:
                type: AWS::Events::EventBus
                properties:
                  Name: ⟨pattern⟩orders bus
            """)
        let diagnostics = Pipeline.compile(text.text).diagnostics
        #expect(text.findings(diagnostics) == [
            "FW6100@type", "FW6101@unknown", "FW6106@range", "FW6103@wrongType", "FW6108@readOnly", "FW6102@missing",
            "FW6104@enum", "FW6105@pattern",
        ].sortedLike(text.findings(diagnostics)))
        let messages = diagnostics.map(\.message)
        #expect(messages.contains("unknown resource type 'AWS::SNS::Topc'"))
        #expect(messages.contains("AWS::SQS::Queue has no property 'VisibilityTimout'"))
        #expect(diagnostics.first { $0.code == .unknownProperty }?.fixIts.first?.message == "did you mean 'VisibilityTimeout'?")
        #expect(messages.contains("DelaySeconds of AWS::SQS::Queue takes from 0 to 900, not 901"))
        #expect(messages.contains("AWS::DynamoDB::Table needs the property 'KeySchema'"))
    }

    @Test func scalarsConvertAsCloudFormationConvertsThem() {
        #expect(findings("""
              queue:
                type: AWS::SQS::Queue
                properties:
                  VisibilityTimeout: "30"
                  FifoQueue: "true"
                  QueueName: 12345
                  ContentBasedDeduplication: true
            """) == [])
        #expect(findings("""
              queue:
                type: AWS::SQS::Queue
                properties:
                  VisibilityTimeout: ⟨a⟩"30.5"
                  FifoQueue: ⟨b⟩"yes"
            """) == ["FW6103@a", "FW6103@b"])
    }

    @Test func intrinsicsAreCheckedForWhatTheyResolveTo() {
        // ${...} is Fn::Sub, a string: fine for a string or a number, wrong for a list.
        #expect(findings("""
              dlq: { type: AWS::SQS::Queue }
              queue:
                type: AWS::SQS::Queue
                properties:
                  QueueName: jobs-${env}
                  VisibilityTimeout: ${timeout}
                  RedrivePolicy: { deadLetterTargetArn: "${dlq.Arn}", maxReceiveCount: 5 }
                  Tags: ⟨tags⟩arn-${dlq.Arn}
            """, parameters: """
            parameters:
              env: { type: string, default: dev }
              timeout: { type: number, default: 30 }
            """) == ["FW6103@tags"])
    }

    @Test func eachBranchOfAnFnIfIsChecked() throws {
        let here = SourceRange(file: "t.yaml", start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
        let other = SourceRange(file: "t.yaml", start: .init(line: 2, column: 1), end: .init(line: 2, column: 2))
        var template = Template(origin: here)
        template.append(Resource(logicalId: "Queue", type: "AWS::SQS::Queue", properties: [
            ("DelaySeconds", .if("IsProd", .int(5, here), .int(1000, other), here)),
            ("MaximumMessageSize", .if("IsProd", .int(2048, here), .noValue(here), here)),
        ], origin: here))
        var diagnostics: [Diagnostic] = []
        ResourceProperties.check(TemplateContext(template: template, text: ""), into: &diagnostics)
        #expect(diagnostics.map(\.code) == [.propertyRange])
        #expect(diagnostics.first?.range == other)
    }

    @Test func nestedListsAndDefinitionsAreCheckedAtEveryDepth() {
        #expect(findings("""
              table:
                type: AWS::DynamoDB::Table
                properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - { AttributeName: id, AttributeType: S }
                  KeySchema:
                    - { AttributeName: id, KeyType: HASH }
                  GlobalSecondaryIndexes:
                    - IndexName: byOwner
                      KeySchema:
                        - { AttributeName: id, KeyType: HASH }
                      Projection: { ProjectionType: ALL, ⟨deep⟩NonKeyAttribute: [owner] }
            """) == ["FW6101@deep"])
    }

    @Test func customResourcesAndModulesAreNotChecked() {
        #expect(findings("""
              thumbs:
                type: Custom::Thumbnailer
                properties: { ServiceToken: arn, Anything: [1, 2] }
              network:
                type: Acme::Network::Vpc::MODULE
                properties: { Whatever: true }
            """) == [])
    }

    /// A value found clean is not checked again in the template (`CleanValues`), and a
    /// wrong one is checked, and reported at its own line, wherever it is repeated.
    @Test func aRepeatedValueIsReportedWhereverItIsWrong() {
        #expect(findings("""
              a:
                type: AWS::SQS::Queue
                properties: { Tags: [{ Key: team, Value: media }], DelaySeconds: ⟨a⟩901 }
              b:
                type: AWS::SQS::Queue
                properties: { Tags: [{ Key: team, Value: media }], DelaySeconds: ⟨b⟩901 }
              c:
                type: AWS::SQS::Queue
                properties: { Tags: [{ Key: team, ⟨c⟩Valu: media }], DelaySeconds: 900 }
              d:
                type: AWS::SQS::Queue
                properties: { DelaySeconds: 900, MaximumMessageSize: ⟨d⟩big }
              e:
                type: AWS::SQS::Queue
                properties: { DelaySeconds: 900, MaximumMessageSize: ⟨e⟩big }
            """).sorted() == ["FW6101@c", "FW6103@d", "FW6103@e", "FW6106@a", "FW6106@b"])
    }

    @Test func aMisspeltRequiredPropertyIsOneFinding() {
        #expect(findings("""
              role:
                type: AWS::IAM::Role
                properties:
                  AssumeRolePolicyDocumnt: {}
            """) == ["FW6101@8:7"])
    }
}

extension [String] {
    /// The same elements in the order of `other` (the test lists them by kind, the compiler by position).
    fileprivate func sortedLike(_ other: [String]) -> [String] {
        Set(self) == Set(other) && count == other.count ? other : self
    }
}
