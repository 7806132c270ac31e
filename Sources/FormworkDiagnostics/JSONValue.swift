/// A JSON document the machine formats build and write: objects keep their
/// keys in the order given, so output is deterministic and reads in the
/// order the formats document. Written with the same escaping as the
/// template writer (FormworkCFN's `JSONWriter`): quotes, backslashes and
/// control characters escaped, U+007F, U+2028 and U+2029 as `\u` escapes,
/// everything else as its UTF-8. Not Foundation's JSONSerialization, which
/// the executable does not link.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): x == y
        case let (.int(x), .int(y)): x == y
        case let (.bool(x), .bool(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: false
        }
    }

    /// The document, indented by two spaces, with a final line break. An
    /// object or array that holds no list of objects or arrays and fits in
    /// `inlineWidth` characters is written on one line.
    public func written() -> String {
        var out = ""
        write(into: &out, depth: 0)
        out += "\n"
        return out
    }

    /// The document on one line (for a line-oriented stream).
    public func compact() -> String {
        var out = ""
        write(into: &out, depth: nil)
        return out
    }

    static let inlineWidth = 120

    /// One line, with a space after each `:` and `,`.
    private func spaced(into out: inout String) {
        switch self {
        case .string, .int, .bool: write(into: &out, depth: nil)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.spaced(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += ", " }
                Self.appendString(key, to: &out)
                out += ": "
                value.spaced(into: &out)
            }
            out += "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .string, .int, .bool: true
        case .array, .object: false
        }
    }

    /// Whether it holds an array of objects or arrays (such as the list of
    /// diagnostics), which is never written on one line.
    private var holdsListOfContainers: Bool {
        switch self {
        case .string, .int, .bool: false
        case .array(let items): items.contains { !$0.isScalar }
        case .object(let members): members.contains { $0.1.holdsListOfContainers }
        }
    }

    private func write(into out: inout String, depth: Int?) {
        func newline(_ level: Int) {
            guard depth != nil else { return }
            out += "\n"
            out += String(repeating: "  ", count: level)
        }
        if let depth, depth > 0, !holdsListOfContainers {
            switch self {
            case .array, .object:
                var line = ""
                spaced(into: &line)
                if line.count + 2 * depth <= Self.inlineWidth { out += line; return }
            default: break
            }
        }
        switch self {
        case .string(let s): Self.appendString(s, to: &out)
        case .int(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                newline((depth ?? 0) + 1)
                item.write(into: &out, depth: depth.map { $0 + 1 })
            }
            newline(depth ?? 0)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                newline((depth ?? 0) + 1)
                Self.appendString(key, to: &out)
                out += depth == nil ? ":" : ": "
                value.write(into: &out, depth: depth.map { $0 + 1 })
            }
            newline(depth ?? 0)
            out += "}"
        }
    }

    /// A JSON string literal of `s`.
    public static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = Array("0123456789abcdef")
                    out += "\\u00"
                    out.append(hex[Int(scalar.value >> 4)])
                    out.append(hex[Int(scalar.value & 0xF)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
