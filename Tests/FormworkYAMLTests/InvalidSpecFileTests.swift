import FormworkDiagnostics
import Glibc
import Testing
@testable import FormworkYAML

/// Every `specs/invalid/yaml-*.yaml` fails in the YAML layer with a located FW1xxx error.
@Suite struct InvalidSpecFileTests {
    static let directory: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path + "/specs/invalid"
    }()

    static let files: [String] = {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix("yaml-") && name.hasSuffix(".yaml") { names.append(name) }
        }
        return names.sorted()
    }()

    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    @Test func thereAreEnoughCases() {
        #expect(Self.files.count >= 22)
    }

    @Test(arguments: files)
    func failsInTheYAMLLayer(name: String) throws {
        let bytes = try #require(Self.read(Self.directory + "/" + name))
        let (root, diagnostics) = YAMLParser.parse(bytes, file: name)
        #expect(root == nil)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { DiagnosticCode.allYAMLCodes.contains($0.code) && $0.range.start.line >= 1 })
    }
}
