import FormworkDiagnostics
import Testing
@testable import FormworkYAML

@Suite struct NodeRangeTests {
    static let text = """
        formwork: 1
        stack: demo
        list:
          - a
          - [b, c]
        map: {x: 1, y: 'two'}
        quoted: "q"
        lit: |
          text
        """

    @Test func blockAndFlowCollections() throws {
        let (root, diagnostics) = parse(Self.text)
        #expect(diagnostics.isEmpty)
        let spec = try #require(root)
        #expect(span(spec.range) == "1:1-9:7")
        #expect(span(spec.mapping?[1].key.range) == "2:1-2:6")
        #expect(span(spec["formwork"]?.range) == "1:11-1:12")
        #expect(span(spec["list"]?.range) == "4:3-5:11")
        #expect(span(spec["list"]?[0]?.range) == "4:5-4:6")
        #expect(span(spec["list"]?[1]?.range) == "5:5-5:11")
        #expect(span(spec["list"]?[1]?[1]?.range) == "5:9-5:10")
        #expect(span(spec["map"]?.range) == "6:6-6:22")
        #expect(span(spec["map"]?["y"]?.range) == "6:16-6:21")
    }

    @Test func scalarStylesAndSources() throws {
        let spec = try #require(parse(Self.text).root)
        let y = try #require(spec["map"]?["y"]?.scalar)
        #expect(y.style == .singleQuoted && y.value == "two" && y.source == "'two'" && y.sourceStart.description == "6:16")
        let quoted = try #require(spec["quoted"]?.scalar)
        #expect(quoted.style == .doubleQuoted && quoted.source == "\"q\"")
        #expect(span(spec["quoted"]?.range) == "7:9-7:12")
        let lit = try #require(spec["lit"]?.scalar)
        #expect(lit.style == .literal && lit.value == "text" && lit.source == "|\n  text")
        #expect(lit.sourceStart.description == "8:6")
        #expect(spec["stack"]?.scalar?.style == .plain)
        #expect(spec["stack"]?.scalar?.file == "t.yaml")
    }

    @Test func tagsAreKeptAndScalarSourceStartsAfterThem() throws {
        let spec = try #require(parse("a: !Ref x\nb: !!str 1\nc: ! d\ne: &n !!int\n  5\nf: plain").root)
        #expect(spec["a"]?.tag == "!Ref")
        #expect(span(spec["a"]?.range) == "1:4-1:10")
        #expect(spec["a"]?.scalar?.source == "x")
        #expect(spec["a"]?.scalar?.sourceStart.description == "1:9")
        #expect(spec["b"]?.tag == "tag:yaml.org,2002:str")
        #expect(spec["c"]?.tag == "!")
        #expect(spec["e"]?.tag == "tag:yaml.org,2002:int")
        #expect(spec["e"]?.scalar?.sourceStart.description == "5:3")
        #expect(spec["f"]?.tag == nil)
    }

    @Test func aliasesAreCopiesOfTheAnchoredNode() throws {
        let spec = try #require(parse("base: &b {x: 1}\ncopy: *b\nname: &n demo\nagain: *n").root)
        #expect(spec["copy"]?["x"]?.scalar?.value == "1")
        #expect(span(spec["copy"]?.range) == "1:7-1:16")
        #expect(spec["again"]?.scalar?.value == "demo")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let spec = try #require(parse("\u{FEFF}a: 1\nb: x").root)
        #expect(span(spec.mapping?[0].key.range) == "1:1-1:2")
        #expect(span(spec["a"]?.range) == "1:4-1:5")
        #expect(span(spec["b"]?.range) == "2:4-2:5")
    }

    @Test func crlfLineEndings() throws {
        let spec = try #require(parse("a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\nc: \"p\r\n  q\"\r\n").root)
        #expect(span(spec["b"]?[0]?.range) == "3:5-3:6")
        #expect(span(spec["b"]?[1]?.range) == "4:5-4:8")
        #expect(spec["c"]?.scalar?.value == "p q")
        #expect(span(spec["c"]?.range) == "5:4-6:5")
        let duplicate = onlyDiagnostic("a: 1\r\nb: 2\r\na: 3\r\n")
        #expect(duplicate?.code == .yamlDuplicateKey)
        #expect(span(duplicate?.range) == "3:1-3:2")
    }

