/// Amazon SQS queue facts.
package enum SQS {
    /// Message retention in whole days, as the language takes it: SQS keeps a
    /// message 60 s to 14 days (`MessageRetentionPeriod` 60–1,209,600).
    /// Source: Amazon SQS Developer Guide, "Amazon SQS quotas"; the
    /// `AWS::SQS::Queue` schema bundled with cfn-lint 1.51.0.
    package static let retentionDaysRange = 1...14

    /// `MessageRetentionPeriod` when a queue sets none: 345,600 s, 4 days.
    /// Source: CloudFormation User Guide, `AWS::SQS::Queue`
    /// (MessageRetentionPeriod, default 345,600 seconds).
    package static let defaultRetentionDays = 4

    /// `VisibilityTimeout` in seconds: 0 to 12 hours.
    /// Source: Amazon SQS Developer Guide, "Amazon SQS visibility timeout";
    /// the `AWS::SQS::Queue` schema bundled with cfn-lint 1.51.0.
    package static let visibilityTimeoutRange = 0...43_200

    /// `VisibilityTimeout` when a queue does not set it: 30 seconds.
    /// Source: Amazon SQS Developer Guide, "Amazon SQS visibility timeout"
    /// (default 30 seconds); CloudFormation User Guide, `AWS::SQS::Queue`
    /// (VisibilityTimeout, default 30).
    package static let defaultVisibilityTimeout = 30

    /// `RedrivePolicy.maxReceiveCount`.
    /// Source: Amazon SQS Developer Guide, "Amazon SQS quotas" and `RedrivePolicy`.
    package static let maxReceiveCountRange = 1...1000

    /// The actions that take messages off a queue: what a consumer, and
    /// Lambda polling a queue for a function, needs.
    /// Source: AWS Lambda Developer Guide, "Using Lambda with Amazon SQS"
    /// (execution role permissions: ReceiveMessage, DeleteMessage,
    /// GetQueueAttributes); ChangeMessageVisibility for a consumer that
    /// extends or ends a message's visibility timeout.
    package static let consumeActions = [
        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility",
    ]

    // MARK: Encryption

    /// The AWS managed KMS key for SQS, the queues' default
    /// `KmsMasterKeyId`. Its key policy lets every principal of the account
    /// that may use SQS encrypt and decrypt through SQS, so a function's
    /// role needs no `kms:` action for it (aws-cdk commit 07f017b dropped
    /// such grants), and it cannot be changed. So no AWS service principal
    /// (S3 event notifications, SNS subscriptions, EventBridge targets, ...)
    /// can send to a queue it encrypts: those need SQS-managed SSE or a
    /// customer managed key whose policy names the service.
    /// Source: Amazon SQS Developer Guide, "Amazon SQS key management"
    /// (the AWS managed key's policy cannot be modified; "Enable
    /// compatibility between encrypted queues and AWS services").
    /// checkov's CKV_AWS_27 counts only `KmsMasterKeyId` as encryption.
    package static let awsManagedKey = "alias/aws/sqs"

    // MARK: FIFO queues

    /// A FIFO queue's name ends in `.fifo`, and a queue name is 1–80
    /// characters (`.fifo` included) of letters, digits, `-` and `_`.
    /// Source: Amazon SQS Developer Guide, "Amazon SQS queue quotas" and
    /// "Amazon SQS FIFO queues"; CloudFormation User Guide, `AWS::SQS::Queue`
    /// (QueueName). CloudFormation does add `.fifo` to the name it makes up
    /// for a FIFO queue without `QueueName` (troposphere pull request 931),
    /// but does not keep that name within 80 characters
    /// (aws-cloudformation/cloudformation-coverage-roadmap issue 280), so a
    /// long stack name fails at deploy time: the compiler names FIFO queues itself.
    package static let fifoSuffix = ".fifo"
    package static let maxQueueNameLength = 80


    /// What a producer needs on a queue's customer managed key to send to
    /// it, and a consumer to receive from it.
    /// Source: Amazon SQS Developer Guide, "Amazon SQS key management"
    /// ("Configure KMS permissions for producers", "… for consumers").
    package static let producerKeyActions = ["kms:GenerateDataKey", "kms:Decrypt"]
    package static let consumerKeyActions = ["kms:Decrypt"]
}
