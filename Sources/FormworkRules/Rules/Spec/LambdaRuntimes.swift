import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A function's `runtime` is one Lambda has (a typo gets a did-you-mean)
/// and one it has not deprecated: a deprecated runtime gets no more security
/// updates, and Lambda then blocks creating and updating functions on it.
/// Whether a runtime is deprecated is read from the runtime table in
/// `FormworkFacts` as of the day it was reviewed, never from the clock, so a
/// spec compiles the same on every day. Inline code (`code: { inline: ... }`,
/// CloudFormation's `ZipFile`) is taken only with a Node.js or Python
/// runtime. A runtime from `defaults.function` is reported once.
enum LambdaRuntimes: SpecRule {
    static let summary = "a function's runtime exists, is not deprecated, and takes its code"
    static let codes: [DiagnosticCode] = [.unknownRuntime, .deprecatedRuntime, .inlineCodeRuntime]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .function(let function) = resource.body, let runtime = function.runtime else { continue }
            var found: [Diagnostic] = []
            if let known = Lambda.runtime(runtime.value) {
                if known.isDeprecated { found.append(.deprecatedRuntime(runtime, known)) }
                if case .inline(let code) = function.code, !known.supportsInlineCode {
                    found.append(.inlineCodeRuntime(code.range, runtime))
                }
            } else {
                found.append(.unknownRuntime(runtime))
            }
            // A runtime from defaults.function would otherwise be reported once per function.
            for diagnostic in found where !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
        }
    }
}

extension DiagnosticCode {
    package static let unknownRuntime = DiagnosticCode(
        "FW5300", .specChecks, "a function names a runtime Lambda does not have",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Lambda runtimes\"",
            "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"))
    package static let deprecatedRuntime = DiagnosticCode(
        "FW5301", .specChecks, "a function uses a deprecated Lambda runtime",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Lambda runtimes\" (deprecated runtimes)",
            "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"))
    package static let inlineCodeRuntime = DiagnosticCode(
        "FW5302", .specChecks, "inline code with a runtime that only takes packaged code",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, AWS::Lambda::Function Code, ZipFile",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-code.html"))
}

extension Diagnostic {
    static func unknownRuntime(_ runtime: Located<String>) -> Diagnostic {
        let message = "'\(runtime.value)' is not a Lambda runtime"
        guard let suggestion = Suggestions.closest(to: runtime.value, in: Lambda.supportedRuntimes) else {
            return .error(.unknownRuntime, message, at: runtime.range, help: ["use a current runtime, like nodejs22.x or python3.13"])
        }
        return .error(.unknownRuntime, message, at: runtime.range,
                      fixIts: [FixIt.didYouMean(suggestion, replacing: runtime.range)])
    }

    static func deprecatedRuntime(_ runtime: Located<String>, _ known: Lambda.Runtime) -> Diagnostic {
        .error(.deprecatedRuntime, "runtime '\(runtime.value)' was deprecated on \(known.deprecation ?? "an earlier date")",
               at: runtime.range,
               fixIts: [FixIt("use '\(known.replacement)'", replacing: runtime.range, with: known.replacement)])
    }

    static func inlineCodeRuntime(_ code: SourceRange, _ runtime: Located<String>) -> Diagnostic {
        .error(.inlineCodeRuntime, "inline code needs a Node.js or Python runtime, not '\(runtime.value)'", at: code,
               notes: [Note("the runtime is set here", at: runtime.range)],
               help: ["upload a package and write code: { bucket: ..., key: ... }"])
    }
}
