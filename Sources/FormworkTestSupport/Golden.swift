import Foundation

/// Golden-file comparison. Byte-for-byte; a difference is reported as a
/// unified diff. With `UPDATE_GOLDEN=1` a differing golden file is rewritten
/// and the check still fails, so a recording run never passes silently.
public enum Golden {
    public static var isUpdating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// Returns nil when `actual` equals the golden file, else a failure message.
    public static func check(_ actual: String, against relativePath: String) -> String? {
        let path = PackagePaths.path(relativePath)
        let expected = try? String(contentsOfFile: path, encoding: .utf8)
        if expected == actual { return nil }
        if isUpdating {
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            do {
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
                return "updated \(relativePath) (UPDATE_GOLDEN=1: rerun without it to check)"
            } catch {
                return "cannot update \(relativePath): \(error)"
            }
        }
        guard let expected else {
            return "missing golden file \(relativePath); run 'make golden' to record it, then read it"
        }
        return "\(relativePath) differs (run 'make golden' to accept):\n" + unifiedDiff(expected, actual)
    }

    /// `diff -u expected actual`.
    public static func unifiedDiff(_ expected: String, _ actual: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("formwork-golden-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("expected").path
        let b = directory.appendingPathComponent("actual").path
        try? expected.write(toFile: a, atomically: true, encoding: .utf8)
        try? actual.write(toFile: b, atomically: true, encoding: .utf8)
        return CLIRunner.run("/usr/bin/diff", ["-u", a, b]).stdout
    }
}
