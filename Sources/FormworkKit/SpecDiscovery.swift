import FormworkDiagnostics

/// A spec to compile and the output file it writes.
public struct SpecInput: Sendable, Equatable {
    /// The file, or for standard input `-` (or the `--stdin-name` given for it): what diagnostics name.
    public let path: String
    /// `<spec file stem>.json`.
    public let outputName: String
    /// Whether the spec is read from standard input (`-`).
    public var isStandardInput: Bool = false

    /// `<spec file stem>.map.json`, for `compile --source-map`.
    public var sourceMapName: String { String(outputName.dropLast(".json".count)) + ".map.json" }

    /// Standard input without a `--stdin-name`: `compile` writes its template to standard output.
    public var writesToStandardOutput: Bool { isStandardInput && path == "-" }
}

/// Turns command-line paths into the specs they mean: a file is itself, `-`
/// is standard input, and a directory is every spec under it, searched
/// recursively in byte order of the paths. In a directory a spec is a
/// `*.yaml` or `*.yml` file with a top-level `formwork:` key; dotfiles,
/// dot-directories (`.git`, `.build`) and directories named `out` are not
/// searched, nor symbolic links to directories.
public enum SpecDiscovery {
    public static let extensions = [".yaml", ".yml"]

    /// Directories a search never enters, besides dot-directories.
    public static let skippedDirectories: Set<String> = ["out"]

    /// `stdinName` names the spec read from `-`; `onlySpecs` skips the named
    /// files without a top-level `formwork:` key (as a directory search
    /// does); `checkOutputs` reports two specs that would write one output
    /// (for `compile`; `lint` writes nothing).
    public static func specs(for arguments: [String], stdinName: String? = nil, onlySpecs: Bool = false,
                             checkOutputs: Bool = true) -> (specs: [SpecInput], diagnostics: [Diagnostic])
    {
        var specs: [SpecInput] = []
        var diagnostics: [Diagnostic] = []
        for argument in arguments {
            if argument == "-" {
                let named = stdinName.map(input) ?? SpecInput(path: "-", outputName: "-.json")
                specs.append(SpecInput(path: named.path, outputName: named.outputName, isStandardInput: true))
                continue
            }
            switch FileSystem.kind(argument) {
            case .file:
                if !onlySpecs || isSpec(argument) { specs.append(input(argument)) }
            case .directory:
                let found = search(argument)
                if found.isEmpty { diagnostics.append(.noSpecInDirectory(argument)) }
                specs += found.map(input)
            case .missing:
                let nearby = extensions.map { argument + $0 }.first { FileSystem.kind($0) == .file }
                diagnostics.append(.pathNotFound(argument, nearby: nearby))
            case .other:
                diagnostics.append(.error(.notAFile, "\(argument) is not a file or a directory", at: .wholeFile(argument)))
            }
        }
        // The same file named twice is compiled once; two files for one output are an error.
        var seen: [String: SpecInput] = [:]
        var paths: Set<String> = []
        var unique: [SpecInput] = []
        for spec in specs {
            guard paths.insert(spec.path).inserted else { continue }
            if checkOutputs, let first = seen[spec.outputName] {
                diagnostics.append(.outputCollision(spec, first))
                continue
            }
            seen[spec.outputName] = spec
            unique.append(spec)
        }
        return (unique, diagnostics)
    }

    /// The specs under `directory`, depth first, each folder's entries in byte order.
    static func search(_ directory: String) -> [String] {
        var found: [String] = []
        for name in FileSystem.list(directory) ?? [] where !name.hasPrefix(".") {
            // `formwork lint .` names `specs/app.yaml`, not `./specs/app.yaml`.
            let path = directory == "." || directory == "./" ? name : join(directory, name)
            switch FileSystem.kind(path) {
            case .file:
                if extensions.contains(where: { name.hasSuffix($0) }), isSpec(path) { found.append(path) }
            case .directory:
                if !skippedDirectories.contains(name), !FileSystem.isSymbolicLink(path) { found += search(path) }
            default:
                break
            }
        }
        return found
    }

    /// Whether the file has a top-level `formwork:` key: a line starting
    /// `formwork:` (or quoted, `"formwork":`), read from the file's first
    /// 64 KiB and, only when it is not there, from the rest up to the YAML
    /// size limit. Nothing is parsed.
    public static func isSpec(_ path: String) -> Bool {
        for limit in [64 * 1024, 8 * 1024 * 1024] {
            switch FileSystem.readPrefix(path, count: limit) {
            case .some(let (bytes, complete)):
                if hasFormworkKey(bytes) { return true }
                if complete { return false }
            case .none:
                // Unreadable: compiling it reports why.
                return true
            }
        }
        return false
    }

    static func hasFormworkKey(_ bytes: [UInt8]) -> Bool {
        let keys: [[UInt8]] = ["formwork", "\"formwork\"", "'formwork'"].map { Array($0.utf8) }
        var start = 0
        // A byte order mark before the first line.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var line = bytes[start..<end]
            if line.starts(with: Array("--- ".utf8)) { line = line.dropFirst(4) }
            for key in keys where line.starts(with: key) {
                var rest = line.dropFirst(key.count)
                while rest.first == UInt8(ascii: " ") || rest.first == UInt8(ascii: "\t") { rest = rest.dropFirst() }
                if rest.first == UInt8(ascii: ":") { return true }
            }
            start = end + 1
        }
        return false
    }

    private static func input(_ path: String) -> SpecInput {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        var stem = file
        for suffix in extensions where file.hasSuffix(suffix) && file.count > suffix.count {
            stem = String(file.dropLast(suffix.count))
        }
        return SpecInput(path: path, outputName: stem + ".json")
    }

    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

extension Diagnostic {
    static func pathNotFound(_ path: String, nearby: String?) -> Diagnostic {
        .error(.pathNotFound, "no such file or directory: \(path)", at: .wholeFile(path),
               help: [nearby.map { "did you mean \($0)?" } ?? "give a spec file (*.yaml, *.yml) or a directory of specs"])
    }

    static func noSpecInDirectory(_ path: String) -> Diagnostic {
        .error(.noSpecInDirectory, "no spec in directory \(path) (looked for *.yaml and *.yml with a top-level formwork: key, in it and its subdirectories)",
               at: .wholeFile(path))
    }

    static func outputCollision(_ spec: SpecInput, _ first: SpecInput) -> Diagnostic {
        .error(.outputCollision, "\(spec.path) and \(first.path) would both write \(spec.outputName)",
               at: .wholeFile(spec.path), help: ["rename one of them, or compile them into different --out directories"])
    }
}
