import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A function's `runtime` is one Lambda has (a typo gets a did-you-mean)
/// and one it still creates functions on. A deprecated runtime gets no more
/// security updates: a warning naming the date, and the day Lambda stops
/// creating functions on it. Once that day has come a new stack cannot
/// create the function: an error. The dates are read from the runtime table
/// in `FormworkFacts` as of the day it was reviewed, never from the clock, so
/// a spec compiles the same on every day. A raw `AWS::Lambda::Function`
/// whose `Runtime` is written out is checked alike. Inline code (`code: {
/// inline: ... }`, CloudFormation's `ZipFile`) is taken only with a Node.js
/// or Python runtime. A runtime from `defaults.function` is reported once.
enum LambdaRuntimes: SpecRule {
    static let summary = "a function's runtime exists, is still supported, and takes its code"
    static let codes: [DiagnosticCode] = [.unknownRuntime, .deprecatedRuntime, .blockedRuntime, .inlineCodeRuntime]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            var found: [Diagnostic] = []
            switch resource.body {
            case .function(let function):
                guard let runtime = function.runtime else { continue }
                found = lifecycle(runtime)
                if let known = Lambda.runtime(runtime.value), case .inline(let code) = function.code,
                   !known.supportsInlineCode
                {
                    found.append(.inlineCodeRuntime(code.range, runtime))
                }
            case .raw(let raw) where raw.type.value == "AWS::Lambda::Function":
                // An unknown identifier is the schema's to report (its enum); the dates are this rule's.
                guard case .object(let members, _)? = raw.properties,
                      case .string(let value)? = members.first(where: { $0.key.value == "Runtime" })?.value,
                      !value.interpolated.hasExpressions, Lambda.runtime(value.text) != nil else { continue }
                found = lifecycle(Located(value.text, value.range))
            default:
                continue
            }
            // A runtime from defaults.function would otherwise be reported once per function.
            for diagnostic in found where !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
        }
    }

    /// Unknown, blocked or deprecated.
    private static func lifecycle(_ runtime: Located<String>) -> [Diagnostic] {
        guard let known = Lambda.runtime(runtime.value) else { return [.unknownRuntime(runtime)] }
        if known.isCreateBlocked { return [.blockedRuntime(runtime, known)] }
        if known.isDeprecated { return [.deprecatedRuntime(runtime, known)] }
        return []
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
    package static let blockedRuntime = DiagnosticCode(
        "FW5314", .specChecks, "a function uses a runtime Lambda no longer creates functions on",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Lambda runtimes\" (runtime deprecation: block function create)",
            "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtime-deprecation-levels"))
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
        let block = known.blockCreate.map { "; Lambda stops creating functions on it on \($0)" } ?? ""
        return .warning(.deprecatedRuntime,
                        "runtime '\(runtime.value)' was deprecated on \(known.deprecation ?? "an earlier date")\(block)",
                        at: runtime.range,
                        fixIts: [FixIt("use '\(known.replacement)'", replacing: runtime.range, with: known.replacement)])
    }

    static func blockedRuntime(_ runtime: Located<String>, _ known: Lambda.Runtime) -> Diagnostic {
        let update = known.blockUpdate.map { $0 <= Lambda.runtimesReviewed ? ", and updating them on \($0)" : "; updates stop on \($0)" } ?? ""
        return .error(.blockedRuntime,
                      "Lambda stopped creating functions on runtime '\(runtime.value)' on \(known.blockCreate ?? "an earlier date")\(update)",
                      at: runtime.range,
                      notes: known.deprecation.map { [Note("deprecated on \($0)")] } ?? [],
                      fixIts: [FixIt("use '\(known.replacement)'", replacing: runtime.range, with: known.replacement)])
    }

    static func inlineCodeRuntime(_ code: SourceRange, _ runtime: Located<String>) -> Diagnostic {
        .error(.inlineCodeRuntime, "inline code needs a Node.js or Python runtime, not '\(runtime.value)'", at: code,
               notes: [Note("the runtime is set here", at: runtime.range)],
               help: ["upload a package and write code: { bucket: ..., key: ... }"])
    }
}
