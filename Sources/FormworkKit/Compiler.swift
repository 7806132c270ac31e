import FormworkCFN
import FormworkDiagnostics
import FormworkLowering
import FormworkRules
import FormworkSpec
import FormworkYAML

public struct CompileOptions: Sendable {
    /// `--param name=value`: compile-time overrides of parameter defaults.
    public var parameterOverrides: [String: String]
    /// Whether to record the source map while the template is written (a
    /// command that writes no map saves that work).
    public var sourceMap: Bool
    /// `--minify`: write the template as compact JSON, without spaces or line breaks.
    public var minify: Bool

    /// How many threads one compile may use: with more than one, the
    /// template rules run beside writing the text. A run of several specs
    /// gives each spec one, and the specs the cores.
    public var threads: Int

    public init(parameterOverrides: [String: String] = [:], sourceMap: Bool = true, minify: Bool = false,
                threads: Int = 1) {
        self.parameterOverrides = parameterOverrides
        self.sourceMap = sourceMap
        self.minify = minify
        self.threads = threads
    }
}

/// Everything one compile of one spec produced: the typed AST, the template
/// model, the template's text with its source map, and every diagnostic.
/// Downstream tools walk the model (a diff, a graph), map a JSON pointer of
/// the text back to a spec line, or render the diagnostics.
public struct Compilation: Sendable {
    public let path: String
    /// The spec's text, which the diagnostics point into.
    public let sourceText: String
    /// The typed AST, defaults injected; nil when the YAML or its decoding failed.
    package let spec: Spec?
    /// The template model; nil when any error was found.
    package let template: Template?
    /// The template as written; nil with the template.
    public let text: String?
    /// For each value of `text`, its JSON pointer and the spec range that
    /// caused it; nil without a template, or when `CompileOptions.sourceMap` is off.
    package let sourceMap: SourceMap?
    /// Every diagnostic, in display order (the command line decides how many to show).
    public let diagnostics: [Diagnostic]
    /// The YAML tree the spec was decoded from: nothing reads it, but a
    /// process about to exit keeps it with the rest instead of freeing it
    /// node by node (about 3% of an at-quota compile).
    let syntax: YAMLNode?

    public var hasErrors: Bool { diagnostics.hasErrors }

    /// The names of the spec's parameters, in order; nil when it did not decode.
    public var parameterNames: [String]? { spec.map { $0.parameters.map(\.name.text) } }

    /// The source map as JSON (`formwork compile --source-map`).
    public var sourceMapJSON: String? { sourceMap?.json(file: path) }

    init(path: String, sourceText: String, syntax: YAMLNode? = nil, spec: Spec? = nil, template: Template? = nil,
         emitted: (text: String, sourceMap: SourceMap?)? = nil, diagnostics: [Diagnostic]) {
        self.path = path
        self.syntax = syntax
        self.sourceText = sourceText
        self.spec = spec
        self.template = emitted == nil ? nil : template
        self.text = emitted?.text
        self.sourceMap = emitted?.sourceMap
        self.diagnostics = diagnostics.sortedForDisplay()
    }
}

/// The driver: read → parse → decode → spec rules → lower → write → template rules. It returns
/// a `Compilation` and never prints.
///
/// With a `PassTimer`, each phase and rule is timed under the names
/// `timedPasses` lists; without one, each costs a branch.
public enum Compiler {
    public static func compile(file path: String, options: CompileOptions = .init(), timer: PassTimer? = nil)
        -> Compilation
    {
        switch timer.measure("read", { FileSystem.read(path, limit: YAMLLimits.default.maxBytes) }) {
        case .bytes(let bytes):
            return compile(bytes: bytes, path: path, options: options, timer: timer)
        case .tooLarge:
            return Compilation(path: path, sourceText: "",
                               diagnostics: [.yamlTooLarge(limit: YAMLLimits.default.maxBytes, file: path)])
        case .failed(let problem):
            return Compilation(path: path, sourceText: "", diagnostics: [.cannotRead(path, problem)])
        }
    }

    /// What a spec given as `-` was read as: its bytes, or why it could not be.
    public enum StandardInput: Sendable {
        case bytes([UInt8])
        case failed(Diagnostic)

