import FormworkDiagnostics

/// Writing compiled templates: each to a temporary file renamed into place;
/// and `compile --check`, which compares them with what is there instead.
public enum Outputs {
    /// Writes `template` as `directory/name` (unless it holds exactly that
    /// already: `FileSystem.writeIfChanged`); returns a diagnostic on failure.
    public static func write(_ template: String, directory: String, name: String, spec: String) -> Diagnostic? {
        if let problem = FileSystem.makeDirectories(directory) {
            return .error(.cannotWrite, problem, at: .wholeFile(spec))
        }
        let path = SpecDiscovery.join(directory, name)
        if let problem = FileSystem.writeIfChanged(template, to: path) {
            return .error(.cannotWrite, problem, at: .wholeFile(spec))
        }
        return nil
    }

    /// Removes the temporary files that runs killed while writing into
    /// `directory` left there (never those of a run still going); returns
    /// their paths.
    public static func removeLeftovers(directory: String) -> [String] {
        FileSystem.kind(directory) == .directory ? FileSystem.removeLeftovers(in: directory) : []
    }

    /// Removes the output a failed spec wrote earlier, so no stale template
    /// survives a failed compile. Returns the removed path.
    public static func removeStale(directory: String, name: String) -> String? {
        let path = SpecDiscovery.join(directory, name)
        return FileSystem.kind(path) == .file && FileSystem.remove(path) ? path : nil
    }

    /// `compile --check`: whether `directory/name` holds exactly `text`.
    /// A missing file is reported at the spec; a stale one at its first
    /// byte that differs (line and column in Unicode scalars).
    public static func check(_ text: String, directory: String, name: String, spec: String) -> Diagnostic? {
        let path = SpecDiscovery.join(directory, name)
        guard FileSystem.kind(path) != .missing else { return .missingOutput(path, spec: spec) }
        switch FileSystem.read(path, limit: 256 * 1024 * 1024) {
        case .bytes(let old):
            let new = Array(text.utf8)
            guard old != new else { return nil }
            var line = 1, column = 1, index = 0
            while index < old.count, index < new.count, old[index] == new[index] {
                if old[index] == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if old[index] & 0xC0 != 0x80 {
                    column += 1
                }
                index += 1
            }
            return .staleOutput(path, spec: spec, at: SourceRange(file: path, line: line, column: column))
        case .tooLarge:
            return .staleOutput(path, spec: spec, at: .wholeFile(path))
        case .failed(let problem):
            return .error(.cannotRead, "cannot read \(path): \(problem)", at: .wholeFile(path))
        }
    }

    /// Removes the listed output `name` of `directory` for `compile --prune`; returns its path when removed.
    public static func prune(directory: String, name: String) -> String? {
        removeStale(directory: directory, name: name)
    }
}

// MARK: - Diagnostics (FW002x: the templates in --out against the specs; they exit 1)

extension DiagnosticCode {
    public static let staleOutput = DiagnosticCode("FW0020", .outputs, "compile --check: a template in --out is not what its spec compiles to")
    public static let missingOutput = DiagnosticCode("FW0021", .outputs, "compile --check: a spec's template is not in --out")
    public static let orphanedOutput = DiagnosticCode("FW0022", .outputs, "compile --check: a template Formwork wrote in --out has lost its spec")

    public static let allOutputCodes: [DiagnosticCode] = [.staleOutput, .missingOutput, .orphanedOutput]
}

extension Diagnostic {
    static func staleOutput(_ path: String, spec: String, at range: SourceRange) -> Diagnostic {
        .error(.staleOutput, "\(path) is stale: \(spec) compiles to something else from here", at: range,
               help: ["compile without --check to rewrite it"])
    }

    static func missingOutput(_ path: String, spec: String) -> Diagnostic {
        .error(.missingOutput, "\(path) is missing: this spec compiles to it", at: .wholeFile(spec),
               help: ["compile without --check to write it"])
    }

    public static func orphanedOutput(_ path: String, spec: String) -> Diagnostic {
        .error(.orphanedOutput, "\(path) is orphaned: formwork wrote it from \(spec), which is gone", at: .wholeFile(path),
               help: ["compile with --prune to remove it"])
    }
}
