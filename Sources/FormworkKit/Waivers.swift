import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// Written exceptions (`waivers:`, docs/security.md): each waiver is
/// checked before the rules run, and once every diagnostic of a compile is
/// in, the warnings it names are taken out.
///
/// A resource's waiver covers what is reported inside its declaration (from
/// its name to the end of its body); a top-level waiver, the whole spec. A
/// waiver names a Formwork code or a checkov id (`CKV_AWS_<n>`,
/// `CKV2_AWS_<n>`), the latter written into the generated resources'
/// `Metadata` by lowering and not judged here. Only warnings can be waived: a
/// waiver of a code reported as an error is itself an error, and a
/// Formwork waiver that takes out nothing is a warning (only when the
/// compile found no error: an error stops the rules that might have
/// reported it).
enum Waivers {
    /// Every waiver of the spec, with the part of the spec it covers (nil: all of it).
    static func all(in spec: Spec) -> [(waiver: Waiver, scope: SourceRange?)] {
        spec.waivers.map { ($0, nil) }
            + spec.resources.flatMap { resource in
                let scope = SourceRange(sourceFile: resource.range.sourceFile, start: resource.name.range.start,
                                        end: resource.range.end)
                return resource.waivers.map { ($0, scope) }
            }
    }

    /// What is wrong with the waivers themselves: an empty reason, a rule that is no code or id.
    static func check(_ spec: Spec) -> [Diagnostic] {
        guard !spec.waivers.isEmpty || spec.resources.contains(where: { !$0.waivers.isEmpty }) else { return [] }
        let codes = Set(DiagnosticRegistry.all.map(\.rawValue))
        var diagnostics: [Diagnostic] = []
        for (waiver, _) in all(in: spec) {
            if let reason = waiver.reason, reason.value.allSatisfy(\.isWhitespace) {
                diagnostics.append(.emptyWaiverReason(waiver.rule.value, at: reason.range))
            }
            let rule = waiver.rule.value
            if !waiver.isCheckov, !codes.contains(rule) {
                let upper = rule.uppercased()
                let suggestion = Waiver.isCheckovId(upper) ? upper
                    : upper.hasPrefix("FW") ? Suggestions.closest(to: upper, in: codes.sorted()) : nil
                diagnostics.append(.unknownWaivedRule(rule, suggestion: suggestion, at: waiver.rule.range))
            } else if waiver.isCheckov, CheckovChecks.check(rule) == nil {
                diagnostics.append(.unknownCheckovCheck(rule, suggestion: Suggestions.closest(to: rule, in: CheckovChecks.ids),
                                                        at: waiver.rule.range))
            }
        }
        // `resource:` names a role of the component, for a checkov id.
        for waiver in spec.waivers {
            if let resource = waiver.resource { diagnostics.append(.misplacedWaiverResource(resource, "a top-level waiver")) }
        }
        for resource in spec.resources {
            for waiver in resource.waivers {
                guard let role = waiver.resource else { continue }
                if !waiver.isCheckov {
                    diagnostics.append(.misplacedWaiverResource(role, "a waiver of a Formwork code"))
                } else if resource.body.kind == .raw {
                    diagnostics.append(.misplacedWaiverResource(role, "a raw resource's waiver"))
                } else if let kind = resource.body.kind, !resource.generatedRoles.contains(where: { $0.name == role.value }) {
                    let roles = resource.generatedRoles.map(\.name)
                    diagnostics.append(.unknownWaiverResource(role, kind: kind.rawValue, roles: roles,
                                                              suggestion: Suggestions.closest(to: role.value, in: roles)))
                }
            }
        }
        // A raw resource's own `metadata:` must leave room for the skips lowering appends.
        for resource in spec.resources {
            guard case .raw(let raw) = resource.body, let metadata = raw.metadata,
                  let waiver = (resource.waivers + spec.waivers).first(where: \.isCheckov),
                  let blocker = skipListBlocker(metadata) else { continue }
            diagnostics.append(.unmergeableSkipList(blocker.path, at: blocker.range, waiver: waiver))
        }
        return diagnostics
    }

    /// The part of a raw resource's `metadata:` that is not an object (or,
    /// at `checkov.skip`, a list) where the skips go: its path and range.
    static func skipListBlocker(_ metadata: RawValue) -> (path: String, range: SourceRange)? {
        guard case .object(let members, _) = metadata else { return ("metadata", metadata.range) }
        guard let checkov = members.first(where: { $0.key.value == "checkov" })?.value else { return nil }
        guard case .object(let checkovMembers, _) = checkov else { return ("metadata.checkov", checkov.range) }
        guard let skip = checkovMembers.first(where: { $0.key.value == "skip" })?.value else { return nil }
        guard case .array = skip else { return ("metadata.checkov.skip", skip.range) }
        return nil
    }

