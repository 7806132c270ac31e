import FormworkCFN
import FormworkDiagnostics

/// No resource waits for itself, however indirectly. Edges come from `Ref`,
/// `Fn::GetAtt` and `Fn::Sub` references and from `DependsOn` (the spec's
/// `dependsOn` and the orderings components need). Every cycle is reported
/// once, with each member and the place each edge comes from.
enum DependencyCycles: TemplateRule {
    static let summary = "resources do not depend on each other in a cycle"
    static let codes: [DiagnosticCode] = [.dependencyCycle]

    struct Edge {
        var from: String
        var to: String
        /// Where the edge comes from in the spec.
        var origin: SourceRange
        var isReference: Bool
    }

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        let template = context.template
        let ids = Set(template.resources.map(\.logicalId))
        var edges: [String: [Edge]] = [:]
        for resource in template.resources {
            let references = References.of(resource, among: ids)
            // A resource referring to itself is a cycle of one; one naming itself in
            // dependsOn is ResourceReferences' to report, not reported twice.
            var out = references.map { Edge(from: resource.logicalId, to: $0.key, origin: $0.value, isReference: true) }
            out += resource.dependsOn.filter { ids.contains($0) && $0 != resource.logicalId && references[$0] == nil }.map {
                Edge(from: resource.logicalId, to: $0, origin: resource.dependsOnOrigins[$0] ?? resource.origin, isReference: false)
            }
            edges[resource.logicalId] = out.sorted { $0.to < $1.to }
        }
        let order = template.resources.map(\.logicalId)
        diagnostics += cycles(order: order, edges: edges).map { cycleDiagnostic($0) }
    }

    /// Each elementary cycle found by depth-first search from each resource in
    /// template order, reported once (as the rotation starting at its earliest member).
    static func cycles(order: [String], edges: [String: [Edge]]) -> [[Edge]] {
        var found: [[Edge]] = []
        var seen: Set<[String]> = []
        var state: [String: Int] = [:]  // 1 on the stack, 2 done
        var stack: [Edge] = []
        // A duplicate logical ID is LogicalIds' to report; it must not stop this rule.
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

        func visit(_ node: String) {
            state[node] = 1
            for edge in edges[node] ?? [] {
                switch state[edge.to] {
                case 1:
                    // The cycle is the part of the stack from edge.to's outgoing edge to this edge.
                    var cycle = stack
                    if let start = cycle.firstIndex(where: { $0.from == edge.to }) { cycle = Array(cycle[start...]) }
                    cycle.append(edge)
                    let members = cycle.map(\.from)
                    if let first = members.indices.min(by: { position[members[$0]]! < position[members[$1]]! }) {
                        let rotated = Array(cycle[first...] + cycle[..<first])
                        if seen.insert(rotated.map(\.from)).inserted { found.append(rotated) }
                    }
                case nil:
                    stack.append(edge)
                    visit(edge.to)
                    stack.removeLast()
                default:
                    break
                }
            }
            state[node] = 2
        }
        for node in order where state[node] == nil { visit(node) }
        return found
    }

    static func cycleDiagnostic(_ cycle: [Edge]) -> Diagnostic {
        let path = (cycle.map(\.from) + [cycle[0].from]).joined(separator: " → ")
        // The primary location is the first edge; the notes show the others.
        let notes = cycle.dropFirst().map { edge in
            Note(edge.isReference ? "\(edge.from) refers to \(edge.to) here" : "\(edge.from) depends on \(edge.to)", at: edge.origin)
        }
        let first = cycle[0]
        let how = first.isReference ? "refers to" : "depends on"
        return .error(.dependencyCycle, "circular dependency: \(path) (\(first.from) \(how) \(first.to) here)",
                      at: first.origin, notes: Array(notes),
                      help: ["remove one of these references or dependsOn entries"])
    }
}

extension DiagnosticCode {
    package static let dependencyCycle = DiagnosticCode("FW4020", .templateChecks, "resources depend on each other in a cycle")
}
