import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A function's `logs.retentionDays` is one of the periods CloudWatch Logs
/// offers (1, 3, 5, 7, 14, 30, … days): any other number is refused when
/// the log group is created. The fix-it proposes the nearest allowed one.
/// Of a conditional value, each branch is judged.
/// A value from `defaults.function` is reported once.
enum LogRetention: SpecRule {
    static let summary = "a function's log retention is a period CloudWatch Logs offers"
    static let codes: [DiagnosticCode] = [.invalidLogRetention]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .function(let function) = resource.body else { continue }
            let retention = function.logs.retentionDays
            // Of a conditional value, every branch.
            for days in function.logs.conditionalRetentionDays?.numberBranches ?? [retention]
            where !Logs.retentionDays.contains(days.value) {
                let diagnostic = Diagnostic.invalidLogRetention(days)
                // A value from defaults.function would otherwise be reported once per function.
                if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
            }
        }
    }
}

extension DiagnosticCode {
    package static let invalidLogRetention = DiagnosticCode(
        "FW5303", .specChecks, "a log retention CloudWatch Logs does not offer",
        reference: DocumentationPage(
            "Amazon CloudWatch Logs API Reference, \"PutRetentionPolicy\"",
            "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html"))
}

extension Diagnostic {
    static func invalidLogRetention(_ days: Located<Int>) -> Diagnostic {
        let allowed = Logs.retentionDays
        let nearest = allowed.min { abs($0 - days.value) < abs($1 - days.value) } ?? 14
        return .error(.invalidLogRetention, "CloudWatch Logs cannot keep logs for \(days.value) days", at: days.range,
                      fixIts: [FixIt("use \(nearest); allowed: \(allowed.map(String.init).joined(separator: ", "))",
                                     replacing: days.range, with: String(nearest))])
    }
}
