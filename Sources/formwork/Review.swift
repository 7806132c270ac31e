import ArgumentParser
import FormworkDiagnostics
import FormworkKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DiffDriver.Format: ExpressibleByArgument {}
extension DiffDriver.FailOn: ExpressibleByArgument {}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Say what deploying NEW over OLD does: replacements, data loss, security changes.",
        discussion: """
            Each side is a spec (compiled in memory), a template (.json), or a directory of either, matched by file stem. \
            With --base, the specs of PATH (default: the current directory) as they are at a git revision are compared \
            with the working tree. Exit status: 0 no difference, 1 different (with --fail-on: one of those), 2 an error.

            Examples:
              formwork diff out-old/ out/
              formwork diff --base origin/main specs --format markdown --fail-on data-loss
            """)

    @Argument(help: "OLD and NEW; with --base, the specs or directories to compare.")
    var paths: [String] = []

    @Option(help: "A git revision whose specs are the old side (read with git show; nothing is checked out).")
    var base: String?

    @Option(help: "text, markdown (a pull-request comment) or json.")
    var format: DiffDriver.Format = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 only on these: replacement, data-loss, security (repeatable).")
    var failOn: [DiffDriver.FailOn] = []

    @Option(help: "When to color the text format: auto (a terminal without NO_COLOR), always, never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if base == nil, paths.count != 2 { throw ValidationError("give OLD and NEW, or --base REV") }
    }

    func run() throws {
        let colors = switch color {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) == 1 && (getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true)
        }
        let outcome = base.map { DiffDriver.diff(base: $0, paths: paths, format: format, failOn: failOn, colors: colors) }
            ?? DiffDriver.diff(old: paths[0], new: paths[1], format: format, failOn: failOn, colors: colors)
        report(outcome.diagnostics)
        print(outcome.output, terminator: "")
        throw ExitCode(outcome.exitStatus)
    }
}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a spec's resources and what ties them (Graphviz dot or Mermaid).",
        discussion: """
            Generated resources are grouped under the spec resource they belong to; edges say why: reference, \
            dependsOn, trigger, permission. With --diff OLD, resources added, replaced or modified since OLD are coloured.

            Examples:
              formwork graph specs/app.yaml | dot -Tsvg > app.svg
              formwork graph specs/app.yaml --format mermaid --diff out-old/app.json
            """)

    @Argument(help: "The spec (or template) to draw.")
    var spec: String

    @Option(help: "dot or mermaid.")
    var format: ResourceGraphFormat = .dot

    @Option(help: "A spec or template to compare with: changes are coloured.")
    var diff: String?

    func run() throws {
        switch ReviewGraph.render(spec, format: format.value, against: diff) {
        case .success(let text): print(text, terminator: "")
        case .failure(let failure):
            report(failure.diagnostics)
            throw ExitCode(failure.diagnostics.exitStatus == 0 ? 2 : failure.diagnostics.exitStatus)
        }
    }
}

enum ResourceGraphFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, mermaid
    var value: ReviewGraph.Format { self == .dot ? .dot : .mermaid }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the spec language, for editors (yaml-language-server).",
        discussion: """
            Examples:
              formwork schema > formwork.schema.json
              # then, first line of a spec: # yaml-language-server: $schema=formwork.schema.json
            """)

    func run() throws { print(SpecSchema.json, terminator: "") }
}

/// Diagnostics of a review command, rendered as compile renders them, to standard error.
func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    var sources = SourceFiles()
    for path in Set(diagnostics.map(\.range.file)) {
        if case .bytes(let bytes) = FileSystem.read(path, limit: 8 * 1024 * 1024) { sources.add(path: path, text: String(decoding: bytes, as: UTF8.self)) }
    }
    writeError(TextRenderer(colors: false).render(diagnostics, sources: sources))
}
