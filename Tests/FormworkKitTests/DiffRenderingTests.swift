import FormworkCFN
@testable import FormworkKit
import FormworkTestSupport
import Foundation
import Testing

/// The diff's markdown as a real renderer shows it (cmark-gfm, as GitHub's
/// own renderer), and the graph as graphviz reads it.
@Suite struct DiffRenderingTests {
    static func template(_ resources: String) throws -> Template {
        let (template, diagnostics) = Pipeline.compile("formwork: 1\nstack: media\nresources:\n" + resources)
        return try #require(template, "\(diagnostics.map(\.message))")
    }

    static let old = """
          uploads: { kind: bucket, name: media-a }
          thumbs:
            kind: function
            runtime: nodejs22.x
            handler: index.handler
            code: { inline: "exports.handler = async () => 1" }
            permissions: [{ read: uploads }]
            triggers: [{ s3: { bucket: uploads } }]

        """
    static let new = old.replacingOccurrences(of: "media-a", with: "media-b").replacingOccurrences(of: "read:", with: "readWrite:")

    static func run(_ tool: String, _ arguments: [String], input: String) throws -> (status: Int32, stdout: String) {
        let directory = try PackagePaths.temporaryDirectory("formwork-render")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/input"
        try input.write(toFile: file, atomically: true, encoding: .utf8)
        let result = CLIRunner.run("/usr/bin/env", [tool] + arguments + [file])
        try #require(result.status != 127, "\(tool) is not installed (make deps installs it)")
        return (result.status, result.stdout)
    }

    @Test func theMarkdownRendersAsTablesWithDetails() throws {
        let diff = TemplateDiff.compare(try Self.template(Self.old), try Self.template(Self.new))
        let markdown = DiffReport.markdown([("old", "media.yaml", diff)])
        #expect(markdown.contains("**1 losing data**"))
        let html = try Self.run("cmark-gfm", ["--extension", "table", "--unsafe"], input: markdown)
        #expect(html.status == 0)
        #expect(html.stdout.contains("<h4>:warning: Data loss</h4>"))
        #expect(html.stdout.components(separatedBy: "<table>").count - 1 >= 4, "data loss, replacements, security, all changes")
        #expect(html.stdout.contains("<details>"))
        #expect(html.stdout.contains("<td><code>Uploads</code></td>"))
    }

    @Test func theTextSaysDataLossFirst() throws {
        let diff = TemplateDiff.compare(try Self.template(Self.old), try Self.template(Self.new))
        let lines = DiffReport.text([("old", "new", diff)]).split(separator: "\n")
        #expect(lines.first?.hasPrefix("old → new: Resources: 1 losing data") == true)
        #expect(lines.dropFirst().first?.contains("Uploads (AWS::S3::Bucket)  DATA LOSS") == true)
    }

    @Test func dotAcceptsTheGraph() throws {
        let template = try Self.template(Self.old)
        let edges = ResourceGraph.edges(template)
        #expect(edges.contains { $0.from == "ThumbsUploadsPermission" && $0.label == "permission" })
        let dot = ResourceGraph.render(template, format: .dot, status: ["Uploads": .replaced])
        let svg = try Self.run("dot", ["-Tsvg"], input: dot)
        #expect(svg.status == 0 && svg.stdout.contains("<svg"))
        #expect(svg.stdout.contains("cluster_"), "the function's resources are grouped")
        // And every golden graph of the diff pairs, changes coloured.
        for name in PackagePaths.files(in: "golden/diff", suffixes: [".dot"]) {
            let text = try String(contentsOfFile: PackagePaths.path("golden/diff/\(name)"), encoding: .utf8)
            #expect(try Self.run("dot", ["-Tsvg"], input: text).status == 0, "\(name)")
        }
    }

    @Test func theMermaidGraphHasEveryResourceAndEdge() throws {
        let template = try Self.template(Self.old)
        let mermaid = ResourceGraph.render(template, format: .mermaid)
        #expect(mermaid.hasPrefix("flowchart LR\n"))
        for resource in template.resources { #expect(mermaid.contains("n_\(resource.logicalId)[")) }
        #expect(mermaid.contains("subgraph n_group_thumbs[\"thumbs\"]"))
        for edge in ResourceGraph.edges(template) {
            #expect(mermaid.contains("n_\(edge.from) -->|\(edge.label)| n_\(edge.to)"))
        }
    }
}
