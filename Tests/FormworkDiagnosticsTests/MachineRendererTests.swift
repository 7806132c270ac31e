import FormworkDiagnostics
import FormworkTestSupport
import Testing

/// The machine formats against literal expected text: GitHub's escaping,
/// UTF-16 columns, whole-file diagnostics, SARIF's shape.
@Suite struct MachineRendererTests {
    static let code = DiagnosticCode("FW2002", .decoding, "unknown key")

    // MARK: github

    @Test func githubEscapesPercentAndLineBreaksInTheMessage() {
        #expect(GitHubRenderer.escapeData("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b")
        #expect(GitHubRenderer.escapeData("%0A is not a line break") == "%250A is not a line break")
    }

    @Test func githubEscapesColonAndCommaInProperties() {
        #expect(GitHubRenderer.escapeProperty("C:\\specs\\a,b.yaml") == "C%3A\\specs\\a%2Cb.yaml")
        #expect(GitHubRenderer.escapeProperty("50%: a\nb") == "50%25%3A a%0Ab")
        #expect(GitHubRenderer.escapeProperty("plain/path.yaml") == "plain/path.yaml")
    }

    @Test func githubCommandCarriesRangeTitleNotesAndHelp() {
        let range = SourceRange(file: "specs/a,b:c.yaml", start: .init(line: 8, column: 5), end: .init(line: 8, column: 21))
        let diagnostic = Diagnostic.error(
            Self.code, "unknown key 'visibilityTimout' (100%)", at: range,
            notes: [Note("declared here", at: SourceRange(file: "specs/a,b:c.yaml", line: 2, column: 1)), Note("no place")],
            fixIts: [FixIt.didYouMean("visibilityTimeout", replacing: range)], help: ["see the reference"])
        #expect(GitHubRenderer().command(for: diagnostic) == "::error file=specs/a%2Cb%3Ac.yaml,line=8,col=5,endLine=8,endColumn=21,title=FW2002::unknown key 'visibilityTimout' (100%25)%0Anote: specs/a,b:c.yaml:2:1: declared here%0Anote: no place%0Ahelp: did you mean 'visibilityTimeout'?%0Ahelp: see the reference")
    }

