import FormworkDiagnostics
import FormworkSpec

/// Null-guard checks (LANGUAGE.md, "Null-guard rule"). A value is optional
/// when it is an `optional` parameter or any attribute of a resource with a
/// `when:`. Each use of one must be guarded: by `?? fallback`, or by the
/// user standing under a condition that implies the one the value needs
/// (a conjunction containing it). An unguarded use is an error whose fix-its
/// name both ways out. A fallback on a value that is always present is a
/// warning: it hides nothing and misleads the reader. In a conditional
/// value (`${c ? a : b}`) the then-branch stands under `c` and the
/// else-branch under `!c`, each with the conditions around it. A `when:` that did
/// not parse, or was written under a misspelled key, is reported by the
/// decoder; no use under it, or of a resource under it, is reported here.
enum NullGuards: SpecRule {
    static let summary = "an optional value is used only where it is present"
    static let codes = DiagnosticCode.allNullGuardCodes

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        var checker = Checker(symbols: context.symbols)
        for site in context.walk.strings { checker.check(site.string, context: site.guards) }
        for site in context.walk.nameUses { checker.check(site.use, context: site.guards) }
        diagnostics += checker.diagnostics
    }

    private struct Checker {
        let symbols: SymbolTable
        var diagnostics: [Diagnostic] = []

        /// What must hold for a reference's value to exist, or nil when it always exists.
        func requirement(_ reference: Reference) -> (condition: Condition, text: String, isParameter: Bool)? {
            switch symbols.resolve(reference) {
            case .success(.parameter(let parameter)) where parameter.isOptional:
                let own = Reference(path: [parameter.name.text], ranges: [reference.ranges[0]], range: reference.ranges[0])
                return (.isSet(own), parameter.name.text, true)
            case .success(.resource(let resource, _)):
                guard let when = resource.when else { return nil }
                return (when.condition, when.text, false)
            default:
                return nil
            }
        }

        func guarded(_ needed: Condition, by context: [WhenClause]) -> Bool {
            // A `when:` the decoder could not read (reported there) may mean anything: nothing is reported under it.
            if needed.isUnparsed || context.contains(where: { $0.condition.isUnparsed }) { return true }
            guard !context.isEmpty else { return false }
            let all = context.flatMap { $0.condition.conjuncts }
            return Condition.and(all, context[0].range).implies(needed)
        }

        mutating func check(_ string: StringValue, context: [WhenClause]) {
            for segment in string.interpolated.segments {
                if case .expression(let expression) = segment { check(expression, context: context) }
            }
        }

        private mutating func check(_ expression: Expression, context: [WhenClause]) {
            switch expression {
            case .reference(let reference):
                guard let (needed, text, isParameter) = requirement(reference), !guarded(needed, by: context) else { return }
                diagnostics.append(isParameter
                    ? .unguardedOptionalParameter(reference)
                    : .unguardedConditionalValue(reference, condition: text))
            case .fallback(let value, let fallback, let range):
                // The guarded value needs no condition; a value that is always there needs no fallback.
                if case .reference(let reference) = value, requirement(reference) == nil {
                    switch symbols.resolve(reference) {
                    case .failure, .success(.undecodable): break  // reported by UnknownNames, or by the decoder
                    case .success: diagnostics.append(.unneededFallback(reference.dotted, at: range))
                    }
                }
                if case .lookup(let lookup) = value {
                    diagnostics.append(.unneededFallback(lookup.map + "[...]", at: range))
                    check(value, context: context)
                }
                if case .fallback = value { check(value, context: context) }
                check(fallback, context: context)
            case .conditional(let condition, let then, let otherwise, let range):
                // The then-branch stands under the condition, the else-branch under its negation.
                check(then, context: context + [WhenClause(text: condition.canonical, condition: condition, range: range)])
                let negation = condition.negated
                check(otherwise, context: context + [WhenClause(text: negation.canonical, condition: negation, range: range)])
            case .lookup(let lookup):
                for case .reference(let reference) in lookup.keys { check(.reference(reference), context: context) }
            case .stringLiteral, .numberLiteral, .booleanLiteral, .noValue:
                break
            }
        }

        /// A resource named as a plain value (a trigger's bucket, a permission's
        /// queue, dependsOn) is used whole: it must exist wherever the user does.
        mutating func check(_ use: NameUse, context: [WhenClause]) {
            guard let target = symbols.resources[use.name.text], let when = target.when,
                  !guarded(when.condition, by: context)
            else { return }
            diagnostics.append(.unguardedConditionalResource(use, condition: when.text, target: target))
        }
    }
}

extension DiagnosticCode {
    package static let unguardedOptional = DiagnosticCode("FW4010", .specChecks, "an optional value is used where it may be absent")
    package static let unneededFallback = DiagnosticCode("FW4011", .specChecks, "a fallback on a value that is always present")

    package static let allNullGuardCodes: [DiagnosticCode] = [.unguardedOptional, .unneededFallback]
}

extension Diagnostic {
    static func unguardedOptionalParameter(_ reference: Reference) -> Diagnostic {
        let name = reference.path.joined(separator: ".")
        return .error(.unguardedOptional, "optional parameter '\(name)' may be empty here, and this use is not guarded",
                      at: reference.range,
                      fixIts: [FixIt("give a fallback: ${\(name) ?? ''}", replacing: reference.range, with: "\(name) ?? ''")],
                      help: ["or put this under 'when: \(name)'"])
    }

    static func unguardedConditionalValue(_ reference: Reference, condition: String) -> Diagnostic {
        let written = reference.path.joined(separator: ".")
        return .error(.unguardedOptional,
                      "'\(reference.root)' exists only when \(condition), and this use\(written == reference.root ? "" : " of '\(written)'") is not under that condition",
                      at: reference.range,
                      fixIts: [FixIt("give a fallback: ${\(written) ?? ''}", replacing: reference.range, with: "\(written) ?? ''")],
                      help: ["or put this under the same condition: when: \(condition)"])
    }

    static func unguardedConditionalResource(_ use: NameUse, condition: String, target: ResourceDecl) -> Diagnostic {
        .error(.unguardedOptional,
               "\(use.role) names '\(use.name.text)', which exists only when \(condition), but this resource does not share that condition",
               at: use.name.range, notes: [Note("'\(use.name.text)' is created only when \(condition)", at: target.when?.range)],
               help: ["put this resource under the same condition: when: \(condition)"])
    }

    static func unneededFallback(_ written: String, at range: SourceRange) -> Diagnostic {
        .warning(.unneededFallback, "'\(written)' always has a value, so its fallback is never used",
                 at: range, help: ["remove the '?? ...' part"])
    }
}
