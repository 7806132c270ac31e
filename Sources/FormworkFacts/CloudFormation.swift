/// CloudFormation's own facts: the template format, its quotas, the form of a
/// logical ID, the condition functions, the pseudo parameters and the YAML
/// short forms, and what Formwork knows about each resource type.
package enum CloudFormation {
    /// `AWSTemplateFormatVersion`; the only version there is.
    /// Source: AWS CloudFormation User Guide, "Format version".
    package static let templateFormatVersion = "2010-09-09"

    /// Source: AWS CloudFormation User Guide, "Understand CloudFormation quotas".
    package enum Quotas {
        package static let resources = 500
        package static let parameters = 200
        package static let outputs = 200
        package static let descriptionBytes = 1024
        /// A template body uploaded through S3 (`TemplateURL`).
        package static let templateBodyBytes = 1_048_576
        /// A template body passed inline (`TemplateBody`, `--template-body`).
        package static let inlineTemplateBodyBytes = 51_200
    }

    /// A logical ID is alphanumeric (`A-Za-z0-9`) and 1 to 255 characters.
    /// Source: AWS CloudFormation User Guide, "Resources" section (logical ID)
    /// and "Understand CloudFormation quotas" (resource name length).
    package enum LogicalId {
        package static let maxLength = 255

        package static func isValid(_ id: String) -> Bool {
            !id.isEmpty && id.utf8.count <= maxLength && id.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric }
        }
    }

    /// `Fn::And` and `Fn::Or` take 2 to 10 conditions.
    /// Source: AWS CloudFormation User Guide, "Condition functions".
    package static let maxConditionOperands = 10

    /// The pseudo parameters a spec reaches as `${aws.<name>}`, by that name.
    /// Source: AWS CloudFormation User Guide, "Get AWS values using pseudo
    /// parameters" (`AWS::NoValue` and `AWS::NotificationARNs` are not offered).
    package static let pseudoParameters: [String: String] = [
        "region": "AWS::Region",
        "accountId": "AWS::AccountId",
        "partition": "AWS::Partition",
        "stackName": "AWS::StackName",
        "stackId": "AWS::StackId",
        "urlSuffix": "AWS::URLSuffix",
    ]

    /// What Formwork writes for the CloudFormation pseudo parameter `name`
    /// (`AWS::Region` → `aws.region`), nil for one it has no name for.
    package static func formworkPseudoParameter(_ name: String) -> String? {
        pseudoParameters.first { $0.value.lowercased() == name.lowercased() }.map { "aws.\($0.key)" }
    }

    /// `AWS::AccountId` is 12 digits.
    /// Source: AWS Account Management Reference Guide, "View AWS account identifiers".
    package static let accountIdLength = 12

    /// The longest value `AWS::Region` takes (15 characters); `ap-southeast-7`,
    /// `cn-northwest-1` and `eusc-de-east-1` have 14.
    /// Source: botocore `data/endpoints.json` (1.43.11).
    package static let longestRegionName = "us-isof-south-1"

    /// The YAML short forms of the intrinsic functions and of `Condition`.
    /// Source: AWS CloudFormation User Guide, "Intrinsic function reference"
    /// (the short form of each function) and "Condition functions".
    package static let shortFormTags = [
        "!Ref", "!Sub", "!GetAtt", "!If", "!Join", "!Select", "!Split", "!FindInMap", "!ImportValue", "!Base64", "!Cidr",
        "!GetAZs", "!Equals", "!Not", "!And", "!Or", "!Condition",
    ]

    // MARK: resource types

    package enum TagShape: Sendable {
        /// `Tags: [{Key, Value}]`
        case keyValueList
        /// `Tags: {key: value}`
        case map
    }

    package struct ResourceType: Sendable {
        /// How the type takes tags; nil when it takes none.
        package var tags: TagShape?
        /// Whether the type holds data that a replacement or deletion loses
        /// (it gets an explicit DeletionPolicy and UpdateReplacePolicy).
        package var stateful: Bool

        /// The names `Fn::GetAtt` takes.
        package var attributes: Set<String>

        package init(tags: TagShape?, stateful: Bool = false, attributes: Set<String>) {
            self.tags = tags
            self.stateful = stateful
            self.attributes = attributes
        }
    }

    /// What Formwork knows about CloudFormation resource types, by type name.
    /// Source: the resource provider schemas bundled with cfn-lint 1.51.0
    /// (us-east-1): the shape of `Tags`, and the attributes `Fn::GetAtt` takes
    /// as cfn-lint reads them (its `get_atts`). `stateful` is Formwork's
    /// reading of what each type holds. A later step derives this from the
    /// schemas; until then it lists the types Formwork generates and the
    /// common raw ones.
    package static let resourceTypes: [String: ResourceType] = [
        "AWS::ApiGateway::Deployment": .init(tags: nil, attributes: ["DeploymentId"]),
        "AWS::ApiGateway::Method": .init(tags: nil, attributes: []),
        "AWS::ApiGateway::Resource": .init(tags: nil, attributes: ["ResourceId"]),
        "AWS::ApiGateway::RestApi": .init(tags: .keyValueList, attributes: ["RestApiId", "RootResourceId"]),
        "AWS::ApiGateway::Stage": .init(tags: .keyValueList, attributes: []),
        "AWS::CloudWatch::Alarm": .init(tags: .keyValueList, attributes: ["Arn"]),
        "AWS::DynamoDB::Table": .init(tags: .keyValueList, stateful: true, attributes: ["Arn", "StreamArn"]),
        "AWS::EC2::SecurityGroup": .init(tags: .keyValueList, attributes: ["GroupDescription", "GroupId", "GroupName", "Id", "SecurityGroupEgress", "SecurityGroupIngress", "Tags", "VpcId"]),
        "AWS::ECR::Repository": .init(tags: .keyValueList, stateful: true, attributes: ["Arn", "RepositoryUri"]),
        "AWS::Events::Rule": .init(tags: .keyValueList, attributes: ["Arn"]),
        "AWS::IAM::ManagedPolicy": .init(tags: nil, attributes: ["AttachmentCount", "CreateDate", "DefaultVersionId", "IsAttachable", "PermissionsBoundaryUsageCount", "PolicyArn", "PolicyId", "UpdateDate"]),
        "AWS::IAM::Policy": .init(tags: nil, attributes: ["Id"]),
        "AWS::IAM::Role": .init(tags: .keyValueList, attributes: ["Arn", "RoleId"]),
        "AWS::KMS::Key": .init(tags: .keyValueList, stateful: true, attributes: ["Arn", "KeyId"]),
        "AWS::Lambda::Alias": .init(tags: nil, attributes: ["AliasArn"]),
        "AWS::Lambda::EventSourceMapping": .init(tags: .keyValueList, attributes: ["EventSourceMappingArn", "Id"]),
        "AWS::Lambda::Function": .init(tags: .keyValueList, attributes: ["Arn", "SnapStartResponse", "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus"]),
        "AWS::Lambda::Permission": .init(tags: nil, attributes: ["Id"]),
        "AWS::Lambda::Version": .init(tags: nil, attributes: ["FunctionArn", "Version"]),
        "AWS::Logs::LogGroup": .init(tags: .keyValueList, stateful: true, attributes: ["Arn"]),
        "AWS::S3::Bucket": .init(tags: .keyValueList, stateful: true, attributes: ["Arn", "DomainName", "DualStackDomainName", "MetadataConfiguration.Destination", "MetadataConfiguration.InventoryTableConfiguration.TableArn", "MetadataConfiguration.InventoryTableConfiguration.TableName", "MetadataConfiguration.JournalTableConfiguration.TableArn", "MetadataConfiguration.JournalTableConfiguration.TableName", "MetadataTableConfiguration.S3TablesDestination.TableArn", "MetadataTableConfiguration.S3TablesDestination.TableNamespace", "RegionalDomainName", "WebsiteURL"]),
        "AWS::S3::BucketPolicy": .init(tags: nil, attributes: []),
        "AWS::SNS::Subscription": .init(tags: nil, attributes: ["Arn"]),
        "AWS::SNS::Topic": .init(tags: .keyValueList, attributes: ["ContentBasedDeduplication", "DeliveryStatusLogging", "DisplayName", "FifoThroughputScope", "FifoTopic", "KmsMasterKeyId", "SignatureVersion", "Subscription", "Tags", "TopicArn", "TopicName", "TracingConfig"]),
        "AWS::SNS::TopicPolicy": .init(tags: nil, attributes: ["Id"]),
        "AWS::SQS::Queue": .init(tags: .keyValueList, stateful: true, attributes: ["Arn", "ContentBasedDeduplication", "DeduplicationScope", "DelaySeconds", "FifoQueue", "FifoThroughputLimit", "KmsDataKeyReusePeriodSeconds", "KmsMasterKeyId", "MaximumMessageSize", "MessageRetentionPeriod", "QueueName", "QueueUrl", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy.deadLetterTargetArn", "RedrivePolicy.maxReceiveCount", "SqsManagedSseEnabled", "Tags", "VisibilityTimeout"]),
        "AWS::SQS::QueuePolicy": .init(tags: nil, attributes: ["Id"]),
        "AWS::SSM::Parameter": .init(tags: .map, attributes: ["AllowedPattern", "DataType", "Description", "Name", "Policies", "Tier", "Type", "Value"]),
        "AWS::SecretsManager::Secret": .init(tags: .keyValueList, stateful: true, attributes: ["Id"]),
        "AWS::StepFunctions::StateMachine": .init(tags: .keyValueList, attributes: ["Arn", "Name", "StateMachineRevisionId"]),
    ]
}
