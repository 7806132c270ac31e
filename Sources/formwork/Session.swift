import FormworkDiagnostics
import FormworkKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run over the command line's specs: discovery, compiling, printing
/// diagnostics to standard error, and the exit status.
struct Session {
    let options: CommonOptions
    let renderer: TextRenderer
    /// Whether compiles record source maps (`compile --source-map`).
    let sourceMaps: Bool
    /// Whether templates are written as compact JSON (`--minify`).
    let minify: Bool

    init(options: CommonOptions, sourceMaps: Bool = false, minify: Bool = false) {
        self.options = options
        self.sourceMaps = sourceMaps
        self.minify = minify
        let colors = switch options.color {
        case .always: true
        case .never: false
        case .auto: isatty(STDERR_FILENO) == 1 && (getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true)
        }
        self.renderer = TextRenderer(colors: colors)
    }

    func say(_ line: String) {
        guard !options.quiet else { return }
        print(line)
    }

    /// At most this many diagnostics are shown for one spec, in display
    /// order, then a note saying how many were left out: a spec with
    /// thousands of mistakes gets a readable answer quickly.
    static let maxDiagnostics = 100

    /// Compiles every spec and hands each result to `handle`, which may add
    /// diagnostics of its own (a failed write). Returns the exit status. A
    /// `--param` that no spec declares is reported before anything is
    /// handed on, so nothing is written or removed.
    func run(paths: [String], handle: (SpecInput, Compilation) -> [Diagnostic]) throws -> Int32 {
        let overrides = try options.parameterOverrides()
        let (inputs, problems) = SpecDiscovery.specs(for: paths)
        var all = problems
        show(problems, sources: SourceFiles())
        guard !problems.hasErrors else { return problems.exitStatus }
        let compilations = inputs.map { input in
            Compiler.compile(file: input.path, options: CompileOptions(parameterOverrides: overrides, sourceMap: sourceMaps,
                                                                       minify: minify))
        }
        let undeclared = ParameterOverrides.undeclared(overrides, in: compilations, commandLinePath: paths[0])
        if !undeclared.isEmpty {
            show(undeclared, sources: SourceFiles())
            summarize(undeclared, specs: inputs.count)
            return undeclared.exitStatus
        }
        for (input, compiled) in zip(inputs, compilations) {
            var sources = SourceFiles()
            sources.add(path: input.path, text: compiled.sourceText)
            let diagnostics = compiled.diagnostics + handle(input, compiled)
            show(Self.limited(diagnostics, path: input.path), sources: sources)
            all += diagnostics
        }
        summarize(all, specs: inputs.count)
        return all.exitStatus
    }

    static func limited(_ diagnostics: [Diagnostic], path: String) -> [Diagnostic] {
        guard diagnostics.count > maxDiagnostics else { return diagnostics }
        return Array(diagnostics.prefix(maxDiagnostics)) + [.tooManyDiagnostics(diagnostics.count - maxDiagnostics, path: path)]
    }

    private func show(_ diagnostics: [Diagnostic], sources: SourceFiles) {
        guard !diagnostics.isEmpty else { return }
        writeError(renderer.render(diagnostics, sources: sources))
    }

    private func summarize(_ diagnostics: [Diagnostic], specs: Int) {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        guard errors + warnings > 0 else { return }
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        writeError("\(count(errors, "error")), \(count(warnings, "warning")) in \(count(specs, "spec"))\n")
    }
}

/// Writes to standard error (unbuffered, so it interleaves with nothing).
func writeError(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let count = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if count <= 0 { return }
        offset += count
    }
}
