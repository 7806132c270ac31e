import FormworkTestSupport
import Foundation
import Testing

/// Every input the fuzz targets found (Tests/Fuzz/regressions/, named
/// `pipeline-*` or `expressions-*` after the target that found it) runs
/// again through that target's function: it must break no invariant, and
/// finish well inside libFuzzer's -timeout, so a hang that comes back fails
/// here rather than stalling `make test` (a trap ends the test run, which
/// fails too).
@Suite struct FuzzRegressionTests {
    static let folder = "Tests/Fuzz/regressions"

    @Test(arguments: PackagePaths.files(in: folder, suffixes: [""]).filter { !$0.hasPrefix(".") && $0 != "README.md" })
    func findingStaysFixed(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: PackagePaths.path("\(Self.folder)/\(name)"))))
        let target: ([UInt8]) -> [String]
        if name.hasPrefix("pipeline-") {
            target = FuzzTargets.pipeline
        } else if name.hasPrefix("expressions-") {
            target = FuzzTargets.expressions
        } else {
            Issue.record("\(name): a regression's name starts with its target, pipeline- or expressions-")
            return
        }
        var broken: [String] = []
        let elapsed = ContinuousClock().measure { broken = target(bytes) }
        #expect(broken.isEmpty, "\(name): \(broken.joined(separator: "; "))")
        #expect(elapsed < .seconds(5), "\(name) took \(elapsed) (a debug build; the fuzzing -timeout is 10 s under ASan)")
    }
}
