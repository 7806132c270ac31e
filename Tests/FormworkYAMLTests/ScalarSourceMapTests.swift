import FormworkDiagnostics
import Testing
@testable import FormworkYAML

/// The source span of the first occurrence of `needle` in the scalar at `path`.
private func spanOf(_ needle: String, in yaml: String, path: [String] = ["v"], occurrence: Int = 0) -> String {
    let (root, diagnostics) = parse(yaml)
    guard diagnostics.isEmpty, var node = root else { return "parse failed: \(diagnostics.map(\.message))" }
    for key in path {
        guard let next = node[key] else { return "no \(key)" }
        node = next
    }
    guard let scalar = node.scalar else { return "not a scalar" }
    let value = Array(scalar.value.unicodeScalars)
    let target = Array(needle.unicodeScalars)
    var found = -1
    var seen = 0
    for i in 0...(max(0, value.count - target.count)) where Array(value[i..<min(value.count, i + target.count)]) == target {
        if seen == occurrence { found = i; break }
        seen += 1
    }
    guard found >= 0 else { return "\(needle.debugDescription) not in \(scalar.value.debugDescription)" }
    return span(scalar.range(ofValue: found..<(found + target.count)))
}

@Suite struct PlainScalarSourceMapTests {
    @Test func singleLine() {
        #expect(spanOf("envv", in: "v: media-${envv}") == "1:12-1:16")
        #expect(spanOf("media", in: "v: media-${envv}") == "1:4-1:9")
    }

    @Test func nonASCIIBefore() {
        #expect(spanOf("envv", in: "v: ünïcödé-🚀-${envv}") == "1:16-1:20")
    }

    @Test func multiLineFolds() {
        let yaml = "v: first line\n  second ${envv}"
        #expect(spanOf("envv", in: yaml) == "2:12-2:16")
        // The folded space is the line break it came from.
        #expect(spanOf("e s", in: yaml) == "1:13-2:4")
    }

    @Test func blankLinesBecomeLineFeeds() {
        let yaml = "v: a\n\n  b ${x}"
        #expect(spanOf("x", in: yaml) == "3:7-3:8")
        #expect(spanOf("\n", in: yaml) == "2:1-3:1")
    }

    @Test func inAFlowSequence() {
        let scalar = parse("v: [a, 'x', y $b]").root?["v"]?[2]?.scalar
        #expect(span(scalar?.range(ofValue: 3..<4)) == "1:16-1:17")
    }

    @Test func emptyAndClampedRanges() throws {
        let scalar = try #require(parse("v: abc").root?["v"]?.scalar)
        #expect(span(scalar.range(ofValue: 1..<1)) == "1:5-1:5")
        #expect(span(scalar.range(ofValue: 3..<3)) == "1:7-1:7")
        #expect(span(scalar.range(ofValue: 10..<20)) == "1:7-1:7")
        #expect(span(scalar.range(ofValue: 0..<3)) == "1:4-1:7")
    }

    @Test func unfollowableSourceFallsBackToTheWholeScalar() {
        let scalar = YAMLScalar(
            value: "zzz", style: .plain, source: "abc", sourceStart: SourceLocation(line: 1, column: 1), file: "t.yaml")
        #expect(span(scalar.range(ofValue: 1..<2)) == "1:1-1:4")
    }

    @Test func crlf() {
        let yaml = "v: first\r\n  second ${x}\r\n"
        #expect(spanOf("x", in: yaml) == "2:12-2:13")
        #expect(spanOf("t s", in: yaml) == "1:8-2:4")
    }
}

@Suite struct QuotedScalarSourceMapTests {
    @Test func singleQuotedEscapes() {
        #expect(spanOf("envv", in: "v: 'it''s ${envv}'") == "1:13-1:17")
        #expect(spanOf("'", in: "v: 'it''s ${envv}'") == "1:7-1:9")
    }

    @Test func singleQuotedFolding() {
        #expect(spanOf("x", in: "v: 'a b\n   c ${x}'") == "2:8-2:9")
        #expect(spanOf("x", in: "v: 'a  \n\n   ü ${x}  '") == "3:8-3:9")
    }

    @Test func doubleQuotedEscapes() {
        let yaml = #"v: "\t\u00e9\x41\"\\ ${x}""#
        #expect(spanOf("x", in: yaml) == "1:24-1:25")
        #expect(spanOf("é", in: yaml) == "1:7-1:13")
        #expect(spanOf("A", in: yaml) == "1:13-1:17")
        #expect(spanOf("x", in: #"v: "\U0001F680${x}""#) == "1:17-1:18")
        #expect(spanOf("🚀", in: #"v: "\U0001F680${x}""#) == "1:5-1:15")
        #expect(spanOf("x", in: #"v: "é\"${x}""#) == "1:10-1:11")
        #expect(spanOf("x", in: #"v: "\0\a\b\v\f\r\e\ \/\N\_\L\P\n${x}""#) == "1:35-1:36")
    }

