import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A spec that declares more resources, parameters or outputs than one
/// template may hold can never deploy. It is rejected before any other rule
/// runs and before anything is expanded, so a hostile spec with thousands of
/// resources costs only its decoding (`RuleRegistry` runs it as a gate).
enum DeclaredQuotas: SpecRule {
    static let summary = "a spec declares at most as many resources, parameters and outputs as a template holds"
    static let codes: [DiagnosticCode] = [.tooMany]
    static let isGate = true

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        let spec = context.spec
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
    }
}

extension DiagnosticCode {
    package static let tooMany = DiagnosticCode(
        "FW6001", .specChecks, "a spec declares more resources, parameters or outputs than CloudFormation takes",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Understand CloudFormation quotas\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"))
}

extension Diagnostic {
    static func tooMany(_ what: String, _ count: Int, _ limit: Int, at range: SourceRange) -> Diagnostic {
        .error(.tooMany, "the template would have \(count) \(what); CloudFormation takes at most \(limit)", at: range,
               help: ["split the stack into several specs (this is the first one over the limit)"])
    }
}
