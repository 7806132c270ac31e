import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkTestSupport
import Foundation
import Testing
@testable import FormworkRules

/// Every resource the components generate, over every spec in specs/, is
/// what its resource schema takes: the same rules that check raw resources
/// find nothing on it. So a component cannot emit a property CloudFormation
/// does not know.
@Suite struct SchemaSelfCheckTests {
    static let specs = (try? FileManager.default.contentsOfDirectory(atPath: PackagePaths.path("specs")))?
        .filter { $0.hasSuffix(".yaml") }.sorted() ?? []

    @Test func thereAreSpecs() { #expect(Self.specs.count >= 20) }

    @Test(arguments: specs) func everyGeneratedResourceFitsItsSchema(_ name: String) throws {
        let text = try String(contentsOfFile: PackagePaths.path("specs/\(name)"), encoding: .utf8)
        let (template, _) = Pipeline.compile(text)
        // Specs that need --param (an .args file) compile with their defaults here, or not at all.
        guard let template else { return }
        for resource in template.resources {
            #expect(ResourceSchemas.contains(resource.type), "\(name): \(resource.logicalId) is \(resource.type), which has no schema")
        }
        var diagnostics: [Diagnostic] = []
        let context = TemplateContext(template: template, text: "")
        ResourceTypes.check(context, into: &diagnostics)
        ResourceProperties.check(context, into: &diagnostics)
        #expect(diagnostics.isEmpty, "\(name): \(diagnostics.map { "\($0.code) \($0.message)" })")
    }

    /// The check can fail: a generated resource given a property its type
    /// does not have, and one missing a required property, are found.
    @Test func aBrokenGeneratedResourceIsFound() throws {
        let text = try String(contentsOfFile: PackagePaths.path("specs/function-basic.yaml"), encoding: .utf8)
        var template = try #require(Pipeline.compile(text).template)
        let index = try #require(template.resources.firstIndex { $0.type == "AWS::Lambda::Function" })
        guard case .object(var members) = template.resources[index].properties.kind else {
            Issue.record("a function's properties are an object")
            return
        }
        members.removeAll { $0.key == "Role" }
        members.append(.init("MemorySiz", .int(128, nil)))
        template[resourceAt: index].properties = TemplateValue(.object(members), origin: template.resources[index].origin)
        var diagnostics: [Diagnostic] = []
        ResourceProperties.check(TemplateContext(template: template, text: ""), into: &diagnostics)
        #expect(Set(diagnostics.map(\.code.rawValue)) == ["FW6101", "FW6102"], "\(diagnostics.map(\.message))")
    }
}
