/// Everything one run reports, for the formats that write one document
/// (`--format json`, `sarif`) or one line per diagnostic (`github`): the
/// diagnostics in file order, then position; the text of the files they
/// point into; and the run's counts.
public struct DiagnosticReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var sources: SourceFiles
    /// How many specs the run compiled.
    public var specs: Int
    /// Errors and warnings of the whole run (including any left out of
    /// `diagnostics` past the per-spec limit).
    public var errors: Int
    public var warnings: Int

    public init(diagnostics: [Diagnostic] = [], sources: SourceFiles = SourceFiles(), specs: Int = 0,
                errors: Int? = nil, warnings: Int? = nil) {
        self.diagnostics = diagnostics
        self.sources = sources
        self.specs = specs
        self.errors = errors ?? diagnostics.count { $0.severity == .error }
        self.warnings = warnings ?? diagnostics.count { $0.severity == .warning }
    }
}

extension SourceFiles {
    /// The 1-based column of `location` counted in UTF-16 code units, as
    /// editors (LSP, VS Code) count them; `location.column` counts Unicode
    /// scalars. Past the end of the line (or in a file whose text is not
    /// known) each further column is one unit.
    public func utf16Column(of location: SourceLocation, in path: String) -> Int {
        guard let line = line(location.line, in: path) else { return location.column }
        var units = 0
        var scalars = 0
        for scalar in line.unicodeScalars {
            guard scalars < location.column - 1 else { break }
            units += scalar.value > 0xFFFF ? 2 : 1
            scalars += 1
        }
        return 1 + units + max(0, location.column - 1 - scalars)
    }
}

/// A deterministic 64-bit FNV-1a hash, as 16 lowercase hex digits: the
/// same on every run and machine (Swift's `Hasher` is seeded per process).
public func stableHash(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
