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

    /// Values are equal, and hash alike, when their JSON is: origins aside, an object's keys in any order.
    @Test func valuesAreEqualAndHashAlikeWhenTheirJSONIs() {
        let other = SourceRange(file: "t.yaml", line: 9, column: 9)
        let a = TemplateValue.object([("Effect", .string("Allow", here)), ("Action", .array([.string("s3:GetObject", here)], here))], here)
        let b = TemplateValue.object([("Action", .array([.string("s3:GetObject", other)], other)), ("Effect", .string("Allow", other))], other)
        let c = TemplateValue.object([("Action", .array([.string("s3:PutObject", here)], here)), ("Effect", .string("Allow", here))], here)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
        #expect(TemplateValue.int(1, here) != .string("1", here))
        // Repeated keys compare in the order the writer writes them.
        let twice = TemplateValue.object([("k", .int(1, here)), ("k", .int(2, here))], here)
        let swapped = TemplateValue.object([("k", .int(2, here)), ("k", .int(1, here))], here)
        #expect(twice != swapped)
        #expect(twice != .object([("k", .int(1, here)), ("j", .int(2, here))], here))
    }
}
