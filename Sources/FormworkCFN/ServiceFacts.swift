/// Facts about AWS services that the function component checks against,
/// kept apart from the code that uses them. Each table names its source;
/// `docs/sources.md` lists them too.

/// Lambda runtime identifiers and their support status.
///
/// Sources: the AWS Lambda Developer Guide page "Lambda runtimes" (supported
/// and deprecated runtimes, with deprecation dates) and the runtime lifecycle
/// table bundled with cfn-lint 1.51.0 (`LmbdRuntimeLifecycle.json`, used by
/// its rules E2531/W2531). A runtime is *deprecated* here when its
/// deprecation date is on or before `LambdaRuntimes.reviewed`: the status is
/// fixed when the table is reviewed, never read from the clock, so a compile
/// gives the same answer on every day.
package enum LambdaRuntimes {
    /// The day this table was last checked against the sources.
    package static let reviewed = "2026-11-25"

    package struct Runtime: Sendable {
        package var identifier: String
        /// The deprecation date (YYYY-MM-DD), when one is announced.
        package var deprecation: String?
        /// What to move to once deprecated.
        package var replacement: String

        package var isDeprecated: Bool { deprecation.map { $0 <= LambdaRuntimes.reviewed } ?? false }
        /// ZIP-file (inline) code is only accepted for Node.js and Python runtimes.
        package var supportsInlineCode: Bool { identifier.hasPrefix("nodejs") || identifier.hasPrefix("python") }
    }

    package static func runtime(_ identifier: String) -> Runtime? { byIdentifier[identifier] }

    /// Identifiers that are not deprecated, for did-you-mean.
    package static var supported: [String] { all.filter { !$0.isDeprecated }.map(\.identifier) }

    private static let byIdentifier = Dictionary(uniqueKeysWithValues: all.map { ($0.identifier, $0) })

    package static let all: [Runtime] = [
        .init(identifier: "nodejs24.x", deprecation: "2028-04-30", replacement: "nodejs24.x"),
        .init(identifier: "nodejs22.x", deprecation: "2027-04-30", replacement: "nodejs24.x"),
        .init(identifier: "nodejs20.x", deprecation: "2026-04-30", replacement: "nodejs24.x"),
        .init(identifier: "nodejs18.x", deprecation: "2025-09-01", replacement: "nodejs24.x"),
        .init(identifier: "nodejs16.x", deprecation: "2024-06-12", replacement: "nodejs24.x"),
        .init(identifier: "nodejs14.x", deprecation: "2023-12-04", replacement: "nodejs24.x"),
        .init(identifier: "nodejs12.x", deprecation: "2023-03-31", replacement: "nodejs24.x"),
        .init(identifier: "nodejs10.x", deprecation: "2021-07-30", replacement: "nodejs24.x"),
        .init(identifier: "nodejs8.10", deprecation: "2020-03-06", replacement: "nodejs24.x"),
        .init(identifier: "nodejs6.10", deprecation: "2019-08-12", replacement: "nodejs24.x"),
        .init(identifier: "nodejs4.3-edge", deprecation: "2020-03-05", replacement: "nodejs24.x"),
        .init(identifier: "nodejs4.3", deprecation: "2020-03-05", replacement: "nodejs24.x"),
        .init(identifier: "nodejs", deprecation: "2016-08-30", replacement: "nodejs24.x"),
        .init(identifier: "python3.14", deprecation: "2029-06-30", replacement: "python3.14"),
        .init(identifier: "python3.13", deprecation: "2029-06-30", replacement: "python3.14"),
        .init(identifier: "python3.12", deprecation: "2028-10-31", replacement: "python3.14"),
        .init(identifier: "python3.11", deprecation: "2026-06-30", replacement: "python3.14"),
        .init(identifier: "python3.10", deprecation: "2026-06-30", replacement: "python3.14"),
        .init(identifier: "python3.9", deprecation: "2025-12-15", replacement: "python3.14"),
        .init(identifier: "python3.8", deprecation: "2024-10-14", replacement: "python3.14"),
        .init(identifier: "python3.7", deprecation: "2023-12-04", replacement: "python3.14"),
        .init(identifier: "python3.6", deprecation: "2022-07-18", replacement: "python3.14"),
        .init(identifier: "python2.7", deprecation: "2021-07-15", replacement: "python3.14"),
        .init(identifier: "java25", deprecation: "2029-06-30", replacement: "java25"),
        .init(identifier: "java21", deprecation: "2029-06-30", replacement: "java25"),
        .init(identifier: "java17", deprecation: "2026-06-30", replacement: "java25"),
        .init(identifier: "java11", deprecation: "2026-06-30", replacement: "java25"),
        .init(identifier: "java8.al2", deprecation: "2026-06-30", replacement: "java25"),
        .init(identifier: "java8", deprecation: "2024-01-08", replacement: "java25"),
        .init(identifier: "dotnet10", deprecation: nil, replacement: "dotnet10"),
        .init(identifier: "dotnet8", deprecation: "2026-11-10", replacement: "dotnet10"),
        .init(identifier: "dotnet6", deprecation: "2024-12-20", replacement: "dotnet10"),
        .init(identifier: "dotnetcore3.1", deprecation: "2023-04-03", replacement: "dotnet10"),
        .init(identifier: "dotnetcore2.1", deprecation: "2022-01-05", replacement: "dotnet10"),
        .init(identifier: "dotnetcore2.0", deprecation: "2019-05-30", replacement: "dotnet10"),
        .init(identifier: "dotnetcore1.0", deprecation: "2019-06-27", replacement: "dotnet10"),
        .init(identifier: "ruby4.0", deprecation: nil, replacement: "ruby4.0"),
        .init(identifier: "ruby3.4", deprecation: "2028-03-31", replacement: "ruby3.4"),
        .init(identifier: "ruby3.3", deprecation: "2027-03-31", replacement: "ruby3.4"),
        .init(identifier: "ruby3.2", deprecation: "2026-03-31", replacement: "ruby3.4"),
        .init(identifier: "ruby2.7", deprecation: "2023-12-07", replacement: "ruby3.4"),
        .init(identifier: "ruby2.5", deprecation: "2021-07-30", replacement: "ruby3.4"),
        .init(identifier: "provided.al2023", deprecation: "2029-06-30", replacement: "provided.al2023"),
        .init(identifier: "provided.al2", deprecation: "2026-06-30", replacement: "provided.al2023"),
        .init(identifier: "provided", deprecation: "2024-01-08", replacement: "provided.al2023"),
        .init(identifier: "go1.x", deprecation: "2024-01-08", replacement: "provided.al2023"),
    ]
}

/// CloudWatch Logs: the values `RetentionInDays` accepts.
/// Source: CloudWatch Logs API Reference, "PutRetentionPolicy" (retentionInDays),
/// and the `AWS::Logs::LogGroup` resource schema bundled with cfn-lint 1.51.0.
package enum LogRetention {
    package static let allowedDays: [Int] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]
}
