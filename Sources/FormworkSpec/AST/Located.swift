import FormworkDiagnostics

/// Where a setting's value comes from: the resource itself, the spec's
/// `defaults:`, or the built-in default (`BuiltInDefaults`).
package enum Provenance: Sendable, Hashable {
    case written, defaults, builtIn
}

/// A value decoded from the spec, with the range of the node it came from.
package struct Located<Value: Sendable>: Sendable {
    package var value: Value
    package var range: SourceRange
    package var provenance: Provenance

    package init(_ value: Value, _ range: SourceRange, _ provenance: Provenance = .written) {
        self.value = value
        self.range = range
        self.provenance = provenance
    }

    /// A built-in default, located at the node it stands for (a resource's name).
    package static func builtIn(_ value: Value, at range: SourceRange) -> Located { Located(value, range, .builtIn) }
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

/// A plain string that keeps where each of its Unicode scalars came from,
/// so that an error inside it (a bad field of a cron expression) can point
/// at the exact column.
package struct LocatedText: Sendable {
    package var value: String
    package var range: SourceRange
    /// The range of each Unicode scalar of `value`; empty when the source
    /// could not be followed (errors then cover the whole value).
    package var scalarRanges: [SourceRange]

    package init(_ value: String, _ range: SourceRange, scalarRanges: [SourceRange] = []) {
        self.value = value
        self.range = range
        self.scalarRanges = scalarRanges.count == value.unicodeScalars.count ? scalarRanges : []
    }

    /// The source range of the scalars at `offsets` of `value`; an empty
    /// range gives the position before that scalar.
    package func range(of offsets: Range<Int>) -> SourceRange {
        guard !scalarRanges.isEmpty, offsets.lowerBound >= 0, offsets.upperBound <= scalarRanges.count else { return range }
        if offsets.isEmpty {
            let at = offsets.lowerBound < scalarRanges.count
                ? scalarRanges[offsets.lowerBound].start : scalarRanges[scalarRanges.count - 1].end
            return SourceRange(sourceFile: range.sourceFile, start: at, end: at)
        }
        return SourceRange(sourceFile: range.sourceFile, start: scalarRanges[offsets.lowerBound].start,
                           end: scalarRanges[offsets.upperBound - 1].end)
    }
}
