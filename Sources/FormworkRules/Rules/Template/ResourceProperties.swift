import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// Each resource's `Properties` are what its type's resource provider schema
/// takes (`ResourceSchemas`), at every depth: no property the schema does
/// not list, every required one present, each value of the JSON type, enum,
/// pattern, range and length the schema gives, and no read-only property
/// (CloudFormation sets those itself). It runs on raw `type:` resources and
/// on what the components generate alike, and reports at the spec node the
/// value came from; cfn-lint reports the same mistakes as E3002, E3003,
/// E3012, E3030, E3031, E3034, E3033 and E3032 on the template.
///
/// As cfn-lint and CloudFormation do, a number or boolean passes where a
/// string is expected, and a string that reads as a number or as `true` or
/// `false` passes where those are. A value that is an intrinsic function is
/// checked for what it resolves to where that is known (`Fn::Sub` and
/// `Fn::Join` give a string; each branch of `Fn::If` is checked) and is
/// otherwise accepted. A pattern neither `SchemaPatterns` nor Swift's
/// regular expressions read is not checked. The tag property's count is `TagsPerResource`'s to check.
enum ResourceProperties: TemplateRule {
    static let summary = "each resource's properties are what its CloudFormation schema takes"
    static let codes: [DiagnosticCode] = [
        .unknownProperty, .missingProperty, .propertyType, .propertyValue, .propertyPattern, .propertyRange,
        .propertyLength, .readOnlyProperty,
    ]

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        var seen: Set<Diagnostic> = []
        let clean = CleanValues()
        for resource in context.template.resources {
            guard let schema = ResourceSchemas.schema(for: resource.type) else { continue }
            var validator = SchemaValidator(schema: schema, fallback: resource.properties.origin ?? resource.origin,
                                            typeOrigin: resource.typeOrigin ?? resource.origin, clean: clean)
            validator.checkProperties(resource.properties)
            // A component writes the same value into several resources from
            // one spec node: report it once.
            for finding in validator.findings where seen.insert(finding).inserted {
                diagnostics.append(finding)
            }
        }
    }
}

/// The top-level property values of one template found to have nothing
/// wrong, each with the schema node it was checked against. Whether a value
/// passes depends on its JSON and the node alone (where it came from only
/// places a finding), and components write the same values into many
/// resources (a role's trust policy, a log group's retention): such a value
/// is checked once. A value with a finding is checked, and reported, every
/// time.
final class CleanValues {
    private struct Entry {
        let node: ObjectIdentifier
        let isTagProperty: Bool
        let value: TemplateValue
    }

    /// By the hash of node and value.
    private var entries: [Int: [Entry]] = [:]

    private static func key(_ value: TemplateValue, _ node: SchemaNode, _ isTagProperty: Bool) -> Int {
        var hasher = Hasher()
        hasher.combine(ObjectIdentifier(node))
        hasher.combine(isTagProperty)
        hasher.combine(value)
        return hasher.finalize()
    }

    func contains(_ value: TemplateValue, _ node: SchemaNode, isTagProperty: Bool) -> (found: Bool, key: Int) {
        let key = Self.key(value, node, isTagProperty)
        let found = entries[key]?.contains {
            $0.node == ObjectIdentifier(node) && $0.isTagProperty == isTagProperty && $0.value == value
        } ?? false
        return (found, key)
    }

    func insert(_ value: TemplateValue, _ node: SchemaNode, isTagProperty: Bool, key: Int) {
        entries[key, default: []].append(Entry(node: ObjectIdentifier(node), isTagProperty: isTagProperty, value: value))
    }
}

/// One resource's properties checked against its schema; `findings` holds what is wrong.
struct SchemaValidator {
    let schema: ResourceSchema
    /// Where a value with no origin of its own is reported.
    let fallback: SourceRange
    /// Where a missing top-level property is reported: the resource's type.
    let typeOrigin: SourceRange
    /// Top-level values already found clean in this template; nil checks every value.
    let clean: CleanValues?
    private(set) var findings: [Diagnostic] = []
    private var reported: Set<Diagnostic> = []
    /// Every finding made, repeated ones too (a value is clean when checking it adds none).
    private var made = 0
    private var depth = 0
    /// Where the value being checked stands; a `Path` is made of it only for a finding.
    private var steps: [Path.Step] = []
    private var path: Path { Path(type: schema.type, steps: steps) }

