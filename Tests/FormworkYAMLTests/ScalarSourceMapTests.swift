import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkYAML

/// `line:column-line:column` of the source that produced the first (or the
/// `occurrence`th) `needle` in the value of the scalar `at` picks (`v` by
/// default), to compare with the span marked in `yaml`.
private func spanOf(
    _ needle: String, in yaml: MarkedText, occurrence: Int = 0, at node: (YAMLNode) -> YAMLNode? = { $0["v"] }
) -> String {
    let (root, diagnostics) = parse(yaml.text)
    guard diagnostics.isEmpty, let root else { return "parse failed: \(diagnostics.map(\.message))" }
    guard let scalar = node(root)?.scalar else { return "not a scalar" }
    let value = Array(scalar.value.unicodeScalars)
    let target = Array(needle.unicodeScalars)
    var found = -1
    var seen = 0
    for i in 0...(max(0, value.count - target.count)) where Array(value[i..<min(value.count, i + target.count)]) == target {
        if seen == occurrence { found = i; break }
        seen += 1
    }
    guard found >= 0 else { return "\(needle.debugDescription) not in \(scalar.value.debugDescription)" }
    return scalar.range(ofValue: found..<(found + target.count)).span
}

@Suite struct PlainScalarSourceMapTests {
    @Test func singleLine() {
        let yaml = MarkedText("v: ⟨media⟩media⟨/media⟩-${⟨envv⟩envv⟨/envv⟩}")
        #expect(spanOf("envv", in: yaml) == yaml.span("envv"))
        #expect(spanOf("media", in: yaml) == yaml.span("media"))
    }

    @Test func nonASCIIBefore() {
        let yaml = MarkedText("v: ünïcödé-🚀-${⟨envv⟩envv⟨/envv⟩}")
        #expect(spanOf("envv", in: yaml) == yaml.span("envv"))
    }

    @Test func multiLineFolds() {
        let yaml = MarkedText("v: first lin⟨fold⟩e\n  s⟨/fold⟩econd ${⟨envv⟩envv⟨/envv⟩}")
        #expect(spanOf("envv", in: yaml) == yaml.span("envv"))
        // The folded space is the line break it came from.
        #expect(spanOf("e s", in: yaml) == yaml.span("fold"))
    }

    @Test func blankLinesBecomeLineFeeds() {
        let yaml = MarkedText("v: a\n⟨break⟩\n⟨/break⟩  b ${⟨x⟩x⟨/x⟩}")
        #expect(spanOf("x", in: yaml) == yaml.span("x"))
        // The first break folds away; the blank line's is the line feed.
        #expect(spanOf("\n", in: yaml) == yaml.span("break"))
    }

    @Test func inAFlowSequence() {
        let yaml = MarkedText("v: [a, 'x', y $⟨b⟩b⟨/b⟩]")
        #expect(spanOf("b", in: yaml, at: { $0["v"]?[2] }) == yaml.span("b"))
    }

    @Test func emptyAndClampedRanges() throws {
        // ⟨n⟩ marks the place of value offset n.
        let yaml = MarkedText("v: ⟨0⟩a⟨1⟩bc⟨3⟩")
        let scalar = try #require(parse(yaml.text).root?["v"]?.scalar)
        #expect(scalar.range(ofValue: 1..<1).span == yaml.span("1", "1"))
        #expect(scalar.range(ofValue: 3..<3).span == yaml.span("3", "3"))
        #expect(scalar.range(ofValue: 10..<20).span == yaml.span("3", "3"))
        #expect(scalar.range(ofValue: 0..<3).span == yaml.span("0", "3"))
    }

    @Test func unfollowableSourceFallsBackToTheWholeScalar() {
        let source = MarkedText("⟨whole⟩abc⟨/whole⟩")
        let scalar = YAMLScalar(
            value: "zzz", style: .plain, source: source.text, sourceStart: source.location("whole"), file: "t.yaml")
        #expect(scalar.range(ofValue: 1..<2).span == source.span("whole"))
    }

    @Test func crlf() {
        let yaml = MarkedText("v: firs⟨fold⟩t\r\n  s⟨/fold⟩econd ${⟨x⟩x⟨/x⟩}\r\n")
        #expect(spanOf("x", in: yaml) == yaml.span("x"))
        #expect(spanOf("t s", in: yaml) == yaml.span("fold"))
    }
}

@Suite struct QuotedScalarSourceMapTests {
    @Test func singleQuotedEscapes() {
        let yaml = MarkedText("v: 'it⟨quote⟩''⟨/quote⟩s ${⟨envv⟩envv⟨/envv⟩}'")
        #expect(spanOf("envv", in: yaml) == yaml.span("envv"))
        #expect(spanOf("'", in: yaml) == yaml.span("quote"))
    }

    @Test func singleQuotedFolding() {
        for yaml in ["v: 'a b\n   c ${⟨x⟩x⟨/x⟩}'", "v: 'a  \n\n   ü ${⟨x⟩x⟨/x⟩}  '"].map({ MarkedText($0) }) {
            #expect(spanOf("x", in: yaml) == yaml.span("x"), "\(yaml.text.debugDescription)")
        }
    }

