import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
@testable import FormworkLowering
@testable import FormworkRules
import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct FunctionComponentTests {
    static let header = """
        formwork: 1
        stack: media
        resources:

        """

    static func function(_ body: String) -> String {
        header + """
              worker:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => 1;" }
            \(body)
            """
    }

    @Test func generatesChildrenRightAfterTheFunction() throws {
        let (template, diagnostics) = Pipeline.compile(Self.function("    deadLetterQueue: true"))
        #expect(diagnostics.isEmpty)
        let resources = try #require(template).resources
        #expect(resources.map(\.logicalId) == ["Worker", "WorkerRole", "WorkerLogGroup", "WorkerDeadLetterQueue"])
        #expect(resources.map(\.type) == ["AWS::Lambda::Function", "AWS::IAM::Role", "AWS::Logs::LogGroup", "AWS::SQS::Queue"])
        // Both names end in the stack ID's first UUID group: an Fn::Join, never a plain string
        // (FunctionNamingTests spells out the whole join).
        let functionName = try #require(resources[0].properties["FunctionName"])
        #expect(functionName.compactJSON == FunctionNaming.name(prefix: "media-worker", .wholeFile("t.yaml")).compactJSON)
        #expect(functionName["Fn::Join"]?.items.last?.items.first?.text == "media-worker")
        let logGroupName = try #require(resources[2].properties["LogGroupName"])
        #expect(logGroupName.compactJSON == FunctionNaming.name(prefix: "/aws/lambda/media-worker", .wholeFile("t.yaml")).compactJSON)
        #expect(logGroupName["Fn::Join"]?.items.last?.items.first?.text == "/aws/lambda/media-worker")
    }

    @Test func policyNeverGrantsEverything() throws {
        let text = Self.function("""
                permissions:
                  - sendMessage: jobs
                  - consume: jobs
                triggers:
                  - sqs: { queue: jobs }
              jobs:
                kind: queue
            """)
        let (template, diagnostics) = Pipeline.compile(text)
        #expect(diagnostics.isEmpty)
        let role = try #require(template?.resource("WorkerRole"))
        let json = JSONWriter.write(role.properties)
        #expect(!json.contains("\"*\""))
        // consume from the permission and from the trigger are the same statement, written once
        #expect(json.split(separator: "sqs:ReceiveMessage", omittingEmptySubsequences: false).count == 2)
        #expect(json.contains("sqs:SendMessage"))
    }

    /// VPC access and active tracing need `Resource: "*"`: they come as AWS's
    /// managed policies, and the inline policy still names only ARNs.
    @Test func vpcAndTracingComeAsManagedPoliciesNeverAsAStarInTheInlinePolicy() throws {
        let text = Self.function("""
                vpc: { subnets: [subnet-1, subnet-2], securityGroups: sg-1 }
                tracing: active
                architectures: arm64
            """)
        let (template, diagnostics) = Pipeline.compile(text)
        #expect(diagnostics.isEmpty)
        let role = try #require(template?.resource("WorkerRole"))
        #expect(!JSONWriter.write(role.properties["Policies"] ?? .string("", nil)).contains("\"*\""))
        let managed = try #require(role.properties["ManagedPolicyArns"]?.items.compactMap { $0["Fn::Sub"]?.text })
        #expect(managed == [
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
            "arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess",
        ])
        let function = try #require(template?.resource("Worker"))
        #expect(function.properties["VpcConfig"]?.compactJSON
            == #"{"SecurityGroupIds": ["sg-1"],"SubnetIds": ["subnet-1","subnet-2"]}"#)
        #expect(function.properties["Architectures"]?.compactJSON == #"["arm64"]"#)
    }

    @Test func conditionalChoicesAreFnIfsAndTheTracingPolicyOnlyWhereActive() throws {
        let parameters = "formwork: 1\nstack: media\nparameters: { env: { type: string, default: dev, allowed: [dev, prod] } }\n"
        let text = parameters + Self.function("""
                tracing: "${env == 'prod' ? 'active' : 'passThrough'}"
                architectures: "${env == 'prod' ? 'arm64' : 'x86_64'}"
            """).dropFirst("formwork: 1\nstack: media\n".count)
        let (template, diagnostics) = Pipeline.compile(text)
        #expect(diagnostics.isEmpty)
        let function = try #require(template?.resource("Worker"))
        #expect(function.properties["Architectures"]?.compactJSON == #"[{"Fn::If": ["EnvIsProd","arm64","x86_64"]}]"#)
        #expect(function.properties["TracingConfig"]?.compactJSON == #"{"Mode": {"Fn::If": ["EnvIsProd","Active","PassThrough"]}}"#)
        let role = try #require(template?.resource("WorkerRole"))
        #expect(role.properties["ManagedPolicyArns"]?.compactJSON
            == #"[{"Fn::If": ["EnvIsProd",{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"},{"Ref": "AWS::NoValue"}]}]"#)
        // Never active: no policy at all.
        let passive = parameters + Self.function("""
                tracing: "${env == 'prod' ? 'passThrough' : 'passThrough'}"
            """).dropFirst("formwork: 1\nstack: media\n".count)
        #expect(Pipeline.compile(passive).template?.resource("WorkerRole")?.properties["ManagedPolicyArns"] == nil)
    }

    @Test func environmentVariableNamesKeepTheirOwnRange() throws {
        let text = MarkedText(Self.function("""
                environment:
                  ⟨first⟩FIRST: one
                  ⟨second⟩SECOND: two
            """))
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(diagnostics.isEmpty)
        let variables = try #require(template?.resource("Worker")?.properties["Environment"]?["Variables"])
        guard case .object(let members) = variables.kind else { Issue.record("Variables is not an object"); return }
        #expect(members.map(\.key) == ["FIRST", "SECOND"])
        #expect(members.map { $0.keyOrigin?.start } == [text.location("first"), text.location("second")])
    }

    @Test func queueWithoutVisibilityTimeoutGetsSixTimesTheSlowestConsumer() throws {
        let text = Self.function("""
                timeout: 100
                triggers:
                  - sqs: { queue: jobs }
              jobs:
                kind: queue
              other:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                timeout: 900
                code: { inline: "exports.handler = async () => 1;" }
                triggers:
                  - sqs: { queue: jobs, batchSize: 11 }
            """)
        let (template, diagnostics) = Pipeline.compile(text)
        #expect(diagnostics.isEmpty)
        let queue = try #require(template?.resource("Jobs"))
        #expect(queue.properties["VisibilityTimeout"]?.kind == .number("5400"))
        let mapping = try #require(template?.resource("OtherJobsEventSource"))
        #expect(mapping.properties["MaximumBatchingWindowInSeconds"]?.kind == .number("1"))
    }

    @Test func visibilityTimeoutIsCappedAtTwelveHours() throws {
        let text = Self.function("""
                timeout: 900
                triggers:
                  - sqs: { queue: jobs }
              jobs:
                kind: queue
            """)
        let queue = try #require(Pipeline.compile(text).template?.resource("Jobs"))
        #expect(queue.properties["VisibilityTimeout"]?.kind == .number("5400"))
        #expect(SQS.visibilityTimeoutRange.upperBound == 43_200)
    }

    @Test func triggerConditionGoesOnEverythingItGenerates() throws {
        let text = """
            formwork: 1
            stack: media
            parameters:
              env: { type: string, default: dev }
            resources:
              worker:
                kind: function
                when: env != 'dev'
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => 1;" }
                triggers:
                  - schedule: rate(1 hour)
                    when: env == 'prod'
            """
        let (template, diagnostics) = Pipeline.compile(text)
        #expect(diagnostics.isEmpty)
        let rule = try #require(template?.resource("WorkerSchedule1"))
        let permission = try #require(template?.resource("WorkerSchedule1Permission"))
        #expect(rule.condition != nil && rule.condition == permission.condition)
        #expect(rule.condition != template?.resource("Worker")?.condition)
    }

    /// Inside a resource that carries a condition, nothing tests that
    /// condition again (cfn-lint W1028): policy statements, environment
    /// variables, fallbacks and tags; a condition it does not imply stays.
    @Test func theRolesOwnConditionIsNotTestedAgain() throws {
        let text = """
            formwork: 1
            stack: media
            parameters:
              env: { type: string, default: dev }
              region: { type: string, optional: true }
            resources:
              archive:
                kind: bucket
                when: env == 'prod'
              other:
                kind: queue
              worker:
                kind: function
                when: env == 'prod' && region
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => 1;" }
                environment:
                  BUCKET: ${archive.name}
                  REGION: ${region ?? 'none'}
                  STAGE: { value: live, when: env == 'prod' }
                tags:
                  archive: ${archive.arn ?? 'none'}
                permissions:
                  - read: archive
                triggers:
                  - sqs: { queue: other }
                    when: env != 'dev'
            """
        let (template, diagnostics) = Pipeline.compile(text)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let role = try #require(template?.resource("WorkerRole"))
        let function = try #require(template?.resource("Worker"))
        let policy = JSONWriter.write(role.properties)
        // Only the trigger's own condition is tested, once.
        #expect(policy.components(separatedBy: "Fn::If").count == 2)
        #expect(policy.contains("EnvIsNotDev"))
        #expect(!JSONWriter.write(function.properties).contains("Fn::If"))
        #expect(function.properties["Environment"]?["Variables"]?["REGION"]?.compactJSON == #"{"Ref": "Region"}"#)
        #expect(function.properties["Environment"]?["Variables"]?["STAGE"]?.text == "live")
    }

    @Test func s3TriggerPermissionUsesTheBucketNameNotARef() throws {
        let text = Self.function("""
                triggers:
                  - s3: { bucket: uploads }
              uploads:
                kind: bucket
                name: media-uploads
            """)
        let (template, _) = Pipeline.compile(text)
        let permission = try #require(template?.resource("WorkerUploadsPermission"))
        #expect(permission.properties["SourceArn"]?["Fn::Sub"]?.text == "arn:${AWS::Partition}:s3:::media-uploads")
    }

    @Test func notificationsMergeIntoTheBucket() {
        let origin = SourceRange(file: "t.yaml", line: 1, column: 1)
        let entry = TemplateValue.object([("Event", .string("s3:ObjectCreated:*", origin))], origin)
        let existing = TemplateValue.object([("NotificationConfiguration", .object([
            ("LambdaConfigurations", .array([entry], origin)),
        ], origin))], origin)
        let merged = Lowering.addingLambdaConfigurations([entry], to: existing, origin: origin)
        guard case .array(let items)? = merged["NotificationConfiguration"]?["LambdaConfigurations"]?.kind else {
            Issue.record("no LambdaConfigurations")
            return
        }
        #expect(items.count == 2)
    }

    @Test func s3ArnInlinesWhatItCan() {
        let origin = SourceRange(file: "t.yaml", line: 1, column: 1)
        #expect(Lowering.s3Arn(of: .ref("Name", origin), suffix: "/*", origin: origin) == .sub("arn:${AWS::Partition}:s3:::${Name}/*", origin))
        #expect(Lowering.s3Arn(of: .string("a${b", origin), suffix: "", origin: origin) == .sub("arn:${AWS::Partition}:s3:::a${!b", origin))
        let other = Lowering.s3Arn(of: .if("C", .ref("A", origin), .string("", origin), origin), suffix: "", origin: origin)
        #expect(JSONWriter.write(other).contains("${BucketName}"))
    }
}

