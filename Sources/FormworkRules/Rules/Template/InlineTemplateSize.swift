import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// A template body passed inline (`aws cloudformation create-stack
/// --template-body`, `TemplateBody` in the API, `aws cloudformation deploy`
/// without `--s3-bucket`) may be at most 51,200 bytes; a larger one must be
/// uploaded to S3 and passed by URL. A template over that size is a warning
/// with its size (over 1 MB it is `TemplateQuotas`' error, and this rule
/// does not run). When compact JSON would fit, the help gives the size
/// `compile --minify` writes.
enum InlineTemplateSize: TemplateRule {
    static let summary = "the template is small enough to pass inline, or says it must go through S3"
    static let codes: [DiagnosticCode] = [.templateTooLargeInline]
    static let readsText = true

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        let size = context.text.utf8.count
        guard size > CloudFormation.Quotas.inlineTemplateBodyBytes, let origin = context.template.origin else { return }
        // Only whether compact JSON fits is said: the count may stop past the limit.
        let minified = JSONWriter.compactByteCount(of: context.text, limit: CloudFormation.Quotas.inlineTemplateBodyBytes)
        // Equal sizes: the text is already compact.
        diagnostics.append(.templateTooLargeInline(size, minified: minified < size ? minified : nil, at: origin))
    }
}

extension DiagnosticCode {
    package static let templateTooLargeInline = DiagnosticCode(
        "FW6010", .templateChecks, "the template is too large to pass inline; it must be uploaded to S3",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Understand CloudFormation quotas\" (template body size in a request)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"))
}

extension Diagnostic {
    static func templateTooLargeInline(_ bytes: Int, minified: Int?, at range: SourceRange) -> Diagnostic {
        let limit = CloudFormation.Quotas.inlineTemplateBodyBytes
        var help: [String] = []
        if let minified, minified <= limit {
            help.append("compile --minify writes it in \(minified) bytes, which can be passed inline")
        } else {
            help.append("upload it to S3 and pass its URL (--template-url, or aws cloudformation deploy --s3-bucket)")
        }
        return .warning(.templateTooLargeInline,
                        "the template is \(bytes) bytes; a template passed inline (--template-body) may be at most \(limit)",
                        at: range, help: help)
    }
}
