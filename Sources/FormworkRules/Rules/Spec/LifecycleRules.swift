import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// Lifecycle-rule validation: each bucket's `lifecycle` rules are checked as
/// S3 checks a lifecycle configuration (PutBucketLifecycleConfiguration), so
/// a configuration S3 would refuse at deploy time fails here, at the line of
/// the offending value. Every violation is its own error; all are reported.
///
/// Per bucket: at most 1,000 rules; rule ids unique and 1–255 characters.
/// Per rule: at least one action (an action the decoder could not read, a
/// misspelled key or a bad value, counts: its error is reported there). Per transition list (`transitions` and,
/// alike, `noncurrentTransitions`): a known target storage class (never
/// `STANDARD`); each class at most once; at least 30 days before
/// `STANDARD_IA` or `ONEZONE_IA`; classes in the order of the storage-class
/// waterfall (`S3.StorageClass`) with strictly increasing days; no
/// `ONEZONE_IA` then `GLACIER_IR`; 30 days in `STANDARD_IA`/`ONEZONE_IA`
/// before a later move to `GLACIER`/`DEEP_ARCHIVE`, or from `STANDARD_IA` to
/// `ONEZONE_IA`. The expiration (`expiration`, or `noncurrentExpiration`)
/// comes strictly after every transition of its list.
enum LifecycleRules: SpecRule {
    static let summary = "a bucket's lifecycle rules are a configuration S3 accepts"
    static let codes = DiagnosticCode.allLifecycleCodes

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .bucket(let bucket) = resource.body else { continue }
            diagnostics += check(bucket, of: resource.name)
        }
    }

    /// The diagnostics of one bucket's lifecycle rules (empty when valid).
    static func check(_ bucket: BucketSpec, of name: Name) -> [Diagnostic] {
        guard let lifecycle = bucket.lifecycle else { return [] }
        var diagnostics: [Diagnostic] = []
        let rules = lifecycle.value
        if rules.count > S3.maxLifecycleRules {
            diagnostics.append(.tooManyLifecycleRules(rules.count, bucket: name.text, at: rules[S3.maxLifecycleRules].range))
        }
        var firstId: [String: Located<String>] = [:]
        for rule in rules {
            if let id = rule.id {
                let length = id.value.unicodeScalars.count
                if length == 0 || length > S3.maxLifecycleRuleIdLength {
                    diagnostics.append(.lifecycleRuleIdLength(length, at: id.range))
                }
                if let first = firstId[id.value] {
                    diagnostics.append(.duplicateLifecycleRuleId(id, first: first))
                } else {
                    firstId[id.value] = id
                }
            }
            // An action written with a typo or a bad value is the decoder's error: the rule meant to have it.
            if rule.transitions.isEmpty, rule.expiration == nil, rule.noncurrentTransitions.isEmpty,
               rule.noncurrentExpiration == nil, rule.abortIncompleteUploads == nil,
               rule.unreadKeys.isDisjoint(with: LifecycleRule.actionKeys) {
                diagnostics.append(.lifecycleRuleWithoutAction(rule))
            }
            diagnostics += checkTransitions(rule.transitions, expiration: rule.expiration, .current)
            diagnostics += checkTransitions(rule.noncurrentTransitions, expiration: rule.noncurrentExpiration, .noncurrent)
        }
        return diagnostics
    }

    /// Which versions a transition list and its expiration act on; only the wording differs.
    enum Versions {
        case current, noncurrent

        var transitionsKey: String { self == .current ? "transitions" : "noncurrentTransitions" }
        var expirationKey: String { self == .current ? "expiration" : "noncurrentExpiration" }
    }

    private static func checkTransitions(
        _ transitions: [Transition], expiration: Located<Int>?, _ versions: Versions
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var known: [(S3.StorageClass, Transition)] = []
        var seen: [S3.StorageClass: Transition] = [:]
        for transition in transitions {
            let written = transition.storageClass
            guard let storageClass = S3.StorageClass(rawValue: written.value) else {
                if S3.StorageClass.notTargets.contains(written.value) {
                    diagnostics.append(.notATransitionTarget(written))
                } else {
                    diagnostics.append(.unknownStorageClass(written))
                }
                continue
            }
            if let first = seen[storageClass] {
                diagnostics.append(.duplicateTransitionClass(written, first: first.storageClass, versions))
                continue
            }
            seen[storageClass] = transition
            if transition.days.value < storageClass.minimumDays {
                diagnostics.append(.transitionTooEarly(transition, storageClass, versions))
            }
            known.append((storageClass, transition))
        }

        // Down the waterfall: by rank, each class strictly later than the one before it.
        let ordered = known.sorted { $0.0.rank < $1.0.rank }
        let unsupported = seen[.oneZoneIA].flatMap { from in seen[.glacierIR].map { (from, $0) } }
        if let (from, to) = unsupported {
            diagnostics.append(.unsupportedTransition(from: from, to: to))
        }
        func skipped(_ a: S3.StorageClass, _ b: S3.StorageClass) -> Bool {
            unsupported != nil && a == .oneZoneIA && b == .glacierIR
        }
        var misordered: Set<S3.StorageClass> = []
        for (index, (storageClass, transition)) in ordered.enumerated() where index > 0 {
            let (previousClass, previous) = ordered[index - 1]
            if skipped(previousClass, storageClass) { continue }
            if transition.days.value <= previous.days.value {
                diagnostics.append(.transitionOutOfOrder(transition, storageClass, after: previous, previousClass))
                misordered.insert(storageClass)
            }
        }
        // The minimum stay in an infrequent-access class before a later move.
        for (index, (storageClass, transition)) in ordered.enumerated() where !misordered.contains(storageClass) {
            for (earlierClass, earlier) in ordered[..<index] {
                let gap = S3.StorageClass.minimumStay(from: earlierClass, to: storageClass)
                guard gap > 0, !skipped(earlierClass, storageClass),
                      transition.days.value > earlier.days.value,
                      transition.days.value - earlier.days.value < gap else { continue }
                diagnostics.append(.minimumStayNotMet(transition, storageClass, after: earlier, earlierClass, gap: gap, versions))
                break
            }
        }

        if let expiration, let latest = transitions.max(by: { $0.days.value < $1.days.value }),
           expiration.value <= latest.days.value {
            diagnostics.append(.expirationNotAfterTransitions(expiration, latest: latest, versions))
        }
        return diagnostics
    }
}

