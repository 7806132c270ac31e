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
enum ParameterConstraints: SpecRule {
    static let summary = "a parameter's default is one of its allowed values and matches its pattern"
    static let codes: [DiagnosticCode] = [.defaultNotAllowed, .defaultDoesNotMatchPattern, .patternNotEvaluated]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for parameter in context.spec.parameters where !parameter.isUndecodable {
            // A key that did not decode is the decoder's error; what depends on it is not judged.
            guard parameter.unreadKeys.isDisjoint(with: ["type", "default", "pattern", "allowed"]) else { continue }
            if let pattern = parameter.pattern, parameter.type.value == .string,
               let reason = AllowedPattern.unevaluable(pattern.value)
            {
                diagnostics.append(.patternNotEvaluated(pattern, reason: reason))
            }
            // An optional parameter's default is the decoder's error already (it cannot have one).
            guard let value = parameter.defaultValue, !parameter.isOptional else { continue }
            switch parameter.violation(of: value.value) {
            case .notAllowed(let item, let allowed)?:
                diagnostics.append(.defaultNotAllowed(parameter, value, item: item, allowed: allowed))
            case .noMatch(let item, let pattern)?:
                diagnostics.append(.defaultDoesNotMatchPattern(parameter, value, item: item, pattern: pattern))
            case nil:
                break
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
        let pattern = type.value == .string ? self.pattern.flatMap { AllowedPattern($0.value) } : nil
        for item in items {
            if let allowed = allowed?.value, !allowed.contains(item) { return .notAllowed(item: item, allowed: allowed) }
            if let pattern, !pattern.matches(item) { return .noMatch(item: item, pattern: pattern.pattern) }
        }
        return nil
    }

    /// A `--param` value as the parameter's type reads it: a list's items are separated by commas.
    package func value(ofOverride text: String) -> ParameterValue {
        switch type.value {
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
