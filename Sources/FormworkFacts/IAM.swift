/// IAM policy facts.
package enum IAM {
    /// The current version of the policy language, the one every policy document states.
    /// Source: IAM User Guide, "IAM JSON policy elements: Version".
    package static let policyVersion = "2012-10-17"

    /// The service principals Formwork grants access to.
    /// Source: IAM User Guide, "AWS JSON policy elements: Principal" (AWS
    /// service principals, `<service>.amazonaws.com`).
    package enum ServicePrincipal {
        /// Assumes a function's execution role.
        package static let lambda = "lambda.amazonaws.com"
        /// Invokes a function for a bucket notification.
        package static let s3 = "s3.amazonaws.com"
        /// Invokes a function for an EventBridge rule.
        package static let events = "events.amazonaws.com"
        /// Invokes a function subscribed to a topic.
        package static let sns = "sns.amazonaws.com"
        /// Invokes a function for an API Gateway integration.
        package static let apiGateway = "apigateway.amazonaws.com"
        /// Writes S3 server access logs into a target bucket.
        /// Source: Amazon S3 User Guide, "Enabling Amazon S3 server access
        /// logging", permissions for log delivery (a bucket policy granting
        /// `s3:PutObject` to the logging service principal, scoped with
        /// `aws:SourceArn` and `aws:SourceAccount`).
        package static let s3Logging = "logging.s3.amazonaws.com"
    }

    /// Actions that take no resource-level permission: IAM grants them only
    /// on `Resource: "*"`, so a statement made of them alone is not
    /// over-broad for its `*`. The ones serverless stacks write most.
    /// Source: Service Authorization Reference, the "Resource types" column
    /// left empty for each action (AWS X-Ray, Amazon CloudWatch Logs, Amazon
    /// EC2, Amazon CloudWatch, AWS Step Functions's log deliveries).
    package static let actionsWithoutResources: Set<String> = [
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
        "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
        "ec2:DescribeVpcs", "cloudwatch:PutMetricData",
    ]

    /// Whether a statement's action element (`sqs:Send*`, `*`, `SQS:?endMessage`)
    /// covers `action`: IAM compares actions case-insensitively, `*` standing
    /// for any run of characters and `?` for any one.
    /// Source: IAM User Guide, "IAM JSON policy elements: Action".
    package static func action(_ pattern: String, covers action: String) -> Bool {
        let pattern = Array(pattern.lowercased().utf8), action = Array(action.lowercased().utf8)
        // Greedy match with one backtrack point: linear in practice, never exponential.
        var p = 0, a = 0, star: Int? = nil, resume = 0
        while a < action.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == action[a] {
                p += 1; a += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p; resume = a; p += 1
            } else if let star {
                p = star + 1; resume += 1; a = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
