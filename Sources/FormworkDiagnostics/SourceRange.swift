/// A position in a source file: 1-based line and column, columns counted in
/// Unicode scalars (as libyaml counts them).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// The one location type of every phase: a file and a half-open range
/// `start..<end` in it. YAML nodes, AST nodes, characters inside interpolated
/// strings and generated template values all carry one.
public struct SourceRange: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: String
    public var start: SourceLocation
    public var end: SourceLocation
    /// The range stands for the whole file rather than a place in it (a file
    /// that cannot be read, a `--param` the spec does not declare): it is at
    /// 1:1, and renderers show no source line for it.
    public private(set) var isWholeFile: Bool

    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.file = file
        self.start = start
        self.end = max(start, end)
        self.isWholeFile = false
    }

    /// A range covering one position (an empty span rendered as a single caret).
    public init(file: String, line: Int, column: Int) {
        let location = SourceLocation(line: line, column: column)
        self.init(file: file, start: location, end: location)
    }

    /// A range of a whole file, for diagnostics about a file rather than a
    /// place in it: position 1:1, marked as the whole file.
    public static func wholeFile(_ file: String) -> SourceRange {
        var range = SourceRange(file: file, line: 1, column: 1)
        range.isWholeFile = true
        return range
    }

    /// By file, then position; a whole file comes before a place at 1:1 in it.
    public static func < (a: SourceRange, b: SourceRange) -> Bool {
        (a.file, a.start, a.end, a.isWholeFile ? 0 : 1) < (b.file, b.start, b.end, b.isWholeFile ? 0 : 1)
    }

    /// `path:line:col`, the form compilers and editors print and parse.
    public var description: String { "\(file):\(start.line):\(start.column)" }
}
