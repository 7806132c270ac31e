import FormworkDiagnostics

/// A spec to compile and the output file it writes.
public struct SpecInput: Sendable, Equatable {
    public let path: String
    /// `<spec file stem>.json`.
    public let outputName: String

    /// `<spec file stem>.map.json`, for `compile --source-map`.
    public var sourceMapName: String { String(outputName.dropLast(".json".count)) + ".map.json" }
}

/// Turns command-line paths into the specs they mean: a file is itself, a
/// directory is every `*.yaml` and `*.yml` directly in it, sorted, except
/// dotfiles.
public enum SpecDiscovery {
    public static let extensions = [".yaml", ".yml"]

    public static func specs(for arguments: [String]) -> (specs: [SpecInput], diagnostics: [Diagnostic]) {
        var specs: [SpecInput] = []
        var diagnostics: [Diagnostic] = []
        for argument in arguments {
            switch FileSystem.kind(argument) {
            case .file:
                specs.append(input(argument))
            case .directory:
                // Dotfiles (an editor's `.spec.yaml.swp`, `.draft.yaml`) are not specs.
                let names = (FileSystem.list(argument) ?? []).filter { name in
                    !name.hasPrefix(".") && extensions.contains { name.hasSuffix($0) }
                        && FileSystem.kind(join(argument, name)) == .file
                }
                if names.isEmpty { diagnostics.append(.noSpecInDirectory(argument)) }
                specs += names.map { input(join(argument, $0)) }
            case .missing:
                let nearby = extensions.map { argument + $0 }.first { FileSystem.kind($0) == .file }
                diagnostics.append(.pathNotFound(argument, nearby: nearby))
            case .other:
                diagnostics.append(.error(.notAFile, "\(argument) is not a file or a directory", at: .wholeFile(argument)))
            }
        }
        // The same file named twice is compiled once; two files for one output are an error.
        var seen: [String: SpecInput] = [:]
        var unique: [SpecInput] = []
        for spec in specs {
            if let first = seen[spec.outputName] {
                if first.path != spec.path { diagnostics.append(.outputCollision(spec, first)) }
                continue
            }
            seen[spec.outputName] = spec
            unique.append(spec)
        }
        return (unique, diagnostics)
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
        .error(.noSpecInDirectory, "no spec in directory \(path) (looked for *.yaml and *.yml directly in it)",
               at: .wholeFile(path))
    }

    static func outputCollision(_ spec: SpecInput, _ first: SpecInput) -> Diagnostic {
        .error(.outputCollision, "\(spec.path) and \(first.path) would both write \(spec.outputName)",
               at: .wholeFile(spec.path), help: ["rename one of them, or compile them into different --out directories"])
    }
}
