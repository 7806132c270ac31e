import FormworkCFN
import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// A function's `environmentKey` and `logs.kmsKey` lowered and checked
/// (FW4341, FW4342), and the CKV_AWS_116 skip Formwork writes itself.
@Suite struct EncryptionKeysTests {
    static let function = "handler: a.b, runtime: python3.12, code: { inline: x }"

    /// A key whose policy's second statement is `logsStatement` (none when nil).
    static func key(_ logsStatement: String?) -> String {
        """
          appKey:
            type: AWS::KMS::Key
            properties:
              KeyPolicy:
                Statement:
                  - { Effect: Allow, Principal: { AWS: "arn:${aws.partition}:iam::${aws.accountId}:root" }, Action: "kms:*", Resource: "*" }
        \(logsStatement.map { "          - \($0)\n" } ?? "")
        """
    }

    static let logsStatement = #"{ Effect: Allow, Principal: { Service: "logs.${aws.region}.amazonaws.com" }, Action: [kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*], Resource: "*" }"#

    /// The logical ID a `Fn::GetAtt [id, Arn]` names.
    static func getAttArn(_ value: TemplateValue?) -> String? {
        guard case .object(let members)? = value?.kind, members.count == 1, members[0].key == "Fn::GetAtt",
              case .array(let parts) = members[0].value.kind, parts.count == 2,
              case .string(let id) = parts[0].kind, case .string("Arn") = parts[1].kind else { return nil }
        return id
    }

    static func skips(_ resource: Resource?) -> [String] {
        guard case .array(let items)? = resource?.metadata?["checkov"]?["skip"]?.kind else { return [] }
        return items.compactMap { if case .string(let id)? = $0["id"]?.kind { id } else { nil } }
    }

    @Test func aKeyOfTheSpecEncryptsTheEnvironmentAndTheLogGroup() throws {
        let (compiled, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            resources:
            \(Self.key(Self.logsStatement))
              work: { kind: function, \(Self.function), environmentKey: appKey, logs: { kmsKey: appKey } }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let template = try #require(compiled)
        #expect(Self.getAttArn(template.resource("Work")?.properties["KmsKeyArn"]) == "AppKey")
        #expect(Self.getAttArn(template.resource("WorkLogGroup")?.properties["KmsKeyId"]) == "AppKey")
    }

    @Test func anARNIsWrittenAsGivenAndDefaultsReachEveryFunction() throws {
        let arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let (compiled, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            defaults:
              function: { environmentKey: "\(arn)", logs: { kmsKey: "\(arn)" } }
            resources:
              a: { kind: function, \(Self.function) }
              b: { kind: function, \(Self.function), logs: { retentionDays: 30 } }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let template = try #require(compiled)
        for id in ["A", "B"] {
            #expect(template.resource(id)?.properties["KmsKeyArn"]?.kind == .string(arn))
            #expect(template.resource(id + "LogGroup")?.properties["KmsKeyId"]?.kind == .string(arn))
        }
        // Without either, neither property is written.
        let plain = try #require(Pipeline.compile("formwork: 1\nstack: demo\nresources:\n  a: { kind: function, \(Self.function) }").template)
        #expect(plain.resource("A")?.properties["KmsKeyArn"] == nil)
        #expect(plain.resource("ALogGroup")?.properties["KmsKeyId"] == nil)
    }

    @Test func aNameThatIsNoKeyIsAnErrorOnceEvenFromDefaults() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              function: { logs: { kmsKey: ⟨default⟩jobs } }
            resources:
              jobs: { kind: queue }
              a: { kind: function, \(Self.function), environmentKey: ⟨own⟩jobs }
              b: { kind: function, \(Self.function) }
            """)
        let diagnostics = Pipeline.compile(text.text).diagnostics
        #expect(text.findings(diagnostics) == ["FW4341@default", "FW4341@own"])
        #expect(diagnostics.last?.message == "environmentKey must be a raw AWS::KMS::Key, but 'jobs' is a queue")
    }

    @Test func aLogGroupKeyMustLetCloudWatchLogsUseIt() {
        let spec = { (statement: String?) in
            MarkedText("""
                formwork: 1
                stack: demo
                resources:
                \(Self.key(statement))
                  a: { kind: function, \(Self.function), logs: { kmsKey: ⟨key⟩appKey } }
                """)
        }
        let accountOnly = spec(nil)
        #expect(accountOnly.findings(Pipeline.compile(accountOnly.text).diagnostics) == ["FW4342@key"])
        for allowed in [
            Self.logsStatement,
            #"{ Effect: Allow, Principal: { Service: [sns.amazonaws.com, logs.eu-west-1.amazonaws.com] }, Action: "kms:*", Resource: "*" }"#,
        ] {
            #expect(Pipeline.compile(spec(allowed).text).diagnostics.isEmpty, "\(allowed)")
        }
        for refused in [
            // Encrypt but never decrypt: CloudWatch Logs needs both.
            #"{ Effect: Allow, Principal: { Service: "logs.${aws.region}.amazonaws.com" }, Action: [kms:GenerateDataKey*], Resource: "*" }"#,
            #"{ Effect: Deny, Principal: { Service: "logs.${aws.region}.amazonaws.com" }, Action: "kms:*", Resource: "*" }"#,
            #"{ Effect: Allow, Principal: { Service: logs.amazonaws.com }, Action: "kms:*", Resource: "*" }"#,
        ] {
            let text = spec(refused)
            #expect(text.findings(Pipeline.compile(text.text).diagnostics) == ["FW4342@key"], "\(refused)")
        }
    }

    @Test func aKeyWithoutPolicyOrWithADeployTimePrincipal() {
        let bare = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              logsPrincipal: { type: string }
            resources:
              appKey: { type: AWS::KMS::Key, properties: { Description: no policy } }
              otherKey:
                type: AWS::KMS::Key
                properties:
                  KeyPolicy:
                    Statement: [{ Effect: Allow, Principal: { Service: "${logsPrincipal}" }, Action: "kms:*", Resource: "*" }]
              a: { kind: function, \(Self.function), logs: { kmsKey: ⟨bare⟩appKey } }
              b: { kind: function, \(Self.function), logs: { kmsKey: otherKey } }
            """)
        let diagnostics = Pipeline.compile(bare.text).diagnostics
        #expect(bare.findings(diagnostics) == ["FW4342@bare"])
        #expect(diagnostics.first?.notes.first?.message == "'appKey' is declared here, without KeyPolicy")
    }

