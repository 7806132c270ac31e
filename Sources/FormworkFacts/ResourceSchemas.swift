import CFormworkSchemas
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CloudFormation resource provider schemas, as the pinned cfn-lint
/// ships them for us-east-1 (patches applied), reduced by
/// `scripts/schemas.py` to what Formwork checks and embedded in the binary
/// (`CFormworkSchemas`). Source: the header's `source` (`cfn-lint-1.51.0-us-east-1`).
///
/// Nothing is parsed before it is asked for: a type name is found by binary
/// search in the file's fixed-width index, a type's record is parsed the
/// first time a compile reads that type, and each of its definitions the
/// first time a value reaches it. Parsed schemas are kept for the process
/// (specs compiled in parallel share them).
package enum ResourceSchemas {
    /// Where the schemas come from: `cfn-lint-<version>-<region>`.
    package static var source: String { store.source }
    /// How many resource types there are.
    package static var count: Int { store.count }

    /// Whether `type` has a schema.
    package static func contains(_ type: String) -> Bool { store.schema(type) != nil }

    /// The schema of `type`; nil when there is none.
    package static func schema(for type: String) -> ResourceSchema? { store.schema(type) }

    /// Every type name, sorted (for a did-you-mean).
    package static var typeNames: [String] { store.typeNames() }

    /// A type no schema describes and CloudFormation still takes: a custom
    /// resource (`Custom::Name`), and a module (`Org::Service::Name::MODULE`).
    /// Source: AWS CloudFormation User Guide, "Custom resources" and "Modules".
    package static func isSchemaless(_ type: String) -> Bool {
        type.hasPrefix("Custom::") || type.hasSuffix("::MODULE")
    }

    private static let store = Store()

    private final class Store: Sendable {
        /// The embedded bytes: read-only for the life of the process.
        nonisolated(unsafe) let bytes: UnsafeBufferPointer<UInt8>
        let source: String
        let count: Int
        let width: Int
        let indexStart: Int
        let cache = Mutex<[String: ResourceSchema]>([:])

        /// The index entry's line is `width` name bytes, a space, a 10-digit
        /// offset, a space, an 8-digit length and a line feed.
        var entrySize: Int { width + 21 }

        init() {
            bytes = UnsafeBufferPointer(start: formwork_schemas_bytes(), count: formwork_schemas_size())
            let headerEnd = bytes.firstIndex(of: 0x0A) ?? 0
            // Split by hand: `split` makes an array of slices, whose type the runtime
            // looks up in every conformance record the first time (docs/performance.md).
            var fields: [String] = []
            var start = 0
            for index in 0...headerEnd where index == headerEnd || bytes[index] == 0x20 {
                if index > start {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                }
                start = index + 1
            }
            precondition(fields.count == 5 && fields[0] == "formwork-schemas" && fields[1] == "1",
                         "schemas.data: not a version 1 file")
            source = fields[2]
            count = Int(fields[3])!
            width = Int(fields[4])!
            indexStart = headerEnd + 1
        }

        func name(at entry: Int) -> UnsafeBufferPointer<UInt8> {
            let start = indexStart + entry * entrySize
            var end = start + width
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
            return UnsafeBufferPointer(rebasing: bytes[start..<end])
        }

        func number(_ start: Int, _ digits: Int) -> Int {
            var n = 0
            for i in start..<start + digits { n = n * 10 + Int(bytes[i] &- 0x30) }
            return n
        }

        /// The record's byte range of `type`, by binary search.
        func find(_ type: String) -> Range<Int>? {
            var type = type
            return type.withUTF8 { key -> Range<Int>? in
                var (low, high) = (0, count)
                while low < high {
                    let mid = (low + high) / 2
                    let name = name(at: mid)
                    if name.elementsEqual(key) {
                        let start = indexStart + mid * entrySize + width + 1
                        let offset = number(start, 10)
                        return offset..<offset + number(start + 11, 8)
                    }
                    if name.lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
                }
                return nil
            }
        }

        func schema(_ type: String) -> ResourceSchema? {
            if let known = cache.withLock({ $0[type] }) { return known }
            guard let range = find(type) else { return nil }
            let schema = ResourceSchema(type: type, record: UnsafeBufferPointer(rebasing: bytes[range]))
            return cache.withLock { cache in
                if let raced = cache[type] { return raced }
                cache[type] = schema
                return schema
            }
        }

        func typeNames() -> [String] {
            (0..<count).map { String(decoding: name(at: $0), as: UTF8.self) }
        }
    }
}

