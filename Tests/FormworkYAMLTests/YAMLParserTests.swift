import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkYAML

@Suite struct NodeRangeTests {
    static let text = MarkedText("""
        ⟨spec⟩formwork: ⟨one⟩1⟨/one⟩
        ⟨stackKey⟩stack⟨/stackKey⟩: demo
        list:
          ⟨list⟩- ⟨a⟩a⟨/a⟩
          - ⟨bc⟩[b, ⟨c⟩c⟨/c⟩]⟨/bc⟩⟨/list⟩
        map: ⟨map⟩{x: 1, y: ⟨y⟩'two'⟨/y⟩}⟨/map⟩
        quoted: ⟨quoted⟩"q"⟨/quoted⟩
        lit: ⟨lit⟩|
          text⟨/lit⟩⟨/spec⟩
        """)

    @Test func blockAndFlowCollections() throws {
        let (root, diagnostics) = parse(Self.text.text)
        #expect(diagnostics.isEmpty)
        let spec = try #require(root)
        #expect(spec.range.span == Self.text.span("spec"))
        #expect(spec.mapping?[1].key.range.span == Self.text.span("stackKey"))
        #expect(spec["formwork"]?.range.span == Self.text.span("one"))
        #expect(spec["list"]?.range.span == Self.text.span("list"))
        #expect(spec["list"]?[0]?.range.span == Self.text.span("a"))
        #expect(spec["list"]?[1]?.range.span == Self.text.span("bc"))
        #expect(spec["list"]?[1]?[1]?.range.span == Self.text.span("c"))
        #expect(spec["map"]?.range.span == Self.text.span("map"))
        #expect(spec["map"]?["y"]?.range.span == Self.text.span("y"))
    }

    @Test func scalarStylesAndSources() throws {
        let spec = try #require(parse(Self.text.text).root)
        let y = try #require(spec["map"]?["y"]?.scalar)
        #expect(y.style == .singleQuoted && y.value == "two" && y.source == "'two'" && y.sourceStart == Self.text.location("y"))
        let quoted = try #require(spec["quoted"]?.scalar)
        #expect(quoted.style == .doubleQuoted && quoted.source == "\"q\"")
        #expect(spec["quoted"]?.range.span == Self.text.span("quoted"))
        let lit = try #require(spec["lit"]?.scalar)
        #expect(lit.style == .literal && lit.value == "text" && lit.source == "|\n  text")
        #expect(lit.sourceStart == Self.text.location("lit"))
        #expect(spec["stack"]?.scalar?.style == .plain)
        #expect(spec["stack"]?.scalar?.file == "t.yaml")
    }

    @Test func tagsAreKeptAndScalarSourceStartsAfterThem() throws {
        let text = MarkedText("a: ⟨a⟩!Ref ⟨x⟩x⟨/a⟩\nb: !!str 1\nc: ! d\ne: &n !!int\n  ⟨five⟩5\nf: plain")
        let spec = try #require(parse(text.text).root)
        #expect(spec["a"]?.tag == "!Ref")
        #expect(spec["a"]?.range.span == text.span("a"))
        #expect(spec["a"]?.scalar?.source == "x")
        #expect(spec["a"]?.scalar?.sourceStart == text.location("x"))
        #expect(spec["b"]?.tag == "tag:yaml.org,2002:str")
        #expect(spec["c"]?.tag == "!")
        #expect(spec["e"]?.tag == "tag:yaml.org,2002:int")
        #expect(spec["e"]?.scalar?.sourceStart == text.location("five"))
        #expect(try #require(spec["f"]).tag == nil)
    }

    @Test func aliasesAreCopiesOfTheAnchoredNode() throws {
        let text = MarkedText("base: ⟨anchored⟩&b {x: 1}⟨/anchored⟩\ncopy: *b\nname: &n demo\nagain: *n")
        let spec = try #require(parse(text.text).root)
        #expect(spec["copy"]?["x"]?.scalar?.value == "1")
        #expect(spec["copy"]?.range.span == text.span("anchored"))
        #expect(spec["again"]?.scalar?.value == "demo")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let text = MarkedText("\u{FEFF}⟨key⟩a⟨/key⟩: ⟨one⟩1⟨/one⟩\nb: ⟨x⟩x⟨/x⟩")
        let spec = try #require(parse(text.text).root)
        #expect(spec.mapping?[0].key.range.span == text.span("key"))
        #expect(spec["a"]?.range.span == text.span("one"))
        #expect(spec["b"]?.range.span == text.span("x"))
    }

