import FormworkDiagnostics
import Testing
@testable import FormworkYAML

/// libyaml's reader, scanner and parser errors become located FW1001 diagnostics.
@Suite struct SyntaxErrorTests {
    @Test func unclosedFlowSequence() throws {
        let d = try #require(onlyDiagnostic("formwork: 1\nresources: [a, b\n"))
        #expect(d.code == .yamlSyntax)
        #expect(d.message == "while parsing a flow sequence: did not find expected ',' or ']'")
        #expect(at(d.range) == "3:1")
        #expect(d.notes.map(\.message) == ["the flow sequence starts here"])
        #expect(at(d.notes.first?.range) == "2:12")
    }

    @Test func unclosedFlowMapping() {
        let d = onlyDiagnostic("formwork: 1\ntags: {a: 1\nstack: demo\n")
        #expect(d?.code == .yamlSyntax)
        #expect(d?.message.hasPrefix("while parsing a flow mapping: ") == true)
        #expect(at(d?.notes.first?.range) == "2:7")
    }

    @Test func tabIndentation() throws {
        let d = try #require(onlyDiagnostic("formwork: 1\nresources:\n\tbucket: x\n"))
        #expect(d.code == .yamlSyntax)
        #expect(d.message == "while scanning for the next token: found character that cannot start any token")
        #expect(at(d.range) == "3:1")
        #expect(d.help == ["indent with spaces; YAML does not allow tabs in indentation"])
    }

    @Test func badIndentation() {
        let d = onlyDiagnostic("formwork: 1\nresources:\n    a: 1\n  b: 2\n")
        #expect(d?.code == .yamlSyntax)
        #expect(d?.message == "while parsing a block mapping: did not find expected key")
        #expect(at(d?.range) == "4:3")
        #expect(at(d?.notes.first?.range) == "1:1")
    }

    @Test func unterminatedQuote() {
        let d = onlyDiagnostic("formwork: 1\nstack: 'demo\n")
        #expect(d?.code == .yamlSyntax)
        #expect(d?.message == "while scanning a quoted scalar: found unexpected end of stream")
        #expect(at(d?.range) == "3:1")
        #expect(at(d?.notes.first?.range) == "2:8")
        #expect(d?.notes.first?.message == "the quoted scalar starts here")
    }

    @Test func unknownEscape() {
        let d = onlyDiagnostic("stack: \"de\\qmo\"")
        #expect(d?.message == "while parsing a quoted scalar: found unknown escape character")
        #expect(at(d?.range) == "1:11")
    }

    @Test func invalidUTF8IsLocatedByItsByteOffset() {
        let d = onlyDiagnostic(bytes: Array("formwork: 1\nstack: dé".utf8) + [0xFF, 0x0A])
        #expect(d?.code == .yamlSyntax)
        #expect(d?.message == "invalid leading UTF-8 octet (#xFF)")
        #expect(at(d?.range) == "2:10")
    }

    @Test func truncatedUTF8Sequence() {
        let d = onlyDiagnostic(bytes: Array("a: 1\r\nb: x".utf8) + [0xE2, 0x82])
        #expect(d?.code == .yamlSyntax)
        #expect(d?.range.start.line == 2)
    }

    @Test func nulByte() {
        let d = onlyDiagnostic(bytes: Array("formwork: 1\nstack: de".utf8) + [0x00] + Array("mo\n".utf8))
        #expect(d?.code == .yamlSyntax)
        #expect(d?.message == "control characters are not allowed (#x0)")
        #expect(at(d?.range) == "2:10")
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
        let d = onlyDiagnostic(bytes: Array("a: 1\nb: caf".utf8) + [0xE9] + Array(" au lait\n".utf8))
        #expect(d?.message == "invalid trailing UTF-8 octet (#x20)")
        #expect(at(d?.range) == "2:7")
        #expect(d?.help == ["save the file as UTF-8"])
    }

    @Test func badLeadingOctetAfterAMultiByteCharacter() {
        #expect(at(onlyDiagnostic(bytes: Array("a: é".utf8) + [0xFF])?.range) == "1:5")
    }
}

@Suite struct SyntaxHintTests {
    @Test func colonInsideAPlainValue() {
        let d = onlyDiagnostic("description: Media: pipeline\n")
        #expect(d?.message == "mapping values are not allowed in this context")
        #expect(at(d?.range) == "1:19")
        #expect(d?.help == ["put the value in quotes if it contains ': '"])
    }

    @Test func reservedIndicator() {
        let d = onlyDiagnostic("description: @media\n")
        #expect(at(d?.range) == "1:14")
        #expect(d?.help == ["put the value in quotes; a plain value cannot start with '@' or '`'"])
    }
}
