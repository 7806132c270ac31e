import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A parameter's `default` passes its own `allowed` and `pattern`: CloudFormation
/// checks the default like any value, so a default outside them fails
/// CreateStack whenever the parameter is left out (cfn-lint E2015). A list
/// parameter's items are each checked. `pattern` is a Java regular
/// expression, matched against the whole value; Formwork evaluates it with
/// Swift's `Regex` where the two share their syntax, and a pattern it cannot
/// evaluate is a warning: neither the default nor a `--param` value is then
/// checked against it, and CloudFormation checks them when the stack deploys.
/// `--param` values are held to the same constraints (FW0007).
///
/// The bounds are checked the same way: a default's length (each item's,
/// for a list) within `minLength` and `maxLength`, a number default within
/// `minValue` and `maxValue`, and neither bound past the other. An optional
/// parameter cannot have a `minLength` above 0, since its emitted
/// `Default: ""` would fail it. A `constraintDescription` with no
/// constraint to explain is a warning, and so is an `allowed` value the
/// parameter's own pattern or bounds reject (no one can choose it), and a `noEcho` parameter
/// written into an output or a raw resource's `metadata:`: CloudFormation
/// masks the parameter, never an output's value or metadata (cfn-lint W2010).
enum ParameterConstraints: SpecRule {
    static let summary = "a parameter's default passes its own allowed values, pattern and bounds"
    static let codes: [DiagnosticCode] = [
        .defaultNotAllowed, .defaultDoesNotMatchPattern, .patternNotEvaluated, .boundsReversed, .defaultOutOfBounds,
        .optionalMinLength, .constraintDescriptionUnused, .noEchoInOutput, .allowedValueUnreachable,
    ]

    static let constraintKeys: Set<String> = ["type", "default", "pattern", "allowed", "minLength", "maxLength", "minValue", "maxValue"]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for parameter in context.spec.parameters where !parameter.isUndecodable {
            // A key that did not decode is the decoder's error; what depends on it is not judged.
            guard parameter.unreadKeys.isDisjoint(with: constraintKeys) else { continue }
            if let pattern = parameter.pattern, parameter.type.value != .number,
               let reason = AllowedPattern.unevaluable(pattern.value)
            {
                diagnostics.append(.patternNotEvaluated(pattern, reason: reason))
            }
            if let min = parameter.minLength, let max = parameter.maxLength, min.value > max.value {
                diagnostics.append(.boundsReversed("minLength", min.range, "maxLength", max.range, "\(min.value)", "\(max.value)"))
            }
            if let min = parameter.minValue, let max = parameter.maxValue, min.value.value > max.value.value {
                diagnostics.append(.boundsReversed("minValue", min.range, "maxValue", max.range, min.value.text, max.value.text))
            }
            if let min = parameter.minLength, min.value > 0, let optional = parameter.optional, optional.value {
                diagnostics.append(.optionalMinLength(parameter, min, optional: optional.range))
            }
            if let text = parameter.constraintDescription, parameter.allowed == nil, parameter.pattern == nil,
               parameter.minLength == nil, parameter.maxLength == nil, parameter.minValue == nil, parameter.maxValue == nil,
               parameter.awsType == nil
            {
                diagnostics.append(.constraintDescriptionUnused(text.range))
            }
            if let allowed = parameter.allowed, let (item, reason) = parameter.unreachableAllowedValue() {
                diagnostics.append(.allowedValueUnreachable(parameter, item: item, reason: reason, at: allowed.range))
            }
            // An optional parameter's default is the decoder's error already (it cannot have one).
            guard let value = parameter.defaultValue, !parameter.isOptional else { continue }
            switch parameter.violation(of: value.value) {
            case .notAllowed(let item, let allowed)?:
                diagnostics.append(.defaultNotAllowed(parameter, value, item: item, allowed: allowed))
            case .noMatch(let item, let pattern)?:
                diagnostics.append(.defaultDoesNotMatchPattern(parameter, value, item: item, pattern: pattern))
            case .outOfBounds(let item, let bound)?:
                diagnostics.append(.defaultOutOfBounds(parameter, value, item: item, bound: bound))
            case nil:
                break
            }
        }
        // A masked parameter shown in an output or in metadata is shown in the clear.
        for site in context.walk.strings where site.place == .outputValue || site.place == .metadata {
            for reference in site.string.interpolated.references {
                if case .success(.parameter(let parameter)) = context.symbols.resolve(reference), parameter.noEcho?.value == true {
                    diagnostics.append(.noEchoInOutput(reference.range, parameter, inMetadata: site.place == .metadata))
                }
            }
        }
    }
}

/// Why a value does not fit a parameter.
package enum ParameterViolation: Equatable {
    /// `item` (the value, or one item of a list) is not one of `allowed`.
    case notAllowed(item: String, allowed: [String])
    /// `item` does not match `pattern` as a whole.
    case noMatch(item: String, pattern: String)
    /// `item` is shorter or longer than a length bound, or a number below or above a value bound:
    /// `bound` says which, as messages show it (`minLength 3`).
    case outOfBounds(item: String, bound: String)
}

