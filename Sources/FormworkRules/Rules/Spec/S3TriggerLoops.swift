import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A function triggered by a bucket it may write to can invoke itself
/// without end: each object it writes that its trigger matches invokes it
/// again, and Lambda and S3 both scale with the loop (the Lambda Developer
/// Guide's warning on S3 triggers).
///
/// A warning for each `s3` trigger whose bucket the same function has a
/// `write` or `readWrite` permission on, when the trigger fires on an event
/// a write can cause (any `s3:ObjectCreated:*` type, the default; a trigger
/// on removals, tagging, restores or lifecycle events only is not one).
/// A permission covers every key of the bucket (`<bucket>/*`), so the
/// compiler cannot know where the function writes: a `prefix` or `suffix`
/// on the trigger narrows what invokes the function, not where it may write,
/// and the warning says so rather than assuming the code keeps out of it.
enum S3TriggerLoops: SpecRule {
    static let summary = "a function is not triggered by objects it may write"
    static let codes: [DiagnosticCode] = [.s3TriggerLoop]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .function(let function) = resource.body else { continue }
            for trigger in function.triggers {
                guard case .s3(let bucket, let events, let prefix, let suffix) = trigger.source else { continue }
                let fired = events.isEmpty ? [BuiltInDefaults.s3TriggerEvent] : events.map(\.value)
                guard fired.contains(where: S3.isCausedByPutObject) else { continue }
                guard let permission = function.permissions.first(where: {
                    $0.target.text == bucket.text && ($0.verb.value == .write || $0.verb.value == .readWrite)
                }) else { continue }
                let diagnostic = Diagnostic.s3TriggerLoop(function: resource.name.text, bucket: bucket, permission: permission,
                                                          prefix: prefix, suffix: suffix)
                // A trigger aliased into several functions is reported once.
                if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
            }
        }
    }
}

extension DiagnosticCode {
    package static let s3TriggerLoop = DiagnosticCode(
        "FW5320", .specChecks, "a function is triggered by a bucket it may write to",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Process Amazon S3 event notifications with Lambda\"",
            "https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html"))
}

extension Diagnostic {
    static func s3TriggerLoop(function: String, bucket: Name, permission: Permission, prefix: StringValue?, suffix: StringValue?)
        -> Diagnostic
    {
        var notes = [Note("its '\(permission.verb.value.rawValue)' permission lets it write any key of '\(bucket.text)'",
                          at: permission.target.range)]
        var help = ["write the function's output to another bucket"]
        let filters = [prefix.map { "prefix '\($0.text)'" }, suffix.map { "suffix '\($0.text)'" }].compactMap { $0 }
        if let filter = prefix ?? suffix {
            let (narrow, exclude) = filters.count == 1 ? ("narrows", "excludes") : ("narrow", "exclude")
            notes.append(Note("the \(filters.joined(separator: " and ")) \(narrow) what invokes the function, not where it may write",
                              at: filter.range))
            help.append("or make sure its code writes only keys the \(filters.joined(separator: " and ")) \(exclude); "
                + "the compiler cannot see where it writes")
        } else {
            help.append("or give the trigger a prefix its output keys do not start with, and write outside it")
        }
        return .warning(.s3TriggerLoop,
                        "function '\(function)' may write to bucket '\(bucket.text)', which triggers it: "
                            + "each object it writes that this trigger matches invokes it again, without end",
                        at: bucket.range, notes: notes, help: help)
    }
}
