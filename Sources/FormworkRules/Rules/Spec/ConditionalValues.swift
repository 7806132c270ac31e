import FormworkDiagnostics
import FormworkSpec

/// A conditional value (`${env == 'prod' ? 512 : 128}`) and `aws.noValue`
/// stand where CloudFormation can take them. `aws.noValue` (no value at
/// all, `AWS::NoValue`) removes what holds it, so it may only be a final
/// value (a branch of a conditional value, or a fallback after `??`) of a
/// string that is exactly one `${...}` (or that is itself a branch of the
/// mapping form), where a value may be left out: a
/// raw resource's property, at any depth, and an environment variable.
/// Anywhere else (inside text, an output, a tag, a component's field,
/// alone) it is an error. A conditional value, in either form, whose
/// condition the `when:`s and branches around it already decide is a
/// warning: one branch is never used; so is one that compares a parameter
/// with a literal its `allowed` list does not hold (`env == 'production'`
/// where `env` allows `dev` and `prod`).
enum ConditionalValues: SpecRule {
    static let summary = "aws.noValue stands only where a value may be absent, and a conditional value is not decided by its when:"
    static let codes: [DiagnosticCode] = [.misplacedNoValue, .decidedConditional, .comparisonOutsideAllowed]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .raw(let raw) = resource.body, let properties = raw.properties else { continue }
            decided(in: properties, under: [resource.when?.condition].compactMap { $0 }, into: &diagnostics)
        }
        var tested: [Condition] = []
        for site in context.walk.strings {
            tested += site.string.interpolated.expressions.flatMap(\.conditions)
        }
        for resource in context.spec.resources {
            if case .raw(let raw) = resource.body, let properties = raw.properties { tested += formConditions(properties) }
        }
        for condition in tested { outsideAllowed(condition, symbols: context.symbols, into: &diagnostics) }
        // A string that is itself a branch of the mapping form (`then: ${aws.noValue}`) is a choice already.
        var branches: Set<SourceRange> = []
        for resource in context.spec.resources {
            if case .raw(let raw) = resource.body, let properties = raw.properties { formBranches(properties, into: &branches) }
        }
        for site in context.walk.strings {
            let whole = site.string.interpolated.isSingleExpression
            for expression in site.string.interpolated.expressions {
                var walk = Walk(site: site, whole: whole)
                walk.visit(expression, tail: true, inChoice: branches.contains(site.string.range),
                           conditions: site.guards.map(\.condition))
                diagnostics += walk.diagnostics
            }
        }
    }

    /// The mapping form's conditions (`{if: ..., then: ...}`) that the conditions around them decide.
    private static func decided(in value: RawValue, under conditions: [Condition], into diagnostics: inout [Diagnostic]) {
        switch value {
        case .array(let items, _): for item in items { decided(in: item, under: conditions, into: &diagnostics) }
        case .object(let members, _): for member in members { decided(in: member.value, under: conditions, into: &diagnostics) }
        case .conditional(let when, let then, let otherwise, _):
            let condition = when.condition
            if !condition.isUnparsed, let holds = decision(of: condition, under: conditions) {
                let help = !holds && otherwise == nil ? "the value is never there: remove the property" : nil
                diagnostics.append(.decidedConditional(condition, holds: holds, help: help))
            }
            decided(in: then, under: conditions + [condition], into: &diagnostics)
            if let otherwise { decided(in: otherwise, under: conditions + [condition.negated], into: &diagnostics) }
        case .string, .number, .bool, .null: break
        }
    }

    /// The strings that are whole branches of the mapping form.
    private static func formBranches(_ value: RawValue, into branches: inout Set<SourceRange>) {
        switch value {
        case .array(let items, _): for item in items { formBranches(item, into: &branches) }
        case .object(let members, _): for member in members { formBranches(member.value, into: &branches) }
        case .conditional(_, let then, let otherwise, _):
            for branch in [then, otherwise].compactMap({ $0 }) {
                if case .string(let string) = branch { branches.insert(string.range) }
                formBranches(branch, into: &branches)
            }
        case .string, .number, .bool, .null: break
        }
    }

        /// The conditions of the mapping form in a property value.
    private static func formConditions(_ value: RawValue) -> [Condition] {
        switch value {
        case .array(let items, _): items.flatMap(formConditions)
        case .object(let members, _): members.flatMap { formConditions($0.value) }
        case .conditional(let when, let then, let otherwise, _):
            [when.condition] + formConditions(then) + (otherwise.map(formConditions) ?? [])
        case .string, .number, .bool, .null: []
        }
    }

    /// `env == 'production'` where `env` allows only `dev` and `prod`: the comparison never holds.
    private static func outsideAllowed(_ condition: Condition, symbols: SymbolTable, into diagnostics: inout [Diagnostic]) {
        switch condition {
        case .equals(let a, let b, _), .notEquals(let a, let b, _):
            for (name, literal) in [(a, b), (b, a)] {
                guard case .reference(let reference) = name, case .success(.parameter(let parameter)) = symbols.resolve(reference),
                      var allowed = parameter.allowed?.value else { continue }
                if parameter.isOptional { allowed.append("") }
                let text: String
                switch literal {
                case .string(let value, _), .number(let value, _): text = value
                case .reference: continue
                }
                guard !allowed.contains(text) else { continue }
                var equals = true
                if case .notEquals = condition { equals = false }
                diagnostics.append(.comparisonOutsideAllowed(condition, parameter: parameter, literal: literal, always: !equals))
            }
        case .not(let inner, _): outsideAllowed(inner, symbols: symbols, into: &diagnostics)
        case .and(let items, _), .or(let items, _): for item in items { outsideAllowed(item, symbols: symbols, into: &diagnostics) }
        case .isSet, .unparsed: break
        }
    }

    /// True or false when `conditions` decide `condition`, nil when they do not.
    static func decision(of condition: Condition, under conditions: [Condition]) -> Bool? {
        guard let first = conditions.first, !conditions.contains(where: \.isUnparsed) else { return nil }
        let around = Condition.and(conditions.flatMap(\.conjuncts), first.range)
        if around.implies(condition) { return true }
        if around.implies(condition.negated) { return false }
        return nil
    }

    private struct Walk {
        let site: StringSite
        let whole: Bool
        var diagnostics: [Diagnostic] = []

        /// `tail`: the value is what the whole `${...}` comes to, in some
        /// case; `inChoice`: it is a branch or a fallback.
        mutating func visit(_ expression: Expression, tail: Bool, inChoice: Bool, conditions: [Condition]) {
            switch expression {
            case .noValue(let range):
                if let problem = problem(tail: tail, inChoice: inChoice) {
                    diagnostics.append(.misplacedNoValue(problem, at: range))
                }
            case .fallback(let value, let fallback, _):
                visit(value, tail: false, inChoice: inChoice, conditions: conditions)
                visit(fallback, tail: tail, inChoice: true, conditions: conditions)
            case .conditional(let condition, let then, let otherwise, _):
                if let holds = ConditionalValues.decision(of: condition, under: conditions) {
                    diagnostics.append(.decidedConditional(condition, holds: holds))
                }
                visit(then, tail: tail, inChoice: true, conditions: conditions + [condition])
                visit(otherwise, tail: tail, inChoice: true, conditions: conditions + [condition.negated])
            case .reference, .stringLiteral, .numberLiteral, .booleanLiteral, .lookup:
                break
            }
        }

        /// Why `aws.noValue` cannot stand here, or nil when it can.
        private func problem(tail: Bool, inChoice: Bool) -> String? {
            switch site.place {
            case .outputValue: return "an output must have a value; put the output under 'when:' instead"
            case .property, .environment:
                if !whole { return "it cannot be part of a string; the string must be exactly one ${...}" }
                if !tail { return "only a branch of a conditional value, or the last fallback after '??', can be no value" }
                if !inChoice { return "alone, the value is never there; give it a condition: ${c ? value : aws.noValue}" }
                return nil
            default: return "only a raw resource's property or an environment variable can be left out"
            }
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let misplacedNoValue = DiagnosticCode(
        "FW4206", .specChecks, "aws.noValue where a value cannot be left out",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Condition functions\" (AWS::NoValue)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html"))
    package static let decidedConditional = DiagnosticCode(
        "FW4207", .specChecks, "a conditional value whose condition its when: already decides")
    package static let comparisonOutsideAllowed = DiagnosticCode(
        "FW4208", .specChecks, "a conditional value compares a parameter with a value it does not allow")
}

extension Diagnostic {
    static func misplacedNoValue(_ problem: String, at range: SourceRange) -> Diagnostic {
        .error(.misplacedNoValue, "aws.noValue cannot stand here: \(problem)", at: range)
    }

    static func comparisonOutsideAllowed(_ condition: Condition, parameter: Parameter, literal: Operand, always: Bool) -> Diagnostic {
        let allowed = (parameter.allowed?.value ?? []).map { "'\($0)'" }.joined(separator: ", ")
        return .warning(.comparisonOutsideAllowed,
                        "parameter '\(parameter.name.text)' allows only \(allowed), so \(condition.canonical) is always \(always)",
                        at: literal.range, notes: [Note("'\(parameter.name.text)' allows these", at: parameter.allowed?.range)],
                        help: ["compare with one of \(allowed), or add \(literal.canonical) to 'allowed'"])
    }

    static func decidedConditional(_ condition: Condition, holds: Bool, help: String? = nil) -> Diagnostic {
        .warning(.decidedConditional,
                 "the condition \(condition.canonical) is always \(holds) here, under the conditions around this value, so the \(holds ? "else" : "then")-branch is never used",
                 at: condition.range, help: [help ?? "write the \(holds ? "then" : "else")-branch alone"])
    }
}
