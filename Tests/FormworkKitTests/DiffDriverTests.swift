import FormworkKit
import FormworkTestSupport
import Foundation
import Testing

/// `DiffDriver`: sides read from specs, templates and directories; gates; `--base`.
@Suite struct DiffDriverTests {
    static func files(_ contents: [String: String]) throws -> String {
        let directory = try PackagePaths.temporaryDirectory("formwork-diff")
        for (name, text) in contents {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return directory
    }

    static let a = "formwork: 1\nstack: media\nresources:\n  uploads: { kind: bucket, name: media-a }\n"
    static let b = "formwork: 1\nstack: media\nresources:\n  uploads: { kind: bucket, name: media-b }\n"

    @Test func aSpecAgainstItsOwnTemplateIsEqual() throws {
        let directory = try Self.files(["old/app.yaml": Self.a, "new/app.yaml": Self.a])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let compiled = Compiler.compile(file: directory + "/old/app.yaml")
        try #require(compiled.text).write(toFile: directory + "/old/app.json", atomically: true, encoding: .utf8)
        let outcome = DiffDriver.diff(old: directory + "/old/app.json", new: directory + "/new/app.yaml", format: .text, failOn: [])
        #expect(outcome.exitStatus == 0, "\(outcome.output)\(outcome.diagnostics.map(\.message))")
        #expect(outcome.output.hasSuffix("no changes\n"))
    }

    @Test func directoriesAreMatchedByStemAndGatesDecideTheStatus() throws {
        let directory = try Self.files([
            "old/app.yaml": Self.a, "new/app.yaml": Self.b,
            "old/jobs.yaml": "formwork: 1\nstack: jobs\nresources:\n  jobs: { kind: queue, retentionDays: 4 }\n",
            "new/jobs.yaml": "formwork: 1\nstack: jobs\nresources:\n  jobs: { kind: queue, retentionDays: 7 }\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let json = DiffDriver.diff(old: directory + "/old", new: directory + "/new", format: .json, failOn: [])
        #expect(json.exitStatus == 1)
        #expect(json.output.contains("\"dataLoss\": true") && json.output.contains("\"replacement\": \"always\""))
        #expect(json.output.components(separatedBy: "\"old\": \"\(directory)/old/").count == 3, "two stacks")
        // A gate: only what it names fails the run.
        #expect(DiffDriver.diff(old: directory + "/old/jobs.yaml", new: directory + "/new/jobs.yaml", format: .text,
                                failOn: [.dataLoss]).exitStatus == 0)
        #expect(DiffDriver.diff(old: directory + "/old", new: directory + "/new", format: .text,
                                failOn: [.dataLoss]).exitStatus == 1)
        let markdown = DiffDriver.diff(old: directory + "/old", new: directory + "/new", format: .markdown, failOn: [])
        #expect(markdown.output.contains("#### :warning: Data loss"))
    }

    @Test func aBrokenSideIsAnError() throws {
        let directory = try Self.files(["a.yaml": Self.a, "bad.json": "{ not json", "broken.yaml": "formwork: 1\n"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(DiffDriver.diff(old: directory + "/bad.json", new: directory + "/a.yaml", format: .text, failOn: []).exitStatus == 2)
        #expect(DiffDriver.diff(old: directory + "/broken.yaml", new: directory + "/a.yaml", format: .text, failOn: []).exitStatus == 1)
        #expect(DiffDriver.diff(old: directory + "/missing", new: directory + "/a.yaml", format: .text, failOn: []).exitStatus == 2)
    }

    /// The committed spec against the working tree: the same file, unchanged since HEAD in a clean checkout.
    @Test func baseComparesAGitRevisionWithTheWorkingTree() throws {
        let path = PackagePaths.path("specs/bucket-minimal.yaml")
        let outcome = DiffDriver.diff(base: "HEAD", paths: [path], format: .json, failOn: [])
        let committed = CLIRunner.run("/usr/bin/env", ["git", "-C", PackagePaths.path(""), "diff", "--quiet", "HEAD", "--", path])
        if committed.status == 0 {
            #expect(outcome.exitStatus == 0, "\(outcome.output)\(outcome.diagnostics.map(\.message))")
            #expect(outcome.output.contains("\"old\": \"HEAD:"))
        }
        #expect(DiffDriver.diff(base: "no-such-revision-xyz", paths: [path], format: .text, failOn: []).exitStatus == 2)
    }
}
