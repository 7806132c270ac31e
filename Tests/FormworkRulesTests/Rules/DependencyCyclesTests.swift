import FormworkCFN
import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// Lowering leaves out a `DependsOn` a reference implies; DependencyCycles
/// reports each cycle once.
@Suite struct DependencyCyclesTests {
    let here = SourceRange(file: "t.yaml", line: 1, column: 1)

    func resource(_ id: String, _ properties: [(String, TemplateValue)], dependsOn: [String] = []) -> Resource {
        var resource = Resource(logicalId: id, type: "AWS::SNS::Topic", properties: properties, origin: here)
        resource.dependsOn = dependsOn
        return resource
    }

    @Test func dependsOnImpliedByAReferenceIsRemoved() {
        var template = Template()
        [
            resource("A", []),
            resource("B", []),
            resource("C", [("X", .ref("A", here)), ("Y", .sub("${B.TopicName}-${!Literal}", here))], dependsOn: ["A", "B", "D"]),
            resource("D", []),
        ].forEach { template.append($0) }
        Lowering.removeImpliedDependsOn(&template)
        #expect(cycles(template).isEmpty)
        #expect(template.resource("C")?.dependsOn == ["D"])
    }

    @Test func subVariablesShadowResources() {
        #expect(References.subReferences("a${X}b${Y.Arn}${!Z}${AWS::Region}") == ["X", "Y", "AWS::Region"])
        var found: [String: SourceRange] = [:]
        let value = TemplateValue.object([("Fn::Sub", .array([.string("${A}-${B}", here), .object([("A", .string("x", here))], here)], here))], here)
        References.collectReferences(value, into: &found, ids: ["A", "B"])
        #expect(Set(found.keys) == ["B"])
    }

    @Test func everyCycleIsReportedOnceWithItsMembers() {
        var template = Template()
        [
            resource("A", [("X", .getAtt("B", "Arn", here))]),
            resource("B", [("X", .ref("C", here))]),
            resource("C", [], dependsOn: ["A"]),
            resource("D", [("X", .ref("D", here))]),
        ].forEach { template.append($0) }
        let diagnostics = cycles(template)
        #expect(diagnostics.map(\.message) == [
            "circular dependency: A → B → C → A (A refers to B here)", "circular dependency: D → D (D refers to D here)",
        ])
        #expect(diagnostics.first?.notes.count == 2)
    }

    @Test func aResourceReferringToItselfIsACycleButSelfDependsOnIsLeftToResourceReferences() {
        var template = Template()
        [
            resource("A", [("X", .getAtt("A", "TopicName", here))]),
            resource("B", [], dependsOn: ["B"]),
        ].forEach { template.append($0) }
        let diagnostics = cycles(template)
        #expect(diagnostics.map(\.message) == ["circular dependency: A → A (A refers to A here)"])
    }

    func cycles(_ template: Template) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        DependencyCycles.check(TemplateContext(template: template, text: ""), into: &diagnostics)
        return diagnostics
    }
}
