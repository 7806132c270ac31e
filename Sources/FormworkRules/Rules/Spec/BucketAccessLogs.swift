import FormworkDiagnostics
import FormworkSpec

/// A bucket's `accessLogs` names another bucket of the spec: S3 writes a
/// log object for each batch of requests, and a bucket that logs into
/// itself logs the delivery of its own logs, without end (the S3 User
/// Guide advises a separate destination bucket), and its
/// `LoggingConfiguration` would name the bucket itself, a circular
/// dependency CloudFormation rejects. An error at the value, with the fix of
/// a bucket made for the logs. That the name is a bucket of
/// the spec is `ResourceReferences`' and `UnknownNames`' to check.
enum BucketAccessLogs: SpecRule {
    static let summary = "a bucket does not log its access into itself"
    static let codes: [DiagnosticCode] = [.accessLogsIntoItself]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .bucket(let bucket) = resource.body, let target = bucket.accessLogs,
                  target.text == resource.name.text else { continue }
            diagnostics.append(.accessLogsIntoItself(target))
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let accessLogsIntoItself = DiagnosticCode(
        "FW4300", .specChecks, "a bucket logs its access into itself",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Enabling Amazon S3 server access logging\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html"))
}

extension Diagnostic {
    static func accessLogsIntoItself(_ target: Name) -> Diagnostic {
        .error(.accessLogsIntoItself,
               "bucket '\(target.text)' cannot log its access into itself: each log delivery would be logged again",
               at: target.range,
               help: ["declare a bucket for the logs (kind: bucket) and write 'accessLogs: <that bucket>'"])
    }
}