        /// Standard input read to its end (once; at most the YAML size limit), named `path` in diagnostics.
        public static func read(path: String) -> StandardInput {
            switch FileSystem.readStandardInput(limit: YAMLLimits.default.maxBytes) {
            case .bytes(let bytes): .bytes(bytes)
            case .tooLarge: .failed(.yamlTooLarge(limit: YAMLLimits.default.maxBytes, file: path))
            case .failed(let problem): .failed(.cannotRead(path, problem))
            }
        }
    }

    /// Compiles the spec read from standard input.
    public static func compile(standardInput: StandardInput, path: String, options: CompileOptions = .init(),
                               timer: PassTimer? = nil) -> Compilation
    {
        switch standardInput {
        case .bytes(let bytes): compile(bytes: bytes, path: path, options: options, timer: timer)
        case .failed(let diagnostic): Compilation(path: path, sourceText: "", diagnostics: [diagnostic])
        }
    }

    public static func compile(bytes: [UInt8], path: String, options: CompileOptions = .init(),
                               timer: PassTimer? = nil) -> Compilation
    {
        let (text, root, yamlDiagnostics) = timer.measure("parse") {
            let (root, diagnostics) = YAMLParser.parse(bytes, file: path)
            return (String(decoding: bytes, as: UTF8.self), root, diagnostics)
        }
        guard let root, !yamlDiagnostics.hasErrors else {
            return Compilation(path: path, sourceText: text, syntax: root, diagnostics: yamlDiagnostics)
        }
        var diagnostics = yamlDiagnostics
        let (decoded, decodeDiagnostics) = timer.measure("decode") { SpecDecoder.decode(root, file: path) }
        diagnostics += decodeDiagnostics
        guard var spec = decoded else {
            return Compilation(path: path, sourceText: text, syntax: root, diagnostics: diagnostics)
        }
        diagnostics += checkOverrides(options.parameterOverrides, spec: spec)
        let (template, emitted, checked) = check(&spec, options: options, after: diagnostics, timer: timer)
        diagnostics = checked
        return Compilation(path: path, sourceText: text, syntax: root, spec: spec, template: template, emitted: emitted,
                           diagnostics: diagnostics)
    }

    /// The waivers' own checks, defaults, the spec rules, lowering, writing,
    /// then the template rules. Each step runs only when the ones before it,
    /// and the `earlier` diagnostics (decoding's), found no error: a template
    /// exists only for a spec every rule passed. It returns every diagnostic,
    /// `earlier`'s included, without the warnings the spec waives (`Waivers`).
    package static func check(_ spec: inout Spec, options: CompileOptions, after earlier: [Diagnostic] = [],
                              timer: PassTimer? = nil)
        -> (Template?, (text: String, sourceMap: SourceMap?)?, [Diagnostic])
    {
        let (template, emitted, diagnostics) = checkUnwaived(&spec, options: options, after: earlier, timer: timer)
        let waived = Waivers.apply(spec, to: earlier + diagnostics)
        return waived.hasErrors ? (nil, nil, waived) : (template, emitted, waived)
    }

    private static func checkUnwaived(_ spec: inout Spec, options: CompileOptions, after earlier: [Diagnostic],
                                      timer: PassTimer?)
        -> (Template?, (text: String, sourceMap: SourceMap?)?, [Diagnostic])
    {
        let waiverProblems = Waivers.check(spec)
        timer.measure("defaults") { spec.injectDefaults() }
        let context = timer.measure("spec context") { SpecContext(spec: spec, symbols: SymbolTable(spec)) }
        var diagnostics = waiverProblems + timer.measure("spec rules") { checkSpec(context, threads: options.threads, timer: timer) }
        guard !diagnostics.hasErrors, !earlier.hasErrors else { return (nil, nil, diagnostics) }
        let template = timer.measure("lower") {
            Lowering.run(spec, symbols: context.symbols,
                         options: LoweringOptions(parameterOverrides: options.parameterOverrides))
        }
        // A template over the resource quota is rejected by the first template
        // rule, a gate, before any rule reads the text: not writing it keeps a
        // spec that expands to 60,000 resources as fast as one that declares them.
        diagnostics += Waivers.checkovCoverage(spec, template)
        let (emitted, found): (Emitted, [Diagnostic]) = if !RuleRegistry.needsText(template) {
            ((text: "", sourceMap: nil),
             timer.measure("template rules") { RuleRegistry.check(TemplateContext(template: template, text: ""), timer: timer) })
        } else if options.threads > 1 {
            emitAndCheck(template, options: options, timer: timer)
        } else {
            emitThenCheck(template, options: options, timer: timer)
        }
        diagnostics += found
        return diagnostics.hasErrors ? (nil, nil, diagnostics) : (template, emitted, diagnostics)
    }

