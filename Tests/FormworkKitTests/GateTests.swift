import Foundation
import FormworkTestSupport
import Testing

/// The command line as a CI gate and an editor use it: `--strict`,
/// `compile --check` and `--prune`, recursive discovery, and a spec on
/// standard input.
@Suite struct GateTests {
    func temporaryDirectory() throws -> String { try PackagePaths.temporaryDirectory("formwork-gate") }

    func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func queue(_ stack: String, days: Int = 4) -> String {
        "formwork: 1\nstack: \(stack)\nresources:\n  jobs: { kind: queue, retentionDays: \(days) }\n"
    }

    let warningSpec = "specs/function-s3-trigger-loop.yaml"

    @Test func strictMakesWarningsFail() throws {
        #expect(CLIRunner.formwork(["lint", warningSpec]).status == 0)
        let strict = CLIRunner.formwork(["lint", warningSpec, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains(": warning[FW5320]: "))
        #expect(strict.stderr.hasSuffix("0 errors, 2 warnings in 1 spec (--strict: warnings fail)\n"))
        #expect(CLIRunner.formwork(["lint", "specs/job-queues.yaml", "--strict"]).status == 0)

        // compile --strict: a spec with warnings writes nothing, like one with errors.
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let compile = CLIRunner.formwork(["compile", warningSpec, "specs/job-queues.yaml", "--out", out, "--strict"])
        #expect(compile.status == 1)
        #expect(compile.stdout == "wrote \(out)/job-queues.json\n")
        #expect(!FileManager.default.fileExists(atPath: out + "/function-s3-trigger-loop.json"))
    }

    @Test func checkReportsStaleMissingAndOrphanedTemplates() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(queue("a"), dir + "/specs/a.yaml")
        try write(queue("b"), dir + "/specs/nested/b.yaml")
        try write(queue("gone"), dir + "/specs/gone.yaml")
        try write("{}\n", dir + "/out/hand-written.json")
        let compile = CLIRunner.formwork(["compile", "specs", "--out", "out", "--source-map"], cwd: dir)
        #expect(compile.status == 0, "\(compile.stderr)")
        let manifest = try #require(read(dir + "/out/.formwork-manifest"))
        #expect(manifest.hasSuffix("""
            a.json\t../specs/a.yaml
            a.map.json\t../specs/a.yaml
            b.json\t../specs/nested/b.yaml
            b.map.json\t../specs/nested/b.yaml
            gone.json\t../specs/gone.yaml
            gone.map.json\t../specs/gone.yaml

            """), "\(manifest)")

        // Fresh: nothing written, nothing printed on standard error, exit 0.
        let before = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted()
        let fresh = CLIRunner.formwork(["compile", "specs", "--out", "out", "--source-map", "--check"], cwd: dir)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stderr.isEmpty)
        #expect(fresh.stdout == "6 files in out up to date\n")
        // Without --source-map, the maps are not compared.
        #expect(CLIRunner.formwork(["compile", "specs", "--out", "out", "--check", "-q"], cwd: dir).status == 0)

        // Stale (a), missing (new), orphaned (gone); b stays fresh; hand-written.json is not Formwork's.
        try write(queue("a", days: 5), dir + "/specs/a.yaml")
        try write(queue("new"), dir + "/specs/new.yaml")
        try FileManager.default.removeItem(atPath: dir + "/specs/gone.yaml")
        let aBefore = read(dir + "/out/a.json")
        let check = CLIRunner.formwork(["compile", "specs", "--out", "out", "--check"], cwd: dir)
        #expect(check.status == 1)
        #expect(check.stdout.isEmpty)
        #expect(check.stderr == """
            out/a.json:10:35: error[FW0020]: out/a.json is stale: specs/a.yaml compiles to something else from here
              help: compile without --check to rewrite it
            specs/new.yaml:1:1: error[FW0021]: out/new.json is missing: this spec compiles to it
              help: compile without --check to write it
            out/gone.json:1:1: error[FW0022]: out/gone.json is orphaned: formwork wrote it from specs/gone.yaml, which is gone
              help: compile with --prune to remove it
            out/gone.map.json:1:1: error[FW0022]: out/gone.map.json is orphaned: formwork wrote it from specs/gone.yaml, which is gone
              help: compile with --prune to remove it
            4 errors, 0 warnings in 3 specs

            """, "\(check.stderr)")
        // --check wrote nothing.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted() == before)
        #expect(read(dir + "/out/a.json") == aBefore)
        // From another working directory, the manifest still finds the specs.
        let elsewhere = CLIRunner.formwork(["compile", dir + "/specs/nested", "--out", dir + "/out", "--check"])
        #expect(elsewhere.status == 1)
        #expect(elsewhere.stderr.contains("error[FW0022]: \(dir)/out/gone.json is orphaned"), "\(elsewhere.stderr)")
        #expect(!elsewhere.stderr.contains("b.json"))

        // --prune removes the orphans, and only what the manifest lists.
        try FileManager.default.removeItem(atPath: dir + "/specs/nested/b.yaml")
        let prune = CLIRunner.formwork(["compile", "specs", "--out", "out", "--prune", "--source-map"], cwd: dir)
        #expect(prune.status == 0, "\(prune.stderr)")
        #expect(prune.stdout.contains("removed orphaned out/gone.json (its spec specs/gone.yaml is gone)\n"))
        #expect(prune.stdout.contains("removed orphaned out/b.map.json (its spec specs/nested/b.yaml is gone)\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted() == [
            ".formwork-manifest", "a.json", "a.map.json", "hand-written.json", "new.json", "new.map.json",
        ])
        #expect(!read(dir + "/out/.formwork-manifest")!.contains("gone.json"))
        let after = CLIRunner.formwork(["compile", "specs", "--out", "out", "--check", "--source-map"], cwd: dir)
        #expect(after.status == 0, "\(after.stderr)")
    }

    @Test func pruneWithoutAManifestRemovesNothing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(queue("a"), dir + "/a.yaml")
        try write("{\"AWSTemplateFormatVersion\": \"2010-09-09\"}\n", dir + "/out/old.json")
        let prune = CLIRunner.formwork(["compile", "a.yaml", "--out", "out", "--prune"], cwd: dir)
        #expect(prune.status == 0)
        #expect(prune.stdout == "wrote out/a.json\n")
        #expect(FileManager.default.fileExists(atPath: dir + "/out/old.json"))
        #expect(CLIRunner.formwork(["compile", "a.yaml", "--check", "--prune"], cwd: dir).status == 2)
    }

    @Test func directoriesAreSearchedRecursivelyForSpecs() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(queue("top"), dir + "/top.yaml")
        try write("# a comment first\n---\n" + queue("deep"), dir + "/services/a/deep.yml")
        for skipped in [".git/x.yaml", ".build/x.yaml", ".hidden/x.yaml", "out/x.yaml", "services/out/x.yaml", "services/.x.yaml"] {
            try write("formwork: 1\nresources: [broken\n", dir + "/" + skipped)
        }
        try write("name: ci\non: [push]\n", dir + "/.github/workflows/ci.yaml")
        try write("version: 2\nformworks: no\n  formwork: nested, not top-level\n", dir + "/services/compose.yaml")
        try write("formwork: 1\nstack: x\nresources:\n  q: { kind: queu }\n", dir + "/services/a/bad.yaml")
        let bad = CLIRunner.formwork(["lint", "."], cwd: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("services/a/bad.yaml:4:14: error[FW2012]: "), "\(bad.stderr)")
        try FileManager.default.removeItem(atPath: dir + "/services/a/bad.yaml")
        let lint = CLIRunner.formwork(["lint", ".", "--time-passes"], cwd: dir)
        #expect(lint.status == 0, "\(lint.stderr)")
        #expect(lint.stderr.contains("2 specs on "), "\(lint.stderr)")
        let compile = CLIRunner.formwork(["compile", ".", "--out", "out"], cwd: dir)
        #expect(compile.stdout == "wrote out/deep.json\nwrote out/top.json\n", "\(compile.stdout)")

        // A named file is a spec whatever it holds, unless --skip-non-specs.
        #expect(CLIRunner.formwork(["lint", "services/compose.yaml"], cwd: dir).status == 1)
        let skip = CLIRunner.formwork(["lint", "services/compose.yaml", "top.yaml", "--skip-non-specs"], cwd: dir)
        #expect(skip.status == 0, "\(skip.stderr)")
        #expect(CLIRunner.formwork(["lint", "services/compose.yaml", "--skip-non-specs"], cwd: dir).status == 0)
        // lint does not mind two specs with one stem; compile does.
        try write(queue("twin"), dir + "/services/top.yaml")
        #expect(CLIRunner.formwork(["lint", "."], cwd: dir).status == 0)
        #expect(CLIRunner.formwork(["compile", ".", "--out", "out"], cwd: dir).status == 2)
    }

    @Test func aSpecOnStandardInput() throws {
        let text = try #require(read(PackagePaths.path("specs/invalid/unknown-kind.yaml")))
        let lint = CLIRunner.formwork(["lint", "-"], input: text)
        #expect(lint.status == 1)
        #expect(lint.stderr.hasPrefix("-:5:11: error[FW2012]: unknown kind 'queu'\n 5 |     kind: queu\n"), "\(lint.stderr)")
        let named = CLIRunner.formwork(["lint", "-", "--stdin-name", "specs/app.yaml"], input: text)
        #expect(named.stderr.hasPrefix("specs/app.yaml:5:11: error[FW2012]: "))

        // compile -: the template on standard output, and nothing else there.
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let spec = try #require(read(PackagePaths.path("specs/job-queues.yaml")))
        let printed = CLIRunner.formwork(["compile", "-", "--out", out], input: spec)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout == read(PackagePaths.path("golden/job-queues.json")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        // With --stdin-name it is that file's template, and --check works on it.
        let compiled = CLIRunner.formwork(["compile", "-", "--stdin-name", "specs/job-queues.yaml", "--out", out], input: spec)
        #expect(compiled.stdout == "wrote \(out)/job-queues.json\n")
        #expect(CLIRunner.formwork(["compile", "-", "--stdin-name", "specs/job-queues.yaml", "--out", out, "--check"],
                                   input: spec).status == 0)
        #expect(CLIRunner.formwork(["compile", "-", "--check", "--out", out], input: spec).status == 2)
        #expect(CLIRunner.formwork(["lint", "-", "-"], input: spec).status == 2)
    }
}
