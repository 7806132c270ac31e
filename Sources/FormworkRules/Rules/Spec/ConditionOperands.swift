import FormworkDiagnostics
import FormworkSpec

/// A `when:` tests parameters and pseudo parameters only: CloudFormation
/// decides conditions before any resource exists. A bare name (`when:
/// source`, "is set") tests an optional parameter; a required parameter or
/// a pseudo parameter always has a value, so testing it is always true
/// (unless its `optional:` did not decode: that is the decoder's error).
enum ConditionOperands: SpecRule {
    static let summary = "a condition tests parameters, and tests only optional ones for being set"
    static let codes: [DiagnosticCode] = [.resourceInCondition, .alwaysSet]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for condition in context.walk.conditionReferences {
            let reference = condition.reference
            switch context.symbols.resolve(reference) {
            case .success(.resource(let resource, _)):
                diagnostics.append(.resourceInCondition(reference, resource))
            case .success(.parameter(let parameter))
                where condition.isSetTest && !parameter.isOptional && !parameter.unreadKeys.contains("optional"):
                diagnostics.append(.alwaysSet(reference, parameter: true))
            case .success(.pseudo) where condition.isSetTest:
                diagnostics.append(.alwaysSet(reference, parameter: false))
            case .success, .failure:  // a name that does not resolve: UnknownNames; one that did not decode: the decoder
                break
            }
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let resourceInCondition = DiagnosticCode("FW3053", .specChecks, "a condition tests a resource")
    package static let alwaysSet = DiagnosticCode(
        "FW3058", .specChecks, "a condition tests whether a required parameter or pseudo parameter is set")
}

extension Diagnostic {
    static func resourceInCondition(_ reference: Reference, _ resource: ResourceDecl) -> Diagnostic {
        .error(.resourceInCondition, "a condition cannot test resource '\(resource.name.text)'; conditions can test parameters only",
               at: reference.range, help: ["CloudFormation decides conditions before any resource exists; test a parameter, like: when: env == 'prod'"])
    }

    /// `when: name` on a value that is always there: a required parameter, or a pseudo parameter.
    static func alwaysSet(_ reference: Reference, parameter: Bool) -> Diagnostic {
        let name = reference.path.joined(separator: ".")
        return .error(.alwaysSet, "'\(name)' always has a value, so 'when: \(name)' is always true", at: reference.range,
                      help: [parameter ? "compare it (\(name) == '...'), or make the parameter 'optional: true'"
                                       : "compare it, like: when: \(name) == '...'"])
    }
}