extension Parameter {
    /// Whether a value (a default, or a `--param` value) fits `allowed` and
    /// `pattern`; a list's items are each checked. A pattern Formwork cannot
    /// evaluate passes every value (`ParameterConstraints` warns about it).
    /// An optional parameter's "" is its absence, which its emitted constraints admit.
    package func violation(of value: ParameterValue) -> ParameterViolation? {
        if isOptional, value == .string("") { return nil }
        let items: [String] = switch value {
        case .string(let s), .number(let s): [s]
        case .list(let items): items
        }
        let pattern = type.value != .number ? self.pattern.flatMap { AllowedPattern($0.value) } : nil
        for item in items {
            if let allowed = allowed?.value, !allowed.contains(item) { return .notAllowed(item: item, allowed: allowed) }
            if let pattern, !pattern.matches(item) { return .noMatch(item: item, pattern: pattern.pattern) }
            if let bound = outOfBounds(item) { return .outOfBounds(item: item, bound: bound) }
        }
        return nil
    }

    /// The bound one value (or list item) is outside, as `minLength 3`; nil when it is inside them all.
    /// Lengths count characters, as CloudFormation does.
    func outOfBounds(_ item: String) -> String? {
        if type.value == .number {
            guard let number = Double(item) else { return nil }
            if let min = minValue, number < min.value.value { return "minValue \(min.value.text)" }
            if let max = maxValue, number > max.value.value { return "maxValue \(max.value.text)" }
            return nil
        }
        if let min = minLength, item.count < min.value { return "minLength \(min.value)" }
        if let max = maxLength, item.count > max.value { return "maxLength \(max.value)" }
        return nil
    }

    /// The first of `allowed` that the parameter's own pattern or bounds
    /// reject, and why (`the pattern '^[a-z]+$'`, `maxLength 5`): a value no
    /// one can choose.
    func unreachableAllowedValue() -> (item: String, reason: String)? {
        let pattern = type.value != .number ? self.pattern.flatMap { AllowedPattern($0.value) } : nil
        for item in allowed?.value ?? [] {
            if let pattern, !pattern.matches(item) { return (item, "the pattern '\(pattern.pattern)'") }
            if let bound = outOfBounds(item) { return (item, bound) }
        }
        return nil
    }