    /// A checkov waiver whose check judges none of the resources it would
    /// go on (after lowering, which writes each skip only on the resources
    /// of the types its check judges): a warning, since the skip was written
    /// nowhere. A resource's waiver goes on the resources it generates (or
    /// its `resource:` role's); a top-level one, on every resource.
    static func checkovCoverage(_ spec: Spec, _ template: Template) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func judged(_ waiver: Waiver, owner: ResourceDecl?) {
            guard waiver.isCheckov, let check = CheckovChecks.check(waiver.rule.value) else { return }
            let types = Set(check.resourceTypes)
            let roleType = waiver.resource.flatMap { role in owner?.generatedRoles.first { $0.name == role.value }?.type }
            let judges = template.resources.contains { resource in
                (owner == nil || resource.owner == owner?.name.text) && types.contains(resource.type)
                    && (roleType == nil || resource.type == roleType)
            }
            guard !judges else { return }
            diagnostics.append(.checkovWaiverJudgesNothing(waiver, check: check, owner: owner, roleType: roleType))
        }
        for waiver in spec.waivers { judged(waiver, owner: nil) }
        for resource in spec.resources {
            for waiver in resource.waivers { judged(waiver, owner: resource) }
        }
        return diagnostics
    }

    /// `diagnostics` without the warnings the spec waives, with an error for
    /// each waiver of an error and a warning for each Formwork waiver that
    /// took out nothing.
    static func apply(_ spec: Spec, to diagnostics: [Diagnostic]) -> [Diagnostic] {
        let waivers = all(in: spec).filter { !$0.waiver.isCheckov }
        guard !waivers.isEmpty else { return diagnostics }
        func covers(_ entry: (waiver: Waiver, scope: SourceRange?), _ diagnostic: Diagnostic) -> Bool {
            guard entry.waiver.rule.value == diagnostic.code.rawValue else { return false }
            guard let scope = entry.scope else { return true }
            let range = diagnostic.range
            return range.sourceFile == scope.sourceFile && !range.isWholeFile
                && scope.start <= range.start && range.end <= scope.end
        }
        var used = Array(repeating: false, count: waivers.count)
        var kept: [Diagnostic] = []
        var added: [Diagnostic] = []
        for diagnostic in diagnostics {
            let matching = waivers.indices.filter { covers(waivers[$0], diagnostic) }
            guard !matching.isEmpty else {
                kept.append(diagnostic)
                continue
            }
            for index in matching { used[index] = true }
            if diagnostic.severity == .error {
                kept.append(diagnostic)
                added += matching.map { .waivedError(waivers[$0].waiver, error: diagnostic) }
            } else if diagnostic.severity != .warning {
                kept.append(diagnostic)  // a note is advice: nothing to waive
            }
        }
        if !diagnostics.hasErrors {
            for (index, entry) in waivers.enumerated() where !used[index] {
                added.append(.unusedWaiver(entry.waiver, resourceScoped: entry.scope != nil))
            }
        }
        return kept + added
    }
}

// MARK: - Diagnostics (FW2090–FW2099: written exceptions)

extension DiagnosticCode {
    public static let emptyWaiverReason = DiagnosticCode("FW2090", .decoding, "a waiver's reason is empty")
    public static let unknownWaivedRule = DiagnosticCode("FW2091", .decoding, "a waiver names neither a Formwork code nor a checkov id")
    public static let waivedError = DiagnosticCode("FW2092", .decoding, "a waiver names an error, which cannot be waived")
    public static let unusedWaiver = DiagnosticCode("FW2093", .decoding, "a waiver of a Formwork code takes out no warning")

    public static let unmergeableSkipList = DiagnosticCode(
        "FW2094", .decoding, "a raw resource's metadata leaves no room for the checkov skips of its waivers")

    public static let unknownWaiverResource = DiagnosticCode(
        "FW2095", .decoding, "a waiver's resource is not a role of a resource its component generates")
    public static let misplacedWaiverResource = DiagnosticCode(
        "FW2096", .decoding, "a waiver's resource is written where it has no meaning")

    public static let unknownCheckovCheck = DiagnosticCode(
        "FW2097", .decoding, "a waiver names a checkov id that no checkov CloudFormation check has")
    public static let checkovWaiverJudgesNothing = DiagnosticCode(
        "FW2098", .decoding, "a checkov waiver's check judges none of the resources it is written for")

