import Foundation
@testable import FormworkLowering
import FormworkCFN
import FormworkDiagnostics
@testable import FormworkRules
import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct ParameterConstraintsTests {
    func findings(_ parameters: String) -> (MarkedText, [Diagnostic]) {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
            \(parameters)
            resources:
              jobs: { kind: queue, tags: { a: "${p}" } }
            """)
        return (text, Pipeline.compile(text.text).1)
    }

    @Test func aDefaultOutsideAllowedIsAnErrorAtTheDefaultWithTheClosestValue() throws {
        let (text, diagnostics) = findings("  p: { default: ⟨d⟩prd, allowed: [dev, prod] }")
        #expect(text.findings(diagnostics) == ["FW4040@d"])
        let fix = try #require(diagnostics.first?.fixIts.first)
        #expect(fix.message == "did you mean 'prod'?")
        #expect(fix.edits.first?.text == "prod")
    }

    @Test func aSuggestionYAMLWouldReadAsABooleanIsQuoted() throws {
        let (_, diagnostics) = findings("  p: { default: \"noo\", allowed: [\"yes\", \"no\"] }")
        #expect(diagnostics.first?.fixIts.first?.edits.first?.text == "\"no\"")
    }

    @Test func aDefaultMustMatchThePatternAsAWhole() {
        let (text, diagnostics) = findings(#"  p: { default: ⟨d⟩dev-1x, pattern: "[a-z]+-[0-9]" }"#)
        #expect(text.findings(diagnostics) == ["FW4041@d"])
        let (_, matching) = findings(#"  p: { default: dev-1, pattern: "[a-z]+-[0-9]" }"#)
        #expect(matching.isEmpty, "\(matching)")
    }

    @Test func eachItemOfAListDefaultIsChecked() {
        let (text, diagnostics) = findings("  p: { type: list, default: ⟨d⟩[a, z], allowed: [a, b] }")
        #expect(text.findings(diagnostics) == ["FW4040@d"])
        #expect(diagnostics.first?.message.hasPrefix("default item 'z' of parameter 'p'") == true)
    }

    @Test func aNumberDefaultIsComparedAsWritten() {
        let (_, diagnostics) = findings("  p: { type: number, default: 3, allowed: [\"3\", \"5\"] }")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func aPatternFormworkCannotEvaluateIsAWarningAndChecksNothing() {
        let (text, diagnostics) = findings(#"  p: { default: ABC, pattern: ⟨p⟩"\\p{javaLowerCase}+" }"#)
        #expect(text.findings(diagnostics) == ["FW4042@p"])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func anOptionalParameterWithConstraintsIsNotAnError() {
        let (_, diagnostics) = findings(#"  p: { optional: true, pattern: "^[a-z]+$", allowed: [ab] }"#)
        #expect(diagnostics.allSatisfy { !ParameterConstraints.codes.contains($0.code) }, "\(diagnostics)")
    }

    @Test func overrideValuesAreCheckedAgainstThePatternAndEachListItem() throws {
        let spec = try #require(Pipeline.decode("""
            formwork: 1
            stack: demo
            parameters:
              env: { pattern: "^[a-z]+$" }
              zones: { type: list, allowed: [a, b] }
            resources:
              jobs: { kind: queue }
            """).spec)
        let env = spec.parameters[0], zones = spec.parameters[1]
        #expect(env.violation(of: env.value(ofOverride: "prod")) == nil)
        #expect(env.violation(of: env.value(ofOverride: "Prod")) == .noMatch(item: "Prod", pattern: "^[a-z]+$"))
        #expect(zones.violation(of: zones.value(ofOverride: "a,b")) == nil)
        #expect(zones.violation(of: zones.value(ofOverride: "a,c")) == .notAllowed(item: "c", allowed: ["a", "b"]))
    }

    /// `--param tier=` leaves an optional parameter absent, which its emitted
    /// constraints admit; any other value is held to them.
    @Test func anOptionalParametersEmptyOverrideIsItsAbsence() throws {
        let spec = try #require(Pipeline.decode("""
            formwork: 1
            stack: demo
            parameters:
              tier: { optional: true, allowed: [gold], pattern: "^[a-z]+$" }
            resources:
              jobs: { kind: queue }
            """).spec)
        let tier = spec.parameters[0]
        #expect(tier.violation(of: tier.value(ofOverride: "")) == nil)
        #expect(tier.violation(of: tier.value(ofOverride: "silver")) == .notAllowed(item: "silver", allowed: ["gold"]))
    }

    @Test func anOptionalParametersDefaultIsTheDecodersErrorOnly() {
        let (text, diagnostics) = findings("  p: { optional: true, ⟨d⟩default: x, allowed: [a] }")
        #expect(text.findings(diagnostics).allSatisfy { !$0.hasPrefix("FW404") }, "\(diagnostics)")
        #expect(!diagnostics.isEmpty)
    }
}

/// Agreement with cfn-lint E2015 ("Default value is within parameter
/// constraints"): the spec of golden case parameter-default-constraints,
/// lowered without its rules, is the template Formwork used to write; cfn-lint
/// finds E2015 on exactly the parameters ParameterConstraints reports. And
/// the optional parameters' constraints Formwork writes draw no E2015.
@Suite struct ParameterConstraintsCfnLintTests {
    /// cfn-lint on the PATH (`make test` installs it); without it the suite is skipped.
    static let cfnLint = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { "\($0)/cfn-lint" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    func e2015(_ templateText: String) throws -> [String] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("formwork-e2015-\(UUID().uuidString).json").path
        try templateText.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLIRunner.run(Self.cfnLint!, ["--format", "parseable", "--", path])
        // parseable: file:line:col:endLine:endCol:rule:message; the line names the parameter's Default.
        let lines = templateText.split(separator: "\n", omittingEmptySubsequences: false)
        return result.stdout.split(separator: "\n").compactMap { finding in
            let fields = finding.split(separator: ":")
            guard fields.count > 6, fields[5] == "E2015", let line = Int(fields[1]) else { return nil }
            // The parameter is the nearest key above its Default, four spaces in.
            return lines[..<(line - 1)].last { $0.hasPrefix("    \"") && !$0.hasPrefix("     ") }
                .map { $0.trimmingCharacters(in: .whitespaces).split(separator: "\"").first.map(String.init) ?? "" }
        }
    }

    @Test(.enabled(if: cfnLint != nil)) func cfnLintFindsE2015WhereTheRuleReports() throws {
        let text = try String(contentsOfFile: PackagePaths.path("specs/invalid/parameter-default-constraints.yaml"), encoding: .utf8)
        var spec = try #require(Pipeline.decode(text).spec)
        spec.injectDefaults()
        let symbols = SymbolTable(spec)
        var reported: [Diagnostic] = []
        ParameterConstraints.check(SpecContext(spec: spec, symbols: symbols), into: &reported)
        let errors = reported.filter { $0.severity == .error }.map { diagnostic in
            spec.parameters.first { $0.defaultValue?.range == diagnostic.range }!.name.logicalId
        }
        let template = Lowering.run(spec, symbols: symbols, options: LoweringOptions())
        #expect(try e2015(JSONWriter.emit(template, sourceMap: false).text) == errors)
        #expect(errors == ["Env", "Region", "Zones"])
    }

    @Test(.enabled(if: cfnLint != nil)) func optionalParametersConstraintsDrawNoE2015() throws {
        let text = try String(contentsOfFile: PackagePaths.path("specs/optional-parameter-constraints.yaml"), encoding: .utf8)
        let (template, diagnostics) = Pipeline.compile(text)
        #expect(!diagnostics.hasErrors)
        #expect(try e2015(JSONWriter.emit(try #require(template), sourceMap: false).text) == [])
    }
}
