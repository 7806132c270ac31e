import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5340 (FunctionNetworks), and the strings of `defaults.function` checked once however many functions take them.
@Suite struct FunctionNetworksTests {
    @Test func aListParameterAsOneItemIsReportedOnceWithAFixIt() throws {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              subnetIds: { type: list }
              layerArn: { type: string, default: "arn:aws:lambda:us-east-1:123456789012:layer:x:1" }
            defaults:
              function:
                runtime: nodejs22.x
                handler: a.b
                layers: ["${⟨typo⟩layrArn}"]
                vpc: { subnets: ⟨list⟩["${⟨item⟩subnetIds}"], securityGroups: [sg-1] }
            resources:
              a: { kind: function, code: { inline: x } }
              b: { kind: function, code: { inline: x } }
            """)
        let diagnostics = Pipeline.compile(text.text).diagnostics.filter { $0.severity == .error }
        #expect(text.findings(diagnostics) == ["FW3050@typo", "FW5340@item"])
        let fixIt = try #require(diagnostics.first { $0.code == .listParameterAsItem }?.fixIts.first)
        #expect(fixIt.applied(to: text.text).contains("vpc: { subnets: ${subnetIds}, securityGroups"))
    }
}
