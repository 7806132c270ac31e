import Foundation
import FormworkTestSupport
import Testing

/// `specs/*.yaml` compile to `golden/*.json`, with their source maps in
/// `golden/*.map.json`; `specs/invalid/*.yaml` fail
/// with the diagnostics in `golden/invalid/*.txt`. Each case runs the built
/// `formwork` binary, so exit status, output files and rendering are checked
/// together. Extra arguments for a case live beside it in `<stem>.args`.
/// `make golden` (UPDATE_GOLDEN=1) rewrites what differs and fails.
@Suite struct GoldenTests {
    static let validSpecs = PackagePaths.files(in: "specs", suffixes: [".yaml", ".yml"])
    static let invalidSpecs = PackagePaths.files(in: "specs/invalid", suffixes: [".yaml", ".yml"])

    @Test func thereAreCases() {
        #expect(Self.validSpecs.count >= 1)
        #expect(Self.invalidSpecs.count >= 25)
    }

    @Test(arguments: validSpecs)
    func compiles(_ name: String) throws {
        let stem = Self.stem(name)
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let args = Self.extraArguments("specs/\(stem).args")
        let compile = CLIRunner.formwork(["compile", "specs/\(name)", "--out", out, "--quiet", "--source-map"] + args)
        // A run that failed (or could not start) must never be recorded as a golden.
        try #require(compile.status == 0, "\(compile.stderr)")
        for written in ["\(stem).json", "\(stem).map.json"] {
            let text = try? String(contentsOfFile: "\(out)/\(written)", encoding: .utf8)
            try #require(text != nil, "\(written) not written for \(name)")
            if let failure = Golden.check(text!, against: "golden/\(written)") { Issue.record("\(failure)") }
        }

        // Every compile case is a lint case: same verdict, same diagnostics, nothing written.
        let lint = CLIRunner.formwork(["lint", "specs/\(name)"] + args)
        #expect(lint.status == 0)
        #expect(lint.stderr == compile.stderr)
        #expect(lint.stdout.isEmpty)
        let warnings = "golden/\(stem).warnings.txt"
        if !compile.stderr.isEmpty || FileManager.default.fileExists(atPath: PackagePaths.path(warnings)) {
            if let failure = Golden.check(compile.stderr, against: warnings) { Issue.record("\(failure)") }
        }
    }

    @Test(arguments: invalidSpecs)
    func reportsLocatedErrors(_ name: String) throws {
        let stem = Self.stem(name)
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let args = Self.extraArguments("specs/invalid/\(stem).args")
        let result = CLIRunner.formwork(["compile", "specs/invalid/\(name)", "--out", out] + args)
        // A run that crashed (or could not start) must never be recorded as a golden.
        try #require(result.status == 1, "exit status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("specs/invalid/\(name):"))
        #expect(result.stderr.contains(": error[FW"), "problems reported without an error line")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        #expect(written.isEmpty, "a failed compile wrote \(written)")
        if let failure = Golden.check(result.stderr, against: "golden/invalid/\(stem).txt") { Issue.record("\(failure)") }
    }

    @Test func goldenFilesHaveSpecs() {
        let stems = Set(Self.validSpecs.map(Self.stem))
        for golden in PackagePaths.files(in: "golden", suffixes: [".json"]) {
            let stem = golden.hasSuffix(".map.json") ? golden.dropLast(9) : golden.dropLast(5)
            #expect(stems.contains(String(stem)), "golden/\(golden) has no spec")
        }
        let invalidStems = Set(Self.invalidSpecs.map(Self.stem))
        for golden in PackagePaths.files(in: "golden/invalid", suffixes: [".txt"]) {
            #expect(invalidStems.contains(String(golden.dropLast(4))), "golden/invalid/\(golden) has no spec")
        }
    }

    static func stem(_ name: String) -> String {
        name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name.hasSuffix(".yml") ? String(name.dropLast(4)) : name
    }

    static func extraArguments(_ relative: String) -> [String] {
        guard let text = try? String(contentsOfFile: PackagePaths.path(relative), encoding: .utf8) else { return [] }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }

    static func temporaryDirectory() throws -> String { try PackagePaths.temporaryDirectory("formwork") }
}
