import Foundation
import FormworkDiagnostics
import FormworkKit
import FormworkTestSupport
import Testing

/// `--version`, `explain`, `formwork` alone, every subcommand's `--help`,
/// completions, and what the machine formats do with driver errors.
@Suite struct SmallCommandsTests {
    @Test func versionPrintsTheVersion() {
        let result = CLIRunner.formwork(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == FormworkVersion.current + "\n")
    }

    @Test func noSubcommandPrintsUsageAndExits2() {
        let result = CLIRunner.formwork([])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("USAGE: formwork <subcommand>"))
        #expect(result.stderr.contains("compile"))
    }

    @Test(arguments: ["compile", "lint", "explain", "diff", "graph", "schema"])
    func everySubcommandsHelpShowsAnExample(_ subcommand: String) {
        let result = CLIRunner.formwork([subcommand, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:\n  formwork \(subcommand) "), "\(result.stdout)")
    }

    @Test func completionScriptsAreGenerated() {
        for shell in ["bash", "zsh", "fish"] {
            let result = CLIRunner.formwork(["--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("formwork"))
        }
    }

    @Test func explainPrintsTheCodesEntry() {
        let result = CLIRunner.formwork(["explain", "fw3050"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("FW3050: a reference names nothing the spec declares\n"))
        #expect(result.stdout.contains("Rule: UnknownNames"))
        #expect(result.stdout.hasSuffix("\nSee docs/diagnostics.md#fw3050\n"))
        // docs/diagnostics.md's example, from the first golden file showing the code.
        #expect(result.stdout.contains("Example, from golden/invalid/"))
        #expect(result.stdout.contains("error[FW3050]"))
        // The rule's doc comment, built into the binary.
        let documentation = CodeDeclarations.docComment(
            of: "UnknownNames", in: "Sources/FormworkRules/Rules/Spec/UnknownNames.swift")
        #expect(documentation != nil)
        #expect(result.stdout.contains(documentation ?? "?"))
    }

    /// Every code has an entry, with its AWS page when it has one.
    @Test func everyCodeIsExplained() {
        for code in DiagnosticRegistry.all {
            let text = CodeDocumentation.explanation(of: code)
            #expect(text.hasPrefix("\(code.rawValue): \(code.summary)\n"))
            if let reference = code.reference { #expect(text.contains(reference.url)) }
            #expect(!CodeDocumentation.fullDescription(of: code).isEmpty)
        }
    }

    @Test func unknownCodeIsAUsageError() {
        let result = CLIRunner.formwork(["explain", "FW9999"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown diagnostic code 'FW9999'"))
    }

    @Test func badFormatIsAUsageError() {
        let result = CLIRunner.formwork(["lint", "specs/job-queues.yaml", "--format", "xml"])
        #expect(result.status == 2)
    }

    /// A driver error is reported in the format asked for, on standard output.
    @Test func driverErrorsInMachineFormats() {
        let json = CLIRunner.formwork(["lint", "specs/job-queues", "--format", "json"])
        #expect(json.status == 2)
        #expect(json.stdout.contains(#""code": "FW0001""#))
        #expect(json.stdout.contains(#""summary": {"specs": 0, "errors": 1, "warnings": 0}"#))
        #expect(json.stderr.isEmpty)
        let github = CLIRunner.formwork(["lint", "specs/job-queues", "--format", "github"])
        #expect(github.status == 2)
        #expect(github.stdout.hasPrefix("::error file=specs/job-queues,title=FW0001::no such file or directory"))
    }

    /// Many specs, one document, in input order, the same whatever the
    /// number of jobs; the summary counts every spec.
    @Test func oneDocumentForManySpecsWhateverTheJobs() throws {
        let serial = CLIRunner.formwork(["lint", "specs/invalid", "--format", "json", "-j", "1"])
        let parallel = CLIRunner.formwork(["lint", "specs/invalid", "--format", "json", "-j", "3"])
        #expect(serial.status == 1)
        #expect(parallel.status == serial.status)
        #expect(parallel.stdout == serial.stdout)
        let document = try JSONSerialization.jsonObject(with: Data(serial.stdout.utf8)) as? [String: Any]
        let diagnostics = document?["diagnostics"] as? [[String: Any]] ?? []
        let files = diagnostics.compactMap { $0["file"] as? String }
        var order: [String] = []
        for file in files where order.last != file { order.append(file) }
        #expect(order == order.sorted(), "files out of input order")
        #expect(Set(order).count == order.count, "a file's diagnostics are not together")
        // A directory's specs are the YAML files with a top-level `formwork:` key.
        let specs = SpecDiscovery.specs(for: [PackagePaths.path("specs/invalid")]).specs.count
        #expect((document?["summary"] as? [String: Int])?["specs"] == specs)
        for format in ["sarif", "github"] {
            let a = CLIRunner.formwork(["lint", "specs/invalid", "--format", format, "-j", "1"])
            let b = CLIRunner.formwork(["lint", "specs/invalid", "--format", format, "-j", "3"])
            #expect(a.status == 1 && b.status == 1)
            #expect(a.stdout == b.stdout, "--format \(format) differs between -j 1 and -j 3")
        }
    }

    /// With json or sarif, standard output is the document alone: what was
    /// written goes to standard error.
    @Test func compileSaysWhatItWroteOnStandardErrorWithADocumentFormat() throws {
        let out = try PackagePaths.temporaryDirectory("formwork-formats")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = CLIRunner.formwork(["compile", "specs/job-queues.yaml", "--out", out, "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr == "wrote \(out)/job-queues.json\n")
        #expect(result.stdout == """
            {
              "version": 1,
              "diagnostics": [],
              "summary": {"specs": 1, "errors": 0, "warnings": 0}
            }

            """)
    }
}
