/// How serious a diagnostic is. Any error fails the compile; warnings do not.
public enum Severity: String, Sendable, Comparable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The part of the pipeline a diagnostic code belongs to, declared beside
/// each code. It decides the exit status an error gives and the section of
/// docs/diagnostics.md the code is listed in; the code's number does not.
public enum Phase: String, Sendable, CaseIterable, Comparable {
    /// The command line and the file system: bad arguments, paths, reading
    /// and writing files. Not a mistake in a spec.
    case driver
    /// YAML syntax and structure, and the parser's limits.
    case yaml
    /// The node tree read as the language: keys, types, values, and the
    /// `${...}` and `when:` expressions inside strings.
    case decoding
    /// Checks of the decoded spec: names, null guards, defaults, lifecycle
    /// rules, and each component's own rules.
    case specChecks
    /// Checks of the expanded template: tags, dependency order, template quotas.
    case templateChecks
    /// `compile --check`: the templates already in `--out` against what the
    /// specs compile to. Not a mistake in a spec, but a failed gate: exit 1.
    case outputs

    /// The heading of the phase's section in docs/diagnostics.md.
    public var title: String {
        switch self {
        case .driver: "Driver and I/O (exit status 2)"
        case .yaml: "YAML"
        case .decoding: "Decoding and expressions"
        case .specChecks: "Spec checks"
        case .templateChecks: "Template checks"
        case .outputs: "Templates in --out (compile --check)"
        }
    }

    /// The exit status of a run that reports an error of this phase: 2 for a
    /// usage or I/O problem, 1 for a mistake in a spec.
    public var exitStatus: Int32 { self == .driver ? 2 : 1 }

    public static func < (a: Phase, b: Phase) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// An AWS documentation page a check's rule comes from.
public struct DocumentationPage: Hashable, Sendable {
    /// The guide and the page's title, as docs/diagnostics.md shows it.
    public let title: String
    public let url: String

    public init(_ title: String, _ url: String) {
        self.title = title
        self.url = url
    }
}

/// A stable diagnostic identifier, `FW` and four digits, kept apart from the
/// wording. The first digit names a family (0 driver, 1 YAML, 2 decoding,
/// 3 expressions and names, 4 spec-wide rules, 5 each kind's rules,
/// 6 template quotas and logical IDs); the phase is declared with each
/// code, beside its messages.
public struct DiagnosticCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public let phase: Phase
    /// One line saying what the code is about (used by `docs/diagnostics.md` checks).
    public let summary: String
    /// The AWS page the rule behind the check comes from, when it comes from one.
    public let reference: DocumentationPage?

    public init(_ rawValue: String, _ phase: Phase, _ summary: String, reference: DocumentationPage? = nil) {
        precondition(rawValue.count == 6 && rawValue.hasPrefix("FW"), "bad diagnostic code \(rawValue)")
        self.rawValue = rawValue
        self.phase = phase
        self.summary = summary
        self.reference = reference
    }

    /// Another tool's rule reported through Formwork (`lint --cfn-lint`:
    /// cfn-lint's `E3012`), under that tool's own id; not one of Formwork's codes.
    public init(external rawValue: String, _ phase: Phase, _ summary: String, reference: DocumentationPage) {
        precondition(!rawValue.hasPrefix("FW") && !rawValue.isEmpty, "bad external code \(rawValue)")
        self.rawValue = rawValue
        self.phase = phase
        self.summary = summary
        self.reference = reference
    }

    /// Where to read about the code: its AWS page, else its section of docs/diagnostics.md.
    public var url: String { reference?.url ?? "docs/diagnostics.md#\(anchor)" }

    /// The code's anchor in docs/diagnostics.md (`fw1234`).
    public var anchor: String { rawValue.lowercased() }

    public static func == (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}

/// One concrete change to a file: replace `range` with `text` (an empty
/// range inserts, an empty text deletes).
public struct TextEdit: Hashable, Sendable {
    public var range: SourceRange
    public var text: String

    public init(replacing range: SourceRange, with text: String) {
        self.range = range
        self.text = text
    }
}

/// A fix a tool can apply: a message and the edits that make it. Advice
/// that edits nothing is help (`Diagnostic.help`), not a fix-it, and is
/// refused here.
public struct FixIt: Hashable, Sendable {
    public let message: String
    public let edits: [TextEdit]

    public init(_ message: String, edits: [TextEdit]) {
        precondition(!edits.isEmpty, "a fix-it needs at least one edit; advice without one is help: \(message)")
        self.message = message
        self.edits = edits
    }

    /// A fix-it of one edit, replacing `range` with `text`.
    public init(_ message: String, replacing range: SourceRange, with text: String) {
        self.init(message, edits: [TextEdit(replacing: range, with: text)])
    }

    /// "did you mean 'x'?", replacing `range` with the suggestion.
    public static func didYouMean(_ suggestion: String, replacing range: SourceRange) -> FixIt {
        FixIt("did you mean '\(suggestion)'?", replacing: range, with: suggestion)
    }
}

/// A secondary location with a label ("first defined here").
public struct Note: Hashable, Sendable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

public struct Diagnostic: Hashable, Sendable {
    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var range: SourceRange
    public var notes: [Note]
    /// Concrete fixes, each with its edits.
    public var fixIts: [FixIt]
    /// Advice in words that no edit expresses ("split the stack into several specs").
    public var help: [String]

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, at range: SourceRange,
        notes: [Note] = [], fixIts: [FixIt] = [], help: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.range = range
        self.notes = notes
        self.fixIts = fixIts
        self.help = help
    }

    public static func error(
        _ code: DiagnosticCode, _ message: String, at range: SourceRange,
        notes: [Note] = [], fixIts: [FixIt] = [], help: [String] = []
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: range, notes: notes, fixIts: fixIts, help: help)
    }

    public static func warning(
        _ code: DiagnosticCode, _ message: String, at range: SourceRange,
        notes: [Note] = [], fixIts: [FixIt] = [], help: [String] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: range, notes: notes, fixIts: fixIts, help: help)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// The exit status these diagnostics give a run: the highest of their
    /// errors' phases (2 for a driver error, 1 for any other), 0 without errors.
    public var exitStatus: Int32 {
        lazy.filter { $0.severity == .error }.map(\.code.phase.exitStatus).max() ?? 0
    }

    /// Sorted by position, then severity, then code: the order they are shown in.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { a, b in
            if a.range != b.range { return a.range < b.range }
            if a.severity != b.severity { return a.severity < b.severity }
            if a.code != b.code { return a.code < b.code }
            return a.message < b.message
        }
    }
}

/// Collects diagnostics as a phase runs. Phases return what they found; they never print.
public struct DiagnosticBag: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func add(contentsOf diagnostics: [Diagnostic]) { all.append(contentsOf: diagnostics) }
    public var hasErrors: Bool { all.hasErrors }
}
