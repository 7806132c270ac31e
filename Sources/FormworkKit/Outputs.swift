import FormworkDiagnostics

/// Writing compiled templates: each to a temporary file renamed into place.
public enum Outputs {
    /// Writes `template` as `directory/name`; returns a diagnostic on failure.
    public static func write(_ template: String, directory: String, name: String, spec: String) -> Diagnostic? {
        if let problem = FileSystem.makeDirectories(directory) {
            return .error(.cannotWrite, problem, at: .wholeFile(spec))
        }
        let path = SpecDiscovery.join(directory, name)
        if let problem = FileSystem.writeAtomically(template, to: path) {
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
}
