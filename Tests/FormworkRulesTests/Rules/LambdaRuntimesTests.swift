import FormworkDiagnostics
@testable import FormworkRules
import FormworkFacts
import FormworkTestSupport
import Testing

/// FW5300, FW5301, FW5302, FW5314 (LambdaRuntimes).
@Suite struct LambdaRuntimesTests {
    @Test func unknownRuntimesGetTheClosestCurrentOne() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              a: { kind: function, handler: a.b, runtime: ⟨typo⟩nodejs22, code: { inline: x } }
              b: { kind: function, handler: a.b, runtime: ⟨far⟩golang, code: { bucket: artifacts, key: b.zip } }
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5300@typo", "FW5300@far"])
        #expect(diagnostics[0].fixIts.flatMap(\.edits).map(\.text) == ["nodejs22.x"])
        #expect(diagnostics[1].fixIts.isEmpty && diagnostics[1].help == ["use a current runtime, like nodejs22.x or python3.13"])
        #expect(template == nil)
    }

    @Test func aDeprecatedRuntimeFromDefaultsIsReportedOnce() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              function: { runtime: ⟨defaults⟩python3.9 }
            resources:
              a: { kind: function, handler: a.b, runtime: ⟨own⟩nodejs18.x, code: { inline: x } }
              b: { kind: function, handler: a.b, code: { inline: x } }
              c: { kind: function, handler: a.b, code: { inline: x } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5314@defaults", "FW5314@own"])
        #expect(diagnostics.map(\.message) == [
            "Lambda stopped creating functions on runtime 'python3.9' on 2026-06-01, and updating them on 2026-07-01",
            "Lambda stopped creating functions on runtime 'nodejs18.x' on 2026-06-01, and updating them on 2026-07-01",
        ])
    }

    /// Deprecated but still created on: a warning with both dates, and the template is written.
    @Test func aDeprecatedRuntimeStillCreatedOnIsAWarning() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              a: { kind: function, handler: A::B::C, runtime: ⟨runtime⟩dotnet8, code: { bucket: artifacts, key: a.zip } }
            """)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5301@runtime"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.message
            == "runtime 'dotnet8' was deprecated on 2026-11-10; Lambda stops creating functions on it on 2026-12-10")
        #expect(template != nil)
    }

    /// A raw function's written-out Runtime is checked against the same dates.
    @Test func aRawFunctionsRuntimeIsCheckedToo() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              f:
                type: AWS::Lambda::Function
                properties: { Runtime: ⟨blocked⟩nodejs16.x, Handler: a.b, Role: arn, Code: { ZipFile: x } }
              g:
                type: AWS::Lambda::Function
                properties: { Runtime: "${runtime}", Handler: a.b, Role: arn, Code: { ZipFile: x } }
            parameters:
              runtime: { type: string, default: nodejs22.x }
            """)
        #expect(text.findings(Pipeline.compile(text.text).diagnostics) == ["FW5314@blocked"])
    }

    /// Every runtime of the table that Lambda's schema lists, and only those, is known.
    @Test func theTableKnowsTheSchemasRuntimes() throws {
        let schema = try #require(ResourceSchemas.schema(for: "AWS::Lambda::Function")?.property("Runtime")?.enumValues)
        let listed = Set(schema.compactMap(\.string))
        let known = Set(Lambda.runtimes.map(\.identifier))
        #expect(known.subtracting(listed).isEmpty, "\(known.subtracting(listed).sorted())")
    }

    @Test func inlineCodeNeedsNodeOrPython() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              a: { kind: function, handler: A::B, runtime: ⟨runtime⟩java21, code: { inline: ⟨code⟩x } }
              b: { kind: function, handler: a.b, runtime: python3.13, code: { inline: x } }
              c: { kind: function, handler: A::B, runtime: java21, code: { bucket: artifacts, key: c.zip } }
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW5302@code"])
        #expect(diagnostics.first?.notes.first?.range?.start == text.location("runtime"))
    }
}
