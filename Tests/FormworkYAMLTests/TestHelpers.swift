import FormworkDiagnostics
import FormworkTestSupport
@testable import FormworkYAML

/// Parses `text` as `t.yaml`.
func parse(_ text: String, limits: YAMLLimits = .default) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
    YAMLParser.parse(text, file: "t.yaml", limits: limits)
}

/// The one diagnostic `text` produces (nil when there is not exactly one).
func onlyDiagnostic(_ text: String, limits: YAMLLimits = .default) -> Diagnostic? {
    parse(text, limits: limits).diagnostics.only
}

func onlyDiagnostic(bytes: [UInt8]) -> Diagnostic? {
    YAMLParser.parse(bytes, file: "t.yaml").diagnostics.only
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