    init(schema: ResourceSchema, fallback: SourceRange, typeOrigin: SourceRange, clean: CleanValues? = nil) {
        self.schema = schema
        self.fallback = fallback
        self.typeOrigin = typeOrigin
        self.clean = clean
    }

    /// A finding, once (an item checked against `items` and `prefixItems` can fail both alike).
    private mutating func report(_ finding: Diagnostic) {
        made += 1
        if reported.insert(finding).inserted { findings.append(finding) }
    }

    mutating func checkProperties(_ properties: TemplateValue) {
        guard case .object(let members) = properties.kind, !properties.isIntrinsicFunction else { return }
        // A misspelt name is reported once, as unknown with its did-you-mean, not also as missing.
        var suggested: [String] = []
        for member in members {
            steps.append(.key(member.key))
            defer { steps.removeLast() }
            guard let node = schema.property(member.key) else {
                if !schema.allowsOtherProperties {
                    let candidates = schema.propertyNames.filter { !schema.readOnly.contains($0) }
                    let closest = Suggestions.closest(to: member.key, in: candidates)
                    if let closest { suggested.append(closest) }
                    report(.unknownProperty(path, closest: closest, at: member.keyOrigin ?? member.value.origin ?? fallback))
                }
                continue
            }
            if schema.readOnly.contains(member.key) {
                report(.readOnlyProperty(path, at: member.keyOrigin ?? member.value.origin ?? fallback))
                continue
            }
            let isTagProperty = member.key == schema.tagging?.property
            guard let clean, !isShallow(member.value, node) else {
                check(member.value, against: node, isTagProperty: isTagProperty)
                continue
            }
            let (found, key) = clean.contains(member.value, node, isTagProperty: isTagProperty)
            if found { continue }
            let before = made
            check(member.value, against: node, isTagProperty: isTagProperty)
            if made == before { clean.insert(member.value, node, isTagProperty: isTagProperty, key: key) }
        }
        for name in schema.required where !members.contains(where: { $0.key == name }) && !suggested.contains(name) {
            report(.missingProperty(name, in: Path(type: schema.type, steps: []), at: typeOrigin))
        }
    }

    /// Whether checking `value` against `node` is no more than a look at its
    /// type: a mapping or list whose node says nothing of what it holds (an
    /// IAM policy document). Remembering it would cost more than checking it.
    private func isShallow(_ value: TemplateValue, _ node: SchemaNode) -> Bool {
        guard let node = schema.resolve(node) else { return true }
        guard node.anyOf.isEmpty, node.oneOf.isEmpty, node.allOf.isEmpty else { return false }
        switch value.kind {
        case .object:
            guard case nil = node.additionalProperties else { return false }
            return node.properties.isEmpty && node.patternProperties.isEmpty && node.required.isEmpty
        case .array:
            return node.items == nil && node.prefixItems.isEmpty
        case .string, .number, .bool, .null:
            return false
        }
    }

    /// `value` against `node`. `isTagProperty`: the count of tags is not checked here.
    mutating func check(_ value: TemplateValue, against node: SchemaNode, isTagProperty: Bool = false) {
        // A value is finite, but refs between definitions can form a cycle that does not descend.
        guard depth < 64 else { return }
        depth += 1
        defer { depth -= 1 }
        // A `$ref` is checked, and so are the keywords beside it (`maxItems` next to a ref).
        if let ref = node.ref, let target = schema.definition(ref) {
            check(value, against: target, isTagProperty: isTagProperty)
        }
        let at = value.origin ?? fallback
        if let function = Intrinsic.function(value) {
            switch function {
            case .noValue, .opaque:
                return
            case .branches(let branches):
                for branch in branches { check(branch, against: node, isTagProperty: isTagProperty) }
                return
            case .string:
                // It resolves to a string: wrong only where no scalar is taken.
                if !node.types.isEmpty, node.types.allSatisfy({ $0 == "object" || $0 == "array" }) {
                    report(.propertyType(path, expected: node.types, found: "a string from an intrinsic function", at: at))
                }
                return
            }
        }
        for part in node.allOf { check(value, against: part, isTagProperty: isTagProperty) }
        if !node.anyOf.isEmpty { checkAlternatives(value, node.anyOf, isTagProperty: isTagProperty) }
        if !node.oneOf.isEmpty { checkAlternatives(value, node.oneOf, isTagProperty: isTagProperty) }
        checkOwnKeywords(value, node, isTagProperty: isTagProperty)
    }

