@testable import FormworkSpec
import Testing

@Suite struct NameTests {
    /// A name's logical ID upper-cases its first letter, ASCII or not, and keeps the rest.
    @Test func logicalIdUpperCasesTheFirstLetter() {
        #expect(Name.logicalId(of: "jobs") == "Jobs")
        #expect(Name.logicalId(of: "jobsQueueWithALongName") == "JobsQueueWithALongName")
        #expect(Name.logicalId(of: "Jobs") == "Jobs")
        #expect(Name.logicalId(of: "z9") == "Z9")
        #expect(Name.logicalId(of: "9x") == "9x")
        #expect(Name.logicalId(of: "élan") == "Élan")
        #expect(Name.logicalId(of: "") == "")
    }
}
