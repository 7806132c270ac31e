import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// A resource's `CreationPolicy` and `UpdatePolicy` are what CloudFormation
/// takes (`ResourcePolicies`): only the types that have each (a creation
/// policy on AppStream fleets, Auto Scaling groups, EC2 instances and wait
/// conditions; an update policy on AppStream fleets, Auto Scaling groups,
/// ElastiCache replication groups, OpenSearch and Elasticsearch domains and
/// Lambda aliases), with the keys each takes, each value of its type, a
/// duration (`ResourceSignal.Timeout`, `PauseTime`) written `PT#H#M#S` and
/// no longer than CloudFormation allows (12 hours; one hour for
/// `PauseTime`), only the Auto Scaling processes there are in
/// `SuspendProcesses`, and the keys a policy requires (a Lambda alias's
/// `CodeDeployLambdaAliasUpdate` names its `ApplicationName` and
/// `DeploymentGroupName`). CloudFormation rejects the template otherwise,
/// or, for a bad duration, fails the resource. As for properties, a value that
/// is an intrinsic function (`${...}`) is accepted, and a string that reads
/// as a number or a boolean passes where one is expected. cfn-lint reports
/// the same mistakes as E3055 (creation policy) and E3016 (update policy).
enum CreationAndUpdatePolicies: TemplateRule {
    static let summary = "a resource's CreationPolicy and UpdatePolicy are what CloudFormation takes for its type"
    static let codes: [DiagnosticCode] = [
        .policyNotTaken, .unknownPolicyKey, .policyValueType, .policyDuration, .policyWord, .missingPolicyKey,
    ]

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.template.resources {
            for (name, value, shapes) in [("CreationPolicy", resource.creationPolicy, ResourcePolicies.creation),
                                          ("UpdatePolicy", resource.updatePolicy, ResourcePolicies.update)]
            {
                guard let value else { continue }
                let at = value.origin ?? resource.origin
                guard let shape = shapes[resource.type] else {
                    diagnostics.append(.policyNotTaken(name, type: resource.type, takers: shapes.keys.sorted(), at: at))
                    continue
                }
                check(value, against: shape, path: name, fallback: at, into: &diagnostics)
            }
        }
    }

    /// `keyOrigin`: where the key of `value` is written, where a key missing inside it is reported.
    private static func check(_ value: TemplateValue, against shape: ResourcePolicies.Shape, path: String,
                              fallback: SourceRange, keyOrigin: SourceRange? = nil, into diagnostics: inout [Diagnostic])
    {
        let at = value.origin ?? fallback
        // What only deploy time knows is taken as written.
        if value.isIntrinsicFunction { return }
        switch (shape, value.kind) {
        case (.object(let members, let required), .object(let written)):
            for member in written {
                let keyAt = member.keyOrigin ?? member.value.origin ?? at
                guard let inner = shape.member(member.key) else {
                    let keys = members.map(\.key)
                    diagnostics.append(.unknownPolicyKey(member.key, in: path, closest: Suggestions.closest(to: member.key, in: keys),
                                                         keys: keys, at: keyAt))
                    continue
                }
                check(member.value, against: inner, path: path + "." + member.key, fallback: at, keyOrigin: member.keyOrigin,
                      into: &diagnostics)
            }
            for key in required where !written.contains(where: { $0.key == key }) {
                diagnostics.append(.missingPolicyKey(key, in: path, at: keyOrigin ?? at))
            }
        case (.object, _):
            diagnostics.append(.policyValueType(path, expected: "a mapping", at: at))
        case (.boolean, .bool): break
        case (.boolean, .string(let s)) where ["true", "false"].contains(s.lowercased()): break
        case (.boolean, _):
            diagnostics.append(.policyValueType(path, expected: "a boolean", at: at))
        case (.integer, .number(let n)) where Int(n) != nil: break
        case (.integer, .string(let s)) where Int(s) != nil: break
        case (.integer, _):
            diagnostics.append(.policyValueType(path, expected: "a whole number", at: at))
        case (.string, .string), (.string, .number), (.string, .bool): break
        case (.string, _):
            diagnostics.append(.policyValueType(path, expected: "a string", at: at))
        case (.duration(let maximum), .string(let text)):
            guard let seconds = ResourcePolicies.seconds(ofDuration: text) else {
                diagnostics.append(.policyDuration(path, text, maximumSeconds: maximum, malformed: true, at: at))
                return
            }
            if seconds > maximum {
                diagnostics.append(.policyDuration(path, text, maximumSeconds: maximum, malformed: false, at: at))
            }
        case (.duration, _):
            diagnostics.append(.policyValueType(path, expected: "a duration such as PT15M", at: at))
        case (.words(let words), .array(let items)):
            for item in items where !item.isIntrinsicFunction {
                guard case .string(let word) = item.kind else {
                    diagnostics.append(.policyValueType(path + " item", expected: "a string", at: item.origin ?? at))
                    continue
                }
                if !words.contains(word) {
                    diagnostics.append(.policyWord(path, word, words: words, at: item.origin ?? at))
                }
            }
        case (.words, _):
            diagnostics.append(.policyValueType(path, expected: "a list", at: at))
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    private static let creationPolicyPage = DocumentationPage(
        "AWS CloudFormation Template Reference, \"CreationPolicy attribute\"",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-creationpolicy.html")
    private static let updatePolicyPage = DocumentationPage(
        "AWS CloudFormation Template Reference, \"UpdatePolicy attribute\"",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatepolicy.html")

    package static let policyNotTaken = DiagnosticCode(
        "FW6200", .templateChecks, "a CreationPolicy or UpdatePolicy on a type that does not take it", reference: creationPolicyPage)
    package static let unknownPolicyKey = DiagnosticCode(
        "FW6201", .templateChecks, "a key a CreationPolicy or UpdatePolicy does not have", reference: updatePolicyPage)
    package static let policyValueType = DiagnosticCode(
        "FW6202", .templateChecks, "a CreationPolicy or UpdatePolicy value of the wrong type", reference: updatePolicyPage)
    package static let policyDuration = DiagnosticCode(
        "FW6203", .templateChecks, "a policy duration that is not PT#H#M#S or is too long", reference: creationPolicyPage)
    package static let policyWord = DiagnosticCode(
        "FW6204", .templateChecks, "a process SuspendProcesses cannot suspend", reference: updatePolicyPage)
    package static let missingPolicyKey = DiagnosticCode(
        "FW6205", .templateChecks, "a key an UpdatePolicy requires is missing", reference: updatePolicyPage)
}

extension Diagnostic {
    static func policyNotTaken(_ policy: String, type: String, takers: [String], at range: SourceRange) -> Diagnostic {
        .error(.policyNotTaken, "\(type) does not take \(policy == "UpdatePolicy" ? "an" : "a") \(policy); CloudFormation rejects the template", at: range,
               help: ["\(policy == "UpdatePolicy" ? "an" : "a") \(policy) stands on \(takers.joined(separator: ", "))"])
    }

    static func unknownPolicyKey(_ key: String, in path: String, closest: String?, keys: [String],
                                 at range: SourceRange) -> Diagnostic
    {
        if let closest {
            return .error(.unknownPolicyKey, "\(path) has no key '\(key)'", at: range, fixIts: [.didYouMean(closest, replacing: range)])
        }
        return .error(.unknownPolicyKey, "\(path) has no key '\(key)'", at: range,
                      help: ["its keys: \(keys.joined(separator: ", "))"])
    }

    static func missingPolicyKey(_ key: String, in path: String, at range: SourceRange) -> Diagnostic {
        .error(.missingPolicyKey, "\(path) needs '\(key)'", at: range)
    }

    static func policyValueType(_ path: String, expected: String, at range: SourceRange) -> Diagnostic {
        .error(.policyValueType, "\(path) takes \(expected)", at: range)
    }

    static func policyDuration(_ path: String, _ text: String, maximumSeconds: Int, malformed: Bool,
                               at range: SourceRange) -> Diagnostic
    {
        let maximum = maximumSeconds % 3600 == 0 ? "PT\(maximumSeconds / 3600)H" : "PT\(maximumSeconds)S"
        if malformed {
            return .error(.policyDuration, "'\(text)' is not a duration; \(path) is written PT#H#M#S, like PT15M", at: range,
                          help: ["hours, minutes and seconds, each optional, in that order: PT1H30M, PT45S; at most \(maximum)"])
        }
        return .error(.policyDuration, "\(path) is at most \(maximum), not \(text)", at: range)
    }

    static func policyWord(_ path: String, _ word: String, words: [String], at range: SourceRange) -> Diagnostic {
        if let closest = Suggestions.closest(to: word, in: words) {
            return .error(.policyWord, "\(path) cannot suspend '\(word)'", at: range, fixIts: [.didYouMean(closest, replacing: range)])
        }
        return .error(.policyWord, "\(path) cannot suspend '\(word)'", at: range,
                      help: ["processes: \(words.joined(separator: ", "))"])
    }
}