    /// A `--param` value as the parameter's type reads it: a list's items are separated by commas.
    package func value(ofOverride text: String) -> ParameterValue {
        switch defaultType {
        case .string: .string(text)
        case .number: .number(text)
        case .list: .list(text.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let defaultNotAllowed = DiagnosticCode(
        "FW4040", .specChecks, "a parameter's default is not one of its allowed values",
        reference: DocumentationPage("CloudFormation template Parameters syntax",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"))
    package static let defaultDoesNotMatchPattern = DiagnosticCode(
        "FW4041", .specChecks, "a parameter's default does not match its pattern",
        reference: DocumentationPage("CloudFormation template Parameters syntax",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"))
    package static let boundsReversed = DiagnosticCode(
        "FW4220", .specChecks, "a parameter's lower bound is above its upper bound",
        reference: DocumentationPage("CloudFormation template Parameters syntax",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"))
    package static let defaultOutOfBounds = DiagnosticCode(
        "FW4221", .specChecks, "a parameter's default is outside its minLength, maxLength, minValue or maxValue",
        reference: DocumentationPage("CloudFormation template Parameters syntax",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"))
    package static let optionalMinLength = DiagnosticCode(
        "FW4222", .specChecks, "an optional parameter with a minLength its empty default fails",
        reference: DocumentationPage("CloudFormation template Parameters syntax",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"))
    package static let constraintDescriptionUnused = DiagnosticCode(
        "FW4223", .specChecks, "a constraintDescription on a parameter with no constraint",
        reference: DocumentationPage("CloudFormation template Parameters syntax",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"))
    package static let noEchoInOutput = DiagnosticCode(
        "FW4224", .specChecks, "a noEcho parameter's value written into an output or metadata, where it is not masked",
        reference: DocumentationPage("CloudFormation template Parameters syntax (NoEcho)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"))
    package static let allowedValueUnreachable = DiagnosticCode(
        "FW4230", .specChecks, "an allowed value the parameter's own pattern or bounds reject",
        reference: DocumentationPage("CloudFormation template Parameters syntax",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"))
    package static let patternNotEvaluated = DiagnosticCode(
        "FW4042", .specChecks, "a parameter's pattern uses syntax Formwork cannot evaluate",
        reference: DocumentationPage("Using regular expressions in CloudFormation templates",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-regexes.html"))
}

extension Diagnostic {
    static func defaultNotAllowed(_ parameter: Parameter, _ value: Located<ParameterValue>, item: String,
                                  allowed: [String]) -> Diagnostic
    {
        let subject = parameter.type.value == .list ? "default item '\(item)'" : "default '\(item)'"
        let message = "\(subject) of parameter '\(parameter.name.text)' is not one of its allowed values; "
            + "CloudFormation rejects the stack whenever the parameter is left out"
        let list = "allowed: \(allowed.joined(separator: ", "))"
        if parameter.type.value != .list, let suggestion = Suggestions.closest(to: item, in: allowed) {
            return .error(.defaultNotAllowed, message, at: value.range,
                          fixIts: [FixIt("did you mean '\(suggestion)'?", replacing: value.range, with: yamlScalar(suggestion))],
                          help: [list])
        }
        return .error(.defaultNotAllowed, message, at: value.range,
                      help: ["make the default one of the allowed values (\(list)), or add it to them"])
    }

    static func defaultDoesNotMatchPattern(_ parameter: Parameter, _ value: Located<ParameterValue>, item: String,
                                           pattern: String) -> Diagnostic
    {
        .error(.defaultDoesNotMatchPattern,
               "default '\(item)' of parameter '\(parameter.name.text)' does not match its pattern '\(pattern)'; "
                   + "CloudFormation rejects the stack whenever the parameter is left out",
               at: value.range,
               help: ["the pattern must match the whole value: change the default, or the pattern"])
    }

    static func boundsReversed(_ lowKey: String, _ low: SourceRange, _ highKey: String, _ high: SourceRange,
                               _ lowText: String, _ highText: String) -> Diagnostic
    {
        .error(.boundsReversed, "\(lowKey) \(lowText) is above \(highKey) \(highText): no value passes both", at: low,
               notes: [Note("\(highKey) is here", at: high)], help: ["swap them, or correct the one that is wrong"])
    }

    static func defaultOutOfBounds(_ parameter: Parameter, _ value: Located<ParameterValue>, item: String,
                                   bound: String) -> Diagnostic
    {
        let subject = parameter.type.value == .list ? "default item '\(item)'" : "default '\(item)'"
        let verbs = ["minLength": "is shorter than", "maxLength": "is longer than", "minValue": "is below", "maxValue": "is above"]
        let verb = bound.split(separator: " ").first.flatMap { verbs[String($0)] } ?? "fails"
        return .error(.defaultOutOfBounds,
                      "\(subject) of parameter '\(parameter.name.text)' \(verb) \(bound); CloudFormation rejects the stack whenever the parameter is left out",
                      at: value.range, help: ["change the default, or the bound"])
    }

    static func optionalMinLength(_ parameter: Parameter, _ min: Located<Int>, optional: SourceRange) -> Diagnostic {
        .error(.optionalMinLength,
               "optional parameter '\(parameter.name.text)' cannot have minLength \(min.value): its default is the empty string, which CloudFormation would reject",
               at: min.range, notes: [Note("it is optional here", at: optional)],
               help: ["remove minLength and write the bound as a pattern, which Formwork lets the empty string pass: pattern: \"^.{\(min.value),}$\""])
    }

    static func constraintDescriptionUnused(_ range: SourceRange) -> Diagnostic {
        .warning(.constraintDescriptionUnused,
                 "constraintDescription explains a constraint, but this parameter has none (allowed, pattern, minLength, maxLength, minValue, maxValue)",
                 at: range, help: ["remove it, or add the constraint it describes"])
    }

    static func noEchoInOutput(_ range: SourceRange, _ parameter: Parameter, inMetadata: Bool) -> Diagnostic {
        let place = inMetadata ? "a resource's metadata" : "an output"
        return .warning(.noEchoInOutput,
                        "parameter '\(parameter.name.text)' is noEcho, but \(place) shows its value in the clear",
                        at: range, help: ["CloudFormation masks a noEcho parameter, never \(place): remove it from there"])
    }

    static func allowedValueUnreachable(_ parameter: Parameter, item: String, reason: String, at range: SourceRange) -> Diagnostic {
        .warning(.allowedValueUnreachable,
                 "allowed value '\(item)' of parameter '\(parameter.name.text)' fails \(reason): CloudFormation rejects it whenever it is chosen",
                 at: range, help: ["remove it from allowed, or loosen the constraint"])
    }

    static func patternNotEvaluated(_ pattern: Located<String>, reason: String) -> Diagnostic {
        .warning(.patternNotEvaluated,
                 "Formwork cannot evaluate this pattern (\(reason)); its default and --param values are not checked against it",
                 at: pattern.range,
                 help: ["CloudFormation checks values against it, as a Java regular expression, when the stack deploys"])
    }

    /// `text` as a YAML scalar that reads back as the same string.
    static func yamlScalar(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || "-_./".unicodeScalars.contains($0) }
            && text.unicodeScalars.first.map { $0.isASCIILetter } == true
            && !["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(text.lowercased())
        if plain { return text }
        return "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }
}
