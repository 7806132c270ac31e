import ArgumentParser
@testable import formwork
import Testing

/// `QuickArguments` builds the command swift-argument-parser builds, for
/// every line it reads, and leaves every other line to it.
@Suite struct QuickArgumentsTests {
    /// Everything a command holds, property wrappers' states included (an
    /// option the quick path forgot to set shows as a definition, not a value).
    func dumped(_ command: ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    static let read: [[String]] = [
        ["compile", "specs/a.yaml"],
        ["compile", "specs/a.yaml", "--out", "build", "-q"],
        ["compile", "a.yaml", "--out", "d", "b.yaml", "--quiet", "--minify", "--source-map"],
        ["compile", "specs", "--out", "out", "--check", "--strict", "--format", "json", "--color", "never"],
        ["compile", "specs", "--prune", "--param", "env=prod", "--param", "region=eu-west-1", "-j", "2"],
        ["compile", "-", "--stdin-name", "specs/app.yaml", "--jobs", "1", "--time-passes", "--format", "sarif"],
        ["compile", "-"],
        ["compile", "specs", "--out", ""],
        ["lint", "specs"],
        ["lint", "--skip-non-specs", "a.yaml", "b.yml", "--format", "github", "--color", "always"],
        ["lint", "specs/app.yaml", "--minify", "--cfn-lint", "--strict", "-q", "--param", "a=b"],
        ["lint", "-", "--stdin-name", "specs/app.yaml"],
    ]

    @Test(arguments: read) func buildsWhatSwiftArgumentParserBuilds(_ line: [String]) throws {
        let quick = try #require(QuickArguments.command(line), "not read: \(line)")
        #expect(dumped(quick) == dumped(try Formwork.parseAsRoot(line)))
    }

    /// The comparison sees an option left unset: a command made by `init()` is not a parsed one.
    @Test func anOptionLeftUnsetShows() throws {
        #expect(dumped(Compile()) != dumped(try Formwork.parseAsRoot(["compile", "a.yaml"])))
        var command = try #require(QuickArguments.command(["compile", "a.yaml"]) as? Compile)
        command.common = CommonOptions()
        #expect(dumped(command) != dumped(try Formwork.parseAsRoot(["compile", "a.yaml"])))
    }

    static let leftToSwiftArgumentParser: [[String]] = [
        [], ["--help"], ["--version"], ["compile"], ["compile", "--help"], ["compile", "-h"], ["lint", "help"],
        ["compile", "a.yaml", "--out=d"], ["compile", "a.yaml", "-j4"], ["compile", "a.yaml", "-qj", "2"],
        ["compile", "a.yaml", "--out", "a", "--out", "b"], ["compile", "a.yaml", "-q", "--quiet"],
        ["compile", "a.yaml", "--out"], ["compile", "a.yaml", "--out", "-q"], ["compile", "--", "a.yaml"],
        ["compile", "a.yaml", "--format", "yaml"], ["compile", "a.yaml", "--color", "sometimes"],
        ["compile", "a.yaml", "--jobs", "two"], ["compile", "a.yaml", "--jobs", "0"], ["compile", "a.yaml", "--cfn-lint"],
        ["lint", "a.yaml", "--out", "d"], ["lint", "a.yaml", "--check"], ["compile", "a.yaml", "--param", "novalue"],
        ["compile", "-", "-"], ["compile", "a.yaml", "--stdin-name", "x.yaml"], ["compile", "-", "--check"],
        ["compile", "a.yaml", "--check", "--prune"], ["compile", ""], ["diff", "a.json", "b.json"],
        ["explain", "FW2002"], ["schema"], ["compile", "a.yaml", "--generate-completion-script", "bash"],
    ]

    @Test(arguments: leftToSwiftArgumentParser) func leavesTheRestToSwiftArgumentParser(_ line: [String]) {
        #expect(QuickArguments.command(line) == nil)
    }
}