    /// `anyOf` or `oneOf`: the findings of the alternative the value comes closest to.
    /// One whose JSON type it has comes before one it does not, then the fewest findings.
    private mutating func checkAlternatives(_ value: TemplateValue, _ alternatives: [SchemaNode], isTagProperty: Bool) {
        var best: (rank: Int, findings: [Diagnostic])?
        for alternative in alternatives {
            var trial = SchemaValidator(schema: schema, fallback: fallback, typeOrigin: typeOrigin)
            trial.steps = steps
            trial.check(value, against: alternative, isTagProperty: isTagProperty)
            let types = schema.resolve(alternative)?.types ?? []
            let rank = trial.findings.count + (types.isEmpty || Self.matches(value, types) ? 0 : 1_000)
            if best == nil || rank < best!.rank { best = (rank, trial.findings) }
            if trial.findings.isEmpty { break }
        }
        for finding in best?.findings ?? [] { report(finding) }
    }

    /// The keywords of `node` itself, after its ref and combinators.
    private mutating func checkOwnKeywords(_ value: TemplateValue, _ node: SchemaNode, isTagProperty: Bool) {
        let at = value.origin ?? fallback
        if !node.types.isEmpty, !Self.matches(value, node.types) {
            report(.propertyType(path, expected: node.types, found: Self.describe(value), at: at))
            return
        }
        if let allowed = node.enumValues, !allowed.contains(where: { Self.equals(value, $0) }) {
            report(.propertyValue(path, Self.describe(value), allowed: allowed.map(Self.text), at: at))
        }
        if let constant = node.constValue, !Self.equals(value, constant) {
            report(.propertyValue(path, Self.describe(value), allowed: [Self.text(constant)], at: at))
        }
        switch value.kind {
        case .string(let text):
            if let pattern = node.pattern, let matches = SchemaPatterns.matches(pattern, text), !matches {
                report(.propertyPattern(path, text, pattern: pattern, at: at))
            }
            if node.minLength != nil || node.maxLength != nil {
                let length = text.unicodeScalars.count
                if let limit = node.minLength, length < limit {
                    report(.propertyLength(path, length, "character", min: limit, max: node.maxLength, at: at))
                } else if let limit = node.maxLength, length > limit {
                    report(.propertyLength(path, length, "character", min: node.minLength, max: limit, at: at))
                }
            }
            if node.types.contains(where: { $0 == "integer" || $0 == "number" }), let number = Double(text) {
                checkRange(number, text, node, at)
            }
        case .number(let text):
            if let number = Double(text) { checkRange(number, text, node, at) }
        case .array(let items):
            if !isTagProperty {
                if let limit = node.minItems, items.count < limit {
                    report(.propertyLength(path, items.count, "item", min: limit, max: node.maxItems, at: at))
                } else if let limit = node.maxItems, items.count > limit {
                    report(.propertyLength(path, items.count, "item", min: node.minItems, max: limit, at: at))
                }
            }
            for (index, item) in items.enumerated() {
                steps.append(.index(index))
                if let itemNode = node.items { check(item, against: itemNode) }
                if index < node.prefixItems.count { check(item, against: node.prefixItems[index]) }
                steps.removeLast()
            }
        case .object(let members):
            checkObject(members, node, at)
        case .bool, .null:
            break
        }
    }

    private mutating func checkObject(_ members: [TemplateValue.Member], _ node: SchemaNode, _ at: SourceRange) {
        // A node that says nothing of its members (an IAM policy document, a JSON-typed
        // property) takes any: nothing below is checked, so no member is looked up.
        if node.properties.isEmpty, node.patternProperties.isEmpty, node.required.isEmpty,
           case nil = node.additionalProperties { return }
        var suggested: [String] = []
        for member in members {
            steps.append(.key(member.key))
            defer { steps.removeLast() }
            if let property = node.properties[member.key] {
                check(member.value, against: property)
                continue
            }
            if let matched = node.patternProperties.first(where: { SchemaPatterns.matches($0.pattern, member.key) != false }) {
                check(member.value, against: matched.node)
                continue
            }
            switch node.additionalProperties {
            case .closed?:
                let closest = Suggestions.closest(to: member.key, in: node.propertyNames)
                if let closest { suggested.append(closest) }
                report(.unknownProperty(path, closest: closest, at: member.keyOrigin ?? member.value.origin ?? at))
            case .schema(let other)?:
                check(member.value, against: other)
            case nil:
                break
            }
        }
        for name in node.required where !members.contains(where: { $0.key == name }) && !suggested.contains(name) {
            report(.missingProperty(name, in: path, at: at))
        }
    }

