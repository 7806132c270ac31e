import FormworkCFN
import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5311 (LambdaEnvironmentSize).
@Suite struct LambdaEnvironmentSizeTests {
    static let kilobyte = String(repeating: "x", count: 1024)

    @Test func reportedAtTheNameOfTheVariableThatPassesTheLimit() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              a:
                kind: function
                handler: a.b
                runtime: nodejs22.x
                code: { inline: x }
                environment:
                  ONE: \(Self.kilobyte)
                  TWO: \(Self.kilobyte)
                  THREE: \(Self.kilobyte)
                  ⟨four⟩FOUR: \(Self.kilobyte)
                  FIVE: \(Self.kilobyte)
              b:
                kind: function
                handler: a.b
                runtime: nodejs22.x
                code: { inline: x }
                environment:
                  ONE: \(Self.kilobyte)
                  TWO: \(Self.kilobyte)
                  THREE: \(Self.kilobyte)
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5311@four"])
        #expect(diagnostics.first?.message == "the environment variables up to 'FOUR' already take 4111 bytes; Lambda takes at most 4 KB in all")
        #expect(template == nil)
    }

    @Test func onlyTheLiteralTextIsCounted() {
        let origin = SourceRange(file: "t.json", line: 1, column: 1)
        #expect(LambdaEnvironmentSize.literalBytes(.string("abc", origin)) == 3)
        #expect(LambdaEnvironmentSize.literalBytes(.ref("Bucket", origin)) == 0)
        #expect(LambdaEnvironmentSize.literalBytes(.getAtt("Queue", "Arn", origin)) == 0)
        #expect(LambdaEnvironmentSize.literalBytes(.sub("arn:${AWS::Partition}:s3:::${Bucket}/${!literal}", origin)) == 21)
        #expect(LambdaEnvironmentSize.literalBytes(.if("C", .string("long text", origin), .noValue(origin), origin)) == 9)
        let join = TemplateValue.object([("Fn::Join", .array([.string("-", origin), .array([.string("ab", origin), .ref("X", origin), .string("c", origin)], origin)], origin))], origin)
        #expect(LambdaEnvironmentSize.literalBytes(join) == 5)
    }

    @Test func aPlainTemplateIsReportedAtTheValue() {
        let value = SourceRange(file: "t.json", line: 7, column: 16)
        let variables = TemplateValue.object([
            ("BIG", .string(String(repeating: "x", count: 5000), value)),
        ], SourceRange(file: "t.json", line: 6, column: 1))
        var template = Template()
        template.append(Resource(logicalId: "Worker", type: "AWS::Lambda::Function",
                                 properties: [("Environment", .object([("Variables", variables)], nil))],
                                 origin: SourceRange(file: "t.json", line: 3, column: 1)))
        var diagnostics: [Diagnostic] = []
        LambdaEnvironmentSize.check(TemplateContext(template: template, text: ""), into: &diagnostics)
        #expect(diagnostics.map(\.range) == [value])
    }
}
