import FormworkDiagnostics
import FormworkSpec

/// Name resolution: every `${...}`, `when:` operand and resource name
/// written as a value resolves to a parameter, resource, attribute or pseudo
/// parameter of the right kind; two declarations never share a logical ID.
enum NameResolution: SpecRule {
    static let summary = "every name resolves to a declaration of the right kind"
    static let codes = DiagnosticCode.allResolutionCodes
    static let maxDiagnostics = 200

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        let (spec, symbols, walk) = (context.spec, context.symbols, context.walk)
        var found: [Diagnostic] = []
        // Each unknown name costs a did-you-mean search: a hostile spec with
        // thousands of them is cut off, as the driver shows only the first errors anyway.
        for site in walk.strings where found.count < maxDiagnostics {
            for reference in site.string.interpolated.references {
                switch symbols.resolve(reference) {
                case .failure(let error):
                    found.append(error.diagnostic(symbols: symbols))
                case .success(.parameter(let parameter)) where parameter.type.value == .list && !site.string.interpolated.isSingleExpression:
                    // Fn::Sub takes strings only; a list stands alone, as the whole value.
                    found.append(.listInString(reference, parameter))
                default:
                    break
                }
            }
        }
        for condition in walk.conditionReferences {
            found += checkCondition(condition, symbols: symbols)
        }
        for site in walk.nameUses {
            let use = site.use
            guard let target = symbols.resources[use.name.text] else {
                if spec.undecodedNames.contains(use.name.text) { continue }
                let suggestion = Suggestions.closest(to: use.name.text, in: symbols.resources.keys)
                found.append(.unknownResource(use.name, role: use.role, suggestion: suggestion))
                continue
            }
            if !use.kinds.isEmpty && !use.kinds.contains(target.body.kind) {
                found.append(.wrongKind(use, found: target))
            }
            if use.role == .dependsOn && use.name.text == site.resource.text {
                found.append(.selfDependency(use.name))
            }
        }
        found += logicalIdCollisions(spec)
        found += unusedParameters(spec, walk: walk)
        // A use of a name whose declaration failed to decode was reported there.
        diagnostics += found.filter { diagnostic in
            guard diagnostic.code == .unknownName, let name = diagnostic.subject else { return true }
            return !spec.undecodedNames.contains(name)
        }
    }

    /// A condition may test parameters and pseudo parameters only: it is
    /// evaluated before any resource exists.
    private static func checkCondition(_ condition: ConditionReference, symbols: SymbolTable) -> [Diagnostic] {
        let reference = condition.reference
        switch symbols.resolve(reference) {
        case .failure(let error): return [error.diagnostic(symbols: symbols)]
        case .success(.resource(let resource, _)): return [.resourceInCondition(reference, resource)]
        case .success(.parameter(let parameter)):
            return condition.isSetTest && !parameter.isOptional ? [.isSetOnRequiredParameter(reference)] : []
        case .success(.pseudo):
            return condition.isSetTest ? [.isSetOnRequiredParameter(reference)] : []
        }
    }

    /// A parameter nothing refers to asks for a value at every deploy and
    /// does nothing with it (cfn-lint W2001; for an optional one, W8001 too).
    private static func unusedParameters(_ spec: Spec, walk: SpecWalk) -> [Diagnostic] {
        var used: Set<String> = []
        for site in walk.strings {
            for reference in site.string.interpolated.references { used.insert(reference.root) }
        }
        for condition in walk.conditionReferences { used.insert(condition.reference.root) }
        return spec.parameters.filter { !used.contains($0.name.text) }.map { .unusedParameter($0.name) }
    }

    /// Parameters and resources share CloudFormation's logical-ID space.
    private static func logicalIdCollisions(_ spec: Spec) -> [Diagnostic] {
        var seen: [String: (Name, String)] = [:]
        var diagnostics: [Diagnostic] = []
        let declared = spec.parameters.map { ($0.name, "parameter") } + spec.resources.map { ($0.name, "resource") }
        for (name, role) in declared {
            if let (first, firstRole) = seen[name.logicalId] {
                diagnostics.append(.logicalIdCollision(name, role, first: first, firstRole))
            } else {
                seen[name.logicalId] = (name, role)
            }
        }
        return diagnostics
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let unknownName = DiagnosticCode("FW3050", .specChecks, "a reference names nothing the spec declares")
    package static let unknownAttribute = DiagnosticCode("FW3051", .specChecks, "a reference names an attribute the resource does not have")
    package static let wrongKind = DiagnosticCode("FW3052", .specChecks, "a name refers to a resource of the wrong kind")
    package static let resourceInCondition = DiagnosticCode("FW3053", .specChecks, "a condition tests a resource")
    package static let logicalIdCollision = DiagnosticCode("FW3054", .specChecks, "two declarations map to one logical ID")
    package static let selfDependency = DiagnosticCode("FW3055", .specChecks, "a resource depends on itself")
    package static let listInString = DiagnosticCode("FW3056", .specChecks, "a list parameter is interpolated into a string")
    package static let unusedParameter = DiagnosticCode("FW3057", .specChecks, "a parameter nothing refers to")
    package static let alwaysSet = DiagnosticCode(
        "FW3058", .specChecks, "a condition tests whether a required parameter or pseudo parameter is set")

    package static let allResolutionCodes: [DiagnosticCode] = [
        .unknownName, .unknownAttribute, .wrongKind, .resourceInCondition, .logicalIdCollision, .selfDependency,
        .listInString, .unusedParameter, .alwaysSet,
    ]
}

