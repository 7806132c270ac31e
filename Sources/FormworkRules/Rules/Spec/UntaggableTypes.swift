import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `tags:` on a raw resource whose type cannot be tagged (its schema's
/// `tagging` says so, as for `AWS::Lambda::Permission`) would be dropped
/// without a word: an error at the first tag. The stack's `tags:` skip such
/// types, as CloudFormation's own stack tags do.
enum UntaggableTypes: SpecRule {
    static let summary = "tags are written only on types that take them"
    static let codes: [DiagnosticCode] = [.untaggableType]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .raw(let raw) = resource.body, let first = resource.tags.first,
                  let schema = ResourceSchemas.schema(for: raw.type.value), schema.tagging == nil else { continue }
            diagnostics.append(.untaggableType(raw.type.value, at: first.key.range))
        }
    }
}

extension DiagnosticCode {
    package static let untaggableType = DiagnosticCode(
        "FW4032", .specChecks, "tags on a resource type that takes none",
        reference: DocumentationPage(
            "CloudFormation Command Line Interface User Guide, \"Resource type schema\" (tagging)",
            "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html"))
}

extension Diagnostic {
    static func untaggableType(_ type: String, at range: SourceRange) -> Diagnostic {
        .error(.untaggableType, "\(type) cannot be tagged", at: range,
               help: ["remove 'tags:' from this resource; tag the resources it belongs to instead"])
    }
}
