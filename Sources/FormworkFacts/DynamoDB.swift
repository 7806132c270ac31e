/// Amazon DynamoDB facts.
package enum DynamoDB {
    /// What reading a table's stream takes: a function an event source
    /// mapping feeds from the stream needs these on the stream's ARN
    /// (`<table ARN>/stream/*`). The same list serves any permission to read
    /// a table's stream.
    /// Source: Amazon DynamoDB Developer Guide, "IAM policy to allow an AWS
    /// Lambda function to access DynamoDB stream records"; AWS Lambda
    /// Developer Guide, "Process DynamoDB records with Lambda" (execution
    /// role permissions); the managed policy `AWSLambdaDynamoDBExecutionRole`.
    package static let streamReadActions = [
        "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams",
    ]

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