/// One resource type's schema: its top-level properties and what
/// CloudFormation says of them. Each property and definition is parsed
/// when first reached.
package final class ResourceSchema: Sendable {
    package let type: String
    /// The top-level property names, sorted.
    package let propertyNames: [String]
    /// Whether the type takes properties its schema does not list.
    package let allowsOtherProperties: Bool
    package let required: [String]
    package let readOnly: Set<String>
    package let createOnly: Set<String>
    package let writeOnly: Set<String>
    package let primaryIdentifier: [String]
    /// The names `Fn::GetAtt` takes, as cfn-lint reads them (`get_atts`).
    package let attributes: Set<String>
    /// How the type is tagged; nil when it cannot be.
    package let tagging: Tagging?

    package struct Tagging: Sendable, Equatable {
        package enum Shape: Sendable { case keyValueList, map }
        /// The property tags go in (`Tags` for most types).
        package let property: String
        package let shape: Shape
    }

    /// The type's record in the embedded bytes, read-only for the life of the process.
    nonisolated(unsafe) private let record: UnsafeBufferPointer<UInt8>
    /// Each entry's name (a definition's, or `/` and a property's) and the
    /// byte range of its schema in `record`, sorted by name.
    private let entries: [(name: Range<Int>, value: Range<Int>)]
    private let parsed = Mutex<[String: SchemaNode]>([:])
    /// `property(_:)`'s answers, absent ones too, by the property's own name.
    private let properties = Mutex<[String: SchemaNode?]>([:])

    init(type: String, record: UnsafeBufferPointer<UInt8>) {
        self.type = type
        self.record = record
        var lines: [(Range<Int>, Range<Int>)] = []
        let rootEnd = Self.find(0x0A, in: record, from: 0, to: record.count)
        var start = rootEnd + 1
        while start < record.count {
            let end = Self.find(0x0A, in: record, from: start, to: record.count)
            let space = Self.find(0x20, in: record, from: start, to: end)
            lines.append((start..<space, space + 1..<end))
            start = end + 1
        }
        entries = lines

        let root = SchemaJSON.parse(UnsafeBufferPointer(rebasing: record[..<rootEnd])) ?? .object([])
        propertyNames = root["p"]?.strings ?? []
        allowsOtherProperties = root["x"]?.bool ?? false
        required = root["r"]?.strings ?? []
        readOnly = Set(root["ro"]?.strings ?? [])
        createOnly = Set(root["co"]?.strings ?? [])
        writeOnly = Set(root["wo"]?.strings ?? [])
        primaryIdentifier = root["pi"]?.strings ?? []
        attributes = Set(root["a"]?.strings ?? [])
        if let tags = root["tg"], let property = tags["p"]?.string {
            tagging = Tagging(property: property, shape: tags["s"]?.string == "map" ? .map : .keyValueList)
        } else {
            tagging = nil
        }
    }

    /// The index of the first `byte` in `bytes[from..<to]`, or `to`.
    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = bytes.baseAddress,
              let hit = memchr(base + from, Int32(byte), to - from) else { return to }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The top-level property `name`, parsed the first time it is asked for.
    package func property(_ name: String) -> SchemaNode? {
        if let known = properties.withLock({ $0[name] }) { return known }
        let node = entry("/" + name)
        properties.withLock { $0[name] = .some(node) }
        return node
    }

    /// The definition `name` (a `$ref`), parsed the first time it is asked for.
    package func definition(_ name: String) -> SchemaNode? { entry(name) }

    private func entry(_ name: String) -> SchemaNode? {
        if let known = parsed.withLock({ $0[name] }) { return known }
        var key = name
        let found = key.withUTF8 { key -> Range<Int>? in
            var (low, high) = (0, entries.count)
            while low < high {
                let mid = (low + high) / 2
                if record[entries[mid].name].lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
            }
            guard low < entries.count, record[entries[low].name].elementsEqual(key) else { return nil }
            return entries[low].value
        }
        guard let found, let node = SchemaNode.parse(UnsafeBufferPointer(rebasing: record[found]))
        else { return nil }
        return parsed.withLock { cache in
            if let raced = cache[name] { return raced }
            cache[name] = node
            return node
        }
    }

    /// `node` itself, or the definition it refers to (following chains of refs).
    package func resolve(_ node: SchemaNode) -> SchemaNode? {
        var node = node
        var hops = 0
        while let ref = node.ref {
            guard hops < 16, let target = definition(ref) else { return nil }
            node = target
            hops += 1
        }
        return node
    }
}

