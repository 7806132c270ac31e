import FormworkCFN
import FormworkDiagnostics
import FormworkSpec

/// Turns interpolated strings into CloudFormation values: a string that is
/// exactly one `${...}` becomes the bare intrinsic (`Ref`, `Fn::GetAtt`,
/// `Fn::Sub`, `Fn::If`); text around expressions becomes `Fn::Sub`.
struct ValueEmitter {
    let attributes: Attributes
    var conditions: ConditionTable
    /// The conditions the value being emitted stands under (its resource's
    /// or output's `when:`, a variable's own): an optional value they imply
    /// is present there, so it gets no `Fn::If` (cfn-lint W1028: one branch
    /// could never be taken).
    var context: [Condition] = []
    /// Set while a raw resource's properties are emitted: a number in a
    /// value that is exactly one `${...}` (`${c ? 512 : 128}`) stays a JSON
    /// number, and `true` or `false` a JSON boolean. Elsewhere, and in
    /// `Fn::Sub` variables, each is a string.
    var numbersStayNumbers = false
    /// Set while an output's value is emitted: a list (a list parameter, a
    /// mapping's list) is joined with commas, since an output is a string.
    var joinLists = false

    var symbols: SymbolTable { attributes.symbols }

    mutating func emit(_ string: StringValue) -> TemplateValue {
        let segments = string.interpolated.segments
        let origin = string.range
        if segments.count == 1, case .expression(let expression) = segments[0] {
            return emit(expression, origin: origin)
        }
        guard string.interpolated.hasExpressions else { return .string(literalText(segments), origin) }

        var format = ""
        var variables: [(String, TemplateValue)] = []
        let numbers = numbersStayNumbers
        numbersStayNumbers = false
        defer { numbersStayNumbers = numbers }
        for segment in segments {
            switch segment {
            case .literal(let text):
                format += text.escapedForSub
            case .expression(let expression):
                if let inline = inlineFormat(expression) {
                    format += inline
                } else {
                    let name = Self.variableName(variables.count + 1)
                    variables.append((name, emit(expression, origin: expression.range)))
                    format += "${\(name)}"
                }
            }
        }
        if variables.isEmpty { return .sub(format, origin) }
        return .object([("Fn::Sub", .array([.string(format, origin), .object(variables, origin)], origin))], origin)
    }

    /// The name of the `n`th variable of an `Fn::Sub` map (`Value_1`). A
    /// variable shadows a parameter or resource of the same name, so the
    /// name must be one no logical ID can take: logical IDs are letters and
    /// digits only, pseudo parameters contain `::`, and `Fn::Sub` variable
    /// names may contain `_`.
    static func variableName(_ n: Int) -> String { "Value_\(n)" }

    private func literalText(_ segments: [InterpolatedString.Segment]) -> String {
        segments.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
    }

    /// The `Fn::Sub` text for an expression that can stand inline, or nil.
    private func inlineFormat(_ expression: Expression) -> String? {
        switch expression {
        case .stringLiteral, .numberLiteral, .booleanLiteral:
            return expression.literalText?.escapedForSub
        case .fallback, .conditional, .noValue, .lookup:
            return nil
        case .reference(let reference):
            switch symbols.resolve(reference) {
            case .success(.parameter(let parameter)):
                return parameter.type.value == .list ? nil : "${\(parameter.name.logicalId)}"
            case .success(.pseudo(let pseudo)): return "${\(pseudo)}"
            case .success(.resource(let resource, let attribute)):
                switch attributes.value(of: resource, attribute) {
                case .ref(let id): return "${\(id)}"
                case .getAtt(let id, let attribute): return "${\(id).\(attribute)}"
                case .sub(let format): return format
                }
            case .failure, .success(.undecodable): Lowering.unchecked("every reference resolves (UnknownNames)")
            }
        }
    }

