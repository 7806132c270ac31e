import FormworkDiagnostics
@testable import FormworkRules
import FormworkSpec
import FormworkTestSupport
import Testing

/// FW5304 (ScheduleExpressions), one expression at a time.
@Suite struct ScheduleExpressionsTests {
    /// A one-line expression whose characters start at line 1, column 1 (where MarkedText counts from).
    static func located(_ text: String) -> LocatedText {
        let count = text.unicodeScalars.count
        let ranges = (0..<count).map { SourceRange(file: "t", start: .init(line: 1, column: $0 + 1), end: .init(line: 1, column: $0 + 2)) }
        return LocatedText(text, SourceRange(file: "t", start: .init(line: 1, column: 1), end: .init(line: 1, column: count + 1)),
                           scalarRanges: ranges)
    }

    static func errors(_ text: String) -> [Diagnostic] { ScheduleExpressions.findings(in: located(text)) }

    @Test(arguments: [
        "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)", "rate(7 days)",
        "cron(0 12 * * ? *)", "cron(0/15 8-17 ? * MON-FRI *)", "cron(30 6 L * ? *)", "cron(0 8 ? * 2#1 *)",
        "cron(0 8 ? * 6L *)", "cron(0 0 15W * ? 2030)", "cron(0 0 LW JAN,JUL ? *)", "cron(5,35 14 * * ? 2025-2030)",
        "cron(0 10 ? * sun *)", "cron(0 12 5W * ? *)",
    ])
    func acceptsValidExpressions(_ text: String) {
        #expect(Self.errors(text).isEmpty, "\(Self.errors(text).map(\.message))")
    }

    /// ⟨here⟩ marks where the one error is reported.
    @Test(arguments: [
        "rate(5 ⟨here⟩minute)", "rate(1 ⟨here⟩days)", "rate(⟨here⟩0 days)", "cron(0 12 * * ⟨here⟩* *)",
        "cron(0 ⟨here⟩25 * * ? *)", "cron(0 12 * ⟨here⟩13 ? *)", "cron(0 12 ? * ⟨here⟩8 *)", "cron(0 12 * * ? ⟨here⟩2200)",
        "cron(0 12 ? * MON#⟨here⟩9 *)", "cron(⟨here⟩0 12 * * ?)", "⟨here⟩every day",
    ])
    func reportsAtTheOffendingColumn(_ marked: String) {
        let text = MarkedText(marked)
        let errors = Self.errors(text.text)
        #expect(errors.count == 1, "\(errors.map(\.message))")
        #expect(errors.first?.range.start == text.location("here"), "\(errors.map(\.message))")
        #expect(errors.first?.code == .invalidSchedule)
    }

    /// What a tool would write: each fix-it's edits applied to the expression.
    static func applied(_ text: String) -> [String] {
        errors(text).flatMap(\.fixIts).map { fix in
            var scalars = Array(text.unicodeScalars)
            for edit in fix.edits.sorted(by: { $0.range.start > $1.range.start }) {
                scalars.replaceSubrange((edit.range.start.column - 1)..<(edit.range.end.column - 1), with: edit.text.unicodeScalars)
            }
            return String(String.UnicodeScalarView(scalars))
        }
    }

    @Test(arguments: [
        ("rate(5 minute)", "rate(5 minutes)"), ("rate(1 dya)", "rate(1 day)"), ("cron(0 12 * * * *)", "cron(0 12 * * ? *)"),
        ("cron(0  12 * * ? *)", "cron(0 12 * * ? *)"), ("cron(0 12 * * ? * )", "cron(0 12 * * ? *)"),
        ("cron( 0 12 * * ? *)", "cron(0 12 * * ? *)"), ("cron(0 12 * * ?)", "cron(0 12 * * ? *)"),
    ])
    func fixItsEditTheExpression(_ text: String, _ fixed: String) {
        #expect(Self.applied(text) == [fixed])
        #expect(Self.errors(fixed).isEmpty, "\(Self.errors(fixed).map(\.message))")
    }

    /// Advice that no edit expresses is help; so is a fix whose characters
    /// cannot be placed in the file.
    @Test func adviceWithoutAnEditIsHelp() {
        #expect(Self.errors("every day").map(\.help) == [["write it like rate(5 minutes) or cron(0 12 * * ? *)"]])
        #expect(Self.errors("cron(0 12 * *)").flatMap(\.fixIts).isEmpty)
        #expect(Self.errors("cron(0 12 * *)").map(\.help) == [["write it like cron(0 12 * * ? *)"]])
        let unplaced = LocatedText("rate(5 minute)", SourceRange(file: "t", line: 1, column: 1))
        let diagnostics = ScheduleExpressions.findings(in: unplaced)
        #expect(diagnostics.flatMap(\.fixIts).isEmpty)
        #expect(diagnostics.map(\.help) == [["write 'minutes'"]])
    }

    /// In a spec: each schedule trigger is checked where it is written, and
    /// one trigger aliased into two functions is reported once.
    @Test func everyScheduleTriggerOfTheSpecIsChecked() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              a:
                kind: function
                handler: a.b
                runtime: nodejs22.x
                code: { inline: x }
                triggers:
                  - schedule: rate(1 hour)
                  - &nightly { schedule: "cron(0 ⟨hour⟩25 * * ? *)" }
              b:
                kind: function
                handler: a.b
                runtime: nodejs22.x
                code: { inline: x }
                triggers: [*nightly, { schedule: "rate(2 ⟨unit⟩hour)" }]
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5304@hour", "FW5304@unit"])
        #expect(template == nil)
    }
}
