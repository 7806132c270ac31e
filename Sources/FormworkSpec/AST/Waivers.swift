import FormworkDiagnostics
import FormworkFacts

/// One written exception (`waivers:` on a resource or at the top level):
/// a rule, a Formwork code (`FW4301`) or a checkov id (`CKV_AWS_18`), and
/// why it does not apply. A Formwork warning it names is not reported; a
/// checkov id is written into the `Metadata` of the generated resources as
/// checkov's own skip list. The driver checks each waiver (`Waivers` in
/// FormworkKit): the decoder only reads it.
package struct Waiver: Sendable {
    package var rule: Located<String>
    /// Required (the decoder reports it missing); nil only when it was not written.
    package var reason: Located<String>?
    /// `resource: <role>` (a component's checkov waiver only): the one
    /// generated resource the skip goes on, named by its `overrides:` role;
    /// nil: every resource the component generates.
    package var resource: Located<String>?
    /// The waiver's mapping.
    package var range: SourceRange

    package init(rule: Located<String>, reason: Located<String>?, resource: Located<String>? = nil, range: SourceRange) {
        self.rule = rule
        self.reason = reason
        self.resource = resource
        self.range = range
    }

    /// Whether the rule is written as a checkov id (`CKV_AWS_<n>`, `CKV2_AWS_<n>`).
    package var isCheckov: Bool { Waiver.isCheckovId(rule.value) }

    /// `CKV_AWS_<digits>` or `CKV2_AWS_<digits>`: checkov's AWS checks, the ones it runs on CloudFormation.
    package static func isCheckovId(_ text: String) -> Bool {
        for prefix in ["CKV_AWS_", "CKV2_AWS_"] where text.hasPrefix(prefix) {
            let number = text.unicodeScalars.dropFirst(prefix.count)
            return !number.isEmpty && number.allSatisfy(\.isASCIIDigit)
        }
        return false
    }

    /// `FW` and four digits: the shape of a Formwork code.
    package static func isFormworkCode(_ text: String) -> Bool {
        text.count == 6 && text.hasPrefix("FW") && text.unicodeScalars.dropFirst(2).allSatisfy(\.isASCIIDigit)
    }
}
