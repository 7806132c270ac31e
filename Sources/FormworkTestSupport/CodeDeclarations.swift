import Foundation

/// Where each diagnostic code is declared in Sources/: every
/// a `DiagnosticCode(` call whose first argument is a code literal (on the same line or the next),
/// by code, with the files (relative to the package root) that declare it.
package enum CodeDeclarations {
    package static func scan() throws -> [String: [String]] {
        let root = PackagePaths.path("Sources")
        guard let files = FileManager.default.enumerator(atPath: root) else { return [:] }
        var found: [String: [String]] = [:]
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            var rest = Substring(text)
            while let range = rest.firstRange(of: "DiagnosticCode(") {
                rest = rest[range.upperBound...]
                let argument = rest.drop(while: \.isWhitespace)
                guard argument.hasPrefix("\"FW") else { continue }
                let digits = argument.dropFirst(3).prefix(4)
                if digits.count == 4, digits.allSatisfy(\.isNumber) { found["FW" + digits, default: []].append("Sources/" + file) }
            }
        }
        return found
    }

    /// The `///` comment right above the declaration of `type` in `file`
    /// (relative to the package root), as text; nil when there is none.
    package static func docComment(of type: String, in file: String) -> String? {
        guard let text = try? String(contentsOfFile: PackagePaths.path(file), encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let declaration = lines.firstIndex(where: { $0.contains("enum \(type):") || $0.contains("struct \(type):") })
        else { return nil }
        var comment: [Substring] = []
        var index = declaration - 1
        while index >= 0, lines[index].hasPrefix("///") {
            comment.insert(lines[index].dropFirst(3).drop(while: { $0 == " " }), at: 0)
            index -= 1
        }
        return comment.isEmpty ? nil : comment.joined(separator: "\n")
    }
}
