import FormworkFacts

/// Writes a template as deterministic JSON: sections in the order
/// AWSTemplateFormatVersion, Description, Parameters, Conditions, Resources,
/// Outputs; resources in model order; inside a resource Type, Condition,
/// DependsOn, DeletionPolicy, UpdateReplacePolicy, Metadata, Properties;
/// every other object's keys sorted; 2-space indent; trailing newline.
/// `minify` writes the same document without any space or line break but
/// the final newline (`compile --minify`); the source map's pointers are the
/// same either way. Same template, same bytes.
package enum JSONWriter {
    /// The template's text and, in the same walk, its source map (unless `sourceMap` is false).
    package static func emit(_ template: Template, sourceMap: Bool = true, minify: Bool = false)
        -> (text: String, sourceMap: SourceMap?)
    {
        var map: SourceMap? = sourceMap ? SourceMap() : nil
        let text = write(template, minify: minify, recording: &map)
        return (text, map)
    }

    package static func write(_ template: Template, minify: Bool = false) -> String {
        var map: SourceMap?
        return write(template, minify: minify, recording: &map)
    }

    /// Line breaks, indentation and the space after a colon, or none of them.
    private struct Layout {
        let minify: Bool
        var colon: String { minify ? ":" : ": " }
        func open(_ bracket: String) -> String { minify ? bracket : bracket + "\n" }
        func separator(last: Bool) -> String { minify ? (last ? "" : ",") : (last ? "\n" : ",\n") }
        func indent(_ depth: Int, into out: inout String) {
            if !minify { out += String(repeating: "  ", count: depth) }
        }
    }

    private static func write(_ template: Template, minify: Bool, recording map: inout SourceMap?) -> String {
        let layout = Layout(minify: minify)
        var sections: [(String, [TemplateValue.Member])] = []
        func section(_ name: String, _ entries: [Template.Entry]) {
            guard !entries.isEmpty else { return }
            sections.append((name, entries.map { .init($0.logicalId, $0.value) }))
        }
        section("Parameters", template.parameters)
        section("Conditions", template.conditions)
        section("Resources", template.resources.map { Template.Entry($0.logicalId, resourceObject($0)) })
        section("Outputs", template.outputs)

        var out = layout.open("{")
        layout.indent(1, into: &out)
        out += "\"AWSTemplateFormatVersion\"" + layout.colon + "\"\(CloudFormation.templateFormatVersion)\""
        _ = map?.add(.key("AWSTemplateFormatVersion"), under: 0, origin: nil)
        if let description = template.description {
            out += layout.separator(last: false)
            layout.indent(1, into: &out)
            out += "\"Description\"" + layout.colon
            writeString(description, into: &out)
            _ = map?.add(.key("Description"), under: 0, origin: template.descriptionOrigin)
        }
        for (name, entries) in sections {
            out += layout.separator(last: false)
            layout.indent(1, into: &out)
            writeString(name, into: &out)
            out += layout.colon + layout.open("{")
            let node = map?.add(.key(name), under: 0, origin: nil) ?? 0
            for (index, entry) in entries.enumerated() {
                layout.indent(2, into: &out)
                writeString(entry.key, into: &out)
                out += layout.colon
                // A resource's attributes keep their fixed order; everything else is sorted.
                write(entry.value, at: .key(entry.key), under: node, sortKeys: name != "Resources", depth: 2,
                      layout: layout, into: &out, map: &map)
                out += layout.separator(last: index == entries.count - 1)
            }
            layout.indent(1, into: &out)
            out += "}"
        }
        out += layout.separator(last: true) + "}\n"
        return out
    }

    /// One JSON value, keys sorted at every level.
    package static func write(_ value: TemplateValue) -> String {
        var out = ""
        var map: SourceMap?
        write(value, at: .index(0), under: 0, sortKeys: true, depth: 0, layout: Layout(minify: false), into: &out, map: &map)
        return out
    }

    private static func resourceObject(_ resource: Resource) -> TemplateValue {
        var members: [TemplateValue.Member] = [.init("Type", .string(resource.type, resource.origin))]
        if let condition = resource.condition { members.append(.init("Condition", .string(condition, resource.origin))) }
        if !resource.dependsOn.isEmpty {
            members.append(.init("DependsOn", .array(resource.dependsOn.map { id in
                .string(id, resource.dependsOnOrigins[id] ?? resource.origin)
            }, resource.origin)))
        }
        if let policy = resource.deletionPolicy { members.append(.init("DeletionPolicy", .string(policy, resource.origin))) }
        if let policy = resource.updateReplacePolicy {
            members.append(.init("UpdateReplacePolicy", .string(policy, resource.origin)))
        }
        if let metadata = resource.metadata { members.append(.init("Metadata", metadata)) }
        if case .object(let properties) = resource.properties.kind, !properties.isEmpty {
            members.append(.init("Properties", resource.properties))
        }
        return .init(.object(members), origin: resource.origin)
    }

    /// `sortKeys` applies to this object only; everything below it is sorted.
    /// The value is recorded in `map` (when there is one) as `segment` under node `parent`.
    private static func write(
        _ value: TemplateValue, at segment: SourceMap.Segment, under parent: Int, sortKeys: Bool, depth: Int,
        layout: Layout, into out: inout String, map: inout SourceMap?
    ) {
        let node = map?.add(segment, under: parent, origin: value.origin) ?? 0
        switch value.kind {
        case .string(let s): writeString(s, into: &out)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += layout.open("[")
            for (index, item) in items.enumerated() {
                layout.indent(depth + 1, into: &out)
                write(item, at: .index(index), under: node, sortKeys: true, depth: depth + 1, layout: layout, into: &out, map: &map)
                out += layout.separator(last: index == items.count - 1)
            }
            layout.indent(depth, into: &out)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let ordered = sortKeys ? members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : members
            out += layout.open("{")
            for (index, member) in ordered.enumerated() {
                layout.indent(depth + 1, into: &out)
                writeString(member.key, into: &out)
                out += layout.colon
                write(member.value, at: .key(member.key), under: node, sortKeys: true, depth: depth + 1,
                      layout: layout, into: &out, map: &map)
                out += layout.separator(last: index == ordered.count - 1)
            }
            layout.indent(depth, into: &out)
            out += "}"
        }
    }

    /// JSON string escaping: quotes, backslashes and control characters are
    /// escaped; U+007F, U+2028 and U+2029 too, so the output is also safe
    /// JavaScript; every other scalar is written as UTF-8.
    package static func writeString(_ s: String, into out: inout String) {
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
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// How many bytes `json` takes as `--minify` writes it: its bytes less
    /// the whitespace between tokens (none inside strings is touched), plus
    /// the final line break. One scan of the text, so a rule can tell what
    /// `--minify` would write without writing it.
    package static func compactByteCount(of json: String) -> Int {
        var json = json
        return json.withUTF8 { compactByteCount(of: $0) }
    }

    private static func compactByteCount(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                count += 1
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): continue
            case UInt8(ascii: "\""): inString = true; count += 1
            default: count += 1
            }
        }
        return count + 1
    }
}