extension ResolutionError {
    func diagnostic(symbols: SymbolTable) -> Diagnostic {
        switch self {
        case .unknownName(let name, let range):
            var diagnostic = Diagnostic.error(.unknownName, "'\(name)' is not a parameter or resource of this spec", at: range)
            if let suggestion = Suggestions.closest(to: name, in: symbols.allNames) {
                diagnostic.fixIts = [FixIt("did you mean '\(suggestion)'?", replacing: range, with: suggestion)]
            } else {
                diagnostic.help = ["declare '\(name)' under parameters: or resources:"]
            }
            diagnostic.subject = name
            return diagnostic
        case .unknownAttribute(let attribute, let owner, let range, let valid):
            let message = "'\(owner)' has no attribute '\(attribute)'"
            guard let suggestion = Suggestions.closest(to: attribute, in: valid) else {
                return .error(.unknownAttribute, message, at: range,
                              help: [valid.isEmpty ? "'\(owner)' has no attributes; write ${\(owner)}" : "attributes: \(valid.joined(separator: ", "))"])
            }
            return .error(.unknownAttribute, message, at: range,
                          fixIts: [FixIt("did you mean '\(suggestion)'?", replacing: range, with: suggestion)])
        case .parameterHasNoAttributes(let name, let range):
            return .error(.unknownAttribute, "parameter '\(name)' has no attributes", at: range,
                          help: ["write ${\(name)}"])
        }
    }
}

extension Diagnostic {
    static func unknownResource(_ name: Name, role: NameUse.Role, suggestion: String?) -> Diagnostic {
        let message = "\(role) names '\(name.text)', which is not a resource of this spec"
        guard let suggestion else {
            return .error(.unknownName, message, at: name.range, help: ["declare '\(name.text)' under resources:"])
        }
        return .error(.unknownName, message, at: name.range,
                      fixIts: [FixIt("did you mean '\(suggestion)'?", replacing: name.range, with: suggestion)])
    }

    static func wrongKind(_ use: NameUse, found target: ResourceDecl) -> Diagnostic {
        let expected = use.kinds.map { "a \($0.rawValue)" }.joined(separator: " or ")
        let found = target.body.kind == .raw ? "a raw resource" : "a \(target.body.kind.rawValue)"
        return .error(.wrongKind, "\(use.role) must be \(expected), but '\(use.name.text)' is \(found)", at: use.name.range,
                      notes: [Note("'\(use.name.text)' is declared here", at: target.name.range)])
    }

    static func resourceInCondition(_ reference: Reference, _ resource: ResourceDecl) -> Diagnostic {
        .error(.resourceInCondition, "a condition cannot test resource '\(resource.name.text)'; conditions are decided before resources exist",
               at: reference.range, help: ["test a parameter, like: when: env == 'prod'"])
    }

    static func isSetOnRequiredParameter(_ reference: Reference) -> Diagnostic {
        let name = reference.path.joined(separator: ".")
        return .error(.alwaysSet, "'\(name)' always has a value, so 'when: \(name)' is always true", at: reference.range,
                      help: ["compare it (\(name) == '...'), or make the parameter 'optional: true'"])
    }

    static func logicalIdCollision(_ name: Name, _ role: String, first: Name, _ firstRole: String) -> Diagnostic {
        .error(.logicalIdCollision,
               "\(role) '\(name.text)' and \(firstRole) '\(first.text)' would both be logical ID '\(name.logicalId)'",
               at: name.range, notes: [Note("\(firstRole) '\(first.text)' is declared here", at: first.range)],
               help: ["rename one of them"])
    }

    static func listInString(_ reference: Reference, _ parameter: Parameter) -> Diagnostic {
        .error(.listInString,
               "list parameter '\(parameter.name.text)' cannot be part of a string; a list is used as a whole value",
               at: reference.range,
               help: ["write the value as exactly '${\(parameter.name.text)}', or make the parameter a string"])
    }

    static func unusedParameter(_ name: Name) -> Diagnostic {
        .warning(.unusedParameter, "parameter '\(name.text)' is never used", at: name.range,
                 help: ["use it as ${\(name.text)}, or remove it"])
    }

    static func selfDependency(_ name: Name) -> Diagnostic {
        .error(.selfDependency, "resource '\(name.text)' depends on itself", at: name.range,
               help: ["remove '\(name.text)' from its dependsOn"])
    }
}
