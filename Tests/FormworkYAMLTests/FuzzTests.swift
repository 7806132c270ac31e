import FormworkDiagnostics
import Testing
@testable import FormworkYAML

/// Deterministic random inputs built from YAML's significant characters: the
/// parser must not trap, and every scalar it returns must map back to its
/// source exactly.
@Suite struct FuzzTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let pieces: [String] = [
        "a", "b", "é", "🚀", " ", "  ", "\t", "\n", "\r\n", "\n  ", "\n    ", ":", ": ", "- ", "'", "''", "\"",
        "\\", "\\n", "\\x41", "\\u00e9", "\\\n", "#", " #", "|", "|-", "|+", ">", ">-", "|2", "[", "]", "{", "}",
        ",", "&a ", "*a", "!t ", "!!str ", "? ", "---", "...", "${x}", "\u{85}", "\u{2028}", "\r", "\t\n", " \n", "\\\t", "\\ ", "\\\"", "\n\n", "\n- ", "1", "%",
    ]

    @Test func randomInputs() {
        var generator = Generator(state: 0x5EED)
        var exact = 0
        for _ in 0..<20000 {
            var text = "v: "
            for _ in 0..<(1 + generator.next(24)) {
                text += Self.pieces[generator.next(Self.pieces.count)]
            }
            let (root, _) = parse(text)
            for node in root?.allScalars ?? [] {
                _ = node.resolvedScalar
                _ = node.kindDescription
                guard let scalar = node.scalar else { continue }
                #expect(scalar.hasExactSourceMap, "\(text.debugDescription) → \(scalar.source.debugDescription)")
                exact += 1
                let count = scalar.value.unicodeScalars.count
                _ = scalar.range(ofValue: 0..<count)
            }
        }
        #expect(exact > 500)
    }

    /// A scalar's cached source map answers every range as reading the
    /// source afresh does, on one-line scalars it answers without reading
    /// them (plain, quoted, with escapes) as on any other.
    @Test func cachedMapMatchesAFullReading() {
        var generator = Generator(state: 0xCAFE)
        var texts = [
            "\u{FEFF}v: plain ${x} text\r\nw: 'it''s ${y}'\r\n", "v: \"a\\tb ${x} \\u00e9\"", "v: 'quoted ${x}'",
            "v: \"\"", "v: ''", "v: \"${x}\"", "v: |\n  a ${x}\n  b\n", "v: >-\n  a\n  ${x}\n", "v: ünï ${x} 🚀",
            "v: a  b\tc ${x}", "v: [${x}, '${y}', \"${z}\"]", "v: \"a\\\"b\"", "v: 'a\n  b'", "v: a\r\n  b",
        ]
        for _ in 0..<3000 {
            var text = "v: "
            for _ in 0..<(1 + generator.next(16)) { text += Self.pieces[generator.next(Self.pieces.count)] }
            texts.append(text)
        }
        var compared = 0
        for text in texts {
            for node in parse(text).root?.allScalars ?? [] {
                guard let scalar = node.scalar else { continue }
                let cached = scalar.sourceMap()
                let full = ScalarSourceMap(scalar, allowsVerbatim: false)
                let count = scalar.value.unicodeScalars.count
                for lower in 0...(count + 1) {
                    for upper in lower...(count + 2) {
                        #expect(cached.range(ofValue: lower..<upper) == full.range(ofValue: lower..<upper),
                                "\(text.debugDescription) \(lower)..<\(upper)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 10000)
    }

    @Test func randomBytesNeverTrap() {
        var generator = Generator(state: 42)
        let alphabet: [UInt8] = Array("ab:-[]{}'\"\\|>&*!#? \t\n\r,".utf8) + [0x00, 0xFF, 0xC3, 0xA9, 0xEF, 0xBB, 0xBF]
        for _ in 0..<2000 {
            let bytes = (0..<generator.next(40)).map { _ in alphabet[generator.next(alphabet.count)] }
            let (root, diagnostics) = YAMLParser.parse(bytes, file: "t.yaml")
            #expect((root == nil) == diagnostics.hasErrors)
            #expect(diagnostics.allSatisfy { $0.range.start.line >= 1 && $0.range.start.column >= 1 })
        }
    }
}
