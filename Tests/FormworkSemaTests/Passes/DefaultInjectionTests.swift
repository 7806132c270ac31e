import FormworkDiagnostics
@testable import FormworkSema
import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct DefaultInjectionTests {
    @Test func ownValueThenDefaultsThenBuiltIn() throws {
        var spec = try #require(Pipeline.decode("""
            formwork: 1
            stack: demo
            defaults:
              function: { runtime: nodejs22.x, timeout: 60, logs: { format: text } }
              bucket: { versioning: false }
            resources:
              own: { kind: function, handler: a.b, code: { inline: x }, timeout: 10 }
              fromDefaults: { kind: function, handler: a.b, code: { inline: x } }
              store: { kind: bucket }
            """).spec)
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
        #expect(other.timeout?.range.start.line == 4)  // the defaults entry
        #expect(other.memory?.value == BuiltInDefaults.functionMemory)
        #expect(other.memory?.range.start.line == 8)  // the resource's name
        #expect(other.runtime?.value == "nodejs22.x")
        #expect(other.logs?.format?.value == .text)
        #expect(other.logs?.retentionDays?.value == 14)
        #expect(other.deadLetterQueue?.value == true)
        #expect(bucket.versioning?.value == false)
        #expect(bucket.publicAccess?.value == .blocked)
        #expect(bucket.encryption?.value == .s3)
    }

    @Test func requiredSettingsAndImplicitAuth() throws {
        var spec = try #require(Pipeline.decode("""
            formwork: 1
            stack: demo
            defaults:
              api: { auth: iam }
            resources:
              f: { kind: function, code: { inline: x } }
              stated: { kind: api, stage: v1, auth: none, routes: { GET /: { mock: {} } } }
              defaulted: { kind: api, stage: v1, routes: { GET /: { mock: {} } } }
            """).spec)
        #expect(Pipeline.summary(DefaultInjection.run(&spec)) == ["FW4001@6:3", "FW4001@6:3"])

        var open = try #require(Pipeline.decode("""
            formwork: 1
            stack: demo
            resources:
              api: { kind: api, stage: v1, routes: { GET /: { mock: {} } } }
            """).spec)
        let diagnostics = DefaultInjection.run(&open)
        #expect(Pipeline.summary(diagnostics) == ["FW4002@4:3"])
        #expect(diagnostics.first?.severity == .warning)
    }
}
