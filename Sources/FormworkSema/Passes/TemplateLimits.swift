import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// Template limits: CloudFormation's quotas on the number of resources,
/// parameters and outputs, the description's size, the form of logical IDs
/// (generated ones included) and the size of the template body, checked
/// before anything is written and reported at the spec node that crosses them.
package enum TemplateLimits {
    /// The quotas a spec crosses before anything is expanded: more declared
    /// resources, parameters or outputs than a template may hold.
    package static func checkDeclarations(_ spec: Spec) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if spec.resources.count > CloudFormation.Quotas.resources {
            diagnostics.append(.tooMany("resources", spec.resources.count, CloudFormation.Quotas.resources,
                                        at: spec.resources[CloudFormation.Quotas.resources].name.range))
        }
        if spec.parameters.count > CloudFormation.Quotas.parameters {
            diagnostics.append(.tooMany("parameters", spec.parameters.count, CloudFormation.Quotas.parameters,
                                        at: spec.parameters[CloudFormation.Quotas.parameters].name.range))
        }
        if spec.outputs.count > CloudFormation.Quotas.outputs {
            diagnostics.append(.tooMany("outputs", spec.outputs.count, CloudFormation.Quotas.outputs,
                                        at: spec.outputs[CloudFormation.Quotas.outputs].name.range))
        }
        return diagnostics
    }

    /// The quotas on the expanded template.
    package static func run(_ template: Template, spec: Spec) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if template.resources.count > CloudFormation.Quotas.resources {
            let first = template.resources[CloudFormation.Quotas.resources]
            diagnostics.append(.tooMany("resources", template.resources.count, CloudFormation.Quotas.resources, at: first.origin))
        }
        if let description = spec.description, description.value.utf8.count > CloudFormation.Quotas.descriptionBytes {
            diagnostics.append(.descriptionTooLong(description.value.utf8.count, at: description.range))
        }
        // Once per spec node: an api path too long for a logical ID makes its methods' IDs too long as well.
        var reported: Set<SourceRange> = []
        for resource in template.resources where !CloudFormation.LogicalId.isValid(resource.logicalId) && reported.insert(resource.origin).inserted {
            diagnostics.append(.invalidLogicalId(resource.logicalId, at: resource.origin))
        }
        // Two components generating one logical ID (a component reports its own clashes).
        var seen: [String: Resource] = [:]
        for resource in template.resources {
            if let first = seen[resource.logicalId] {
                if first.owner != resource.owner { diagnostics.append(.generatedCollision(resource, first)) }
            } else {
                seen[resource.logicalId] = resource
            }
        }
        return diagnostics
    }

    /// The size of the written template, checked once it is written.
    package static func checkBody(_ json: String, spec: Spec) -> Diagnostic? {
        let size = json.utf8.count
        guard size > CloudFormation.Quotas.templateBodyBytes else { return nil }
        return .templateTooLarge(size, at: spec.stack.range)
    }
}

extension DiagnosticCode {
    package static let tooMany = DiagnosticCode(
        "FW6001", .templateChecks, "more resources, parameters or outputs than CloudFormation takes",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Understand CloudFormation quotas\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"))
    package static let descriptionTooLong = DiagnosticCode(
        "FW6002", .templateChecks, "the description is longer than CloudFormation takes",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Understand CloudFormation quotas\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"))
    package static let invalidLogicalId = DiagnosticCode(
        "FW6003", .templateChecks, "a logical ID is not alphanumeric or is too long",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Resources\" section (logical ID)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html"))
    package static let templateTooLarge = DiagnosticCode(
        "FW6004", .templateChecks, "the template is larger than CloudFormation takes",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Understand CloudFormation quotas\" (template body size in S3)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"))

    package static let allLimitCodes: [DiagnosticCode] = [.tooMany, .descriptionTooLong, .invalidLogicalId, .templateTooLarge]
}

extension Diagnostic {
    static func tooMany(_ what: String, _ count: Int, _ limit: Int, at range: SourceRange) -> Diagnostic {
        .error(.tooMany, "the template would have \(count) \(what); CloudFormation takes at most \(limit)", at: range,
               help: ["split the stack into several specs (this is the first one over the limit)"])
    }

    static func descriptionTooLong(_ bytes: Int, at range: SourceRange) -> Diagnostic {
        .error(.descriptionTooLong,
               "the description is \(bytes) bytes; CloudFormation takes at most \(CloudFormation.Quotas.descriptionBytes)", at: range)
    }

    static func invalidLogicalId(_ id: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidLogicalId, "logical ID '\(id.prefix(80))\(id.count > 80 ? "…" : "")' is not 1 to \(CloudFormation.LogicalId.maxLength) letters and digits",
               at: range, help: ["shorten the name (or the api path) it is made from"])
    }

    static func generatedCollision(_ resource: Resource, _ first: Resource) -> Diagnostic {
        func describe(_ r: Resource) -> String {
            guard let owner = r.owner else { return "a \(r.type)" }
            return Name.logicalId(of: owner) == r.logicalId ? "resource '\(owner)'" : "the \(r.type) that '\(owner)' generates"
        }
        return .error(.logicalIdCollision,
                      "logical ID '\(resource.logicalId)' would be used twice: by \(describe(resource)) and by \(describe(first))",
                      at: resource.origin, notes: [Note("\(describe(first)) comes from here", at: first.origin)],
                      help: ["rename one of the two resources"])
    }

    static func templateTooLarge(_ bytes: Int, at range: SourceRange) -> Diagnostic {
        .error(.templateTooLarge,
               "the template is \(bytes) bytes; CloudFormation takes at most \(CloudFormation.Quotas.templateBodyBytes)", at: range,
               help: ["split the stack into several specs"])
    }
}
