@testable import FormworkCFN
import FormworkDiagnostics
@testable import FormworkKit
import FormworkTestSupport
import Testing

/// A compiled template's source map points each value at the spec node
/// that caused it: a property set in the spec maps to that value's own
/// line and column, a default to the `defaults:` entry it came from, a
/// value that is one `${...}` to the reference inside it.
@Suite struct SourceMapTests {
    static let spec = MarkedText("""
        formwork: 1
        stack: demo
        parameters:
          env: { type: string, default: dev }
        defaults:
          function: { memory: ⟨memory⟩256 }
        resources:
          uploads:
            kind: bucket
            name: ⟨name⟩media-${env}
            versioning: ⟨versioning⟩false
          jobs:
            kind: queue
            retentionDays: ⟨retention⟩4
          worker:
            kind: function
            handler: ⟨handler⟩index.handler
            runtime: nodejs22.x
            code: { inline: "exports.handler = async () => {}" }
            timeout: ⟨timeout⟩30
            environment:
              BUCKET: ${⟨variable⟩uploads.name}
            dependsOn: [⟨dependsOn⟩jobs]
        outputs:
          jobsUrl: ${⟨output⟩jobs}
        """)

    static let expectations: [(pointer: String, marker: String)] = [
        ("/Resources/Uploads/Properties/BucketName", "name"),
        ("/Resources/Uploads/Properties/VersioningConfiguration/Status", "versioning"),
        ("/Resources/Jobs/Properties/MessageRetentionPeriod", "retention"),
        ("/Resources/Worker/Properties/Handler", "handler"),
        ("/Resources/Worker/Properties/Timeout", "timeout"),
        ("/Resources/Worker/Properties/MemorySize", "memory"),
        ("/Resources/Worker/Properties/Environment/Variables/BUCKET", "variable"),
        ("/Resources/Worker/DependsOn/0", "dependsOn"),
        ("/Outputs/JobsUrl/Value", "output"),
    ]

    @Test(arguments: expectations)
    func aValueMapsToTheNodeThatCausedIt(_ pointer: String, _ marker: String) throws {
        let compilation = Compiler.compile(bytes: Array(Self.spec.text.utf8), path: "demo.yaml")
        #expect(!compilation.hasErrors, "\(compilation.diagnostics.map(\.message))")
        let map = try #require(compilation.sourceMap)
        let entry = try #require(map.entries.first { $0.pointer == pointer }, "\(pointer) is not in the map")
        #expect(entry.range.file == "demo.yaml")
        #expect(entry.range.start == Self.spec.location(marker), "\(pointer)")
    }

    @Test func everyPointerNamesAValueOfTheWrittenText() throws {
        let compilation = Compiler.compile(bytes: Array(Self.spec.text.utf8), path: "demo.yaml")
        let map = try #require(compilation.sourceMap)
        let text = try #require(compilation.text)
        // Each key of a pointer is a key of the written JSON; the map is in writing order.
        for entry in map.entries {
            for segment in entry.pointer.split(separator: "/") where Int(segment) == nil {
                #expect(text.contains("\"\(segment)\""), "\(entry.pointer)")
            }
        }
        let resources = map.entries.map(\.pointer).filter { $0.hasPrefix("/Resources/") && $0.split(separator: "/").count == 2 }
        #expect(resources.first == "/Resources/Uploads")
    }

    @Test func aPointerWithoutItsOwnRangeTakesItsNearestAncestors() {
        var map = SourceMap()
        let here = SourceRange(file: "s.yaml", line: 3, column: 5)
        let resources = map.add(.key("Resources"), under: 0, origin: nil)
        let bucket = map.add(.key("A/B~C"), under: resources, origin: here)
        _ = map.add(.key("Type"), under: bucket, origin: nil)
        #expect(map.entries.map(\.pointer) == ["/Resources/A~1B~0C"])
        #expect(map.range(at: "/Resources/A~1B~0C/Type") == here)
        #expect(map.range(at: "/Resources/A~1B~0CD") == nil)
        #expect(map.range(at: "/Resources") == nil)
    }

    @Test func templateValuesAreEqualWhateverTheirOriginsAndMemberOrder() {
        let a = SourceRange(file: "a.yaml", line: 1, column: 1)
        let b = SourceRange(file: "b.yaml", line: 9, column: 9)
        let x = TemplateValue.object([("Ref", .string("Jobs", a)), ("N", .int(1, a))], a)
        let y = TemplateValue.object([("N", .int(1, b)), ("Ref", .string("Jobs", b))], b)
        #expect(x == y)
        #expect(TemplateValue.array([x], a) == .array([y], nil))
        #expect(x != .object([("Ref", .string("Jobs", a)), ("N", .int(2, a))], a))
        #expect(x != .object([("Ref", .string("Jobs", a))], a))
        #expect(TemplateValue.string("1", a) != .int(1, a))
    }
}
