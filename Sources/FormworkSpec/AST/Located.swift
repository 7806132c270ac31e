import FormworkDiagnostics

/// A value decoded from the spec, with the range of the node it came from.
package struct Located<Value: Sendable>: Sendable {
    package var value: Value
    package var range: SourceRange

    package init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A string that may contain `${...}` interpolations, already parsed.
package struct StringValue: Sendable {
    /// The string as written (after YAML unquoting).
    package var text: String
    package var interpolated: InterpolatedString
    package var range: SourceRange

    package init(text: String, interpolated: InterpolatedString, range: SourceRange) {
        self.text = text
        self.interpolated = interpolated
        self.range = range
    }
}

/// A `when:` condition as written, parsed.
package struct WhenClause: Sendable {
    package var text: String
    package var condition: Condition
    package var range: SourceRange

    package init(text: String, condition: Condition, range: SourceRange) {
        self.text = text
        self.condition = condition
        self.range = range
    }
}
