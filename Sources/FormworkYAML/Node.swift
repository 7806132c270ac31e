import FormworkDiagnostics

/// A node of a parsed YAML document. Every node knows its source range;
/// aliases are resolved into copies of the anchored node (keeping the
/// anchored node's ranges).
///
/// A node is immutable and its fields live in one shared box, so copying a
/// node (into a parent, a pair, the decoder's look-up tables) is one
/// reference count, not a copy of its text, range and tag.
package struct YAMLNode: Sendable {
    package enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    private final class Storage: Sendable {
        let content: Content
        let range: SourceRange
        let tag: String?
        let hasTags: Bool

        init(content: Content, range: SourceRange, tag: String?, hasTags: Bool) {
            self.content = content
            self.range = range
            self.tag = tag
            self.hasTags = hasTags
        }
    }

    private let storage: Storage

    package var content: Content { storage.content }
    package var range: SourceRange { storage.range }
    /// The tag as written, resolved by libyaml (`tag:yaml.org,2002:str` for `!!str`,
    /// `!Ref` for a local tag); nil when the node has no explicit tag.
    package var tag: String? { storage.tag }

    /// Whether this node or one below it has a tag: a walk for tags skips a subtree without.
    package var hasTags: Bool { storage.hasTags }

    /// The same for a node and every copy of it (an alias's copy of its anchored node).
    package var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    /// `tagsBelow`: whether a node below this one has a tag, when the caller
    /// knows (the parser counts as it builds); otherwise the children say.
    package init(content: Content, range: SourceRange, tag: String? = nil, tagsBelow: Bool? = nil) {
        let below = tagsBelow ?? {
            switch content {
            case .scalar: false
            case .sequence(let items): items.contains { $0.hasTags }
            case .mapping(let pairs): pairs.contains { $0.key.hasTags || $0.value.hasTags }
            }
        }()
        storage = Storage(content: content, range: range, tag: tag, hasTags: tag != nil || below)
    }

    package var scalar: YAMLScalar? {
        if case .scalar(let s) = storage.content { return s }
        return nil
    }

    package var sequence: [YAMLNode]? {
        if case .sequence(let items) = storage.content { return items }
        return nil
    }

    package var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = storage.content { return pairs }
        return nil
    }
}

package struct YAMLPair: Sendable {
    package var key: YAMLNode
    package var value: YAMLNode

    package init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

package enum ScalarStyle: Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar's value, its style, and what is needed to map a position in the
/// value back to the source (for errors inside interpolated strings).
package struct YAMLScalar: Sendable {
    package var value: String
    package var style: ScalarStyle
    /// The scalar's source text exactly as written, from its first character
    /// (quote or block indicator included) to its end.
    package var source: String
    /// Where `source` starts.
    package var sourceStart: SourceLocation
    package var sourceFile: SourceFile
    package var file: String { sourceFile.path }

    package init(value: String, style: ScalarStyle, source: String, sourceStart: SourceLocation, sourceFile: SourceFile) {
        self.value = value
        self.style = style
        self.source = source
        self.sourceStart = sourceStart
        self.sourceFile = sourceFile
    }

    package init(value: String, style: ScalarStyle, source: String, sourceStart: SourceLocation, file: String) {
        self.init(value: value, style: style, source: source, sourceStart: sourceStart, sourceFile: SourceFile(file))
    }
}

/// The value of a scalar under YAML 1.1 resolution, as libyaml-based loaders
/// resolve plain scalars. Quoted and block scalars are always strings.
package enum ResolvedScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// An integer that does not fit in 64 bits, as written.
    case bigInt(String)
    case float(Double)
    case string(String)
}
