import FormworkCFN
import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct ValueEmitterTests {
    func output(_ value: String, extra: String = "") throws -> String {
        let (template, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
              source: { optional: true }
              zones: { type: list, default: [a] }
            resources:
              jobs: { kind: queue }
            \(extra)
            outputs:
              o: \(value)
            """)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let entry = try #require(template?.outputs.first?.value["Value"])
        return entry.compactJSON
    }

    @Test func singleExpressionIsTheBareIntrinsic() throws {
        #expect(try output("${env}") == #"{"Ref": "Env"}"#)
        #expect(try output("${jobs.arn}") == #"{"Fn::GetAtt": ["Jobs","Arn"]}"#)
        #expect(try output("${aws.region}") == #"{"Ref": "AWS::Region"}"#)
        #expect(try output("plain text") == #""plain text""#)
    }

    @Test func textAroundExpressionsIsSubWithLiteralDollarBracesEscaped() throws {
        #expect(try output("'a-${env}-$${literal}-${jobs.name}'") == #"{"Fn::Sub": "a-${Env}-${!literal}-${Jobs.QueueName}"}"#)
    }

    @Test func aFallbackIsIfOnTheHasCondition() throws {
        #expect(try output("${source ?? 'none'}") == #"{"Fn::If": ["HasSource",{"Ref": "Source"},"none"]}"#)
        #expect(try output("\"s3://${source ?? ''}/x\"")
            == #"{"Fn::Sub": ["s3://${Value1}/x",{"Value1": {"Fn::If": ["HasSource",{"Ref": "Source"},""]}}]}"#)
    }

    @Test func conditionsAreNamedOnceDeterministically() throws {
        let (template, _) = Pipeline.compile("""
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
            resources:
              a: { kind: queue, when: "env == 'prod'" }
              b: { kind: queue, when: "env=='prod'" }
              c: { kind: queue, when: "env != 'dev' && env != 'test'" }
            """)
        #expect(template?.conditions.map(\.logicalId) == ["EnvIsProd", "EnvIsNotDevAndEnvIsNotTest"])
        #expect(template?.resource("B")?.condition == "EnvIsProd")
        #expect(ConditionTable.name(for: .isSet(.init(path: [String(repeating: "x", count: 80)], ranges: [.wholeFile("t")], range: .wholeFile("t"))))
            .hasPrefix("Condition"))
    }
}
