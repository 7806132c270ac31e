/// What each verb of a function's `permissions:` grants, per type of target:
/// the actions of each statement and the resource each is about, as a
/// part of the target (an attribute, its `Ref`, or an ARN built from its
/// name), never `*`. Each list's source is beside it; each attribute named
/// here is one of the type's return values in its resource schema
/// (checked by `PermissionsTests`).
package enum Permissions {
    /// Where a statement's resource comes from.
    package enum Resource: Sendable, Equatable {
        /// The target's attribute (`Fn::GetAtt`), then `suffix`
        /// (`${Table.Arn}/index/*`). For a `kind: bucket` or `kind: function`
        /// the `Arn` is built from the resource's name instead, so that
        /// naming it makes no cycle.
        case attribute(String, suffix: String = "")
        /// The target's `Ref`, for the types whose `Ref` is their ARN.
        case ref
        /// `arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/<name>`,
        /// built from an SSM parameter's `Name` (one `/` between `parameter`
        /// and a name that starts with `/`). `AWS::SSM::Parameter` has no
        /// `Arn` return value; its `Ref` is its name.
        /// Source: AWS Systems Manager User Guide, "Restricting access to
        /// Parameter Store parameters using IAM policies"; CloudFormation User
        /// Guide, `AWS::SSM::Parameter` (return values).
        case parameterArn
    }

    /// One statement: these actions on these resources.
    package struct Statement: Sendable, Equatable {
        package let actions: [String]
        package let resources: [Resource]

        init(_ actions: [String], on resources: [Resource]) {
            self.actions = actions
            self.resources = resources
        }
    }

    /// A verb and what it grants.
    package struct Verb: Sendable {
        package let name: String
        package let statements: [Statement]

        init(_ name: String, _ statements: [Statement]) {
            self.name = name
            self.statements = statements
        }
    }

    /// A type of resource a permission may name, and its verbs.
    package struct Target: Sendable {
        /// The CloudFormation type.
        package let type: String
        /// What messages call it ("a DynamoDB table").
        package let noun: String
        package let verbs: [Verb]

        package func verb(_ name: String) -> Verb? { verbs.first { $0.name == name } }
        package var verbNames: [String] { verbs.map(\.name) }
    }

    /// The type of a `kind: bucket`, `kind: queue` and `kind: function`: they
    /// take the verbs of raw resources of that type.
    package static let bucketType = "AWS::S3::Bucket"
    package static let queueType = "AWS::SQS::Queue"
    package static let functionType = "AWS::Lambda::Function"

    private static let arn = Resource.attribute("Arn")

    /// Every type a permission may name, in the order messages list them.
    package static let targets: [Target] = [
        // Source: Amazon S3 User Guide, "Policy actions for Amazon S3"
        // (GetObject and PutObject act on objects, `<bucket>/*`; ListBucket on
        // the bucket). Deleting is not writing: no s3:DeleteObject.
        Target(type: bucketType, noun: "a bucket", verbs: [
            Verb("read", [Statement(["s3:GetObject"], on: [.attribute("Arn", suffix: "/*")]),
                          Statement(["s3:ListBucket"], on: [arn])]),
            Verb("write", [Statement(["s3:PutObject"], on: [.attribute("Arn", suffix: "/*")])]),
            Verb("readWrite", [Statement(["s3:GetObject", "s3:PutObject"], on: [.attribute("Arn", suffix: "/*")]),
                               Statement(["s3:ListBucket"], on: [arn])]),
        ]),
        // Source: Amazon SQS Developer Guide, "Amazon SQS API permissions:
        // Actions and resource reference"; the consume list is what Lambda
        // needs to poll a queue (AWS Lambda Developer Guide, "Using Lambda
        // with Amazon SQS", execution role permissions).
        Target(type: queueType, noun: "a queue", verbs: [
            Verb("sendMessage", [Statement(["sqs:SendMessage"], on: [arn])]),
            Verb("consume", [Statement(SQS.consumeActions, on: [arn])]),
        ]),
        // Source: DynamoDB's lists (`DynamoDB`); reads also on the table's
        // indexes, stream reads on its streams.
        Target(type: "AWS::DynamoDB::Table", noun: "a DynamoDB table", verbs: [
            Verb("read", [Statement(DynamoDB.readActions, on: [arn, .attribute("Arn", suffix: "/index/*")])]),
            Verb("write", [Statement(DynamoDB.writeActions, on: [arn])]),
            Verb("readWrite", [Statement(DynamoDB.readActions, on: [arn, .attribute("Arn", suffix: "/index/*")]),
                               Statement(DynamoDB.writeActions, on: [arn])]),
            Verb("readStream", [Statement(DynamoDB.streamReadActions, on: [.attribute("Arn", suffix: "/stream/*")])]),
        ]),
        // Source: AWS SAM policy template `SNSPublishMessagePolicy`.
        Target(type: "AWS::SNS::Topic", noun: "an SNS topic", verbs: [
            Verb("publish", [Statement(["sns:Publish"], on: [.attribute("TopicArn")])]),
        ]),
        // Source: AWS SAM policy template `StepFunctionsExecutionPolicy`.
        Target(type: "AWS::StepFunctions::StateMachine", noun: "a state machine", verbs: [
            Verb("startExecution", [Statement(["states:StartExecution"], on: [arn])]),
        ]),
        // Source: AWS SAM policy template `EventBridgePutEventsPolicy`.
        Target(type: "AWS::Events::EventBus", noun: "an event bus", verbs: [
            Verb("putEvents", [Statement(["events:PutEvents"], on: [arn])]),
        ]),
        // Source: AWS SAM policy template `SSMParameterReadPolicy`, without
        // its `ssm:DescribeParameters` on `*` and `ssm:GetParametersByPath`
        // (which is about a path, not a parameter).
        Target(type: "AWS::SSM::Parameter", noun: "an SSM parameter", verbs: [
            Verb("read", [Statement(["ssm:GetParameter", "ssm:GetParameters"], on: [.parameterArn])]),
        ]),
        // Source: AWS SAM policy template `AWSSecretsManagerGetSecretValuePolicy`;
        // the `Ref` of `AWS::SecretsManager::Secret` is its ARN.
        Target(type: "AWS::SecretsManager::Secret", noun: "a secret", verbs: [
            Verb("read", [Statement(["secretsmanager:GetSecretValue"], on: [.ref])]),
        ]),
        // Source: AWS SAM policy templates `KMSDecryptPolicy` and
        // `KMSEncryptPolicy`; encrypting also takes `kms:GenerateDataKey`,
        // which envelope encryption uses (what an SNS, SQS or S3 producer
        // needs of a customer managed key: AWS KMS Developer Guide,
        // "GenerateDataKey"; Amazon SQS Developer Guide, "Key management").
        Target(type: "AWS::KMS::Key", noun: "a KMS key", verbs: [
            Verb("decrypt", [Statement(["kms:Decrypt"], on: [arn])]),
            Verb("encrypt", [Statement(["kms:Encrypt", "kms:GenerateDataKey"], on: [arn])]),
        ]),
        // Source: AWS SAM policy template `LambdaInvokePolicy` (the function
        // and its versions and aliases, `<arn>:*`).
        Target(type: functionType, noun: "a function", verbs: [
            Verb("invoke", [Statement(["lambda:InvokeFunction"], on: [arn, .attribute("Arn", suffix: ":*")])]),
        ]),
    ]

    /// The target of that CloudFormation type, if a permission may name one.
    package static func target(type: String) -> Target? { targets.first { $0.type == type } }

    /// Every verb, each once, in the order of `targets`.
    package static var verbNames: [String] {
        var seen: Set<String> = []
        return targets.flatMap(\.verbNames).filter { seen.insert($0).inserted }
    }
}