    @Test func rootIsNilExactlyWhenThereAreErrors() {
        let good = parse("formwork: 1\nstack: demo\n")
        #expect(good.root != nil && good.diagnostics.isEmpty)
        let bad = parse("formwork: 1\nformwork: 2\n")
        #expect(bad.root == nil && bad.diagnostics.hasErrors)
    }
}

@Suite struct StructureErrorTests {
    @Test func duplicateKeyPointsAtTheSecondWithANoteAtTheFirst() throws {
        let d = try #require(onlyDiagnostic("a: 1\nb: 2\na: 3"))
        #expect(d.code == .yamlDuplicateKey)
        #expect(d.message == "duplicate key 'a'")
        #expect(span(d.range) == "3:1-3:2")
        #expect(d.notes.map(\.message) == ["first defined here"])
        #expect(span(d.notes.first?.range) == "1:1-1:2")
    }

    @Test func duplicateKeysCompareValuesInAnyStyle() {
        #expect(at(onlyDiagnostic("m: {k: 1, k: 2}")?.range) == "1:11")
        #expect(onlyDiagnostic("'a': 1\n\"a\": 2")?.code == .yamlDuplicateKey)
        #expect(onlyDiagnostic("a: {k: 1}\nb: {k: 1}") == nil)
    }

    @Test func everyDuplicateIsReported() {
        let diagnostics = parse("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n").diagnostics
        #expect(diagnostics.map(\.code) == [.yamlDuplicateKey, .yamlDuplicateKey])
        #expect(diagnostics.map { at($0.range) } == ["2:1", "5:3"])
    }

    @Test func nonScalarKeys() {
        let d = onlyDiagnostic("? [a]\n: 1")
        #expect(d?.code == .yamlNonScalarKey)
        #expect(d?.message == "keys must be scalars, found a sequence")
        #expect(span(d?.range) == "1:3-1:6")
        #expect(onlyDiagnostic("? {a: 1}\n: x")?.message == "keys must be scalars, found a mapping")
        #expect(at(onlyDiagnostic("{[a]: 1}")?.range) == "1:2")
    }

    @Test func mergeKeysAreRejected() {
        let d = onlyDiagnostic("base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n")
        #expect(d?.code == .yamlMergeKey)
        #expect(d?.message == "merge keys (<<) are not supported; write the keys out")
        #expect(span(d?.range) == "3:3-3:5")
        #expect(onlyDiagnostic("m: {'<<': 1}") == nil)
    }

    @Test func undefinedAliasWithSuggestion() {
        let d = onlyDiagnostic("a: &base 1\nb: *bas")
        #expect(d?.code == .yamlUndefinedAlias)
        #expect(d?.message == "alias '*bas' refers to an undefined anchor")
        #expect(span(d?.range) == "2:4-2:8")
        #expect(d?.fixIts.map(\.message) == ["did you mean '*base'?"])
        #expect(onlyDiagnostic("a: *nothing")?.fixIts.isEmpty == true)
    }

    @Test func recursiveAlias() {
        let d = onlyDiagnostic("a: &x [1, *x]")
        #expect(d?.code == .yamlRecursiveAlias)
        #expect(span(d?.range) == "1:11-1:13")
        #expect(at(d?.notes.first?.range) == "1:4")
        #expect(onlyDiagnostic("a: &x {b: {c: *x}}")?.code == .yamlRecursiveAlias)
    }

    @Test func secondDocument() {
        let d = onlyDiagnostic("a: 1\n---\nb: 2")
        #expect(d?.code == .yamlSecondDocument)
        #expect(at(d?.range) == "2:1")
        #expect(at(onlyDiagnostic("---\na: 1\n...\n---\nb: 2\n")?.range) == "4:1")
        // The first document is still checked.
        #expect(parse("- 1\n---\na: 1").diagnostics.map(\.code) == [.yamlSecondDocument, .yamlRootNotMapping])
    }

    @Test(arguments: ["", "# only a comment\n", "---\n", "\u{FEFF}", "   \n\n", "---\n...\n"])
    func emptySpec(text: String) {
        let d = onlyDiagnostic(text)
        #expect(d?.code == .yamlEmpty)
        #expect(d?.message == "the spec is empty")
        #expect(at(d?.range) == "1:1")
    }

