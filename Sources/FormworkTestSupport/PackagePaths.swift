import Foundation

/// Paths inside the package, found from this file's location (tests run
/// with any working directory).
public enum PackagePaths {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Sources/FormworkTestSupport/PackagePaths.swift
        return url.path
    }()

    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// A new, empty directory under the system's temporary directory.
    public static func temporaryDirectory(_ prefix: String = "formwork") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Files in a package directory with one of the given suffixes, sorted.
    public static func files(in relative: String, suffixes: [String]) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []
        return names.filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted()
    }

    /// The built `formwork` executable beside the test binary (whatever the
    /// build folder, `--scratch-path` included), else in `.build/debug`.
    public static var executable: String {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var beside: [String] = []
        var directory = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {  // the test binary may sit inside an .xctest bundle
            beside.append(directory.appendingPathComponent("formwork").path)
            directory.deleteLastPathComponent()
        }
        let candidates = beside + [path(".build/debug/formwork")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }
}
