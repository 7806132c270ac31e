import Foundation
import FormworkTestSupport
import Testing

/// `specs/*.yaml` compile to `golden/*.json`, with their source maps in
/// `golden/*.map.json`; `specs/invalid/*.yaml` fail
/// with the diagnostics in `golden/invalid/*.txt`. Each case runs the built
/// `formwork` binary, so exit status, output files and rendering are checked
/// together. Extra arguments for a case live beside it in `<stem>.args`.
/// Every case is also run in each machine format (`--format json`, `sarif`,
/// `github`) against `golden/formats/` and `golden/invalid/formats/`.
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

    /// The machine formats, each with the extension of its golden files:
    /// `golden/formats/<stem>.<ext>` for the valid specs (linted),
    /// `golden/invalid/formats/<stem>.<ext>` for the invalid ones (compiled).
    static let formats = [("json", "json"), ("sarif", "sarif"), ("github", "github")]

    @Test(arguments: validSpecs)
    func validSpecInEveryFormat(_ name: String) throws {
        let stem = Self.stem(name)
        let args = Self.extraArguments("specs/\(stem).args")
        let text = CLIRunner.formwork(["lint", "specs/\(name)"] + args)
        for (format, ext) in Self.formats {
            let result = CLIRunner.formwork(["lint", "specs/\(name)", "--format", format] + args)
            try #require(result.status == 0, "--format \(format): \(result.stderr)")
            try Self.crossCheck(result, format: format, text: text.stderr)
            if let failure = Golden.check(result.stdout, against: "golden/formats/\(stem).\(ext)") { Issue.record("\(failure)") }
        }
    }

    @Test(arguments: invalidSpecs)
    func invalidSpecInEveryFormat(_ name: String) throws {
        let stem = Self.stem(name)
        let args = Self.extraArguments("specs/invalid/\(stem).args")
        let text = try String(contentsOfFile: PackagePaths.path("golden/invalid/\(stem).txt"), encoding: .utf8)
        for (format, ext) in Self.formats {
            let out = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: out) }
            let result = CLIRunner.formwork(["compile", "specs/invalid/\(name)", "--out", out, "--format", format] + args)
            try #require(result.status == 1, "--format \(format): exit status \(result.status): \(result.stderr)")
            let written = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            #expect(written.isEmpty, "a failed compile wrote \(written)")
            try Self.crossCheck(result, format: format, text: text)
            if let failure = Golden.check(result.stdout, against: "golden/invalid/formats/\(stem).\(ext)") {
                Issue.record("\(failure)")
            }
        }
    }

    /// A machine format reports what the text format does: as many
    /// diagnostics (header lines `path:l:c: severity[FW...]`), with the same
    /// codes in the same order; `json` and `sarif` write nothing else to
    /// standard error than the text format's summary would count.
    static func crossCheck(_ result: CLIRunner.Result, format: String, text: String) throws {
        let textCodes = text.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.firstRange(of: #/: (error|warning|note)\[(FW\d{4})\]: /#) else { return nil }
            return String(line[range].dropLast(3).suffix(6))
        }
        var codes: [String] = []
        switch format {
        case "json", "sarif":
            let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            try #require(document != nil, "--format \(format) is not one JSON object")
            if format == "json" {
                let diagnostics = document!["diagnostics"] as? [[String: Any]] ?? []
                codes = diagnostics.compactMap { $0["code"] as? String }
                let summary = document!["summary"] as? [String: Int]
                #expect(summary?["errors"] == diagnostics.count { $0["severity"] as? String == "error" } || textCodes.count > 100)
            } else {
                let runs = document!["runs"] as? [[String: Any]] ?? []
                codes = (runs.first?["results"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
            }
            #expect(result.stderr.isEmpty, "--format \(format) wrote to standard error: \(result.stderr)")
        default:
            codes = result.stdout.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("::"), let range = line.firstRange(of: #/,title=(FW\d{4})::/#) else { return nil }
                return String(line[range].dropFirst(7).prefix(6))
            }
            #expect(codes.count == result.stdout.split(separator: "\n").count, "a line that is not a workflow command")
        }
        #expect(codes == textCodes, "--format \(format) reports other codes than text")
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
        for (directory, stems) in [("golden/formats", stems), ("golden/invalid/formats", invalidStems)] {
            for golden in PackagePaths.files(in: directory, suffixes: Self.formats.map { ".\($0.1)" }) {
                let stem = golden.split(separator: ".").dropLast().joined(separator: ".")
                #expect(stems.contains(stem), "\(directory)/\(golden) has no spec")
            }
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
