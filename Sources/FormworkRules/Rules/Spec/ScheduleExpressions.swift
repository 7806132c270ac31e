import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A `schedule` trigger's expression is one EventBridge accepts (cfn-lint
/// E3027 checks a subset): `rate(N unit)` with N ≥ 1 and the unit singular
/// exactly when N is 1 (`rate(1 hour)`, `rate(5 minutes)`), or `cron(...)`
/// with six fields (minutes, hours, day-of-month, month, day-of-week, year),
/// each within its values and wildcards, and exactly one of day-of-month and
/// day-of-week `?`. EventBridge refuses any other when the rule is created.
/// Errors point at the offending characters inside the string, and a fix-it
/// edits them where one edit makes the expression valid.
enum ScheduleExpressions: SpecRule {
    static let summary = "a schedule trigger's rate or cron expression is one EventBridge accepts"
    static let codes: [DiagnosticCode] = [.invalidSchedule]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .function(let function) = resource.body else { continue }
            for trigger in function.triggers {
                guard case .schedule(let expression) = trigger.source else { continue }
                // A trigger aliased into several functions is reported once.
                for diagnostic in findings(in: expression) where !diagnostics.contains(diagnostic) {
                    diagnostics.append(diagnostic)
                }
            }
        }
    }

    /// What is wrong with one expression; empty when EventBridge takes it.
    static func findings(in text: LocatedText) -> [Diagnostic] {
        var checker = Checker(text: text)
        checker.run()
        return checker.diagnostics
    }

    /// A run of characters of the expression: its text and scalar offsets.
    struct Token {
        var text: String
        var start: Int
        var end: Int
    }

    /// One cron field (`EventBridge.cronFields`).
    typealias Field = EventBridge.CronField

    struct Checker {
        let text: LocatedText
        let scalars: [Unicode.Scalar]
        var diagnostics: [Diagnostic] = []

        init(text: LocatedText) {
            self.text = text
            self.scalars = Array(text.value.unicodeScalars)
        }

        func range(_ token: Token) -> SourceRange { text.range(of: token.start..<token.end) }

        mutating func error(_ message: String, at token: Token, help: String? = nil) {
            diagnostics.append(.error(.invalidSchedule, message, at: range(token), help: help.map { [$0] } ?? []))
        }

        /// An error with a fix-it replacing `target` by `replacement`. An edit
        /// needs the target's exact place in the file; when the string's
        /// characters could not be followed to their columns, the fix is
        /// given in words instead.
        mutating func error(_ message: String, at token: Token, fix: String, replacing target: Token, with replacement: String) {
            guard !text.scalarRanges.isEmpty else { return error(message, at: token, help: fix) }
            diagnostics.append(.error(.invalidSchedule, message, at: range(token),
                                      fixIts: [FixIt(fix, replacing: range(target), with: replacement)]))
        }

        mutating func run() {
            let value = text.value
            let whole = Token(text: value, start: 0, end: scalars.count)
            let inner = Token(text: String(String.UnicodeScalarView(scalars.dropFirst(5).dropLast())),
                              start: 5, end: max(5, scalars.count - 1))
            if value.hasPrefix("rate(") && value.hasSuffix(")") && scalars.count >= 6 {
                checkRate(inner)
            } else if value.hasPrefix("cron(") && value.hasSuffix(")") && scalars.count >= 6 {
                checkCron(inner)
            } else {
                error("schedule '\(value)' must be rate(...) or cron(...)", at: whole,
                      help: "write it like rate(5 minutes) or cron(0 12 * * ? *)")
            }
        }

        /// Splits a token on a separator, keeping empty parts.
        func split(_ token: Token, on separator: Unicode.Scalar) -> [Token] {
            var parts: [Token] = []
            var start = token.start
            for index in token.start..<token.end where scalars[index] == separator {
                parts.append(slice(start, index))
                start = index + 1
            }
            parts.append(slice(start, token.end))
            return parts
        }

        func slice(_ start: Int, _ end: Int) -> Token {
            Token(text: String(String.UnicodeScalarView(scalars[start..<end])), start: start, end: end)
        }

        // MARK: rate

        mutating func checkRate(_ inner: Token) {
            let parts = split(inner, on: " ")
            guard parts.count == 2, !parts[0].text.isEmpty, !parts[1].text.isEmpty else {
                error("a rate expression is 'rate(<number> <unit>)', found 'rate(\(inner.text))'", at: inner,
                      help: "write it like rate(5 minutes), with one space")
                return
            }
            let (number, unit) = (parts[0], parts[1])
            let units = EventBridge.rateUnits
            var count: Int?
            if number.text.unicodeScalars.allSatisfy({ $0.isASCIIDigit }) {
                count = number.text.count > 9 ? Int.max : Int(number.text)
                if count == 0 {
                    error("a rate must be at least 1, found '\(number.text)'", at: number)
                    count = nil
                }
            } else {
                error("a rate's value must be a whole number, found '\(number.text)'", at: number)
            }
            guard units.contains(unit.text) else {
                let suggestion = Suggestions.closest(to: unit.text, in: units)
                let message = "'\(unit.text)' is not a rate unit; use minute(s), hour(s) or day(s)"
                if let suggestion {
                    error(message, at: unit, fix: "did you mean '\(suggestion)'?", replacing: unit, with: suggestion)
                } else {
                    error(message, at: unit)
                }
                return
            }
            guard let count else { return }
            let singular = unit.text.hasSuffix("s") ? String(unit.text.dropLast()) : unit.text
            let expected = count == 1 ? singular : singular + "s"
            if unit.text != expected {
                let message = count == 1
                    ? "rate(1 \(unit.text)) needs the singular unit '\(expected)'"
                    : "rate(\(number.text) \(unit.text)) needs the plural unit '\(expected)'"
                error(message, at: unit, fix: "write '\(expected)'", replacing: unit, with: expected)
            }
        }

        // MARK: cron

        mutating func checkCron(_ inner: Token) {
            let fields = split(inner, on: " ")
            if let empty = fields.first(where: \.text.isEmpty) {
                let message = "cron fields are separated by exactly one space"
                let at = Token(text: "", start: empty.start, end: empty.start)
                // The space to remove: the one the empty field starts at, or at the end the one before it.
                let space = empty.start < inner.end ? empty.start : empty.start - 1
                if space >= inner.start, scalars[space] == " " {
                    error(message, at: at, fix: "remove the extra space", replacing: slice(space, space + 1), with: "")
                } else {
                    error(message, at: at, help: "remove the extra space")
                }
                return
            }
            guard fields.count == 6 else {
                let message = "a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), found \(fields.count)"
                if fields.count == 5 {
                    error(message, at: inner, fix: "add the year field, like: cron(\(inner.text) *)",
                          replacing: slice(inner.end, inner.end), with: " *")
                } else {
                    error(message, at: inner, help: "write it like cron(0 12 * * ? *)")
                }
                return
            }
            for (field, token) in zip(EventBridge.cronFields, fields) { checkField(token, field) }
            let (dayOfMonth, dayOfWeek) = (fields[2], fields[4])
            switch (dayOfMonth.text == "?", dayOfWeek.text == "?") {
            case (true, true):
                error("day-of-month and day-of-week cannot both be '?'", at: dayOfWeek,
                      help: "give one of them a value, like '*' for day-of-month")
            case (false, false):
                error("one of day-of-month and day-of-week must be '?', found '\(dayOfMonth.text)' and '\(dayOfWeek.text)'",
                      at: dayOfWeek, fix: "write '?' for the one you do not mean", replacing: dayOfWeek, with: "?")
            default:
                break
            }
        }

        mutating func checkField(_ token: Token, _ field: Field) {
            if token.text == "?" {
                if !field.allows("?") { error("'?' is only allowed in day-of-month and day-of-week, not in \(field.name)", at: token) }
                return
            }
            let items = split(token, on: ",")
            if items.count > 1, !field.allows(",") { error("the \(field.name) field takes no lists", at: token); return }
            if items.count > 1, token.text.contains("#") {
                error("with '#', the day-of-week field takes a single expression", at: token)
                return
            }
            for item in items { checkItem(item, field) }
        }

        mutating func checkItem(_ item: Token, _ field: Field) {
            let text = item.text.uppercased()
            guard !text.isEmpty else { error("empty item in the \(field.name) field", at: item); return }
            if text == "?" { error("'?' must stand alone in the \(field.name) field", at: item); return }
            // Day-of-month: L, LW, nW.  Day-of-week: L, nL, n#k.
            if field.allows("W") && (text == "L" || text == "LW") { return }
            if field.allows("W") && text.hasSuffix("W") {
                checkValue(slice(item.start, item.end - 1), field)
                return
            }
            if field.allows("L") && text == "L" { return }
            if field.allows("#") && text.contains("#") {
                let parts = split(item, on: "#")
                guard parts.count == 2 else { error("write '<day>#<n>', like 3#2 for the second Tuesday", at: item); return }
                checkValue(parts[0], field)
                let weeks = EventBridge.cronWeekOfMonthRange
                if let n = Int(parts[1].text), weeks.contains(n) { return }
                error("the week number after '#' must be \(weeks.lowerBound) to \(weeks.upperBound), found '\(parts[1].text)'", at: parts[1])
                return
            }
            if field.allows("#") && text.hasSuffix("L") {
                checkValue(slice(item.start, item.end - 1), field)
                return
            }
            let stepParts = split(item, on: "/")
            guard stepParts.count <= 2 else { error("an increment has one '/'", at: item); return }
            if stepParts.count == 2 {
                guard field.allows("/") else { error("'/' is not allowed in the \(field.name) field", at: item); return }
                let step = stepParts[1]
                if let n = Int(step.text), n >= 1, n <= field.values.upperBound {
                    // a valid increment
                } else {
                    error("the increment after '/' must be 1 to \(field.values.upperBound), found '\(step.text)'", at: step)
                }
            }
            let base = stepParts[0]
            if base.text == "*" { return }
            let bounds = split(base, on: "-")
            guard bounds.count <= 2 else { error("a range is '<first>-<last>'", at: base); return }
            for bound in bounds { checkValue(bound, field) }
        }

        mutating func checkValue(_ token: Token, _ field: Field) {
            let text = token.text.uppercased()
            if let n = Int(text), text.unicodeScalars.allSatisfy({ $0.isASCIIDigit }) {
                if field.values.contains(n) { return }
                error("\(field.name) value '\(token.text)' is out of range \(field.valuesText)", at: token)
                return
            }
            if field.names.contains(text) { return }
            error("'\(token.text)' is not a \(field.name) value (\(field.valuesText))", at: token)
        }
    }
}

extension EventBridge.CronField {
    /// The field's values as messages show them: `1-12 or JAN-DEC`.
    var valuesText: String {
        names.isEmpty ? "\(values.lowerBound)-\(values.upperBound)"
            : "\(values.lowerBound)-\(values.upperBound) or \(names[0])-\(names[names.count - 1])"
    }
}

extension DiagnosticCode {
    package static let invalidSchedule = DiagnosticCode(
        "FW5304", .specChecks, "a schedule expression EventBridge would reject",
        reference: DocumentationPage(
            "Amazon EventBridge User Guide, \"Using cron and rate expressions to schedule rules\"; cfn-lint E3027",
            "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html"))
}
