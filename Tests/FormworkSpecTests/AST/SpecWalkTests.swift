import FormworkDiagnostics
@testable import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct SpecWalkTests {
    static let text = MarkedText("""
        formwork: 1
        stack: demo
        parameters:
          env: { default: dev }
          source: { optional: true }
        tags: { team: ⟨specTag⟩"${env}" }
        resources:
          uploads: { kind: bucket, when: ⟨bucketWhen⟩"env == 'prod'", name: ⟨bucketName⟩"b-${env}" }
          jobs: { kind: queue }
          worker:
            kind: function
            when: ⟨workerWhen⟩"source"
            dependsOn: [⟨dependsOn⟩jobs]
            handler: index.handler
            runtime: nodejs22.x
            code: { inline: x }
            environment:
              MODE: { value: ⟨variable⟩"${source}", when: ⟨variableWhen⟩"!(env != 'dev')" }
            triggers:
              - { s3: { bucket: ⟨trigger⟩uploads, prefix: ⟨prefix⟩"in/" }, when: ⟨triggerWhen⟩"env == 'prod'" }
              - { sqs: { queue: ⟨sqs⟩jobs } }
            permissions:
              - consume: ⟨permission⟩jobs
        outputs:
          url: { value: ⟨output⟩"${jobs.url}", when: ⟨outputWhen⟩"source" }
        """)

    static func walk() throws -> SpecWalk {
        let (spec, diagnostics) = Pipeline.decode(text.text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return SpecWalk(try #require(spec))
    }

    @Test func everyStringWithTheClausesItStandsUnder() throws {
        let walk = try Self.walk()
        #expect(walk.strings.map { Self.text.name(at: $0.string.range.start) }
            == ["specTag", "bucketName", "variable", "prefix", "output"])
        #expect(walk.strings.map(\.place) == [.tag, .bucketName, .environment, .triggerFilter, .outputValue])
        #expect(walk.strings.map { $0.guards.map { Self.text.name(at: $0.range.start) } }
            == [[], ["bucketWhen"], ["workerWhen", "variableWhen"], ["workerWhen", "triggerWhen"], ["outputWhen"]])
    }

    @Test func everyWhenAndTheReferencesInIt() throws {
        let walk = try Self.walk()
        #expect(walk.whenClauses.map { Self.text.name(at: $0.range.start) }
            == ["bucketWhen", "workerWhen", "variableWhen", "triggerWhen", "outputWhen"])
        #expect(walk.conditionReferences.map { "\($0.reference.dotted)\($0.isSetTest ? "?" : "")" }
            == ["env", "source?", "env", "env", "source?"])
    }

    @Test func everyResourceNameWrittenAsAValue() throws {
        let walk = try Self.walk()
        #expect(walk.nameUses.map { Self.text.name(at: $0.use.name.range.start) } == ["dependsOn", "trigger", "sqs", "permission"])
        #expect(walk.nameUses.map(\.use.role.description)
            == ["dependsOn", "an s3 trigger's bucket", "an sqs trigger's queue", "a 'consume' permission"])
        // A permission's target may be of several kinds: PermissionTargets checks it against its verb.
        #expect(walk.nameUses.map(\.use.kinds) == [[], [.bucket], [.queue], []])
        // A name's context is the resource that writes it, not a trigger's own `when:`.
        #expect(walk.nameUses.allSatisfy { $0.resource.text == "worker" && $0.guards.map(\.text) == ["source"] })
    }
}
