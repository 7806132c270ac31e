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
            == #"{"Fn::Sub": ["s3://${Value_1}/x",{"Value_1": {"Fn::If": ["HasSource",{"Ref": "Source"},""]}}]}"#)
    }

    /// A variable of the `Fn::Sub` map shadows a parameter or resource of
    /// the same name: with a parameter `value1` (logical ID `Value1`), the
    /// old `Value1` variable turned `${value1}` into the fallback.
    @Test func subVariablesCannotShadowAParameterOrResource() throws {
        let (template, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            parameters:
              domain: { optional: true }
              value1: { default: x }
              value2: { default: y }
            resources:
              value3: { kind: queue }
            outputs:
              o: "${domain ?? 'none'}-${value1}-${domain ?? 'n'}-${value2}-${value3.name}"
            """)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let value = try #require(template?.outputs.first?.value["Value"])
        #expect(value.compactJSON == #"{"Fn::Sub": ["${Value_1}-${Value1}-${Value_2}-${Value2}-${Value3.QueueName}",{"#
            + #""Value_1": {"Fn::If": ["HasDomain",{"Ref": "Domain"},"none"]},"#
            + #""Value_2": {"Fn::If": ["HasDomain",{"Ref": "Domain"},"n"]}}]}"#)
        // No generated variable is a logical ID or a pseudo parameter's name.
        let ids = Set(template!.parameters.map(\.logicalId) + template!.resources.map(\.logicalId))
        for n in 1...100 {
            let name = ValueEmitter.variableName(n)
            #expect(!ids.contains(name))
            #expect(!name.allSatisfy { $0.isLetter || $0.isNumber }, "\(name) could be a logical ID")
            #expect(!name.contains("::"))
        }
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

@Suite struct OptionalParameterConstraintTests {
    /// An optional parameter's `Default: ""` must pass its own constraints
    /// (cfn-lint E2015), and every other value is still checked.
    @Test func theEmittedConstraintsAdmitTheEmptyDefault() throws {
        let (template, diagnostics) = Pipeline.compile("""
            formwork: 1
            stack: demo
            parameters:
              mail: { optional: true, pattern: "^[^@]+@[^@]+$" }
              tier: { optional: true, allowed: [gold, silver] }
              blank: { optional: true, allowed: ["", a] }
              suffix: { optional: true, pattern: "[a-z]*" }
              env: { default: dev, pattern: "^[a-z]+$", allowed: [dev, prod] }
            resources:
              jobs: { kind: queue, tags: { a: "${mail ?? ''}${tier ?? ''}${blank ?? ''}${suffix ?? ''}${env}" } }
            """)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let parameters = try #require(template?.parameters)
        func json(_ id: String, _ key: String) -> String? {
            parameters.first { $0.logicalId == id }?.value[key]?.compactJSON
        }
        #expect(json("Mail", "AllowedPattern") == #""^$|^[^@]+@[^@]+$""#)
        #expect(json("Tier", "AllowedValues") == #"["","gold","silver"]"#)
        #expect(json("Blank", "AllowedValues") == #"["","a"]"#)
        #expect(json("Suffix", "AllowedPattern") == #""[a-z]*""#)
        // A parameter with a default keeps its constraints as written.
        #expect(json("Env", "AllowedPattern") == #""^[a-z]+$""#)
        #expect(json("Env", "AllowedValues") == #"["dev","prod"]"#)
    }
}