@Suite struct FunctionNamingTests {
    /// A FIFO queue's name is cut like a function's, to leave `-<suffix>.fifo` within SQS's 80 characters.
    @Test func fifoQueueNamesFitSQSsLimit() throws {
        let stack = String(repeating: "s", count: 64)
        let text = """
            formwork: 1
            stack: \(stack)
            resources:
              \(String(repeating: "q", count: 70)): { kind: queue, fifo: true }
            """
        let (template, diagnostics) = Pipeline.compile(text)
        #expect(diagnostics.isEmpty)
        let join = try #require(template?.resources.first?.properties["QueueName"]?["Fn::Join"]?.items.last?.items)
        let prefix = try #require(join.first?.text)
        #expect(join.last?.text == ".fifo")
        // prefix, 8 hex digits of the stack ID, ".fifo"
        #expect(prefix.count + 8 + 5 <= 80)
        #expect(prefix.hasSuffix("-"))
    }

    @Test func shortNamesAreStackDashName() {
        #expect(FunctionNaming.prefix(stack: "media", name: "worker") == "media-worker")
    }

    @Test func longNamesAreShortenedDeterministicallyToLeaveRoomForTheStackSuffix() {
        let stack = String(repeating: "s", count: 60)
        let a = FunctionNaming.prefix(stack: stack, name: "processorOne")
        let b = FunctionNaming.prefix(stack: stack, name: "processorTwo")
        // 55 + "-" + 8 hex digits of the stack ID = 64, Lambda's limit.
        #expect(a.count == 55 && b.count == 55)
        #expect(a != b)
        #expect(a == FunctionNaming.prefix(stack: stack, name: "processorOne"))
    }

