#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// `lint --cfn-lint`: the installed cfn-lint run over the compiled
/// templates, each of its findings reported at the spec line that caused
/// the value it is about (the source map), under cfn-lint's own rule id.
///
/// cfn-lint is started once for all the templates of a run (it takes
/// seconds to start), from `PATH`; its JSON output (`--format json`) is
/// read back. A finding whose path has no source-map entry is reported at
/// the deepest enclosing value that has one.
public enum CfnLint {
    /// The diagnostics of each compilation, in the order given (none for one
    /// without a template), or the reason cfn-lint could not be run.
    public static func check(_ compilations: [Compilation], executable: String = "cfn-lint")
        -> Result<[[Diagnostic]], Failure>
    {
        check(compilations.map { Input(path: $0.path, text: $0.text, sourceMap: $0.sourceMap) }, executable: executable)
    }

    /// A compiled template to lint: the spec's path, the template's text (nil: none), its source map.
    package struct Input: Sendable {
        package let path: String
        package let text: String?
        package let sourceMap: SourceMap?

        package init(path: String, text: String?, sourceMap: SourceMap?) {
            self.path = path
            self.text = text
            self.sourceMap = sourceMap
        }
    }

    package static func check(_ compilations: [Input], executable: String = "cfn-lint") -> Result<[[Diagnostic]], Failure> {
        var byFile: [String: Int] = [:]
        var results = Array(repeating: [Diagnostic](), count: compilations.count)
        let tmp = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((tmp + "/formwork-cfn-lint-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { return .failure(.io("cannot make a temporary directory")) }
        let directory = String(cString: made)
        defer {
            for file in byFile.keys { _ = FileSystem.remove(file) }
            rmdir(directory)
        }
        for (index, compilation) in compilations.enumerated() {
            guard let text = compilation.text else { continue }
            let file = "\(directory)/\(index).json"
            if let problem = FileSystem.writeAtomically(text, to: file) { return .failure(.io(problem)) }
            byFile[file] = index
        }
        guard !byFile.isEmpty else { return .success(results) }
        let arguments = [executable, "--format", "json", "--"] + byFile.keys.sorted()
        let output: [UInt8]
        switch Subprocess.run(arguments) {
        case .failure(let failure): return .failure(failure)
        case .success(let (status, bytes)):
            // cfn-lint exits with a bit mask of the levels it found (2 errors, 4 warnings, 8 informational).
            guard status & ~0b1110 == 0 else {
                return .failure(.failed("cfn-lint exited with status \(status)"))
            }
            output = bytes
        }
        guard let records = output.withUnsafeBufferPointer({ SchemaJSON.parse($0) })?.items else {
            return .failure(.failed("cfn-lint printed no JSON"))
        }
        for record in records {
            guard let file = record["Filename"]?.string, let index = byFile[file] else { continue }
            results[index].append(diagnostic(record, compilations[index]))
        }
        return .success(results.map { $0.sortedForDisplay() })
    }

    public enum Failure: Error, Sendable, Equatable {
        /// cfn-lint is not on `PATH`.
        case notInstalled
        case failed(String)
        case io(String)

        public var message: String {
            switch self {
            case .notInstalled: "cfn-lint is not installed (pip install cfn-lint); --cfn-lint runs it"
            case .failed(let why): why
            case .io(let why): why
            }
        }
    }

    /// One finding as a diagnostic at the spec range of the value its `Location.Path` names.
    static func diagnostic(_ record: SchemaJSON, _ compilation: Input) -> Diagnostic {
        let rule = record["Rule"]?["Id"]?.string ?? "E0000"
        let message = record["Message"]?.string ?? ""
        let path = record["Location"]?["Path"]?.items?.map { item -> String in
            if let number = item.number { String(Int(number)) } else { item.string ?? "" }
        } ?? []
        let pointer = path.map { "/" + SourceMap.escape(key: $0) }.joined()
        let range = compilation.sourceMap?.range(at: pointer) ?? .wholeFile(compilation.path)
        let severity: Severity = switch record["Level"]?.string {
        case "Error": .error
        case "Warning": .warning
        default: .note
        }
        let code = DiagnosticCode(external: rule, .templateChecks, "a cfn-lint finding",
                                  reference: DocumentationPage("cfn-lint rule \(rule)",
                                                               "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md"))
        // cfn-lint lists every allowed value; a line on a terminal holds a readable part of it.
        let shown = message.count > 300 ? message.prefix(300) + "…" : Substring(message)
        return Diagnostic(severity, code, "cfn-lint: \(shown)", at: range)
    }
}

/// A child process with its standard output read to the end (standard
/// error passes through): posix_spawn, no Foundation.
enum Subprocess {
    /// `quiet`: the child's standard error goes to /dev/null (git's "does not exist" for a spec new since the revision).
    static func run(_ arguments: [String], quiet: Bool = false) -> Result<(status: Int32, stdout: [UInt8]), CfnLint.Failure> {
        var pipes: [Int32] = [0, 0]
        guard pipe(&pipes) == 0 else { return .failure(.io("cannot make a pipe")) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipes[0])
        posix_spawn_file_actions_addclose(&actions, pipes[1])
        if quiet { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        close(pipes[1])
        guard spawned == 0 else {
            close(pipes[0])
            return .failure(spawned == ENOENT ? .notInstalled : .failed("cannot start \(arguments[0]): error \(spawned)"))
        }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(pipes[0], $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            output += chunk[..<count]
        }
        close(pipes[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        let exited = status & 0x7F == 0
        guard exited else { return .failure(.failed("\(arguments[0]) was killed by signal \(status & 0x7F)")) }
        let code = (status >> 8) & 0xFF
        // posix_spawnp reports a missing program as the child's exit status 127 on glibc.
        if code == 127 { return .failure(.notInstalled) }
        return .success((code, output))
    }
}

extension DiagnosticCode {
    public static let cfnLintFailed = DiagnosticCode(
        "FW0009", .driver, "lint --cfn-lint could not run cfn-lint")
}
