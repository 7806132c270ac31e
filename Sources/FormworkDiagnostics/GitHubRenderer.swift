/// `--format github`: one GitHub Actions workflow command per diagnostic,
/// `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=FW1234::message`
/// (`::warning`, `::notice` for notes), which the Actions runner turns into
/// annotations on the pull request. Columns count Unicode scalars, `endColumn`
/// is exclusive, as in every format; a range over several lines gives its
/// lines only (GitHub refuses columns then). Notes and help follow the
/// message on their own lines. A diagnostic about a whole file names only
/// the file.
///
/// Escaping is GitHub's (actions/toolkit's `escapeData` and
/// `escapeProperty`): in the message `%`, CR and LF become `%25`, `%0D`,
/// `%0A`; in a property value `:` and `,` also become `%3A` and `%2C`.
public struct GitHubRenderer: Sendable {
    public init() {}

    public func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics { out += command(for: diagnostic) + "\n" }
        return out
    }

    public func command(for diagnostic: Diagnostic) -> String {
        let kind = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        let range = diagnostic.range
        var properties = [("file", range.file)]
        if range.isWholeFile {
            // The file alone.
        } else if range.start.line == range.end.line {
            properties += [
                ("line", String(range.start.line)), ("col", String(range.start.column)),
                ("endLine", String(range.end.line)), ("endColumn", String(range.end.column)),
            ]
        } else {
            // GitHub takes columns only when the annotation starts and ends on one line.
            properties += [("line", String(range.start.line)), ("endLine", String(range.end.line))]
        }
        properties.append(("title", diagnostic.code.rawValue))
        var message = diagnostic.message
        for note in diagnostic.notes {
            message += "\nnote: " + (note.range.map { "\($0): " } ?? "") + note.message
        }
        for help in diagnostic.fixIts.map(\.message) + diagnostic.help { message += "\nhelp: " + help }
        let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(kind) \(list)::\(Self.escapeData(message))"
    }

    /// A message: `%`, CR and LF escaped.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value: as a message, and `:` and `,` too.
    public static func escapeProperty(_ text: String) -> String {
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