    @Test func rootMustBeAMapping() {
        let sequence = onlyDiagnostic("- formwork: 1\n- stack: demo\n")
        #expect(sequence?.code == .yamlRootNotMapping)
        #expect(sequence?.message == "the top level of a spec must be a mapping, found a sequence")
        #expect(span(sequence?.range) == "1:1-2:14")
        let scalar = onlyDiagnostic("just text")
        #expect(scalar?.message == "the top level of a spec must be a mapping, found a string")
        #expect(span(scalar?.range) == "1:1-1:10")
        #expect(onlyDiagnostic("~")?.message == "the top level of a spec must be a mapping, found null")
        #expect(onlyDiagnostic("''")?.message == "the top level of a spec must be a mapping, found an empty string")
    }
}

@Suite struct LimitTests {
    static func billionLaughs() -> String {
        var text = "formwork: 1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text
    }

    @Test func billionLaughsStopsAtTheAliasThatExceedsTheBudget() {
        let d = onlyDiagnostic(Self.billionLaughs())
        #expect(d?.code == .yamlBudget)
        #expect(d?.message == "aliases expand to more than 1000000 nodes")
        #expect(span(d?.range) == "7:36-7:38")
    }

    @Test func nodeBudgetWithoutAliases() {
        let d = onlyDiagnostic("a: [1,2,3,4,5,6,7,8,9,10]", limits: YAMLLimits(maxNodes: 10))
        #expect(d?.code == .yamlBudget)
        #expect(d?.message == "the spec has more than 10 nodes")
        #expect(at(d?.range) == "1:19")
    }

    @Test func textBudgetCountsAliasCopies() {
        let d = onlyDiagnostic("a: &a xxxxxx\nb: [*a, *a]", limits: YAMLLimits(maxScalarBytes: 10))
        #expect(d?.code == .yamlBudget)
        #expect(d?.message == "aliases expand to more than 10 bytes of text")
        #expect(at(d?.range) == "2:5")
    }

    @Test func deepFlowNestingStopsAtTheLimit() {
        let text = "formwork: 1\nstack: demo\nx: " + String(repeating: "[", count: 200_000)
        let d = onlyDiagnostic(text)
        #expect(d?.code == .yamlTooDeep)
        #expect(d?.message == "too deeply nested (more than 256 levels)")
        #expect(span(d?.range) == "3:259-3:260")
    }

    @Test func deepBlockNestingStopsAtTheLimit() {
        let d = onlyDiagnostic("x:\n" + String(repeating: "- ", count: 3000) + "x\n")
        #expect(d?.code == .yamlTooDeep)
        #expect(at(d?.range) == "2:511")
        var nested = ""
        for level in 0..<300 { nested += String(repeating: " ", count: level) + "k\(level):\n" }
        #expect(at(onlyDiagnostic(nested)?.range) == "257:257")
    }

    @Test func exactlyAtTheDepthLimitIsFine() {
        let text = "x: " + String(repeating: "[", count: 255) + String(repeating: "]", count: 255)
        #expect(parse(text).diagnostics.isEmpty)
    }

    @Test func aliasesCountTowardsDepth() {
        let d = onlyDiagnostic("a: &a [[1]]\nb: [*a]", limits: YAMLLimits(maxDepth: 3))
        #expect(d?.code == .yamlTooDeep)
        #expect(at(d?.range) == "2:5")
    }

    @Test func inputTooLarge() {
        let d = onlyDiagnostic("a: 12", limits: YAMLLimits(maxBytes: 4))
        #expect(d?.code == .yamlTooLarge)
        #expect(d?.message == "the spec is larger than the limit of 4 bytes")
        #expect(at(d?.range) == "1:1")
    }
}

@Suite struct CodeRegistryTests {
    @Test func yamlCodesAreUniqueAndInRange() {
        let raw = DiagnosticCode.allYAMLCodes.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw.allSatisfy { $0.hasPrefix("FW10") && $0 >= "FW1001" && $0 <= "FW1099" })
        #expect(raw == raw.sorted())
    }
}

@Suite struct HostileMessageTests {
    @Test func errorsStopAtTheLimit() {
        let text = String(repeating: "a: 1\n", count: 1000)
        let diagnostics = parse(text, limits: YAMLLimits(maxErrors: 5)).diagnostics
        #expect(diagnostics.count == 5)
        #expect(parse(text).diagnostics.count == 100)
    }

    @Test func longAndMultiLineKeysAreShortenedInMessages() {
        let key = String(repeating: "k", count: 100)
        #expect(onlyDiagnostic("\(key): 1\n\(key): 2")?.message == "duplicate key '\(String(repeating: "k", count: 60))…'")
        #expect(onlyDiagnostic("\"a\\nb\": 1\n\"a\\nb\": 2")?.message == "duplicate key 'a\\nb'")
    }
}