    private mutating func checkRange(_ number: Double, _ text: String, _ node: SchemaNode, _ at: SourceRange) {
        let below = node.minimum.map { number < $0 } == true || node.exclusiveMinimum.map { number <= $0 } == true
        let above = node.maximum.map { number > $0 } == true || node.exclusiveMaximum.map { number >= $0 } == true
        guard below || above else { return }
        report(.propertyRange(path, text, min: node.minimum ?? node.exclusiveMinimum,
                                       max: node.maximum ?? node.exclusiveMaximum, at: at))
    }

    /// Whether `value` is of one of `types`, as CloudFormation converts scalars.
    static func matches(_ value: TemplateValue, _ types: [String]) -> Bool {
        types.contains { type in
            switch (type, value.kind) {
            case ("string", .string), ("string", .number), ("string", .bool): true
            case ("number", .number): true
            case ("number", .string(let s)): Double(s) != nil
            case ("integer", .number(let n)), ("integer", .string(let n)): Int(n) != nil
            case ("boolean", .bool): true
            case ("boolean", .string(let s)): s == "true" || s == "false"
            case ("object", .object), ("array", .array), ("null", .null): true
            default: false
            }
        }
    }

    static func equals(_ value: TemplateValue, _ json: SchemaJSON) -> Bool {
        switch (value.kind, json) {
        case (.string(let s), .string(let t)): s == t
        case (.string(let s), .number(let n)), (.number(let s), .number(let n)): Double(s) == n
        case (.number(let s), .string(let t)): s == t
        case (.bool(let b), .bool(let c)): b == c
        case (.bool(let b), .string(let t)): String(b) == t
        case (.null, .null): true
        default: false
        }
    }

    /// How a value is named in a message.
    static func describe(_ value: TemplateValue) -> String {
        switch value.kind {
        case .string(let s): "'\(s)'"
        case .number(let n): n
        case .bool(let b): String(b)
        case .null: "null"
        case .array: "a list"
        case .object: "a mapping"
        }
    }

    static func text(_ json: SchemaJSON) -> String {
        switch json {
        case .string(let s): s
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): String(b)
        case .null: "null"
        case .array, .object: "a structure"
        }
    }
}

/// Where a value stands in a resource's properties: `KeySchema[0].KeyType`.
struct Path: Hashable {
    enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    let type: String
    var steps: [Step]

    func appending(_ step: Step) -> Path { Path(type: type, steps: steps + [step]) }

    var text: String {
        var out = ""
        for step in steps {
            switch step {
            case .key(let key): out += out.isEmpty ? key : ".\(key)"
            case .index(let index): out += "[\(index)]"
            }
        }
        return out
    }

    /// `KeySchema[0] of AWS::DynamoDB::Table`, or the type alone at the top.
    var described: String { steps.isEmpty ? type : "\(text) of \(type)" }
}

/// What an intrinsic function in a property value resolves to, as far as a
/// schema check can tell without evaluating it.
enum Intrinsic {
    enum Function {
        /// `Ref: AWS::NoValue`: the property is left out.
        case noValue
        /// A string (`Fn::Sub`, `Fn::Join`, `Fn::Base64`).
        case string
        /// One of these (`Fn::If`).
        case branches([TemplateValue])
        /// Anything (`Ref`, `Fn::GetAtt`, `Fn::Select`, …).
        case opaque
    }

    static func function(_ value: TemplateValue) -> Function? {
        guard case .object(let members) = value.kind, members.count == 1 else { return nil }
        let (key, argument) = (members[0].key, members[0].value)
        switch key {
        case "Ref":
            if case .string("AWS::NoValue") = argument.kind { return .noValue }
            return .opaque
        case "Fn::Sub", "Fn::Join", "Fn::Base64":
            return .string
        case "Fn::If":
            guard case .array(let items) = argument.kind, items.count == 3 else { return .opaque }
            return .branches(Array(items.dropFirst()))
        default:
            return key.hasPrefix("Fn::") ? .opaque : nil
        }
    }
}

extension DiagnosticCode {
    private static let schemaReference = DocumentationPage(
        "AWS CloudFormation User Guide, \"Resource type schema\"",
        "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html")

