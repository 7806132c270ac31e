import FormworkTestSupport
import Foundation
import Testing

/// `formwork diff`, `graph` and `schema` as a CI job and a reviewer run them.
@Suite struct ReviewCommandTests {
    static func pair(_ name: String) -> [String] {
        [PackagePaths.path("Tests/Diff/\(name)/old.yaml"), PackagePaths.path("Tests/Diff/\(name)/new.yaml")]
    }

    @Test func diffExitsOneOnADifferenceAndZeroWhenEqual() {
        let different = CLIRunner.formwork(["diff"] + Self.pair("cascade"))
        #expect(different.status == 1)
        #expect(different.stdout.contains("Jobs (AWS::SQS::Queue)  DATA LOSS  replacement: always"))
        #expect(different.stdout.contains("/Properties/EventSourceArn: refers to Jobs, which is replaced"))
        let same = CLIRunner.formwork(["diff", Self.pair("add")[0], Self.pair("add")[0]])
        #expect(same.status == 0 && same.stdout.hasSuffix("no changes\n"))
    }

    @Test func theTextIsColouredOnlyWhenAsked() {
        let plain = CLIRunner.formwork(["diff"] + Self.pair("bucket-name"))
        #expect(!plain.stdout.contains("\u{1B}["), "not a terminal: no colours")
        let coloured = CLIRunner.formwork(["diff", "--color", "always"] + Self.pair("bucket-name"))
        #expect(coloured.stdout.contains("\u{1B}[1;31mDATA LOSS\u{1B}[0m"))
        #expect(coloured.stdout.contains("\u{1B}[33mreplacement: always\u{1B}[0m"))
    }

    @Test func failOnGatesOnlyWhatItNames() {
        #expect(CLIRunner.formwork(["diff"] + Self.pair("add") + ["--fail-on", "data-loss"]).status == 0)
        #expect(CLIRunner.formwork(["diff"] + Self.pair("bucket-name") + ["--fail-on", "data-loss"]).status == 1)
        #expect(CLIRunner.formwork(["diff"] + Self.pair("modify-in-place") + ["--fail-on", "replacement", "--fail-on", "security"]).status == 0)
        #expect(CLIRunner.formwork(["diff"] + Self.pair("iam-widened") + ["--fail-on", "security"]).status == 1)
    }

    @Test func diffUsageErrorsExitTwo() {
        #expect(CLIRunner.formwork(["diff", "only-one"]).status == 2)
        let missing = CLIRunner.formwork(["diff", "no-such.yaml", Self.pair("add")[1]])
        #expect(missing.status == 2 && missing.stderr.contains("error[FW0001]"))
        #expect(CLIRunner.formwork(["diff", "--format", "yaml"] + Self.pair("add")).status == 2)
    }

    @Test func diffJSONAndMarkdownGoToStandardOutput() {
        let json = CLIRunner.formwork(["diff", "--format", "json"] + Self.pair("export-removed"))
        #expect(json.status == 1 && json.stdout.hasPrefix("{") && json.stdout.contains("\"export\": \"media-jobs-url\""))
        let markdown = CLIRunner.formwork(["diff", "--format", "markdown"] + Self.pair("export-removed"))
        #expect(markdown.stdout.contains("#### Exports removed"))
    }

    @Test func graphAndSchemaPrint() {
        let dot = CLIRunner.formwork(["graph", PackagePaths.path("specs/media-pipeline.yaml")])
        #expect(dot.status == 0 && dot.stdout.hasPrefix("digraph template {"))
        let mermaid = CLIRunner.formwork(["graph", Self.pair("bucket-name")[1], "--format", "mermaid", "--diff", Self.pair("bucket-name")[0]])
        #expect(mermaid.status == 0 && mermaid.stdout.contains("style n_Uploads fill:#f7e3c5"))
        let schema = CLIRunner.formwork(["schema"])
        #expect(schema.status == 0 && schema.stdout.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""))
    }
}
