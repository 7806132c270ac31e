import FormworkDiagnostics

/// One entry of `mappings:`, a lookup table: each top-level key holds
/// named values (`regionConfig: {us-east-1: {instanceType: t3.micro}}`).
/// It becomes one entry of the template's `Mappings`, read by
/// `${name[key].name}` (`Fn::FindInMap`).
package struct Mapping: Sendable {
    package var name: Name
    package var entries: [MappingEntry]
    package var range: SourceRange

    /// The entry with the top-level key `key`.
    package func entry(_ key: String) -> MappingEntry? { entries.first { $0.key.value == key } }
}

/// A top-level key of a mapping and its named values.
package struct MappingEntry: Sendable {
    package var key: Located<String>
    package var values: [(key: Located<String>, value: Located<MappingValue>)]
    package var range: SourceRange

    package func value(_ key: String) -> Located<MappingValue>? { values.first { $0.key.value == key }?.value }
}

/// A value in a mapping: CloudFormation takes strings (numbers and booleans
/// are written as their text) and lists of strings.
package enum MappingValue: Sendable, Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    case list([String])

    package var isList: Bool {
        if case .list = self { true } else { false }
    }
}
