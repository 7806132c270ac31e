import FormworkDiagnostics
import FormworkSpec

/// Every `${map[key].name}` reads a mapping of `mappings:` with keys it
/// has. A literal key is looked up at compile time (a missing one is an
/// error with the closest key): the second-level key in the entry the
/// first key selects, or, when the first key comes from a parameter, in
/// every entry it may select (those in the parameter's `allowed`, else
/// all). A key from a parameter or a pseudo parameter is read at deploy
/// time; a parameter whose `allowed` holds a value the mapping has no
/// top-level key for is a warning (`Fn::FindInMap` would fail the stack
/// there). A key cannot come from a resource (CloudFormation takes only
/// `Ref` of a parameter and `Fn::FindInMap` there) or a list parameter.
/// A list value may stand only where a list can: as the whole value of a
/// raw resource's property, or of an output (which joins it); never inside
/// a string. A mapping nothing reads is a warning, as cfn-lint's W7001.
enum MappingLookups: SpecRule {
    static let summary = "a mapping lookup names a mapping and keys it has"
    static let codes: [DiagnosticCode] = [.unknownMapping, .unknownMappingKey, .invalidMappingKeySource,
                                          .allowedValueNotInMapping, .mappingListInString, .unusedMapping]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        let symbols = context.symbols
        var used: Set<String> = []
        for site in context.walk.strings {
            for expression in site.string.interpolated.expressions {
                for lookup in expression.lookups {
                    used.insert(lookup.map)
                    check(lookup, site: site, symbols: symbols, unread: context.spec.unreadKeys, into: &diagnostics)
                }
            }
        }
        for mapping in context.spec.mappings where !used.contains(mapping.name.text) {
            diagnostics.append(.unusedMapping(mapping.name))
        }
    }

    private static func check(
        _ lookup: MapLookup, site: StringSite, symbols: SymbolTable, unread: Set<String>, into diagnostics: inout [Diagnostic]
    ) {
        guard let mapping = symbols.mappings[lookup.map] else {
            if unread.contains("mappings") { return }
            let other = symbols.parameters[lookup.map] != nil ? "parameter" : symbols.resources[lookup.map] != nil ? "resource" : nil
            diagnostics.append(.unknownMapping(lookup, declaredAs: other,
                                               suggestion: Suggestions.closest(to: lookup.map, in: symbols.mappings.keys)))
            return
        }
        // The entries the first key may select.
        var entries = mapping.entries
        switch lookup.keys[0] {
        case .literal(let key, let range):
            guard let entry = mapping.entry(key) else {
                diagnostics.append(.unknownMappingKey(key, in: "mapping '\(mapping.name.text)'", at: range,
                                                      suggestion: Suggestions.closest(to: key, in: mapping.entries.map(\.key.value))))
                return
            }
            entries = [entry]
        case .reference(let reference):
            guard let parameter = keySource(reference, symbols: symbols, into: &diagnostics) else { return }
            if let allowed = parameter?.allowed?.value {
                for value in allowed where mapping.entry(value) == nil {
                    diagnostics.append(.allowedValueNotInMapping(value, parameter: parameter!, mapping: mapping, at: reference.range))
                }
                entries = entries.filter { allowed.contains($0.key.value) }
            }
        }
        switch lookup.keys[1] {
        case .literal(let key, let range):
            let lacking = entries.filter { $0.value(key) == nil }
            guard !lacking.isEmpty else { break }
            if lacking.count == entries.count {
                let names = Set(entries.flatMap { $0.values.map(\.key.value) })
                diagnostics.append(.unknownMappingKey(key, in: "mapping '\(mapping.name.text)'", at: range,
                                                      suggestion: Suggestions.closest(to: key, in: names)))
            } else {
                diagnostics.append(.mappingKeyMissingUnder(key, mapping: mapping.name.text, lacking: lacking, at: range))
            }
        case .reference(let reference):
            _ = keySource(reference, symbols: symbols, into: &diagnostics)
        }
        let listAllowed = site.string.interpolated.isSingleExpression && (site.place == .property || site.place == .outputValue)
        if !listAllowed, symbols.lookupIsList(lookup) {
            diagnostics.append(.mappingListInString(lookup))
        }
    }

    /// The parameter a key comes from (nil for a pseudo parameter), or
    /// nil twice when it may not be a key (reported) or does not resolve
    /// (UnknownNames reports it).
    private static func keySource(
        _ reference: Reference, symbols: SymbolTable, into diagnostics: inout [Diagnostic]
    ) -> Parameter?? {
        switch symbols.resolve(reference) {
        case .success(.parameter(let parameter)) where parameter.type.value != .list: return .some(parameter)
        case .success(.pseudo): return .some(nil)
        case .success(.parameter), .success(.resource):
            diagnostics.append(.invalidMappingKeySource(reference))
            return nil
        case .success(.undecodable), .failure:
            return nil
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let unknownMapping = DiagnosticCode("FW4200", .specChecks, "a lookup names a mapping the spec does not declare")
    package static let unknownMappingKey = DiagnosticCode("FW4201", .specChecks, "a lookup's literal key is not in the mapping")
    package static let invalidMappingKeySource = DiagnosticCode(
        "FW4202", .specChecks, "a lookup's key comes from a resource or a list parameter",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Fn::FindInMap\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html"))
    package static let allowedValueNotInMapping = DiagnosticCode(
        "FW4203", .specChecks, "a parameter that keys a lookup allows a value the mapping has no key for")
    package static let mappingListInString = DiagnosticCode("FW4204", .specChecks, "a mapping's list value where a string is needed")
    package static let unusedMapping = DiagnosticCode("FW4205", .specChecks, "a mapping nothing reads")
}

extension Diagnostic {
    static func unknownMapping(_ lookup: MapLookup, declaredAs other: String?, suggestion: String?) -> Diagnostic {
        let message = "'\(lookup.map)' is not a mapping of this spec"
        if let other {
            return .error(.unknownMapping, message + "; it is a \(other), and '[...]' reads only mappings", at: lookup.mapRange,
                          help: ["declare the table under mappings:, or write ${\(lookup.map)}"])
        }
        guard let suggestion else {
            return .error(.unknownMapping, message, at: lookup.mapRange, help: ["declare '\(lookup.map)' under mappings:"])
        }
        return .error(.unknownMapping, message, at: lookup.mapRange, fixIts: [FixIt.didYouMean(suggestion, replacing: lookup.mapRange)])
    }

    static func unknownMappingKey(_ key: String, in what: String, at range: SourceRange, suggestion: String?) -> Diagnostic {
        let message = "\(what) has no key \(quoted(key))"
        guard let suggestion else { return .error(.unknownMappingKey, message, at: range) }
        return .error(.unknownMappingKey, message, at: range, fixIts: [FixIt.didYouMean(suggestion, replacing: range)])
    }

    static func mappingKeyMissingUnder(_ key: String, mapping: String, lacking: [MappingEntry], at range: SourceRange) -> Diagnostic {
        let keys = lacking.map { "'\($0.key.value)'" }.joined(separator: ", ")
        return .error(.unknownMappingKey,
                      "mapping '\(mapping)' has no \(quoted(key)) under \(keys), which the first key may select; the stack would fail there",
                      at: range, notes: lacking.prefix(3).map { Note("'\($0.key.value)' has no \(quoted(key))", at: $0.key.range) })
    }

    static func invalidMappingKeySource(_ reference: Reference) -> Diagnostic {
        .error(.invalidMappingKeySource,
               "a mapping key is a string known before resources exist; '\(reference.dotted)' cannot be one",
               at: reference.range, help: ["use a quoted key, a string parameter or a pseudo parameter such as aws.region"])
    }

    static func allowedValueNotInMapping(_ value: String, parameter: Parameter, mapping: Mapping, at range: SourceRange) -> Diagnostic {
        .warning(.allowedValueNotInMapping,
                 "parameter '\(parameter.name.text)' allows \(quoted(value)), which mapping '\(mapping.name.text)' has no key for; the stack would fail with that value",
                 at: range, notes: [Note("'\(parameter.name.text)' allows it here", at: parameter.allowed?.range)],
                 help: ["add key '\(value)' to mapping '\(mapping.name.text)', or remove it from 'allowed'"])
    }

    static func mappingListInString(_ lookup: MapLookup) -> Diagnostic {
        .error(.mappingListInString,
               "this lookup of mapping '\(lookup.map)' may read a list, which can only be the whole value of a raw resource's property or of an output",
               at: lookup.range)
    }

    static func unusedMapping(_ name: Name) -> Diagnostic {
        .warning(.unusedMapping, "mapping '\(name.text)' is never read", at: name.range,
                 help: ["read it with ${\(name.text)[key].name}, or remove it"])
    }
}
