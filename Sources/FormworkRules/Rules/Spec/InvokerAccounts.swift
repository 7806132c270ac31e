import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// An `invokers` item's `account` is the 12-digit ID of the AWS account
/// that owns the bucket: the permission's `SourceAccount`, which Lambda and
/// CloudFormation take only as exactly 12 digits (cfn-lint E3031). A
/// literal account is checked whole; one with `${...}` (a parameter,
/// `${aws.accountId}`) has only its literal text checked, which must be
/// digits. An ID written the way the console shows it, `1234-5678-9012`,
/// gets a fix-it without the hyphens.
enum InvokerAccounts: SpecRule {
    static let summary = "an invoker's account is a 12-digit AWS account ID"
    static let codes: [DiagnosticCode] = [.invalidInvokerAccount]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .function(let function) = resource.body else { continue }
            for invoker in function.invokers {
                guard let account = invoker.account, account.interpolated.isWhole else { continue }
                if let diagnostic = check(account) { diagnostics.append(diagnostic) }
            }
        }
    }

    /// The one finding about an account, or nil when it is valid as far as it shows.
    static func check(_ account: StringValue) -> Diagnostic? {
        var literal = ""
        for segment in account.interpolated.segments {
            if case .literal(let text) = segment { literal += text }
        }
        if account.interpolated.hasExpressions {
            guard literal.contains(where: { !$0.isASCIIDigitCharacter }) else { return nil }
            return .invokerAccountText(account)
        }
        if literal.count == CloudFormation.accountIdLength, literal.allSatisfy(\.isASCIIDigitCharacter) { return nil }
        let digits = literal.filter(\.isASCIIDigitCharacter)
        let onlySeparators = literal.allSatisfy { $0.isASCIIDigitCharacter || $0 == "-" || $0 == " " }
        let replacement = onlySeparators && digits.count == CloudFormation.accountIdLength ? digits : nil
        return .invalidInvokerAccount(account, replacement: replacement)
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension DiagnosticCode {
    package static let invalidInvokerAccount = DiagnosticCode(
        "FW5313", .specChecks, "an invoker's account is not a 12-digit AWS account ID",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"AWS::Lambda::Permission\" (SourceAccount)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html"))
}

extension Diagnostic {
    static func invalidInvokerAccount(_ account: StringValue, replacement: String?) -> Diagnostic {
        let message = "account '\(account.text)' is not an AWS account ID, which is exactly \(CloudFormation.accountIdLength) digits"
        guard let replacement else {
            return .error(.invalidInvokerAccount, message, at: account.range,
                          help: ["write the 12 digits of the account that owns the bucket, like '123456789012', or a parameter, like '${bucketAccount}'"])
        }
        return .error(.invalidInvokerAccount, message, at: account.range,
                      fixIts: [FixIt("write '\(replacement)'", replacing: account.range, with: "'\(replacement)'")])
    }

    static func invokerAccountText(_ account: StringValue) -> Diagnostic {
        .error(.invalidInvokerAccount,
               "account '\(account.text)' has text other than digits beside its interpolation; an AWS account ID is exactly \(CloudFormation.accountIdLength) digits",
               at: account.range, help: ["write only the interpolation of a parameter that holds the account ID, like '${partnerAccount}'"])
    }
}
