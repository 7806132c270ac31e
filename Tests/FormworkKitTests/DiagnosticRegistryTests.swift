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
        let declared = try declaredCodes()
        let missing = declared.subtracting(codes).sorted()
        #expect(missing.isEmpty, "declared but not in DiagnosticRegistry.all (Sources/FormworkKit/DiagnosticRegistry.swift): \(missing)")
    }

    @Test func everyCodeIsDocumented() throws {
        let docs = try String(contentsOfFile: PackagePaths.path("docs/diagnostics.md"), encoding: .utf8)
        let undocumented = codes.filter { !docs.contains("### \($0)") }
        #expect(undocumented.isEmpty, "codes without a '### FWnnnn' section in docs/diagnostics.md: \(undocumented)")
    }

    /// Codes that no committed spec can show, and the test that covers each.
    static let coveredElsewhere = [
        "FW1010": "CommandLineTests.aHugeSpecIsALocatedErrorReadOnlyToTheLimit: it needs a spec over 8 MiB",
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

    private func declaredCodes() throws -> Set<String> {
        let root = PackagePaths.path("Sources")
        guard let files = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: Set<String> = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            var rest = Substring(text)
            // `DiagnosticCode("FW1234", ...`, the code on the same line or the next.
            while let range = rest.firstRange(of: "DiagnosticCode(") {
                rest = rest[range.upperBound...]
                let argument = rest.drop(while: \.isWhitespace)
                guard argument.hasPrefix("\"FW") else { continue }
                let digits = argument.dropFirst(3).prefix(4)
                if digits.count == 4, digits.allSatisfy(\.isNumber) { found.insert("FW" + digits) }
            }
        }
        return found
    }
}
