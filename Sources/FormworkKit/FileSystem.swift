#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// read(2) and write(2) under names FileSystem's own `read` does not hide;
// unqualified here, so they are Glibc's or Darwin's.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// The few file operations the driver needs, on the C library directly
/// (Foundation would cost start-up time on every pre-commit run).
package enum FileSystem {
    package enum Kind { case file, directory, other, missing }

    package static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The names in a directory (not `.` and `..`), sorted by bytes.
    package static func list(_ directory: String) -> [String]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    package enum ReadResult {
        case bytes([UInt8])
        /// The file is larger than the limit; nothing past it was read.
        case tooLarge
        case failed(String)
    }

    /// Reads at most `limit` bytes; a larger file is `.tooLarge`, never read whole.
    package static func read(_ path: String, limit: Int) -> ReadResult {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failed(errorText()) }
        defer { close(fd) }
        return read(fd: fd, limit: limit)
    }

    private static func read(fd: Int32, limit: Int) -> ReadResult {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errorText())
            }
            if count == 0 { return .bytes(bytes) }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { return .tooLarge }
        }
    }

    /// The first `count` bytes of a file, and whether that is all of it; nil when it cannot be read.
    package static func readPrefix(_ path: String, count limit: Int) -> (bytes: [UInt8], complete: Bool)? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < limit {
            let want = min(chunk.count, limit - bytes.count)
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, want) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return (bytes, true) }
            bytes.append(contentsOf: chunk[0..<count])
        }
        var probe: UInt8 = 0
        return (bytes, systemRead(fd, &probe, 1) == 0)
    }

    /// Reads standard input to its end, at most `limit` bytes.
    package static func readStandardInput(limit: Int) -> ReadResult {
        read(fd: STDIN_FILENO, limit: limit)
    }

    /// Whether `path` is a symbolic link (not followed).
    package static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// Creates a directory and its parents.
    package static func makeDirectories(_ path: String) -> String? {
        if kind(path) == .directory { return nil }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if kind(prefix) == .directory { continue }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { return "cannot create \(prefix): \(errorText())" }
        }
        return nil
    }

    /// The temporary files `writeAtomically` makes: `.<name>.formwork-tmp-<pid>-XXXXXX`,
    /// a dotfile beside the output, so no `*.json` glob picks one up.
    package static let temporaryMarker = ".formwork-tmp-"

    /// Writes `text` to a temporary file beside `path`, then renames it into
    /// place: readers see the old file or the whole new one, never a part.
    /// A process killed before the rename leaves the temporary file, named
    /// after its process id (`removeLeftovers` takes it away).
    package static func writeAtomically(_ text: String, to path: String) -> String? {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let temporaryPath = String(path[..<slash]) + "." + String(path[slash...]) + temporaryMarker + "\(getpid())-XXXXXX"
        var template = Array(temporaryPath.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return "cannot create a temporary file beside \(path): \(errorText())" }
        let temporary = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var text = text
        let failure: String? = text.withUTF8 { bytes in
            var written = 0
            while written < bytes.count {
                let count = systemWrite(fd, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errorText()
                }
                written += count
            }
            return nil
        }
        if let failure {
            close(fd)
            unlink(temporary)
            return "cannot write \(path): \(failure)"
        }
        fchmod(fd, 0o644)
        guard close(fd) == 0, rename(temporary, path) == 0 else {
            let problem = errorText()
            unlink(temporary)
            return "cannot write \(path): \(problem)"
        }
        return nil
    }

    /// `writeAtomically`, unless `path` is a regular file that holds
    /// exactly `text` already: then only its modification time is set to
    /// now, as a write would, so `make` sees it as new and no reader ever
    /// sees it change. Reading and comparing the old file costs a fraction
    /// of writing and renaming a new one, and a build step or a hook
    /// mostly compiles specs whose templates have not changed.
    package static func writeIfChanged(_ text: String, to path: String) -> String? {
        if holds(text, path), utimensat(AT_FDCWD, path, nil, 0) == 0 { return nil }
        return writeAtomically(text, to: path)
    }

    /// Whether `path` is a regular file (not a link) whose bytes are exactly `text`'s.
    private static func holds(_ text: String, _ path: String) -> Bool {
        var info = stat()
        var text = text
        let count = text.utf8.count
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == count else { return false }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return text.withUTF8 { expected in
            let old = UnsafeMutableRawBufferPointer.allocate(byteCount: count + 1, alignment: 1)
            defer { old.deallocate() }
            var filled = 0
            // One byte more than expected: a file that grew since lstat is not the same.
            while filled <= count {
                let read = systemRead(fd, old.baseAddress! + filled, count + 1 - filled)
                if read < 0, errno == EINTR { continue }
                guard read > 0 else { break }
                filled += read
            }
            return filled == count && (count == 0 || memcmp(old.baseAddress!, expected.baseAddress!, count) == 0)
        }
    }

    /// Removes the temporary files of `writeAtomically` in `directory` whose
    /// process is gone (killed before it renamed them); returns their paths.
    /// Those of a live process, another run writing there now, are kept.
    package static func removeLeftovers(in directory: String) -> [String] {
        var removed: [String] = []
        for name in list(directory) ?? [] where name.hasPrefix(".") {
            guard let marker = name.firstRange(of: temporaryMarker) else { continue }
            let digits = name[marker.upperBound...].prefix { $0.isASCII && $0.isNumber }
            guard let pid = pid_t(digits), pid > 0 else { continue }
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if kind(path) == .file, remove(path) { removed.append(path) }
        }
        return removed
    }

    /// Removes a file if it exists; returns whether one was removed.
    @discardableResult
    package static func remove(_ path: String) -> Bool {
        unlink(path) == 0
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
