import Foundation
import FormworkTestSupport
import Testing

/// The SARIF log of every invalid spec, and of every valid one, validates
/// against the official SARIF 2.1.0 schema (read from
/// ../shared/schemas/, never copied into the project) with the pinned
/// jsonschema that `make jsonschema-dep` installs (`make test` does).
@Suite struct SarifSchemaTests {
    static let schema = PackagePaths.path("../shared/schemas/sarif-schema-2.1.0.json")

    /// The pinned jsonschema's Python, in `${FORMWORK_CACHE:-~/.cache/formwork}/jsonschema`.
    static var python: String {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["FORMWORK_CACHE"] ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/formwork"
        return cache + "/jsonschema/bin/python"
    }

    @Test func everySpecsSarifValidatesAgainstTheOfficialSchema() throws {
        try #require(FileManager.default.fileExists(atPath: Self.schema), "no SARIF schema at \(Self.schema)")
        try #require(FileManager.default.isExecutableFile(atPath: Self.python),
                     "jsonschema is not installed at \(Self.python): run 'make jsonschema-dep' (make test does)")
        let directory = try PackagePaths.temporaryDirectory("formwork-sarif")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var logs: [String] = []
        for (folder, command) in [("specs/invalid", "compile"), ("specs", "lint")] {
            for name in PackagePaths.files(in: folder, suffixes: [".yaml", ".yml"]) {
                let stem = GoldenTests.stem(name)
                let args = GoldenTests.extraArguments("\(folder)/\(stem).args")
                let out = directory + "/out"
                let result = CLIRunner.formwork([command, "\(folder)/\(name)", "--format", "sarif", "--out", out]
                                                    .filter { command == "compile" || ($0 != "--out" && $0 != out) } + args)
                #expect(result.status == (folder == "specs" ? 0 : 1), "\(name): \(result.stderr)")
                let log = "\(directory)/\(folder == "specs" ? "" : "invalid-")\(stem).sarif"
                try result.stdout.write(toFile: log, atomically: true, encoding: .utf8)
                logs.append(log)
            }
        }
        #expect(logs.count >= 100)
        let validation = CLIRunner.run(Self.python, [PackagePaths.path("scripts/validate-json.py"), Self.schema] + logs)
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        #expect(validation.stdout.hasSuffix("\(logs.count) valid, 0 invalid against \(Self.schema)\n"), "\(validation.stdout)")
    }

    /// The validator can fail: a log without `version` is refused.
    @Test func anInvalidLogFails() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.python), "run 'make jsonschema-dep'")
        let directory = try PackagePaths.temporaryDirectory("formwork-sarif")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try #"{"runs": [{"tool": {"driver": {}}}]}"#.write(toFile: directory + "/bad.sarif", atomically: true, encoding: .utf8)
        let validation = CLIRunner.run(Self.python, [PackagePaths.path("scripts/validate-json.py"), Self.schema, directory + "/bad.sarif"])
        #expect(validation.status == 1)
        #expect(validation.stdout.contains("'version' is a required property"), "\(validation.stdout)")
    }
}
