import FormworkCFN
import FormworkDiagnostics
@testable import FormworkLowering
import FormworkSpec
import FormworkTestSupport
import Testing

/// `overrides:` written into a generated resource's properties.
@Suite struct OverridesTests {
    static let here = SourceRange(file: "t.yaml", line: 9, column: 9)

    static func object(_ members: [(String, TemplateValue)]) -> TemplateValue { .object(members, nil) }

    @Test func aDeepPathKeepsWhatIsAroundIt() {
        let logging = Self.object([("LoggingConfig", Self.object([("LogFormat", .string("JSON", nil)), ("LogGroup", .ref("G", nil))]))])
        let result = Lowering.setting(logging, ["LoggingConfig", "LogFormat"][...], to: .string("Text", Self.here), keyOrigin: Self.here)
        #expect(result["LoggingConfig"]?["LogFormat"]?.text == "Text")
        #expect(result["LoggingConfig"]?["LogGroup"] == .ref("G", nil))
    }

    @Test func aMissingObjectIsMadeAndANonObjectReplaced() {
        let start = Self.object([("Tracing", .string("x", nil))])
        let made = Lowering.setting(start, ["TracingConfig", "Mode"][...], to: .string("Active", Self.here), keyOrigin: Self.here)
        #expect(made["TracingConfig"]?["Mode"]?.text == "Active")
        #expect(made["TracingConfig"]?.origin == Self.here)
        let replaced = Lowering.setting(start, ["Tracing", "Mode"][...], to: .string("Active", Self.here), keyOrigin: Self.here)
        #expect(replaced["Tracing"]?["Mode"]?.text == "Active")
    }

    @Test func nullRemovesAndRemovingWhatIsNotThereChangesNothing() {
        let start = Self.object([("A", Self.object([("B", .int(1, nil)), ("C", .int(2, nil))])), ("D", .string("s", nil))])
        let removed = Lowering.setting(start, ["A", "B"][...], to: nil, keyOrigin: Self.here)
        #expect(removed["A"]?["B"] == nil)
        #expect(removed["A"]?["C"] == .int(2, nil))
        #expect(Lowering.setting(start, ["X", "Y"][...], to: nil, keyOrigin: Self.here) == start)
        #expect(Lowering.setting(start, ["D", "Y"][...], to: nil, keyOrigin: Self.here) == start)
    }

    @Test func overridesApplyAfterTagsAndKeepTheirLine() throws {
        let yaml = """
            formwork: 1
            stack: demo
            tags: { team: media }
            resources:
              jobs:
                kind: queue
                overrides:
                  queue:
                    Tags: [{ Key: owner, Value: ops }]
                    SqsManagedSseEnabled: null
            """
        let template = try #require(Pipeline.compile(yaml).template)
        let queue = try #require(template.resource("Jobs"))
        #expect(queue.properties["SqsManagedSseEnabled"] == nil)
        let tags = try #require(queue.properties["Tags"])
        guard case .array(let items) = tags.kind else { Issue.record("Tags is not a list"); return }
        #expect(items.count == 1)
        #expect(items.first?["Key"]?.text == "owner")
        #expect(tags.origin?.start.line == 9)
    }
}