    package static let unknownProperty = DiagnosticCode(
        "FW6101", .templateChecks, "a property the resource type's schema does not have", reference: schemaReference)
    package static let missingProperty = DiagnosticCode(
        "FW6102", .templateChecks, "a property the resource type's schema requires is missing", reference: schemaReference)
    package static let propertyType = DiagnosticCode(
        "FW6103", .templateChecks, "a property value of the wrong JSON type", reference: schemaReference)
    package static let propertyValue = DiagnosticCode(
        "FW6104", .templateChecks, "a property value that is not one the schema allows", reference: schemaReference)
    package static let propertyPattern = DiagnosticCode(
        "FW6105", .templateChecks, "a property value that does not match the schema's pattern", reference: schemaReference)
    package static let propertyRange = DiagnosticCode(
        "FW6106", .templateChecks, "a number outside the range the schema allows", reference: schemaReference)
    package static let propertyLength = DiagnosticCode(
        "FW6107", .templateChecks, "a string or list longer or shorter than the schema allows", reference: schemaReference)
    package static let readOnlyProperty = DiagnosticCode(
        "FW6108", .templateChecks, "a read-only property set by hand", reference: schemaReference)
}

extension Diagnostic {
    static func unknownProperty(_ path: Path, closest: String?, at range: SourceRange) -> Diagnostic {
        let name = path.steps.last.map { if case .key(let k) = $0 { k } else { "" } } ?? ""
        let parent = Path(type: path.type, steps: Array(path.steps.dropLast()))
        return .error(.unknownProperty, "\(parent.described) has no property '\(name)'", at: range,
                      fixIts: closest.map { [.didYouMean($0, replacing: range)] } ?? [])
    }

    static func missingProperty(_ name: String, in path: Path, at range: SourceRange) -> Diagnostic {
        .error(.missingProperty, "\(path.described) needs the property '\(name)'", at: range)
    }

    static func propertyType(_ path: Path, expected: [String], found: String, at range: SourceRange) -> Diagnostic {
        let article = { (type: String) in "aeiou".contains(type.first ?? "x") ? "an \(type)" : "a \(type)" }
        let names = expected.map { $0 == "object" ? "a mapping" : $0 == "array" ? "a list" : article($0) }
        return .error(.propertyType, "\(path.described) takes \(names.joined(separator: " or ")), not \(found)", at: range)
    }

    static func propertyValue(_ path: Path, _ value: String, allowed: [String], at range: SourceRange) -> Diagnostic {
        let shown = allowed.count > 12 ? allowed.prefix(12).joined(separator: ", ") + ", …" : allowed.joined(separator: ", ")
        let closest = allowed.count > 1 ? Suggestions.closest(to: value.trimmingQuotes, in: allowed) : allowed.first
        return .error(.propertyValue, "\(path.described) cannot be \(value); it takes \(shown)", at: range,
                      fixIts: closest.map { [.didYouMean($0, replacing: range)] } ?? [])
    }

    static func propertyPattern(_ path: Path, _ value: String, pattern: String, at range: SourceRange) -> Diagnostic {
        .error(.propertyPattern, "'\(value)' does not match the pattern \(pattern) that \(path.described) takes", at: range)
    }

    static func propertyRange(_ path: Path, _ value: String, min: Double?, max: Double?, at range: SourceRange) -> Diagnostic {
        let show = { (n: Double) in n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n) }
        let bounds = switch (min, max) {
        case let (low?, high?): "from \(show(low)) to \(show(high))"
        case let (low?, nil): "at least \(show(low))"
        case let (nil, high?): "at most \(show(high))"
        case (nil, nil): "another number"
        }
        return .error(.propertyRange, "\(path.described) takes \(bounds), not \(value)", at: range)
    }

    static func propertyLength(_ path: Path, _ count: Int, _ unit: String, min: Int?, max: Int?,
                               at range: SourceRange) -> Diagnostic
    {
        let bounds = switch (min, max) {
        case let (low?, high?) where low == high: "exactly \(low)"
        case let (low?, high?): "\(low) to \(high)"
        case let (low?, nil): "at least \(low)"
        case let (nil, high?): "at most \(high)"
        case (nil, nil): "another number of"
        }
        return .error(.propertyLength, "\(path.described) takes \(bounds) \(unit)s; this has \(count)", at: range)
    }

    static func readOnlyProperty(_ path: Path, at range: SourceRange) -> Diagnostic {
        .error(.readOnlyProperty, "\(path.text) of \(path.type) is read-only: CloudFormation sets it", at: range,
               help: ["remove it; read it as ${name.\(path.text)} where it is needed"])
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        hasPrefix("'") && hasSuffix("'") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
