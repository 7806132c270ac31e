import FormworkFacts
import Testing

@Suite struct APIGatewayAndEventBridgeTests {
    @Test func anyIsNotOneOfTheMethodsItStandsFor() {
        #expect(!APIGateway.httpMethods.contains(APIGateway.anyMethod))
        #expect(Set(APIGateway.httpMethods).count == 7)
    }

    @Test func cronHasSixFields() {
        #expect(EventBridge.cronFields.map(\.name) == ["minutes", "hours", "day-of-month", "month", "day-of-week", "year"])
        #expect(EventBridge.cronFields.allSatisfy { $0.names.isEmpty || $0.names.count == $0.values.count })
    }
}
