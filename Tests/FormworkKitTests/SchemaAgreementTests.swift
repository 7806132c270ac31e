import Foundation
import FormworkKit
import FormworkTestSupport
import Testing

/// Every schema error cfn-lint reports on a broken raw-resource spec's
/// template, Formwork reports too, at the spec line of the same resource and
/// property (issue 10).
///
/// The corpus is `Tests/SchemaAgreement/*.yaml` (at least 30 specs, each with
/// one or two schema mistakes). Each is compiled leniently
/// (`Pipeline.lenientCompile`: no template rule runs, so the template is
/// written as lowering makes it), the templates go to cfn-lint together in
/// one run, and its findings whose rule ID starts with `E30` (the schema
/// rules: unknown type, unknown property, required, type, enum, pattern,
/// range, length, item count, ...) are kept. Each spec must draw at least
/// one: a spec cfn-lint finds nothing wrong with is not broken, and fails.
///
/// A finding's `Location.Path` (`Resources/R/Properties/...`) is taken back to
/// the spec through the source map, and `Compiler.compile(file:)` must report
/// an **error** whose range starts on one of these lines:
///
/// 1. the first line of the value at the deepest prefix of the path that
///    has a source-map entry;
/// 2. the line of the key that holds the deepest value of the path the spec
///    writes, when that value is an object member (`Projection:` for a
///    projection lacking a required key whose block starts a line below;
///    `NonKeyAttribute:` for an unknown key whose list starts below);
/// 3. when the path stops at the resource itself (`Resources/R`,
///    `Resources/R/Type`, `Resources/R/Properties`: an unknown type, or a
///    required top-level property missing, or a rule across properties such
///    as E3039), any line from the resource's name through the first line
///    of its `properties:`: its name, `type:` and `properties:` keys.
///
/// A missing required property (E3003) that the spec writes misspelt is
/// matched by Formwork's one error on the misspelt name, whose did-you-mean
/// is the required name: Formwork does not report the same mistake twice.
///
/// Only lines are compared, not columns or codes: cfn-lint and Formwork may
/// word and place a finding differently within its line. On failure the
/// test prints one row per unmatched finding. `SCHEMA_AGREEMENT_FINDINGS=FILE`
/// writes every kept finding, with the lines it accepts, to FILE.
@Suite struct SchemaAgreementTests {
    static let directory = "Tests/SchemaAgreement"
    static let corpus = PackagePaths.files(in: directory, suffixes: [".yaml"])

    struct Finding {
        let rule: String
        let path: [String]
        let message: String
    }

    @Test func formworkReportsEverySchemaErrorCfnLintReports() throws {
        #expect(Self.corpus.count >= 30, "the corpus has \(Self.corpus.count) specs, fewer than 30")

        let out = try PackagePaths.temporaryDirectory("formwork-schema-agreement")
        defer { try? FileManager.default.removeItem(atPath: out) }
        var lenient: [String: LenientCompilation] = [:]
        var templates: [String: String] = [:]  // template path -> spec name
        for name in Self.corpus {
            let (compilation, diagnostics) = Pipeline.lenientCompile(file: PackagePaths.path("\(Self.directory)/\(name)"))
            guard let compilation else {
                Issue.record("\(name) does not reach lowering: \(diagnostics.map(\.message))")
                continue
            }
            let template = "\(out)/\(name.dropLast(5)).json"
            try compilation.text.write(toFile: template, atomically: true, encoding: .utf8)
            lenient[name] = compilation
            templates[template] = name
        }

        // One cfn-lint run over every template: starting it costs seconds.
        let lint = CLIRunner.run("/usr/bin/env", ["cfn-lint", "--format", "json", "--"] + templates.keys.sorted())
        try #require(lint.status != 127, "cfn-lint is not installed (make cfn-lint-dep)")
        let decoded = try? JSONSerialization.jsonObject(with: Data(lint.stdout.utf8))
        let records = try #require(decoded as? [[String: Any]], "cfn-lint printed no JSON: \(lint.stdout)\(lint.stderr)")
        var findings: [String: [Finding]] = [:]
        for record in records {
            guard let file = record["Filename"] as? String, let name = templates[file] ?? templates[Self.resolved(file)],
                  let rule = (record["Rule"] as? [String: Any])?["Id"] as? String, rule.hasPrefix("E30"),
                  let path = (record["Location"] as? [String: Any])?["Path"] as? [Any] else { continue }
            findings[name, default: []].append(
                Finding(rule: rule, path: path.map { "\($0)" }, message: record["Message"] as? String ?? ""))
        }

        var rows: [String] = []
        var report: [String] = []
        for name in Self.corpus {
            guard let compilation = lenient[name] else { continue }
            let kept = findings[name] ?? []
            if kept.isEmpty { Issue.record("cfn-lint reports no E30xx finding on \(name): it is not broken") }
            let errors = Compiler.compile(file: PackagePaths.path("\(Self.directory)/\(name)")).diagnostics
                .filter { $0.severity == .error }
            let errorLines = Set(errors.map(\.range.start.line))
            for finding in kept {
                let lines = Self.acceptedLines(finding.path, in: compilation)
                // A required property written misspelt is one Formwork error, the unknown name
                // with the required one as its did-you-mean, where cfn-lint reports two.
                let misspelt = finding.rule == "E3003" && errors.contains { error in
                    error.code.rawValue == "FW6101"
                        && error.fixIts.contains { fix in finding.message.hasPrefix("'\(fix.edits.first?.text ?? "")'") }
                }
                let matched = !lines.isDisjoint(with: errorLines) || misspelt
                let row = "\(name) | \(finding.rule) | \(finding.path.joined(separator: "/")) | lines \(lines.sorted()) | "
                    + (errors.isEmpty ? "Formwork reports no error"
                        : "Formwork errors at " + errors.map { "\($0.range.start.line) \($0.code)" }.joined(separator: ", "))
                report.append(row + " | " + finding.message)
                if !matched { rows.append(row) }
            }
        }
        if let file = ProcessInfo.processInfo.environment["SCHEMA_AGREEMENT_FINDINGS"] {
            try (report.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        }
        if !rows.isEmpty {
            Issue.record("""
                \(rows.count) of \(report.count) cfn-lint schema findings have no Formwork error on their line:
                spec | cfn-lint rule | path | accepted lines | Formwork
                \(rows.joined(separator: "\n"))
                """)
        }
    }

    /// The spec lines on which a Formwork error matches a finding at `path`
    /// (the rule in the suite's doc comment).
    static func acceptedLines(_ path: [String], in compilation: LenientCompilation) -> Set<Int> {
        var lines: Set<Int> = []
        if let origin = compilation.origin(of: path) { lines.insert(origin.range.start.line) }
        if let key = compilation.keyLine(of: path) { lines.insert(key) }
        if path.count >= 2, path[0] == "Resources", path.count == 2 || (path.count == 3 && ["Type", "Properties"].contains(path[2])) {
            lines.formUnion(compilation.resourceLines(path[1]) ?? 0...(-1))
        }
        return lines
    }

    static func resolved(_ file: String) -> String { URL(fileURLWithPath: file).standardizedFileURL.path }
}