    @Test func theStackPartIsCutBeforeTheFunctionsOwnName() {
        let stack = "a-very-long-stack-name-for-the-payments-reconciliation"
        let name = FunctionNaming.prefix(stack: stack, name: "reconcileLedger")
        #expect(name.count == 55)
        // 46 characters before the hash: the name whole, the stack cut (and no hyphen left dangling).
        #expect(name.hasPrefix("a-very-long-stack-name-for-the-reconcileLedger-"))
        #expect(name.dropFirst(47).count == 8)
    }

    @Test func aNameTooLongOnItsOwnIsCutAndTheStackLeftOut() {
        let long = "processor" + String(repeating: "X", count: 60)
        let name = FunctionNaming.prefix(stack: "media", name: long)
        #expect(name.count == 55)
        #expect(name.hasPrefix(String(long.prefix(46)) + "-"))
        #expect(name != FunctionNaming.prefix(stack: "other", name: long))
    }

    @Test func aNameThatLeavesRoomForOneStackCharacterKeepsIt() {
        let stack = "nightly-maintenance-jobs-for-the-media-ingestion-platform"
        let name = FunctionNaming.prefix(stack: stack, name: "cleanupOfExpiredUploadsAndOrphanedThumbnails")
        #expect(name.hasPrefix("n-cleanupOfExpiredUploadsAndOrphanedThumbnails-"))
        #expect(name.count == 55)
    }

    @Test func theNameEndsWithTheStackIdsFirstUUIDGroup() {
        let origin = SourceRange(file: "t.yaml", line: 1, column: 1)
        #expect(FunctionNaming.name(prefix: "media-worker", origin).compactJSON == #"{"Fn::Join": ["-",["media-worker",{"Fn::Select": [0,{"Fn::Split": ["-",{"Fn::Select": [2,{"Fn::Split": ["/",{"Ref": "AWS::StackId"}]}]}]}]}]]}"#)
    }
}
