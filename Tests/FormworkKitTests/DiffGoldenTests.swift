import FormworkCFN
@testable import FormworkKit
import FormworkTestSupport
import Foundation
import Testing

/// `formwork diff` on the spec pairs of Tests/Diff (each `old.yaml` and
/// `new.yaml`): the JSON and markdown reports, against golden/diff/.
@Suite struct DiffGoldenTests {
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: PackagePaths.path("Tests/Diff"))) ?? []).sorted()

    @Test func thereAreTheCasesTheIssueNames() {
        #expect(Self.cases.count >= 12, "\(Self.cases)")
    }

    @Test(arguments: cases) func reports(_ name: String) throws {
        var stacks: [(old: String, new: String, diff: TemplateDiff)] = []
        var templates: [FormworkCFN.Template] = []
        for side in ["old", "new"] {
            let compiled = Compiler.compile(file: PackagePaths.path("Tests/Diff/\(name)/\(side).yaml"))
            templates.append(try #require(compiled.template, "\(name)/\(side).yaml: \(compiled.diagnostics.map(\.message))"))
        }
        stacks.append(("\(name)/old.yaml", "\(name)/new.yaml", TemplateDiff.compare(templates[0], templates[1])))
        if let failure = Golden.check(DiffJSON.render(stacks), against: "golden/diff/\(name).json") { Issue.record("\(failure)") }
        if let failure = Golden.check(DiffReport.markdown(stacks), against: "golden/diff/\(name).md") { Issue.record("\(failure)") }
        #expect(!stacks[0].diff.isEmpty, "every pair changes something")
        // The graph of the new side, the changes coloured: dot is also read by graphviz (DiffRenderingTests).
        for (format, suffix) in [(ResourceGraph.Format.mermaid, "mmd"), (.dot, "dot")] {
            let graph = graphOf(templates, format: format)
            if let failure = Golden.check(graph, against: "golden/diff/\(name).\(suffix)") { Issue.record("\(failure)") }
        }
    }

    func graphOf(_ templates: [FormworkCFN.Template], format: ResourceGraph.Format) -> String {
        let (status, removed) = ReviewGraph.changes(templates[0], templates[1])
        return ResourceGraph.render(templates[1], format: format, status: status, removed: removed)
    }
}