    @Test func onlyAFunctionNothingInvokesAsynchronouslyGetsTheBuiltInSkip() throws {
        let template = try #require(Pipeline.compile("""
            formwork: 1
            stack: demo
            resources:
              api:
                kind: api
                stage: prod
                auth: iam
                routes:
                  GET /a: { function: sync }
              sync: { kind: function, \(Self.function) }
              nightly:
                kind: function
                \(Self.function.replacingOccurrences(of: ", ", with: "\n    "))
                triggers: [{ schedule: rate(1 day) }]
              optedOut:
                kind: function
                \(Self.function.replacingOccurrences(of: ", ", with: "\n    "))
                deadLetterQueue: false
                triggers: [{ schedule: rate(1 day) }]
            """).template)
        #expect(Self.skips(template.resource("Sync")) == ["CKV_AWS_116"])
        #expect(Self.skips(template.resource("SyncRole")).isEmpty)
        // It has a dead-letter queue; and one that turned it off is for checkov to judge.
        #expect(Self.skips(template.resource("Nightly")).isEmpty)
        #expect(Self.skips(template.resource("OptedOut")).isEmpty)
        let comment = template.resource("Sync")?.metadata?["checkov"]?["skip"]
        #expect("\(String(describing: comment))".contains("nothing in this stack invokes the function asynchronously"))
    }

    /// The statements of a function's role that name the key `appKey`, by their actions.
    static func keyActions(_ template: Template?, role: String) -> [[String]] {
        guard case .array(let statements)? = template?.resource(role)?.properties["Policies"]?.items.first?["PolicyDocument"]?["Statement"]?.kind
        else { return [] }
        return statements.filter { getAttArn($0["Resource"]) == "AppKey" }.map { statement in
            switch statement["Action"]?.kind {
            case .string(let action)?: [action]
            case .array(let items)?: items.compactMap { if case .string(let action) = $0.kind { action } else { nil } }
            default: []
            }
        }
    }

    @Test func aQueueOnAKeyOfTheSpecGivesItsSendersAndConsumersTheKey() throws {
        let (compiled, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            resources:
            \(Self.key(nil))
              jobs: { kind: queue, kmsKey: appKey }
              producer: { kind: function, \(Self.function), environment: { JOBS: "${jobs.url}" }, permissions: [{ sendMessage: jobs }] }
              consumer: { kind: function, \(Self.function), triggers: [{ sqs: { queue: jobs } }] }
              plain: { kind: function, \(Self.function), environment: { OTHER: "${other.url}" }, permissions: [{ sendMessage: other }] }
              other: { kind: queue }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let template = try #require(compiled)
        #expect(Self.getAttArn(template.resource("Jobs")?.properties["KmsMasterKeyId"]) == "AppKey")
        #expect(Self.keyActions(template, role: "ProducerRole") == [["kms:GenerateDataKey", "kms:Decrypt"]])
        #expect(Self.keyActions(template, role: "ConsumerRole") == [["kms:Decrypt"]])
        // The AWS managed key needs no grant.
        #expect(template.resource("Other")?.properties["KmsMasterKeyId"]?.kind == .string("alias/aws/sqs"))
        #expect(Self.keyActions(template, role: "PlainRole").isEmpty)
    }

    @Test func aQueueKeyWithSQSEncryptionIsAnError() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
            \(Self.key(nil))
              jobs: { kind: queue, encryption: ⟨sqs⟩sqs, kmsKey: ⟨key⟩appKey }
              bucket: { kind: bucket }
              other: { kind: queue, kmsKey: ⟨bucket⟩bucket }
            """)
        let diagnostics = Pipeline.compile(text.text).diagnostics
        #expect(text.findings(diagnostics) == ["FW4343@key", "FW4341@bucket"])
        #expect(diagnostics.first?.notes.first?.range?.start == text.location("sqs"))
        // Of a conditional encryption, a branch that is sqs.
        let conditional = MarkedText("""
            formwork: 1
            stack: demo
            parameters: { env: { type: string, default: dev } }
            resources:
            \(Self.key(nil))
              jobs: { kind: queue, encryption: "${env == 'prod' ? 'kms' : ⟨sqs⟩'sqs'}", kmsKey: ⟨key⟩appKey }
            """)
        let found = Pipeline.compile(conditional.text).diagnostics
        #expect(conditional.findings(found) == ["FW4343@key"])
        #expect(found.first?.notes.first?.range?.start == conditional.location("sqs"))
    }
}
