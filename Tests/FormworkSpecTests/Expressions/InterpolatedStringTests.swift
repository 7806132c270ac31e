import FormworkDiagnostics
@testable import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct InterpolatedStringTests {
    // MARK: - Literal text

    @Test func textWithoutInterpolationIsOneLiteral() {
        let marked = MarkedText("⟨s⟩hello world⟨e⟩")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.isEmpty)
        #expect(string.segments.map(\.literal) == ["hello world"])
        #expect(!string.hasExpressions)
        #expect(!string.isSingleExpression)
        #expect(string.range == at(marked, "s", "e"))
    }

    @Test func emptyTextHasNoSegments() {
        let (string, diagnostics) = parseString("")
        #expect(diagnostics.isEmpty)
        #expect(string.segments.isEmpty)
        #expect(!string.isSingleExpression)
    }

    @Test(arguments: [
        ("a$${b}c", "a${b}c"),
        ("$${", "${"),
        ("$$x", "$$x"),
        ("cost $5 $", "cost $5 $"),
        ("$$$${x}", "$$${x}"),
        ("echo $${HOME} ⟨s⟩${⟨e⟩", nil),
    ])
    func dollarDollarBraceIsALiteralDollarBrace(text: String, expected: String?) {
        let marked = MarkedText(text)
        let (string, diagnostics) = parseString(marked.text)
        if let expected {
            #expect(diagnostics.isEmpty)
            #expect(string.segments.map(\.literal) == [expected])
        } else {
            // The escaped one stays literal; only the real `${` is unterminated.
            #expect(diagnostics.map(\.code) == [.unterminatedInterpolation])
            #expect(diagnostics.first?.range == at(marked, "s", "e"))
            #expect(string.segments.map(\.literal) == ["echo ${HOME} "])
        }
    }

    // MARK: - Expressions

    @Test func aWholeStringThatIsOneExpressionIsSingle() throws {
        let marked = MarkedText("${⟨a⟩env⟨b⟩}")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.isEmpty)
        #expect(string.isSingleExpression)
        #expect(string.hasExpressions)
        let reference = try #require(string.segments.first?.expression?.reference)
        #expect(reference.path == ["env"])
        #expect(reference.root == "env")
        #expect(reference.range == at(marked, "a", "b"))
        #expect(reference.ranges == [at(marked, "a", "b")])
    }

    @Test func dottedPathsKeepARangePerSegment() throws {
        let marked = MarkedText("${ ⟨a⟩uploads⟨b⟩.⟨c⟩arn⟨d⟩ }")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.isEmpty)
        #expect(string.isSingleExpression)
        let reference = try #require(string.segments.first?.expression?.reference)
        #expect(reference.path == ["uploads", "arn"])
        #expect(reference.dotted == "uploads.arn")
        #expect(reference.ranges == [at(marked, "a", "b"), at(marked, "c", "d")])
        #expect(reference.range == at(marked, "a", "d"))
    }

    @Test(arguments: [
        ("${aws.region}", ["aws", "region"]),
        ("${alerts.TopicArn}", ["alerts", "TopicArn"]),
        ("${api.Outputs.X}", ["api", "Outputs", "X"]),
        ("${_a1 . B_2 . c}", ["_a1", "B_2", "c"]),
    ])
    func referencesHaveAnyNumberOfSegments(text: String, path: [String]) {
        let (string, diagnostics) = parseString(text)
        #expect(diagnostics.isEmpty)
        #expect(string.references.map(\.path) == [path])
    }

    @Test func textAroundExpressionsIsKeptInOrder() {
        let (string, diagnostics) = parseString("arn:${aws.partition}:s3:::${bucket}${env}-x")
        #expect(diagnostics.isEmpty)
        #expect(!string.isSingleExpression)
        #expect(string.hasExpressions)
        #expect(string.segments.map(\.literal) == ["arn:", nil, ":s3:::", nil, nil, "-x"])
        #expect(string.segments.compactMap(\.expression?.reference?.dotted) == ["aws.partition", "bucket", "env"])
    }

    @Test func aFallbackGuardsAReference() throws {
        let marked = MarkedText("${⟨a⟩sourceBucketName⟨b⟩ ?? ⟨c⟩''⟨d⟩}")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.isEmpty)
        #expect(string.isSingleExpression)
        guard case .fallback(let value, let fallback, let range) = string.segments.first?.expression else {
            Issue.record("expected a fallback")
            return
        }
        #expect(value.reference?.path == ["sourceBucketName"])
        #expect(value.range == at(marked, "a", "b"))
        guard case .stringLiteral("", let literalRange) = fallback else {
            Issue.record("expected an empty string fallback")
            return
        }
        #expect(literalRange == at(marked, "c", "d"))
        #expect(range == at(marked, "a", "d"))
    }

    @Test func fallbacksChainToTheRight() throws {
        let marked = MarkedText("${⟨a⟩a ?? ⟨b⟩b ?? 'x'⟨e⟩}")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.isEmpty)
        guard case .fallback(.reference(let a), .fallback(.reference(let b), .stringLiteral("x", _), let inner), let outer)
            = string.segments.first?.expression
        else {
            Issue.record("expected a ?? (b ?? 'x')")
            return
        }
        #expect(a.path == ["a"])
        #expect(b.path == ["b"])
        #expect(inner == at(marked, "b", "e"))
        #expect(outer == at(marked, "a", "e"))
        #expect(string.references.map(\.dotted) == ["a", "b"])
    }

    @Test(arguments: [
        (#"${a ?? 'it\'s \\ "q"'}"#, #"it's \ "q""#),
        (#"${a ?? "say \"hi\""}"#, #"say "hi""#),
        ("${a ?? '}'}", "}"),
    ])
    func stringFallbacksAreUnescaped(text: String, value: String) {
        let (string, diagnostics) = parseString(text)
        #expect(diagnostics.isEmpty)
        guard case .fallback(_, .stringLiteral(let parsed, _), _) = string.segments.first?.expression else {
            Issue.record("expected a string fallback")
            return
        }
        #expect(parsed == value)
        #expect(string.isSingleExpression)
    }

    @Test(arguments: ["42", "-1.5"])
    func numberFallbacksKeepTheirText(number: String) {
        let (string, diagnostics) = parseString("${timeout ?? \(number)}s")
        #expect(diagnostics.isEmpty)
        guard case .fallback(_, .numberLiteral(let text, _), _) = string.segments.first?.expression else {
            Issue.record("expected a number fallback")
            return
        }
        #expect(text == number)
        #expect(string.segments.last?.literal == "s")
    }

    @Test func aLongChainParses() {
        let text = "${" + (0..<64).map { "v\($0)" }.joined(separator: " ?? ") + "}"
        let (string, diagnostics) = parseString(text)
        #expect(diagnostics.isEmpty)
        #expect(string.references.count == 64)
    }

    // MARK: - Errors

    @Test func unterminatedInterpolationIsReportedAtTheDollarBrace() {
        let marked = MarkedText("x ⟨s⟩${⟨e⟩env")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.count == 1)
        let diagnostic = diagnostics[0]
        #expect(diagnostic.code == .unterminatedInterpolation)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "'${' is never closed; expected '}'")
        #expect(diagnostic.range == at(marked, "s", "e"))
        #expect(diagnostic.fixIts == [FixIt("write $${ for a literal ${", replacing: at(marked, "s", "e"), with: "$${")])
        #expect(string.segments.map(\.literal) == ["x "])
    }

    @Test func emptyInterpolationCoversTheBraces() {
        let marked = MarkedText("a⟨s⟩${  }⟨e⟩b")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.map(\.code) == [.emptyInterpolation])
        #expect(diagnostics.first?.message == "empty '${}'; expected a name inside, such as ${env}")
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
        #expect(diagnostics.first?.fixIts.first?.edits.first?.text == "$${}")
        // The text either side of the dropped expression is one literal.
        #expect(string.segments.map(\.literal) == ["ab"])
    }

    @Test(arguments: [
        ("${⟨s⟩#⟨e⟩}", "unexpected '#' in ${...}; expected a name"),
        ("${my⟨s⟩-⟨e⟩name}", "unexpected '-' in ${...}; expected '??' or '}'"),
        ("${a ?? 'x' ⟨s⟩@⟨e⟩}", "unexpected '@' in ${...}; expected '}'"),
        ("${a ?? ⟨s⟩é⟨e⟩}", "unexpected 'é' in ${...}; expected a fallback: a name, a quoted string or a number"),
    ])
    func unexpectedCharactersAreReportedAtTheCharacter(text: String, message: String) {
        let marked = MarkedText(text)
        let (_, diagnostics) = parseString(marked.text)
        #expect(diagnostics.map(\.code) == [.unexpectedCharacter])
        #expect(diagnostics.first?.message == message)
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
    }

    @Test(arguments: [
        ("${⟨s⟩'x'⟨e⟩}", "unexpected string 'x' in ${...}; expected a name"),
        ("${⟨s⟩42⟨e⟩}", "unexpected '42' in ${...}; expected a name"),
        ("${a ?? ⟨s⟩)⟨e⟩}", "unexpected ')' in ${...}; expected a fallback: a name, a quoted string or a number"),
        ("${a ?? ⟨s⟩??⟨e⟩ b}", "unexpected '??' in ${...}; expected a fallback: a name, a quoted string or a number"),
        ("${uploads.⟨s⟩1⟨e⟩}", "unexpected '1' in ${...}; expected a name after '.'"),
    ])
    func unexpectedTokensAreReportedAtTheToken(text: String, message: String) {
        let marked = MarkedText(text)
        let (_, diagnostics) = parseString(marked.text)
        #expect(diagnostics.map(\.code) == [.unexpectedToken])
        #expect(diagnostics.first?.message == message)
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
    }

    @Test func danglingFallbackIsReportedAtTheOperator() {
        let marked = MarkedText("${a ⟨s⟩??⟨e⟩ }")
        let (_, diagnostics) = parseString(marked.text)
        #expect(diagnostics.map(\.code) == [.danglingFallback])
        #expect(diagnostics.first?.message == "'??' needs a fallback after it")
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
        #expect(diagnostics.first?.fixIts == [
            FixIt("write ?? '' to fall back to an empty string", replacing: at(marked, "s", "e"), with: "?? ''"),
        ])
    }

    @Test func unterminatedStringIsReportedAloneAtItsQuote() {
        let marked = MarkedText("${a ?? ⟨s⟩'⟨e⟩none}")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.map(\.code) == [.unterminatedStringLiteral])
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
        #expect(string.segments.isEmpty)
    }

    @Test func missingSegmentAfterADotIsReportedAtTheDot() {
        let marked = MarkedText("${uploads⟨s⟩.⟨e⟩}")
        let (_, diagnostics) = parseString(marked.text)
        #expect(diagnostics.map(\.code) == [.missingPathSegment])
        #expect(diagnostics.first?.message == "expected a name after '.' in 'uploads.'")
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
    }

    @Test(arguments: [
        ("${a ⟨s⟩b c⟨e⟩ }", "unexpected 'b c' in ${...}; expected '??' or '}'"),
        ("${a ?? 'x' ⟨s⟩?? b⟨e⟩}", "unexpected '?? b' in ${...}; expected '}'"),
    ])
    func trailingTokensAreReportedTogether(text: String, message: String) {
        let marked = MarkedText(text)
        let (_, diagnostics) = parseString(marked.text)
        #expect(diagnostics.map(\.code) == [.trailingTokens])
        #expect(diagnostics.first?.message == message)
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
    }

    @Test func nestedInterpolationIsReportedAtTheInnerDollarBrace() {
        let marked = MarkedText("${a ?? ⟨s⟩${⟨e⟩b}}rest")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.map(\.code) == [.nestedInterpolation])
        #expect(diagnostics.first?.message == "'${' cannot stand inside ${...}")
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
        #expect(diagnostics.first?.help == ["inside ${...} write names without ${}, as in ${a ?? b}"])
        // Parsing goes on after the outer closing brace.
        #expect(string.segments.map(\.literal) == ["rest"])
    }

    @Test func independentErrorsAreAllReportedAndGoodExpressionsKept() {
        let marked = MarkedText("⟨a⟩${}⟨b⟩ and ${x ⟨c⟩y⟨d⟩} and ${ok} ⟨e⟩${⟨f⟩")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.map(\.code) == [.emptyInterpolation, .trailingTokens, .unterminatedInterpolation])
        #expect(diagnostics.map(\.range) == [at(marked, "a", "b"), at(marked, "c", "d"), at(marked, "e", "f")])
        #expect(string.segments.map(\.literal) == [" and  and ", nil, " "])
        #expect(string.references.map(\.dotted) == ["ok"])
    }

    @Test func aFallbackChainLongerThanTheLimitIsReportedAtTheExtraOperator() {
        let names = (0..<66).map { "v\($0)" }
        // 64 fallbacks join the first 65 names; ⟨s⟩…⟨e⟩ is the 65th '??'.
        let marked = MarkedText("${" + names[0..<65].joined(separator: " ?? ") + " ⟨s⟩??⟨e⟩ " + names[65] + "}")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.map(\.code) == [.expressionTooDeep])
        #expect(diagnostics.first?.message == "more than 64 '??' fallbacks in one ${...}")
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
        #expect(string.segments.isEmpty)
    }

    @Test func aHugeChainFailsFastWithoutRecursing() {
        let text = "${" + Array(repeating: "a", count: 100_000).joined(separator: " ?? ") + "}"
        let (_, diagnostics) = parseString(text)
        #expect(diagnostics.map(\.code) == [.expressionTooDeep])
    }

    @Test func longTextWithManyExpressionsParses() {
        let text = String(repeating: "item-${name ?? 'x'}, ", count: 20_000)
        let (string, diagnostics) = parseString(text)
        #expect(diagnostics.isEmpty)
        #expect(string.segments.count == 40_001)
        #expect(string.references.count == 20_000)
    }

    // MARK: - Conditional values and lookups

    @Test func aConditionalValueHasItsConditionAndBranches() {
        let marked = MarkedText("${⟨a⟩!source && env == 'prod'⟨b⟩ ? ⟨c⟩512⟨d⟩ : other ?? aws.noValue⟨e⟩}")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.isEmpty)
        guard case .conditional(let condition, .numberLiteral("512", let thenRange),
                                .fallback(.reference(let other), .noValue, _), let range) = string.segments.first?.expression
        else {
            Issue.record("expected c ? 512 : other ?? aws.noValue")
            return
        }
        #expect(condition.canonical == "!source && env == 'prod'")
        #expect(condition.range == at(marked, "a", "b"))
        #expect(thenRange == at(marked, "c", "d"))
        #expect(other.path == ["other"])
        #expect(range == at(marked, "a", "e"))
        #expect(string.references.map(\.dotted) == ["other"])
        #expect(string.expressions.flatMap(\.conditions).map(\.canonical) == ["!source && env == 'prod'"])
    }

    @Test func trueAndFalseAreBooleansAsBranchesAndFallbacks() {
        let marked = MarkedText("${c ? ⟨a⟩true⟨b⟩ : flag ?? false}")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.isEmpty)
        guard case .conditional(_, .booleanLiteral(true, let range), .fallback(.reference(let flag), .booleanLiteral(false, _), _), _)
            = string.segments.first?.expression
        else {
            Issue.record("expected c ? true : flag ?? false")
            return
        }
        #expect(range == at(marked, "a", "b"))
        #expect(flag.path == ["flag"])
        #expect(string.references.map(\.dotted) == ["flag"])
    }

    @Test func trueFollowedByADotOrABracketIsAName() {
        let (string, diagnostics) = parseString("${c ? true.arn : false[k].v}")
        #expect(diagnostics.isEmpty)
        guard case .conditional(_, .reference(let then), .lookup(let lookup), _) = string.segments.first?.expression else {
            Issue.record("expected c ? <reference> : <lookup>")
            return
        }
        #expect(then.path == ["true", "arn"])
        #expect(lookup.map == "false")
    }

    @Test func aQuotedTrueIsAString() {
        let (string, _) = parseString("${c ? 'true' : 'false'}")
        guard case .conditional(_, .stringLiteral("true", _), .stringLiteral("false", _), _) = string.segments.first?.expression else {
            Issue.record("expected c ? 'true' : 'false'")
            return
        }
    }

    @Test func theElseBranchMayBeAnotherConditionalValue() {
        let (string, diagnostics) = parseString("${a ? 'x' : b ? 'y' : 'z'}")
        #expect(diagnostics.isEmpty)
        guard case .conditional(_, .stringLiteral("x", _), .conditional(_, .stringLiteral("y", _), .stringLiteral("z", _), _), _)
            = string.segments.first?.expression
        else {
            Issue.record("expected a ? 'x' : (b ? 'y' : 'z')")
            return
        }
        #expect(string.expressions.flatMap(\.conditions).map(\.canonical) == ["a", "b"])
    }

    @Test(arguments: [
        ("${⟨s⟩env == 'prod' ? 'a'⟨e⟩}", DiagnosticCode.conditionalWithoutElse),
        ("${⟨s⟩? 'a' : 'b'⟨e⟩}", .conditionalWithoutCondition),
        ("${c ? : 'b'}", .missingBranch),
        ("${c ? 'a' :}", .missingBranch),
        ("${m[k]}", .malformedLookup),
        ("${a.b[k].c}", .malformedLookup),
    ])
    func aMalformedConditionalOrLookupIsReported(text: String, code: DiagnosticCode) {
        let (string, diagnostics) = parseString(MarkedText(text).text)
        #expect(diagnostics.map(\.code) == [code])
        #expect(string.expressions.isEmpty)
    }

    @Test func aNegatedConditionIsNotCloudFormationsEscape() {
        let (string, diagnostics) = parseString("${!a ? 'x' : 'y'}")
        #expect(diagnostics.isEmpty)
        #expect(string.isSingleExpression)
    }

    @Test func aLookupReadsTwoKeys() {
        let marked = MarkedText("x-${⟨a⟩regionConfig⟨b⟩[⟨c⟩aws.region⟨d⟩].⟨e⟩size⟨f⟩} ${m['us-east-1'][2]}")
        let (string, diagnostics) = parseString(marked.text)
        #expect(diagnostics.isEmpty)
        let lookups = string.expressions.flatMap(\.lookups)
        #expect(lookups.map(\.map) == ["regionConfig", "m"])
        guard lookups.count == 2, case .reference(let key) = lookups[0].keys[0], case .literal("size", let nameRange) = lookups[0].keys[1],
              case .literal("us-east-1", _) = lookups[1].keys[0], case .literal("2", _) = lookups[1].keys[1]
        else {
            Issue.record("expected two lookups with their keys")
            return
        }
        #expect(lookups[0].mapRange == at(marked, "a", "b"))
        #expect(key.range == at(marked, "c", "d"))
        #expect(nameRange == at(marked, "e", "f"))
        #expect(string.references.map(\.dotted) == ["aws.region"])
    }

    // MARK: - What a malformed ${...} names

    @Test(arguments: [
        ("alerts-⟨s⟩${env⟨e⟩", ["env"]),
        ("⟨s⟩${env ??}⟨e⟩ ok", ["env"]),
        ("⟨s⟩${uploads.arn ?? source ??}⟨e⟩", ["uploads", "source"]),
        ("⟨s⟩${a ${b}}⟨e⟩", ["a", "b"]),
        ("⟨s⟩${}⟨e⟩", []),
        ("⟨s⟩${x 'unterminated}⟨e⟩", ["x"]),
    ])
    func aMalformedInterpolationKeepsTheNamesItHolds(text: String, names: [String]) {
        let marked = MarkedText(text)
        let (string, diagnostics) = parseString(marked.text)
        #expect(!diagnostics.isEmpty)
        #expect(string.unparsed.map(\.names) == [names])
        #expect(string.unparsed.first?.range == at(marked, "s", "e"))
        #expect(string.references.isEmpty)
    }

    @Test func aWellFormedStringHasNothingUnparsed() {
        let (string, _) = parseString("${a}-${b ?? 'x'}")
        #expect(string.unparsed.isEmpty)
    }
}
