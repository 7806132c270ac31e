import ArgumentParser
import FormworkDiagnostics
import FormworkKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct Formwork: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formwork",
        abstract: "Compile Formwork infrastructure specs into AWS CloudFormation templates.",
        discussion: """
            Exit status: 0 clean (warnings allowed), 1 errors in specs, 2 usage or I/O errors.

            Examples:
              formwork compile specs --out out
              formwork lint specs/app.yaml --format github
              formwork explain FW2002
              formwork diff --base origin/main specs --format markdown

            Shell completions: formwork --generate-completion-script bash|zsh|fish (docs/usage.md).
            """,
        version: FormworkVersion.current,
        subcommands: [Compile.self, Lint.self, Diff.self, Graph.self, Schema.self, Explain.self])

    /// `formwork` alone: the usage, on standard error, and exit status 2 (a usage error).
    func run() throws {
        writeError(Formwork.helpMessage() + "\n")
        exitProcess(2)
    }

    /// Usage errors exit 2, as every other usage or I/O error does.
    static func main() {
        do {
            // The everyday compile and lint lines skip swift-argument-parser's reflection (QuickArguments).
            var command = try QuickArguments.command(CommandLine.arguments.dropFirst()) ?? parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                writeError(message + "\n")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

struct Compile: ParsableCommand {
    // Named, not derived from the type's name: deriving it (`String(describing: Compile.self)`)
    // costs the runtime a dozen protocol-conformance scans at every start (docs/performance.md).
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile specs and write one template per spec.",
        discussion: """
            Writes DIR/<spec file stem>.json for each spec. A spec with errors writes nothing, and its stale template is removed. \
            DIR/.formwork-manifest lists the files compile wrote there and the spec of each: --prune removes only those, \
            and --check reports them as orphaned, when their spec is gone. The template of - (standard input) is printed \
            on standard output, unless --stdin-name names the spec.

            Examples:
              formwork compile specs --out out
              formwork compile specs/app.yaml --out out --param env=prod --source-map
              formwork compile specs --out out --format sarif > formwork.sarif
            """)

    @Argument(help: "Spec files, - for standard input, or directories searched recursively for specs (*.yaml and *.yml with a top-level formwork: key).")
    var paths: [String]

    @Option(name: .long, help: "The directory the templates are written to.")
    var out: String = "out"

    @Flag(name: .long, help: "Also write DIR/<spec file stem>.map.json: each template value's JSON pointer and the spec range it comes from.")
    var sourceMap = false

    @Flag(name: .long, help: "Write compact JSON, without spaces or line breaks (the source map is the same).")
    var minify = false

    @Flag(name: .long, help: "Write nothing: compile in memory and compare with the templates in DIR (and their source maps, with --source-map); exit 1 when one is stale, missing or orphaned.")
    var check = false

    @Flag(name: .long, help: "Also remove the templates (and source maps) in DIR that compile wrote and whose spec is gone (DIR/.formwork-manifest lists them).")
    var prune = false

    @OptionGroup var common: CommonOptions

    @OptionGroup var gates: GateOptions

    func validate() throws {
        try gates.validate(paths: paths)
        _ = try common.parameterOverrides()
        if check, prune { throw ValidationError("--check writes nothing and --prune removes files: give one of them") }
        if gates.printsTemplate(paths), check || sourceMap {
            throw ValidationError("\(check ? "--check" : "--source-map") with - needs --stdin-name, to name the spec's template")
        }
    }

    func run() throws {
        let session = Session(options: common, gates: gates, checkOutputs: true, printsTemplate: gates.printsTemplate(paths),
                              sourceMaps: sourceMap, minify: minify)
        var manifest = OutputManifest.read(directory: out)
        let listed = manifest
        var produced: Set<String> = []
        var fresh = 0, failed = 0
        var swept = false
        try session.run(paths: paths, handle: { compiled in
            let input = compiled.input
            let fails = compiled.text == nil || (gates.strict && compiled.diagnostics.contains { $0.severity == .warning })
            if fails { failed += 1 }
            if input.writesToStandardOutput {
                if !fails, let text = compiled.text { print(text, terminator: "") }
                return []
            }
            var outputs = [(input.outputName, fails ? nil : compiled.text)]
            if sourceMap { outputs.append((input.sourceMapName, fails ? nil : compiled.sourceMapJSON)) }
            if check {
                var problems: [Diagnostic] = []
                for (name, text) in outputs {
                    produced.insert(name)
                    guard let text else { continue }
                    if let problem = Outputs.check(text, directory: out, name: name, spec: input.path) {
                        problems.append(problem)
                    } else {
                        fresh += 1
                    }
                }
                return problems
            }
            // Before the first write: what runs killed mid-write left here.
            if !swept {
                swept = true
                for leftover in Outputs.removeLeftovers(directory: out) { session.say("removed leftover \(leftover)") }
            }
            for (name, text) in outputs {
                produced.insert(name)
                if let text {
                    if let problem = Outputs.write(text, directory: out, name: name, spec: input.path) { return [problem] }
                    manifest.record(name, spec: input.path, directory: out)
                    session.say("wrote \(SpecDiscovery.join(out, name))")
                } else if let removed = Outputs.removeStale(directory: out, name: name) {
                    manifest.forget(name)
                    session.say("removed stale \(removed)")
                }
            }
            return []
        }, finally: {
            let orphans = manifest.orphans(directory: out, excluding: produced)
            if check {
                let problems = orphans.filter { FileSystem.kind($0.path) == .file }
                    .map { Diagnostic.orphanedOutput($0.path, spec: $0.spec) }
                if problems.isEmpty, failed == 0, fresh > 0 {
                    session.say("\(fresh) file\(fresh == 1 ? "" : "s") in \(out) up to date")
                }
                return problems
            }
            if prune {
                for orphan in orphans {
                    if let removed = Outputs.prune(directory: out, name: orphan.name) {
                        session.say("removed orphaned \(removed) (its spec \(orphan.spec) is gone)")
                    }
                    manifest.forget(orphan.name)
                }
            }
            guard manifest != listed, let problem = manifest.write(directory: out) else { return [] }
            return [.error(.cannotWrite, problem, at: .wholeFile(SpecDiscovery.join(out, OutputManifest.fileName)))]
        })
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check specs without writing anything.",
        discussion: """
            Runs every phase of compile except writing templates; for pre-commit hooks and editors \
            (- reads the spec from standard input).

            Examples:
              formwork lint specs
              formwork lint specs/app.yaml --format json
              formwork lint specs --format github    # annotations in a GitHub Actions job
              git show HEAD:specs/app.yaml | formwork lint - --stdin-name specs/app.yaml
            """)

    @Argument(help: "Spec files, - for standard input, or directories searched recursively for specs (*.yaml and *.yml with a top-level formwork: key).")
    var paths: [String]

    @Flag(name: .long, help: "Check the template as compile --minify would write it.")
    var minify = false

    @Flag(name: .customLong("cfn-lint"),
          help: "Also run the installed cfn-lint on each compiled template, and report its findings at the spec lines that caused them.")
    var cfnLint = false

    @OptionGroup var common: CommonOptions

    @OptionGroup var gates: GateOptions

    func validate() throws {
        try gates.validate(paths: paths)
        _ = try common.parameterOverrides()
    }

    func run() throws {
        let session = Session(options: common, gates: gates, sourceMaps: cfnLint, minify: minify)
        guard cfnLint else { try session.run(paths: paths) { _ in [] } }
        let failure = FailureBox()
        try session.run(paths: paths, handle: { _ in [] }, finally: { failure.diagnostics }, batch: { outcomes in
            let inputs = outcomes.map { CfnLint.Input(path: $0.input.path, text: $0.text, sourceMap: $0.sourceMap) }
            switch CfnLint.check(inputs) {
            case .success(let findings): return findings
            case .failure(let problem):
                failure.diagnostics = [.error(.cfnLintFailed, problem.message, at: .wholeFile("cfn-lint"))]
                return []
            }
        })
    }

    /// What went wrong running cfn-lint, reported once after the specs.
    final class FailureBox { var diagnostics: [Diagnostic] = [] }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a diagnostic code: what it checks, the rule reporting it, its source.",
        discussion: """
            The text is built into formwork, from the same source as docs/diagnostics.md; nothing is read at run time. \
            An unknown code exits 2.

            Examples:
              formwork explain FW2002
              formwork explain fw6010
            """)

    @Argument(help: ArgumentHelp("A diagnostic code, FW and four digits.", valueName: "code"))
    var code: String

    func run() throws {
        guard let known = CodeDocumentation.code(named: code) else {
            writeError("error: unknown diagnostic code '\(code)' (codes are FW and four digits; docs/diagnostics.md lists them)\n")
            exitProcess(2)
        }
        print(CodeDocumentation.explanation(of: known), terminator: "")
    }
}

struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("param"), help: ArgumentHelp("Override a parameter's default.", valueName: "name=value"))
    var params: [String] = []

    @Option(help: ArgumentHelp(
        "How to report diagnostics: text (to standard error), json, sarif (SARIF 2.1.0) or github (workflow commands), the last three to standard output.",
        valueName: "format"))
    var format: DiagnosticFormat = .text

    @Option(help: "When to color diagnostics: auto (a terminal without NO_COLOR), always, never.")
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Print only diagnostics, not what was written.")
    var quiet = false

    @Option(name: [.customShort("j", allowingJoined: true), .long],
            help: "How many specs to compile at once (default: one per available core; 1 compiles them one by one).")
    var jobs: Int?

    @Flag(help: "After the run, print to standard error the wall time and allocations of each phase and rule, summed over the specs.")
    var timePasses = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of at least 1, found \(jobs)") }
    }

    func parameterOverrides() throws -> [String: String] {
        var overrides: [String: String] = [:]
        for param in params {
            guard let equals = param.firstIndex(of: "="), equals != param.startIndex else {
                throw ValidationError("--param takes name=value, found '\(param)'")
            }
            overrides[String(param[..<equals])] = String(param[param.index(after: equals)...])
        }
        return overrides
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    // What swift-argument-parser would derive through `String(describing:)`, written out (start-up).
    var defaultValueDescription: String { rawValue }
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
    static var allValueDescriptions: [String: String] { [:] }
}

/// `--format`: how diagnostics are reported. Columns count Unicode scalars
/// in every format; `json` also gives UTF-16 columns.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    /// For a terminal, on standard error (the default).
    case text
    /// One document on standard output, as CLI.md defines it.
    case json
    /// One SARIF 2.1.0 log on standard output, for code scanning.
    case sarif
    /// GitHub Actions workflow commands on standard output, one a diagnostic.
    case github

    /// Whether the format is one document written at the end of the run.
    var isDocument: Bool { self == .json || self == .sarif }

    var defaultValueDescription: String { rawValue }
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
    static var allValueDescriptions: [String: String] { [:] }
}
