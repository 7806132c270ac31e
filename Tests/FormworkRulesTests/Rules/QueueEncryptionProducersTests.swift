import FormworkCFN
import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW4340 (QueueEncryptionProducers), and the `encryption` a queue lowers to.
private func at(_ line: Int) -> SourceRange { SourceRange(file: "t.json", line: line, column: 1) }

@Suite struct QueueEncryptionProducersTests {
    static func spec(_ queues: String, principal: String = "sns.amazonaws.com") -> String {
        """
        formwork: 1
        stack: demo
        resources:
        \(queues)
          topic: { type: AWS::SNS::Topic }
          inboxPolicy:
            type: AWS::SQS::QueuePolicy
            properties:
              Queues: ["${inbox.url}"]
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: { Service: ⟨principal⟩\(principal) }
                    Action: sqs:SendMessage
                    Resource: ${inbox.arn}
                    Condition: { ArnEquals: { aws:SourceArn: "${topic}" } }
        """
    }

    @Test func aQueueEncryptsWithTheAWSManagedKeyByDefault() {
        let (template, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            resources:
              jobs: { kind: queue }
              mail: { kind: queue, encryption: sqs }
              worker: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, deadLetterQueue: true }
            """)
        #expect(diagnostics.isEmpty)
        #expect(template?.resource("Jobs")?.properties["KmsMasterKeyId"]?.kind == .string("alias/aws/sqs"))
        #expect(template?.resource("Jobs")?.properties["SqsManagedSseEnabled"] == nil)
        #expect(template?.resource("Mail")?.properties["SqsManagedSseEnabled"]?.kind == .bool(true))
        #expect(template?.resource("Mail")?.properties["KmsMasterKeyId"] == nil)
        #expect(template?.resource("WorkerDeadLetterQueue")?.properties["KmsMasterKeyId"]?.kind == .string("alias/aws/sqs"))
    }

    @Test func aServiceSendingToTheDefaultIsAnErrorAtTheQueue() {
        let text = MarkedText(Self.spec("  ⟨inbox⟩inbox: { kind: queue }"))
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(template == nil)
        #expect(diagnostics.map(\.code) == [.serviceSendsToManagedKeyQueue])
        #expect(diagnostics.first?.range.start.line == text.location("inbox").line)
        #expect(diagnostics.first?.message
            == "queue 'inbox' is encrypted with the AWS managed key alias/aws/sqs, which sns.amazonaws.com cannot use, so none of its messages arrive")
        #expect(diagnostics.first?.notes.first?.range?.start == text.location("principal"))
        #expect(diagnostics.first?.help == ["write 'encryption: sqs' on queue 'inbox' (SQS-managed encryption, which AWS services can send to)"])
    }

    @Test func aWrittenKmsGetsAFixIt() {
        let text = MarkedText(Self.spec("  inbox: { kind: queue, encryption: ⟨kms⟩kms }"))
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW4340@kms"])
        #expect(diagnostics.first?.fixIts.flatMap(\.edits).map(\.text) == ["sqs"])
        #expect(diagnostics.first?.fixIts.first?.applied(to: text.text).contains("encryption: sqs }") == true)
    }

    @Test func aConditionalEncryptionIsJudgedBranchByBranch() throws {
        let parameters = "formwork: 1\nstack: demo\nparameters: { env: { type: string, default: dev } }\n"
        func spec(_ queue: String) -> String { parameters + Self.spec(queue).dropFirst("formwork: 1\nstack: demo\n".count) }
        let text = MarkedText(spec(#"  inbox: { kind: queue, encryption: "${env == 'prod' ? ⟨kms⟩'kms' : 'sqs'}" }"#))
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW4340@kms"])
        // The branch keeps its quotes.
        #expect(diagnostics.first?.fixIts.first?.applied(to: text.text).contains(#"${env == 'prod' ? 'sqs' : 'sqs'}"#) == true)
        let (template, clean) = Pipeline.compile(MarkedText(spec(#"  inbox: { kind: queue, encryption: "${env == 'prod' ? 'sqs' : 'sqs'}" }"#)).text)
        #expect(clean.isEmpty)
        // Each property under Fn::If where its branches are, and no other.
        let (both, _) = Pipeline.compile(parameters + """
            resources:
              jobs: { kind: queue, encryption: "${env == 'prod' ? 'kms' : 'sqs'}" }
            """)
        let jobs = try #require(both?.resource("Jobs"))
        #expect(jobs.properties["KmsMasterKeyId"]?.compactJSON == #"{"Fn::If": ["EnvIsProd","alias/aws/sqs",{"Ref": "AWS::NoValue"}]}"#)
        #expect(jobs.properties["SqsManagedSseEnabled"]?.compactJSON == #"{"Fn::If": ["EnvIsProd",{"Ref": "AWS::NoValue"},true]}"#)
        #expect(template?.resource("Inbox")?.properties["KmsMasterKeyId"] == nil)
    }

    @Test func sqsManagedEncryptionIsFine() {
        #expect(Pipeline.compile(MarkedText(Self.spec("  inbox: { kind: queue, encryption: sqs }")).text).diagnostics.isEmpty)
    }

    @Test func everyServicePrincipalIsJudged() {
        // lambda.amazonaws.com cannot use the AWS managed key either.
        let lambda = MarkedText(Self.spec("  inbox: { kind: queue }", principal: "lambda.amazonaws.com"))
        #expect(Pipeline.compile(lambda.text).diagnostics.map(\.code) == [.serviceSendsToManagedKeyQueue])
    }

    @Test(arguments: ["sqs:SendMessage", "SQS:sendmessage", "sqs:*", "*", "sqs:Send*", "sqs:?endMessage", "s*:*Message"])
    func everyActionPatternThatCoversSendingIsJudged(action: String) {
        let queue = Resource(logicalId: "Q", type: "AWS::SQS::Queue",
                             properties: [("KmsMasterKeyId", .string("alias/aws/sqs", at(2)))], origin: at(2))
        #expect(Self.check([queue, Self.policy(.ref("Q", at(6)), resource: .string("*", at(8)), action: action)]).count == 1)
    }

    @Test func anUnknownEncryptionIsRejectedWithTheChoices() {
        let (_, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            resources:
              jobs: { kind: queue, encryption: kms-cmk }
            """)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.range.start.line == 4)
    }

    // MARK: plain templates

    static func check(_ resources: [Resource]) -> [Diagnostic] {
        var template = Template()
        for resource in resources { template.append(resource) }
        var diagnostics: [Diagnostic] = []
        QueueEncryptionProducers.check(TemplateContext(template: template, text: ""), into: &diagnostics)
        return diagnostics
    }

    static func policy(_ queues: TemplateValue, resource: TemplateValue, action: String = "sqs:SendMessage",
                       principal: TemplateValue = .object([("Service", .string("events.amazonaws.com", at(9)))], at(9))) -> Resource {
        let statement = TemplateValue.object([
            ("Effect", .string("Allow", at(8))), ("Principal", principal),
            ("Action", .string(action, at(8))), ("Resource", resource),
        ], at(8))
        let document = TemplateValue.object([("Statement", .array([statement], at(7)))], at(7))
        return Resource(logicalId: "Policy", type: "AWS::SQS::QueuePolicy",
                        properties: [("Queues", queues), ("PolicyDocument", document)], origin: at(6))
    }

    @Test func plainQueuesAreJudgedThroughQueuesOrResource() {
        let managed = { (id: String, line: Int) in
            Resource(logicalId: id, type: "AWS::SQS::Queue",
                     properties: [("KmsMasterKeyId", .string("alias/aws/sqs", at(line)))], origin: at(line))
        }
        let diagnostics = Self.check([
            managed("ByRef", 2), managed("ByArn", 3),
            Resource(logicalId: "Fine", type: "AWS::SQS::Queue",
                     properties: [("SqsManagedSseEnabled", .bool(true, at(4)))], origin: at(4)),
            Self.policy(.array([.ref("ByRef", at(6)), .ref("Fine", at(6))], at(6)),
                        resource: .getAtt("ByArn", "Arn", at(8))),
        ])
        #expect(diagnostics.map(\.range.start.line) == [2, 3])
        #expect(diagnostics.first?.help == ["set SqsManagedSseEnabled: true instead of KmsMasterKeyId, or use a customer managed key whose policy allows events.amazonaws.com"])
        #expect(diagnostics.first?.notes.first?.range?.start.line == 9)
    }

    @Test func readingAccountPrincipalsAndDeployTimeValuesAreNotJudged() {
        let queue = Resource(logicalId: "Q", type: "AWS::SQS::Queue",
                             properties: [("KmsMasterKeyId", .string("alias/aws/sqs", at(2)))], origin: at(2))
        let account = TemplateValue.object([("AWS", .string("arn:aws:iam::123456789012:root", at(9)))], at(9))
        for action in ["sqs:ReceiveMessage", "sqs:Send", "sqs:SendMessageBatch", "sns:*", "sqs:Delete*"] {
            #expect(Self.check([queue, Self.policy(.ref("Q", at(6)), resource: .string("*", at(8)), action: action)]).isEmpty, "\(action)")
        }
        #expect(Self.check([queue, Self.policy(.ref("Q", at(6)), resource: .string("*", at(8)), principal: account)]).isEmpty)
        #expect(Self.check([queue, Self.policy(.ref("Url", at(6)), resource: .string("*", at(8)))]).isEmpty)
        let byParameter = Resource(logicalId: "Q", type: "AWS::SQS::Queue",
                                   properties: [("KmsMasterKeyId", .ref("Key", at(2)))], origin: at(2))
        #expect(Self.check([byParameter, Self.policy(.ref("Q", at(6)), resource: .string("*", at(8)))]).isEmpty)
    }
}
