import FormworkCFN
import FormworkDiagnostics

/// `formwork diff`: the sides read (a spec compiled in memory, a template
/// read back, or a directory of either matched by file stem), compared
/// stack by stack, and rendered. It never prints; the command line does.
public enum DiffDriver {
    public enum Format: String, Sendable, CaseIterable { case text, markdown, json }
    public enum FailOn: String, Sendable, CaseIterable {
        case replacement
        case dataLoss = "data-loss"
        case security
    }

    public struct Outcome: Sendable {
        public let output: String
        public let diagnostics: [Diagnostic]
        /// 0 equal (or, with `--fail-on`, nothing it names), 1 different (or something it names), 2 an error.
        public let exitStatus: Int32
    }

    /// One stack on one side: its name (the file stem) and template; nil when the side has no such stack.
    struct Side {
        var stacks: [(stem: String, path: String, template: Template)] = []
    }

    public static func diff(old: String, new: String, format: Format, failOn: [FailOn],
                            options: CompileOptions = .init(), colors: Bool = false) -> Outcome
    {
        var diagnostics: [Diagnostic] = []
        var a = load(old, options: options, into: &diagnostics)
        let b = load(new, options: options, into: &diagnostics)
        // Two files are one stack whatever their names; directories are matched by stem.
        if FileSystem.kind(old) == .file, FileSystem.kind(new) == .file, a.stacks.count == 1, b.stacks.count == 1 {
            a.stacks[0].stem = b.stacks[0].stem
        }
        return finish(a, b, format: format, failOn: failOn, diagnostics: diagnostics, colors: colors)
    }

    /// The specs of `paths` as they are at `revision` (read with `git show`, nothing checked out)
    /// against the working tree. A spec that does not exist at the revision is all added.
    public static func diff(base revision: String, paths: [String], format: Format, failOn: [FailOn],
                            options: CompileOptions = .init(), colors: Bool = false) -> Outcome
    {
        var diagnostics: [Diagnostic] = []
        guard case .success(let check) = Subprocess.run(["git", "rev-parse", "--verify", "--quiet", revision + "^{commit}"], quiet: true),
              check.status == 0 else {
            let error = Diagnostic.error(.cannotRead, "git has no commit '\(revision)' here (run inside the repository)",
                                         at: .wholeFile(revision))
            return Outcome(output: "", diagnostics: [error], exitStatus: 2)
        }
        let toplevel: String? = if case .success(let top) = Subprocess.run(["git", "rev-parse", "--show-toplevel"], quiet: true), top.status == 0 {
            String(decoding: top.stdout, as: UTF8.self).trimmingNewlines
        } else { nil }
        let (specs, found) = SpecDiscovery.specs(for: paths.isEmpty ? ["."] : paths)
        diagnostics += found
        var a = Side()
        var b = Side()
        for spec in specs {
            let stem = String(spec.outputName.dropLast(".json".count))
            // `REV:./path` is relative to the current directory; an absolute path is made relative to the repository.
            var relative = spec.path.hasPrefix("./") ? spec.path : "./" + spec.path
            if spec.path.hasPrefix("/") {
                guard let top = toplevel, spec.path.hasPrefix(top + "/") else { continue }
                relative = String(spec.path.dropFirst(top.count + 1))
            }
            if case .success(let shown) = Subprocess.run(["git", "show", "\(revision):\(relative)"], quiet: true), shown.status == 0 {
                let compiled = Compiler.compile(bytes: shown.stdout, path: "\(revision):\(spec.path)",
                                                options: options.withoutSourceMap)
                diagnostics += compiled.diagnostics.filter { $0.severity == .error }
                if let template = compiled.template { a.stacks.append((stem, "\(revision):\(spec.path)", template)) }
            }
            let compiled = Compiler.compile(file: spec.path, options: options.withoutSourceMap)
            diagnostics += compiled.diagnostics.filter { $0.severity == .error }
            if let template = compiled.template { b.stacks.append((stem, spec.path, template)) }
        }
        return finish(a, b, format: format, failOn: failOn, diagnostics: diagnostics, colors: colors)
    }

