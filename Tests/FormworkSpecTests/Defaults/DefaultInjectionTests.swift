import FormworkDiagnostics
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
        spec.injectDefaults()
        guard case .function(let own) = spec.resources[0].body, case .function(let other) = spec.resources[1].body,
              case .bucket(let bucket) = spec.resources[2].body
        else {
            Issue.record("kinds")
            return
        }
        #expect(own.timeout.value == 10)
        #expect(other.timeout.value == 60)
        #expect(other.timeout.range.start == text.location("timeout"))  // the defaults entry
        #expect(other.timeout.provenance == .defaults)
        #expect(own.timeout.provenance == .written)
        #expect(other.memory.provenance == .builtIn)
        #expect(other.memory.value == BuiltInDefaults.functionMemory)
        #expect(other.memory.range.start == text.location("fromDefaults"))  // the resource's name
        #expect(other.runtime?.value == "nodejs22.x")
        #expect(other.logs.format.value == .text)
        #expect(other.logs.retentionDays.value == 14)
        #expect(other.deadLetterQueue.value == true)
        #expect(bucket.versioning.value == false)
        #expect(bucket.publicAccess.value == .blocked)
        #expect(bucket.encryption.value == .s3)
    }
}