    private typealias Emitted = (text: String, sourceMap: SourceMap?)

    /// The spec rules' diagnostics, on `threads` threads: the gates that
    /// come first alone (a spec over the quotas is checked no further), then
    /// every other rule side by side, put together in rule order.
    private static func checkSpec(_ context: SpecContext, threads: Int, timer: PassTimer?) -> [Diagnostic] {
        let rules = RuleRegistry.specRules
        guard threads > 1 else { return RuleRegistry.check(context, timer: timer) }
        var found = [[Diagnostic]](repeating: [], count: rules.count)
        var next = 0
        while next < rules.count, rules[next].isGate {
            found[next] = RuleRegistry.check(context, rule: next, timer: timer)
            if found[next].hasErrors { return RuleRegistry.assemble(found, of: .spec) }
            next += 1
        }
        let first = next
        for (offset, diagnostics) in inParallel(rules.count - first, threads: threads, timer: timer, { index, own in
            RuleRegistry.check(context, rule: first + index, timer: own)
        }).enumerated() {
            found[first + offset] = diagnostics
        }
        return RuleRegistry.assemble(found, of: .spec)
    }

    /// The template's text, then the template rules over it.
    private static func emitThenCheck(_ template: Template, options: CompileOptions, timer: PassTimer?)
        -> (Emitted, [Diagnostic])
    {
        let emitted = timer.measure("emit") { JSONWriter.emit(template, sourceMap: options.sourceMap, minify: options.minify) }
        let found = timer.measure("template rules") {
            RuleRegistry.check(TemplateContext(template: template, text: emitted.text), timer: timer)
        }
        return (emitted, found)
    }

    /// What `emitThenCheck` gives, on `options.threads` threads: one writes
    /// the text while the others take the rules that read the model alone,
    /// and then any rule left, those that read the text last (they wait for
    /// it). The rules' diagnostics are put together in rule order, so the
    /// result is the same, byte for byte. (Past a gate that finds an error
    /// the rules have run for nothing; a template over the resource quota,
    /// the gate that matters, never comes here: `needsText`.)
    private static func emitAndCheck(_ template: Template, options: CompileOptions, timer: PassTimer?)
        -> (Emitted, [Diagnostic])
    {
        enum Done: Sendable {
            case emitted(Emitted)
            case checked([Diagnostic])
        }
        let pending = PendingText()
        let context = TemplateContext(template: template, pending: pending)
        let order = RuleRegistry.templateRulesTextLast
        // Timed as a whole: the rules' own times overlap with the text's.
        let done = timer.measure("template rules") {
            inParallel(1 + order.count, threads: options.threads, timer: timer) { task, own -> Done in
                guard task > 0 else {
                    let emitted = own.measure("emit") {
                        JSONWriter.emit(template, sourceMap: options.sourceMap, minify: options.minify)
                    }
                    pending.fulfil(emitted.text)
                    return .emitted(emitted)
                }
                return .checked(RuleRegistry.check(context, rule: order[task - 1], timer: own))
            }
        }
        var emitted: Emitted = (text: "", sourceMap: nil)
        var found = [[Diagnostic]](repeating: [], count: order.count)
        for (task, result) in done.enumerated() {
            switch result {
            case .emitted(let text): emitted = text
            case .checked(let diagnostics): found[order[task - 1]] = diagnostics
            }
        }
        return (emitted, RuleRegistry.assemble(found, of: .template))
    }

    /// `task` for each index of `0..<count`, on up to `threads` threads, the
    /// results in index order. Each task is timed on a timer of its own
    /// (`PassTimer` is not shared between threads), added to `timer` after.
    private static func inParallel<Result: Sendable>(
        _ count: Int, threads: Int, timer: PassTimer?, _ task: @escaping @Sendable (Int, PassTimer?) -> Result
    ) -> [Result] {
        var results: [Result] = []
        results.reserveCapacity(count)
        Parallel.forEachInOrder(count: count, jobs: threads, work: { index -> (Result, PassTimer?) in
            let own = timer?.makeChild()
            return (task(index, own), own)
        }, consume: { (_, done: (Result, PassTimer?)) in
            results.append(done.0)
            if let own = done.1 { timer?.add(own) }
        })
        return results
    }

