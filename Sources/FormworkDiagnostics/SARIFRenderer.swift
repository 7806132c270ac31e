/// What the SARIF log says of one diagnostic code (its `reportingDescriptor`).
public struct SARIFRuleDescription: Sendable {
    /// The rule's name (the Formwork rule or phase reporting the code).
    public var name: String
    public var shortDescription: String
    public var fullDescription: String
    /// Where the code is documented: its section of docs/diagnostics.md.
    public var helpURI: String

    public init(name: String, shortDescription: String, fullDescription: String, helpURI: String) {
        self.name = name
        self.shortDescription = shortDescription
        self.fullDescription = fullDescription
        self.helpURI = helpURI
    }
}

/// `--format sarif`: a SARIF 2.1.0 log of one run, shaped as GitHub code
/// scanning ingests it.
///
/// - One rule (`reportingDescriptor`) per code reported, sorted by code,
///   with short and full descriptions and a `helpUri`.
/// - Regions are 1-based with `columnKind` `unicodeCodePoints` (columns
///   count Unicode scalars, as every format does); `endColumn` is exclusive,
///   as SARIF defines it. A diagnostic about a whole file has no region.
/// - Relative paths are written as relative `uri`s with the `uriBaseId`
///   `%SRCROOT%` (the directory formwork ran in); absolute ones as `file://`
///   URIs.
/// - Notes are `relatedLocations`, fix-its `fixes` with their replacements,
///   help lines the result's `properties.help`.
/// - `partialFingerprints.formworkFingerprint/v1` hashes the file, the
///   code, the message and the text of the reported line (not its number),
///   with a count of earlier results of the same hash: stable across runs
///   and when lines above move.
public struct SARIFRenderer: Sendable {
    public static let uriBaseID = "%SRCROOT%"
    public static let fingerprintKey = "formworkFingerprint/v1"

    public let toolVersion: String
    public let informationURI: String?
    public let describe: @Sendable (DiagnosticCode) -> SARIFRuleDescription

    public init(toolVersion: String, informationURI: String? = nil,
                describe: @escaping @Sendable (DiagnosticCode) -> SARIFRuleDescription) {
        self.toolVersion = toolVersion
        self.informationURI = informationURI
        self.describe = describe
    }

    public func render(_ report: DiagnosticReport) -> String {
        var sources = report.sources
        sources.index(report.diagnostics.lazy.flatMap { [$0.range.file] + $0.notes.compactMap(\.range?.file) })
        let codes = Array(Set(report.diagnostics.map(\.code))).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        var seen: [String: Int] = [:]
        let results: [JSONValue] = report.diagnostics.map { diagnostic in
            result(for: diagnostic, ruleIndex: ruleIndex[diagnostic.code]!, sources: sources, seen: &seen)
        }
        var driver: [(String, JSONValue)] = [
            ("name", .string("formwork")),
            ("version", .string(toolVersion)),
            ("semanticVersion", .string(toolVersion)),
        ]
        if let informationURI { driver.append(("informationUri", .string(informationURI))) }
        driver.append(("rules", .array(codes.map(rule))))
        let run = JSONValue.object([
            ("tool", .object([("driver", .object(driver))])),
            ("originalUriBaseIds", .object([
                (Self.uriBaseID, .object([("description", .object([("text", .string("The directory formwork ran in."))]))])),
            ])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        return JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ]).written()
    }

    func rule(_ code: DiagnosticCode) -> JSONValue {
        let description = describe(code)
        return .object([
            ("id", .string(code.rawValue)),
            ("name", .string(description.name)),
            ("shortDescription", .object([("text", .string(description.shortDescription))])),
            ("fullDescription", .object([("text", .string(description.fullDescription))])),
            ("helpUri", .string(description.helpURI)),
            ("help", .object([("text", .string("\(description.fullDescription)\n\nSee \(description.helpURI)."))])),
            ("properties", .object([("tags", .array([.string(code.phase.rawValue)]))])),
        ])
    }

    func result(for diagnostic: Diagnostic, ruleIndex: Int, sources: SourceFiles, seen: inout [String: Int]) -> JSONValue {
        let level = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(diagnostic.code.rawValue)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(level)),
            ("message", .object([("text", .string(diagnostic.message))])),
            ("locations", .array([.object([("physicalLocation", Self.physicalLocation(diagnostic.range))])])),
        ]
        if !diagnostic.notes.isEmpty {
            members.append(("relatedLocations", .array(diagnostic.notes.enumerated().map { index, note in
                var fields: [(String, JSONValue)] = [("id", .int(index + 1))]
                if let range = note.range { fields.append(("physicalLocation", Self.physicalLocation(range))) }
                fields.append(("message", .object([("text", .string(note.message))])))
                return .object(fields)
            })))
        }
        if !diagnostic.fixIts.isEmpty {
            members.append(("fixes", .array(diagnostic.fixIts.map(Self.fix))))
        }
        let line = diagnostic.range.isWholeFile
            ? "" : String(sources.line(diagnostic.range.start.line, in: diagnostic.range.file) ?? "")
        let hash = stableHash([diagnostic.range.file, diagnostic.code.rawValue, diagnostic.message,
                               line.trimmingSpaces()].joined(separator: "\u{0}"))
        let occurrence = seen[hash, default: 0] + 1
        seen[hash] = occurrence
        members.append(("partialFingerprints", .object([(Self.fingerprintKey, .string("\(hash):\(occurrence)"))])))
        if !diagnostic.help.isEmpty {
            members.append(("properties", .object([("help", .array(diagnostic.help.map { .string($0) }))])))
        }
        return .object(members)
    }

    static func fix(_ fix: FixIt) -> JSONValue {
        // One artifactChange per file, in the order the files first appear.
        var files: [String] = []
        var edits: [String: [TextEdit]] = [:]
        for edit in fix.edits {
            if edits[edit.range.file] == nil { files.append(edit.range.file) }
            edits[edit.range.file, default: []].append(edit)
        }
        return .object([
            ("description", .object([("text", .string(fix.message))])),
            ("artifactChanges", .array(files.map { file in
                .object([
                    ("artifactLocation", artifactLocation(file)),
                    ("replacements", .array(edits[file]!.map { edit in
                        .object([
                            ("deletedRegion", region(edit.range)),
                            ("insertedContent", .object([("text", .string(edit.text))])),
                        ])
                    })),
                ])
            })),
        ])
    }

    static func physicalLocation(_ range: SourceRange) -> JSONValue {
        var members: [(String, JSONValue)] = [("artifactLocation", artifactLocation(range.file))]
        if !range.isWholeFile { members.append(("region", region(range))) }
        return .object(members)
    }

    static func region(_ range: SourceRange) -> JSONValue {
        .object([
            ("startLine", .int(range.start.line)), ("startColumn", .int(range.start.column)),
            ("endLine", .int(range.end.line)), ("endColumn", .int(range.end.column)),
        ])
    }

    /// A relative path as a relative reference under `%SRCROOT%`; an
    /// absolute one as a `file://` URI. Characters a URI path cannot hold
    /// are percent-encoded.
    public static func artifactLocation(_ path: String) -> JSONValue {
        if path.hasPrefix("/") { return .object([("uri", .string("file://" + percentEncoded(path)))]) }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return .object([("uri", .string(percentEncoded(String(relative)))), ("uriBaseId", .string(uriBaseID))])
    }

    static func percentEncoded(_ path: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=@".utf8)
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for byte in path.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%"
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}
