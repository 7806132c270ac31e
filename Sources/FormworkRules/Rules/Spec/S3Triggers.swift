import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// What S3 refuses in a function's `s3` triggers, which become entries of
/// the bucket's notification configuration:
///
/// - an event that is not an S3 event type (a typo gets a did-you-mean);
/// - two triggers of one bucket whose event types overlap and whose prefix
///   and suffix filters both overlap: S3 refuses the whole configuration
///   ("Configurations overlap"). Only triggers without a `when:` (on the
///   trigger or its function) and with literal filters are compared; a
///   trigger without `events` fires on `s3:ObjectCreated:*`. A bucket with so
///   many triggers on nested prefixes that comparing them all would take too
///   long gets a warning instead;
/// - a trigger of a function with a `when:` on a bucket without that same
///   `when:`: the bucket must wait for the function's permission
///   (`DependsOn`), and a `DependsOn` may not name a resource that can be
///   absent while the bucket exists.
enum S3Triggers: SpecRule {
    static let summary = "a function's s3 triggers are ones S3 accepts on their bucket"
    static let codes: [DiagnosticCode] = [.invalidS3Event, .overlappingS3Triggers, .conditionalS3Trigger, .tooManyS3Triggers]

    /// One s3 trigger on a bucket of the spec, with the events it fires on.
    struct Attached {
        var trigger: Trigger
        var function: ResourceDecl
        var events: [Located<String>]
    }

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        var attached: [Attached] = []
        for resource in context.spec.resources {
            guard case .function(let function) = resource.body else { continue }
            for trigger in function.triggers {
                guard case .s3(let bucketName, let events, _, _) = trigger.source else { continue }
                for event in events where !S3.eventTypes.contains(event.value) {
                    let diagnostic = Diagnostic.invalidS3Event(event)
                    // A trigger aliased into several functions is reported once.
                    if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
                }
                // A bucket that is not one of the spec's is ResourceReferences' to report.
                guard let bucket = context.symbols.resources[bucketName.text], case .bucket = bucket.body else { continue }
                let chosen = events.isEmpty ? [Located(BuiltInDefaults.s3TriggerEvent, bucketName.range, .builtIn)] : events
                attached.append(Attached(trigger: trigger, function: resource, events: chosen))
                if resource.when != nil, resource.when?.condition.canonical != bucket.when?.condition.canonical {
                    diagnostics.append(.conditionalS3Trigger(bucketName, function: resource))
                }
            }
        }
        diagnostics += overlaps(attached)
    }

    /// Pairs of one bucket's triggers compared at most; a spec past it is not a real one.
    static let maxOverlapComparisons = 1_000_000

    /// The overlapping pairs among unconditional triggers with literal filters, bucket by bucket.
    static func overlaps(_ attached: [Attached]) -> [Diagnostic] {
        struct Filtered {
            var index: Int
            var bucket: Name
            var prefix: String
            var suffix: String
        }
        var byBucket: [String: [Filtered]] = [:]
        for (index, item) in attached.enumerated() where item.function.when == nil && item.trigger.when == nil {
            guard case .s3(let bucket, _, let prefix, let suffix) = item.trigger.source,
                  prefix.map({ !$0.interpolated.hasExpressions && $0.interpolated.isWhole }) != false,
                  suffix.map({ !$0.interpolated.hasExpressions && $0.interpolated.isWhole }) != false else { continue }
            byBucket[bucket.text, default: []].append(Filtered(index: index, bucket: bucket, prefix: prefix?.text ?? "",
                                                               suffix: suffix?.text ?? ""))
        }
        var diagnostics: [Diagnostic] = []
        for name in byBucket.keys.sorted() {
            // Sorted by prefix, the prefixes that start with one stand right after it.
            let items = byBucket[name]!.sorted { ($0.prefix, $0.index) < ($1.prefix, $1.index) }
            var comparisons = 0
            outer: for (i, a) in items.enumerated() {
                for b in items[(i + 1)...] {
                    guard b.prefix.hasPrefix(a.prefix) else { break }
                    comparisons += 1
                    if comparisons > maxOverlapComparisons {
                        diagnostics.append(.tooManyS3Triggers(items.count, bucket: items[0].bucket))
                        break outer
                    }
                    guard a.suffix.hasSuffix(b.suffix) || b.suffix.hasSuffix(a.suffix) else { continue }
                    let (first, second) = a.index < b.index ? (attached[a.index], attached[b.index]) : (attached[b.index], attached[a.index])
                    guard let event = second.events.first(where: { e in first.events.contains { S3.eventTypesOverlap($0.value, e.value) } })
                    else { continue }
                    diagnostics.append(.overlappingS3Triggers(at: event, bucket: name, first: first.trigger))
                }
            }
        }
        return diagnostics
    }
}

extension DiagnosticCode {
    package static let invalidS3Event = DiagnosticCode(
        "FW5305", .specChecks, "an s3 trigger names an event type S3 does not have",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Event notification types and destinations\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html"))
    package static let overlappingS3Triggers = DiagnosticCode(
        "FW5306", .specChecks, "two s3 triggers of one bucket that S3 finds overlapping",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Event notification types and destinations\" (overlapping configurations)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html"))
    package static let conditionalS3Trigger = DiagnosticCode("FW5310", .specChecks, "a conditional function's s3 trigger on a bucket without that condition")
    package static let tooManyS3Triggers = DiagnosticCode(
        "FW5312", .specChecks, "a bucket has too many s3 triggers with nested prefixes to check them for overlaps")
}

extension Diagnostic {
    static func invalidS3Event(_ event: Located<String>) -> Diagnostic {
        let message = "'\(event.value)' is not an S3 event type"
        guard let suggestion = Suggestions.closest(to: event.value, in: S3.eventTypes) else {
            return .error(.invalidS3Event, message, at: event.range, help: ["use an S3 event type, like s3:ObjectCreated:*"])
        }
        return .error(.invalidS3Event, message, at: event.range,
                      fixIts: [FixIt.didYouMean(suggestion, replacing: event.range)])
    }

    static func tooManyS3Triggers(_ count: Int, bucket: Name) -> Diagnostic {
        .warning(.tooManyS3Triggers,
                 "bucket '\(bucket.text)' has \(count) s3 triggers with overlapping prefixes, too many to check for overlaps",
                 at: bucket.range, help: ["give the triggers prefixes that do not overlap"])
    }

    static func overlappingS3Triggers(at event: Located<String>, bucket: String, first: Trigger) -> Diagnostic {
        .error(.overlappingS3Triggers,
               "this s3 trigger overlaps another on bucket '\(bucket)': S3 refuses overlapping event types whose prefixes and suffixes overlap",
               at: event.range,
               notes: [Note("the other trigger is here", at: first.range)],
               help: ["give the triggers prefixes or suffixes that do not overlap, or events that differ"])
    }

    static func conditionalS3Trigger(_ bucket: Name, function: ResourceDecl) -> Diagnostic {
        .error(.conditionalS3Trigger,
               "function '\(function.name.text)' has a 'when:', so bucket '\(bucket.text)' cannot wait for its permission unless the bucket has the same 'when:'",
               at: bucket.range,
               notes: function.when.map { [Note("the function's condition is here", at: $0.range)] } ?? [],
               help: ["put bucket '\(bucket.text)' under the same 'when:', or remove the function's 'when:'"])
    }
}
