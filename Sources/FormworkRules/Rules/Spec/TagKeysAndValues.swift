import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// Each tag the spec writes, the stack's `tags:` and each resource's, follows
/// AWS's tag rules (`Tagging`): a key of 1 to 128 characters that does not
/// start with `aws:` (in any letter case), which AWS keeps for its own tags,
/// and a value of at most 256 characters when it is literal (an
/// interpolated one is known only at deploy time). AWS refuses such a tag on
/// every resource it would go on. How many tags one resource carries, stack
/// and own together, is `TagsPerResource`'s check on the template.
enum TagKeysAndValues: SpecRule {
    static let summary = "each tag's key and value follow AWS's tag rules"
    static let codes: [DiagnosticCode] = [.invalidTag]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        let spec = context.spec
        for tag in spec.tags + spec.resources.flatMap(\.tags) { diagnostics += check(tag) }
    }

    /// A tag's key, and its value when literal, checked against `Tagging`'s limits.
    static func check(_ tag: Tag) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let key = tag.key.value
        if !Tagging.keyLengthRange.contains(key.unicodeScalars.count) {
            out.append(.tagKeyLength(key, at: tag.key.range))
        }
        if key.lowercased().hasPrefix(Tagging.reservedKeyPrefix) {
            out.append(.reservedTagKey(key, at: tag.key.range))
        }
        if !tag.value.interpolated.hasExpressions && tag.value.interpolated.isWhole && tag.value.text.unicodeScalars.count > Tagging.maxValueLength {
            out.append(.tagValueLength(tag.value.text.unicodeScalars.count, at: tag.value.range))
        }
        return out
    }
}

extension DiagnosticCode {
    package static let invalidTag = DiagnosticCode(
        "FW4030", .specChecks, "a tag key or value breaks AWS's tag rules",
        reference: DocumentationPage(
            "Tagging AWS Resources and Tag Editor User Guide, \"Service quotas\" (tag keys and values)",
            "https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html"))
}

extension Diagnostic {
    static func tagKeyLength(_ key: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidTag, "a tag key must be \(Tagging.keyLengthRange.lowerBound) to \(Tagging.keyLengthRange.upperBound) characters, found \(key.unicodeScalars.count)", at: range)
    }

    static func reservedTagKey(_ key: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidTag, "tag key '\(key)' uses the reserved prefix '\(Tagging.reservedKeyPrefix)'", at: range,
               help: ["choose a key without the '\(Tagging.reservedKeyPrefix)' prefix"])
    }

    static func tagValueLength(_ count: Int, at range: SourceRange) -> Diagnostic {
        .error(.invalidTag, "a tag value must be at most \(Tagging.maxValueLength) characters, found \(count)", at: range)
    }
}
