import CAllocationCount
import FormworkCFN
import FormworkDiagnostics
import FormworkKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run over the command line's specs: discovery, compiling on every
/// core, printing diagnostics to standard error in input order, and the exit
/// status. What it prints and writes is the same whatever the number of jobs.
struct Session {
    let options: CommonOptions
    let gates: GateOptions
    /// `compile` reports two specs for one output; `lint` does not.
    let checkOutputs: Bool
    /// Whether standard output carries a template (`compile -`), so nothing else is printed there.
    let printsTemplate: Bool
    let renderer: TextRenderer
    /// Whether compiles record source maps (`compile --source-map`).
    let sourceMaps: Bool
    /// Whether templates are written as compact JSON (`--minify`).
    let minify: Bool
    /// `--time-passes`: the run's timer, into which each spec's is merged.
    let timer: PassTimer?
    /// What `--format json` and `sarif` print at the end: every diagnostic of the run.
    let collected: Collected?

    init(options: CommonOptions, gates: GateOptions, checkOutputs: Bool = false, printsTemplate: Bool = false,
         sourceMaps: Bool = false, minify: Bool = false) {
        self.options = options
        self.gates = gates
        self.checkOutputs = checkOutputs
        self.printsTemplate = printsTemplate
        self.sourceMaps = sourceMaps
        self.minify = minify
        let colors = switch options.color {
        case .always: true
        case .never: false
        case .auto: isatty(STDERR_FILENO) == 1 && (getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true)
        }
        self.renderer = TextRenderer(colors: colors)
        self.timer = options.timePasses ? Session.makeTimer() : nil
        self.collected = options.format.isDocument ? Collected() : nil
    }

    /// A line about what was written. With a format that writes one
    /// document to standard output, it goes to standard error.
    func say(_ line: String) {
        guard !options.quiet, !printsTemplate else { return }
        if options.format.isDocument { writeError(line + "\n") } else { print(line) }
    }

    /// The diagnostics of a run whose format is one document, gathered on
    /// the main thread in input order.
    final class Collected {
        var diagnostics: [Diagnostic] = []
        var sources = SourceFiles()
    }

    /// At most this many diagnostics are shown for one spec, in display
    /// order, then a note saying how many were left out: a spec with
    /// thousands of mistakes gets a readable answer quickly.
    static let maxDiagnostics = 100

    /// What the command line keeps of one compile: what it prints and
    /// writes. The spec and template are dropped on the thread that
    /// compiled them.
    struct Outcome: Sendable {
        let input: SpecInput
        let sourceText: String
        let diagnostics: [Diagnostic]
        /// The first `maxDiagnostics` of `diagnostics`, rendered.
        let rendered: String
        let text: String?
        let sourceMapJSON: String?
        /// The source map itself, for what maps the template back to the spec (`lint --cfn-lint`).
        let sourceMap: SourceMap?
        let parameterNames: [String]?
        /// This spec's phases and rules, with `--time-passes`.
        let timer: PassTimer?
    }

