import FormworkCFN
import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW5313 (InvokerAccounts): an invoker's account is a 12-digit AWS account ID.
@Suite struct InvokerAccountsTests {
    /// A spec with one function invoked from a bucket owned by `account`, marked `account`.
    private func spec(account: String) -> MarkedText {
        MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              partner:
                type: string
                default: '444455556666'
            resources:
              worker:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => 1;" }
                environment:
                  PARTNER: ${partner}
                invokers:
                  - s3Bucket: partner-exports
                    account: ⟨account⟩\(account)
            """)
    }

    @Test(arguments: [
        ("'111122223333'", [String]()),
        ("111122223333", []),
        ("'012345678901'", []),
        ("${partner}", []),
        ("${aws.accountId}", []),
        ("'11112222333'", ["FW5313@account"]),
        ("'1111222233334'", ["FW5313@account"]),
        ("'11112222333x'", ["FW5313@account"]),
        ("1111-2222-3333", ["FW5313@account"]),
        ("''", ["FW5313@account"]),
        ("'id-${partner}'", ["FW5313@account"]),
        ("'${unknownAccount}'", ["FW3001@account"]),
    ])
    func accounts(account: String, findings: [String]) {
        let text = spec(account: account)
        let codes = text.findings(Pipeline.compile(text.text).diagnostics)
        if findings.first?.hasPrefix("FW3001") == true {
            // The unknown name is reported by UnknownNames, and InvokerAccounts says nothing more.
            #expect(!codes.contains("FW5313@account"), "\(account)")
            #expect(!codes.isEmpty, "\(account)")
        } else {
            #expect(codes == findings, "\(account)")
        }
    }

    @Test func anOptionalAccountMustBeGuardedLikeTheBucket() {
        let yaml = """
            formwork: 1
            stack: demo
            parameters:
              partnerAccount: { type: string, optional: true }
            resources:
              worker:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => 1;" }
                invokers:
                  - s3Bucket: partner-exports
                    account: ${partnerAccount}
                  - s3Bucket: partner-archive
                    account: ${partnerAccount}
                    when: partnerAccount
            """
        let codes = Pipeline.compile(yaml).diagnostics.map { "\($0.code.rawValue)@\($0.range.start.line)" }
        #expect(codes == ["FW4010@13"])
    }

    @Test func theConsoleSpellingIsFixedOthersAreHelped() throws {
        let hyphens = try #require(Pipeline.compile(spec(account: "1111-2222-3333").text).diagnostics.only)
        #expect(hyphens.message == "account '1111-2222-3333' is not an AWS account ID, which is exactly 12 digits")
        #expect(hyphens.fixIts.map(\.message) == ["write '111122223333'"])
        #expect(hyphens.fixIts.first?.edits.map(\.text) == ["'111122223333'"])
        let short = try #require(Pipeline.compile(spec(account: "'12345'").text).diagnostics.only)
        #expect(short.fixIts.isEmpty)
        #expect(short.help.first?.contains("'123456789012'") == true)
    }

    @Test func theAccountIsThePermissionsSourceAccount() throws {
        let literal = try #require(Pipeline.compile(spec(account: "'111122223333'").text).template)
        let account = literal.resource("WorkerInvoker1Permission")?.properties["SourceAccount"]
        #expect(account?.compactJSON == #""111122223333""#)
        let parameter = try #require(Pipeline.compile(spec(account: "${partner}").text).template)
        #expect(parameter.resource("WorkerInvoker1Permission")?.properties["SourceAccount"]?.compactJSON == #"{"Ref": "Partner"}"#)
        let own = try #require(Pipeline.compile(spec(account: "${aws.accountId}").text).template)
        #expect(own.resource("WorkerInvoker1Permission")?.properties["SourceAccount"]?.compactJSON == #"{"Ref": "AWS::AccountId"}"#)
    }
}
