import FormworkDiagnostics
import Foundation
@testable import FormworkRules
import FormworkSpec
import FormworkTestSupport
import Testing

@Suite struct ExplicitAPIAuthTests {
    private func spec(defaults: String = "", auth: String?) -> String {
        """
        formwork: 1
        stack: demo
        \(defaults)
        resources:
          api:
            kind: api
            stage: v1
        \(auth.map { "    auth: \($0)" } ?? "")
            routes:
              GET /status: { mock: {} }
        """
    }

    @Test func anUnstatedAuthIsAWarning() {
        #expect(Pipeline.compile(spec(auth: nil)).diagnostics.map(\.code) == [.implicitAuthNone])
    }

    @Test(arguments: [
        (nil, "cognito"), (nil, "[iam]"), ("defaults: { api: { auth: cognito } }", nil),
        ("defaults: { api: { auht: iam } }", nil), ("defaults: { api: iam }", nil),
    ] as [(String?, String?)])
    func anAuthThatDidNotDecodeIsOneErrorAndNoWarning(defaults: String?, auth: String?) {
        let codes = Pipeline.compile(spec(defaults: defaults ?? "", auth: auth)).diagnostics.map(\.code)
        #expect(!codes.isEmpty)
        #expect(!codes.contains(.implicitAuthNone), "\(codes)")
    }

    @Test func aMisspelledAuthIsOneError() {
        let text = spec(auth: nil).replacingOccurrences(of: "    stage: v1", with: "    stage: v1\n    auht: iam")
        #expect(Pipeline.compile(text).diagnostics.map(\.code) == [.unknownKey])
    }
}
