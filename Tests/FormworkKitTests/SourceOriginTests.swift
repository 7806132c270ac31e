import FormworkCFN
import FormworkDiagnostics
import FormworkTestSupport
import Foundation
import Testing

/// Every value a template holds keeps the spec range that caused it, so a
/// finding on the template (cfn-lint's, or a failed deploy's) can be
/// reported at a spec line. Checked over every example spec.
@Suite struct SourceOriginTests {
    @Test(arguments: PackagePaths.files(in: "specs", suffixes: [".yaml"]))
    func everyValueHasAnOriginInItsSpec(_ name: String) throws {
        let text = try String(contentsOfFile: PackagePaths.path("specs/\(name)"), encoding: .utf8)
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let (template, diagnostics) = Pipeline.compile(text)
        #expect(!diagnostics.hasErrors)
        let compiled = try #require(template)
        var missing: [String] = []
        func walk(_ value: TemplateValue, _ path: String) {
            if let origin = value.origin {
                #expect(origin.start.line >= 1 && origin.start.line <= lineCount, "\(path) points outside the spec")
            } else {
                missing.append(path)
            }
            switch value.kind {
            case .object(let members): for member in members { walk(member.value, path + "/" + member.key) }
            case .array(let items): for (index, item) in items.enumerated() { walk(item, path + "/\(index)") }
            default: break
            }
        }
        for resource in compiled.resources { walk(resource.properties, "Resources/\(resource.logicalId)/Properties") }
        for entry in compiled.parameters { walk(entry.value, "Parameters/\(entry.logicalId)") }
        for entry in compiled.conditions { walk(entry.value, "Conditions/\(entry.logicalId)") }
        for entry in compiled.outputs { walk(entry.value, "Outputs/\(entry.logicalId)") }
        #expect(missing.isEmpty, "values without a spec range: \(missing.prefix(10))")
    }
}