    @Test func crlfLineEndings() throws {
        let text = MarkedText("a: 1\r\nb:\r\n  - ⟨x⟩x⟨/x⟩\r\n  - ⟨y⟩'y'⟨/y⟩\r\nc: ⟨pq⟩\"p\r\n  q\"⟨/pq⟩\r\n")
        let spec = try #require(parse(text.text).root)
        #expect(spec["b"]?[0]?.range.span == text.span("x"))
        #expect(spec["b"]?[1]?.range.span == text.span("y"))
        #expect(spec["c"]?.scalar?.value == "p q")
        #expect(spec["c"]?.range.span == text.span("pq"))
        let duplicated = MarkedText("a: 1\r\nb: 2\r\n⟨again⟩a⟨/again⟩: 3\r\n")
        let duplicate = onlyDiagnostic(duplicated.text)
        #expect(duplicate?.code == .yamlDuplicateKey)
        #expect(duplicate?.range.span == duplicated.span("again"))
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
        let text = MarkedText("⟨first⟩a⟨/first⟩: 1\nb: 2\n⟨second⟩a⟨/second⟩: 3")
        let d = try #require(onlyDiagnostic(text.text))
        #expect(d.code == .yamlDuplicateKey)
        #expect(d.message == "duplicate key 'a'")
        #expect(d.range.span == text.span("second"))
        #expect(d.notes.map(\.message) == ["first defined here"])
        #expect(d.notes.first?.range?.span == text.span("first"))
    }

    @Test func duplicateKeysCompareValuesInAnyStyle() {
        let flow = MarkedText("m: {k: 1, ⟨second⟩k: 2}")
        #expect(onlyDiagnostic(flow.text)?.range.start == flow.location("second"))
        #expect(onlyDiagnostic("'a': 1\n\"a\": 2")?.code == .yamlDuplicateKey)
        #expect(onlyDiagnostic("a: {k: 1}\nb: {k: 1}") == nil)
    }

    @Test func everyDuplicateIsReported() {
        let text = MarkedText("a: 1\n⟨a⟩a: 2\nb:\n  c: 1\n  ⟨c⟩c: 2\n")
        let diagnostics = parse(text.text).diagnostics
        #expect(diagnostics.map(\.code) == [.yamlDuplicateKey, .yamlDuplicateKey])
        #expect(diagnostics.map(\.range.start) == [text.location("a"), text.location("c")])
    }

    @Test func nonScalarKeys() {
        let block = MarkedText("? ⟨key⟩[a]⟨/key⟩\n: 1")
        let d = onlyDiagnostic(block.text)
        #expect(d?.code == .yamlNonScalarKey)
        #expect(d?.message == "keys must be scalars, found a sequence")
        #expect(d?.range.span == block.span("key"))
        #expect(onlyDiagnostic("? {a: 1}\n: x")?.message == "keys must be scalars, found a mapping")
        let flow = MarkedText("{⟨key⟩[a]: 1}")
        #expect(onlyDiagnostic(flow.text)?.range.start == flow.location("key"))
    }

    @Test func mergeKeysAreRejected() {
        let text = MarkedText("base: &b {x: 1}\nm:\n  ⟨merge⟩<<⟨/merge⟩: *b\n  y: 2\n")
        let d = onlyDiagnostic(text.text)
        #expect(d?.code == .yamlMergeKey)
        #expect(d?.message == "merge keys (<<) are not supported; write the keys out")
        #expect(d?.range.span == text.span("merge"))
        #expect(onlyDiagnostic("m: {'<<': 1}") == nil)
    }

    @Test func undefinedAliasWithSuggestion() {
        let text = MarkedText("a: &base 1\nb: ⟨alias⟩*bas⟨/alias⟩")
        let d = onlyDiagnostic(text.text)
        #expect(d?.code == .yamlUndefinedAlias)
        #expect(d?.message == "alias '*bas' refers to an undefined anchor")
        #expect(d?.range.span == text.span("alias"))
        #expect(d?.fixIts.map(\.message) == ["did you mean '*base'?"])
        #expect(onlyDiagnostic("a: *nothing")?.fixIts.isEmpty == true)
    }

    @Test func recursiveAlias() {
        let text = MarkedText("a: ⟨anchor⟩&x [1, ⟨alias⟩*x⟨/alias⟩]")
        let d = onlyDiagnostic(text.text)
        #expect(d?.code == .yamlRecursiveAlias)
        #expect(d?.range.span == text.span("alias"))
        #expect(d?.notes.first?.range?.start == text.location("anchor"))
        #expect(onlyDiagnostic("a: &x {b: {c: *x}}")?.code == .yamlRecursiveAlias)
    }

    @Test func secondDocument() {
        let text = MarkedText("a: 1\n⟨second⟩---\nb: 2")
        let d = onlyDiagnostic(text.text)
        #expect(d?.code == .yamlSecondDocument)
        #expect(d?.range.start == text.location("second"))
        let ended = MarkedText("---\na: 1\n...\n⟨second⟩---\nb: 2\n")
        #expect(onlyDiagnostic(ended.text)?.range.start == ended.location("second"))
        // The first document is still checked.
        #expect(parse("- 1\n---\na: 1").diagnostics.map(\.code) == [.yamlSecondDocument, .yamlRootNotMapping])
    }

    @Test(arguments: ["", "# only a comment\n", "---\n", "\u{FEFF}", "   \n\n", "---\n...\n"])
    func emptySpec(text: String) {
        let d = onlyDiagnostic(text)
        #expect(d?.code == .yamlEmpty)
        #expect(d?.message == "the spec is empty")
        #expect(d?.range.start == MarkedText("⟨start⟩" + text).location("start"), "at the start of the file")
    }

