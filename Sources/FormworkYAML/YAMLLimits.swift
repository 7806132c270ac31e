/// Resource limits for reading one spec. Every limit turns hostile input into
/// a located error instead of unbounded time or memory.
package struct YAMLLimits: Sendable {
    /// The largest input accepted, in bytes.
    package var maxBytes: Int
    /// The deepest nesting of sequences and mappings, counting those that
    /// aliases copy in.
    package var maxDepth: Int
    /// The most nodes in the tree, counting each alias as the nodes it copies.
    package var maxNodes: Int
    /// The most scalar text in the tree, in UTF-8 bytes, counting each alias
    /// as the text it copies.
    package var maxScalarBytes: Int
    /// Reading stops after this many errors (a file of a million duplicate
    /// keys should not become a million diagnostics).
    package var maxErrors: Int

    package init(
        maxBytes: Int = 8 << 20, maxDepth: Int = 256, maxNodes: Int = 1_000_000, maxScalarBytes: Int = 64 << 20,
        maxErrors: Int = 100
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxScalarBytes = maxScalarBytes
        self.maxErrors = maxErrors
    }

    package static let `default` = YAMLLimits()
}
