import FormworkDiagnostics
import FormworkYAML

/// The mapping form of a conditional value, for a raw resource's property
/// of any JSON type (docs/language.md, "Conditional values").
extension SpecDecoder {
    /// `{if: <condition>, then: <value>, else: <value>}`. A mapping with an
    /// `if` key is always this form: CloudFormation's property names are
    /// PascalCase, so no property is called `if`.
    func conditionalValue(_ node: YAMLNode) -> RawValue? {
        guard let fields = fields(node, "a conditional value", allowed: SpecKeys.conditionalValue.keys,
                                  required: SpecKeys.conditionalValue.required),
              let condition = fields["if"].map(when), let then = fields["then"].flatMap(rawValue)
        else { return nil }
        let otherwise = fields["else"].flatMap(rawValue)
        if fields.has("else"), otherwise == nil { return nil }
        return .conditional(condition, then: then, else: otherwise, node.range)
    }

}

extension DiagnosticCode {
    package static let conditionalProperties = DiagnosticCode(
        "FW2044", .decoding, "a raw resource's whole properties written as a conditional value")
}

extension SpecDecoder {
    /// `memory: "${env == 'prod' ? 1024 : 256}"`: a typed field takes no
    /// `${...}`. The names in it count as used, so the parameter is not
    /// also reported unused.
    func interpolationInTypedField(expected: String, for what: String, found node: YAMLNode) -> Diagnostic {
        keepNames(in: node)
        return .error(.typeMismatch, "expected \(expected) for \(what), found \(node.kindDescription); a field of this type takes no ${...}",
                      at: node.range,
                      help: ["conditional values and references reach strings only: write the value out, or write the resource as a raw 'type:' whose property takes one"])
    }
}

extension SpecDecoder {
    /// An output's `value:`. CloudFormation outputs one string: a YAML list
    /// or mapping there is an error saying what can stand instead.
    func outputValue(_ node: YAMLNode) -> StringValue? {
        guard node.sequence != nil || node.mapping != nil else { return interpolated(node, "an output's value") }
        keepNames(in: node)
        report(.error(.typeMismatch, "expected a string for an output's value, found \(node.kindDescription); CloudFormation outputs one string",
                      at: node.range,
                      help: ["a list parameter or a mapping's list is joined with commas when it is the whole value: value: ${zones}"]))
        return nil
    }
}

extension Diagnostic {
    static func conditionalProperties(_ key: String = "properties", at range: SourceRange) -> Diagnostic {
        .error(.conditionalProperties, "'\(key):' itself cannot be a conditional value; make each of its keys one",
               at: range, help: ["or put the resource under 'when:' to have it only where the condition holds"])
    }
}
