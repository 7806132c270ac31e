@testable import FormworkFacts
import Testing

@Suite struct AllowedPatternTests {
    @Test func theWholeValueMustMatch() throws {
        let pattern = try #require(AllowedPattern("[a-z]+-[0-9]"))
        #expect(pattern.matches("dev-1"))
        #expect(!pattern.matches("dev-12"))
        #expect(!pattern.matches("xdev-1 "))
        #expect(try #require(AllowedPattern("a|b")).matches("b"))
    }

    @Test func classesAreASCIIOnlyAsInJava() throws {
        let digits = try #require(AllowedPattern(#"\d+"#))
        #expect(digits.matches("123"))
        #expect(!digits.matches("١٢٣"))
        #expect(!(try #require(AllowedPattern(#"\w+"#))).matches("é"))
        // One Unicode scalar per `.`, as Java reads code points, not grapheme clusters.
        #expect(!(try #require(AllowedPattern("^.$"))).matches("e\u{301}"))
    }

    @Test func syntaxSwiftDoesNotTakeOrReadsOtherwiseIsNotEvaluated() {
        #expect(AllowedPattern.unevaluable(#"\p{javaLowerCase}+"#) != nil)
        #expect(AllowedPattern.unevaluable("[[:alpha:]]+")?.contains("POSIX") == true)
        #expect(AllowedPattern.unevaluable("[a-z--b]") != nil)
        #expect(AllowedPattern.unevaluable("a{,3}") != nil)
        #expect(AllowedPattern.unevaluable("(") != nil)
        // Quoted and escaped text is not syntax.
        #expect(AllowedPattern.unevaluable(#"\Q[:\E[a-z]+"#) == nil)
        #expect(AllowedPattern.unevaluable(#"\[:x"#) == nil)
    }

    @Test func anOptionalParametersPatternAdmitsEmptyAndNothingElseNew() throws {
        let original = "^[a-z]+$|^[0-9]{3}$"
        let admitting = AllowedPattern.admittingEmpty(original)
        #expect(admitting == "^$|^[a-z]+$|^[0-9]{3}$")
        let both = try #require(AllowedPattern(admitting)), only = try #require(AllowedPattern(original))
        #expect(both.matches(""))
        for value in ["abc", "123", "12", "ab1", "\n", "abc\n", " ", "1234"] {
            #expect(both.matches(value) == only.matches(value), "\(value.debugDescription)")
        }
        // Already matching "": unchanged. Not evaluated: prefixed all the same.
        #expect(AllowedPattern.admittingEmpty("[a-z]*") == "[a-z]*")
        #expect(AllowedPattern.admittingEmpty(#"\p{javaLowerCase}+"#) == #"^$|\p{javaLowerCase}+"#)
        // Nothing follows the original, so a trailing comment or an open quote cannot swallow anything.
        #expect(AllowedPattern.admittingEmpty(#"(?x) [a-z]+ # letters"#).hasSuffix("# letters"))
    }
}
