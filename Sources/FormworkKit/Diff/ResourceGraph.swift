import FormworkCFN
import FormworkDiagnostics
import FormworkSpec

/// `formwork graph`: a template's resources and what ties them, for a
/// reviewer to look at: generated resources grouped under the spec resource
/// (component) they belong to, and each edge labelled by its cause:
/// `reference` (`Ref`, `Fn::GetAtt`, `Fn::Sub`), `dependsOn`, `trigger` (an
/// event source mapping, a schedule rule) or `permission` (a Lambda
/// permission, a policy). With a diff, added, removed and replaced
/// resources are coloured.
package enum ResourceGraph {
    package enum Format: String, Sendable, CaseIterable { case dot, mermaid }

    package struct Edge: Hashable, Sendable {
        package var from: String
        package var to: String
        package var label: String
    }

    package static func edges(_ template: Template) -> [Edge] {
        let ids = Set(template.resources.map(\.logicalId))
        var edges: Set<Edge> = []
        for resource in template.resources {
            let label = switch resource.type {
            case "AWS::Lambda::Permission", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::SQS::QueuePolicy",
                 "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy": "permission"
            case "AWS::Lambda::EventSourceMapping", "AWS::Events::Rule", "AWS::Scheduler::Schedule": "trigger"
            default: "reference"
            }
            for target in References.ids(of: resource, among: ids) where target != resource.logicalId {
                edges.insert(Edge(from: resource.logicalId, to: target, label: label))
            }
            for target in resource.dependsOn where ids.contains(target) {
                edges.insert(Edge(from: resource.logicalId, to: target, label: "dependsOn"))
            }
        }
        return edges.sorted { ($0.from, $0.to, $0.label) < ($1.from, $1.to, $1.label) }
    }

    /// How a resource looks in a graph with a diff.
    package enum Status: String, Sendable { case added, removed, replaced, modified }

    package static func render(_ template: Template, format: Format, status: [String: Status] = [:],
                               removed: [Resource] = []) -> String
    {
        let resources = template.resources + removed
        var groups: [(owner: String, ids: [Resource])] = []
        for resource in resources {
            let owner = resource.owner ?? resource.logicalId
            if let index = groups.firstIndex(where: { $0.owner == owner }) { groups[index].ids.append(resource) }
            else { groups.append((owner, [resource])) }
        }
        let edges = edges(template)
        switch format {
        case .dot:
            var out = "digraph template {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n"
            for (index, group) in groups.enumerated() {
                let indent = group.ids.count > 1 ? "    " : "  "
                if group.ids.count > 1 {
                    out += "  subgraph cluster_\(index) {\n    label=\(quoted(group.owner));\n"
                }
                for resource in group.ids {
                    var attributes = "label=\(quoted("\(resource.logicalId)\\n\(resource.type)"))"
                    if let color = status[resource.logicalId].map(dotColor) { attributes += ", style=filled, fillcolor=\"\(color)\"" }
                    out += "\(indent)\(quoted(resource.logicalId)) [\(attributes)];\n"
                }
                if group.ids.count > 1 { out += "  }\n" }
            }
            for edge in edges {
                out += "  \(quoted(edge.from)) -> \(quoted(edge.to)) [label=\(quoted(edge.label))];\n"
            }
            return out + "}\n"
        case .mermaid:
            var out = "flowchart LR\n"
            for group in groups {
                let indent = group.ids.count > 1 ? "    " : "  "
                if group.ids.count > 1 { out += "  subgraph \(mermaidID("group_" + group.owner))[\"\(group.owner)\"]\n" }
                for resource in group.ids {
                    out += "\(indent)\(mermaidID(resource.logicalId))[\"\(resource.logicalId)<br/>\(resource.type)\"]\n"
                }
                if group.ids.count > 1 { out += "  end\n" }
            }
            for edge in edges {
                out += "  \(mermaidID(edge.from)) -->|\(edge.label)| \(mermaidID(edge.to))\n"
            }
            for (id, state) in status.sorted(by: { $0.key < $1.key }) {
                out += "  style \(mermaidID(id)) fill:\(dotColor(state))\n"
            }
            return out
        }
    }

    static func dotColor(_ status: Status) -> String {
        switch status {
        case .added: "#c8f7c5"
        case .removed: "#f7c5c5"
        case .replaced: "#f7e3c5"
        case .modified: "#c5dcf7"
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll("\\\\n", with: "\\n") + "\""
    }

    /// Logical IDs are alphanumeric, which mermaid takes as node IDs; the prefix keeps `end` and friends apart.
    static func mermaidID(_ id: String) -> String { "n_" + id.filter { $0.isLetter || $0.isNumber || $0 == "_" } }
}


/// `formwork graph SPEC [--diff OLD]`: the sides read as `formwork diff` reads them.
package enum ReviewGraph {
    package typealias Format = ResourceGraph.Format

    package struct Failure: Error {
        package let diagnostics: [Diagnostic]
    }

    package static func render(_ path: String, format: Format, against old: String? = nil) -> Result<String, Failure> {
        var diagnostics: [Diagnostic] = []
        guard let new = DiffDriver.loadFile(path, options: .init(), into: &diagnostics) else {
            return .failure(Failure(diagnostics: diagnostics))
        }
        guard let old else { return .success(ResourceGraph.render(new.template, format: format)) }
        guard let before = DiffDriver.loadFile(old, options: .init(), into: &diagnostics) else {
            return .failure(Failure(diagnostics: diagnostics))
        }
        let (status, removed) = changes(before.template, new.template)
        return .success(ResourceGraph.render(new.template, format: format, status: status, removed: removed))
    }

    /// How each resource changed from `old` to `new`, and the resources `new` no longer has.
    package static func changes(_ old: Template, _ new: Template) -> (status: [String: ResourceGraph.Status], removed: [Resource]) {
        var status: [String: ResourceGraph.Status] = [:]
        var removed: [Resource] = []
        for change in TemplateDiff.compare(old, new).resources {
            switch change.change {
            case .added: status[change.logicalId] = .added
            case .removed:
                if new.resource(change.logicalId) == nil, let gone = old.resource(change.logicalId) {
                    removed.append(gone)
                    status[change.logicalId] = .removed
                }
            case .modified: status[change.logicalId] = change.replacement == .none ? .modified : .replaced
            }
        }
        return (status, removed)
    }
}
