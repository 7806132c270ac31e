import FormworkDiagnostics
@testable import FormworkSpec
import FormworkTestSupport
import Testing

/// What a user coming from CloudFormation writes by habit: each gets the
/// Formwork spelling as a fix-it whose edit makes the spec right.
@Suite struct CloudFormationHabitsTests {
    private func spec(_ value: String) -> String {
        """
        formwork: 1
        stack: demo
        resources:
          topic:
            type: AWS::SNS::Topic
            properties:
              TopicName: \(value)
        """
    }

    /// The spec with the first fix-it of the only diagnostic taken, and that diagnostic.
    private func fixed(_ value: String, code: DiagnosticCode) throws -> (String, Diagnostic) {
        let text = spec(value)
        let (_, diagnostics) = Pipeline.decode(text)
        let diagnostic = try #require(diagnostics.only, "\(diagnostics)")
        #expect(diagnostic.code == code)
        let fixIt = try #require(diagnostic.fixIts.first)
        return (fixIt.applied(to: text), diagnostic)
    }

    @Test(arguments: [
        ("\"alerts-${AWS::Region}\"", "\"alerts-${aws.region}\""),
        ("\"${AWS::AccountId}-x\"", "\"${aws.accountId}-x\""),
        ("x-${AWS::StackName}", "x-${aws.stackName}"),
        ("\"a ${ AWS::URLSuffix } b\"", "\"a ${aws.urlSuffix} b\""),
        ("\"cost ${!Total}\"", "\"cost $${Total}\""),
    ])
    func subSyntaxGetsFormworkSpelling(written: String, expected: String) throws {
        let (text, _) = try fixed(written, code: .cloudFormationSubSyntax)
        #expect(text == spec(expected))
        #expect(Pipeline.decode(text).diagnostics.isEmpty)
    }

    @Test func aPseudoParameterFormworkDoesNotNameGetsTheListInstead() throws {
        let (_, diagnostics) = Pipeline.decode(spec("\"${AWS::NoValue}\""))
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.code == .cloudFormationSubSyntax)
        #expect(diagnostic.fixIts.isEmpty)
        #expect(diagnostic.help.first?.contains("${aws.region}") == true)
    }

    @Test func notEqualsIsNotAnEscape() {
        let (_, diagnostics) = Pipeline.decode(spec("\"${!= x}\""))
        #expect(diagnostics.with(.cloudFormationSubSyntax).isEmpty)
        #expect(!diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("!Ref AWS::StackName", "'${aws.stackName}'"),
        ("!Ref env", "'${env}'"),
        ("!GetAtt queue.Arn", "'${queue.Arn}'"),
        ("!Sub \"alerts-${AWS::Region}-${!Literal}\"", "\"alerts-${aws.region}-$${Literal}\""),
        ("!Sub 'it''s ${AWS::Partition}'", "'it''s ${aws.partition}'"),
    ])
    func shortFormsGetTheInterpolationTheyMean(written: String, expected: String) throws {
        let (text, diagnostic) = try fixed(written, code: .unsupportedTag)
        #expect(text == spec(expected))
        #expect(diagnostic.help.isEmpty)
    }

    @Test(arguments: ["!Ref AWS::NoValue", "!GetAtt [queue, Arn]", "!Join ['-', [a, b]]", "!Sub \"${AWS::NotificationARNs}\""])
    func shortFormsWhoseTextAllowsNoInterpolationGetHelp(written: String) throws {
        let (_, diagnostics) = Pipeline.decode(spec(written))
        let diagnostic = try #require(diagnostics.with(.unsupportedTag).first)
        #expect(diagnostic.fixIts.isEmpty)
        #expect(diagnostic.help == ["write ${name} or ${name.attribute}; Formwork emits the intrinsic function"])
    }

    /// A tag deep in a collection is found, and once, however many aliases copy it.
    @Test func aTagUnderAnAliasIsReportedOnceAtItsNode() throws {
        let (_, diagnostics) = Pipeline.decode("""
        formwork: 1
        stack: demo
        resources:
          topic:
            type: AWS::SNS::Topic
            properties:
              Tags: &tags [{ Key: a, Value: [1, { deep: !Ref env }] }]
          other:
            type: AWS::SNS::Topic
            properties: { Tags: *tags }
          third:
            type: AWS::SNS::Topic
            properties: { Tags: *tags }
        """)
        let found = diagnostics.with(.unsupportedTag)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.range.start.line == 7)
    }

    @Test func lookalikesAreRecordedWithTheirNames() {
        var bag = DiagnosticBag()
        let string = InterpolatedString.parse(
            "a $(env) {{ uploads.arn }} $(x y) {{resolve:ssm:p}} $( ) {{a}", locator: { _ in SourceRange(file: "t", line: 1, column: 1) },
            diagnostics: &bag)
        #expect(bag.all.isEmpty)
        #expect(string.lookalikes.map(\.name) == ["env", "uploads.arn"])
        #expect(string.lookalikes.map(\.text) == ["$(env)", "{{ uploads.arn }}"])
    }
}
