import FormworkKit
import FormworkTestSupport
import Foundation
import Testing

/// `formwork schema`: every spec in specs/ validates against it, as an
/// editor's yaml-language-server reads it (scripts/validate-json.py,
/// the pinned jsonschema's draft 2020-12 validator, `make jsonschema-dep`),
/// and every invalid spec whose
/// error is structural does not.
@Suite struct SpecSchemaTests {
    /// The codes of structural mistakes, which the schema states: a wrong
    /// type of node, an unknown key, a missing key, a word not among the choices.
    static let structural: Set<String> = ["FW2001", "FW2002", "FW2003", "FW2005"]

    /// Each spec's verdict: `ok`, or `invalid` and its first error.
    static func validate(_ paths: [String]) throws -> [String: String] {
        let directory = try PackagePaths.temporaryDirectory("formwork-schema")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let schema = directory + "/spec.schema.json"
        try SpecSchema.json.write(toFile: schema, atomically: true, encoding: .utf8)
        try #require(FileManager.default.isExecutableFile(atPath: SarifSchemaTests.python),
                     "jsonschema is not installed at \(SarifSchemaTests.python): run 'make jsonschema-dep' (make test does)")
        let result = CLIRunner.run(SarifSchemaTests.python, [PackagePaths.path("scripts/validate-json.py"), schema] + paths)
        try #require(result.status == 0 || result.status == 1, "validate-json.py: \(result.stderr)")
        let errors = result.stdout.split(separator: "\n")
        var verdicts: [String: String] = [:]
        for path in paths {
            verdicts[path] = errors.first { $0.hasPrefix(path + ": /") }.map { "invalid: " + $0.dropFirst(path.count + 2) } ?? "ok"
        }
        return verdicts
    }

    static func specs(_ folder: String) -> [String] {
        let directory = PackagePaths.path(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "\(directory)/\($0)" }
    }

    @Test func everySpecValidates() throws {
        let paths = Self.specs("specs")
        #expect(paths.count >= 20)
        let verdicts = try Self.validate(paths)
        for path in paths {
            #expect(verdicts[path] == "ok", "\(path): \(verdicts[path] ?? "no verdict")")
        }
    }

    @Test func everyStructurallyInvalidSpecFails() throws {
        var structural: [String] = []
        for path in Self.specs("specs/invalid") {
            let codes = Set(Compiler.compile(file: path).diagnostics.filter { $0.severity == .error }.map(\.code.rawValue))
            // Only structural errors: anything else (a reference, a limit) is the compiler's alone.
            if !codes.isEmpty, codes.isSubset(of: Self.structural) { structural.append(path) }
        }
        #expect(structural.count >= 5, "\(structural)")
        let verdicts = try Self.validate(structural)
        for path in structural {
            #expect(verdicts[path]?.hasPrefix("invalid") == true, "\(path): \(verdicts[path] ?? "no verdict")")
        }
    }
}
