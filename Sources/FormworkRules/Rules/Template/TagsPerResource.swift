import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// A resource carries at most 50 user tags, AWS's limit for most services;
/// the service refuses one with more, and the stack update fails. It reads
/// the tag property (`Tags` for most types) of each type whose schema says
/// it is taggable (`ResourceSchemas`): a list of `Key`/`Value` objects, or
/// a map of key to value (a `Tags` written as an intrinsic function is not
/// counted). In a generated template a resource carries the stack's tags and
/// its spec resource's together (`TagPropagation`), so each can be under
/// the limit while the two are over it; the finding is at the tag that
/// crosses the limit, once per spec node (every resource a component
/// generates carries the same tags, and crosses at the same tag).
enum TagsPerResource: TemplateRule {
    static let summary = "a resource carries at most 50 tags"
    static let codes: [DiagnosticCode] = [.tooManyTags]

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        var reported: Set<SourceRange> = []
        for resource in context.template.resources {
            guard let tagging = ResourceSchemas.schema(for: resource.type)?.tagging,
                  let tags = resource.properties[tagging.property], let origins = tagOrigins(tags, shape: tagging.shape),
                  origins.count > Tagging.maxTagsPerResource else { continue }
            let crossing = origins[Tagging.maxTagsPerResource] ?? tags.origin ?? resource.origin
            if reported.insert(crossing).inserted {
                diagnostics.append(.tooManyTags(origins.count, at: crossing))
            }
        }
    }

    /// Where each tag of `Tags` came from, in order; nil when `Tags` is not written out in `shape`.
    private static func tagOrigins(_ tags: TemplateValue, shape: ResourceSchema.Tagging.Shape) -> [SourceRange?]? {
        switch (shape, tags.kind) {
        case (.keyValueList, .array(let items)):
            return items.map(\.origin)
        case (.map, .object(let members)):
            return tags.isIntrinsicFunction ? nil : members.map(\.value.origin)
        default:
            return nil
        }
    }
}

extension DiagnosticCode {
    package static let tooManyTags = DiagnosticCode(
        "FW4031", .templateChecks, "a resource would carry more tags than AWS takes",
        reference: DocumentationPage(
            "Tagging AWS Resources and Tag Editor User Guide, \"Service quotas\" (tags per resource)",
            "https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html"))
}

extension Diagnostic {
    static func tooManyTags(_ count: Int, at range: SourceRange) -> Diagnostic {
        .error(.tooManyTags, "a resource would carry \(count) tags; AWS takes at most \(Tagging.maxTagsPerResource) user tags a resource",
               at: range, help: ["keep at most \(Tagging.maxTagsPerResource) tags, stack and resource tags together"])
    }
}
