import FormworkCFN
import FormworkDiagnostics
import FormworkKit
import FormworkLowering
import FormworkRules
import FormworkSpec
import FormworkYAML
import Foundation

/// The compiler's phases on a spec written in a test, for unit tests of one phase.
package enum Pipeline {
    /// Parses and decodes; nil when the YAML layer failed.
    package static func decode(_ yaml: String, file: String = "t.yaml") -> (spec: Spec?, diagnostics: [Diagnostic]) {
        let (root, yamlDiagnostics) = YAMLParser.parse(Array(yaml.utf8), file: file)
        guard let root else { return (nil, yamlDiagnostics) }
        let (spec, diagnostics) = SpecDecoder.decode(root, file: file)
        return (spec, yamlDiagnostics + diagnostics)
    }

    /// Parses, decodes, injects defaults, runs the rules and lowers, as the
    /// compiler does; the template is nil when anything reported an error.
    package static func compile(_ yaml: String, options: CompileOptions = .init()) -> (template: Template?, diagnostics: [Diagnostic]) {
        let (decoded, diagnostics) = decode(yaml)
        guard var spec = decoded else { return (nil, diagnostics) }
        let (template, _, checked) = Compiler.check(&spec, options: options, after: diagnostics)
        return (template, checked.sortedForDisplay())
    }
}

// MARK: - Lenient compile (the schema agreement test)

/// A spec's template written even when template rules would reject it, with
/// what is needed to take a finding about the template back to a spec line.
package struct LenientCompilation: Sendable {
    /// The template as `formwork compile` writes it.
    package let text: String
    /// Every JSON pointer of `text` that has an origin, with that origin.
    package let origins: [String: SourceRange]
    let spec: Spec

    /// The origin of the value at `path` (JSON pointer segments), or of its
    /// deepest written ancestor with one: its pointer and range.
    package func origin(of path: [String]) -> (pointer: String, range: SourceRange)? {
        for length in stride(from: path.count, through: 0, by: -1) {
            let pointer = Self.pointer(path.prefix(length))
            if let range = origins[pointer] { return (pointer, range) }
        }
        return nil
    }

    /// The line of the key that holds the value at `path` in a raw
    /// resource's `properties:`, for the deepest prefix of `path` the spec
    /// writes and that is an object member; nil when none is (a list item,
    /// or a path that stops at the resource).
    package func keyLine(of path: [String]) -> Int? {
        guard path.count > 3, path[0] == "Resources", path[2] == "Properties",
              case .raw(let raw)? = resource(path[1])?.body, var value = raw.properties else { return nil }
        var line: Int?
        for segment in path.dropFirst(3) {
            switch value {
            case .object(let members, _):
                guard let member = members.first(where: { $0.key.value == segment }) else { return line }
                line = member.key.range.start.line
                value = member.value
            case .array(let items, _):
                guard let index = Int(segment), items.indices.contains(index) else { return line }
                value = items[index]
            default:
                return line
            }
        }
        return line
    }

    /// For a finding about the resource as a whole (its type, or its
    /// properties object lacking a required one): every line from its name
    /// through the first line of its `properties:` (so its `type:` and
    /// `properties:` keys), or through its `type:` when it has no properties.
    package func resourceLines(_ logicalId: String) -> ClosedRange<Int>? {
        guard let decl = resource(logicalId) else { return nil }
        var last = decl.range.start.line
        if case .raw(let raw) = decl.body {
            last = max(last, raw.type.range.start.line, raw.properties?.range.start.line ?? 0)
        }
        return decl.name.range.start.line...max(last, decl.name.range.start.line)
    }

    private func resource(_ logicalId: String) -> ResourceDecl? {
        spec.resources.first { $0.name.logicalId == logicalId }
    }

    /// RFC 6901, as the source map spells pointers.
    static func pointer(_ segments: ArraySlice<String>) -> String {
        segments.map { "/" + $0.split(separator: "~", omittingEmptySubsequences: false).joined(separator: "~0")
            .split(separator: "/", omittingEmptySubsequences: false).joined(separator: "~1") }.joined()
    }
}

extension Pipeline {
    /// Parses, decodes, injects defaults, runs the spec rules, lowers and
    /// writes the template with its source map, as `Compiler.check` does, but
    /// runs no template rule: the template is written whatever they would
    /// say of it, so another tool (cfn-lint) can judge the same text. Nil,
    /// with the diagnostics, when the file cannot be read or an earlier phase
    /// reported an error (then there is no template to judge).
    package static func lenientCompile(file path: String) -> (compilation: LenientCompilation?, diagnostics: [Diagnostic]) {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            return (nil, [.error(.cannotRead, "cannot read \(path)", at: .wholeFile(path))])
        }
        let (root, yamlDiagnostics) = YAMLParser.parse(Array(bytes), file: path)
        guard let root, !yamlDiagnostics.hasErrors else { return (nil, yamlDiagnostics) }
        let (decoded, decodeDiagnostics) = SpecDecoder.decode(root, file: path)
        var diagnostics = yamlDiagnostics + decodeDiagnostics
        guard var spec = decoded, !diagnostics.hasErrors else { return (nil, diagnostics) }
        spec.injectDefaults()
        let context = SpecContext(spec: spec, symbols: SymbolTable(spec))
        diagnostics += RuleRegistry.check(context)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let template = Lowering.run(spec, symbols: context.symbols, options: LoweringOptions())
        let emitted = JSONWriter.emit(template, sourceMap: true, minify: false)
        let origins = Dictionary(emitted.sourceMap?.entries.map { ($0.pointer, $0.range) } ?? [],
                                 uniquingKeysWith: { first, _ in first })
        return (LenientCompilation(text: emitted.text, origins: origins, spec: spec), diagnostics)
    }
}
