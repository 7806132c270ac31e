import FormworkDiagnostics
import FormworkLowering
import FormworkRules
import FormworkSpec
import FormworkYAML

/// Every diagnostic code: those of the phases before the rules (driver,
/// YAML, decoding), then each rule's, in `RuleRegistry` order. A test checks
/// that this list is complete (against the code declarations in Sources/),
/// that each code belongs to one phase or one rule, that each is documented
/// in docs/diagnostics.md, and that each one a spec can cause has a golden
/// case in specs/invalid/.
public enum DiagnosticRegistry {
    /// The codes no rule reports, by phase.
    public static let phaseCodes: [DiagnosticCode] =
        DiagnosticCode.allDriverCodes
        + DiagnosticCode.allYAMLCodes
        + DiagnosticCode.allDecodingCodes
        + DiagnosticCode.allExpressionCodes
        + DiagnosticCode.allConditionalExpressionCodes
        + DiagnosticCode.allMappingDecodingCodes
        + DiagnosticCode.allOutputCodes
        + DiagnosticCode.allWaiverCodes

    public static let all: [DiagnosticCode] =
        phaseCodes + RuleRegistry.all.flatMap { $0.codes }

    /// Every rule, in the order it runs.
    public static let rules: [RuleInfo] = RuleRegistry.all.map { rule in
        RuleInfo(name: RuleRegistry.name(of: rule), readsTemplate: RuleRegistry.input(of: rule) == .template,
                 summary: rule.summary, codes: rule.codes, isGate: rule.isGate)
    }

    /// The rule that reports `code`, or nil for a code of the phases before the rules.
    public static func rule(reporting code: DiagnosticCode) -> RuleInfo? {
        rules.first { $0.codes.contains(code) }
    }
}

/// What `docs/diagnostics.md` and `formwork explain` say of a rule.
public struct RuleInfo: Sendable {
    /// The rule's type name, and the name of the file it is declared in.
    public let name: String
    /// Whether it reads the template model (else the typed spec).
    public let readsTemplate: Bool
    public let summary: String
    public let codes: [DiagnosticCode]
    /// Whether an error from it stops the rules after it.
    public let isGate: Bool

    /// `Sources/FormworkRules/Rules/<Spec|Template>/<name>.swift`.
    public var sourceFile: String { "Sources/FormworkRules/Rules/\(readsTemplate ? "Template" : "Spec")/\(name).swift" }
}