/// One JSON Schema node of a resource schema, with the keywords Formwork checks.
package final class SchemaNode: Sendable {
    /// The JSON types it takes (`string`, `integer`, …); empty for any.
    package let types: [String]
    package let enumValues: [SchemaJSON]?
    package let constValue: SchemaJSON?
    package let pattern: String?
    package let minimum: Double?
    package let maximum: Double?
    package let exclusiveMinimum: Double?
    package let exclusiveMaximum: Double?
    package let minLength: Int?
    package let maxLength: Int?
    package let minItems: Int?
    package let maxItems: Int?
    package let items: SchemaNode?
    /// `prefixItems`: the schema of the first items, each in turn (besides `items`).
    package let prefixItems: [SchemaNode]
    /// An object's properties, by name.
    package let properties: [String: SchemaNode]
    /// Their names, sorted (for a did-you-mean, so made only when one is needed).
    package var propertyNames: [String] { properties.keys.sorted() }
    package let required: [String]
    /// `additionalProperties`: nil when absent (anything goes), `.closed` when false.
    package let additionalProperties: Additional?
    package let patternProperties: [(pattern: String, node: SchemaNode)]
    package let anyOf: [SchemaNode]
    package let oneOf: [SchemaNode]
    package let allOf: [SchemaNode]
    /// The definition this node is (`$ref`), by name.
    package let ref: String?

    package enum Additional: Sendable {
        case closed
        case schema(SchemaNode)
    }

    /// The keywords of one node, as the parser meets them.
    fileprivate struct Fields {
        var types: [String] = []
        var enumValues: [SchemaJSON]?
        var constValue: SchemaJSON?
        var pattern: String?
        var minimum, maximum, exclusiveMinimum, exclusiveMaximum: Double?
        var minLength, maxLength, minItems, maxItems: Int?
        var items: SchemaNode?
        var prefixItems: [SchemaNode] = []
        var properties: [String: SchemaNode] = [:]
        var required: [String] = []
        var additionalProperties: Additional?
        var patternProperties: [(pattern: String, node: SchemaNode)] = []
        var anyOf: [SchemaNode] = [], oneOf: [SchemaNode] = [], allOf: [SchemaNode] = []
        var ref: String?
    }

    fileprivate init(_ f: Fields) {
        types = f.types
        enumValues = f.enumValues
        constValue = f.constValue
        pattern = f.pattern
        minimum = f.minimum
        maximum = f.maximum
        exclusiveMinimum = f.exclusiveMinimum
        exclusiveMaximum = f.exclusiveMaximum
        minLength = f.minLength
        maxLength = f.maxLength
        minItems = f.minItems
        maxItems = f.maxItems
        items = f.items
        prefixItems = f.prefixItems
        properties = f.properties
        required = f.required
        additionalProperties = f.additionalProperties
        patternProperties = f.patternProperties
        anyOf = f.anyOf
        oneOf = f.oneOf
        allOf = f.allOf
        ref = f.ref
    }

    /// The node `bytes` hold (one JSON object), read straight into its
    /// keywords; nil when they are not one.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> SchemaNode? {
        var parser = JSONParser(bytes: bytes)
        guard let node = parser.node(depth: 0) else { return nil }
        parser.skipSpace()
        return parser.position == bytes.count ? node : nil
    }

    /// Whether the node names no keyword at all.
    package var isEmpty: Bool {
        types.isEmpty && enumValues == nil && constValue == nil && pattern == nil && properties.isEmpty
            && additionalProperties == nil && anyOf.isEmpty && oneOf.isEmpty && allOf.isEmpty && ref == nil
            && items == nil
    }
}