    @Test func doubleQuotedEscapedLineBreak() {
        #expect(spanOf("x", in: "v: \"abc\\\n   def ${x}\"") == "2:10-2:11")
        #expect(spanOf("x", in: "v: \"a \\\n\n  ${x}\"") == "3:5-3:6")
    }

    @Test func doubleQuotedFolding() {
        #expect(spanOf("x", in: "v: \"a\n\n  b ${x}\"") == "3:7-3:8")
        #expect(spanOf("x", in: "v: \"a\r\n\r\n  b ${x}\"") == "3:7-3:8")
        #expect(spanOf("x", in: "v: \"a\tb\n  c ${x}\"") == "2:7-2:8")
    }

    @Test func afterATag() {
        #expect(spanOf("x", in: "v: !!str \"${x}\"") == "1:13-1:14")
        #expect(spanOf("x", in: "v: &a !Sub # comment\n  'y ${x}'") == "2:8-2:9")
    }
}

@Suite struct BlockScalarSourceMapTests {
    @Test func literal() {
        let yaml = "v: |\n  line one\n  ${x} two\n"
        #expect(spanOf("x", in: yaml) == "3:5-3:6")
        #expect(spanOf("\n", in: yaml, occurrence: 1) == "3:11-4:1")
        #expect(spanOf("x", in: "v: |\n  ñ ${x}\n") == "2:7-2:8")
    }

    @Test func literalKeepsTrailingLines() {
        let yaml = "v: |+\n  a\n\n\nw: 1"
        #expect(spanOf("\n", in: yaml, occurrence: 2) == "4:1-5:1")
    }

    @Test func folded() {
        let yaml = "v: >-\n  folded\n  text ${x}\n\n  para\n"
        #expect(spanOf("${x}", in: yaml) == "3:8-3:12")
        #expect(spanOf("para", in: yaml) == "5:3-5:7")
        #expect(spanOf("d t", in: yaml) == "2:8-3:4")
    }

    @Test func foldedMoreIndentedLines() {
        let yaml = "v: >\n  a\n    b\n  c\n"
        #expect(spanOf("b", in: yaml) == "3:5-3:6")
        #expect(spanOf("c", in: yaml) == "4:3-4:4")
    }

    @Test func explicitIndentation() {
        #expect(spanOf("x", in: "v: |2\n    indented\n  x\n") == "3:3-3:4")
        #expect(spanOf("indented", in: "v: |2-\n    indented\n  x\n") == "2:5-2:13")
        #expect(spanOf("x", in: "a:\n  v: |1\n    x\n", path: ["a", "v"]) == "3:5-3:6")
        #expect(spanOf("x", in: "a:\n  v: >+2 # note\n     x\n", path: ["a", "v"]) == "3:6-3:7")
    }

    @Test func crlf() {
        #expect(spanOf("x", in: "v: |\r\n  one\r\n  ${x}\r\n") == "3:5-3:6")
        #expect(spanOf("x", in: "v: >\r\n  a\r\n  b ${x}\r\n") == "3:7-3:8")
    }

    @Test func afterAnAnchor() {
        #expect(spanOf("x", in: "v: &text |\n  ${x}\n") == "2:5-2:6")
    }
}

@Suite struct SourceMapCoverageTests {
    static let corpus = """
        plain: a b  c
        multi: one
          two

          three
        single: 'it''s  a

          b  '
        double: "tab\\there \\u263A\\
          next  \\x41

           end "
        lit: |
          keep
            indented

        fold: >
          one
          two

            more
          three
        keep: |+
          k

        strip: >-
          s
        empty: ''
        null:
        flow: [a b, 'c', "d", {e: f g}]
        nested:
          - |2
               two more
          - >1-
              x
        """

    @Test func everyScalarMapsExactly() throws {
        let (root, diagnostics) = parse(Self.corpus)
        #expect(diagnostics.isEmpty)
        for node in try #require(root).allScalars {
            #expect(node.scalar?.hasExactSourceMap == true, "\(node.scalar?.source.debugDescription ?? "")")
        }
    }

    @Test func crlfCorpusMapsExactly() throws {
        let crlf = Self.corpus.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let (root, diagnostics) = parse(crlf)
        #expect(diagnostics.isEmpty)
        for node in try #require(root).allScalars {
            #expect(node.scalar?.hasExactSourceMap == true, "\(node.scalar?.source.debugDescription ?? "")")
        }
    }
}
