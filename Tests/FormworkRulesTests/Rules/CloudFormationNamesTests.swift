import FormworkDiagnostics
@testable import FormworkRules
import FormworkSpec
import FormworkTestSupport
import Testing

/// Names a user coming from CloudFormation writes: a declared name in
/// another case, a generated resource's logical ID, an unquoted literal in
/// a condition, `$(env)` and `{{env}}`. Each fix-it's edit makes the spec right.
@Suite struct CloudFormationNamesTests {
    private let head = """
        formwork: 1
        stack: demo
        parameters:
          env: { default: dev }
        tags: { stage: "${env}" }
        resources:
          alerts: { type: AWS::SNS::Topic }
          worker:
            kind: function
            handler: index.handler
            runtime: nodejs22.x
            code: { inline: "exports.handler = async () => {}" }
            deadLetterQueue: true
          api:
            kind: api
            stage: v1
            auth: iam
            routes:
              GET /status: { mock: {} }
        """

    private func spec(output value: String) -> String { head + "\noutputs:\n  out: \(value)" }

    private func only(_ text: String) throws -> Diagnostic {
        try #require(Pipeline.compile(text).diagnostics.only, "\(Pipeline.compile(text).diagnostics)")
    }

    @Test(arguments: [
        ("${Alerts.TopicArn}", "${alerts.TopicArn}"),
        ("${Alerts.topicarn}", "${alerts.TopicArn}"),
        ("${Worker.RoleArn}", "${worker.roleArn}"),
        ("${AWS.Region}", "${aws.region}"),
        ("${ENV}", "${env}"),
        ("${workerRole}", "${worker.roleArn}"),
        ("${WorkerRole.Arn}", "${worker.roleArn}"),
    ])
    func aNameInAnotherCaseOrAGeneratedRoleGetsTheReferenceToWrite(written: String, expected: String) throws {
        let text = spec(output: written)
        let diagnostic = try only(text)
        #expect(diagnostic.code == .unknownName)
        let fixIt = try #require(diagnostic.fixIts.only)
        #expect(fixIt.applied(to: text) == spec(output: expected))
        #expect(Pipeline.compile(fixIt.applied(to: text)).diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("${workerLogGroup}", "log group", "'worker'"),
        ("${workerDeadLetterQueue}", "dead-letter queue", "'worker'"),
        ("${workerRole.RoleId}", "role", "'worker'"),
        ("${apiStage}", "stage", "'api'"),
    ])
    func aGeneratedResourceWithoutAnAttributeSaysItCannotBeNamed(written: String, what: String, owner: String) throws {
        let diagnostic = try only(spec(output: written))
        #expect(diagnostic.code == .unknownName)
        #expect(diagnostic.message.contains("is the \(what) Formwork generates for \(owner)"))
        #expect(diagnostic.fixIts.isEmpty)
        #expect(!diagnostic.help.isEmpty)
    }

    @Test func anUnrelatedUnknownNameIsUnchanged() throws {
        let diagnostic = try only(spec(output: "${queueRole}"))
        #expect(diagnostic.message == "'queueRole' is not a parameter or resource of this spec")
    }

    @Test func anUnquotedLiteralInAComparisonGetsQuoted() throws {
        let text = head + "\n    when: env == prod"
        let diagnostic = try only(text)
        #expect(diagnostic.code == .unknownName)
        #expect(diagnostic.message == "'prod' is not a parameter of this spec; a literal in a condition is quoted")
        let fixed = try #require(diagnostic.fixIts.only).applied(to: text)
        #expect(fixed == head + "\n    when: env == 'prod'")
        #expect(Pipeline.compile(fixed).diagnostics.isEmpty)
    }

    @Test func aBareUnknownNameTestedForBeingSetIsNotALiteral() throws {
        let diagnostic = try only(head + "\n    when: prod")
        #expect(diagnostic.message == "'prod' is not a parameter or resource of this spec")
    }

    @Test func aResourceInAConditionSaysConditionsTestParametersOnly() throws {
        let diagnostic = try only(head + "\n    when: alerts")
        #expect(diagnostic.code == .resourceInCondition)
        #expect(diagnostic.message.hasSuffix("conditions can test parameters only"))
    }

    @Test(arguments: [
        ("\"x-$(env)\"", "\"x-${env}\""),
        ("\"x-{{env}}\"", "\"x-${env}\""),
        ("\"{{ alerts.TopicArn }}\"", "\"${alerts.TopicArn}\""),
    ])
    func aShellOrTemplateLookalikeOfADeclaredNameIsAWarningWithTheFix(written: String, expected: String) throws {
        let text = spec(output: written)
        let diagnostic = try only(text)
        #expect(diagnostic.code == .mistypedInterpolation)
        #expect(diagnostic.severity == .warning)
        let fixed = try #require(diagnostic.fixIts.only).applied(to: text)
        #expect(fixed == spec(output: expected))
        #expect(Pipeline.compile(fixed).diagnostics.isEmpty)
    }

    @Test func aLookalikeOfNothingDeclaredIsLeftAlone() {
        #expect(Pipeline.compile(spec(output: "\"echo $(date) {{resolve:ssm:name}} {{ other }} ${env}\"")).diagnostics.isEmpty)
    }
}
