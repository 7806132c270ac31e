import FormworkDiagnostics
@testable import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct ExpressionLexerTests {
    private func lex(_ text: String) -> ([Token], [Diagnostic]) {
        var bag = DiagnosticBag()
        var lexer = Lexer(ExpressionSource(scalars: Array(text.unicodeScalars), locate: locate), at: 0)
        var tokens: [Token] = []
        do {
            while true {
                let token = try lexer.next(into: &bag)
                tokens.append(token)
                if token.kind == .end { break }
            }
        } catch {}
        return (tokens, bag.all)
    }

    /// `text` with each token's range in brackets: `[a][.][B_2] [??]`.
    private func bracketed(_ text: String, _ tokens: [Token]) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var at = 0
        for token in tokens {
            guard token.range.lowerBound >= at, token.range.upperBound <= scalars.count else {
                return "token at \(token.range) overlaps or runs past the text"
            }
            out += scalars[at..<token.range.lowerBound]
            out += "[".unicodeScalars + scalars[token.range] + "]".unicodeScalars
            at = token.range.upperBound
        }
        out += scalars[at...]
        return String(out)
    }

    @Test func readsEveryTokenWithItsOffsets() {
        let text = " a.B_2 ?? 'x' 12 -3.5 ( ) ! != == = && & || | ${ } # "
        let (tokens, diagnostics) = lex(text)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [
            .name("a"), .dot, .name("B_2"), .fallback, .string("x"), .number("12"), .number("-3.5"),
            .openParen, .closeParen, .not, .notEquals, .equals, .assign, .and, .ampersand, .or, .bar,
            .interpolationStart, .closeBrace, .invalid, .end,
        ])
        // The end token is the empty range after the last space.
        #expect(bracketed(text, tokens) == " [a][.][B_2] [??] ['x'] [12] [-3.5] [(] [)] [!] [!=] [==] [=] [&&] [&] [||] [|] [${] [}] [#] []")
    }

    @Test func numbersNeedDigitsAfterTheirPoint() {
        #expect(lex("1.x").0.map(\.kind) == [.number("1"), .dot, .name("x"), .end])
        #expect(lex("-x").0.map(\.kind) == [.invalid, .name("x"), .end])
        #expect(lex("?").0.map(\.kind) == [.question, .end])
        #expect(lex("a ? b : c[d]").0.map(\.kind) == [
            .name("a"), .question, .name("b"), .colon, .name("c"), .openBracket, .name("d"), .closeBracket, .end,
        ])
    }

    @Test func unescapesStringLiterals() {
        let (tokens, diagnostics) = lex(#"'it\'s \\ "q"' "say \"hi\"" ''"#)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.string(#"it's \ "q""#), .string(#"say "hi""#), .string(""), .end])
    }

    @Test func reportsAnUnknownEscapeAndReadsOn() {
        // ⟨s⟩…⟨e⟩ is the escape, ⟨s⟩…⟨b⟩ its backslash.
        let marked = MarkedText(#"'C:⟨s⟩\⟨b⟩t⟨e⟩emp' x"#)
        let (tokens, diagnostics) = lex(marked.text)
        #expect(tokens.map(\.kind) == [.string("C:temp"), .name("x"), .end])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == .invalidEscape)
        #expect(diagnostics.first?.message == #"unknown escape '\t' in a string literal; only \', \" and \\ are allowed"#)
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
        #expect(diagnostics.first?.fixIts == [
            FixIt(#"write \\ for a backslash"#, replacing: at(marked, "s", "b"), with: #"\\"#),
        ])
    }

    @Test(arguments: [("'", "\"'\""), ("\"", "'\"'")])
    func reportsAnUnterminatedStringAtItsQuote(quote: String, closing: String) {
        let marked = MarkedText("a ⟨s⟩\(quote)⟨e⟩open")
        let (tokens, diagnostics) = lex(marked.text)
        #expect(tokens.map(\.kind) == [.name("a")])
        #expect(diagnostics.map(\.code) == [.unterminatedStringLiteral])
        #expect(diagnostics.first?.message == "unterminated string literal; expected a closing \(closing)")
        #expect(diagnostics.first?.range == at(marked, "s", "e"))
    }

    @Test func quotesShortTextWholeAndLongTextCut() {
        #expect(quoted("b c") == "'b c'")
        #expect(quoted(String(repeating: "x", count: 41)) == "'" + String(repeating: "x", count: 40) + "…'")
    }

    @Test func registryListsEveryExpressionCodeOnceInThePhaseRange() {
        let codes = DiagnosticCode.allExpressionCodes
        #expect(codes.count == 20)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        for code in codes {
            #expect(code.rawValue >= "FW3001" && code.rawValue <= "FW3049", "\(code)")
            #expect(code.summary.first?.isLowercase == true || code.summary.first == "$" || code.summary.first == "'",
                    "\(code): \(code.summary)")
            #expect(!code.summary.hasSuffix("."), "\(code)")
        }
    }
}
