import FormworkDiagnostics
@testable import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct ConditionTests {
    private func parsed(_ text: String) throws -> Condition {
        let (condition, diagnostics) = parseCondition(text)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        return try #require(condition)
    }

    /// The one diagnostic `marked` produces, checked against its ⟨s⟩…⟨e⟩ markers.
    private func diagnostic(_ text: String, code: DiagnosticCode) -> Diagnostic? {
        let marked = MarkedText(text)
        let (condition, diagnostics) = parseCondition(marked.text)
        #expect(condition == nil)
        #expect(diagnostics.map(\.code) == [code])
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
        return diagnostics.first
    }

    // MARK: - Shapes

    @Test func aBareReferenceMeansIsSet() throws {
        let marked = MarkedText("⟨a⟩sourceBucketName⟨b⟩")
        let condition = try parsed(marked.text)
        guard case .isSet(let reference) = condition else {
            Issue.record("expected isSet, got \(condition)")
            return
        }
        #expect(reference.path == ["sourceBucketName"])
        #expect(condition.range == at(marked, "a", "b"))
    }

    @Test func comparisonsTakeNamesStringsAndNumbers() throws {
        let marked = MarkedText("⟨a⟩env⟨b⟩ == ⟨c⟩'prod'⟨d⟩")
        guard case .equals(.reference(let env), .string("prod", let literal), let range) = try parsed(marked.text) else {
            Issue.record("expected env == 'prod'")
            return
        }
        #expect(env.range == at(marked, "a", "b"))
        #expect(literal == at(marked, "c", "d"))
        #expect(range == at(marked, "a", "d"))

        guard case .notEquals(.reference(let bucket), .string("dev", _), _) = try parsed(#"uploads.name != "dev""#) else {
            Issue.record("expected uploads.name != \"dev\"")
            return
        }
        #expect(bucket.path == ["uploads", "name"])
        guard case .equals(.number("3", _), .reference(let count), _) = try parsed("3 == count") else {
            Issue.record("expected 3 == count")
            return
        }
        #expect(count.path == ["count"])
    }

    @Test func andBindsTighterThanOrAndNotTighterThanAnd() throws {
        let condition = try parsed("a || b && !c")
        guard case .or(let members, _) = condition, members.count == 2,
              case .isSet(let a) = members[0],
              case .and(let conjuncts, _) = members[1], conjuncts.count == 2,
              case .isSet(let b) = conjuncts[0],
              case .not(.isSet(let c), _) = conjuncts[1]
        else {
            Issue.record("expected a || (b && !c), got \(condition.canonical)")
            return
        }
        #expect([a.root, b.root, c.root] == ["a", "b", "c"])
    }

    @Test func parenthesesGroup() throws {
        let marked = MarkedText("⟨s⟩(⟨a⟩a || b⟨b⟩) && ⟨c⟩!(c)⟨d⟩")
        let condition = try parsed(marked.text)
        #expect(condition.range == at(marked, "s", "d"))
        guard case .and(let members, _) = condition, members.count == 2,
              case .or(let alternatives, let orRange) = members[0], alternatives.count == 2,
              case .not(.isSet, let notRange) = members[1]
        else {
            Issue.record("expected (a || b) && !c, got \(condition.canonical)")
            return
        }
        #expect(orRange == at(marked, "a", "b"))
        #expect(notRange == at(marked, "c", "d"))
        #expect(condition.canonical == "(a || b) && !c")
    }

    @Test(arguments: [
        ("(a && b) && (c && d)", 4),
        ("a && ((b && c)) && d", 4),
        ("a || (b || c)", 3),
    ])
    func theParserFlattensNestedAndsAndOrs(text: String, count: Int) throws {
        switch try parsed(text) {
        case .and(let members, _), .or(let members, _): #expect(members.count == count)
        default: Issue.record("expected a flat and/or")
        }
    }

    @Test func flattenedSplicesBuiltConditions() throws {
        let a = try parsed("a"), b = try parsed("b"), c = try parsed("c"), d = try parsed("d")
        let range = locate(0..<1)
        let nested = Condition.not(.and([.and([a, .and([b, c], range)], range), .or([.or([c, d], range)], range)], range), range)
        guard case .not(.and(let members, _), _) = nested.flattened, members.count == 4,
              case .or(let alternatives, _) = members[3]
        else {
            Issue.record("expected !(a && b && c && (c || d))")
            return
        }
        #expect(alternatives.count == 2)
        #expect(nested.canonical == "!(a && b && c && (c || d))")
    }

    // MARK: - Canonical text

    @Test(arguments: [
        ("  env=='prod'&&sourceBucketName ", "env == 'prod' && sourceBucketName"),
        ("a||b&&!c", "a || b && !c"),
        ("(a || b) && (c || d)", "(a || b) && (c || d)"),
        ("((a))", "a"),
        ("!(a && b)", "!(a && b)"),
        ("!(env != 'x')", "!(env != 'x')"),
        ("!!a", "!!a"),
        ("!(!a)", "!!a"),
        (#"name == "it's \\ ok""#, #"name == 'it\'s \\ ok'"#),
        ("size != -1.5", "size != -1.5"),
        ("(a && b) && c", "a && b && c"),
        ("a && (b && c)", "a && b && c"),
        ("a || (b && c)", "a || b && c"),
        ("uploads . arn == 'x'", "uploads.arn == 'x'"),
    ])
    func canonicalTextNormalisesSpacingQuotesAndParentheses(text: String, canonical: String) throws {
        #expect(try parsed(text).canonical == canonical)
    }

    @Test func canonicalTextReparsesToItself() throws {
        for text in ["a || b && !c", "!(a || b) && env == 'p\\'q'", "(a || b) && !(c && d)"] {
            let canonical = try parsed(text).canonical
            #expect(try parsed(canonical).canonical == canonical)
        }
    }

    @Test func conjunctionMembersDecideImplication() throws {
        let ab = try parsed("env == 'prod' && sourceBucketName")
        #expect(ab.conjuncts.map(\.canonical) == ["env == 'prod'", "sourceBucketName"])
        #expect(try parsed("a").conjuncts.map(\.canonical) == ["a"])
        #expect(ab.implies(try parsed("sourceBucketName")))
        #expect(ab.implies(try parsed("sourceBucketName && env=='prod'")))
        #expect(ab.implies(ab))
        #expect(!(try parsed("sourceBucketName")).implies(ab))
        #expect(!(try parsed("a || b")).implies(try parsed("a")))
        #expect(!(try parsed("env == 'dev'")).implies(try parsed("env == 'prod'")))
    }

    // MARK: - Errors

    @Test(arguments: ["⟨s⟩⟨e⟩", "⟨s⟩   ⟨e⟩"])
    func emptyConditionsAreReported(text: String) {
        let found = diagnostic(text, code: .emptyCondition)
        #expect(found?.message == "empty condition; expected a name or a comparison such as env == 'prod'")
    }

    @Test(arguments: [
        ("a && ⟨s⟩)⟨e⟩", "unexpected ')' in condition; expected a name, a comparison or '('"),
        ("a ⟨s⟩b⟨e⟩", "unexpected 'b' in condition; expected '==', '!=', '&&' or '||'"),
        ("a == 'x' ⟨s⟩b⟨e⟩", "unexpected 'b' in condition; expected '&&' or '||'"),
        ("(a ⟨s⟩b⟨e⟩)", "unexpected 'b' in condition; expected '==', '!=', '&&', '||' or ')'"),
        ("(a == 1 ⟨s⟩2⟨e⟩)", "unexpected '2' in condition; expected '&&', '||' or ')'"),
        ("a &&⟨s⟩⟨e⟩", "unexpected end of condition; expected a name, a comparison or '('"),
        ("env == ⟨s⟩&&⟨e⟩ b", "unexpected '&&' in condition; expected a name, a quoted string or a number"),
        ("a ⟨s⟩??⟨e⟩ b", "unexpected '??' in condition; expected '==', '!=', '&&' or '||'"),
        ("⟨s⟩}⟨e⟩", "unexpected '}' in condition; expected a name, a comparison or '('"),
        ("env == 'a' ⟨s⟩==⟨e⟩ 'b'", "unexpected '==' in condition; expected '&&' or '||'"),
        ("(a) ⟨s⟩(⟨e⟩b)", "unexpected '(' in condition; expected '&&' or '||'"),
    ])
    func unexpectedTokensSayWhatWasExpected(text: String, message: String) {
        let found = diagnostic(text, code: .unexpectedToken)
        #expect(found?.message == message)
    }

    @Test func unexpectedCharactersAreReportedAtTheCharacter() {
        let found = diagnostic("a ⟨s⟩#⟨e⟩", code: .unexpectedCharacter)
        #expect(found?.message == "unexpected '#' in condition; expected '==', '!=', '&&' or '||'")
    }

    @Test func anUnclosedParenthesisIsReportedAtItsOpening() {
        let found = diagnostic("⟨s⟩(⟨e⟩a && (b || c)", code: .unbalancedParenthesis)
        #expect(found?.message == "'(' is never closed; expected ')'")
    }

    @Test func anUnmatchedClosingParenthesisIsReportedAtIt() {
        let found = diagnostic("(a) && b⟨s⟩)⟨e⟩", code: .unbalancedParenthesis)
        #expect(found?.message == "')' has no matching '('")
    }

    @Test func singleEqualsHasAFixIt() {
        let text = "env ⟨s⟩=⟨e⟩ 'prod'"
        let marked = MarkedText(text)
        let found = diagnostic(text, code: .singleEquals)
        #expect(found?.message == "'=' is not a comparison; write '=='")
        #expect(found?.fixIts == [FixIt("write ==", replacing: at(marked, "s", "e"), with: "==")])
    }

    @Test func singleAmpersandAndBarAreReportedTogetherWithFixIts() {
        let marked = MarkedText("a ⟨s⟩&⟨e⟩ b ⟨t⟩|⟨u⟩ env ⟨v⟩=⟨w⟩ 'x'")
        let (condition, diagnostics) = parseCondition(marked.text)
        #expect(condition == nil)
        #expect(diagnostics.map(\.code) == [.singleLogicalOperator, .singleLogicalOperator, .singleEquals])
        #expect(diagnostics.map(\.message) == [
            "'&' is not an operator; write '&&'", "'|' is not an operator; write '||'", "'=' is not a comparison; write '=='",
        ])
        #expect(diagnostics.map(\.fixIts) == [
            [FixIt("write &&", replacing: at(marked, "s", "e"), with: "&&")],
            [FixIt("write ||", replacing: at(marked, "t", "u"), with: "||")],
            [FixIt("write ==", replacing: at(marked, "v", "w"), with: "==")],
        ])
    }

    @Test(arguments: [
        ("a && ⟨s⟩'prod' == 'prod'⟨e⟩", "both sides of '==' are literals; one side must be a name"),
        ("⟨s⟩1 != 2⟨e⟩", "both sides of '!=' are literals; one side must be a name"),
    ])
    func comparingTwoLiteralsIsAnError(text: String, message: String) {
        #expect(diagnostic(text, code: .literalComparison)?.message == message)
    }

    @Test(arguments: [
        ("⟨s⟩'prod'⟨e⟩", "string 'prod' alone is not a condition; compare a name with it using '==' or '!='"),
        ("a || ⟨s⟩42⟨e⟩", "'42' alone is not a condition; compare a name with it using '==' or '!='"),
    ])
    func aLiteralAloneIsNotACondition(text: String, message: String) {
        #expect(diagnostic(text, code: .literalCondition)?.message == message)
    }

    @Test func interpolationIsReportedWithTheNameAsFix() {
        let marked = MarkedText("⟨s⟩${ sourceBucketName }⟨e⟩ && ⟨t⟩${env}⟨u⟩ == 'x'")
        let (condition, diagnostics) = parseCondition(marked.text)
        #expect(condition == nil)
        #expect(diagnostics.map(\.code) == [.interpolationInCondition, .interpolationInCondition])
        #expect(diagnostics.first?.message == "'${ sourceBucketName }' in a condition; conditions name values without ${}")
        #expect(diagnostics.map(\.range) == [at(marked, "s", "e"), at(marked, "t", "u")])
        #expect(diagnostics.map(\.fixIts) == [
            [FixIt("write the name without ${}", replacing: at(marked, "s", "e"), with: "sourceBucketName")],
            [FixIt("write the name without ${}", replacing: at(marked, "t", "u"), with: "env")],
        ])
    }

    @Test func interpolationHoldingMoreThanANameHasNoReplacement() {
        let found = diagnostic("⟨s⟩${a ?? ''}⟨e⟩", code: .interpolationInCondition)
        #expect(found?.fixIts == [])
        #expect(found?.help == ["write the name without ${}"])
    }

    @Test func anUnclosedInterpolationIsReportedAtTheDollarBrace() {
        let found = diagnostic("a && ⟨s⟩${⟨e⟩b", code: .interpolationInCondition)
        #expect(found?.fixIts == [])
        #expect(found?.help == ["write the name without ${}"])
    }

    @Test func stringAndPathErrorsComeFromTheSharedScanner() {
        _ = diagnostic("env == ⟨s⟩'⟨e⟩prod", code: .unterminatedStringLiteral)
        let found = diagnostic("uploads⟨s⟩.⟨e⟩ == 'x'", code: .missingPathSegment)
        #expect(found?.message == "expected a name after '.' in 'uploads.'")
    }

    // MARK: - Limits

    @Test(arguments: ["(", "!", "!("])
    func sixtyFourLevelsOfNestingParse(opener: String) throws {
        let levels = opener.count == 1 ? 64 : 32
        let text = String(repeating: opener, count: levels) + "a" + String(repeating: ")", count: opener.filter { $0 == "(" }.count * levels)
        var condition = try parsed(text)
        var depth = 0
        while case .not(let inner, _) = condition {
            condition = inner
            depth += 1
        }
        #expect(depth == (opener.contains("!") ? levels : 0))
        #expect(condition.canonical == "a")
    }

    @Test(arguments: ["(", "!"])
    func theSixtyFifthLevelIsReportedAtItsOpener(opener: String) {
        let closers = opener == "(" ? String(repeating: ")", count: 65) : ""
        let marked = MarkedText(String(repeating: opener, count: 64) + "⟨s⟩\(opener)⟨e⟩a" + closers)
        let (condition, diagnostics) = parseCondition(marked.text)
        #expect(condition == nil)
        #expect(diagnostics.map(\.code) == [.expressionTooDeep])
        #expect(diagnostics.first?.message == "condition nests deeper than 64 levels of '(' and '!'")
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
    }

    @Test(arguments: ["(", "!", "!("])
    func hugeNestingIsAnErrorNotAStackOverflow(opener: String) {
        // Each '(' and '!' is a level; ⟨s⟩…⟨e⟩ is the 65th.
        let openers = Array(String(repeating: opener, count: 100_000).unicodeScalars)
        func text(_ part: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(part)) }
        let marked = MarkedText(text(openers[..<64]) + "⟨s⟩" + text(openers[64..<65]) + "⟨e⟩" + text(openers[65...]))
        let (condition, diagnostics) = parseCondition(marked.text, maxLength: .max)
        #expect(condition == nil)
        #expect(diagnostics.map(\.code) == [.expressionTooDeep])
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
    }

    @Test func hundredThousandParenthesesHitTheLengthLimitFirst() {
        let marked = MarkedText("⟨s⟩" + String(repeating: "(", count: 100_000) + "⟨e⟩")
        let (condition, diagnostics) = parseCondition(marked.text)
        #expect(condition == nil)
        #expect(diagnostics.map(\.code) == [.conditionTooLong])
        #expect(diagnostics.first?.message == "condition is 100000 characters long; the limit is 4096")
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
    }

    @Test func conditionsUpToTheLengthLimitParse() throws {
        let terms = String(repeating: " && a", count: 819)  // 4095 characters
        let atLimit = "b" + terms
        #expect(atLimit.count == 4096)
        guard case .and(let members, _) = try parsed(atLimit) else {
            Issue.record("expected a long conjunction")
            return
        }
        #expect(members.count == 820)
        let (condition, diagnostics) = parseCondition(atLimit + " ")
        #expect(condition == nil)
        #expect(diagnostics.map(\.code) == [.conditionTooLong])
    }

    @Test func anUnparsedConditionKeepsTheNamesItHolds() {
        let marked = MarkedText("⟨s⟩(env == 'prod' && source.x && ${bucket} ⟨e⟩")
        guard case .unparsed(let names, let range) = Condition.unparsed(marked.text, locator: locate) else {
            Issue.record("not unparsed")
            return
        }
        #expect(names == ["env", "source", "bucket"])
        #expect(range == at(marked, "s", "e"))
        #expect(Condition.unparsed("a || b", locator: locate, maxLength: 2).canonical == "<unparsed>")
    }
}