/// A JSON value of the schema data, parsed from its bytes.
package indirect enum SchemaJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SchemaJSON])
    case object([(String, SchemaJSON)])

    package subscript(key: String) -> SchemaJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    package var string: String? { if case .string(let s) = self { s } else { nil } }
    package var number: Double? { if case .number(let n) = self { n } else { nil } }
    package var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    package var items: [SchemaJSON]? { if case .array(let items) = self { items } else { nil } }
    package var members: [(String, SchemaJSON)]? { if case .object(let m) = self { m } else { nil } }
    package var strings: [String]? { items?.compactMap(\.string) }

    package static func == (a: SchemaJSON, b: SchemaJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The value `bytes` hold, or nil when they are not one JSON value. The
    /// data is generated, so the parser is small: it takes what `json.dumps`
    /// writes (escapes included) and no more.
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> SchemaJSON? {
        var parser = JSONParser(bytes: bytes)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipSpace()
        return parser.position == bytes.count ? value : nil
    }
}

/// A reader of the generated JSON (what `json.dumps` writes, escapes
/// included, and no more).
private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func skipSpace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x09
            || bytes[position] == 0x0D { position += 1 }
    }

    mutating func value(depth: Int) -> SchemaJSON? {
        guard depth < 200 else { return nil }
        skipSpace()
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(String, SchemaJSON)] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipSpace()
                guard let key = string(), expect(":"), let value = value(depth: depth + 1) else { return nil }
                members.append((key, value))
                skipSpace()
                if expect(",") { continue }
                return expect("}") ? .object(members) : nil
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [SchemaJSON] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipSpace()
                if expect(",") { continue }
                return expect("]") ? .array(items) : nil
            }
        case UInt8(ascii: "\""):
            return string().map(SchemaJSON.string)
        case UInt8(ascii: "t"): return word("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return word("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return word("null") ? .null : nil
        default:
            let start = position
            while position < bytes.count, Self.isNumberByte(bytes[position]) { position += 1 }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
                .map(SchemaJSON.number)
        }
    }

    static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
    }

    mutating func expect(_ c: Unicode.Scalar) -> Bool {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: c) else { return false }
        position += 1
        return true
    }

    mutating func word(_ w: StaticString) -> Bool {
        let count = w.utf8CodeUnitCount
        guard position + count <= bytes.count,
              UnsafeBufferPointer(rebasing: bytes[position..<position + count])
              .elementsEqual(UnsafeBufferPointer(start: w.utf8Start, count: count))
        else { return false }
        position += count
        return true
    }

    /// A string at `position` (its opening quote).
    mutating func string() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
            position += 1
        }
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "\"") {
            defer { position += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }
        var scalars = Array(bytes[start..<position])
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            if b == UInt8(ascii: "\"") { return String(decoding: scalars, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else { scalars.append(b); continue }
            guard position < bytes.count else { return nil }
            let e = bytes[position]
            position += 1
            switch e {
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "u"):
                guard var code = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(code), position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                   bytes[position + 1] == UInt8(ascii: "u")
                {
                    position += 2
                    guard let low = hex4() else { return nil }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                scalars.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
            default: scalars.append(e)  // \" \\ \/
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + 4]), as: UTF8.self)
        position += 4
        return UInt32(text, radix: 16)
    }
}