    @Test func rootMustBeAMapping() {
        let sequence = MarkedText("⟨root⟩- formwork: 1\n- stack: demo⟨/root⟩\n")
        let d = onlyDiagnostic(sequence.text)
        #expect(d?.code == .yamlRootNotMapping)
        #expect(d?.message == "the top level of a spec must be a mapping, found a sequence")
        #expect(d?.range.span == sequence.span("root"))
        let scalar = MarkedText("⟨root⟩just text⟨/root⟩")
        let found = onlyDiagnostic(scalar.text)
        #expect(found?.message == "the top level of a spec must be a mapping, found a string")
        #expect(found?.range.span == scalar.span("root"))
        #expect(onlyDiagnostic("~")?.message == "the top level of a spec must be a mapping, found null")
        #expect(onlyDiagnostic("''")?.message == "the top level of a spec must be a mapping, found an empty string")
    }
}

@Suite struct LimitTests {
    /// Ten `lol`s, then eight levels of ten aliases each to the level before.
    /// Each `*e` copies 111111 nodes, so the eighth one in `f` takes the
    /// whole past a million: ⟨over⟩ marks it.
    static func billionLaughs() -> MarkedText {
        var text = "formwork: 1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            let aliases = (0..<10).map { (name == "f" && $0 == 7 ? "⟨over⟩*\(previous)⟨/over⟩" : "*\(previous)") }
            text += "\(name): &\(name) [" + aliases.joined(separator: ", ") + "]\n"
        }
        return MarkedText(text)
    }

    @Test func billionLaughsStopsAtTheAliasThatExceedsTheBudget() {
        let text = Self.billionLaughs()
        let d = onlyDiagnostic(text.text)
        #expect(d?.code == .yamlBudget)
        #expect(d?.message == "aliases expand to more than 1000000 nodes")
        #expect(d?.range.span == text.span("over"))
    }

    @Test func nodeBudgetWithoutAliases() {
        // The mapping, `a`, the sequence and 1 to 7 are ten nodes.
        let text = MarkedText("a: [1,2,3,4,5,6,7,⟨eleventh⟩8,9,10]")
        let d = onlyDiagnostic(text.text, limits: YAMLLimits(maxNodes: 10))
        #expect(d?.code == .yamlBudget)
        #expect(d?.message == "the spec has more than 10 nodes")
        #expect(d?.range.start == text.location("eleventh"))
    }

    @Test func textBudgetCountsAliasCopies() {
        let text = MarkedText("a: &a xxxxxx\nb: [⟨copy⟩*a, *a]")
        let d = onlyDiagnostic(text.text, limits: YAMLLimits(maxScalarBytes: 10))
        #expect(d?.code == .yamlBudget)
        #expect(d?.message == "aliases expand to more than 10 bytes of text")
        #expect(d?.range.start == text.location("copy"))
    }

    @Test func deepFlowNestingStopsAtTheLimit() {
        // The root mapping is level 1, so the 256th '[' is level 257.
        let text = MarkedText("formwork: 1\nstack: demo\nx: " + String(repeating: "[", count: 255) + "⟨deep⟩[⟨/deep⟩"
            + String(repeating: "[", count: 200_000 - 256))
        let d = onlyDiagnostic(text.text)
        #expect(d?.code == .yamlTooDeep)
        #expect(d?.message == "too deeply nested (more than 256 levels)")
        #expect(d?.range.span == text.span("deep"))
    }

    @Test func deepBlockNestingStopsAtTheLimit() {
        let sequences = MarkedText("x:\n" + String(repeating: "- ", count: 255) + "⟨deep⟩" + String(repeating: "- ", count: 3000 - 255) + "x\n")
        let d = onlyDiagnostic(sequences.text)
        #expect(d?.code == .yamlTooDeep)
        #expect(d?.range.start == sequences.location("deep"))
        var nested = ""
        for level in 0..<300 { nested += String(repeating: " ", count: level) + (level == 256 ? "⟨deep⟩" : "") + "k\(level):\n" }
        let mappings = MarkedText(nested)
        #expect(onlyDiagnostic(mappings.text)?.range.start == mappings.location("deep"))
    }

    @Test func exactlyAtTheDepthLimitIsFine() {
        let text = "x: " + String(repeating: "[", count: 255) + String(repeating: "]", count: 255)
        #expect(parse(text).diagnostics.isEmpty)
    }

    @Test func aliasesCountTowardsDepth() {
        let text = MarkedText("a: &a [[1]]\nb: [⟨copy⟩*a]")
        let d = onlyDiagnostic(text.text, limits: YAMLLimits(maxDepth: 3))
        #expect(d?.code == .yamlTooDeep)
        #expect(d?.range.start == text.location("copy"))
    }

    @Test func inputTooLarge() {
        let text = MarkedText("⟨start⟩a: 12")
        let d = onlyDiagnostic(text.text, limits: YAMLLimits(maxBytes: 4))
        #expect(d?.code == .yamlTooLarge)
        #expect(d?.message == "the spec is larger than the limit of 4 bytes")
        #expect(d?.range.start == text.location("start"))
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
