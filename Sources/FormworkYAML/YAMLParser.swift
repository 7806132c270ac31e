import FormworkDiagnostics

/// Reads a spec's YAML into a located node tree, from libyaml's event stream.
///
/// The tree is built with an explicit stack (never recursion per nesting
/// level), aliases are copied in under a node and text budget, and nesting is
/// limited while events are pulled, so hostile input ends in a located error
/// quickly. `root` is nil exactly when `diagnostics` holds an error.
package enum YAMLParser {
    package static func parse(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .default
    ) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
        var builder = TreeBuilder(file: file, limits: limits)
        let root = builder.run(bytes)
        let diagnostics = builder.diagnostics
        return (diagnostics.hasErrors ? nil : root, diagnostics)
    }

    package static func parse(
        _ text: String, file: String, limits: YAMLLimits = .default
    ) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
        parse(Array(text.utf8), file: file, limits: limits)
    }
}

private struct TreeBuilder {
    /// A sequence or mapping whose end event has not come yet.
    struct Frame {
        var isMapping: Bool
        var flow: Bool
        var start: Mark
        var anchor: String?
        var tag: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        /// Where each key of a mapping was first written.
        var keys: [String: SourceRange] = [:]
        var lastEnd: SourceLocation
        /// Nodes, scalar bytes and height of the subtree so far (aliases expanded).
        var size: Size
    }

    struct Size {
        var nodes = 1
        var bytes = 0
        var height = 1
        /// Whether a node of the subtree has a tag.
        var tagged = false
    }

    struct Anchor {
        /// nil while the anchored collection is still open.
        var node: YAMLNode?
        var size: Size
        var range: SourceRange
    }