    @Test func githubSeveritiesWholeFilesAndSeveralLines() {
        let warning = Diagnostic.warning(Self.code, "w", at: SourceRange(file: "a.yaml", line: 1, column: 2))
        let note = Diagnostic(.note, Self.code, "n", at: .wholeFile("a.yaml"))
        let lines = Diagnostic.error(Self.code, "e", at: SourceRange(file: "a.yaml", start: .init(line: 2, column: 3),
                                                                      end: .init(line: 4, column: 1)))
        #expect(GitHubRenderer().render([warning, note, lines]) == """
            ::warning file=a.yaml,line=1,col=2,endLine=1,endColumn=2,title=FW2002::w
            ::notice file=a.yaml,title=FW2002::n
            ::error file=a.yaml,line=2,endLine=4,title=FW2002::e

            """)
    }

    // MARK: json

    @Test func utf16ColumnsCountSurrogatePairs() {
        var sources = SourceFiles()
        // 'é' is one scalar and one UTF-16 unit; '😀' one scalar and two units.
        sources.add(path: "a.yaml", text: "name: é😀x\n")
        #expect(sources.utf16Column(of: .init(line: 1, column: 8), in: "a.yaml") == 8)
        #expect(sources.utf16Column(of: .init(line: 1, column: 9), in: "a.yaml") == 10)
        #expect(sources.utf16Column(of: .init(line: 1, column: 10), in: "a.yaml") == 11)
        // Past the end of the line, or in an unknown file, one unit a column.
        #expect(sources.utf16Column(of: .init(line: 1, column: 12), in: "a.yaml") == 13)
        #expect(sources.utf16Column(of: .init(line: 4, column: 3), in: "b.yaml") == 3)
    }

    @Test func jsonDocumentAsCLIContractShowsIt() {
        var sources = SourceFiles()
        sources.add(path: "a.yaml", text: "x: \"😀\" bad\n")
        let range = SourceRange(file: "a.yaml", start: .init(line: 1, column: 8), end: .init(line: 1, column: 11))
        let diagnostic = Diagnostic.error(Self.code, "a \"quoted\"\tword", at: range,
                                          notes: [Note("unlocated")], fixIts: [FixIt("drop it", replacing: range, with: "")],
                                          help: ["h"])
        let report = DiagnosticReport(diagnostics: [diagnostic, Diagnostic(.note, Self.code, "n", at: .wholeFile("a.yaml"))],
                                      sources: sources, specs: 1)
        #expect(JSONRenderer().render(report) == #"""
            {
              "version": 1,
              "diagnostics": [
                {
                  "file": "a.yaml",
                  "severity": "error",
                  "code": "FW2002",
                  "message": "a \"quoted\"\tword",
                  "range": {"start": {"line": 1, "column": 8, "utf16Column": 9}, "end": {"line": 1, "column": 11, "utf16Column": 12}},
                  "notes": [
                    {"message": "unlocated"}
                  ],
                  "fixes": [
                    {
                      "message": "drop it",
                      "edits": [
                        {
                          "range": {"start": {"line": 1, "column": 8, "utf16Column": 9}, "end": {"line": 1, "column": 11, "utf16Column": 12}},
                          "text": ""
                        }
                      ]
                    }
                  ],
                  "help": ["h"],
                  "url": "docs/diagnostics.md#fw2002"
                },
                {
                  "file": "a.yaml",
                  "severity": "note",
                  "code": "FW2002",
                  "message": "n",
                  "range": {"start": {"line": 1, "column": 1, "utf16Column": 1}, "end": {"line": 1, "column": 1, "utf16Column": 1}},
                  "wholeFile": true,
                  "notes": [],
                  "fixes": [],
                  "help": [],
                  "url": "docs/diagnostics.md#fw2002"
                }
              ],
              "summary": {"specs": 1, "errors": 1, "warnings": 0}
            }

            """#)
    }

    @Test func jsonStringEscaping() {
        var out = ""
        JSONValue.appendString("a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{7F}\u{2028}\u{2029}é", to: &out)
        #expect(out == #""a\"b\\c\n\r\t\b\f\u0001\u007f\u2028\u2029é""#)
    }

    // MARK: sarif

    static let sarif = SARIFRenderer(toolVersion: "1.2.3") { code in
        SARIFRuleDescription(name: "Rule", shortDescription: code.summary, fullDescription: "Full.",
                             helpURI: "docs/diagnostics.md#\(code.anchor)")
    }

    @Test func sarifPathsAreRelativeUnderTheBaseOrFileURIs() {
        #expect(SARIFRenderer.artifactLocation("./specs/my spec.yaml")
            == .object([("uri", .string("specs/my%20spec.yaml")), ("uriBaseId", .string("%SRCROOT%"))]))
        #expect(SARIFRenderer.artifactLocation("/tmp/a#b.yaml") == .object([("uri", .string("file:///tmp/a%23b.yaml"))]))
    }

    @Test func sarifFingerprintsIgnoreLineNumbersAndCountRepeats() {
        func log(_ text: String, lines: [Int]) -> String {
            var sources = SourceFiles()
            sources.add(path: "a.yaml", text: text)
            let diagnostics = lines.map { Diagnostic.error(Self.code, "m", at: SourceRange(file: "a.yaml", line: $0, column: 1)) }
            return Self.sarif.render(DiagnosticReport(diagnostics: diagnostics, sources: sources, specs: 1))
        }
        func fingerprints(_ log: String) -> [String] {
            log.split(separator: "\n").filter { $0.contains("formworkFingerprint/v1") }.map(String.init)
        }
        let before = fingerprints(log("bad: 1\nbad: 1\n", lines: [1, 2]))
        let after = fingerprints(log("# a comment\n\nbad: 1\nbad: 1\n", lines: [3, 4]))
        #expect(before.count == 2)
        #expect(before == after)
        #expect(before[0].hasSuffix(":1\"}") && before[1].hasSuffix(":2\"}"))
        #expect(stableHash("") == "cbf29ce484222325")
    }

    @Test func sarifResultHasRegionRelatedLocationsAndFixes() {
        var sources = SourceFiles()
        sources.add(path: "a.yaml", text: "key: x\n")
        let range = SourceRange(file: "a.yaml", start: .init(line: 1, column: 1), end: .init(line: 1, column: 4))
        let diagnostic = Diagnostic.error(Self.code, "m", at: range,
                                          notes: [Note("here", at: SourceRange(file: "a.yaml", line: 1, column: 6))],
                                          fixIts: [FixIt.didYouMean("keys", replacing: range)], help: ["h"])
        let log = Self.sarif.render(DiagnosticReport(diagnostics: [diagnostic], sources: sources, specs: 1))
        for expected in [
            #""columnKind": "unicodeCodePoints""#,
            #""region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 4}"#,
            #""relatedLocations": ["#, #""id": 1,"#, #""message": {"text": "here"}"#,
            #""deletedRegion": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 4}"#,
            #""insertedContent": {"text": "keys"}"#,
            #""properties": {"help": ["h"]}"#, #""ruleIndex": 0"#, #""helpUri": "docs/diagnostics.md#fw2002""#,
            #""version": "2.1.0""#,
        ] {
            #expect(log.contains(expected), "\(expected) not in\n\(log)")
        }
    }
}
