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

    /// The search runs on the IDs alone (resources as indices, each one's
    /// targets sorted by ID); where an edge comes from is worked out only for
    /// the edges of a cycle found.
    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        let resources = context.template.resources
        let ids = Set(resources.map(\.logicalId))
        // Each ID once, in template order; a duplicate logical ID is LogicalIds' to
        // report and must not stop this rule: its last resource's edges stand for it.
        var node: [String: Int] = [:]
        var names: [String] = []
        var last: [Int] = []
        for (index, resource) in resources.enumerated() {
            if let known = node[resource.logicalId] {
                last[known] = index
            } else {
                node[resource.logicalId] = names.count
                names.append(resource.logicalId)
                last.append(index)
            }
        }
        let targets: [[Int]] = last.map { index in
            let resource = resources[index]
            // A resource referring to itself is a cycle of one; one naming itself in
            // dependsOn is ResourceReferences' to report, not reported twice.
            let references = References.ids(of: resource, among: ids)
            let referenced = references.count > 16 ? Set(references) : nil
            let dependsOn = resource.dependsOn.filter {
                ids.contains($0) && $0 != resource.logicalId && !(referenced?.contains($0) ?? references.contains($0))
            }
            return (references + dependsOn).sorted().map { node[$0]! }
        }
        for cycle in cycles(targets) {
            diagnostics.append(cycleDiagnostic(cycle.map { edge(from: resources[last[$0.from]], to: names[$0.to], among: ids) }))
        }
    }

    /// The edge from `resource` to `id`: a reference where there is one, else its `dependsOn`.
    static func edge(from resource: Resource, to id: String, among ids: Set<String>) -> Edge {
        if let origin = References.of(resource, among: ids)[id] {
            return Edge(from: resource.logicalId, to: id, origin: origin, isReference: true)
        }
        return Edge(from: resource.logicalId, to: id, origin: resource.dependsOnOrigins[id] ?? resource.origin, isReference: false)
    }

    /// Each elementary cycle found by depth-first search from each node in
    /// order (`targets[n]` are node `n`'s edges, in the order to follow
    /// them), reported once, as the rotation starting at its earliest member;
    /// each edge as its two nodes.
    static func cycles(_ targets: [[Int]]) -> [[(from: Int, to: Int)]] {
        var found: [[(from: Int, to: Int)]] = []
        var seen: Set<[Int]> = []
        var state = [UInt8](repeating: 0, count: targets.count)  // 1 on the stack, 2 done
        var stack: [(from: Int, to: Int)] = []

        func visit(_ node: Int) {
            state[node] = 1
            for to in targets[node] {
                switch state[to] {
                case 1:
                    // The cycle is the part of the stack from `to`'s outgoing edge to this edge.
                    var cycle = stack
                    if let start = cycle.firstIndex(where: { $0.from == to }) { cycle = Array(cycle[start...]) }
                    cycle.append((node, to))
                    // Nodes are numbered in template order: the earliest member is the smallest.
                    let first = cycle.indices.min { cycle[$0].from < cycle[$1].from }!
                    let rotated = Array(cycle[first...] + cycle[..<first])
                    if seen.insert(rotated.map(\.from)).inserted { found.append(rotated) }
                case 0:
                    stack.append((node, to))
                    visit(to)
                    stack.removeLast()
                default:
                    break
                }
            }
            state[node] = 2
        }
        for node in targets.indices where state[node] == 0 { visit(node) }
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
