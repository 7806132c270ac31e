/// AWS Lambda facts: function limits, environment variables, SQS event
/// source mappings and runtimes.
package enum Lambda {
    /// `Timeout` in seconds.
    /// Source: AWS Lambda Developer Guide, "Lambda quotas" (function timeout,
    /// 900 seconds); the `AWS::Lambda::Function` schema bundled with cfn-lint 1.51.0.
    package static let timeoutRange = 1...900

    /// `Timeout` when a function does not set it: 3 seconds.
    /// Source: CloudFormation User Guide, `AWS::Lambda::Function` (Timeout,
    /// default 3); AWS Lambda Developer Guide, "Configure Lambda function timeout".
    package static let defaultTimeout = 3

    /// `MemorySize` in MB.
    /// Source: AWS Lambda Developer Guide, "Lambda quotas" (function memory
    /// allocation, 128 MB to 10,240 MB).
    package static let memoryRange = 128...10_240

    /// `FunctionName` is at most 64 characters.
    /// Source: AWS CloudFormation User Guide, `AWS::Lambda::Function`
    /// (FunctionName); the schema bundled with cfn-lint 1.51.0 (maxLength 64).
    package static let maxFunctionNameLength = 64

    /// The log group Lambda writes a function's logs to is `/aws/lambda/<function name>`.
    /// Source: AWS Lambda Developer Guide, "Sending Lambda function logs to CloudWatch Logs".
    package static let logGroupPrefix = "/aws/lambda/"

    /// A function takes at most 5 layers.
    /// Source: AWS Lambda Developer Guide, "Lambda quotas" (function layers: five layers).
    package static let maxLayers = 5

    /// `EphemeralStorage.Size` (the function's `/tmp`), in MB.
    /// Source: AWS Lambda Developer Guide, "Configure ephemeral storage for
    /// Lambda functions" (512 MB to 10,240 MB); the `AWS::Lambda::Function` schema.
    package static let ephemeralStorageRange = 512...10_240

    /// `ReservedConcurrentExecutions` is at least 0 (0 stops every
    /// invocation). Its ceiling is the account's concurrency quota less the
    /// 100 Lambda keeps unreserved, which only the account knows: a value
    /// over it fails at deploy time.
    /// Source: AWS Lambda Developer Guide, "Configuring reserved concurrency
    /// for a function"; Lambda API Reference, "PutFunctionConcurrency".
    package static let reservedConcurrencyRange = 0...Int(Int32.max)

    /// `VpcConfig`: at most 16 subnets and 5 security groups.
    /// Source: Lambda API Reference, "VpcConfig" (SubnetIds: maximum 16
    /// items; SecurityGroupIds: maximum 5 items).
    package static let maxVPCSubnets = 16
    package static let maxVPCSecurityGroups = 5

    /// What a function attached to a VPC needs to manage its network
    /// interfaces, granted by this AWS managed policy. Its actions
    /// (`ec2:CreateNetworkInterface`, `ec2:DescribeNetworkInterfaces`,
    /// `ec2:DescribeSubnets`, `ec2:DeleteNetworkInterface`,
    /// `ec2:AssignPrivateIpAddresses`, `ec2:UnassignPrivateIpAddresses`)
    /// work only on `Resource: "*"`, so they are attached as AWS's policy
    /// (kept current by AWS) rather than written into the inline policy,
    /// which never has a `*` resource.
    /// Source: AWS Lambda Developer Guide, "Giving Lambda functions access to
    /// resources in an Amazon VPC" (execution role permissions); AWS Managed
    /// Policy Reference, `AWSLambdaVPCAccessExecutionRole`.
    package static let vpcAccessManagedPolicy = "service-role/AWSLambdaVPCAccessExecutionRole"

    /// What active tracing needs (`xray:PutTraceSegments`,
    /// `xray:PutTelemetryRecords` and the sampling reads), which X-Ray grants
    /// only on `Resource: "*"`: attached as this AWS managed policy, for the
    /// reason above.
    /// Source: AWS Lambda Developer Guide, "Visualize Lambda function
    /// invocations using AWS X-Ray" (execution role permissions,
    /// `AWSXRayDaemonWriteAccess`).
    package static let tracingManagedPolicy = "AWSXRayDaemonWriteAccess"

    // MARK: environment variables

    /// A function's environment variables take at most 4 KB, names and values together.
    /// Source: AWS Lambda Developer Guide, "Lambda quotas" (function
    /// environment variables: 4 KB, for all environment variables associated
    /// with the function, in aggregate).
    package static let maxEnvironmentBytes = 4096

    /// An environment variable name: `[a-zA-Z]([a-zA-Z0-9_])+`.
    /// Source: AWS Lambda API Reference, `Environment` (Variables, key pattern).
    package static func isValidEnvironmentName(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2, let first = scalars.first,
              first.isASCIILetter
        else { return false }
        return scalars.allSatisfy {
            $0.isASCIIAlphanumeric || $0 == "_"
        }
    }

    /// Names Lambda sets itself and refuses in a function's environment.
    /// Source: AWS Lambda Developer Guide, "Defined runtime environment variables"
    /// (reserved variables); the same list cfn-lint 1.51.0 checks
    /// (`environment_variable_keys.json`).
    package static let reservedEnvironmentNames: Set<String> = [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ]

    // MARK: SQS event source mappings

    /// `BatchSize` of an event source mapping on a standard queue.
    /// Source: AWS Lambda Developer Guide, "Lambda parameters for Amazon SQS
    /// event source mappings"; Lambda API Reference, "CreateEventSourceMapping"
    /// (BatchSize, up to 10,000 for standard queues).
    package static let sqsBatchSizeRange = 1...10_000

    /// `BatchSize` of an event source mapping on a FIFO queue: at most 10, and
    /// no batching window (`MaximumBatchingWindowInSeconds`) at all.
    /// Source: AWS Lambda Developer Guide, "Lambda parameters for Amazon SQS
    /// event source mappings" (BatchSize: for FIFO queues the maximum is 10;
    /// MaximumBatchingWindowInSeconds: not supported for FIFO queues).
    package static let fifoBatchSizeRange = 1...10

    /// `ScalingConfig.MaximumConcurrency` of an SQS event source mapping.
    /// Source: AWS Lambda Developer Guide, "Configuring maximum concurrency
    /// for Amazon SQS event sources" (2 to 1,000).
    package static let sqsMaximumConcurrencyRange = 2...1000

    /// An event source mapping takes at most 5 filters, each pattern at most 4,096 characters.
    /// Source: AWS Lambda Developer Guide, "Control which events Lambda sends
    /// to your function" and "Lambda quotas" (filters per event source
    /// mapping: 5); `AWS::Lambda::EventSourceMapping Filter` (Pattern, maximum 4096).
    package static let maxEventFilters = 5
    package static let maxEventFilterPatternLength = 4096

    /// A batch size over this needs `MaximumBatchingWindowInSeconds` of at least 1.
    /// Source: AWS Lambda Developer Guide, "Lambda parameters for Amazon SQS
    /// event source mappings"; Lambda API Reference, "CreateEventSourceMapping"
    /// (BatchSize over 10 requires a batching window of at least 1 s).
    package static let maxBatchSizeWithoutWindow = 10

    /// The visibility timeout Lambda advises for a queue that triggers a
    /// function: six times the function's timeout, within what SQS allows.
    /// Source: AWS Lambda Developer Guide, "Using Lambda with Amazon SQS"
    /// (visibility timeout at least six times the function's timeout).
    package static func advisedVisibilityTimeout(functionTimeout: Int) -> Int {
        min(6 * functionTimeout, SQS.visibilityTimeoutRange.upperBound)
    }

    // MARK: runtimes

    /// Lambda runtime identifiers and their support status.
    ///
    /// Sources: the AWS Lambda Developer Guide page "Lambda runtimes" (supported
    /// and deprecated runtimes, with deprecation dates and the dates Lambda
    /// blocks creating and updating functions) and the runtime lifecycle
    /// table bundled with cfn-lint 1.51.0 (`LmbdRuntimeLifecycle.json`, used by
    /// its rules E2531/E2533/W2531: deprecation, create-block, update-block); the `AWS::Lambda::Function` schema's `Runtime`
    /// enum. A runtime is *deprecated* here when its deprecation date
    /// is on or before `runtimesReviewed`: the status is fixed when the table
    /// is reviewed, never read from the clock, so a compile gives the same
    /// answer on every day.
    package struct Runtime: Sendable {
        package var identifier: String
        /// The deprecation date (YYYY-MM-DD), when one is announced.
        package var deprecation: String?
        /// The day Lambda stops creating functions on it (YYYY-MM-DD), when announced.
        package var blockCreate: String?
        /// The day Lambda stops updating functions on it (YYYY-MM-DD), when announced.
        package var blockUpdate: String?
        /// What to move to once deprecated.
        package var replacement: String

        package init(identifier: String, deprecation: String?, blockCreate: String? = nil, blockUpdate: String? = nil,
                     replacement: String) {
            self.identifier = identifier
            self.deprecation = deprecation
            self.blockCreate = blockCreate
            self.blockUpdate = blockUpdate
            self.replacement = replacement
        }

        package var isDeprecated: Bool { deprecation.map { $0 <= Lambda.runtimesReviewed } ?? false }
        /// Whether a new function can no longer be created on it (so a new stack fails).
        package var isCreateBlocked: Bool { blockCreate.map { $0 <= Lambda.runtimesReviewed } ?? false }
        /// ZIP-file (inline) code is only accepted for Node.js and Python runtimes.
        /// Source: AWS CloudFormation User Guide, `AWS::Lambda::Function` Code
        /// (ZipFile); cfn-lint 1.51.0 `zipfile_runtime_enum.json`.
        package var supportsInlineCode: Bool { identifier.hasPrefix("nodejs") || identifier.hasPrefix("python") }
    }

    /// The day the runtime table was last checked against its sources.
    package static let runtimesReviewed = "2026-12-02"

    package static func runtime(_ identifier: String) -> Runtime? { runtimesByIdentifier[identifier] }

    /// Identifiers that are not deprecated, for did-you-mean.
    package static var supportedRuntimes: [String] { runtimes.filter { !$0.isDeprecated }.map(\.identifier) }

    private static let runtimesByIdentifier = Dictionary(uniqueKeysWithValues: runtimes.map { ($0.identifier, $0) })

    package static let runtimes: [Runtime] = [
        .init(identifier: "nodejs24.x", deprecation: "2028-04-30", blockCreate: "2028-06-01", blockUpdate: "2028-07-01", replacement: "nodejs24.x"),
        .init(identifier: "nodejs22.x", deprecation: "2027-04-30", blockCreate: "2027-06-01", blockUpdate: "2027-07-01", replacement: "nodejs24.x"),
        .init(identifier: "nodejs20.x", deprecation: "2026-04-30", blockCreate: "2026-06-01", blockUpdate: "2026-07-01", replacement: "nodejs24.x"),
        .init(identifier: "nodejs18.x", deprecation: "2025-09-01", blockCreate: "2026-06-01", blockUpdate: "2026-07-01", replacement: "nodejs24.x"),
        .init(identifier: "nodejs16.x", deprecation: "2024-06-12", blockCreate: "2026-06-01", blockUpdate: "2026-07-01", replacement: "nodejs24.x"),
        .init(identifier: "nodejs14.x", deprecation: "2023-12-04", blockCreate: "2024-01-09", blockUpdate: "2026-07-01", replacement: "nodejs24.x"),
        .init(identifier: "nodejs12.x", deprecation: "2023-03-31", blockCreate: "2023-03-31", blockUpdate: "2023-04-30", replacement: "nodejs24.x"),
        .init(identifier: "nodejs10.x", deprecation: "2021-07-30", blockCreate: "2021-07-30", blockUpdate: "2022-02-14", replacement: "nodejs24.x"),
        .init(identifier: "nodejs8.10", deprecation: "2020-03-06", blockCreate: "2020-02-04", blockUpdate: "2020-03-06", replacement: "nodejs24.x"),
        .init(identifier: "nodejs6.10", deprecation: "2019-08-12", blockCreate: "2019-07-12", blockUpdate: "2019-08-12", replacement: "nodejs24.x"),
        .init(identifier: "nodejs4.3-edge", deprecation: "2020-03-05", blockCreate: "2019-03-31", blockUpdate: "2019-04-30", replacement: "nodejs24.x"),
        .init(identifier: "nodejs4.3", deprecation: "2020-03-05", blockCreate: "2020-02-03", blockUpdate: "2020-03-05", replacement: "nodejs24.x"),
        .init(identifier: "nodejs", deprecation: "2016-08-30", blockCreate: "2016-09-30", blockUpdate: "2016-10-31", replacement: "nodejs24.x"),
        .init(identifier: "python3.14", deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31", replacement: "python3.14"),
        .init(identifier: "python3.13", deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31", replacement: "python3.14"),
        .init(identifier: "python3.12", deprecation: "2028-10-31", blockCreate: "2028-11-30", blockUpdate: "2029-01-10", replacement: "python3.14"),
        .init(identifier: "python3.11", deprecation: "2026-06-30", blockCreate: "2026-07-31", blockUpdate: "2026-08-31", replacement: "python3.14"),
        .init(identifier: "python3.10", deprecation: "2026-06-30", blockCreate: "2026-07-31", blockUpdate: "2026-08-31", replacement: "python3.14"),
        .init(identifier: "python3.9", deprecation: "2025-12-15", blockCreate: "2026-06-01", blockUpdate: "2026-07-01", replacement: "python3.14"),
        .init(identifier: "python3.8", deprecation: "2024-10-14", blockCreate: "2026-06-01", blockUpdate: "2026-07-01", replacement: "python3.14"),
        .init(identifier: "python3.7", deprecation: "2023-12-04", blockCreate: "2024-01-09", blockUpdate: "2026-03-09", replacement: "python3.14"),
        .init(identifier: "python3.6", deprecation: "2022-07-18", blockCreate: "2022-07-18", blockUpdate: "2022-08-29", replacement: "python3.14"),
        .init(identifier: "python2.7", deprecation: "2021-07-15", blockCreate: "2021-07-15", blockUpdate: "2022-05-30", replacement: "python3.14"),
        .init(identifier: "java25", deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31", replacement: "java25"),
        .init(identifier: "java21", deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31", replacement: "java25"),
        .init(identifier: "java17", deprecation: "2026-06-30", blockCreate: "2026-07-31", blockUpdate: "2026-08-31", replacement: "java25"),
        .init(identifier: "java11", deprecation: "2026-06-30", blockCreate: "2026-07-31", blockUpdate: "2026-08-31", replacement: "java25"),
        .init(identifier: "java8.al2", deprecation: "2026-06-30", blockCreate: "2026-07-31", blockUpdate: "2026-08-31", replacement: "java25"),
        .init(identifier: "java8", deprecation: "2024-01-08", blockCreate: "2024-02-08", blockUpdate: "2026-07-01", replacement: "java25"),
        .init(identifier: "dotnet10", deprecation: nil, replacement: "dotnet10"),
        .init(identifier: "dotnet8", deprecation: "2026-11-10", blockCreate: "2026-12-10", blockUpdate: "2027-01-11", replacement: "dotnet10"),
        .init(identifier: "dotnet6", deprecation: "2024-12-20", blockCreate: "2026-06-01", blockUpdate: "2026-07-01", replacement: "dotnet10"),
        .init(identifier: "dotnetcore3.1", deprecation: "2023-04-03", blockCreate: "2023-04-03", blockUpdate: "2023-05-03", replacement: "dotnet10"),
        .init(identifier: "dotnetcore2.1", deprecation: "2022-01-05", blockCreate: "2022-01-05", blockUpdate: "2022-04-13", replacement: "dotnet10"),
        .init(identifier: "dotnetcore2.0", deprecation: "2019-05-30", blockCreate: "2019-04-30", blockUpdate: "2019-05-30", replacement: "dotnet10"),
        .init(identifier: "dotnetcore1.0", deprecation: "2019-06-27", blockCreate: "2019-06-30", blockUpdate: "2019-07-30", replacement: "dotnet10"),
        .init(identifier: "ruby4.0", deprecation: nil, replacement: "ruby4.0"),
        .init(identifier: "ruby3.4", deprecation: "2028-03-31", blockCreate: "2028-04-30", blockUpdate: "2028-05-31", replacement: "ruby3.4"),
        .init(identifier: "ruby3.3", deprecation: "2027-03-31", blockCreate: "2027-04-30", blockUpdate: "2027-05-31", replacement: "ruby3.4"),
        .init(identifier: "ruby3.2", deprecation: "2026-03-31", blockCreate: "2026-06-01", blockUpdate: "2026-07-01", replacement: "ruby3.4"),
        .init(identifier: "ruby2.7", deprecation: "2023-12-07", blockCreate: "2024-01-09", blockUpdate: "2026-07-01", replacement: "ruby3.4"),
        .init(identifier: "ruby2.5", deprecation: "2021-07-30", blockCreate: "2021-07-30", blockUpdate: "2022-03-31", replacement: "ruby3.4"),
        .init(identifier: "provided.al2023", deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31", replacement: "provided.al2023"),
        .init(identifier: "provided.al2", deprecation: "2026-06-30", blockCreate: "2026-07-31", blockUpdate: "2026-08-31", replacement: "provided.al2023"),
        .init(identifier: "provided", deprecation: "2024-01-08", blockCreate: "2024-02-08", blockUpdate: "2026-07-01", replacement: "provided.al2023"),
        .init(identifier: "go1.x", deprecation: "2024-01-08", blockCreate: "2024-02-08", blockUpdate: "2026-07-01", replacement: "provided.al2023"),
    ]
}
