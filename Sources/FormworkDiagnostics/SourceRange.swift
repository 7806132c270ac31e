import Synchronization

/// A position in a source file: 1-based line and column, columns counted in
/// Unicode scalars (as libyaml counts them). Stored in 32 bits each (a spec
/// is at most 8 MiB), so a range is a small plain value.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.storedLine, a.storedColumn) < (b.storedLine, b.storedColumn)
    }

    public var description: String { "\(line):\(column)" }
}

/// A file's path, as a number the process gives each distinct path once: a
/// range holds it without reference counting, and two are equal when their
/// paths are.
public struct SourceFile: Hashable, Sendable {
    private let id: UInt32

    /// The number of `path`, given it the first time it is seen (thread-safe).
    public init(_ path: String) {
        id = SourceFile.table.withLock { table in
            if let known = table.ids[path] { return known }
            let id = UInt32(table.paths.count)
            table.paths.append(path)
            table.ids[path] = id
            return id
        }
    }

    public var path: String { SourceFile.table.withLock { $0.paths[Int(id)] } }

    private struct Table {
        var paths: [String] = []
        var ids: [String: UInt32] = [:]
    }

    private static let table = Mutex(Table())
}

/// The one location type of every phase: a file and a half-open range
/// `start..<end` in it. YAML nodes, AST nodes, characters inside interpolated
/// strings and generated template values all carry one.
public struct SourceRange: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The file, by number (`file` is its path).
    public var sourceFile: SourceFile
    public var start: SourceLocation
    public var end: SourceLocation
    /// The range stands for the whole file rather than a place in it (a file
    /// that cannot be read, a `--param` the spec does not declare): it is at
    /// 1:1, and renderers show no source line for it.
    public private(set) var isWholeFile: Bool

    public var file: String {
        get { sourceFile.path }
        set { sourceFile = SourceFile(newValue) }
    }

    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.init(sourceFile: SourceFile(file), start: start, end: end)
    }

    public init(sourceFile: SourceFile, start: SourceLocation, end: SourceLocation) {
        self.sourceFile = sourceFile
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

    /// By file (its path), then position; a whole file comes before a place at 1:1 in it.
    public static func < (a: SourceRange, b: SourceRange) -> Bool {
        if a.sourceFile != b.sourceFile { return a.file < b.file }
        return (a.start, a.end, a.isWholeFile ? 0 : 1) < (b.start, b.end, b.isWholeFile ? 0 : 1)
    }

    /// `path:line:col`, the form compilers and editors print and parse.
    public var description: String { "\(file):\(start.line):\(start.column)" }
}