    /// Compiles every spec, on `--jobs` threads, and hands each result to
    /// `handle` in input order, which may add diagnostics of its own (a
    /// failed write); prints the diagnostics and the summary, then exits
    /// with the run's status, leaving what it compiled to the operating
    /// system. A `--param` that no spec declares is reported before
    /// anything is handed on, so nothing is written or removed. After the
    /// last spec, `finally` runs and may add diagnostics of the whole run.
    /// With `--strict`, a warning makes the run exit 1.
    /// With `batch`, every spec is compiled before any is reported, and
    /// `batch` gives each outcome more diagnostics (cfn-lint's, from one run
    /// over all the templates), shown with the spec's own.
    func run(paths: [String], handle: (Outcome) -> [Diagnostic], finally: () -> [Diagnostic] = { [] },
             batch: (([Outcome]) -> [[Diagnostic]])? = nil) throws -> Never {
        let start = PassTimer.now()
        let overrides = try options.parameterOverrides()
        let (inputs, problems) = SpecDiscovery.specs(for: paths, stdinName: gates.stdinName,
                                                     onlySpecs: gates.skipNonSpecs, checkOutputs: checkOutputs)
        show(problems, sources: SourceFiles())
        guard !problems.hasErrors else {
            if collected != nil { summarize(Summary(problems), specs: 0) }
            finish(problems.exitStatus)
        }
        var summary = Summary(problems)
        let jobs = options.jobs ?? Parallel.availableCores
        let standardInput = inputs.first(where: \.isStandardInput).map { Compiler.StandardInput.read(path: $0.path) }
        let compile = compiler(inputs, jobs: jobs, standardInput: standardInput)
        func report(_ outcome: Outcome, more: [Diagnostic] = []) {
            if let timer, let specTimer = outcome.timer { timer.add(specTimer) }
            let extra = timer.measure("write") { handle(outcome) } + more
            switch options.format {
            case .text: writeError(Self.rendered(outcome, extra: extra, renderer: renderer))
            case .github: print(GitHubRenderer().render(Self.shown(outcome, extra: extra)), terminator: "")
            case .json, .sarif:
                let shown = Self.shown(outcome, extra: extra)
                // The text is kept only for the specs with something to show (for UTF-16 columns, fingerprints).
                if !shown.isEmpty { collected?.sources.add(path: outcome.input.path, text: outcome.sourceText) }
                collected?.diagnostics += shown
            }
            summary.add(outcome.diagnostics + extra)
        }
        if overrides.isEmpty, batch == nil {
            Parallel.forEachInOrder(count: inputs.count, jobs: jobs, work: compile) { _, outcome in report(outcome) }
        } else {
            // Every spec's parameters are known before anything is written.
            var outcomes: [Outcome] = []
            Parallel.forEachInOrder(count: inputs.count, jobs: jobs, work: compile) { _, outcome in outcomes.append(outcome) }
            let declared = outcomes.map { ($0.input.path, $0.parameterNames) }
            let undeclared = ParameterOverrides.undeclared(overrides, in: declared, commandLinePath: paths[0])
            if !undeclared.isEmpty {
                show(undeclared, sources: SourceFiles())
                summarize(Summary(undeclared), specs: inputs.count)
                finish(undeclared.exitStatus, specs: inputs.count, jobs: jobs, since: start)
            }
            let more = batch?(outcomes) ?? []
            for (index, outcome) in outcomes.enumerated() { report(outcome, more: index < more.count ? more[index] : []) }
        }
        let last = finally()
        show(last, sources: SourceFiles())
        summary.add(last)
        if gates.strict, summary.warnings > 0 { summary.status = max(summary.status, 1) }
        summarize(summary, specs: inputs.count)
        finish(summary.status, specs: inputs.count, jobs: jobs, since: start)
    }

    /// Compiles one spec of `inputs` and renders its diagnostics; callable
    /// from any thread.
    private func compiler(_ inputs: [SpecInput], jobs: Int, standardInput: Compiler.StandardInput?)
        -> @Sendable (Int) -> Outcome
    {
        // Cores the specs leave idle go to each spec's compile: one spec gets them all.
        let options = CompileOptions(parameterOverrides: (try? self.options.parameterOverrides()) ?? [:],
                                     sourceMap: sourceMaps, minify: minify, threads: max(1, jobs / max(1, inputs.count)))
        let timing = timer != nil
        let renderer = renderer
        let rendersText = self.options.format == .text
        return { index in
            let input = inputs[index]
            let timer = timing ? Session.makeTimer() : nil
            let compiled = if input.isStandardInput, let standardInput {
                Compiler.compile(standardInput: standardInput, path: input.path, options: options, timer: timer)
            } else {
                Compiler.compile(file: input.path, options: options, timer: timer)
            }
            let rendered = timer.measure("render") {
                guard rendersText, !compiled.diagnostics.isEmpty else { return "" }
                var sources = SourceFiles()
                sources.add(path: input.path, text: compiled.sourceText)
                return renderer.render(Array(compiled.diagnostics.prefix(Self.maxDiagnostics)), sources: sources)
            }
            let outcome = Outcome(input: input, sourceText: compiled.sourceText, diagnostics: compiled.diagnostics,
                                  rendered: rendered, text: compiled.text, sourceMapJSON: compiled.sourceMapJSON,
                                  sourceMap: compiled.sourceMap, parameterNames: compiled.parameterNames, timer: timer)
            // The last compiles are never torn down: the process exits after them.
            if index >= inputs.count - jobs { KeptUntilExit.keep(compiled) }
            return outcome
        }
    }

