import ArgumentParser

/// What `lint` and `compile` share beyond `CommonOptions`: the CI gate
/// (`--strict`) and how specs are found (standard input, named files that
/// are not specs).
struct GateOptions: ParsableArguments {
    @Flag(help: "Warnings fail: exit 1, and a spec with warnings is treated as one with errors (compile writes no template for it).")
    var strict = false

    @Option(name: .customLong("stdin-name"),
            help: ArgumentHelp("The path that names the spec read from - (standard input) in diagnostics; compile then writes its template as that file's (without it, compile prints the template of - on standard output).",
                               valueName: "path"))
    var stdinName: String?

    @Flag(name: .customLong("skip-non-specs"),
          help: "Skip named files without a top-level formwork: key, as a directory search does (for pre-commit, which names every staged YAML file).")
    var skipNonSpecs = false

    /// `-` may be given once: standard input is read once.
    func validate(paths: [String]) throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one spec file or directory, or - for standard input") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (standard input) may be given once") }
        if stdinName != nil, !paths.contains("-") { throw ValidationError("--stdin-name names the spec read from -, which is not given") }
    }

    /// Standard input without `--stdin-name`: compile prints its template.
    func printsTemplate(_ paths: [String]) -> Bool { paths.contains("-") && stdinName == nil }
}
