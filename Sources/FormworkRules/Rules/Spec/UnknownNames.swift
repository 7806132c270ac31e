import FormworkDiagnostics
import FormworkSpec

/// Every name the spec uses is declared: each `${...}` and `when:` operand
/// starts with a parameter, a resource or `aws`, and names an attribute that
/// resource has (`${uploads.arn}`) or a pseudo parameter (`${aws.region}`);
/// each resource name written as a value (`bucket: uploads`, `dependsOn`)
/// is a resource of the spec. A name close to a declared one gets a
/// did-you-mean fix-it. A declaration that did not decode still declares
/// its name: uses of it resolve, and are not reported again. When the
/// spec's `parameters:` or `resources:` itself was not read (`resource:`),
/// any name may be declared there, and none is reported unknown.
enum UnknownNames: SpecRule {
    static let summary = "every name resolves to a declaration"
    static let codes: [DiagnosticCode] = [.unknownName, .unknownAttribute]
    /// Each unknown name costs a did-you-mean search: a hostile spec with
    /// thousands of them is cut off, as the driver shows only the first errors anyway.
    static let maxDiagnostics = 200

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        let (symbols, walk, unread) = (context.symbols, context.walk, context.spec.unreadKeys)
        let declarationsUnread = unread.contains("parameters") || unread.contains("resources")
        var found = 0
        func report(_ error: ResolutionError) {
            if case .unknownName = error, declarationsUnread { return }
            diagnostics.append(error.diagnostic(symbols: symbols))
            found += 1
        }
        for site in walk.strings where found < maxDiagnostics {
            for reference in site.string.interpolated.references {
                if case .failure(let error) = symbols.resolve(reference) { report(error) }
            }
        }
        for condition in walk.conditionReferences {
            if case .failure(let error) = symbols.resolve(condition.reference) { report(error) }
        }
        if unread.contains("resources") { return }
        for site in walk.nameUses where symbols.resources[site.use.name.text] == nil {
            let suggestion = Suggestions.closest(to: site.use.name.text, in: symbols.resources.keys)
            diagnostics.append(.unknownResource(site.use, suggestion: suggestion))
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let unknownName = DiagnosticCode("FW3050", .specChecks, "a reference names nothing the spec declares")
    package static let unknownAttribute = DiagnosticCode("FW3051", .specChecks, "a reference names an attribute the resource does not have")
}

extension ResolutionError {
    func diagnostic(symbols: SymbolTable) -> Diagnostic {
        switch self {
        case .unknownName(let name, let range):
            var diagnostic = Diagnostic.error(.unknownName, "'\(name)' is not a parameter or resource of this spec", at: range)
            if let suggestion = Suggestions.closest(to: name, in: symbols.allNames) {
                diagnostic.fixIts = [FixIt.didYouMean(suggestion, replacing: range)]
            } else {
                diagnostic.help = ["declare '\(name)' under parameters: or resources:"]
            }
            return diagnostic
        case .unknownAttribute(let attribute, let owner, let range, let valid):
            let message = "'\(owner)' has no attribute '\(attribute)'"
            guard let suggestion = Suggestions.closest(to: attribute, in: valid) else {
                return .error(.unknownAttribute, message, at: range,
                              help: [valid.isEmpty ? "'\(owner)' has no attributes; write ${\(owner)}" : "attributes: \(valid.joined(separator: ", "))"])
            }
            return .error(.unknownAttribute, message, at: range,
                          fixIts: [FixIt.didYouMean(suggestion, replacing: range)])
        case .parameterHasNoAttributes(let name, let range):
            return .error(.unknownAttribute, "parameter '\(name)' has no attributes", at: range,
                          help: ["write ${\(name)}"])
        }
    }
}

extension Diagnostic {
    static func unknownResource(_ use: NameUse, suggestion: String?) -> Diagnostic {
        let name = use.name
        let message = "\(use.role) names '\(name.text)', which is not a resource of this spec"
        guard let suggestion else {
            return .error(.unknownName, message, at: name.range, help: ["declare '\(name.text)' under resources:"])
        }
        return .error(.unknownName, message, at: name.range,
                      fixIts: [FixIt.didYouMean(suggestion, replacing: name.range)])
    }
}
