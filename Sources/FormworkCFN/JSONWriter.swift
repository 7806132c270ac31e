import FormworkDiagnostics
import FormworkFacts

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a template as deterministic JSON: sections in the order
/// AWSTemplateFormatVersion, Description, Parameters, Mappings, Conditions, Resources,
/// Outputs; resources in model order; inside a resource Type, Condition,
/// DependsOn, DeletionPolicy, UpdateReplacePolicy, CreationPolicy, UpdatePolicy, Metadata,
/// Properties;
/// every other object's keys sorted (by their UTF-8 bytes); 2-space indent;
/// trailing newline. `minify` writes the same document without any space or
/// line break but the final newline (`compile --minify`); the source map's
/// pointers are the same either way. Same template, same bytes.
///
/// The text is written as UTF-8 bytes into one buffer, and turned into a
/// `String` once at the end.
package enum JSONWriter {
    /// The template's text and, in the same walk, its source map (unless `sourceMap` is false).
    package static func emit(_ template: Template, sourceMap: Bool = true, minify: Bool = false)
        -> (text: String, sourceMap: SourceMap?)
    {
        var writer = Writer(minify: minify, capacity: estimatedSize(of: template, minify: minify),
                            map: sourceMap ? SourceMap() : nil)
        writer.template(template)
        return (writer.text, writer.map)
    }

    package static func write(_ template: Template, minify: Bool = false) -> String {
        emit(template, sourceMap: false, minify: minify).text
    }

    /// One JSON value, keys sorted at every level.
    package static func write(_ value: TemplateValue) -> String {
        var writer = Writer(minify: false, capacity: 256, map: nil)
        writer.value(value, at: .index(0), under: 0, sortKeys: true, depth: 0)
        return writer.text
    }

    /// One JSON value on one line, keys in their order: the text of a
    /// property that takes JSON as a string (an event filter's `Pattern`).
    package static func writeMinified(_ value: TemplateValue) -> String {
        var writer = Writer(minify: true, capacity: 256, map: nil)
        writer.value(value, at: .index(0), under: 0, sortKeys: false, depth: 0)
        return writer.text
    }

    /// `s` as a JSON string, quotes included, appended to `out`.
    package static func writeString(_ s: String, into out: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 2)
        appendString(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// A generous guess at the text's size (what the templates of `specs/`
    /// take per entry, rounded up), so the buffer is allocated about once.
    private static func estimatedSize(of template: Template, minify: Bool) -> Int {
        let entries = template.resources.count + template.parameters.count + template.mappings.count + template.conditions.count
            + template.outputs.count
        return 256 + (template.description?.utf8.count ?? 0) + entries * (minify ? 640 : 1024)
    }

    private struct Writer {
        let minify: Bool
        var out: [UInt8] = []
        var map: SourceMap?

        init(minify: Bool, capacity: Int, map: SourceMap?) {
            self.minify = minify
            self.map = map
            out.reserveCapacity(capacity)
        }

        var text: String { String(decoding: out, as: UTF8.self) }

        /// Records a value in the map (when there is one); returns its node.
        mutating func record(_ segment: SourceMap.Segment, under parent: Int, origin: SourceRange?) -> Int {
            map?.add(segment, under: parent, origin: origin) ?? 0
        }

        mutating func template(_ template: Template) {
            out.append(UInt8(ascii: "{"))
            newline(1)
            out.append(contentsOf: #""AWSTemplateFormatVersion""#.utf8)
            colon()
            JSONWriter.appendString(CloudFormation.templateFormatVersion, to: &out)
            _ = record(.key("AWSTemplateFormatVersion"), under: 0, origin: nil)
            if let description = template.description {
                comma(1)
                out.append(contentsOf: #""Description""#.utf8)
                colon()
                JSONWriter.appendString(description, to: &out)
                _ = record(.key("Description"), under: 0, origin: template.descriptionOrigin)
            }
            entries("Parameters", template.parameters)
            entries("Mappings", template.mappings)
            entries("Conditions", template.conditions)
            if !template.resources.isEmpty {
                let node = openSection("Resources")
                for index in template.resources.indices {
                    if index > 0 { comma(2) }
                    resource(template.resources[index], under: node)
                }
                close("}", depth: 1)
            }
            entries("Outputs", template.outputs)
            close("}", depth: 0)
            out.append(UInt8(ascii: "\n"))
        }

        /// `,"Name":{` and the line breaks around it; returns the section's node.
        mutating func openSection(_ name: String) -> Int {
            comma(1)
            JSONWriter.appendString(name, to: &out)
            colon()
            out.append(UInt8(ascii: "{"))
            newline(2)
            return record(.key(name), under: 0, origin: nil)
        }

        /// A section of entries in model order, each value's keys sorted; nothing when there are none.
        mutating func entries(_ name: String, _ entries: [Template.Entry]) {
            guard !entries.isEmpty else { return }
            let node = openSection(name)
            for index in entries.indices {
                if index > 0 { comma(2) }
                JSONWriter.appendString(entries[index].logicalId, to: &out)
                colon()
                value(entries[index].value, at: .key(entries[index].logicalId), under: node, sortKeys: true, depth: 2)
            }
            close("}", depth: 1)
        }

        /// A resource's attributes in their fixed order; what is under them sorted.
        mutating func resource(_ resource: Resource, under section: Int) {
            JSONWriter.appendString(resource.logicalId, to: &out)
            colon()
            out.append(UInt8(ascii: "{"))
            newline(3)
            let node = record(.key(resource.logicalId), under: section, origin: resource.origin)
            attribute("Type", resource.type, resource, under: node, first: true, origin: resource.typeOrigin)
            if let condition = resource.condition { attribute("Condition", condition, resource, under: node) }
            if !resource.dependsOn.isEmpty {
                comma(3)
                out.append(contentsOf: #""DependsOn""#.utf8)
                colon()
                out.append(UInt8(ascii: "["))
                newline(4)
                let array = record(.key("DependsOn"), under: node, origin: resource.origin)
                for (index, id) in resource.dependsOn.enumerated() {
                    if index > 0 { comma(4) }
                    JSONWriter.appendString(id, to: &out)
                    _ = record(.index(index), under: array, origin: resource.dependsOnOrigins[id] ?? resource.origin)
                }
                close("]", depth: 3)
            }
            if let policy = resource.deletionPolicy { attribute("DeletionPolicy", policy, resource, under: node) }
            if let policy = resource.updateReplacePolicy { attribute("UpdateReplacePolicy", policy, resource, under: node) }
            for (key, attribute) in [("CreationPolicy", resource.creationPolicy), ("UpdatePolicy", resource.updatePolicy),
                                     ("Metadata", resource.metadata)]
            {
                guard let attribute else { continue }
                comma(3)
                JSONWriter.appendString(key, to: &out)
                colon()
                value(attribute, at: .key(key), under: node, sortKeys: true, depth: 3)
            }
            if case .object(let properties) = resource.properties.kind, !properties.isEmpty {
                comma(3)
                out.append(contentsOf: #""Properties""#.utf8)
                colon()
                value(resource.properties, at: .key("Properties"), under: node, sortKeys: true, depth: 3)
            }
            close("}", depth: 2)
        }

        mutating func attribute(_ key: String, _ text: String, _ resource: Resource, under node: Int, first: Bool = false,
                                origin: SourceRange? = nil) {
            if !first { comma(3) }
            JSONWriter.appendString(key, to: &out)
            colon()
            JSONWriter.appendString(text, to: &out)
            _ = record(.key(key), under: node, origin: origin ?? resource.origin)
        }

        /// `sortKeys` applies to this object only; everything below it is sorted.
        /// The value is recorded in the map as `segment` under node `parent`.
        mutating func value(_ value: TemplateValue, at segment: SourceMap.Segment, under parent: Int, sortKeys: Bool,
                            depth: Int) {
            let node = record(segment, under: parent, origin: value.origin)
            switch value.kind {
            case .string(let s): JSONWriter.appendString(s, to: &out)
            case .number(let n): out.append(contentsOf: n.utf8)
            case .bool(let b): out.append(contentsOf: b ? "true".utf8 : "false".utf8)
            case .null: out.append(contentsOf: "null".utf8)
            case .array(let items):
                guard !items.isEmpty else { out.append(contentsOf: "[]".utf8); return }
                out.append(UInt8(ascii: "["))
                newline(depth + 1)
                for index in items.indices {
                    if index > 0 { comma(depth + 1) }
                    self.value(items[index], at: .index(index), under: node, sortKeys: true, depth: depth + 1)
                }
                close("]", depth: depth)
            case .object(let members):
                guard !members.isEmpty else { out.append(contentsOf: "{}".utf8); return }
                out.append(UInt8(ascii: "{"))
                newline(depth + 1)
                if sortKeys, let order = members.keyOrder {
                    for (position, index) in order.enumerated() {
                        member(members[index], first: position == 0, under: node, depth: depth + 1)
                    }
                } else {
                    for index in members.indices { member(members[index], first: index == 0, under: node, depth: depth + 1) }
                }
                close("}", depth: depth)
            }
        }

        mutating func member(_ member: TemplateValue.Member, first: Bool, under node: Int, depth: Int) {
            if !first { comma(depth) }
            JSONWriter.appendString(member.key, to: &out)
            colon()
            value(member.value, at: .key(member.key), under: node, sortKeys: true, depth: depth)
        }

        // MARK: layout

        mutating func colon() {
            out.append(UInt8(ascii: ":"))
            if !minify { out.append(UInt8(ascii: " ")) }
        }

        /// The comma between two items, and the next item's line at `depth`.
        mutating func comma(_ depth: Int) {
            out.append(UInt8(ascii: ","))
            newline(depth)
        }

        /// The closing bracket of a container at `depth`, on its own line.
        mutating func close(_ bracket: Unicode.Scalar, depth: Int) {
            newline(depth)
            out.append(UInt8(ascii: bracket))
        }

        /// A line break and `depth` levels of indent; nothing when minified.
        mutating func newline(_ depth: Int) {
            guard !minify else { return }
            let length = 1 + 2 * depth
            let table = JSONWriter.indents
            table.withUnsafeBufferPointer { out.append(contentsOf: $0[..<min(length, table.count)]) }
            // Deeper than the table: the rest is spaces.
            if length > table.count { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: length - table.count)) }
        }
    }

    /// A line break and then the spaces of up to 64 levels of indent.
    private static let indents: [UInt8] = [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: 128)

    /// JSON string escaping: quotes, backslashes and control characters are
    /// escaped (`\n`, `\r`, `\t`, `\b`, `\f` by name, the others as `\u00XX`
    /// in lowercase hex); U+007F, U+2028 and U+2029 too, so the output is
    /// also safe JavaScript; every other character is written as its UTF-8.
    /// Runs of bytes that need no escape are copied whole.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            var index = 0
            let count = bytes.count
            var bytewise = 0  // up to where bytes are looked at one by one
            while index < count {
                // Eight bytes at a time while none of them needs a look: no control
                // character, quote, backslash, U+007F or byte of a multi-byte character.
                if index >= bytewise {
                    while index + 8 <= count,
                          !mayNeedEscape(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                        index += 8
                    }
                    bytewise = index + 8
                    guard index < count else { break }
                }
                let byte = bytes[index]
                // 0xE2 starts U+2028 and U+2029 (E2 80 A8, E2 80 A9), among others.
                if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte != 0x7F, byte != 0xE2 {
                    index += 1
                    continue
                }
                var length = 1
                if byte == 0xE2 {
                    guard index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
                    else { index += 1; continue }
                    length = 3
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0xE2: out.append(contentsOf: (bytes[index + 2] == 0xA8 ? "u2028" : "u2029").utf8)
                default:  // another control character, or U+007F
                    let hex: StaticString = "0123456789abcdef"
                    out.append(contentsOf: "u00".utf8)
                    out.append(hex.utf8Start[Int(byte >> 4)])
                    out.append(hex.utf8Start[Int(byte & 0xF)])
                }
                index += length
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether one of the eight bytes of `word` is below 0x20, a quote, a
    /// backslash, or 0x7F and above (the standard bit tricks for "has a byte
    /// less than n" and "has a zero byte", on each byte at once).
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quoteBits = word ^ (ones &* 0x22), backslashBits = word ^ (ones &* 0x5C)
        let quote = (quoteBits &- ones) & ~quoteBits & highs
        let backslash = (backslashBits &- ones) & ~backslashBits & highs
        // 0x7F and above: the high bit is set in the byte, or in the byte plus 1. Only 0xFF
        // carries into the next byte, and it is caught by its own high bit.
        let high = (word | (word &+ ones)) & highs
        return control | quote | backslash | high != 0
    }

    /// How many bytes `json` takes as `--minify` writes it: its bytes less
    /// the whitespace between tokens (none inside strings is touched), plus
    /// the final line break. One scan of the text, so a rule can tell what
    /// `--minify` would write without writing it.
    /// With `limit`, the count is exact up to `limit`; past it, the scan
    /// stops and the count returned is only some number over `limit`.
    package static func compactByteCount(of json: String, limit: Int = .max) -> Int {
        var json = json
        return json.withUTF8 { compactByteCount(of: $0, limit: limit) }
    }

    private static func compactByteCount(of bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        guard let base = bytes.baseAddress else { return 1 }
        let end = bytes.count
        var count = 1  // the final line break
        var index = 0
        while index < end, count <= limit {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\""):
                // A string, every byte of it: up to the next quote that no odd run of backslashes escapes (or the end).
                var close = index + 1
                while true {
                    guard let quote = memchr(base + close, Int32(UInt8(ascii: "\"")), end - close) else {
                        close = end - 1
                        break
                    }
                    close = UnsafeRawPointer(base).distance(to: quote)
                    var backslash = close - 1
                    while backslash > index, bytes[backslash] == UInt8(ascii: "\\") { backslash -= 1 }
                    if (close - 1 - backslash) % 2 == 0 { break }
                    close += 1
                    guard close < end else { close = end - 1; break }
                }
                count += close - index + 1
                index = close + 1
            default:
                count += 1
                index += 1
            }
        }
        return count
    }
}
