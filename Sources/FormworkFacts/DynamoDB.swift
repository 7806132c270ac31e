/// Amazon DynamoDB facts.
package enum DynamoDB {
    /// The actions that read a table's stream, for a function that reads it
    /// (a `readStream` permission, or a trigger on the stream).
    /// Source: the AWS managed policy `AWSLambdaDynamoDBExecutionRole`
    /// (AWS Managed Policy Reference), and Amazon DynamoDB Developer Guide,
    /// "IAM policy to allow an AWS Lambda function to access DynamoDB stream
    /// records", which grants them on `table/<name>/stream/*`.
    package static let streamReadActions = [
        "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams",
    ]

    /// The actions that read a table's items. Query and Scan also read its
    /// indexes, so they are granted on `table/<name>/index/*` as well.
    /// Source: AWS SAM policy template `DynamoDBReadPolicy`
    /// (samtranslator/policy_templates_data/policy_templates.json).
    package static let readActions = [
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:DescribeTable",
    ]

    /// The actions that write a table's items; not `dynamodb:DeleteItem`
    /// (deleting is not writing, as for buckets).
    /// Source: AWS SAM policy template `DynamoDBWritePolicy`.
    package static let writeActions = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"]

    /// The raw type a `dynamodb` trigger reads from, and the property that turns its stream on.
    /// Source: CloudFormation User Guide, `AWS::DynamoDB::Table` (StreamSpecification; the `StreamArn` attribute).
    package static let tableType = "AWS::DynamoDB::Table"
    package static let streamSpecification = "StreamSpecification"

    /// `BatchSize` of an event source mapping on a DynamoDB stream.
    /// Source: Lambda API Reference, "CreateEventSourceMapping" (BatchSize:
    /// DynamoDB Streams, default 100, maximum 10,000).
    package static let streamBatchSizeRange = 1...10_000

    /// `MaximumRetryAttempts` of a stream mapping: -1 (until the record expires) to 10,000.
    /// Source: Lambda API Reference, "CreateEventSourceMapping" (MaximumRetryAttempts).
    package static let maximumRetryAttemptsRange = -1...10_000
}
