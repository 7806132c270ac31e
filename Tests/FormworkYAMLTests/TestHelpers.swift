import FormworkDiagnostics
@testable import FormworkYAML

/// Parses `text` as `t.yaml`.
func parse(_ text: String, limits: YAMLLimits = .default) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
    YAMLParser.parse(text, file: "t.yaml", limits: limits)
}

/// The one diagnostic `text` produces (nil when there is not exactly one).
func onlyDiagnostic(_ text: String, limits: YAMLLimits = .default) -> Diagnostic? {
    let diagnostics = parse(text, limits: limits).diagnostics
    return diagnostics.count == 1 ? diagnostics[0] : nil
}

func onlyDiagnostic(bytes: [UInt8]) -> Diagnostic? {
    let diagnostics = YAMLParser.parse(bytes, file: "t.yaml").diagnostics
    return diagnostics.count == 1 ? diagnostics[0] : nil
}

/// `line:column` of a range's start, `line:column-line:column` with its end.
func at(_ range: SourceRange?) -> String {
    guard let range else { return "none" }
    return "\(range.start)"
}

func span(_ range: SourceRange?) -> String {
    guard let range else { return "none" }
    return "\(range.start)-\(range.end)"
}

extension YAMLNode {
    /// The value under `key` in a mapping.
    subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.value == key }?.value
    }

    subscript(index: Int) -> YAMLNode? {
        guard let items = sequence, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// Every scalar node in the tree (keys included).
    var allScalars: [YAMLNode] {
        switch content {
        case .scalar: [self]
        case .sequence(let items): items.flatMap(\.allScalars)
        case .mapping(let pairs): pairs.flatMap { $0.key.allScalars + $0.value.allScalars }
        }
    }
}