    let file: String
    /// `file`, as every range of the tree holds it.
    let sourceFile: SourceFile
    let limits: YAMLLimits
    var diagnostics: [Diagnostic] = []
    var stack: [Frame] = []
    var anchors: [String: Anchor] = [:]
    var total = Size(nodes: 0, bytes: 0, height: 0)
    var root: YAMLNode?

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.sourceFile = SourceFile(file)
        self.limits = limits
    }

    mutating func run(_ bytes: [UInt8]) -> YAMLNode? {
        guard bytes.count <= limits.maxBytes else {
            diagnostics.append(.yamlTooLarge(limit: limits.maxBytes, file: file))
            return nil
        }
        var input = bytes
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { input.removeFirst(3) }
        let events = LibYAMLEvents(bytes: input, file: file)
        var documents = 0
        var complete = false
        loop: while diagnostics.count < limits.maxErrors, let event = events.next() {
            switch event.kind {
            case .streamStart:
                continue
            case .documentEnd:
                complete = true
            case .streamEnd:
                break loop
            case .documentStart:
                documents += 1
                if documents > 1 {
                    diagnostics.append(.yamlSecondDocument(at: range(event.start, event.start)))
                    break loop
                }
            case .alias(let name):
                guard alias(name, event) else { break loop }
            case .scalar(let value, let style):
                guard scalar(value, style, event, events) else { break loop }
            case .sequenceStart(let flow):
                guard open(isMapping: false, flow: flow, event) else { break loop }
            case .mappingStart(let flow):
                guard open(isMapping: true, flow: flow, event) else { break loop }
            case .sequenceEnd, .mappingEnd:
                close(event)
            }
        }
        if let failure = events.failure {
            diagnostics.append(failure)
        } else if documents == 0 || complete {
            checkRoot()
        }
        return root
    }

    /// A spec is one non-empty mapping.
    mutating func checkRoot() {
        guard let root else {
            diagnostics.append(.yamlEmpty(at: SourceRange(file: file, line: 1, column: 1)))
            return
        }
        if let scalar = root.scalar, scalar.style == .plain, scalar.value.isEmpty, root.tag == nil {
            diagnostics.append(.yamlEmpty(at: SourceRange(file: file, line: 1, column: 1)))
        } else if root.mapping == nil {
            diagnostics.append(.yamlRootNotMapping(found: root.kindDescription, at: root.range))
        }
    }

    // MARK: - Events

    mutating func scalar(_ value: String, _ style: ScalarStyle, _ event: YAMLEvent, _ events: LibYAMLEvents) -> Bool {
        var source = events.text(from: event.start, to: event.end, sameAs: value)
        var sourceStart = event.start.location
        if event.anchor != nil || event.tag != nil {
            // The event starts at the anchor or tag; the scalar's own text starts after them.
            let (text, start) = Self.droppingProperties(Substring(source), at: sourceStart)
            (source, sourceStart) = (String(text), start)
        }
        let node = YAMLNode(
            content: .scalar(YAMLScalar(
                value: value, style: style, source: source, sourceStart: sourceStart, sourceFile: sourceFile)),
            range: range(event.start, event.end), tag: event.tag, tagsBelow: false)
        let size = Size(nodes: 1, bytes: value.utf8.count, height: 1, tagged: event.tag != nil)
        guard charge(size, at: node.range, alias: false) else { return false }
        attach(node, size: size, anchor: event.anchor, at: node.range)
        return true
    }

    mutating func open(isMapping: Bool, flow: Bool, _ event: YAMLEvent) -> Bool {
        let at = range(event.start, event.end)
        guard stack.count < limits.maxDepth else {
            diagnostics.append(.yamlTooDeep(limit: limits.maxDepth, at: at))
            return false
        }
        guard charge(Size(nodes: 1, bytes: 0, height: 1), at: at, alias: false) else { return false }
        if let anchor = event.anchor {
            anchors[anchor] = Anchor(node: nil, size: Size(), range: at)
        }
        stack.append(Frame(
            isMapping: isMapping, flow: flow, start: event.start, anchor: event.anchor, tag: event.tag,
            lastEnd: event.end.location, size: Size()))
        return true
    }

    mutating func close(_ event: YAMLEvent) {
        guard let frame = stack.popLast() else { return }
        // A flow collection ends at its bracket; a block one at its last
        // child (libyaml's block end sits at the next token, past comments).
        let end = frame.flow ? event.end.location : frame.lastEnd
        let range = SourceRange(sourceFile: sourceFile, start: frame.start.location, end: end)
        let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
        var size = frame.size
        size.tagged = size.tagged || frame.tag != nil
        attach(YAMLNode(content: content, range: range, tag: frame.tag, tagsBelow: frame.size.tagged), size: size,
               anchor: frame.anchor, at: range)
    }

    mutating func alias(_ name: String, _ event: YAMLEvent) -> Bool {
        let at = range(event.start, event.end)
        guard let anchor = anchors[name] else {
            // Suggestions are for typos in ordinary specs; bound the work on hostile ones.
            let suggestion = anchors.count <= 1000 && name.count <= 64
                ? Suggestions.closest(to: name, in: anchors.keys.filter { $0.count <= 64 }) : nil
            diagnostics.append(.yamlUndefinedAlias(name, suggestion: suggestion, at: at))
            attach(placeholder(at), size: Size(), anchor: nil, at: at)
            return true
        }
        guard let node = anchor.node else {
            diagnostics.append(.yamlRecursiveAlias(name, anchor: anchor.range, at: at))
            attach(placeholder(at), size: Size(), anchor: nil, at: at)
            return true
        }
        guard stack.count + anchor.size.height <= limits.maxDepth else {
            diagnostics.append(.yamlTooDeep(limit: limits.maxDepth, at: at))
            return false
        }
        guard charge(anchor.size, at: at, alias: true) else { return false }
        attach(node, size: anchor.size, anchor: nil, at: at)
        return true
    }

    // MARK: - Building

    /// Counts a node (or an alias's copy) against the budgets.
    mutating func charge(_ size: Size, at range: SourceRange, alias: Bool) -> Bool {
        total.nodes += size.nodes
        total.bytes += size.bytes
        if total.nodes > limits.maxNodes {
            diagnostics.append(.yamlBudget(alias: alias, what: "\(limits.maxNodes) nodes", at: range))
            return false
        }
        if total.bytes > limits.maxScalarBytes {
            diagnostics.append(.yamlBudget(alias: alias, what: "\(limits.maxScalarBytes) bytes of text", at: range))
            return false
        }
        return true
    }

    /// Adds a finished node to the open collection, or makes it the root.
    /// `range` is where it was written (an alias's own range for a copy).
    mutating func attach(_ node: YAMLNode, size: Size, anchor: String?, at range: SourceRange) {
        if let anchor {
            anchors[anchor] = Anchor(node: node, size: size, range: node.range)
        }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size.nodes += size.nodes
        stack[top].size.bytes += size.bytes
        stack[top].size.height = max(stack[top].size.height, size.height + 1)
        stack[top].size.tagged = stack[top].size.tagged || size.tagged
        stack[top].lastEnd = max(stack[top].lastEnd, range.end)
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
            return
        }
        stack[top].pendingKey = node
        guard let key = node.scalar else {
            diagnostics.append(.yamlNonScalarKey(found: node.kindDescription, at: range))
            return
        }
        if (key.style == .plain && key.value == "<<" && node.tag == nil) || node.tag == "tag:yaml.org,2002:merge" {
            diagnostics.append(.yamlMergeKey(at: range))
        } else if let first = stack[top].keys[key.value] {
            diagnostics.append(.yamlDuplicateKey(key.value, at: range, first: first))
        } else {
            stack[top].keys[key.value] = range
        }
    }

    /// Stands in for an alias that could not be resolved, so keys and values stay paired.
    func placeholder(_ range: SourceRange) -> YAMLNode {
        YAMLNode(
            content: .scalar(YAMLScalar(value: "", style: .plain, source: "", sourceStart: range.start, sourceFile: sourceFile)),
            range: range)
    }

    func range(_ start: Mark, _ end: Mark) -> SourceRange {
        SourceRange(sourceFile: sourceFile, start: start.location, end: end.location)
    }

    /// Skips anchors, tags, spaces, line breaks and comments before a scalar.
    static func droppingProperties(_ text: Substring, at start: SourceLocation) -> (Substring, SourceLocation) {
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            if c == " " || c == "\t" || c.isYAMLLineBreak {
                i = scalars.index(after: i)
            } else if c == "&" || c == "!" || c == "#" {
                let stopAtSpace = c != "#"
                while i < scalars.endIndex, !scalars[i].isYAMLLineBreak,
                      !(stopAtSpace && (scalars[i] == " " || scalars[i] == "\t")) {
                    i = scalars.index(after: i)
                }
            } else {
                break
            }
        }
        let skipped = scalars[scalars.startIndex..<i]
        return (Substring(scalars[i...]), start.advanced(over: skipped))
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let yamlDuplicateKey = DiagnosticCode("FW1002", .yaml, "duplicate key in a mapping")
    package static let yamlUndefinedAlias = DiagnosticCode("FW1003", .yaml, "alias to an undefined anchor")
    package static let yamlBudget = DiagnosticCode("FW1004", .yaml, "too many nodes or too much text once aliases are expanded")
    package static let yamlTooDeep = DiagnosticCode("FW1005", .yaml, "too deeply nested")
    package static let yamlSecondDocument = DiagnosticCode("FW1006", .yaml, "more than one YAML document")
    package static let yamlEmpty = DiagnosticCode("FW1007", .yaml, "empty spec")
    package static let yamlRootNotMapping = DiagnosticCode("FW1008", .yaml, "top level is not a mapping")
    package static let yamlMergeKey = DiagnosticCode("FW1009", .yaml, "merge key (<<) not supported")
    package static let yamlTooLarge = DiagnosticCode("FW1010", .yaml, "input too large")
    package static let yamlNonScalarKey = DiagnosticCode("FW1011", .yaml, "mapping key that is not a scalar")
    package static let yamlRecursiveAlias = DiagnosticCode("FW1012", .yaml, "alias inside the node it refers to")

    /// Every code of the YAML phase, for the documentation check.
    package static let allYAMLCodes: [DiagnosticCode] = [
        .yamlSyntax, .yamlDuplicateKey, .yamlUndefinedAlias, .yamlBudget, .yamlTooDeep, .yamlSecondDocument,
        .yamlEmpty, .yamlRootNotMapping, .yamlMergeKey, .yamlTooLarge, .yamlNonScalarKey, .yamlRecursiveAlias,
    ]
}