    /// An expression standing alone.
    mutating func emit(_ expression: Expression, origin: SourceRange) -> TemplateValue {
        switch expression {
        case .stringLiteral(let s, let range):
            return .string(s, range)
        case .numberLiteral(let s, let range):
            return numbersStayNumbers ? .init(.number(s), origin: range) : .string(s, range)
        case .booleanLiteral(let b, let range):
            return numbersStayNumbers ? .bool(b, range) : .string(b ? "true" : "false", range)
        case .noValue(let range):
            return .noValue(range)
        case .lookup(let lookup):
            let keys = lookup.keys.map { key -> TemplateValue in
                switch key {
                case .literal(let text, let range): .string(text, range)
                case .reference(let reference): emit(.reference(reference), origin: origin)
                }
            }
            let value = TemplateValue.object(
                [("Fn::FindInMap", .array([.string(Name.logicalId(of: lookup.map), lookup.mapRange)] + keys, lookup.range))],
                lookup.range)
            guard joinLists, symbols.lookupIsList(lookup) else { return value }
            return Self.join(value, lookup.range)
        case .conditional(let condition, let then, let otherwise, let range):
            // Where the conditions around the value decide it, only the branch taken is written (cfn-lint W1028).
            if implied(condition) { return emit(then, origin: origin) }
            if implied(condition.negated) { return emit(otherwise, origin: origin) }
            let name = conditions.name(for: WhenClause(text: condition.canonical, condition: condition, range: range), symbols: symbols)
            let present = under(condition) { $0.emit(then, origin: origin) }
            let absent = under(condition.negated) { $0.emit(otherwise, origin: origin) }
            return .if(name, present, absent, range)
        case .reference(let reference):
            switch symbols.resolve(reference) {
            case .success(.parameter(let parameter)):
                let value = TemplateValue.ref(parameter.name.logicalId, reference.range)
                return joinLists && parameter.type.value == .list ? Self.join(value, reference.range) : value
            case .success(.pseudo(let pseudo)): return .ref(pseudo, reference.range)
            case .success(.resource(let resource, let attribute)):
                switch attributes.value(of: resource, attribute) {
                case .ref(let id): return .ref(id, reference.range)
                case .getAtt(let id, let attribute): return .getAtt(id, attribute, reference.range)
                case .sub(let format): return Self.sub(format, reference.range)
                }
            case .failure, .success(.undecodable): Lowering.unchecked("every reference resolves (UnknownNames)")
            }
        case .fallback(let value, let fallback, let range):
            let present = emit(value, origin: origin)
            let absent = emit(fallback, origin: origin)
            guard let condition = guardingCondition(value) else { return present }
            return .if(condition, present, absent, range)
        }
    }

    /// `Fn::Sub` of a format, or the plain string when it has no variables
    /// (cfn-lint W1020 flags a needless `Fn::Sub`).
    static func sub(_ format: String, _ origin: SourceRange) -> TemplateValue {
        let withoutLiterals = format.replacingAll("${!", with: "")
        if !withoutLiterals.contains("${") { return .string(format.replacingAll("${!", with: "${"), origin) }
        return .sub(format, origin)
    }

    /// The condition under which an optional value is present: `Has<P>` for
    /// an optional parameter, the resource's own condition for an attribute
    /// of a conditional resource; nil when the value is always present.
    mutating func guardingCondition(_ expression: Expression) -> String? {
        guard case .reference(let reference) = expression else { return nil }
        switch symbols.resolve(reference) {
        case .success(.parameter(let parameter)) where parameter.isOptional:
            let own = Reference(path: [parameter.name.text], ranges: [reference.ranges[0]], range: reference.ranges[0])
            return implied(.isSet(own)) ? nil : conditions.hasValue(parameter)
        case .success(.resource(let resource, _)):
            guard let when = resource.when, !implied(when.condition) else { return nil }
            return conditions.name(for: when, symbols: symbols)
        default:
            return nil
        }
    }

    /// Whether `condition` holds wherever the value being emitted exists.
    func implied(_ condition: Condition) -> Bool {
        guard let first = context.first else { return false }
        return Condition.and(context.flatMap(\.conjuncts), first.range).implies(condition)
    }

    /// `Fn::Join` of a list with commas, as `CommaDelimitedList` reads it.
    static func join(_ list: TemplateValue, _ origin: SourceRange) -> TemplateValue {
        .object([("Fn::Join", .array([.string(",", origin), list], origin))], origin)
    }

    /// Emits under `condition` as well as the current context.
    mutating func under<T>(_ condition: Condition, _ body: (inout ValueEmitter) -> T) -> T {
        let saved = context
        context.append(condition)
        defer { context = saved }
        return body(&self)
    }

    /// Emits under `clauses` as well as the current context.
    mutating func under<T>(_ clauses: [WhenClause], _ body: (inout ValueEmitter) -> T) -> T {
        let saved = context
        context += clauses.map(\.condition)
        defer { context = saved }
        return body(&self)
    }
}

extension String {
    /// The text as a literal inside an `Fn::Sub` format: `${` becomes `${!`.
    var escapedForSub: String { replacingAll("${", with: "${!") }
}
