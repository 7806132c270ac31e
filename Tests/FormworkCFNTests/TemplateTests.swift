@testable import FormworkCFN
import FormworkDiagnostics
import Testing

@Suite struct TemplateTests {
    let here = SourceRange(file: "s.yaml", line: 1, column: 1)

    /// A logical ID finds its first resource, also after resources are changed in place.
    @Test func resourcesAreFoundByLogicalId() {
        var template = Template()
        for (id, type) in [("A", "AWS::SNS::Topic"), ("B", "AWS::SQS::Queue"), ("A", "AWS::S3::Bucket")] {
            template.append(Resource(logicalId: id, type: type, properties: [], origin: here))
        }
        template[resourceAt: 1].condition = "IsProd"
        #expect(template.index(of: "A") == 0)
        #expect(template.resource("A")?.type == "AWS::SNS::Topic")
        #expect(template.resource("B")?.condition == "IsProd")
        #expect(template.index(of: "C") == nil)
        #expect(template.resources.map(\.logicalId) == ["A", "B", "A"])
    }
}
