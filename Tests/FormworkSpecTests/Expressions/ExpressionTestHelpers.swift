import FormworkDiagnostics
@testable import FormworkSpec
import FormworkTestSupport

// Shared by the expression tests: inputs carry ⟨name⟩ markers; text starts at
// column 10 of line 1 of test.yaml.

let locate = singleLineLocator()

/// The source range of the offsets between two markers.
func at(_ marked: MarkedText, _ start: String, _ end: String) -> SourceRange {
    locate(marked.offsets(start, end))
}

func parseString(_ text: String) -> (InterpolatedString, [Diagnostic]) {
    var bag = DiagnosticBag()
    let result = InterpolatedString.parse(text, locator: locate, diagnostics: &bag)
    return (result, bag.all)
}

func parseCondition(_ text: String, maxLength: Int = 4096) -> (Condition?, [Diagnostic]) {
    var bag = DiagnosticBag()
    let result = Condition.parse(text, locator: locate, diagnostics: &bag, maxLength: maxLength)
    return (result, bag.all)
}

extension InterpolatedString.Segment {
    var literal: String? { if case .literal(let text) = self { text } else { nil } }
    var expression: Expression? { if case .expression(let expression) = self { expression } else { nil } }
}

extension Expression {
    var reference: Reference? { if case .reference(let reference) = self { reference } else { nil } }
}
