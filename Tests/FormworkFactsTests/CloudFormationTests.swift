import FormworkFacts
import Testing

@Suite struct CloudFormationTests {
    @Test func logicalIdsAreAlphanumericAndAtMost255() {
        #expect(CloudFormation.LogicalId.isValid("UploadsBucket1"))
        #expect(CloudFormation.LogicalId.isValid(String(repeating: "a", count: 255)))
        #expect(!CloudFormation.LogicalId.isValid(String(repeating: "a", count: 256)))
        #expect(!CloudFormation.LogicalId.isValid(""))
        #expect(!CloudFormation.LogicalId.isValid("Uploads-Bucket"))
        #expect(!CloudFormation.LogicalId.isValid("Ünicode"))
    }

    @Test func pseudoParametersAreAWSNames() {
        #expect(CloudFormation.pseudoParameters.values.allSatisfy { $0.hasPrefix("AWS::") })
        #expect(CloudFormation.pseudoParameters["region"] == "AWS::Region")
    }

    @Test func theLongestRegionHasFifteenCharacters() {
        #expect(CloudFormation.longestRegionName.count == 15)
    }
}