extension Diagnostic {
    static func yamlDuplicateKey(_ key: String, at range: SourceRange, first: SourceRange) -> Diagnostic {
        .error(.yamlDuplicateKey, "duplicate key '\(brief(key))'", at: range, notes: [Note("first defined here", at: first)])
    }

    static func yamlUndefinedAlias(_ name: String, suggestion: String?, at range: SourceRange) -> Diagnostic {
        .error(
            .yamlUndefinedAlias, "alias '*\(brief(name))' refers to an undefined anchor", at: range,
            fixIts: suggestion.map { [FixIt("did you mean '*\($0)'?", replacing: range, with: "*\($0)")] } ?? [])
    }

    static func yamlBudget(alias: Bool, what: String, at range: SourceRange) -> Diagnostic {
        .error(
            .yamlBudget, alias ? "aliases expand to more than \(what)" : "the spec has more than \(what)", at: range)
    }

    static func yamlTooDeep(limit: Int, at range: SourceRange) -> Diagnostic {
        .error(.yamlTooDeep, "too deeply nested (more than \(limit) levels)", at: range)
    }

    static func yamlSecondDocument(at range: SourceRange) -> Diagnostic {
        .error(.yamlSecondDocument, "a spec must be one YAML document; this starts a second one", at: range)
    }

    static func yamlEmpty(at range: SourceRange) -> Diagnostic {
        .error(.yamlEmpty, "the spec is empty", at: range)
    }

    static func yamlRootNotMapping(found: String, at range: SourceRange) -> Diagnostic {
        .error(.yamlRootNotMapping, "the top level of a spec must be a mapping, found \(found)", at: range)
    }

    static func yamlMergeKey(at range: SourceRange) -> Diagnostic {
        .error(.yamlMergeKey, "merge keys (<<) are not supported; write the keys out", at: range)
    }

    /// Also used by the driver, which stops reading a file past the limit.
    package static func yamlTooLarge(limit: Int, file: String) -> Diagnostic {
        .error(.yamlTooLarge, "the spec is larger than the limit of \(limit) bytes", at: .wholeFile(file),
               help: ["split the stack into several specs"])
    }

    static func yamlNonScalarKey(found: String, at range: SourceRange) -> Diagnostic {
        .error(.yamlNonScalarKey, "keys must be scalars, found \(found)", at: range)
    }

    static func yamlRecursiveAlias(_ name: String, anchor: SourceRange, at range: SourceRange) -> Diagnostic {
        .error(
            .yamlRecursiveAlias, "alias '*\(brief(name))' is inside the node it refers to", at: range,
            notes: [Note("anchor '&\(brief(name))' is defined here", at: anchor)])
    }

    /// Text from the input, shortened and kept on one line for a message.
    private static func brief(_ text: String) -> String {
        var result = ""
        for (i, c) in text.unicodeScalars.enumerated() {
            if i == 60 { return result + "…" }
            switch c {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(c)
            }
        }
        return result
    }
}
