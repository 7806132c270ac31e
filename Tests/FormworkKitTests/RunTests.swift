import Foundation
import FormworkKit
import FormworkTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// How a run over many specs behaves: on several threads it prints and
/// writes exactly what one thread does, `--time-passes` adds its table to
/// standard error and changes nothing else, and a compile killed at any
/// moment leaves each template old or new, never a part of one.
@Suite struct RunTests {
    func temporaryDirectory() throws -> String { try PackagePaths.temporaryDirectory("formwork-run") }

    /// Every spec of `specs/` and `specs/invalid/`: clean
    /// ones, ones with warnings, failing ones, some over the diagnostics cut.
    func monorepo() throws -> String {
        let dir = try temporaryDirectory()
        for (folder, prefix) in [("specs", "v"), ("specs/invalid", "i")] {
            for name in PackagePaths.files(in: folder, suffixes: [".yaml"]) {
                let text = try Data(contentsOf: URL(fileURLWithPath: PackagePaths.path("\(folder)/\(name)")))
                try text.write(to: URL(fileURLWithPath: "\(dir)/\(prefix)-\(name)"))
            }
        }
        return dir
    }

    func files(in dir: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)"))
        }
        return files
    }

    @Test func parallelRunsPrintAndWriteWhatASerialRunDoes() throws {
        let dir = try monorepo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let serialLint = CLIRunner.formwork(["lint", dir, "-j", "1"])
        #expect(serialLint.status == 1)
        #expect(serialLint.stderr.contains(": error[FW"))
        #expect(serialLint.stderr.contains(": warning[FW"))
        for jobs in ["2", "3", "16"] {
            let lint = CLIRunner.formwork(["lint", dir, "--jobs", jobs])
            #expect(lint.status == serialLint.status)
            #expect(lint.stdout == serialLint.stdout)
            #expect(lint.stderr == serialLint.stderr, "lint -j \(jobs) printed otherwise than -j 1")
        }
        // No -j: one job per core, the same again.
        #expect(CLIRunner.formwork(["lint", dir]).stderr == serialLint.stderr)

        let out = dir + "/out"
        let serial = CLIRunner.formwork(["compile", dir, "--out", out, "--source-map", "-j", "1"])
        let serialFiles = try files(in: out)
        #expect(serial.status == 1)
        #expect(serial.stdout.contains("wrote \(out)/"))
        #expect(serialFiles.count > 40)
        try FileManager.default.removeItem(atPath: out)
        let parallel = CLIRunner.formwork(["compile", dir, "--out", out, "--source-map", "-j", "4"])
        #expect(parallel.status == serial.status)
        #expect(parallel.stdout == serial.stdout)
        #expect(parallel.stderr == serial.stderr)
        #expect(try files(in: out) == serialFiles)
    }

    /// One spec on two threads (its text written beside the template rules)
    /// gives what one thread gives: the same text, source map and diagnostics.
    @Test func oneSpecOnTwoThreadsCompilesAsOnOne() throws {
        var compared = 0
        for folder in ["specs", "specs/invalid"] {
            for name in PackagePaths.files(in: folder, suffixes: [".yaml"]) {
                let path = PackagePaths.path("\(folder)/\(name)")
                let serial = Compiler.compile(file: path, options: CompileOptions(threads: 1))
                let parallel = Compiler.compile(file: path, options: CompileOptions(threads: 2))
                #expect(parallel.text == serial.text, "\(name)")
                #expect(parallel.sourceMapJSON == serial.sourceMapJSON, "\(name)")
                #expect(parallel.diagnostics == serial.diagnostics, "\(name)")
                if serial.text != nil { compared += 1 }
            }
        }
        #expect(compared > 40)
    }

    @Test func aParamNoSpecDeclaresStopsAParallelRunBeforeAnyWrite() throws {
        let dir = try monorepo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let serial = CLIRunner.formwork(["compile", dir, "--out", dir + "/out", "--param", "nosuch=1", "-j", "1"])
        let parallel = CLIRunner.formwork(["compile", dir, "--out", dir + "/out", "--param", "nosuch=1", "-j", "2"])
        #expect(serial.status == 2)
        #expect(parallel.status == 2)
        #expect(parallel.stderr == serial.stderr)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test func jobsMustBeAPositiveNumber() {
        for bad in ["0", "-1", "many"] {
            #expect(CLIRunner.formwork(["lint", "specs/job-queues.yaml", "-j", bad]).status == 2)
        }
        #expect(CLIRunner.formwork(["lint", "specs/job-queues.yaml", "-j1"]).status == 0)
    }

    @Test func timePassesPrintsATableOfEveryPhaseAndRuleAndChangesNothingElse() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let specs = ["specs/job-queues.yaml", "specs/media-pipeline.yaml", "specs/invalid/unknown-kind.yaml"]
        let plain = CLIRunner.formwork(["compile"] + specs + ["--out", dir])
        let timed = CLIRunner.formwork(["compile"] + specs + ["--out", dir, "--time-passes"])
        #expect(plain.status == 1)
        #expect(timed.status == plain.status)
        #expect(timed.stdout == plain.stdout)
        #expect(timed.stderr.hasPrefix(plain.stderr))
        let table = String(timed.stderr.dropFirst(plain.stderr.count))
        #expect(table.contains("Formwork pass timing report"))
        #expect(table.contains("3 specs on "))
        #expect(table.contains("wall [ms]  % total    runs   allocations         KiB  pass"))
        let names = table.split(separator: "\n").compactMap { line in line.split(separator: " ").last.map(String.init) }
        for pass in Compiler.timedPasses.map(\.name) + ["render", "write", "total"] {
            #expect(names.contains(pass.split(separator: " ").last.map(String.init)!), "\(pass) is not in the table")
        }
        let rules = table.split(separator: "\n").filter { $0.hasSuffix("  UnknownNames") || $0.hasSuffix("  LogicalIds") }
        #expect(rules.count == 2)
        // parse ran for the three specs and allocated.
        let parse = try #require(table.split(separator: "\n").first { $0.hasSuffix("  parse") })
        let columns = parse.split(separator: " ")
        #expect(columns[2] == "3")
        #expect(columns[3] != "0")

        let lint = CLIRunner.formwork(["lint", "specs/job-queues.yaml", "--time-passes"])
        #expect(lint.status == 0)
        #expect(lint.stdout.isEmpty)
        #expect(lint.stderr.hasPrefix("===---"))
        #expect(lint.stderr.contains("1 spec on 1 job in "))
    }

    @Test func inOrderWhateverFinishesFirst() {
        let count = 200
        let squares = (0..<count).map { $0 * $0 }
        for jobs in [1, 2, 7] {
            var seen: [Int] = []
            Parallel.forEachInOrder(count: count, jobs: jobs, work: { index in
                if index % 3 == 0 { usleep(200) }  // later indices finish first
                return index * index
            }) { index, square in
                #expect(square == index * index)
                seen.append(square)
            }
            #expect(seen == squares)
        }
        #expect(Parallel.availableCores >= 1)
    }
}
