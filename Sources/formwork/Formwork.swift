import ArgumentParser
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
            var command = try parseAsRoot()
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
            Writes DIR/<spec file stem>.json for each spec. A spec with errors writes nothing, and its stale template is removed.

            Examples:
              formwork compile specs --out out
              formwork compile specs/app.yaml --out out --param env=prod --source-map
              formwork compile specs --out out --format sarif > formwork.sarif
            """)

    @Argument(help: "Spec files, or directories whose *.yaml and *.yml files are specs.")
    var paths: [String]

    @Option(name: .long, help: "The directory the templates are written to.")
    var out: String = "out"

    @Flag(name: .long, help: "Also write DIR/<spec file stem>.map.json: each template value's JSON pointer and the spec range it comes from.")
    var sourceMap = false

    @Flag(name: .long, help: "Write compact JSON, without spaces or line breaks (the source map is the same).")
    var minify = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one spec file or directory") }
        _ = try common.parameterOverrides()
    }

    func run() throws {
        let session = Session(options: common, sourceMaps: sourceMap, minify: minify)
        var swept = false
        try session.run(paths: paths) { compiled in
            // Before the first write: what runs killed mid-write left here.
            if !swept {
                swept = true
                for leftover in Outputs.removeLeftovers(directory: out) { session.say("removed leftover \(leftover)") }
            }
            let input = compiled.input
            var outputs = [(input.outputName, compiled.text)]
            if sourceMap { outputs.append((input.sourceMapName, compiled.sourceMapJSON)) }
            for (name, text) in outputs {
                if let text {
                    if let problem = Outputs.write(text, directory: out, name: name, spec: input.path) { return [problem] }
                    session.say("wrote \(SpecDiscovery.join(out, name))")
                } else if let removed = Outputs.removeStale(directory: out, name: name) {
                    session.say("removed stale \(removed)")
                }
            }
            return []
        }
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check specs without writing anything.",
        discussion: """
            Runs every phase of compile except writing templates; for pre-commit hooks and editors.

            Examples:
              formwork lint specs
              formwork lint specs/app.yaml --format json
              formwork lint specs --format github    # annotations in a GitHub Actions job
            """)

    @Argument(help: "Spec files, or directories whose *.yaml and *.yml files are specs.")
    var paths: [String]

    @Flag(name: .long, help: "Check the template as compile --minify would write it.")
    var minify = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one spec file or directory") }
        _ = try common.parameterOverrides()
    }

    func run() throws {
        try Session(options: common, minify: minify).run(paths: paths) { _ in [] }
    }
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
