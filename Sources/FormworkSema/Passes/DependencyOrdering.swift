import FormworkCFN
import FormworkDiagnostics

/// Dependency ordering over the expanded template. Edges come from
/// `Ref`, `Fn::GetAtt` and `Fn::Sub` references and from `DependsOn` (the
/// user's `dependsOn` and the orderings components need). A `DependsOn`
/// that a direct reference already implies is removed (cfn-lint W3005);
/// every cycle is reported once, with each member and the place each edge
/// comes from.
package enum DependencyOrdering {
    struct Edge {
        var from: String
        var to: String
        /// Where the edge comes from in the spec.
        var origin: SourceRange
        var isReference: Bool
    }

    package static func run(_ template: inout Template) -> [Diagnostic] {
        let ids = Set(template.resources.map(\.logicalId))
        var edges: [String: [Edge]] = [:]
        for index in template.resources.indices {
            let resource = template.resources[index]
            var references: [String: SourceRange] = [:]
            collectReferences(resource.properties, into: &references, ids: ids)
            if let metadata = resource.metadata { collectReferences(metadata, into: &references, ids: ids) }
            template.resources[index].dependsOn = resource.dependsOn.filter { references[$0] == nil }
            // A resource referring to itself is a cycle of one; one naming itself in
            // dependsOn is NameResolution's FW3055, not reported twice.
            var out = references.map { Edge(from: resource.logicalId, to: $0.key, origin: $0.value, isReference: true) }
            out += template.resources[index].dependsOn.filter { ids.contains($0) && $0 != resource.logicalId }.map {
                Edge(from: resource.logicalId, to: $0, origin: resource.dependsOnOrigins[$0] ?? resource.origin, isReference: false)
            }
            edges[resource.logicalId] = out.sorted { $0.to < $1.to }
        }
        let order = template.resources.map(\.logicalId)
        return cycles(order: order, edges: edges).map { cycleDiagnostic($0) }
    }

    /// The resource IDs a value refers to, with where each reference came from.
    static func collectReferences(_ value: TemplateValue, into out: inout [String: SourceRange], ids: Set<String>) {
        switch value.kind {
        case .object(let members):
            if members.count == 1, let only = members.first {
                switch (only.key, only.value.kind) {
                case ("Ref", .string(let id)):
                    if ids.contains(id), out[id] == nil { out[id] = value.origin ?? only.value.origin }
                    return
                case ("Fn::GetAtt", .array(let parts)):
                    if case .string(let id)? = parts.first?.kind, ids.contains(id), out[id] == nil {
                        out[id] = value.origin
                    }
                case ("Fn::Sub", .string(let format)):
                    for id in subReferences(format) where ids.contains(id) && out[id] == nil { out[id] = value.origin }
                case ("Fn::Sub", .array(let parts)):
                    if case .string(let format)? = parts.first?.kind {
                        let local: Set<String> = if case .object(let variables)? = parts.dropFirst().first?.kind {
                            Set(variables.map(\.key))
                        } else { [] }
                        for id in subReferences(format) where ids.contains(id) && !local.contains(id) && out[id] == nil {
                            out[id] = value.origin
                        }
                    }
                default: break
                }
            }
            for member in members { collectReferences(member.value, into: &out, ids: ids) }
        case .array(let items):
            for item in items { collectReferences(item, into: &out, ids: ids) }
        case .string, .number, .bool, .null:
            break
        }
    }

    /// The names an `Fn::Sub` format refers to: `${X}` and `${X.Attr}`, not `${!Literal}`.
    static func subReferences(_ format: String) -> [String] {
        var names: [String] = []
        var rest = Substring(format)
        while let open = rest.firstRange(of: "${") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: "}") else { break }
            let inner = rest[..<close]
            rest = rest[rest.index(after: close)...]
            if inner.hasPrefix("!") { continue }
            names.append(String(inner.prefix { $0 != "." }))
        }
        return names
    }

    /// Each elementary cycle found by depth-first search from each resource in
    /// template order, reported once (as the rotation starting at its earliest member).
    static func cycles(order: [String], edges: [String: [Edge]]) -> [[Edge]] {
        var found: [[Edge]] = []
        var seen: Set<[String]> = []
        var state: [String: Int] = [:]  // 1 on the stack, 2 done
        var stack: [Edge] = []
        // A duplicate logical ID is reported elsewhere; it must not stop this pass.
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
