import FormworkFacts
import Testing

@Suite struct LambdaAndLogsTests {
    @Test func replacementsAreCurrentRuntimes() {
        for runtime in Lambda.runtimes {
            let replacement = Lambda.runtime(runtime.replacement)
            #expect(replacement != nil && replacement?.isDeprecated == false, "\(runtime.identifier) → \(runtime.replacement)")
        }
    }

    @Test func statusIsFixedByTheReviewDate() {
        #expect(Lambda.runtime("nodejs20.x")?.isDeprecated == true)
        #expect(Lambda.runtime("nodejs22.x")?.isDeprecated == false)
    }

    @Test func environmentNamesFollowLambdasPattern() {
        #expect(Lambda.isValidEnvironmentName("TABLE_NAME"))
        #expect(Lambda.isValidEnvironmentName("a1"))
        #expect(!Lambda.isValidEnvironmentName("A"))
        #expect(!Lambda.isValidEnvironmentName("1A"))
        #expect(!Lambda.isValidEnvironmentName("_A"))
        #expect(!Lambda.isValidEnvironmentName("TABLE-NAME"))
    }

    @Test func theAdvisedVisibilityTimeoutIsSixTimesWithinSQSsMaximum() {
        #expect(Lambda.advisedVisibilityTimeout(functionTimeout: 900) == 5400)
        #expect(Lambda.advisedVisibilityTimeout(functionTimeout: 10_000) == SQS.visibilityTimeoutRange.upperBound)
    }

    @Test func logRetentionValuesIncreaseBetweenTheRangeEnds() {
        #expect(Logs.retentionDays == Logs.retentionDays.sorted())
        #expect(Logs.retentionDaysRange == 1...3653)
    }
}