extension JSONParser {
    /// A schema node: an object whose keywords are read as they come.
    mutating func node(depth: Int) -> SchemaNode? {
        guard depth < 200, expect("{") else { return nil }
        var f = SchemaNode.Fields()
        skipSpace()
        if expect("}") { return SchemaNode(f) }
        while true {
            skipSpace()
            guard let key = string(), expect(":") else { return nil }
            skipSpace()
            switch key {
            case "type":
                if peekIs("[") {
                    guard let items = value(depth: depth + 1)?.strings else { return nil }
                    f.types = items
                } else {
                    guard let type = string() else { return nil }
                    f.types = [type]
                }
            case "enum": guard let v = value(depth: depth + 1)?.items else { return nil }; f.enumValues = v
            case "const": guard let v = value(depth: depth + 1) else { return nil }; f.constValue = v
            case "pattern", "$ref":
                guard let v = string() else { return nil }
                if key == "pattern" { f.pattern = v } else { f.ref = v }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems",
                 "maxItems":
                guard let n = value(depth: depth + 1)?.number else { return nil }
                switch key {
                case "minimum": f.minimum = n
                case "maximum": f.maximum = n
                case "exclusiveMinimum": f.exclusiveMinimum = n
                case "exclusiveMaximum": f.exclusiveMaximum = n
                case "minLength": f.minLength = Int(n)
                case "maxLength": f.maxLength = Int(n)
                case "minItems": f.minItems = Int(n)
                default: f.maxItems = Int(n)
                }
            case "required": guard let v = value(depth: depth + 1)?.strings else { return nil }; f.required = v
            case "items":
                if peekIs("{") {
                    guard let n = node(depth: depth + 1) else { return nil }
                    f.items = n
                } else if value(depth: depth + 1) == nil { return nil }
            case "additionalProperties":
                if peekIs("{") {
                    guard let n = node(depth: depth + 1) else { return nil }
                    f.additionalProperties = .schema(n)
                } else {
                    guard let v = value(depth: depth + 1) else { return nil }
                    if v == .bool(false) { f.additionalProperties = .closed }
                }
            case "properties", "patternProperties":
                guard let members = nodes(depth: depth + 1) else { return nil }
                if key == "properties" {
                    for (name, node) in members { f.properties[name] = node }
                } else {
                    f.patternProperties = members.map { ($0.0, $0.1) }
                }
            case "prefixItems", "anyOf", "oneOf", "allOf":
                guard let list = nodeList(depth: depth + 1) else { return nil }
                switch key {
                case "prefixItems": f.prefixItems = list
                case "anyOf": f.anyOf = list
                case "oneOf": f.oneOf = list
                default: f.allOf = list
                }
            default:
                guard value(depth: depth + 1) != nil else { return nil }
            }
            skipSpace()
            if expect(",") { continue }
            return expect("}") ? SchemaNode(f) : nil
        }
    }

    /// An object of name → node.
    private mutating func nodes(depth: Int) -> [(String, SchemaNode)]? {
        guard expect("{") else { return nil }
        var members: [(String, SchemaNode)] = []
        skipSpace()
        if expect("}") { return members }
        while true {
            skipSpace()
            guard let key = string(), expect(":") else { return nil }
            skipSpace()
            guard let node = node(depth: depth) else { return nil }
            members.append((key, node))
            skipSpace()
            if expect(",") { continue }
            return expect("}") ? members : nil
        }
    }

    /// A list of nodes.
    private mutating func nodeList(depth: Int) -> [SchemaNode]? {
        guard expect("[") else { return nil }
        var list: [SchemaNode] = []
        skipSpace()
        if expect("]") { return list }
        while true {
            skipSpace()
            guard let node = node(depth: depth) else { return nil }
            list.append(node)
            skipSpace()
            if expect(",") { continue }
            return expect("]") ? list : nil
        }
    }

    private func peekIs(_ c: Unicode.Scalar) -> Bool { position < bytes.count && bytes[position] == UInt8(ascii: c) }
}
