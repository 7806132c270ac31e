import FormworkTestSupport
import Testing

/// `formwork lint --cfn-lint`: cfn-lint's findings on the compiled template, at spec lines, in every format.
@Suite struct CfnLintCommandTests {
    static let spec = "Tests/CfnLint/rds-instance-class.yaml"

    @Test func findingsAreReportedAtTheSpecLines() {
        let result = CLIRunner.formwork(["lint", "--cfn-lint", Self.spec])
        #expect(result.status == 1, "E3062 is an error")
        if let failure = Golden.check(result.stderr, against: "golden/cfn-lint/rds-instance-class.txt") {
            Issue.record("\(failure)")
        }
        let json = CLIRunner.formwork(["lint", "--cfn-lint", Self.spec, "--format", "json"])
        #expect(json.stdout.contains("\"code\": \"E3062\"") && json.stdout.contains("\"line\": 10"))
        #expect(CLIRunner.formwork(["lint", "--cfn-lint", Self.spec, "--format", "github"]).stdout
            .contains("::error file=Tests/CfnLint/rds-instance-class.yaml,line=10,col=24"))
    }

    @Test func withoutTheFlagFormworkAloneFindsNothing() {
        #expect(CLIRunner.formwork(["lint", Self.spec]).status == 0)
    }
}
