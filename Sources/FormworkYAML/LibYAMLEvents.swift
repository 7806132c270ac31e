internal import CYAML
import FormworkDiagnostics

/// A position as libyaml reports it: `index` counts Unicode scalars from the
/// start of the input; `location` is 1-based.
struct Mark {
    var index: Int
    var location: SourceLocation
}

/// One libyaml event, copied into Swift values (the C event is freed at once).
struct YAMLEvent {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias(String)
        case scalar(String, ScalarStyle)
        case sequenceStart(flow: Bool), sequenceEnd
        case mappingStart(flow: Bool), mappingEnd
    }

    var kind: Kind
    var anchor: String?
    var tag: String?
    var start: Mark
    var end: Mark
}

/// Pulls events from libyaml's event parser over a private copy of the input
/// (UTF-8, without a byte order mark). After `next()` returns nil, `failure`
/// holds libyaml's error, if it reported one.
final class LibYAMLEvents {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The input and a terminating NUL (so that even empty input has an address).
    private let storage: UnsafeMutableBufferPointer<UInt8>
    /// The input alone.
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let file: String
    /// The last index-to-byte conversion, so that walking forward is linear.
    private var cursor = (index: 0, byte: 0)
    private(set) var failure: Diagnostic?
    private var finished = false

    init(bytes: [UInt8], file: String) {
        self.file = file
        storage = .allocate(capacity: bytes.count + 1)
        _ = storage.initialize(from: bytes)
        storage[bytes.count] = 0
        input = UnsafeMutableBufferPointer(rebasing: storage[0..<bytes.count])
        parser = .allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            // Only fails when out of memory; the parser is zeroed, so deleting it is safe.
            failure = .yamlSyntax("out of memory", at: SourceRange(file: file, line: 1, column: 1))
            finished = true
            return
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, storage.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        storage.deallocate()
    }

