/// `--format json`: one document for the whole run, as `CLI.md` defines it
/// (`version` 1, `diagnostics`, `summary`). Lines and columns are 1-based,
/// `column` counts Unicode scalars (the unit of every format), `end` is
/// exclusive, and each position also carries `utf16Column`, what editors
/// count. A diagnostic about a whole file is at 1:1 with `"wholeFile": true`.
public struct JSONRenderer: Sendable {
    public init() {}

    public func render(_ report: DiagnosticReport) -> String {
        var sources = report.sources
        sources.index(report.diagnostics.lazy.flatMap { [$0.range.file] + $0.notes.compactMap(\.range?.file) })
        let diagnostics = report.diagnostics.map { diagnostic(for: $0, sources: sources) }
        let document = JSONValue.object([
            ("version", .int(1)),
            ("diagnostics", .array(diagnostics)),
            ("summary", .object([
                ("specs", .int(report.specs)), ("errors", .int(report.errors)), ("warnings", .int(report.warnings)),
            ])),
        ])
        return document.written()
    }

    func diagnostic(for diagnostic: Diagnostic, sources: SourceFiles) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("file", .string(diagnostic.range.file)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code.rawValue)),
            ("message", .string(diagnostic.message)),
            ("range", Self.range(diagnostic.range, sources: sources)),
        ]
        if diagnostic.range.isWholeFile { members.append(("wholeFile", .bool(true))) }
        members.append(("notes", .array(diagnostic.notes.map { note in
            var fields: [(String, JSONValue)] = [("message", .string(note.message))]
            if let range = note.range {
                if range.file != diagnostic.range.file { fields.append(("file", .string(range.file))) }
                fields.append(("range", Self.range(range, sources: sources)))
            }
            return .object(fields)
        })))
        members.append(("fixes", .array(diagnostic.fixIts.map { fix in
            .object([
                ("message", .string(fix.message)),
                ("edits", .array(fix.edits.map { edit in
                    .object([("range", Self.range(edit.range, sources: sources)), ("text", .string(edit.text))])
                })),
            ])
        })))
        members.append(("help", .array(diagnostic.help.map { .string($0) })))
        members.append(("url", .string(diagnostic.code.url)))
        return .object(members)
    }

    static func range(_ range: SourceRange, sources: SourceFiles) -> JSONValue {
        func position(_ location: SourceLocation) -> JSONValue {
            .object([
                ("line", .int(location.line)), ("column", .int(location.column)),
                ("utf16Column", .int(sources.utf16Column(of: location, in: range.file))),
            ])
        }
        return .object([("start", position(range.start)), ("end", position(range.end))])
    }
}
