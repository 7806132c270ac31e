import FormworkDiagnostics
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW4330 (a resource the environment names, with no permission on it) and
/// FW4331 (a permission on a resource nothing names), PermissionUses.
@Suite struct PermissionUsesTests {
    static let code = "handler: a.b, runtime: nodejs22.x, code: { inline: x }"

    static func spec(_ resources: String, top: String = "") -> MarkedText {
        MarkedText("""
            formwork: 1
            stack: demo
            \(top)
            resources:
              uploads: { kind: bucket }
              jobs: { kind: queue }
            \(resources)
            """)
    }

    static func findings(_ text: MarkedText) -> [String] {
        text.findings(Pipeline.compile(text.text).diagnostics.filter { [.unpermittedUse, .unusedPermission].contains($0.code) })
    }

    @Test func anEnvironmentUseWithoutPermissionIsAWarningOncePerResource() {
        let text = Self.spec("""
              worker:
                kind: function
                \(Self.code.replacingOccurrences(of: ", ", with: "\n    "))
                environment:
                  BUCKET: ${⟨use⟩uploads.name}
                  BUCKET_ARN: ${uploads.arn}
                  QUEUE: ${jobs.url}
                permissions:
                  - sendMessage: jobs
            """)
        #expect(Self.findings(text) == ["FW4330@use"])
        let warning = Pipeline.compile(text.text).diagnostics.first { $0.code == .unpermittedUse }
        #expect(warning?.severity == .warning)
        #expect(warning?.help.first?.hasPrefix("add '- read: uploads' (or 'write', 'readWrite')") == true)
    }

    @Test func aTriggerAStatementOrARawPolicyOnTheRoleGrantsIt() {
        let triggered = Self.spec("""
              worker:
                kind: function
                \(Self.code.replacingOccurrences(of: ", ", with: "\n    "))
                environment: { QUEUE: "${jobs.url}" }
                triggers: [{ sqs: { queue: jobs } }]
            """)
        #expect(Self.findings(triggered) == [])
        let stated = Self.spec("""
              worker:
                kind: function
                \(Self.code.replacingOccurrences(of: ", ", with: "\n    "))
                environment: { BUCKET: "${uploads.name}" }
                statements:
                  - { actions: ["s3:GetObject"], resources: ["${uploads.arn}/*"] }
            """)
        #expect(Self.findings(stated) == [])
        let attached = Self.spec("""
              worker:
                kind: function
                \(Self.code.replacingOccurrences(of: ", ", with: "\n    "))
                environment: { BUCKET: "${uploads.name}" }
              readUploads:
                type: AWS::IAM::Policy
                properties:
                  PolicyName: read-uploads
                  Roles: ["${worker.roleName}"]
                  PolicyDocument:
                    Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "${uploads.arn}/*" }]
            """)
        #expect(Self.findings(attached) == [])
    }

    @Test func aPermissionNothingNamesIsANoteUnlessAProducerMayPassItOn() {
        let unused = Self.spec("""
              worker:
                kind: function
                \(Self.code.replacingOccurrences(of: ", ", with: "\n    "))
                permissions:
                  - ⟨grant⟩read: uploads
            """)
        #expect(Self.findings(unused) == ["FW4331@grant"])
        #expect(Pipeline.compile(unused.text).diagnostics.first?.severity == .note)
        // A queue's consumer may be sent the bucket's name in a message from a function that has it.
        let passedOn = Self.spec("""
              producer:
                kind: function
                \(Self.code.replacingOccurrences(of: ", ", with: "\n    "))
                environment: { BUCKET: "${uploads.name}", QUEUE: "${jobs.url}" }
                permissions: [{ read: uploads }, { sendMessage: jobs }]
              consumer:
                kind: function
                \(Self.code.replacingOccurrences(of: ", ", with: "\n    "))
                triggers: [{ sqs: { queue: jobs } }]
                permissions: [{ read: uploads }]
            """)
        #expect(Self.findings(passedOn) == [])
        // A payload alone is not enough: something must name the resource.
        let namedByNone = Self.spec("""
              producer:
                kind: function
                \(Self.code.replacingOccurrences(of: ", ", with: "\n    "))
                environment: { QUEUE: "${jobs.url}" }
                permissions: [{ sendMessage: jobs }]
              consumer:
                kind: function
                \(Self.code.replacingOccurrences(of: ", ", with: "\n    "))
                triggers: [{ sqs: { queue: jobs } }]
                permissions: [⟨grant⟩{ read: uploads }]
            """)
        #expect(Self.findings(namedByNone) == ["FW4331@grant"])
    }

    @Test func aWaiverTakesTheWarningOut() {
        let text = Self.spec("""
              worker:
                kind: function
                \(Self.code.replacingOccurrences(of: ", ", with: "\n    "))
                environment: { BUCKET: "${uploads.name}" }
                waivers:
                  - { rule: FW4330, reason: the bucket policy grants the role read access }
            """)
        #expect(Self.findings(text) == [])
    }
}