    public static let allWaiverCodes: [DiagnosticCode] = [
        .emptyWaiverReason, .unknownWaivedRule, .waivedError, .unusedWaiver, .unmergeableSkipList,
        .unknownWaiverResource, .misplacedWaiverResource, .unknownCheckovCheck, .checkovWaiverJudgesNothing,
    ]
}

extension Diagnostic {
    static func emptyWaiverReason(_ rule: String, at range: SourceRange) -> Diagnostic {
        .error(.emptyWaiverReason, "the waiver of \(rule) has an empty reason", at: range,
               help: ["say why the rule does not apply here, in words a security reviewer would accept"])
    }

    static func unknownWaivedRule(_ rule: String, suggestion: String?, at range: SourceRange) -> Diagnostic {
        let message = Waiver.isFormworkCode(rule)
            ? "no Formwork diagnostic has the code \(rule)"
            : "'\(rule)' is neither a Formwork code (FW and four digits) nor a checkov id (CKV_AWS_<n> or CKV2_AWS_<n>)"
        if let suggestion {
            return .error(.unknownWaivedRule, message, at: range, fixIts: [FixIt.didYouMean(suggestion, replacing: range)])
        }
        return .error(.unknownWaivedRule, message, at: range)
    }

    static func unknownCheckovCheck(_ id: String, suggestion: String?, at range: SourceRange) -> Diagnostic {
        let message = "checkov \(CheckovChecks.version) has no CloudFormation check \(id)"
        if let suggestion {
            return .error(.unknownCheckovCheck, message, at: range, fixIts: [FixIt.didYouMean(suggestion, replacing: range)])
        }
        return .error(.unknownCheckovCheck, message, at: range)
    }

    static func checkovWaiverJudgesNothing(_ waiver: Waiver, check: CheckovChecks.Check, owner: ResourceDecl?,
                                           roleType: String?) -> Diagnostic
    {
        let types = check.resourceTypes.joined(separator: " or ")
        let what: String
        if let role = waiver.resource, let roleType {
            what = "its resource '\(role.value)' is an \(roleType)"
        } else if let owner {
            what = "'\(owner.name.text)' generates none"
        } else {
            what = "this spec generates none"
        }
        return .warning(.checkovWaiverJudgesNothing,
                        "the waiver of \(check.id) is written nowhere: \(check.id) judges only \(types) resources; \(what)",
                        at: waiver.rule.range, help: ["remove the waiver (\(check.id): \(check.name))"])
    }

    static func waivedError(_ waiver: Waiver, error: Diagnostic) -> Diagnostic {
        .error(.waivedError, "\(waiver.rule.value) is an error here, and errors cannot be waived", at: waiver.rule.range,
               notes: [Note("the error", at: error.range)], help: ["fix the error, and remove this waiver"])
    }

    static func unusedWaiver(_ waiver: Waiver, resourceScoped: Bool) -> Diagnostic {
        .warning(.unusedWaiver,
                 "the waiver of \(waiver.rule.value) takes out nothing: no \(waiver.rule.value) is reported \(resourceScoped ? "on this resource" : "in this spec")",
                 at: waiver.rule.range, help: ["remove the waiver"])
    }

    static func unmergeableSkipList(_ path: String, at range: SourceRange, waiver: Waiver) -> Diagnostic {
        let shape = path.hasSuffix(".skip") ? "a list" : "a mapping"
        return .error(.unmergeableSkipList,
                      "\(path) is not \(shape), so the skip of \(waiver.rule.value) cannot be added to it",
                      at: range, notes: [Note("the waiver", at: waiver.rule.range)],
                      help: ["write \(path) as \(shape), or list the skip there yourself instead of in waivers"])
    }

    static func unknownWaiverResource(_ role: Located<String>, kind: String, roles: [String], suggestion: String?) -> Diagnostic {
        let message = "this \(kind) generates no resource in the role '\(role.value)'"
        if let suggestion {
            return .error(.unknownWaiverResource, message, at: role.range, fixIts: [FixIt.didYouMean(suggestion, replacing: role.range)])
        }
        return .error(.unknownWaiverResource, message, at: role.range, help: ["its roles here: \(roles.joined(separator: ", "))"])
    }

    static func misplacedWaiverResource(_ role: Located<String>, _ place: String) -> Diagnostic {
        .error(.misplacedWaiverResource,
               "resource: names one resource a component generates, for a checkov id; \(place) has none to name",
               at: role.range, help: ["remove resource:"])
    }
}
