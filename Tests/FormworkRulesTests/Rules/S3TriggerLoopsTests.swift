import FormworkDiagnostics
import FormworkFacts
@testable import FormworkRules
import FormworkTestSupport
import Testing

/// FW5320 (S3TriggerLoops).
@Suite struct S3TriggerLoopsTests {
    static func spec(_ functions: String) -> String {
        """
        formwork: 1
        stack: demo
        defaults:
          function: { runtime: nodejs22.x, handler: index.handler }
        resources:
          uploads: { kind: bucket }
          other: { kind: bucket }
        \(functions)
        """
    }

    @Test func aWritePermissionOnTheTriggeringBucketIsAWarning() {
        let text = MarkedText(Self.spec("""
              loop:
                kind: function
                code: { inline: x }
                triggers:
                  - s3: { bucket: ⟨trigger⟩uploads, prefix: ⟨prefix⟩in/ }
                permissions:
                  - read: other
                  - write: ⟨permission⟩uploads
            """))
        let (template, compiled) = Pipeline.compile(text.text)
        let diagnostics = compiled.filter { $0.code != .unusedPermission }  // 'other' is named nowhere (PermissionUsesTests)
        #expect(template != nil)
        #expect(text.findings(diagnostics) == ["FW5320@trigger"])
        let warning = diagnostics.first
        #expect(warning?.severity == .warning)
        #expect(warning?.notes.map { $0.range?.start } == [text.location("permission"), text.location("prefix")])
        // Honest: the prefix does not prove the writes stay out of it.
        #expect(warning?.notes.last?.message == "the prefix 'in/' narrows what invokes the function, not where it may write")
    }

    @Test func readingOnlyWritingElsewhereOrRemovalEventsAreFine() {
        let text = MarkedText(Self.spec("""
              reader:
                kind: function
                code: { inline: x }
                triggers:
                  - s3: { bucket: uploads }
                permissions:
                  - read: uploads
                  - readWrite: other
              cleaner:
                kind: function
                code: { inline: x }
                triggers:
                  - s3: { bucket: other, events: ["s3:ObjectRemoved:*", "s3:ObjectTagging:Put"] }
                permissions:
                  - readWrite: other
            """))
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(diagnostics.with(.s3TriggerLoop).isEmpty)
    }

    @Test func onlyObjectCreatedEventsFollowAWrite() {
        #expect(S3.isCausedByPutObject("s3:ObjectCreated:*"))
        #expect(S3.isCausedByPutObject("s3:ObjectCreated:CompleteMultipartUpload"))
        #expect(!S3.isCausedByPutObject("s3:ObjectRemoved:Delete"))
        #expect(!S3.isCausedByPutObject("s3:LifecycleTransition"))
    }
}