extension S3.StorageClass {
    /// The waterfall as diagnostics show it: `STANDARD_IA → ... → DEEP_ARCHIVE`.
    static var waterfall: String { allCases.map(\.rawValue).joined(separator: " → ") }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let unknownStorageClass = DiagnosticCode(
        "FW4100", .specChecks, "a lifecycle transition names an unknown storage class",
        reference: DocumentationPage(
            "Amazon S3 API Reference, \"Transition\" (StorageClass values)",
            "https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html"))
    package static let notATransitionTarget = DiagnosticCode(
        "FW4101", .specChecks, "a lifecycle transition targets STANDARD or REDUCED_REDUNDANCY",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Transitioning objects using Amazon S3 Lifecycle\" (supported transitions)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html"))
    package static let transitionTooEarly = DiagnosticCode(
        "FW4102", .specChecks, "a transition to STANDARD_IA or ONEZONE_IA comes before 30 days",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Transitioning objects using Amazon S3 Lifecycle\" (30-day minimum before STANDARD_IA and ONEZONE_IA)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html"))
    package static let transitionOutOfOrder = DiagnosticCode(
        "FW4103", .specChecks, "transitions do not follow the storage-class waterfall with increasing days",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Transitioning objects using Amazon S3 Lifecycle\" (the waterfall model)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html"))
    package static let unsupportedTransition = DiagnosticCode(
        "FW4104", .specChecks, "a rule moves objects from ONEZONE_IA to GLACIER_IR, which S3 does not support",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Transitioning objects using Amazon S3 Lifecycle\" (unsupported lifecycle transitions)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html"))
    package static let minimumStayNotMet = DiagnosticCode(
        "FW4105", .specChecks, "objects leave STANDARD_IA or ONEZONE_IA less than 30 days after entering it",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Transitioning objects using Amazon S3 Lifecycle\" (minimum 30 days in STANDARD_IA or ONEZONE_IA)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html"))
    package static let duplicateTransitionClass = DiagnosticCode(
        "FW4106", .specChecks, "two transitions of one rule target the same storage class",
        reference: DocumentationPage(
            "Amazon S3 API Reference, \"PutBucketLifecycleConfiguration\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html"))
    package static let expirationNotAfterTransitions = DiagnosticCode(
        "FW4107", .specChecks, "an expiration is not later than every transition of its rule",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Lifecycle configuration elements\" (expiration after transitions)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html"))
    package static let lifecycleRuleWithoutAction = DiagnosticCode(
        "FW4108", .specChecks, "a lifecycle rule has no action",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Lifecycle configuration elements\" (a rule needs an action)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html"))
    package static let duplicateLifecycleRuleId = DiagnosticCode(
        "FW4109", .specChecks, "two lifecycle rules of a bucket share an id",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Lifecycle configuration elements\" (ID element)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html"))
    package static let lifecycleRuleIdLength = DiagnosticCode(
        "FW4110", .specChecks, "a lifecycle rule id is empty or longer than 255 characters",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Lifecycle configuration elements\" (ID: up to 255 characters)",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html"))
    package static let tooManyLifecycleRules = DiagnosticCode(
        "FW4111", .specChecks, "a bucket has more than 1,000 lifecycle rules",
        reference: DocumentationPage(
            "Amazon S3 API Reference, \"PutBucketLifecycleConfiguration\" (up to 1,000 rules)",
            "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html"))

    package static let allLifecycleCodes: [DiagnosticCode] = [
        .unknownStorageClass, .notATransitionTarget, .transitionTooEarly, .transitionOutOfOrder, .unsupportedTransition,
        .minimumStayNotMet, .duplicateTransitionClass, .expirationNotAfterTransitions, .lifecycleRuleWithoutAction,
        .duplicateLifecycleRuleId, .lifecycleRuleIdLength, .tooManyLifecycleRules,
    ]
}

