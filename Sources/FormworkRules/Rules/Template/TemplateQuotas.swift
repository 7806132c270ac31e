import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// CloudFormation's quotas on the template itself: at most 500 resources
/// (components generate more than a spec declares), a description of at
/// most 1,024 bytes, and a body of at most 1 MB (the limit for a template
/// uploaded through S3). Each is reported at the spec node that crosses it.
enum TemplateQuotas: TemplateRule {
    static let summary = "the template fits CloudFormation's quotas"
    static let codes: [DiagnosticCode] = [.tooManyResources, .descriptionTooLong, .templateTooLarge]
    static let readsText = true
    static let isGate = true

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        let template = context.template
        if template.resources.count > CloudFormation.Quotas.resources {
            let first = template.resources[CloudFormation.Quotas.resources]
            diagnostics.append(.tooManyResources(template.resources.count, at: first.origin))
        }
        if let description = template.description, let origin = template.descriptionOrigin,
           description.utf8.count > CloudFormation.Quotas.descriptionBytes {
            diagnostics.append(.descriptionTooLong(description.utf8.count, at: origin))
        }
        let size = context.text.utf8.count
        if size > CloudFormation.Quotas.templateBodyBytes, let origin = template.origin {
            diagnostics.append(.templateTooLarge(size, at: origin))
        }
    }
}

extension DiagnosticCode {
    package static let tooManyResources = DiagnosticCode(
        "FW6005", .templateChecks, "the expanded template has more resources than CloudFormation takes",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Understand CloudFormation quotas\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"))
    package static let descriptionTooLong = DiagnosticCode(
        "FW6002", .templateChecks, "the description is longer than CloudFormation takes",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Understand CloudFormation quotas\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"))
    package static let templateTooLarge = DiagnosticCode(
        "FW6004", .templateChecks, "the template is larger than CloudFormation takes",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Understand CloudFormation quotas\" (template body size in S3)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"))
}

extension Diagnostic {
    static func tooManyResources(_ count: Int, at range: SourceRange) -> Diagnostic {
        .error(.tooManyResources, "the template would have \(count) resources; CloudFormation takes at most \(CloudFormation.Quotas.resources)",
               at: range, help: ["split the stack into several specs (this is the first one over the limit)"])
    }

    static func descriptionTooLong(_ bytes: Int, at range: SourceRange) -> Diagnostic {
        .error(.descriptionTooLong,
               "the description is \(bytes) bytes; CloudFormation takes at most \(CloudFormation.Quotas.descriptionBytes)", at: range)
    }

    static func templateTooLarge(_ bytes: Int, at range: SourceRange) -> Diagnostic {
        .error(.templateTooLarge,
               "the template is \(bytes) bytes; CloudFormation takes at most \(CloudFormation.Quotas.templateBodyBytes)", at: range,
               help: ["split the stack into several specs"])
    }
}
