import FormworkDiagnostics
@testable import FormworkSpec
import FormworkTestSupport
import FormworkYAML
import Testing

/// YAML 1.1 reads `010` as octal 8 and `0900` as a string; neither is silent.
@Suite struct LeadingZeroNumberTests {
    private func queue(_ field: String, _ value: String) -> String {
        """
        formwork: 1
        stack: demo
        resources:
          jobs:
            kind: queue
            \(field): \(value)
        """
    }

    @Test func anOctalNumberIsAWarningSayingWhatYAMLRead() throws {
        let text = queue("retentionDays", "010")
        let (spec, diagnostics) = Pipeline.decode(text)
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.code == .leadingZeroNumber)
        #expect(diagnostic.message == "'010' is an octal number in YAML 1.1: it reads as 8, not 10")
        #expect(diagnostic.fixIts.map { $0.applied(to: text) } == [queue("retentionDays", "10"), queue("retentionDays", "8")])
        // The value is what YAML read, and the key is not taken as unread.
        guard case .queue(let decoded)? = spec?.resources.first?.body else { Issue.record("no queue"); return }
        #expect(decoded.retentionDays?.value == 8)
    }

    @Test func aNonOctalLeadingZeroIsAStringAndAnErrorWhereANumberIsExpected() throws {
        let text = queue("visibilityTimeout", "0900")
        let diagnostic = try #require(Pipeline.decode(text).diagnostics.only)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.code == .leadingZeroNumber)
        #expect(diagnostic.message.contains("is a string in YAML 1.1, not the number 900"))
        #expect(diagnostic.message.contains("9 is not an octal digit"))
        #expect(diagnostic.fixIts.map { $0.applied(to: text) } == [queue("visibilityTimeout", "900")])
    }

    @Test func inARawPropertyBothAreWarningsAndQuotingKeepsTheText() throws {
        let text = """
            formwork: 1
            stack: demo
            resources:
              topic:
                type: AWS::SNS::Topic
                properties: { DisplayName: 0900, TopicName: 010, Other: 007, Fine: "010", Zero: 0, Hex: 0x10 }
            """
        let diagnostics = Pipeline.decode(text).diagnostics
        #expect(diagnostics.map(\.severity) == [.warning, .warning])
        let quoted = diagnostics.compactMap { $0.fixIts.last?.applied(to: text) }
        #expect(quoted.count == 2)
        #expect(quoted.allSatisfy { Pipeline.decode($0).diagnostics.count == 1 })
    }

    @Test(arguments: [
        ("010", "10", 8), ("-010", "-10", -8), ("0_10", "10", 8), ("0900", "900", nil), ("00", nil, nil),
        ("07", nil, nil), ("0", nil, nil), ("0x10", nil, nil), ("0o10", nil, nil), ("010.5", nil, nil), ("10", nil, nil),
    ] as [(String, String?, Int?)])
    func readsTheYAML11Way(text: String, decimal: String?, octal: Int?) {
        let node = YAMLNode(content: .scalar(YAMLScalar(
            value: text, style: .plain, source: text, sourceStart: SourceLocation(line: 1, column: 1), file: "t")),
            range: SourceRange(file: "t", line: 1, column: 1))
        #expect(node.leadingZeroNumber?.decimal == decimal)
        #expect(node.leadingZeroNumber?.octalValue == octal)
    }
}
