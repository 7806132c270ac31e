import Foundation
import FormworkDiagnostics
import FormworkKit
import FormworkTestSupport
import Testing

/// The registry of diagnostic codes is complete, each code is documented,
/// and each code a spec can cause has a golden case.
@Suite struct DiagnosticRegistryTests {
    let codes = DiagnosticRegistry.all.map(\.rawValue)

    @Test func codesAreUnique() {
        let duplicates = Dictionary(grouping: codes, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "codes declared twice: \(duplicates)")
    }

    /// Every `DiagnosticCode("FW...` declared in Sources/ is registered.
    @Test func registryIsComplete() throws {
        let declared = Set(try CodeDeclarations.scan().keys)
        let missing = declared.subtracting(codes).sorted()
        #expect(missing.isEmpty, "declared but not in DiagnosticRegistry.all (Sources/FormworkKit/DiagnosticRegistry.swift): \(missing)")
    }

    /// Each code is declared once, and a rule's codes in that rule's own file.
    @Test func everyCodeIsDeclaredOnceAndARulesCodesInItsFile() throws {
        let declarations = try CodeDeclarations.scan()
        for (code, files) in declarations {
            #expect(files.count == 1, "\(code) is declared in \(files)")
        }
        for rule in DiagnosticRegistry.rules {
            for code in rule.codes {
                #expect(declarations[code.rawValue] == [rule.sourceFile],
                        "\(code) belongs to rule \(rule.name) but is declared in \(declarations[code.rawValue] ?? [])")
            }
        }
    }

    /// Every code belongs to exactly one rule or to one phase before the rules,
    /// and its phase says which: a spec rule's are spec checks, a template rule's template checks.
    @Test func everyCodeBelongsToOneRuleOrPhase() {
        for code in DiagnosticRegistry.all {
            let owners = DiagnosticRegistry.rules.filter { $0.codes.contains(code) }
            let inPhase = DiagnosticRegistry.phaseCodes.contains(code)
            #expect(owners.count + (inPhase ? 1 : 0) == 1, "\(code) belongs to \(owners.map(\.name)) and phase list: \(inPhase)")
            if let rule = owners.first {
                #expect(code.phase == (rule.readsTemplate ? .templateChecks : .specChecks), "\(code) of \(rule.name) has phase \(code.phase)")
            }
        }
        for code in DiagnosticRegistry.phaseCodes {
            #expect([.driver, .yaml, .decoding, .outputs].contains(code.phase), "\(code) is listed as a phase code but its phase is \(code.phase)")
        }
    }

    /// Every file under Sources/FormworkRules/Rules is one registered rule of
    /// the same name, with a doc comment (its documentation) and at least one code.
    @Test func everyRuleFileIsARegisteredDocumentedRule() throws {
        var files: [String] = []
        for folder in ["Spec", "Template"] {
            files += PackagePaths.files(in: "Sources/FormworkRules/Rules/\(folder)", suffixes: [".swift"])
                .map { "Sources/FormworkRules/Rules/\(folder)/\($0)" }
        }
        #expect(Set(files) == Set(DiagnosticRegistry.rules.map(\.sourceFile)), "rule files and RuleRegistry differ")
        for rule in DiagnosticRegistry.rules {
            #expect(CodeDeclarations.docComment(of: rule.name, in: rule.sourceFile) != nil, "\(rule.name) has no doc comment")
            #expect(!rule.codes.isEmpty, "\(rule.name) reports no code")
            #expect(!rule.summary.isEmpty)
        }
        let names = DiagnosticRegistry.rules.map(\.name)
        #expect(Set(names).count == names.count, "a rule is registered twice")
    }

    @Test func everyCodeIsDocumented() throws {
        let docs = try String(contentsOfFile: PackagePaths.path("docs/diagnostics.md"), encoding: .utf8)
        let undocumented = codes.filter { !docs.contains("### \($0)") }
        #expect(undocumented.isEmpty, "codes without a '### FWnnnn' section in docs/diagnostics.md: \(undocumented)")
    }

    /// Codes that no committed spec can show, and the test that covers each.
    static let coveredElsewhere = [
        "FW1010": "CommandLineTests.aHugeSpecIsALocatedErrorReadOnlyToTheLimit: it needs a spec over 8 MiB",
        "FW0020": "GateTests.checkReportsStaleMissingAndOrphanedTemplates: it needs an output directory",
        "FW0021": "GateTests.checkReportsStaleMissingAndOrphanedTemplates: it needs an output directory",
        "FW0022": "GateTests.checkReportsStaleMissingAndOrphanedTemplates: it needs an output directory",
    ]

    /// Driver and I/O codes come from the command line, not from a spec;
    /// CommandLineTests covers them.
    @Test func everySpecCodeHasAGoldenCase() throws {
        var text = ""
        for directory in ["golden/invalid", "golden"] {
            for name in PackagePaths.files(in: directory, suffixes: [".txt"]) {
                text += try String(contentsOfFile: PackagePaths.path("\(directory)/\(name)"), encoding: .utf8)
            }
        }
        let uncovered = DiagnosticRegistry.all.filter { $0.phase != .driver }.map(\.rawValue)
            .filter { Self.coveredElsewhere[$0] == nil && !text.contains("[\($0)]") }
        #expect(uncovered.isEmpty, "codes no golden diagnostics file shows: \(uncovered)")
    }

    /// A code's reference is the AWS page its rule comes from; without one
    /// its URL is its own section of docs/diagnostics.md.
    @Test func everyCodeHasAURL() throws {
        let docs = try String(contentsOfFile: PackagePaths.path("docs/diagnostics.md"), encoding: .utf8)
        for code in DiagnosticRegistry.all {
            if let reference = code.reference {
                #expect(reference.url.hasPrefix("https://docs.aws.amazon.com/"), "\(code): \(reference.url)")
                #expect(code.url == reference.url)
                #expect(!reference.title.isEmpty)
            } else {
                #expect(code.url == "docs/diagnostics.md#\(code.rawValue.lowercased())")
            }
            #expect(docs.contains("<a id=\"\(code.anchor)\"></a>"), "docs/diagnostics.md has no anchor for \(code)")
        }
    }

    /// Lowering is pure expansion: no file of it makes or mentions a diagnostic.
    @Test func loweringReportsNothing() throws {
        let root = PackagePaths.path("Sources/FormworkLowering")
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("import ") {
                #expect(!line.contains("Diagnostic") && !line.contains("diagnostics"), "FormworkLowering/\(file): \(line)")
            }
        }
    }
}
