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

    /// Codes still reported while components expand (until each is a rule).
    public static let loweringCodes: [DiagnosticCode] =
        [.invalidTag]
        + DiagnosticCode.allAPICodes
        + DiagnosticCode.allBucketCodes

    public static let all: [DiagnosticCode] =
        phaseCodes + RuleRegistry.all.flatMap { $0.codes } + loweringCodes
}
