import FormworkDiagnostics
import FormworkSema
import FormworkSpec
import FormworkYAML

/// Every diagnostic code, by phase. A test checks that this list is
/// complete (against the code declarations in Sources/), that each code is
/// documented in docs/diagnostics.md, and that each one a spec can cause
/// has a golden case in specs/invalid/.
public enum DiagnosticRegistry {
    public static let all: [DiagnosticCode] =
        DiagnosticCode.allDriverCodes
        + DiagnosticCode.allYAMLCodes
        + DiagnosticCode.allDecodingCodes
        + DiagnosticCode.allExpressionCodes
        + DiagnosticCode.allResolutionCodes
        + [.missingRequiredSetting, .implicitAuthNone]
        + DiagnosticCode.allNullGuardCodes
        + DiagnosticCode.allLifecycleCodes
        + [.dependencyCycle, .invalidTag]
        + DiagnosticCode.allAPICodes
        + DiagnosticCode.allFunctionCodes
        + DiagnosticCode.allBucketCodes
        + DiagnosticCode.allLimitCodes
}