    @Test func doubleQuotedEscapes() {
        let yaml = MarkedText(#"v: "\t⟨é⟩\u00e9⟨/é⟩⟨A⟩\x41⟨/A⟩\"\\ ${⟨x⟩x⟨/x⟩}""#)
        #expect(spanOf("x", in: yaml) == yaml.span("x"))
        #expect(spanOf("é", in: yaml) == yaml.span("é"))
        #expect(spanOf("A", in: yaml) == yaml.span("A"))
        let rocket = MarkedText(#"v: "⟨🚀⟩\U0001F680⟨/🚀⟩${⟨x⟩x⟨/x⟩}""#)
        #expect(spanOf("x", in: rocket) == rocket.span("x"))
        #expect(spanOf("🚀", in: rocket) == rocket.span("🚀"))
        for other in [#"v: "é\"${⟨x⟩x⟨/x⟩}""#, #"v: "\0\a\b\v\f\r\e\ \/\N\_\L\P\n${⟨x⟩x⟨/x⟩}""#].map({ MarkedText($0) }) {
            #expect(spanOf("x", in: other) == other.span("x"), "\(other.text)")
        }
    }

    @Test func doubleQuotedEscapedLineBreak() {
        for yaml in ["v: \"abc\\\n   def ${⟨x⟩x⟨/x⟩}\"", "v: \"a \\\n\n  ${⟨x⟩x⟨/x⟩}\""].map({ MarkedText($0) }) {
            #expect(spanOf("x", in: yaml) == yaml.span("x"), "\(yaml.text.debugDescription)")
        }
    }

    @Test func doubleQuotedFolding() {
        let cases = ["v: \"a\n\n  b ${⟨x⟩x⟨/x⟩}\"", "v: \"a\r\n\r\n  b ${⟨x⟩x⟨/x⟩}\"", "v: \"a\tb\n  c ${⟨x⟩x⟨/x⟩}\""]
        for yaml in cases.map({ MarkedText($0) }) {
            #expect(spanOf("x", in: yaml) == yaml.span("x"), "\(yaml.text.debugDescription)")
        }
    }

    @Test func afterATag() {
        for yaml in ["v: !!str \"${⟨x⟩x⟨/x⟩}\"", "v: &a !Sub # comment\n  'y ${⟨x⟩x⟨/x⟩}'"].map({ MarkedText($0) }) {
            #expect(spanOf("x", in: yaml) == yaml.span("x"), "\(yaml.text.debugDescription)")
        }
    }
}

@Suite struct BlockScalarSourceMapTests {
    @Test func literal() {
        let yaml = MarkedText("v: |\n  line one\n  ${⟨x⟩x⟨/x⟩} two⟨break⟩\n⟨/break⟩")
        #expect(spanOf("x", in: yaml) == yaml.span("x"))
        #expect(spanOf("\n", in: yaml, occurrence: 1) == yaml.span("break"))
        let nonASCII = MarkedText("v: |\n  ñ ${⟨x⟩x⟨/x⟩}\n")
        #expect(spanOf("x", in: nonASCII) == nonASCII.span("x"))
    }

    @Test func literalKeepsTrailingLines() {
        let yaml = MarkedText("v: |+\n  a\n\n⟨break⟩\n⟨/break⟩w: 1")
        #expect(spanOf("\n", in: yaml, occurrence: 2) == yaml.span("break"))
    }

    @Test func folded() {
        let yaml = MarkedText("v: >-\n  folde⟨fold⟩d\n  t⟨/fold⟩ext ⟨x⟩${x}⟨/x⟩\n\n  ⟨para⟩para⟨/para⟩\n")
        #expect(spanOf("${x}", in: yaml) == yaml.span("x"))
        #expect(spanOf("para", in: yaml) == yaml.span("para"))
        #expect(spanOf("d t", in: yaml) == yaml.span("fold"))
    }

    @Test func foldedMoreIndentedLines() {
        let yaml = MarkedText("v: >\n  a\n    ⟨b⟩b⟨/b⟩\n  ⟨c⟩c⟨/c⟩\n")
        #expect(spanOf("b", in: yaml) == yaml.span("b"))
        #expect(spanOf("c", in: yaml) == yaml.span("c"))
    }

    @Test func explicitIndentation() {
        let two = MarkedText("v: |2\n    indented\n  ⟨x⟩x⟨/x⟩\n")
        #expect(spanOf("x", in: two) == two.span("x"))
        let stripped = MarkedText("v: |2-\n    ⟨indented⟩indented⟨/indented⟩\n  x\n")
        #expect(spanOf("indented", in: stripped) == stripped.span("indented"))
        for yaml in ["a:\n  v: |1\n    ⟨x⟩x⟨/x⟩\n", "a:\n  v: >+2 # note\n     ⟨x⟩x⟨/x⟩\n"].map({ MarkedText($0) }) {
            #expect(spanOf("x", in: yaml, at: { $0["a"]?["v"] }) == yaml.span("x"), "\(yaml.text.debugDescription)")
        }
    }

    @Test func crlf() {
        for yaml in ["v: |\r\n  one\r\n  ${⟨x⟩x⟨/x⟩}\r\n", "v: >\r\n  a\r\n  b ${⟨x⟩x⟨/x⟩}\r\n"].map({ MarkedText($0) }) {
            #expect(spanOf("x", in: yaml) == yaml.span("x"), "\(yaml.text.debugDescription)")
        }
    }

    @Test func afterAnAnchor() {
        let yaml = MarkedText("v: &text |\n  ${⟨x⟩x⟨/x⟩}\n")
        #expect(spanOf("x", in: yaml) == yaml.span("x"))
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
