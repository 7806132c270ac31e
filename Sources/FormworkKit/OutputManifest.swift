#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How Formwork knows which files of an output directory are its own:
/// `compile` lists each file it writes there in `DIR/.formwork-manifest`,
/// one line a file, `<name>TAB<spec>`, the spec's path relative to `DIR`
/// (so the list holds wherever the tree is checked out and whatever the
/// working directory). `compile --prune` removes only files listed there,
/// and `compile --check` reports them as orphaned, when their spec is gone;
/// a file not listed (written by hand, by another tool, or by a Formwork
/// before the manifest) is never removed. The lines are sorted, so the file
/// changes only when the set of outputs does (commit it with the templates).
public struct OutputManifest: Sendable, Equatable {
    public static let fileName = ".formwork-manifest"

    /// Each output file's name and its spec, relative to the output directory.
    public private(set) var entries: [String: String] = [:]

    public init() {}

    static let header = """
        # formwork compile wrote each file listed here, from the spec beside it (relative to this directory).
        # compile --prune removes a listed file whose spec is gone, and compile --check reports it; nothing else.

        """

    /// The manifest of `directory`; empty when there is none. Lines that are
    /// not `<name>TAB<spec>` with a plain output name are ignored.
    public static func read(directory: String) -> OutputManifest {
        var manifest = OutputManifest()
        guard case .bytes(let bytes) = FileSystem.read(SpecDiscovery.join(directory, fileName), limit: 16 * 1024 * 1024)
        else { return manifest }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2, isOutputName(String(fields[0])), !fields[1].isEmpty else { continue }
            manifest.entries[String(fields[0])] = String(fields[1])
        }
        return manifest
    }

    /// A name the manifest may list: a file directly in the directory, not a dotfile, `*.json`.
    static func isOutputName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.hasSuffix(".json")
            && !name.contains { $0 == "/" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    }

    /// Records that `name` in `directory` was written from the spec at `spec`.
    public mutating func record(_ name: String, spec: String, directory: String) {
        guard Self.isOutputName(name) else { return }
        let relative = Paths.relative(from: Paths.canonical(directory), to: Paths.canonical(spec))
        guard !relative.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return }
        entries[name] = relative
    }

    public mutating func forget(_ name: String) { entries[name] = nil }

    /// The listed outputs not in `produced` whose spec is no longer a file,
    /// each with its path and its spec's path as the working directory sees them.
    public func orphans(directory: String, excluding produced: Set<String>)
        -> [(name: String, path: String, spec: String)]
    {
        let base = Paths.canonical(directory)
        let cwd = Paths.canonical(".")
        return entries.keys.sorted().compactMap { name in
            guard !produced.contains(name) else { return nil }
            let spec = Paths.normalized(base + "/" + entries[name]!)
            guard FileSystem.kind(spec) != .file else { return nil }
            return (name, SpecDiscovery.join(directory, name), Paths.relative(from: cwd, to: spec))
        }
    }

    /// Writes the manifest atomically, or removes it when it lists nothing.
    public func write(directory: String) -> String? {
        let path = SpecDiscovery.join(directory, Self.fileName)
        if entries.isEmpty {
            if FileSystem.kind(path) == .file { FileSystem.remove(path) }
            return nil
        }
        let lines = entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { "\($0)\t\(entries[$0]!)\n" }
        if let problem = FileSystem.makeDirectories(directory) { return problem }
        return FileSystem.writeAtomically(Self.header + lines.joined(), to: path)
    }
}

/// Absolute, canonical and relative paths, on the C library.
enum Paths {
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(cString: buffer)
    }

    /// `path` made absolute and without `.`, `..` or repeated slashes, lexically.
    static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : currentDirectory() + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The real path (symbolic links resolved) when it exists, else `normalized`.
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return normalized(path) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `target` relative to the directory `base`, both absolute.
    static func relative(from base: String, to target: String) -> String {
        let from = base.split(separator: "/"), to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
