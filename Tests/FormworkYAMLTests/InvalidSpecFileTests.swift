import FormworkDiagnostics
import FormworkTestSupport
import Foundation
import Testing
@testable import FormworkYAML

/// Every `specs/invalid/yaml-*.yaml` fails in the YAML layer with a located FW1xxx error.
@Suite struct InvalidSpecFileTests {
    static let files = PackagePaths.files(in: "specs/invalid", suffixes: [".yaml"]).filter { $0.hasPrefix("yaml-") }

    @Test func thereAreEnoughCases() {
        #expect(Self.files.count >= 22)
    }

    @Test(arguments: files)
    func failsInTheYAMLLayer(name: String) throws {
        let data = try #require(FileManager.default.contents(atPath: PackagePaths.path("specs/invalid/" + name)))
        let (root, diagnostics) = YAMLParser.parse(Array(data), file: name)
        #expect(root == nil)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { DiagnosticCode.allYAMLCodes.contains($0.code) && $0.range.start.line >= 1 })
    }
}
