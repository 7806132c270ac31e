import FormworkCFN
import FormworkDiagnostics
import FormworkKit
import FormworkSpec

/// What each fuzz target does with one input (Tests/Fuzz, `make fuzz`,
/// docs/reliability.md). It returns the invariants the input broke: the
/// libFuzzer entry points trap on any, and `FuzzRegressionTests` replays
/// every committed finding through the same function. A trap, an address
/// error or a slow input is a finding too.
package enum FuzzTargets {
    /// The whole pipeline, as `formwork compile --source-map` runs it on a spec
    /// file: parse, decode, every spec rule, lowering, the JSON writer with
    /// its source map, every template rule; then the template written again
    /// with `--minify`, and the diagnostics rendered as the command line
    /// shows them.
    package static func pipeline(_ bytes: [UInt8]) -> [String] {
        var broken: [String] = []
        let compiled = Compiler.compile(bytes: bytes, path: "fuzz.yaml", options: CompileOptions(sourceMap: true))
        if compiled.text == nil, !compiled.hasErrors { broken.append("no template and no error") }
        for diagnostic in compiled.diagnostics where diagnostic.range.start.line < 1 {
            broken.append("unlocated: \(diagnostic.message)")
        }
        if let template = compiled.template, let map = compiled.sourceMap {
            _ = compiled.sourceMapJSON
            let minified = JSONWriter.emit(template, sourceMap: true, minify: true)
            if minified.sourceMap.map({ $0.entries.map(\.pointer) }) != map.entries.map(\.pointer) {
                broken.append("--minify changed the source map's pointers")
            }
        }
        var sources = SourceFiles()
        sources.add(path: compiled.path, text: compiled.sourceText)
        _ = TextRenderer().render(Array(compiled.diagnostics.prefix(100)), sources: sources)
        return broken
    }

    /// The expression parsers alone: the input, the text of one scalar, parsed
    /// as a `${...}` string and as a `when:` condition. The parsers must locate
    /// only offsets inside the text, a condition that does not parse must say
    /// why, and a condition's canonical text must parse back to itself.
    package static func expressions(_ bytes: [UInt8]) -> [String] {
        var broken: [String] = []
        let text = String(decoding: bytes, as: UTF8.self)
        let locate = locator(text) { broken.append($0) }
        var interpolationDiagnostics = DiagnosticBag()
        let string = InterpolatedString.parse(text, locator: locate, diagnostics: &interpolationDiagnostics)
        _ = (string.references, string.isWhole)
        _ = Condition.unparsed(text, locator: locate)
        var diagnostics = DiagnosticBag()
        guard let condition = Condition.parse(text, locator: locate, diagnostics: &diagnostics) else {
            if !diagnostics.hasErrors { broken.append("a condition failed to parse without an error") }
            return broken
        }
        let canonical = condition.canonical
        guard canonical.unicodeScalars.count <= 4096 else { return broken }  // the parser's limit
        var again = DiagnosticBag()
        let reparsed = Condition.parse(canonical, locator: locator(canonical) { broken.append($0) }, diagnostics: &again)
        if reparsed?.canonical != canonical { broken.append("'\(canonical)' does not parse back to itself") }
        return broken
    }

    /// Offsets on line 1, one column a scalar; one outside the text is reported.
    private static func locator(_ text: String, report: @escaping (String) -> Void) -> SourceLocator {
        let count = text.unicodeScalars.count
        return { offsets in
            if offsets.lowerBound < 0 || offsets.upperBound > count { report("offsets \(offsets) outside 0...\(count)") }
            return SourceRange(file: "fuzz", start: SourceLocation(line: 1, column: offsets.lowerBound + 1),
                               end: SourceLocation(line: 1, column: offsets.upperBound + 1))
        }
    }
}
