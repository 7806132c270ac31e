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
