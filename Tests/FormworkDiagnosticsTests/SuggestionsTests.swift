import FormworkDiagnostics
import Testing

@Suite struct SuggestionsTests {
    @Test func editDistance() {
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("", "abc") == 3)
        #expect(Suggestions.editDistance("Stack", "stack") == 0)
        #expect(Suggestions.editDistance("evn", "env") == 1)
        #expect(Suggestions.editDistance("ca", "abc") == 3)
    }

    @Test func closestPicksNearTyposOnly() {
        let keys = ["resources", "parameters", "outputs", "stack", "tags"]
        #expect(Suggestions.closest(to: "resorces", in: keys) == "resources")
        #expect(Suggestions.closest(to: "output", in: keys) == "outputs")
        #expect(Suggestions.closest(to: "zzzzzz", in: keys) == nil)
    }
}
