import FormworkCFN

/// Reading generated template values in assertions.
extension TemplateValue {
    /// The string, when this is one.
    package var text: String? { if case .string(let s) = kind { s } else { nil } }

    /// The items, when this is an array; empty otherwise.
    package var items: [TemplateValue] { if case .array(let items) = kind { items } else { [] } }

    /// The JSON the writer emits, on one line without indentation:
    /// `{"Fn::GetAtt": ["Jobs","Arn"]}`.
    package var compactJSON: String {
        JSONWriter.write(self).split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.joined()
    }
}
