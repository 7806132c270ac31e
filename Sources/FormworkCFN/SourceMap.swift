import FormworkDiagnostics

/// Where each value of a written template came from: for every value the
/// writer emits, its JSON pointer (RFC 6901) in the written text and the
/// spec range that caused it. The writer records one node per value as it
/// writes (a parent index and the key or index that leads to it), and
/// pointers are spelled out only when asked for, so a compile that never
/// reads the map pays little for it.
package struct SourceMap: Sendable {
    package enum Segment: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    struct Node: Sendable {
        var parent: Int32
        var segment: Segment
        var origin: SourceRange?
    }

    /// Node 0 is the document itself; every other node's parent comes before it.
    private(set) var nodes: [Node] = [Node(parent: -1, segment: .index(0), origin: nil)]

    package init() {}

    /// Records a value at `segment` under node `parent`; returns its node.
    mutating func add(_ segment: Segment, under parent: Int, origin: SourceRange?) -> Int {
        nodes.append(Node(parent: Int32(parent), segment: segment, origin: origin))
        return nodes.count - 1
    }

    /// Every value with an origin, in the order it is written: its pointer and range.
    package var entries: [(pointer: String, range: SourceRange)] {
        var pointers: [String] = []
        pointers.reserveCapacity(nodes.count)
        var out: [(pointer: String, range: SourceRange)] = []
        for (index, node) in nodes.enumerated() {
            let pointer = index == 0 ? "" : pointers[Int(node.parent)] + "/" + Self.escape(node.segment)
            pointers.append(pointer)
            if let origin = node.origin { out.append((pointer, origin)) }
        }
        return out
    }

    /// The range of the value at `pointer`, or of its nearest written
    /// ancestor with one; nil when neither the value nor an ancestor has one.
    package func range(at pointer: String) -> SourceRange? {
        var best: SourceRange?
        var bestLength = -1
        for entry in entries where entry.pointer.count > bestLength
            && (pointer == entry.pointer || pointer.hasPrefix(entry.pointer + "/")) {
            best = entry.range
            bestLength = entry.pointer.count
        }
        return best
    }

    /// RFC 6901: `~` is written `~0` and `/` is written `~1`.
    static func escape(_ segment: Segment) -> String {
        switch segment {
        case .index(let index): String(index)
        case .key(let key): escape(key: key)
        }
    }

    /// One key as a JSON pointer segment.
    package static func escape(key: String) -> String {
        key.contains("~") || key.contains("/")
            ? key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") : key
    }

    /// The map as JSON, for `formwork compile --source-map` and the golden
    /// files: `{"file": ..., "mappings": {pointer: "line:col-line:col", ...}}`,
    /// pointers in the order the template writes them.
    package func json(file: String) -> String {
        var out = "{\n  \"file\": "
        JSONWriter.writeString(file, into: &out)
        let entries = entries
        out += ",\n  \"mappings\": {"
        for (index, entry) in entries.enumerated() {
            out += index == 0 ? "\n    " : ",\n    "
            JSONWriter.writeString(entry.pointer, into: &out)
            out += ": \"\(entry.range.start)-\(entry.range.end)\""
        }
        out += entries.isEmpty ? "}\n}\n" : "\n  }\n}\n"
        return out
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