    func next() -> YAMLEvent? {
        guard !finished else { return nil }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            finished = true
            failure = errorDiagnostic()
            return nil
        }
        defer { yaml_event_delete(&event) }
        let start = mark(event.start_mark)
        let end = mark(event.end_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return YAMLEvent(kind: .streamStart, start: start, end: end)
        case YAML_DOCUMENT_START_EVENT:
            return YAMLEvent(kind: .documentStart, start: start, end: end)
        case YAML_DOCUMENT_END_EVENT:
            return YAMLEvent(kind: .documentEnd, start: start, end: end)
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            return YAMLEvent(kind: .alias(name), start: start, end: end)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = data.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self)
            } ?? ""
            return YAMLEvent(
                kind: .scalar(value, style(data.style)),
                anchor: string(data.anchor), tag: string(data.tag), start: start, end: end)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return YAMLEvent(
                kind: .sequenceStart(flow: data.style == YAML_FLOW_SEQUENCE_STYLE),
                anchor: string(data.anchor), tag: string(data.tag), start: start, end: end)
        case YAML_SEQUENCE_END_EVENT:
            return YAMLEvent(kind: .sequenceEnd, start: start, end: end)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return YAMLEvent(
                kind: .mappingStart(flow: data.style == YAML_FLOW_MAPPING_STYLE),
                anchor: string(data.anchor), tag: string(data.tag), start: start, end: end)
        case YAML_MAPPING_END_EVENT:
            return YAMLEvent(kind: .mappingEnd, start: start, end: end)
        default:
            finished = true
            return YAMLEvent(kind: .streamEnd, start: start, end: end)
        }
    }

    /// The input text between two marks; `value` itself when the text is
    /// the same (a plain scalar's source is its value), so it is not copied.
    func text(from start: Mark, to end: Mark, sameAs value: String = "") -> String {
        let a = byteOffset(ofIndex: start.index)
        let b = max(a, byteOffset(ofIndex: end.index))
        let bytes = UnsafeBufferPointer(rebasing: input[a..<b])
        if value.utf8.count == bytes.count, value.utf8.elementsEqual(bytes) { return value }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Positions

    private func mark(_ mark: yaml_mark_t) -> Mark {
        Mark(
            index: Int(clamping: mark.index),
            location: SourceLocation(line: Int(clamping: mark.line) + 1, column: Int(clamping: mark.column) + 1))
    }

    /// The byte offset of the character with the given scalar index.
    private func byteOffset(ofIndex index: Int) -> Int {
        if index < cursor.index { cursor = (0, 0) }
        let bytes = input.count
        while cursor.index < index, cursor.byte < bytes {
            cursor.byte += 1
            while cursor.byte < bytes, input[cursor.byte] & 0xC0 == 0x80 { cursor.byte += 1 }
            cursor.index += 1
        }
        return min(cursor.byte, bytes)
    }

    /// The location of a byte offset (libyaml's reader errors give only that),
    /// counting lines and columns as libyaml does.
    private func location(ofByte offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, input.count)
        while i < end {
            let byte = input[i]
            if byte == 0x0A || (byte == 0x0D && (i + 1 >= input.count || input[i + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte == 0xC2, i + 1 < end, input[i + 1] == 0x85 {
                line += 1  // NEL
                column = 1
                i += 1
            } else if byte == 0xE2, i + 2 < end, input[i + 1] == 0x80, input[i + 2] & 0xFE == 0xA8 {
                line += 1  // LS, PS
                column = 1
                i += 2
            } else if byte & 0xC0 != 0x80, byte != 0x0D {
                column += 1
            }
            i += 1
        }
        return SourceLocation(line: line, column: column)
    }

    /// The start of the UTF-8 sequence that the byte at `offset` belongs to
    /// (libyaml reports a bad trailing octet at the octet, not at its character).
    private func characterStart(_ offset: Int) -> Int {
        var start = min(offset, input.count)
        while start > 0, offset - start < 3, input[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > 0 else { return offset }
        let lead = input[start - 1]
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return offset - (start - 1) < width ? start - 1 : offset
    }

    // MARK: - Errors

    private func errorDiagnostic() -> Diagnostic {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown error"
        switch p.error {
        case YAML_MEMORY_ERROR:
            return .yamlSyntax("out of memory", at: SourceRange(file: file, line: 1, column: 1))
        case YAML_READER_ERROR:
            var message = problem
            if p.problem_value >= 0 {
                message += " (#x" + String(p.problem_value, radix: 16, uppercase: true) + ")"
            }
            let location = location(ofByte: characterStart(Int(clamping: p.problem_offset)))
            let help = problem.contains("UTF-8") ? ["save the file as UTF-8"] : []
            return .yamlSyntax(message, at: SourceRange(file: file, start: location, end: location), help: help)
        default:
            let problemMark = mark(p.problem_mark)
            let range = SourceRange(file: file, start: problemMark.location, end: problemMark.location)
            var message = problem
            var notes: [Note] = []
            if let context = p.context.map({ String(cString: $0) }) {
                message = "\(context): \(problem)"
                let contextMark = mark(p.context_mark)
                if contextMark.location != problemMark.location {
                    notes.append(Note(
                        Self.startedHere(context),
                        at: SourceRange(file: file, start: contextMark.location, end: contextMark.location)))
                }
            }
            var help: [String] = []
            var fixIts: [FixIt] = []
            let byte = byteOffset(ofIndex: problemMark.index)
            let character = byte < input.count ? input[byte] : 0
            if character == UInt8(ascii: "\t") {
                help.append("indent with spaces; YAML does not allow tabs in indentation")
            } else if character == UInt8(ascii: "@") || character == UInt8(ascii: "`") {
                help.append("put the value in quotes; a plain value cannot start with '@' or '`'")
            } else if problem == "mapping values are not allowed in this context" {
                if let indent = overIndentedKey(atByte: byte, line: problemMark.location.line) {
                    fixIts.append(FixIt(
                        "indent '\(indent.key)' as '\(indent.previousKey)' is",
                        replacing: indent.extraSpaces, with: ""))
                    help.append("'\(indent.key)' is indented more than '\(indent.previousKey)' above it, "
                                + "so YAML reads it as more of the value of '\(indent.previousKey)'")
                } else {
                    help.append("put the value in quotes if it contains ': '")
                }
            }
            // `{ bucket: artifacts-${aws.region} }`: the braces of ${...} end a flow collection.
            if let context = p.context.map({ String(cString: $0) }), context.contains("flow"),
               Self.contains("${", in: input, from: byteOffset(ofIndex: mark(p.context_mark).index), to: byte + 1) {
                help.append("inside { } or [ ], quote a value that holds ${...}, like \"artifacts-${aws.region}\"")
            }
            return .yamlSyntax(message, at: range, notes: notes, fixIts: fixIts, help: help)
        }
    }

    /// The key on the line holding `byte` when it is indented more than the
    /// key of the line above, which has a plain value (`kind: bucket`, then
    /// `  versioning: true`): YAML reads the line as a continuation of that
    /// value, and the ':' in it is the error. Its extra spaces, and both keys.
    private func overIndentedKey(atByte byte: Int, line: Int) -> (key: String, previousKey: String, extraSpaces: SourceRange)? {
        let bytes = input.prefix { $0 != 0 }
        func lineStart(before offset: Int) -> Int {
            var start = min(offset, bytes.count)
            while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            return start
        }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        /// The column (0-based) where the line's key starts, past any `- `, and the key.
        func key(ofLineAt start: Int) -> (column: Int, key: String, rest: String)? {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
            var column = start
            while column < end, bytes[column] == UInt8(ascii: " ") || bytes[column] == UInt8(ascii: "-") {
                if bytes[column] == UInt8(ascii: "-"), column + 1 < end, bytes[column + 1] != UInt8(ascii: " ") { break }
                column += 1
            }
            let content = text(column..<end)
            guard let colon = content.firstRange(of: ": ") ?? (content.hasSuffix(":") ? content.index(before: content.endIndex)..<content.endIndex : nil)
            else { return nil }
            let key = String(content[..<colon.lowerBound])
            guard !key.isEmpty, !key.contains(" "), !key.hasPrefix("#") else { return nil }
            return (column - start, key, String(content[colon.upperBound...]).trimmingSpaces)
        }
        let start = lineStart(before: byte)
        guard let current = key(ofLineAt: start) else { return nil }
        // The line above that is not blank or a comment.
        var previousStart = start
        var previous: (column: Int, key: String, rest: String)?
        while previousStart > 0, previous == nil {
            let end = previousStart - 1
            previousStart = lineStart(before: end)
            let content = text(previousStart..<end).trimmingSpaces
            if content.isEmpty || content == "\r" || content.hasPrefix("#") { continue }
            guard let found = key(ofLineAt: previousStart) else { return nil }
            previous = found
        }
        guard let previous, current.column > previous.column, !previous.rest.isEmpty, !previous.rest.hasPrefix("#"),
              !previous.rest.hasPrefix("|"), !previous.rest.hasPrefix(">") else { return nil }
        let extra = SourceRange(file: file, start: SourceLocation(line: line, column: previous.column + 1),
                                end: SourceLocation(line: line, column: current.column + 1))
        return (current.key, previous.key, extra)
    }

    /// Whether `needle` occurs in `bytes[from..<to]`.
    private static func contains(_ needle: String, in bytes: some RandomAccessCollection<UInt8>, from: Int, to: Int) -> Bool {
        let pattern = Array(needle.utf8)
        let bytes = Array(bytes)
        let end = min(to, bytes.count)
        guard from >= 0, end - from >= pattern.count else { return false }
        for start in from...(end - pattern.count) where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
            return true
        }
        return false
    }

    /// "while parsing a flow sequence" → "the flow sequence starts here".
    private static func startedHere(_ context: String) -> String {
        for prefix in ["while parsing ", "while scanning "] where context.hasPrefix(prefix) {
            var what = context.dropFirst(prefix.count)
            for article in ["a ", "an "] where what.hasPrefix(article) {
                what = "the " + what.dropFirst(article.count)
            }
            return "\(what) starts here"
        }
        return context
    }

    // MARK: - Conversions

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}

extension DiagnosticCode {
    package static let yamlSyntax = DiagnosticCode("FW1001", .yaml, "YAML syntax error")
}

extension Diagnostic {
    /// libyaml's own words: its context and problem.
    static func yamlSyntax(
        _ message: String, at range: SourceRange, notes: [Note] = [], fixIts: [FixIt] = [], help: [String] = []
    ) -> Diagnostic {
        .error(.yamlSyntax, message, at: range, notes: notes, fixIts: fixIts, help: help)
    }
}

extension String {
    /// The string without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
