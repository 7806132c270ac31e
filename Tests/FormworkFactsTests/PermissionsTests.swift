import FormworkFacts
import Testing

@Suite struct PermissionsTests {
    /// Every target is a type CloudFormation has, and every attribute a
    /// statement is about is one of that type's return values.
    @Test(arguments: Permissions.targets.map(\.type))
    func targetsNameTheirTypesReturnValues(type: String) throws {
        let target = try #require(Permissions.target(type: type))
        let schema = try #require(ResourceSchemas.schema(for: type), "\(type) has a schema")
        for verb in target.verbs {
            for statement in verb.statements {
                #expect(!statement.actions.isEmpty && !statement.resources.isEmpty)
                for case .attribute(let attribute, _) in statement.resources {
                    #expect(schema.attributes.contains(attribute), "\(type) returns \(attribute) (\(verb.name))")
                }
            }
        }
    }

    @Test func eachTypeIsListedOnceWithDistinctVerbs() {
        let types = Permissions.targets.map(\.type)
        #expect(Set(types).count == types.count)
        for target in Permissions.targets { #expect(Set(target.verbNames).count == target.verbNames.count) }
    }

    /// Only an SSM parameter's ARN is built from its name (it has no `Arn`).
    @Test func theParameterArnIsForParametersOnly() {
        for target in Permissions.targets {
            let built = target.verbs.flatMap(\.statements).flatMap(\.resources).contains(.parameterArn)
            #expect(built == (target.type == "AWS::SSM::Parameter"), "\(target.type)")
        }
        #expect(ResourceSchemas.schema(for: "AWS::SSM::Parameter")?.attributes.contains("Arn") == false)
    }

    /// Actions are `service:Action`, each service the one of its type.
    @Test func actionsBelongToTheirService() {
        let services = [
            "AWS::S3::Bucket": "s3", "AWS::SQS::Queue": "sqs", "AWS::DynamoDB::Table": "dynamodb",
            "AWS::SNS::Topic": "sns", "AWS::StepFunctions::StateMachine": "states", "AWS::Events::EventBus": "events",
            "AWS::SSM::Parameter": "ssm", "AWS::SecretsManager::Secret": "secretsmanager", "AWS::KMS::Key": "kms",
            "AWS::Lambda::Function": "lambda",
        ]
        #expect(Set(services.keys) == Set(Permissions.targets.map(\.type)))
        for target in Permissions.targets {
            for action in target.verbs.flatMap(\.statements).flatMap(\.actions) {
                #expect(action.hasPrefix(services[target.type, default: "?"] + ":"), "\(action) on \(target.type)")
            }
        }
    }

    @Test func dynamoDBReadsCoverIndexesAndStreamsAreReadOnTheirOwn() throws {
        let table = try #require(Permissions.target(type: "AWS::DynamoDB::Table"))
        let read = try #require(table.verb("read"))
        #expect(read.statements[0].resources == [.attribute("Arn"), .attribute("Arn", suffix: "/index/*")])
        #expect(try #require(table.verb("readStream")).statements[0].actions == DynamoDB.streamReadActions)
        #expect(!DynamoDB.writeActions.contains("dynamodb:DeleteItem"))
        #expect(try #require(table.verb("readWrite")).statements.flatMap(\.actions) == DynamoDB.readActions + DynamoDB.writeActions)
    }

    /// IAM's action wildcards: case-insensitive, `*` any run, `?` one character.
    @Test func actionPatternsMatchAsIAMDoes() {
        for pattern in ["sqs:SendMessage", "SQS:SENDMESSAGE", "*", "sqs:*", "sqs:Send*", "*:SendMessage", "sqs:?endMessag?", "s*s:*e*"] {
            #expect(IAM.action(pattern, covers: "sqs:SendMessage"), "\(pattern)")
        }
        for pattern in ["sqs:Send", "sqs:SendMessage?", "sns:*", "sqs:?", "", "sqs:SendMessage*x"] {
            #expect(!IAM.action(pattern, covers: "sqs:SendMessage"), "\(pattern)")
        }
        // Many stars over a long action stay linear (one backtrack point).
        let long = String(repeating: "a", count: 20_000)
        #expect(!IAM.action(String(repeating: "*a", count: 2_000) + "b", covers: long))
    }
}
