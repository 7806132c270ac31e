/// What Formwork knows about CloudFormation resource types, in one table.
/// A later step derives this from the official resource schemas; until then
/// it lists the types Formwork generates and the common raw ones, as the
/// schemas bundled with cfn-lint 1.51.0 (us-east-1) describe them.
package enum TagShape: Sendable {
    /// `Tags: [{Key, Value}]`
    case keyValueList
    /// `Tags: {key: value}`
    case map
}

package struct ResourceTypeFacts: Sendable {
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

package enum ResourceTypes {
    package static func facts(_ type: String) -> ResourceTypeFacts? { table[type] }

    private static let table: [String: ResourceTypeFacts] = [
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
