import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// The named CloudFormation conditions of a template: one per distinct
/// condition (by canonical text), named deterministically from it.
struct ConditionTable {
    private(set) var entries: [Template.Entry] = []
    private var byCanonical: [String: String] = [:]
    private var usedNames: Set<String> = []

    /// `Has<LogicalId>` for an optional parameter: true when it is non-empty.
    mutating func hasValue(_ parameter: Parameter) -> String {
        let name = "Has" + parameter.name.logicalId
        let canonical = parameter.name.text
        if let existing = byCanonical[canonical] { return existing }
        let origin = parameter.name.range
        let body = TemplateValue.object([("Fn::Not", .array([
            .object([("Fn::Equals", .array([.ref(parameter.name.logicalId, origin), .string("", origin)], origin))], origin),
        ], origin))], origin)
        return add(canonical: canonical, preferredName: name, body: body)
    }

    /// The name of the condition a `when:` stands for, added when new.
    mutating func name(for clause: WhenClause, symbols: SymbolTable) -> String {
        let condition = clause.condition
        if case .isSet(let reference) = condition, case .success(.parameter(let parameter)) = symbols.resolve(reference) {
            return hasValue(parameter)
        }
        if let existing = byCanonical[condition.canonical] { return existing }
        let body = emit(condition, symbols: symbols, origin: clause.range)
        return add(canonical: condition.canonical, preferredName: Self.name(for: condition), body: body)
    }

    private mutating func add(canonical: String, preferredName: String, body: TemplateValue) -> String {
        var name = preferredName
        var suffix = 2
        while usedNames.contains(name) {
            name = preferredName + String(suffix)
            suffix += 1
        }
        usedNames.insert(name)
        byCanonical[canonical] = name
        entries.append(.init(name, body))
        return name
    }

    private mutating func emit(_ condition: Condition, symbols: SymbolTable, origin: SourceRange) -> TemplateValue {
        func operand(_ operand: Operand) -> TemplateValue {
            switch operand {
            case .string(let s, let range): return .string(s, range)
            case .number(let n, let range): return .string(n, range)
            case .reference(let reference):
                switch symbols.resolve(reference) {
                case .success(.parameter(let parameter)): return .ref(parameter.name.logicalId, reference.range)
                case .success(.pseudo(let pseudo)): return .ref(pseudo, reference.range)
                default: Lowering.unchecked("a condition tests parameters only (ConditionOperands)")
                }
            }
        }
        func equals(_ a: Operand, _ b: Operand, _ range: SourceRange) -> TemplateValue {
            .object([("Fn::Equals", .array([operand(a), operand(b)], range))], range)
        }
        func not(_ value: TemplateValue, _ range: SourceRange) -> TemplateValue {
            .object([("Fn::Not", .array([value], range))], range)
        }
        /// Fn::And and Fn::Or take 2 to `maxConditionOperands` conditions; longer lists nest.
        func combine(_ function: String, _ items: [TemplateValue], _ range: SourceRange) -> TemplateValue {
            let limit = CloudFormation.maxConditionOperands
            if items.count == 1 { return items[0] }
            if items.count <= limit { return .object([(function, .array(items, range))], range) }
            return .object([(function, .array(Array(items.prefix(limit - 1)) + [combine(function, Array(items.dropFirst(limit - 1)), range)], range))], range)
        }
        switch condition {
        case .isSet(let reference):
            if case .success(.parameter(let parameter)) = symbols.resolve(reference) {
                return .object([("Condition", .string(hasValue(parameter), reference.range))], reference.range)
            }
            return .bool(false, reference.range)
        case .equals(let a, let b, let range): return equals(a, b, range)
        case .notEquals(let a, let b, let range): return not(equals(a, b, range), range)
        case .not(let inner, let range): return not(emit(inner, symbols: symbols, origin: origin), range)
        case .and(let items, let range): return combine("Fn::And", items.map { emit($0, symbols: symbols, origin: origin) }, range)
        case .or(let items, let range): return combine("Fn::Or", items.map { emit($0, symbols: symbols, origin: origin) }, range)
        case .unparsed: Lowering.unchecked("every condition parsed")
        }
    }

    /// A readable name from the condition (`env == 'prod'` → `EnvIsProd`);
    /// a long one becomes `Condition` and a stable hash of its canonical text.
    static func name(for condition: Condition) -> String {
        let name = words(condition)
        guard name.count <= 64, !name.isEmpty else { return "Condition" + StableHash.hex(condition.canonical) }
        return name
    }

    private static func words(_ condition: Condition) -> String {
        func operand(_ operand: Operand) -> String {
            switch operand {
            case .reference(let reference): reference.path.map(capitalized).joined()
            case .string(let s, _), .number(let s, _): capitalized(alphanumerics(s))
            }
        }
        switch condition {
        case .isSet(let reference): return "Has" + reference.path.map(capitalized).joined()
        case .equals(let a, let b, _): return operand(a) + "Is" + operand(b)
        case .notEquals(let a, let b, _): return operand(a) + "IsNot" + operand(b)
        case .not(let inner, _): return "Not" + words(inner)
        case .and(let items, _): return items.map(words).joined(separator: "And")
        case .or(let items, _): return items.map(words).joined(separator: "Or")
        case .unparsed: Lowering.unchecked("every condition parsed")
        }
    }

    private static func capitalized(_ s: String) -> String {
        guard let first = s.first else { return "Empty" }
        return first.uppercased() + s.dropFirst()
    }

    private static func alphanumerics(_ s: String) -> String {
        var out = ""
        var upper = false
        for scalar in s.unicodeScalars {
            if scalar.isASCIIAlphanumeric {
                out += upper ? String(scalar).uppercased() : String(scalar)
                upper = false
            } else {
                upper = true
            }
        }
        return out
    }
}