extension Diagnostic {
    static func unknownStorageClass(_ written: Located<String>) -> Diagnostic {
        let valid = S3.StorageClass.allCases.map(\.rawValue)
        let message = "'\(written.value)' is not a storage class S3 lifecycle can transition to"
        guard let suggestion = Suggestions.closest(to: written.value, in: valid) else {
            return .error(.unknownStorageClass, message, at: written.range, help: ["use one of: \(valid.joined(separator: ", "))"])
        }
        return .error(.unknownStorageClass, message, at: written.range,
                      fixIts: [FixIt.didYouMean(suggestion, replacing: written.range)])
    }

    static func notATransitionTarget(_ written: Located<String>) -> Diagnostic {
        .error(.notATransitionTarget, "lifecycle cannot transition objects to \(written.value)", at: written.range,
               help: ["remove this transition; objects are written to STANDARD and lifecycle only moves them to colder classes"])
    }

    static func transitionTooEarly(_ transition: Transition, _ storageClass: S3.StorageClass, _ versions: LifecycleRules.Versions) -> Diagnostic {
        let what = versions == .current ? "objects" : "noncurrent versions"
        let age = versions == .current ? "old" : "noncurrent"
        return .error(.transitionTooEarly,
                      "\(what) must be \(storageClass.minimumDays) days \(age) before moving to \(storageClass.rawValue), not \(transition.days.value)",
                      at: transition.days.range,
                      fixIts: [FixIt("set days to \(storageClass.minimumDays) or more", replacing: transition.days.range,
                                     with: "\(storageClass.minimumDays)")])
    }

    static func transitionOutOfOrder(
        _ transition: Transition, _ storageClass: S3.StorageClass, after previous: Transition, _ previousClass: S3.StorageClass
    ) -> Diagnostic {
        .error(.transitionOutOfOrder,
               "the transition to \(storageClass.rawValue) must come later than the one to \(previousClass.rawValue) (\(previous.days.value) days), not at \(transition.days.value) days",
               at: transition.days.range,
               notes: [Note("the transition to \(previousClass.rawValue) is here", at: previous.days.range)],
               help: ["give \(storageClass.rawValue) more days than \(previous.days.value); lifecycle moves objects only down the waterfall \(S3.StorageClass.waterfall)"])
    }

