import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkYAML

/// libyaml's reader, scanner and parser errors become located FW1001 diagnostics.
@Suite struct SyntaxErrorTests {
    @Test func unclosedFlowSequence() throws {
        let text = MarkedText("formwork: 1\nresources: ⟨open⟩[a, b\n⟨end⟩")
        let d = try #require(onlyDiagnostic(text.text))
        #expect(d.code == .yamlSyntax)
        #expect(d.message == "while parsing a flow sequence: did not find expected ',' or ']'")
        #expect(d.range.start == text.location("end"))
        #expect(d.notes.map(\.message) == ["the flow sequence starts here"])
        #expect(d.notes.first?.range?.start == text.location("open"))
    }

    @Test func unclosedFlowMapping() {
        let text = MarkedText("formwork: 1\ntags: ⟨open⟩{a: 1\nstack: demo\n")
        let d = onlyDiagnostic(text.text)
        #expect(d?.code == .yamlSyntax)
        #expect(d?.message.hasPrefix("while parsing a flow mapping: ") == true)
        #expect(d?.notes.first?.range?.start == text.location("open"))
    }

    @Test func tabIndentation() throws {
        let text = MarkedText("formwork: 1\nresources:\n⟨tab⟩\tbucket: x\n")
        let d = try #require(onlyDiagnostic(text.text))
        #expect(d.code == .yamlSyntax)
        #expect(d.message == "while scanning for the next token: found character that cannot start any token")
        #expect(d.range.start == text.location("tab"))
        #expect(d.help == ["indent with spaces; YAML does not allow tabs in indentation"])
    }

    @Test func badIndentation() {
        let text = MarkedText("⟨mapping⟩formwork: 1\nresources:\n    a: 1\n  ⟨b⟩b: 2\n")
        let d = onlyDiagnostic(text.text)
        #expect(d?.code == .yamlSyntax)
        #expect(d?.message == "while parsing a block mapping: did not find expected key")
        #expect(d?.range.start == text.location("b"))
        #expect(d?.notes.first?.range?.start == text.location("mapping"))
    }

    @Test func unterminatedQuote() {
        let text = MarkedText("formwork: 1\nstack: ⟨quote⟩'demo\n⟨end⟩")
        let d = onlyDiagnostic(text.text)
        #expect(d?.code == .yamlSyntax)
        #expect(d?.message == "while scanning a quoted scalar: found unexpected end of stream")
        #expect(d?.range.start == text.location("end"))
        #expect(d?.notes.first?.range?.start == text.location("quote"))
        #expect(d?.notes.first?.message == "the quoted scalar starts here")
    }

    @Test func unknownEscape() {
        let text = MarkedText("stack: \"de⟨escape⟩\\qmo\"")
        let d = onlyDiagnostic(text.text)
        #expect(d?.message == "while parsing a quoted scalar: found unknown escape character")
        #expect(d?.range.start == text.location("escape"))
    }

    @Test func invalidUTF8IsLocatedByItsByteOffset() {
        let text = MarkedText("formwork: 1\nstack: dé⟨bad⟩")
        let d = onlyDiagnostic(bytes: Array(text.text.utf8) + [0xFF, 0x0A])
        #expect(d?.code == .yamlSyntax)
        #expect(d?.message == "invalid leading UTF-8 octet (#xFF)")
        #expect(d?.range.start == text.location("bad"))
    }

    @Test func truncatedUTF8Sequence() {
        let text = MarkedText("a: 1\r\nb: x⟨cut⟩")
        let d = onlyDiagnostic(bytes: Array(text.text.utf8) + [0xE2, 0x82])
        #expect(d?.code == .yamlSyntax)
        #expect(d?.range.start == text.location("cut"))
    }

    @Test func nulByte() {
        let text = MarkedText("formwork: 1\nstack: de⟨nul⟩")
        let d = onlyDiagnostic(bytes: Array(text.text.utf8) + [0x00] + Array("mo\n".utf8))
        #expect(d?.code == .yamlSyntax)
        #expect(d?.message == "control characters are not allowed (#x0)")
        #expect(d?.range.start == text.location("nul"))
    }

    @Test func utf16IsNotAccepted() {
        let d = onlyDiagnostic(bytes: [0xFF, 0xFE, 0x61, 0x00])
        #expect(d?.code == .yamlSyntax)
    }

    @Test func syntaxErrorAfterOtherErrorsKeepsBoth() {
        let codes = parse("a: 1\na: 2\nb: [").diagnostics.map(\.code)
        #expect(codes == [.yamlDuplicateKey, .yamlSyntax])
    }
}

@Suite struct ReaderErrorLocationTests {
    @Test func badTrailingOctetPointsAtItsCharacter() {
        let text = MarkedText("a: 1\nb: caf⟨bad⟩")
        let d = onlyDiagnostic(bytes: Array(text.text.utf8) + [0xE9] + Array(" au lait\n".utf8))
        #expect(d?.message == "invalid trailing UTF-8 octet (#x20)")
        #expect(d?.range.start == text.location("bad"))
        #expect(d?.help == ["save the file as UTF-8"])
    }

    @Test func badLeadingOctetAfterAMultiByteCharacter() {
        let text = MarkedText("a: é⟨bad⟩")
        #expect(onlyDiagnostic(bytes: Array(text.text.utf8) + [0xFF])?.range.start == text.location("bad"))
    }
}

@Suite struct SyntaxHintTests {
    @Test func colonInsideAPlainValue() {
        let text = MarkedText("description: Media⟨colon⟩: pipeline\n")
        let d = onlyDiagnostic(text.text)
        #expect(d?.message == "mapping values are not allowed in this context")
        #expect(d?.range.start == text.location("colon"))
        #expect(d?.help == ["put the value in quotes if it contains ': '"])
    }

    @Test(arguments: [
        "a:\n  kind: bucket\n    versioning: true\n",
        "a:\n  kind: bucket\n\n     versioning: true\n",
        "items:\n  - kind: bucket\n      versioning: true\n",
        "a:\r\n  kind: bucket\r\n    versioning: true\r\n",
    ])
    func anOverIndentedKeyGetsAnIndentationHintAndTheEdit(text: String) throws {
        let d = try #require(onlyDiagnostic(text))
        #expect(d.message == "mapping values are not allowed in this context")
        #expect(d.help == ["'versioning' is indented more than 'kind' above it, so YAML reads it as more of the value of 'kind'"])
        let fixed = try #require(d.fixIts.only).applied(to: text)
        #expect(parse(fixed).diagnostics.isEmpty, "\(fixed)")
    }

    @Test func aColonInAValueAfterANestedMappingStillSaysQuote() {
        let d = onlyDiagnostic("a:\n  b:\n    description: Media: pipeline\n")
        #expect(d?.help == ["put the value in quotes if it contains ': '"])
    }

    @Test func reservedIndicator() {
        let text = MarkedText("description: ⟨at⟩@media\n")
        let d = onlyDiagnostic(text.text)
        #expect(d?.range.start == text.location("at"))
        #expect(d?.help == ["put the value in quotes; a plain value cannot start with '@' or '`'"])
    }
}
