import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// A resource's `type:` is one CloudFormation has: a type of the resource
/// provider schemas (`ResourceSchemas`), a custom resource (`Custom::Name`)
/// or a module (`…::MODULE`). CloudFormation rejects any other type when the
/// stack is created (cfn-lint: E3006). The error is at the type, with the
/// closest known type name when there is one.
enum ResourceTypes: TemplateRule {
    static let summary = "a resource's type is one CloudFormation has"
    static let codes: [DiagnosticCode] = [.unknownResourceType]

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        var unknown: [(type: String, at: SourceRange)] = []
        for resource in context.template.resources
        where !ResourceSchemas.isSchemaless(resource.type) && !ResourceSchemas.contains(resource.type) {
            unknown.append((resource.type, resource.typeOrigin ?? resource.origin))
        }
        guard !unknown.isEmpty else { return }
        let names = ResourceSchemas.typeNames
        for (type, range) in unknown {
            diagnostics.append(.unknownResourceType(type, closest: Suggestions.closest(to: type, in: names), at: range))
        }
    }
}

extension DiagnosticCode {
    package static let unknownResourceType = DiagnosticCode(
        "FW6100", .templateChecks, "a resource type CloudFormation does not have",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"AWS resource and property types reference\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html"))
}

extension Diagnostic {
    static func unknownResourceType(_ type: String, closest: String?, at range: SourceRange) -> Diagnostic {
        .error(.unknownResourceType, "unknown resource type '\(type)'", at: range,
               fixIts: closest.map { [.didYouMean($0, replacing: range)] } ?? [],
               help: closest == nil ? ["a type is AWS::Service::Resource as the CloudFormation reference names it, or Custom::Name"] : [])
    }
}
