import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5309 (EnvironmentNames).
@Suite struct EnvironmentNamesTests {
    @Test func namesLambdaReservesAreReportedAtTheName() {
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
                  TABLE: orders
                  ⟨region⟩AWS_REGION: eu-west-1
                  ⟨name⟩AWS_LAMBDA_FUNCTION_NAME: { value: other }
                  aws_region: lower-case-is-not-reserved
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5309@region", "FW5309@name"])
        #expect(diagnostics.first?.help == ["choose another name; Lambda sets 'AWS_REGION' itself"])
        #expect(template == nil)
    }
}
