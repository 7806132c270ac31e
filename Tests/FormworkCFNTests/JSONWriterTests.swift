@testable import FormworkCFN
import FormworkDiagnostics
import Testing

@Suite struct JSONWriterTests {
    let here = SourceRange(file: "s.yaml", line: 1, column: 1)

    @Test func sectionsAndResourceAttributesInFixedOrderPropertiesSorted() {
        var template = Template(description: "demo")
        template.outputs = [.init("QueueUrl", .object([("Value", .ref("Jobs", here))], here))]
        var queue = Resource(logicalId: "Jobs", type: "AWS::SQS::Queue", properties: [
            ("VisibilityTimeout", .int(30, here)), ("MessageRetentionPeriod", .int(345600, here)),
        ], origin: here)
        queue.deletionPolicy = "Delete"
        queue.dependsOn = ["Other"]
        queue.condition = "IsProd"
        template.resources = [queue]
        template.parameters = [.init("Env", .object([("Type", .string("String", here)), ("Default", .string("dev", here))], here))]
        #expect(JSONWriter.write(template) == """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Description": "demo",
              "Parameters": {
                "Env": {
                  "Default": "dev",
                  "Type": "String"
                }
              },
              "Resources": {
                "Jobs": {
                  "Type": "AWS::SQS::Queue",
                  "Condition": "IsProd",
                  "DependsOn": [
                    "Other"
                  ],
                  "DeletionPolicy": "Delete",
                  "Properties": {
                    "MessageRetentionPeriod": 345600,
                    "VisibilityTimeout": 30
                  }
                }
              },
              "Outputs": {
                "QueueUrl": {
                  "Value": {
                    "Ref": "Jobs"
                  }
                }
              }
            }

            """)
    }

    @Test func resourcesKeepModelOrder() {
        var template = Template()
        template.resources = ["Zeta", "Alpha"].map { Resource(logicalId: $0, type: "AWS::SNS::Topic", properties: [], origin: here) }
        let json = JSONWriter.write(template)
        let ids = json.split(separator: "\n").filter { $0.hasSuffix(": {") }.map { $0.trimmingPrefix(while: { $0 == " " }) }
        #expect(ids == ["\"Resources\": {", "\"Zeta\": {", "\"Alpha\": {"])
        #expect(!json.contains("Properties"))
    }

    @Test func escapesEveryControlAndSeparatorCharacter() {
        var out = ""
        JSONWriter.writeString("a\"b\\c\n\t\u{01}\u{7F}\u{2028}é😀", into: &out)
        #expect(out == #""a\"b\\c\n\t\u0001\u007f\u2028é😀""#)
    }

    @Test func emptyContainers() {
        #expect(JSONWriter.write(.object([("A", .array([], here)), ("B", .object([], here))], here)) == """
            {
              "A": [],
              "B": {}
            }
            """)
    }
}