    /// What `--time-passes` reports, in the order it runs: each phase, and
    /// under the two rule phases each rule (`group` names its phase).
    /// `read` and `parse` come before; the command line adds its own
    /// phases (rendering diagnostics, writing files) after these.
    public static let timedPasses: [(name: String, group: String?)] =
        ["read", "parse", "decode", "defaults", "spec context"].map { ($0, nil) }
        + [("spec rules", nil)] + RuleRegistry.specRuleNames.map { ($0, "spec rules") }
        + [("lower", nil), ("emit", nil)]
        + [("template rules", nil)] + RuleRegistry.templateRuleNames.map { ($0, "template rules") }

    /// Each `--param` that names a parameter of the spec must fit its type,
    /// allowed values and pattern. One that names none is ignored here: it
    /// may be for another spec of the same run, and the driver reports it
    /// when no spec declares it (`ParameterOverrides.undeclared`).
    private static func checkOverrides(_ overrides: [String: String], spec: Spec) -> [Diagnostic] {
        overrides.keys.sorted().compactMap { name in
            let value = overrides[name]!
            guard let parameter = spec.parameters.first(where: { $0.name.text == name }), !parameter.isUndecodable else {
                return nil
            }
            if parameter.type.value == .number, Double(value) == nil {
                return .badParameterOverride(name, value, "it is a number parameter", at: parameter.name.range)
            }
            switch parameter.violation(of: parameter.value(ofOverride: value)) {
            case .notAllowed(let item, let allowed)?:
                let which = parameter.type.value == .list ? "'\(item)' is not an allowed value" : "allowed values"
                return .badParameterOverride(name, value, "\(which): \(allowed.joined(separator: ", "))",
                                             at: parameter.name.range)
            case .noMatch(let item, let pattern)?:
                let which = parameter.type.value == .list ? "'\(item)' does not match" : "it does not match"
                return .badParameterOverride(name, value, "\(which) the pattern '\(pattern)'", at: parameter.name.range)
            case .outOfBounds(let item, let bound)?:
                let which = parameter.type.value == .list ? "'\(item)' fails" : "it fails"
                return .badParameterOverride(name, value, "\(which) \(bound)", at: parameter.name.range)
            case nil:
                return nil
            }
        }
    }
}

// MARK: - Diagnostics (FW00xx: driver and I/O; they exit 2)

extension DiagnosticCode {
    public static let pathNotFound = DiagnosticCode("FW0001", .driver, "a path given on the command line does not exist")
    public static let noSpecInDirectory = DiagnosticCode("FW0002", .driver, "a directory given on the command line holds no spec")
    public static let outputCollision = DiagnosticCode("FW0003", .driver, "two specs would write the same output file")
    public static let notAFile = DiagnosticCode("FW0004", .driver, "a path is neither a file nor a directory")
    public static let cannotRead = DiagnosticCode("FW0005", .driver, "a spec cannot be read")
    public static let cannotWrite = DiagnosticCode("FW0006", .driver, "an output file cannot be written")
    public static let badParameterOverride = DiagnosticCode("FW0007", .driver, "a --param names no parameter or has a bad value")
    public static let tooManyDiagnostics = DiagnosticCode("FW0008", .driver, "more diagnostics than are shown for one spec")

    public static let allDriverCodes: [DiagnosticCode] = [
        .pathNotFound, .noSpecInDirectory, .outputCollision, .notAFile, .cannotRead, .cannotWrite,
        .badParameterOverride, .tooManyDiagnostics, .cfnLintFailed,
    ]
}

extension Diagnostic {
    static func cannotRead(_ path: String, _ problem: String) -> Diagnostic {
        .error(.cannotRead, "cannot read \(path): \(problem)", at: .wholeFile(path))
    }

    /// The note that closes a list of diagnostics cut short for display.
    public static func tooManyDiagnostics(_ more: Int, path: String) -> Diagnostic {
        Diagnostic(.note, .tooManyDiagnostics, "\(more) more diagnostics not shown; fix these and compile again",
                   at: .wholeFile(path))
    }

    static func badParameterOverride(_ name: String, _ value: String, _ why: String, at range: SourceRange) -> Diagnostic {
        .error(.badParameterOverride, "--param \(name)=\(value) does not fit parameter '\(name)': \(why)", at: range)
    }
}
