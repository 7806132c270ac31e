import FormworkDiagnostics
@testable import FormworkSema
import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct DefaultInjectionTests {
    @Test func ownValueThenDefaultsThenBuiltIn() throws {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              function: { runtime: nodejs22.x, timeout: ⟨timeout⟩60, logs: { format: text } }
              bucket: { versioning: false }
            resources:
              own: { kind: function, handler: a.b, code: { inline: x }, timeout: 10 }
              ⟨fromDefaults⟩fromDefaults: { kind: function, handler: a.b, code: { inline: x } }
              store: { kind: bucket }
            """)
        var spec = try #require(Pipeline.decode(text.text).spec)
        let diagnostics = DefaultInjection.run(&spec)
        #expect(diagnostics.isEmpty)
        guard case .function(let own) = spec.resources[0].body, case .function(let other) = spec.resources[1].body,
              case .bucket(let bucket) = spec.resources[2].body
        else {
            Issue.record("kinds")
            return
        }
        #expect(own.timeout?.value == 10)
        #expect(other.timeout?.value == 60)
        #expect(other.timeout?.range.start == text.location("timeout"))  // the defaults entry
        #expect(other.memory?.value == BuiltInDefaults.functionMemory)
        #expect(other.memory?.range.start == text.location("fromDefaults"))  // the resource's name
        #expect(other.runtime?.value == "nodejs22.x")
        #expect(other.logs?.format?.value == .text)
        #expect(other.logs?.retentionDays?.value == 14)
        #expect(other.deadLetterQueue?.value == true)
        #expect(bucket.versioning?.value == false)
        #expect(bucket.publicAccess?.value == .blocked)
        #expect(bucket.encryption?.value == .s3)
    }

    @Test func requiredSettingsAndImplicitAuth() throws {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            defaults:
              api: { auth: iam }
            resources:
              ⟨f⟩f: { kind: function, code: { inline: x } }
              stated: { kind: api, stage: v1, auth: none, routes: { GET /: { mock: {} } } }
              defaulted: { kind: api, stage: v1, routes: { GET /: { mock: {} } } }
            """)
        var spec = try #require(Pipeline.decode(text.text).spec)
        #expect(text.findings(DefaultInjection.run(&spec)) == ["FW4001@f", "FW4001@f"])

        let openText = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              ⟨api⟩api: { kind: api, stage: v1, routes: { GET /: { mock: {} } } }
            """)
        var open = try #require(Pipeline.decode(openText.text).spec)
        let diagnostics = DefaultInjection.run(&open)
        #expect(openText.findings(diagnostics) == ["FW4002@api"])
        #expect(diagnostics.first?.severity == .warning)
    }
}