    static func unsupportedTransition(from: Transition, to: Transition) -> Diagnostic {
        .error(.unsupportedTransition, "objects cannot move from ONEZONE_IA to GLACIER_IR", at: to.storageClass.range,
               notes: [Note("the transition to ONEZONE_IA is here", at: from.storageClass.range)],
               help: ["transition to GLACIER or DEEP_ARCHIVE after ONEZONE_IA, or drop one of the two transitions"])
    }

    static func minimumStayNotMet(
        _ transition: Transition, _ storageClass: S3.StorageClass, after earlier: Transition, _ earlierClass: S3.StorageClass,
        gap: Int, _ versions: LifecycleRules.Versions
    ) -> Diagnostic {
        let what = versions == .current ? "objects" : "noncurrent versions"
        let days = earlier.days.value + gap
        return .error(.minimumStayNotMet,
                      "\(what) must stay \(gap) days in \(earlierClass.rawValue) before moving to \(storageClass.rawValue); \(transition.days.value) is only \(transition.days.value - earlier.days.value) days after \(earlier.days.value)",
                      at: transition.days.range,
                      notes: [Note("the transition to \(earlierClass.rawValue) is here", at: earlier.days.range)],
                      fixIts: [FixIt("set days to \(days) or more", replacing: transition.days.range, with: "\(days)")])
    }

    static func duplicateTransitionClass(_ written: Located<String>, first: Located<String>, _ versions: LifecycleRules.Versions) -> Diagnostic {
        .error(.duplicateTransitionClass, "this rule's \(versions.transitionsKey) already move to \(written.value)", at: written.range,
               notes: [Note("the first transition to \(written.value) is here", at: first.range)],
               help: ["remove one of the two transitions to \(written.value)"])
    }

    static func expirationNotAfterTransitions(_ expiration: Located<Int>, latest: Transition, _ versions: LifecycleRules.Versions) -> Diagnostic {
        .error(.expirationNotAfterTransitions,
               "\(versions.expirationKey) (\(expiration.value) days) must come after the transition to \(latest.storageClass.value) at \(latest.days.value) days",
               at: expiration.range,
               notes: [Note("the transition to \(latest.storageClass.value) is here", at: latest.days.range)],
               fixIts: [FixIt("set days to \(latest.days.value + 1) or more, or remove the transition",
                              replacing: expiration.range, with: "\(latest.days.value + 1)")])
    }

    static func lifecycleRuleWithoutAction(_ rule: LifecycleRule) -> Diagnostic {
        let name = rule.id.map { "lifecycle rule '\($0.value)'" } ?? "this lifecycle rule"
        return .error(.lifecycleRuleWithoutAction, "\(name) has no action", at: rule.id?.range ?? rule.range,
                      help: ["add transitions, expiration, noncurrentTransitions, noncurrentExpiration or abortIncompleteUploads"])
    }

    static func duplicateLifecycleRuleId(_ id: Located<String>, first: Located<String>) -> Diagnostic {
        .error(.duplicateLifecycleRuleId, "lifecycle rule id '\(id.value)' is used twice in this bucket", at: id.range,
               notes: [Note("first used here", at: first.range)], help: ["give each rule its own id"])
    }

    static func lifecycleRuleIdLength(_ length: Int, at range: SourceRange) -> Diagnostic {
        let problem = length == 0 ? "a lifecycle rule id cannot be empty" : "a lifecycle rule id is at most \(S3.maxLifecycleRuleIdLength) characters; this one has \(length)"
        return .error(.lifecycleRuleIdLength, problem, at: range, help: ["use an id of 1 to \(S3.maxLifecycleRuleIdLength) characters"])
    }

    static func tooManyLifecycleRules(_ count: Int, bucket: String, at range: SourceRange) -> Diagnostic {
        .error(.tooManyLifecycleRules, "bucket '\(bucket)' has \(count) lifecycle rules; S3 allows at most \(S3.maxLifecycleRules)", at: range,
               help: ["merge rules that share a prefix, or remove rules from here on"])
    }
}
