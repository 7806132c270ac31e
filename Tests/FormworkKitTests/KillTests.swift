import Foundation
import FormworkTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `formwork compile` killed (SIGKILL) at random moments, many times, over
/// an existing output: each file is left whole, old or new. What a kill
/// leaves behind is a temporary dotfile named after the dead process, which
/// the next compile into that directory removes; a normal error leaves none.
@Suite struct KillTests {
    func temporaryDirectory() throws -> String { try PackagePaths.temporaryDirectory("formwork-kill") }

    /// A spec of `queues` queues, each redriving to the next, kept `days` days.
    func spec(queues: Int, days: Int) -> String {
        var text = "formwork: 1\nstack: large\nresources:\n"
        for index in 0..<queues - 1 {
            text += "  q\(index): { kind: queue, retentionDays: \(days), deadLetter: { queue: q\(index + 1) } }\n"
        }
        return text + "  q\(queues - 1): { kind: queue }\n"
    }

    func read(_ path: String) -> Data? { try? Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Puts `data` at `path` by renaming, so the output directory only ever
    /// holds what formwork wrote there.
    func place(_ data: Data, at path: String, staging: String) throws {
        try data.write(to: URL(fileURLWithPath: staging))
        #expect(rename(staging, path) == 0)
    }

    func compile(_ spec: String, out: String) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.executable)
        process.arguments = ["compile", spec, "--out", out, "--source-map", "-q"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    @Test func killedAtAnyMomentEachFileIsOldOrNew() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let specPath = dir + "/large.yaml", out = dir + "/out", staging = dir + "/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let names = [".formwork-manifest", "large.json", "large.map.json"]

        // The old outputs, from an older version of the spec; then the new ones.
        try spec(queues: 30, days: 4).write(toFile: specPath, atomically: true, encoding: .utf8)
        #expect(CLIRunner.formwork(["compile", specPath, "--out", out, "--source-map", "-q"]).status == 0)
        let old = names.map { read("\(out)/\($0)")! }
        try spec(queues: 30, days: 5).write(toFile: specPath, atomically: true, encoding: .utf8)
        let started = Date()
        #expect(CLIRunner.formwork(["compile", specPath, "--out", dir + "/new", "--source-map", "-q"]).status == 0)
        let duration = Date().timeIntervalSince(started)
        let new = names.map { read("\(dir)/new/\($0)")! }
        #expect(old != new)

        var generator = SystemRandomNumberGenerator()
        var outcomes: [String: Int] = [:]
        var killed = Set<Int32>()
        for kill in 0..<200 {
            for (name, data) in zip(names, old) { try place(data, at: "\(out)/\(name)", staging: "\(staging)/\(name)") }
            let process = compile(specPath, out: out)
            try process.run()
            // Half the kills anywhere in the run, half near its end, where it writes.
            let fraction = kill % 2 == 0 ? Double.random(in: 0...1.2, using: &generator)
                : Double.random(in: 0.7...1.1, using: &generator)
            usleep(UInt32(duration * fraction * 1_000_000))
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            for (index, name) in names.enumerated() {
                let data = read("\(out)/\(name)")
                let verdict = data == old[index] ? "old" : data == new[index] ? "new" : "neither"
                #expect(verdict != "neither", "kill \(kill): \(name) is partial (\(data?.count ?? -1) bytes)")
                outcomes[verdict, default: 0] += 1
            }
            killed.insert(process.processIdentifier)
            for entry in try FileManager.default.contentsOfDirectory(atPath: out) where !names.contains(entry) {
                let pid = entry.split(separator: "-").dropLast().last.flatMap { Int32($0) }
                #expect(entry.hasPrefix(".large.") && entry.contains(".formwork-tmp-") && pid.map(killed.contains) == true,
                        "kill \(kill) left \(entry)")
            }
        }
        #expect(outcomes["old", default: 0] > 0 && outcomes["new", default: 0] > 0, "\(outcomes)")

        // The next compile removes what the killed ones left, and says so.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { !names.contains($0) }
        let next = CLIRunner.formwork(["compile", specPath, "--out", out, "--source-map"])
        #expect(next.status == 0)
        for leftover in leftovers { #expect(next.stdout.contains("removed leftover \(out)/\(leftover)\n")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == names)
        #expect(names.map { read("\(out)/\($0)")! } == new)
    }

    /// Another run writing into the same directory keeps its temporary files.
    @Test func aLiveRunsTemporaryFileIsKept() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let live = ".job-queues.json.formwork-tmp-\(getpid())-AbC123"
        try "half".write(toFile: "\(out)/\(live)", atomically: false, encoding: .utf8)
        let result = CLIRunner.formwork(["compile", "specs/job-queues.yaml", "--out", out])
        #expect(result.status == 0)
        #expect(result.stdout == "wrote \(out)/job-queues.json\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [live, ".formwork-manifest", "job-queues.json"].sorted())
    }

    @Test func aNormalErrorLeavesNoTemporaryFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        try spec(queues: 5, days: 4).write(toFile: dir + "/large.yaml", atomically: true, encoding: .utf8)
        #expect(CLIRunner.formwork(["compile", dir + "/large.yaml", "--out", out, "--source-map"]).status == 0)

        // A failing spec: its outputs are removed, nothing else is left.
        try (spec(queues: 5, days: 4) + "  bad: { kind: queue, retentionDay: 4 }\n")
            .write(toFile: dir + "/large.yaml", atomically: true, encoding: .utf8)
        let failed = CLIRunner.formwork(["compile", dir + "/large.yaml", "--out", out, "--source-map"])
        #expect(failed.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)

        // A write that fails (a directory where the template goes): exit 2, no temporary file.
        try spec(queues: 5, days: 4).write(toFile: dir + "/large.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: out + "/large.json/x", withIntermediateDirectories: true)
        let unwritable = CLIRunner.formwork(["compile", dir + "/large.yaml", "--out", out])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("error[FW0006]: cannot write \(out)/large.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["large.json"])
    }
}
