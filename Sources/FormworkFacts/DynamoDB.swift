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

    /// The property of `AWS::DynamoDB::Table` that turns its stream on;
    /// without it the table has no `StreamArn`.
    /// Source: CloudFormation User Guide, `AWS::DynamoDB::Table`
    /// (StreamSpecification; the StreamArn return value).
    package static let streamProperty = "StreamSpecification"
}
