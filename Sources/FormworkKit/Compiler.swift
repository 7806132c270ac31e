import FormworkCFN
import FormworkDiagnostics
import FormworkSema
import FormworkSpec
import FormworkYAML

public struct CompileOptions: Sendable {
    /// `--param name=value`: compile-time overrides of parameter defaults.
    public var parameterOverrides: [String: String]

    public init(parameterOverrides: [String: String] = [:]) {
        self.parameterOverrides = parameterOverrides
    }
}

/// The result of compiling one spec: the template (nil when any error was
/// found), every diagnostic, and the source text they point into.
public struct CompiledSpec: Sendable {
    public let path: String
    public let template: String?
    public let diagnostics: [Diagnostic]
    public let sourceText: String

    public var hasErrors: Bool { diagnostics.hasErrors }
}

/// The driver: read → parse → decode → semantic passes → emit. It returns
/// results and never prints.
public enum Compiler {
    public static func compile(file path: String, options: CompileOptions = .init()) -> CompiledSpec {
        switch FileSystem.read(path, limit: YAMLLimits.default.maxBytes) {
        case .bytes(let bytes):
            return compile(bytes: bytes, path: path, options: options)
        case .tooLarge:
            return CompiledSpec(path: path, template: nil, diagnostics: [.yamlTooLarge(limit: YAMLLimits.default.maxBytes, file: path)], sourceText: "")
        case .failed(let problem):
            return CompiledSpec(path: path, template: nil, diagnostics: [.cannotRead(path, problem)], sourceText: "")
        }
    }

    public static func compile(bytes: [UInt8], path: String, options: CompileOptions = .init()) -> CompiledSpec {
        let text = String(decoding: bytes, as: UTF8.self)
        let (root, yamlDiagnostics) = YAMLParser.parse(bytes, file: path)
        guard let root, !yamlDiagnostics.hasErrors else {
            return CompiledSpec(path: path, template: nil, diagnostics: yamlDiagnostics.sortedForDisplay(), sourceText: text)
        }
        var diagnostics = yamlDiagnostics
        let (spec, decodeDiagnostics) = SpecDecoder.decode(root, file: path)
        diagnostics += decodeDiagnostics
        guard let spec else {
            return CompiledSpec(path: path, template: nil, diagnostics: diagnostics.sortedForDisplay(), sourceText: text)
        }
        diagnostics += checkOverrides(options.parameterOverrides, spec: spec)
        let (template, semanticDiagnostics) = Semantics.run(
            spec, options: LoweringOptions(parameterOverrides: options.parameterOverrides))
        diagnostics += semanticDiagnostics
        var json = diagnostics.hasErrors ? nil : template.map(JSONWriter.write)
        if let written = json, let tooLarge = TemplateLimits.checkBody(written, spec: spec) {
            diagnostics.append(tooLarge)
            json = nil
        }
        return CompiledSpec(path: path, template: json, diagnostics: limited(diagnostics, path: path), sourceText: text)
    }

    /// At most `maxDiagnostics` are shown, in display order, then a note
    /// saying how many were left out: a spec with thousands of mistakes gets
    /// a readable answer quickly.
    public static let maxDiagnostics = 100

    static func limited(_ diagnostics: [Diagnostic], path: String) -> [Diagnostic] {
        let sorted = diagnostics.sortedForDisplay()
        guard sorted.count > maxDiagnostics else { return sorted }
        return Array(sorted.prefix(maxDiagnostics)) + [.tooManyDiagnostics(sorted.count - maxDiagnostics, path: path)]
    }

    /// Each `--param` must name a parameter of the spec and fit its type and allowed values.
    private static func checkOverrides(_ overrides: [String: String], spec: Spec) -> [Diagnostic] {
        overrides.keys.sorted().compactMap { name in
            let value = overrides[name]!
            guard let parameter = spec.parameters.first(where: { $0.name.text == name }) else {
                return .unknownParameterOverride(name, in: spec.file, known: spec.parameters.map(\.name.text))
            }
            if parameter.type.value == .number, Double(value) == nil {
                return .badParameterOverride(name, value, "it is a number parameter", at: parameter.name.range)
            }
            if let allowed = parameter.allowed?.value, !allowed.contains(value) {
                return .badParameterOverride(name, value, "allowed values: \(allowed.joined(separator: ", "))",
                                             at: parameter.name.range)
            }
            return nil
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
        .badParameterOverride, .tooManyDiagnostics,
    ]
}

extension Diagnostic {
    static func cannotRead(_ path: String, _ problem: String) -> Diagnostic {
        .error(.cannotRead, "cannot read \(path): \(problem)", at: .wholeFile(path))
    }

    static func tooManyDiagnostics(_ more: Int, path: String) -> Diagnostic {
        Diagnostic(.note, .tooManyDiagnostics, "\(more) more diagnostics not shown; fix these and compile again",
                   at: .wholeFile(path))
    }

    static func unknownParameterOverride(_ name: String, in file: String, known: [String]) -> Diagnostic {
        let help = Suggestions.closest(to: name, in: known).map { "did you mean '\($0)'?" }
            ?? (known.isEmpty ? "this spec declares no parameters" : "parameters: \(known.joined(separator: ", "))")
        return .error(.badParameterOverride, "--param \(name): the spec has no parameter '\(name)'", at: .wholeFile(file),
                      help: [help])
    }

    static func badParameterOverride(_ name: String, _ value: String, _ why: String, at range: SourceRange) -> Diagnostic {
        .error(.badParameterOverride, "--param \(name)=\(value) does not fit parameter '\(name)': \(why)", at: range)
    }
}
