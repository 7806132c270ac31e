import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// Every logical ID is 1 to 255 letters and digits, and no two resources
/// share one. A spec's own names are checked where they are declared (a
/// spec rule); this rule sees what components generate, such as an api's
/// method IDs built from a long path, or a generated `<Name>Role` that
/// another resource of the spec is also called. Reported once per spec node.
enum LogicalIds: TemplateRule {
    static let summary = "generated logical IDs are valid and unique"
    static let codes: [DiagnosticCode] = [.invalidLogicalId, .generatedLogicalIdCollision]

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        let template = context.template
        // Once per spec node: an api path too long for a logical ID makes its methods' IDs too long as well.
        var reported: Set<SourceRange> = []
        for resource in template.resources
        where !CloudFormation.LogicalId.isValid(resource.logicalId) && reported.insert(resource.origin).inserted {
            diagnostics.append(.invalidLogicalId(resource.logicalId, at: resource.origin))
        }
        // Two components generating one logical ID (a component keeps its own IDs apart).
        var seen: [String: Resource] = [:]
        for resource in template.resources {
            if let first = seen[resource.logicalId] {
                if first.owner != resource.owner { diagnostics.append(.generatedCollision(resource, first)) }
            } else {
                seen[resource.logicalId] = resource
            }
        }
    }
}

extension DiagnosticCode {
    package static let invalidLogicalId = DiagnosticCode(
        "FW6003", .templateChecks, "a logical ID is not alphanumeric or is too long",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Resources\" section (logical ID)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html"))
    package static let generatedLogicalIdCollision = DiagnosticCode(
        "FW6006", .templateChecks, "a generated resource's logical ID is another resource's too",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Resources\" section (logical ID)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html"))
}

extension Diagnostic {
    static func invalidLogicalId(_ id: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidLogicalId, "logical ID '\(id.prefix(80))\(id.count > 80 ? "…" : "")' is not 1 to \(CloudFormation.LogicalId.maxLength) letters and digits",
               at: range, help: ["shorten the name (or the api path) it is made from"])
    }

    static func generatedCollision(_ resource: Resource, _ first: Resource) -> Diagnostic {
        func describe(_ r: Resource) -> String {
            guard let owner = r.owner else { return "a \(r.type)" }
            return owner.prefix(1).uppercased() + owner.dropFirst() == r.logicalId ? "resource '\(owner)'" : "the \(r.type) that '\(owner)' generates"
        }
        return .error(.generatedLogicalIdCollision,
                      "logical ID '\(resource.logicalId)' would be used twice: by \(describe(resource)) and by \(describe(first))",
                      at: resource.origin, notes: [Note("\(describe(first)) comes from here", at: first.origin)],
                      help: ["rename one of the two resources"])
    }
}
