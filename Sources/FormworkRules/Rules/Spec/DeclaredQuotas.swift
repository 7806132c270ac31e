import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A spec that declares more resources, parameters or outputs than one
/// template may hold can never deploy. It is rejected before any other rule
/// runs and before anything is expanded, so a hostile spec with thousands of
/// resources costs only its decoding (`RuleRegistry` runs it as a gate).
/// The same holds for a spec whose components would expand past the quota
/// by the least they generate: a function is at least its function, role
/// and log group; an api at least its RestApi, Deployment and Stage and a
/// method for each distinct route. An api of 20,000 routes is rejected here,
/// not after 60,000 resources were made; the exact count of what lowering
/// makes is `TemplateQuotas`'s to check.
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
        else {
            // The least each resource expands to, summed until it crosses the quota.
            var total = 0
            for resource in spec.resources {
                total += leastGenerated(resource.body)
                if total > CloudFormation.Quotas.resources {
                    diagnostics.append(.tooManyGenerated(resource.name.text, total, CloudFormation.Quotas.resources,
                                                         at: resource.name.range))
                    break
                }
            }
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

extension DeclaredQuotas {
    /// A lower bound of the template resources `body` expands to (docs/language.md lists what each kind generates).
    static func leastGenerated(_ body: ResourceBody) -> Int {
        switch body {
        case .raw, .bucket, .queue: 1
        case .function: 3
        case .api(let api):
            3 + Set((api.routes?.value ?? []).map { "\($0.method.value) \($0.path.value)" }).count
        case .undecodable: 0
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

    static func tooManyGenerated(_ name: String, _ count: Int, _ limit: Int, at range: SourceRange) -> Diagnostic {
        .error(.tooMany, "'\(name)' takes the template to at least \(count) resources; CloudFormation takes at most \(limit)",
               at: range, help: ["split the stack into several specs (this resource takes it over the limit)"])
    }
}
