import FormworkDiagnostics
import FormworkSpec

/// `--param name=value` across the specs of one run: each override applies
/// to the specs that declare the parameter (`compile specs --param env=prod`
/// sets `env` where there is one), and is an error only when none does.
public enum ParameterOverrides {
    /// An FW0007 error for each override no spec of the run declares, at
    /// the one spec, or at the first path of the command line. The command
    /// line then writes nothing and removes nothing: a misspelled name would
    /// otherwise compile every spec with its default. Each spec is given by
    /// its path and its `Compilation.parameterNames`.
    public static func undeclared(_ overrides: [String: String], in specs: [(path: String, parameters: [String]?)],
                                  commandLinePath: String) -> [Diagnostic]
    {
        let declared = specs.compactMap(\.parameters).flatMap { $0 }
        let known = Set(declared)
        let unread = specs.filter { $0.parameters == nil }.map(\.path)
        let location = specs.count == 1 ? specs[0].path : commandLinePath
        var seen = Set<String>()
        let names = declared.filter { seen.insert($0).inserted }
        return overrides.keys.sorted().filter { !known.contains($0) }.map { name in
            .unknownParameterOverride(name, at: location, specs: specs.count, known: names, unread: unread)
        }
    }
}

extension Diagnostic {
    static func unknownParameterOverride(_ name: String, at file: String, specs: Int, known: [String],
                                         unread: [String]) -> Diagnostic
    {
        let subject = specs == 1 ? "the spec has no parameter '\(name)'" : "none of the \(specs) specs has a parameter '\(name)'"
        var help = [Suggestions.closest(to: name, in: known).map { "did you mean '\($0)'?" }
            ?? (known.isEmpty ? (specs == 1 ? "this spec declares no parameters" : "these specs declare no parameters")
                : "parameters: \(known.joined(separator: ", "))")]
        if !unread.isEmpty {
            help.append("the parameters of \(unread.joined(separator: ", ")) are unknown: it did not decode")
        }
        if specs > 1 { help.append("no template was written or removed: fix the name and run again") }
        return .error(.badParameterOverride, "--param \(name): \(subject)", at: .wholeFile(file), help: help)
    }
}
