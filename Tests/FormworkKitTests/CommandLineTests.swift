import Foundation
import FormworkTestSupport
import Testing

/// The command line as a build step and a pre-commit hook use it: exit
/// statuses, what is written and what is not.
@Suite struct CommandLineTests {
    let spec = "specs/job-queues.yaml"

    func temporaryDirectory() throws -> String { try PackagePaths.temporaryDirectory("formwork-cli") }

    @Test func compileWritesOneTemplatePerSpecAndSaysSo() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = CLIRunner.formwork(["compile", spec, "--out", out + "/nested/dir"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote \(out)/nested/dir/job-queues.json\n")
        #expect(FileManager.default.fileExists(atPath: out + "/nested/dir/job-queues.json"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: out + "/nested/dir")
        #expect(entries.sorted() == [".formwork-manifest", "job-queues.json"], "temporary files left behind: \(entries)")
    }

    @Test func sameInputSameBytes() throws {
        let a = try temporaryDirectory(), b = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        _ = CLIRunner.formwork(["compile", spec, "--out", a, "-q"])
        _ = CLIRunner.formwork(["compile", spec, "--out", b, "-q"])
        let first = try Data(contentsOf: URL(fileURLWithPath: a + "/job-queues.json"))
        let second = try Data(contentsOf: URL(fileURLWithPath: b + "/job-queues.json"))
        #expect(first == second)
        #expect(first.last == UInt8(ascii: "\n"))
    }

    /// A template that holds what the compile would write is left in place, its modification time set to now.
    @Test func anUnchangedTemplateIsNotRewrittenButTouched() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let path = out + "/job-queues.json"
        #expect(CLIRunner.formwork(["compile", spec, "--out", out, "-q"]).status == 0)
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path)
        let before = try FileManager.default.attributesOfItem(atPath: path)
        #expect(CLIRunner.formwork(["compile", spec, "--out", out, "-q"]).status == 0)
        let after = try FileManager.default.attributesOfItem(atPath: path)
        #expect(after[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int, "the file was replaced")
        #expect((after[.modificationDate] as? Date ?? past) > past.addingTimeInterval(1_000_000))
        // The same size, other bytes: written anew.
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        try Data(repeating: UInt8(ascii: " "), count: good.count).write(to: URL(fileURLWithPath: path))
        #expect(CLIRunner.formwork(["compile", spec, "--out", out, "-q"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good)
        let entries = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(entries.sorted() == [".formwork-manifest", "job-queues.json"], "temporary files left behind: \(entries)")
    }

    @Test func missingPathIsAUsageError() {
        let result = CLIRunner.formwork(["lint", "specs/job-queues"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("specs/job-queues:1:1: error[FW0001]: no such file or directory: specs/job-queues"))
        #expect(result.stderr.contains("did you mean specs/job-queues.yaml?"))
    }

    @Test func directoryWithoutSpecsIsAUsageError() throws {
        let empty = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let result = CLIRunner.formwork(["lint", empty])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no spec in directory \(empty) (looked for *.yaml and *.yml with a top-level formwork: key, in it and its subdirectories)"))
    }

    @Test func twoSpecsForOneOutputIsAUsageError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try String(contentsOfFile: PackagePaths.path(spec), encoding: .utf8)
        try text.write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        try text.write(toFile: dir + "/a.yml", atomically: true, encoding: .utf8)
        let result = CLIRunner.formwork(["compile", dir, "--out", dir + "/out"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error[FW0003]: \(dir)/a.yml and \(dir)/a.yaml would both write a.json"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test func usageErrorsExitTwo() {
        #expect(CLIRunner.formwork(["compile"]).status == 2)
        #expect(CLIRunner.formwork(["frobnicate"]).status == 2)
        #expect(CLIRunner.formwork(["lint", spec, "--param", "novalue"]).status == 2)
        #expect(CLIRunner.formwork(["lint", spec, "--color", "sometimes"]).status == 2)
        #expect(CLIRunner.formwork(["--help"]).status == 0)
    }

    @Test func paramOverridesTheDefault() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = CLIRunner.formwork(["compile", spec, "--out", out, "--param", "env=prod"])
        #expect(result.status == 0, "\(result.stderr)")
        let template = try String(contentsOfFile: out + "/job-queues.json", encoding: .utf8)
        #expect(template.contains("\"Default\": \"prod\""))
    }

    @Test func paramMustNameAParameterAndFitIt() {
        let unknown = CLIRunner.formwork(["lint", spec, "--param", "evn=prod"])
        #expect(unknown.status == 2)
        // About the whole spec: at 1:1, without a source line.
        #expect(unknown.stderr.hasPrefix("""
            \(spec):1:1: error[FW0007]: --param evn: the spec has no parameter 'evn'
              help: did you mean 'env'?

            """))
        let notAllowed = CLIRunner.formwork(["lint", spec, "--param", "env=qa"])
        #expect(notAllowed.status == 2)
        #expect(notAllowed.stderr.contains("allowed values: dev, staging, prod"))
    }

    @Test func paramValuesAreCheckedAgainstThePattern() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev, pattern: "^[a-z]{1,8}$" }
            resources:
              jobs: { kind: queue, tags: { env: "${env}" } }

            """.write(toFile: dir + "/demo.yaml", atomically: true, encoding: .utf8)
        let bad = CLIRunner.formwork(["lint", dir + "/demo.yaml", "--param", "env=Prod_1"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("""
            \(dir)/demo.yaml:4:3: error[FW0007]: --param env=Prod_1 does not fit parameter 'env': it does not match the pattern '^[a-z]{1,8}$'
            """), "\(bad.stderr)")
        #expect(CLIRunner.formwork(["lint", dir + "/demo.yaml", "--param", "env=prod"]).status == 0)
    }

    @Test func paramValuesAreCheckedAgainstTheBoundsEachListItemOnItsOwn() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            formwork: 1
            stack: demo
            parameters:
              workers: { type: number, default: 4, minValue: 1, maxValue: 64 }
              cidrs: { type: list, default: [10.0.0.0/8], maxLength: 16 }
              image: { type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", default: /ami/latest, maxLength: 20 }
            resources:
              jobs: { kind: queue, tags: { workers: "${workers}", image: "${image}" } }
              allowed: { type: AWS::WAFv2::IPSet, properties: { Scope: REGIONAL, IPAddressVersion: IPV4, Addresses: "${cidrs}" } }

            """.write(toFile: dir + "/demo.yaml", atomically: true, encoding: .utf8)
        let spec = dir + "/demo.yaml"
        let tooMany = CLIRunner.formwork(["lint", spec, "--param", "workers=65"])
        #expect(tooMany.status == 2)
        #expect(tooMany.stderr.hasPrefix("""
            \(spec):4:3: error[FW0007]: --param workers=65 does not fit parameter 'workers': it fails maxValue 64
            """), "\(tooMany.stderr)")
        let longItem = CLIRunner.formwork(["lint", spec, "--param", "cidrs=10.0.0.0/8,192.168.100.100/32"])
        #expect(longItem.status == 2)
        #expect(longItem.stderr.contains("'192.168.100.100/32' fails maxLength 16"), "\(longItem.stderr)")
        #expect(CLIRunner.formwork(["lint", spec, "--param", "cidrs=10.0.0.0/8,10.1.0.0/16", "--param", "workers=64"]).status == 0)
        // An SSM type's value is the name of the SSM parameter: one string, never split at commas.
        #expect(CLIRunner.formwork(["lint", spec, "--param", "image=/a,b"]).status == 0)
        #expect(CLIRunner.formwork(["lint", spec, "--param", "image=/ami/a-much-longer-name"]).status == 2)
    }

    /// `compile specs --param env=prod`: the override applies to the specs
    /// that declare `env`; the others compile with their own parameters.
    @Test func aParamAppliesToTheSpecsThatDeclareIt() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            formwork: 1
            stack: with-env
            parameters:
              env: { default: dev }
            resources:
              jobs: { kind: queue, tags: { env: "${env}" } }

            """.write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        try "formwork: 1\nstack: without\nresources:\n  jobs: { kind: queue }\n"
            .write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
        let result = CLIRunner.formwork(["compile", dir, "--out", dir + "/out", "--param", "env=prod"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let a = try String(contentsOfFile: dir + "/out/a.json", encoding: .utf8)
        #expect(a.contains("\"Default\": \"prod\""))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/b.json"))
    }

    /// A `--param` no spec declares is an error, once, and nothing is
    /// written or removed: a misspelled name would otherwise compile every
    /// spec with its default.
    @Test func aParamNoSpecDeclaresIsAnErrorAndNothingIsWritten() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "formwork: 1\nstack: a\nparameters:\n  env: { default: dev }\nresources:\n  jobs: { kind: queue, tags: { e: \"${env}\" } }\n"
            .write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        try "formwork: 1\nstack: b\nresources:\n  jobs: { kind: queue }\n"
            .write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try "old".write(toFile: dir + "/out/b.json", atomically: true, encoding: .utf8)
        let result = CLIRunner.formwork(["compile", dir, "--out", dir + "/out", "--param", "evn=prod"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("""
            \(dir):1:1: error[FW0007]: --param evn: none of the 2 specs has a parameter 'evn'
              help: did you mean 'env'?
              help: no template was written or removed: fix the name and run again

            """), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["b.json"])
        #expect(try String(contentsOfFile: dir + "/out/b.json", encoding: .utf8) == "old")
    }

    @Test func directoryDiscoverySkipsDotfiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try String(contentsOfFile: PackagePaths.path(spec), encoding: .utf8)
        try text.write(toFile: dir + "/stack.yaml", atomically: true, encoding: .utf8)
        try "not: [a spec".write(toFile: dir + "/.stack.yaml", atomically: true, encoding: .utf8)
        try "not: [a spec".write(toFile: dir + "/.#stack.yml", atomically: true, encoding: .utf8)
        let result = CLIRunner.formwork(["lint", dir])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        try FileManager.default.removeItem(atPath: dir + "/stack.yaml")
        #expect(CLIRunner.formwork(["lint", dir]).stderr.contains("error[FW0002]"))
    }

    @Test func failedCompileRemovesItsStaleTemplateAndNothingElse() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try String(contentsOfFile: PackagePaths.path(spec), encoding: .utf8)
        try text.write(toFile: dir + "/stack.yaml", atomically: true, encoding: .utf8)
        try "keep me".write(toFile: dir + "/other.json", atomically: true, encoding: .utf8)
        #expect(CLIRunner.formwork(["compile", dir + "/stack.yaml", "--out", dir]).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/stack.json"))

        try (text + "  broken: { kind: queue, retentionDays: 99 }\n").write(
            toFile: dir + "/stack.yaml", atomically: true, encoding: .utf8)
        let result = CLIRunner.formwork(["compile", dir + "/stack.yaml", "--out", dir])
        #expect(result.status == 1)
        #expect(result.stdout.contains("removed stale \(dir)/stack.json"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/stack.json"))
        #expect(try String(contentsOfFile: dir + "/other.json", encoding: .utf8) == "keep me")
    }

    @Test func colorsOnlyWhenAskedOrOnATerminal() {
        let plain = CLIRunner.formwork(["lint", "specs/invalid/unknown-kind.yaml"])
        #expect(!plain.stderr.contains("\u{1B}["))
        let forced = CLIRunner.formwork(["lint", "specs/invalid/unknown-kind.yaml", "--color", "always"])
        #expect(forced.stderr.contains("\u{1B}[1;31m"))
    }
}

extension CommandLineTests {
    @Test func aHugeSpecIsALocatedErrorReadOnlyToTheLimit() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let line = "# " + String(repeating: "x", count: 1021) + "\n"
        let text = "formwork: 1\n" + String(repeating: line, count: 9 * 1024)
        try text.write(toFile: dir + "/huge.yaml", atomically: true, encoding: .utf8)
        let result = CLIRunner.formwork(["compile", dir + "/huge.yaml", "--out", dir + "/out"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("huge.yaml:1:1: error[FW1010]: the spec is larger than the limit of 8388608 bytes"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }
}

extension CommandLineTests {
    @Test func thousandsOfMistakesShowTheFirstHundredAndSaySo() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = "formwork: 1\nstack: demo\nresources:\n  jobs: { kind: queue }\n  topic:\n    type: AWS::SNS::Topic\n    properties:\n      Items:\n"
        for index in 0..<5_000 { text += "        - ${jobz\(index)}\n" }
        try text.write(toFile: dir + "/many.yaml", atomically: true, encoding: .utf8)
        let result = CLIRunner.formwork(["lint", dir + "/many.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.components(separatedBy: ": error[FW3050]").count - 1 == 100)
        #expect(result.stderr.contains("many.yaml:1:1: note[FW0008]: "))
        #expect(result.stderr.contains("more diagnostics not shown; fix these and compile again"))
    }
}