    static func finish(_ a: Side, _ b: Side, format: Format, failOn: [FailOn], diagnostics: [Diagnostic],
                       colors: Bool = false) -> Outcome {
        guard !diagnostics.hasErrors else { return Outcome(output: "", diagnostics: diagnostics, exitStatus: diagnostics.exitStatus) }
        var stacks: [(old: String, new: String, diff: TemplateDiff)] = []
        let stems = Set(a.stacks.map(\.stem)).union(b.stacks.map(\.stem)).sorted()
        for stem in stems {
            let x = a.stacks.first { $0.stem == stem }
            let y = b.stacks.first { $0.stem == stem }
            let diff = TemplateDiff.compare(x?.template ?? Template(), y?.template ?? Template())
            stacks.append((x?.path ?? "(none)", y?.path ?? "(none)", diff))
        }
        let output = switch format {
        case .json: DiffJSON.render(stacks)
        case .markdown: DiffReport.markdown(stacks)
        case .text: DiffReport.text(stacks, colors: colors)
        }
        let diffs = stacks.map(\.diff)
        let failed = failOn.isEmpty ? diffs.contains { !$0.isEmpty } : failOn.contains { gate in
            switch gate {
            case .replacement: diffs.contains(where: \.hasReplacement)
            case .dataLoss: diffs.contains(where: \.hasDataLoss)
            case .security: diffs.contains { !$0.security.isEmpty }
            }
        }
        return Outcome(output: output, diagnostics: diagnostics, exitStatus: failed ? 1 : 0)
    }

    /// A spec, a template, or a directory of them.
    static func load(_ path: String, options: CompileOptions, into diagnostics: inout [Diagnostic]) -> Side {
        var side = Side()
        switch FileSystem.kind(path) {
        case .file:
            if let stack = loadFile(path, options: options, into: &diagnostics) { side.stacks.append(stack) }
        case .directory:
            let names = (FileSystem.list(path) ?? []).filter { name in
                !name.hasPrefix(".") && !name.hasSuffix(".map.json")
                    && (name.hasSuffix(".json") || SpecDiscovery.extensions.contains { name.hasSuffix($0) })
            }
            for name in names {
                if let stack = loadFile(path + "/" + name, options: options, into: &diagnostics) { side.stacks.append(stack) }
            }
        case .missing:
            diagnostics.append(.error(.pathNotFound, "\(path) does not exist", at: .wholeFile(path)))
        case .other:
            diagnostics.append(.error(.notAFile, "\(path) is not a file or a directory", at: .wholeFile(path)))
        }
        return side
    }

    static func loadFile(_ path: String, options: CompileOptions, into diagnostics: inout [Diagnostic])
        -> (stem: String, path: String, template: Template)?
    {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".json") {
            switch FileSystem.read(path, limit: 8 * 1024 * 1024) {
            case .bytes(let bytes):
                switch TemplateReader.read(bytes) {
                case .success(let template): return (String(name.dropLast(5)), path, template)
                case .failure(.notJSON):
                    diagnostics.append(.error(.cannotRead, "\(path) is not JSON", at: .wholeFile(path)))
                case .failure(.notATemplate(let why)):
                    diagnostics.append(.error(.cannotRead, "\(path) is not a CloudFormation template: \(why)", at: .wholeFile(path)))
                }
            case .tooLarge:
                diagnostics.append(.error(.cannotRead, "\(path) is larger than 8 MiB", at: .wholeFile(path)))
            case .failed(let problem):
                diagnostics.append(.error(.cannotRead, "cannot read \(path): \(problem)", at: .wholeFile(path)))
            }
            return nil
        }
        let compiled = Compiler.compile(file: path, options: options.withoutSourceMap)
        diagnostics += compiled.diagnostics.filter { $0.severity == .error }
        guard let template = compiled.template else { return nil }
        let stem = SpecDiscovery.extensions.first { name.hasSuffix($0) }.map { String(name.dropLast($0.count)) } ?? name
        return (stem, path, template)
    }
}

extension CompileOptions {
    /// A compile whose template is compared, not written: no source map to record.
    var withoutSourceMap: CompileOptions {
        var options = self
        options.sourceMap = false
        return options
    }
}

extension String {
    fileprivate var trimmingNewlines: String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
