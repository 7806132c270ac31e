import ArgumentParser

/// The everyday `compile` and `lint` command lines (`formwork compile specs
/// --out out -q`, a hook's `formwork lint --skip-non-specs a.yaml b.yaml`),
/// read without swift-argument-parser, which finds a command's options by
/// reflecting over its properties: `Mirror`, a demangled type name and a
/// dynamic cast each, about 12 M instructions at every start, as much as
/// compiling the post-mortem stack itself (docs/performance.md).
///
/// Only a plain shape is read here: the subcommand, then spec paths and
/// the options below, each spelled as `--name value` or `-q`, an option
/// other than `--param` at most once, no value that starts with `-`.
/// Anything else — `--help`, `--version`, `--out=DIR`, `-j4`, `--`, an
/// unknown or repeated option, a missing value, a value
/// swift-argument-parser would refuse, a failed `validate()` — returns nil,
/// and swift-argument-parser parses the whole line as before: its help,
/// errors and completions are what users get. The commands built here are
/// the ones it builds; `QuickArgumentsTests` compares the two.
enum QuickArguments {
    /// The command `arguments` (without the program name) ask for, validated; nil when swift-argument-parser must read them.
    static func command(_ arguments: some Collection<String>) -> ParsableCommand? {
        guard let name = arguments.first else { return nil }
        let rest = arguments.dropFirst()
        switch name {
        case "compile":
            guard let line = Line(rest, options: ["--out"], flags: ["--source-map", "--minify", "--check", "--prune"]),
                  var command = line.compile()
            else { return nil }
            return (try? command.validateAll()) == nil ? nil : command
        case "lint":
            guard let line = Line(rest, options: [], flags: ["--minify", "--cfn-lint"]), var command = line.lint()
            else { return nil }
            return (try? command.validateAll()) == nil ? nil : command
        default:
            return nil
        }
    }

    /// The options of `CommonOptions` and `GateOptions`, by their long names.
    static let commonOptions = ["--param", "--format", "--color", "--jobs", "--stdin-name"]
    static let commonFlags = ["--quiet", "--time-passes", "--strict", "--skip-non-specs"]
    /// Short names, as `CommonOptions` declares them.
    static let shortNames = [("-q", "--quiet"), ("-j", "--jobs")]

    /// One command line split into paths, option values and flags.
    struct Line {
        var paths: [String] = []
        /// Each option given and its values, in order (only `--param` has more than one).
        var values: [(name: String, value: String)] = []
        var flags: [String] = []

        init?(_ arguments: some Collection<String>, options: [String], flags: [String]) {
            let options = options + QuickArguments.commonOptions, known = flags + QuickArguments.commonFlags
            var iterator = arguments.makeIterator()
            while let token = iterator.next() {
                if token == "-" || !token.hasPrefix("-") {
                    // `help` may name swift-argument-parser's help; an empty argument is left to it too.
                    guard !token.isEmpty, token != "help" else { return nil }
                    paths.append(token)
                    continue
                }
                let name = QuickArguments.shortNames.first { $0.0 == token }?.1 ?? token
                if known.contains(name) {
                    guard !self.flags.contains(name) else { return nil }
                    self.flags.append(name)
                } else if options.contains(name) {
                    guard name == "--param" || !values.contains(where: { $0.name == name }),
                          let value = iterator.next(), !value.hasPrefix("-")
                    else { return nil }
                    values.append((name, value))
                } else {
                    return nil
                }
            }
        }

        func has(_ flag: String) -> Bool { flags.contains(flag) }
        func value(_ name: String) -> String? { values.first { $0.name == name }?.value }

        /// `CommonOptions` and `GateOptions`, every property set (a property
        /// wrapper not set here would stop the process when read); nil when a
        /// value is not one swift-argument-parser takes.
        func shared() -> (CommonOptions, GateOptions)? {
            var common = CommonOptions()
            common.params = values.filter { $0.name == "--param" }.map(\.value)
            guard let format = value("--format").map(DiagnosticFormat.init(rawValue:)) ?? .text,
                  let color = value("--color").map(ColorChoice.init(rawValue:)) ?? .auto
            else { return nil }
            common.format = format
            common.color = color
            common.quiet = has("--quiet")
            if let jobs = value("--jobs") {
                guard let number = Int(jobs) else { return nil }
                common.jobs = number
            } else {
                common.jobs = nil
            }
            common.timePasses = has("--time-passes")
            var gates = GateOptions()
            gates.strict = has("--strict")
            gates.stdinName = value("--stdin-name")
            gates.skipNonSpecs = has("--skip-non-specs")
            return (common, gates)
        }

        func compile() -> Compile? {
            guard let (common, gates) = shared() else { return nil }
            var command = Compile()
            command.paths = paths
            command.out = value("--out") ?? "out"
            command.sourceMap = has("--source-map")
            command.minify = has("--minify")
            command.check = has("--check")
            command.prune = has("--prune")
            command.common = common
            command.gates = gates
            return command
        }

        func lint() -> Lint? {
            guard let (common, gates) = shared() else { return nil }
            var command = Lint()
            command.paths = paths
            command.minify = has("--minify")
            command.cfnLint = has("--cfn-lint")
            command.common = common
            command.gates = gates
            return command
        }
    }
}

extension Compile {
    /// What swift-argument-parser validates after parsing: each option group, then the command.
    mutating func validateAll() throws {
        try common.validate()
        try gates.validate()
        try validate()
    }
}

extension Lint {
    mutating func validateAll() throws {
        try common.validate()
        try gates.validate()
        try validate()
    }
}
