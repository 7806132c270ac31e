import FormworkDiagnostics
import FormworkKit
import FormworkTestSupport
import Foundation
import Testing

/// Mutated example specs never trap the compiler: each either compiles or
/// fails with located errors. A fixed seed keeps the run repeatable; a trap
/// ends the test process, so it cannot pass unnoticed.
@Suite struct MutationFuzzTests {
    /// SplitMix64: a small, seedable generator.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = [
        "${", "}", "${aws.region}", "${missing.arn}", " ?? ''", "when: x", ": ", "- ", "[", "{", "'", "\"",
        "99999999999999999999", "-1", "0", ".nan", "&a", "*a", "!Ref ", "<<: ", "\t", "\u{0}", "é", "kind: function",
        "kind: bucket", "kind: api", "dependsOn: [processor]", "retain: true", "GET /{x}", "cron(0 0 * * ? *)",
        "rate(1 minutes)", "storageClass: GLACIER", "days: 1", "\n  ", "\n", "#",
    ]

    @Test(arguments: PackagePaths.files(in: "specs", suffixes: [".yaml"]))
    func mutatedSpecsNeverTrap(_ name: String) throws {
        let original = Array(try String(contentsOfFile: PackagePaths.path("specs/\(name)"), encoding: .utf8).utf8)
        let environment = ProcessInfo.processInfo.environment
        let seed = UInt64(environment["FUZZ_SEED"] ?? "") ?? 0
        var generator = Generator(state: seed &+ UInt64(truncatingIfNeeded: name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        // FUZZ_ITERATIONS and FUZZ_SEED make a longer or different run by hand.
        for _ in 0..<(Int(environment["FUZZ_ITERATIONS"] ?? "") ?? 150) {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let at = Int.random(in: 0...bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0:  // delete a run
                    let end = min(bytes.count, at + Int.random(in: 1...40, using: &generator))
                    bytes.removeSubrange(min(at, end)..<end)
                case 1:  // insert a fragment
                    bytes.insert(contentsOf: Array(Self.fragments.randomElement(using: &generator)!.utf8), at: at)
                case 2:  // duplicate a line
                    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                    guard let line = lines.randomElement(using: &generator) else { continue }
                    bytes.insert(contentsOf: Array(line) + [UInt8(ascii: "\n")], at: at)
                default:  // flip a byte
                    if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &generator) }
                }
            }
            let compiled = Compiler.compile(bytes: bytes, path: "fuzz.yaml")
            if compiled.template == nil {
                #expect(compiled.diagnostics.contains { $0.severity == .error }, "no template and no error")
            }
            for diagnostic in compiled.diagnostics {
                #expect(diagnostic.range.start.line >= 1, "unlocated: \(diagnostic.message)")
            }
        }
    }
}
