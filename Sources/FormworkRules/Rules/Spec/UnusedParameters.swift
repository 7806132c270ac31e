import FormworkDiagnostics
import FormworkSpec

/// A parameter nothing refers to, in a `${...}` or a `when:`, asks for a
/// value at every deploy and does nothing with it (cfn-lint W2001; for an
/// optional one, W8001 too). A warning: the template is still written.
/// A name in a `${...}` or `when:` that did not parse, or in a part of the
/// spec the decoder dropped for an error, counts as a use.
/// When the spec's `tags:`, `resources:` or `outputs:` was not read (a
/// misspelled key, a value that is not a mapping), the uses may be there:
/// none is reported.
enum UnusedParameters: SpecRule {
    static let summary = "every parameter is used"
    static let codes: [DiagnosticCode] = [.unusedParameter]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        guard context.spec.unreadKeys.isDisjoint(with: ["tags", "resources", "outputs"]) else { return }
        var used: Set<String> = []
        for site in context.walk.strings {
            for reference in site.string.interpolated.references { used.insert(reference.root) }
        }
        for condition in context.walk.conditionReferences { used.insert(condition.reference.root) }
        // A name in text that did not parse (`${env ??}`), or in a part the decoder dropped, was meant as a use.
        used.formUnion(context.walk.unparsedNames)
        used.formUnion(context.spec.unreadNames)
        for parameter in context.spec.parameters where !parameter.isUndecodable && !used.contains(parameter.name.text) {
            diagnostics.append(.unusedParameter(parameter.name))
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let unusedParameter = DiagnosticCode("FW3057", .specChecks, "a parameter nothing refers to")
}

extension Diagnostic {
    static func unusedParameter(_ name: Name) -> Diagnostic {
        .warning(.unusedParameter, "parameter '\(name.text)' is never used", at: name.range,
                 help: ["use it as ${\(name.text)}, or remove it"])
    }
}