    /// The diagnostics of one spec that are shown: the first `maxDiagnostics`
    /// of its own and then of `extra`, then a note saying how many more
    /// there were.
    static func shown(_ outcome: Outcome, extra: [Diagnostic]) -> [Diagnostic] {
        var shown = Array(outcome.diagnostics.prefix(maxDiagnostics))
        let total = outcome.diagnostics.count + extra.count
        shown += extra.prefix(max(0, maxDiagnostics - outcome.diagnostics.count))
        if total > maxDiagnostics { shown.append(.tooManyDiagnostics(total - maxDiagnostics, path: outcome.input.path)) }
        return shown
    }

    /// The diagnostics of one spec as a serial run prints them: the first
    /// `maxDiagnostics` of its own and then of `extra`, then a note saying
    /// how many more there were.
    static func rendered(_ outcome: Outcome, extra: [Diagnostic], renderer: TextRenderer) -> String {
        var text = outcome.rendered
        let total = outcome.diagnostics.count + extra.count
        let room = max(0, maxDiagnostics - outcome.diagnostics.count)
        var more = Array(extra.prefix(room))
        if total > maxDiagnostics { more.append(.tooManyDiagnostics(total - maxDiagnostics, path: outcome.input.path)) }
        if !more.isEmpty {
            var sources = SourceFiles()
            sources.add(path: outcome.input.path, text: outcome.sourceText)
            text += renderer.render(more, sources: sources)
        }
        return text
    }

    private func show(_ diagnostics: [Diagnostic], sources: SourceFiles) {
        guard !diagnostics.isEmpty else { return }
        switch options.format {
        case .text: writeError(renderer.render(diagnostics, sources: sources))
        case .github: print(GitHubRenderer().render(diagnostics), terminator: "")
        case .json, .sarif: collected?.diagnostics += diagnostics
        }
    }

    /// Errors and warnings of the whole run, and its exit status.
    struct Summary {
        var errors = 0
        var warnings = 0
        var status: Int32 = 0

        init(_ diagnostics: [Diagnostic] = []) { add(diagnostics) }

        mutating func add(_ diagnostics: [Diagnostic]) {
            for diagnostic in diagnostics {
                if diagnostic.severity == .error { errors += 1 }
                if diagnostic.severity == .warning { warnings += 1 }
            }
            status = max(status, diagnostics.exitStatus)
        }
    }

    private func summarize(_ summary: Summary, specs: Int) {
        if let collected {
            let report = DiagnosticReport(diagnostics: collected.diagnostics, sources: collected.sources, specs: specs,
                                          errors: summary.errors, warnings: summary.warnings)
            print(options.format == .sarif ? Self.sarifRenderer.render(report) : JSONRenderer().render(report),
                  terminator: "")
            return
        }
        guard summary.errors + summary.warnings > 0 else { return }
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let strict = gates.strict && summary.warnings > 0 ? " (--strict: warnings fail)" : ""
        writeError("\(count(summary.errors, "error")), \(count(summary.warnings, "warning")) in \(count(specs, "spec"))\(strict)\n")
    }

    static let sarifRenderer = SARIFRenderer(toolVersion: FormworkVersion.current,
                                             describe: { CodeDocumentation.sarifDescription(of: $0) })

    /// Prints the `--time-passes` report, flushes standard output and exits:
    /// what was compiled is not torn down, the process is about to end.
    private func finish(_ status: Int32, specs: Int = 0, jobs: Int = 1, since start: UInt64 = 0) -> Never {
        if let timer {
            writeError(PassReport(timer: timer, specs: specs, jobs: min(jobs, max(specs, 1)),
                                  wallNanoseconds: PassTimer.now() - start).text)
        }
        fflush(nil)
        exit(status)
    }

    /// A timer counting this thread's allocations (malloc, calloc, realloc).
    static func makeTimer() -> PassTimer {
        guard formwork_allocations_counted() != 0 else { return PassTimer() }
        formwork_count_allocations()
        return PassTimer { (formwork_thread_allocations(), formwork_thread_allocated_bytes()) }
    }
}

/// Values the process keeps to its end rather than tear down just before
/// exiting (a spec and its template are thousands of objects to release).
enum KeptUntilExit {
    private final class Box<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    static func keep<Value: Sendable>(_ value: Value) {
        _ = Unmanaged.passRetained(Box(value))
    }
}

/// Writes to standard error (unbuffered, so it interleaves with nothing).
func writeError(_ text: String) {
    guard !text.isEmpty else { return }
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let count = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if count <= 0 { return }
        offset += count
    }
}

/// Ends the process with `status` (callable where a command's own static `exit` is in scope).
func exitProcess(_ status: Int32) -> Never {
    fflush(nil)
    exit(status)
}
