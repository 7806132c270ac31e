import FormworkDiagnostics
import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct DefaultInjectionTests {
    /// A conditional number of `defaults.function` goes with its largest
    /// branch to the functions that take it, and not to one that sets its own.
    @Test func conditionalNumberFromDefaults() throws {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters: { env: { type: string, default: dev } }
            defaults:
              function: { runtime: nodejs22.x, timeout: "${env == 'prod' ? 900 : 60}" }
            resources:
              own: { kind: function, handler: a.b, code: { inline: x }, timeout: 10, memory: "${env == 'prod' ? 1024 : 256}" }
              taker: { kind: function, handler: a.b, code: { inline: x } }
            """)
        var spec = try #require(Pipeline.decode(text.text).spec)
        spec.injectDefaults()
        guard case .function(let own) = spec.resources[0].body, case .function(let taker) = spec.resources[1].body else {
            Issue.record("kinds")
            return
        }
        #expect(own.timeout.value == 10)
        #expect(own.conditionalNumbers[.timeout] == nil)
        #expect(own.memory.value == 1024)
        #expect(own.conditionalNumbers[.memory]?.text == "${env == 'prod' ? 1024 : 256}")
        #expect(taker.timeout.value == 900)
        #expect(taker.timeout.provenance == .defaults)
        #expect(taker.conditionalNumbers[.timeout]?.text == "${env == 'prod' ? 900 : 60}")
        #expect(taker.conditionalNumbers[.memory] == nil)
    }

    /// The same for a queue's number fields and a function's `logs.retentionDays`.
    @Test func conditionalQueueNumbersAndLogRetentionFromDefaults() throws {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters: { env: { type: string, default: dev } }
            defaults:
              queue: { retentionDays: "${env == 'prod' ? 14 : 4}", visibilityTimeout: "${env == 'prod' ? 900 : 60}" }
              function: { runtime: nodejs22.x, logs: { retentionDays: "${env == 'prod' ? 365 : 7}" } }
            resources:
              own: { kind: queue, visibilityTimeout: 30 }
              taker: { kind: queue }
              worker: { kind: function, handler: a.b, code: { inline: x } }
              quiet: { kind: function, handler: a.b, code: { inline: x }, logs: { retentionDays: 1 } }
            """)
        var spec = try #require(Pipeline.decode(text.text).spec)
        spec.injectDefaults()
        guard case .queue(let own) = spec.resources[0].body, case .queue(let taker) = spec.resources[1].body,
              case .function(let worker) = spec.resources[2].body, case .function(let quiet) = spec.resources[3].body
        else {
            Issue.record("kinds")
            return
        }
        #expect(own.visibilityTimeout?.value == 30)
        #expect(own.conditionalNumbers[.visibilityTimeout] == nil)
        #expect(own.conditionalNumbers[.retentionDays]?.text == "${env == 'prod' ? 14 : 4}")
        #expect(taker.visibilityTimeout?.value == 900)
        #expect(taker.visibilityTimeout?.provenance == .defaults)
        #expect(taker.conditionalNumbers[.visibilityTimeout]?.numberBranches.map(\.value) == [900, 60])
        #expect(worker.logs.retentionDays.value == 365)
        #expect(worker.logs.conditionalRetentionDays?.numberBranches.map(\.value) == [365, 7])
        #expect(quiet.logs.retentionDays.value == 1)
        #expect(quiet.logs.conditionalRetentionDays == nil)
    }

    /// And for a function's choice fields, holding their first branch.
    @Test func conditionalChoicesFromDefaults() throws {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters: { env: { type: string, default: dev } }
            defaults:
              function: { runtime: nodejs22.x, architectures: "${env == 'prod' ? 'arm64' : 'x86_64'}" }
            resources:
              own: { kind: function, handler: a.b, code: { inline: x }, architectures: x86_64,
                     tracing: "${env == 'prod' ? 'active' : 'passThrough'}" }
              taker: { kind: function, handler: a.b, code: { inline: x } }
            """)
        var spec = try #require(Pipeline.decode(text.text).spec)
        spec.injectDefaults()
        guard case .function(let own) = spec.resources[0].body, case .function(let taker) = spec.resources[1].body else {
            Issue.record("kinds")
            return
        }
        #expect(own.architecture?.value == .x86_64)
        #expect(own.conditionalChoices[.architectures] == nil)
        #expect(own.tracing?.value == .active)
        #expect(own.mayTraceActively)
        #expect(taker.architecture?.value == .arm64)
        #expect(taker.architecture?.provenance == .defaults)
        #expect(taker.conditionalChoices[.architectures]?.text == "${env == 'prod' ? 'arm64' : 'x86_64'}")
        #expect(!taker.mayTraceActively)
    }

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
        #expect(other.deadLetterQueue.value == false)  // nothing invokes it asynchronously
        #expect(bucket.versioning.value == false)
        #expect(bucket.publicAccess.value == .blocked)
        #expect(bucket.encryption.value == .s3)
    }

    /// A dead-letter queue by default only where Lambda can send it something:
    /// an asynchronous trigger or an invoker; `deadLetterQueue` written, here
    /// or in `defaults.function`, wins either way.
    @Test func deadLetterQueueOnlyWhenInvokedAsynchronously() throws {
        let text = """
            formwork: 1
            stack: demo
            resources:
              apiOnly: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x } }
              queued: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, triggers: [{ sqs: { queue: jobs } }] }
              scheduled: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, triggers: [{ schedule: rate(1 hour) }] }
              uploads: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, invokers: [{ s3Bucket: b }] }
              asked: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, deadLetterQueue: true }
              refused: { kind: function, handler: a.b, runtime: nodejs22.x, code: { inline: x }, deadLetterQueue: false,
                         triggers: [{ schedule: rate(1 hour) }] }
              jobs: { kind: queue }
            """
        var spec = try #require(Pipeline.decode(text).spec)
        spec.injectDefaults()
        let queues: [Bool] = spec.resources.compactMap {
            if case .function(let function) = $0.body { function.deadLetterQueue.value } else { nil }
        }
        #expect(queues == [false, false, true, true, true, false])
    }
}
