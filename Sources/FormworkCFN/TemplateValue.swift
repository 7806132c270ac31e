import FormworkDiagnostics

/// A JSON value of a template, with the spec range it came from. A generated
/// value keeps the range of the spec node that caused it, so findings on a
/// template can be reported at the spec line. Two values are equal when
/// their JSON is, wherever they came from: a value that moved to another
/// spec line is not a change. Equal values hash alike, so a set of values
/// keeps one of each JSON text.
package struct TemplateValue: Sendable, Hashable {
    /// Not `indirect`: arrays already hold their elements out of line, so a
    /// value is built without a box of its own.
    package enum Kind: Sendable, Equatable {
        case string(String)
        /// A number, as its canonical JSON text.
        case number(String)
        case bool(Bool)
        case null
        case array([TemplateValue])
        /// Members in insertion order; the writer sorts them by key.
        case object([Member])
    }

    package struct Member: Sendable, Equatable {
        package var key: String
        package var value: TemplateValue
        /// The spec range the key itself came from, where it differs from the
        /// value's (an environment variable's name); nil when no one set it.
        package var keyOrigin: SourceRange?

        package init(_ key: String, _ value: TemplateValue, keyOrigin: SourceRange? = nil) {
            self.key = key
            self.value = value
            self.keyOrigin = keyOrigin
        }

        /// Equal JSON, origins aside.
        package static func == (a: Member, b: Member) -> Bool { a.key == b.key && a.value == b.value }
    }

    package var kind: Kind
    package var origin: SourceRange?

    package init(_ kind: Kind, origin: SourceRange?) {
        self.kind = kind
        self.origin = origin
    }

    /// Equal JSON: origins aside, and an object's members in any order
    /// (compared as the writer orders them, so repeated keys too).
    package static func == (a: TemplateValue, b: TemplateValue) -> Bool {
        guard case .object(let x) = a.kind, case .object(let y) = b.kind else { return a.kind == b.kind }
        guard x.count == y.count else { return false }
        if zip(x, y).allSatisfy({ $0.key == $1.key && $0.value == $1.value }) { return true }
        let (xOrder, yOrder) = (x.keyOrder ?? Array(x.indices), y.keyOrder ?? Array(y.indices))
        return zip(xOrder, yOrder).allSatisfy { x[$0] == y[$1] }
    }

    /// Origins aside; an object's members in any order (a sum of each member's hash).
    package func hash(into hasher: inout Hasher) {
        switch kind {
        case .string(let s): hasher.combine(0); hasher.combine(s)
        case .number(let n): hasher.combine(1); hasher.combine(n)
        case .bool(let b): hasher.combine(2); hasher.combine(b)
        case .null: hasher.combine(3)
        case .array(let items):
            hasher.combine(4)
            hasher.combine(items.count)
            for item in items { hasher.combine(item) }
        case .object(let members):
            var sum = 0
            for member in members {
                var memberHasher = Hasher()
                memberHasher.combine(member.key)
                memberHasher.combine(member.value)
                sum &+= memberHasher.finalize()
            }
            hasher.combine(5)
            hasher.combine(members.count)
            hasher.combine(sum)
        }
    }

    package static func string(_ s: String, _ origin: SourceRange?) -> TemplateValue { .init(.string(s), origin: origin) }
    package static func int(_ n: Int, _ origin: SourceRange?) -> TemplateValue { .init(.number(String(n)), origin: origin) }
    package static func bool(_ b: Bool, _ origin: SourceRange?) -> TemplateValue { .init(.bool(b), origin: origin) }
    package static func array(_ items: [TemplateValue], _ origin: SourceRange?) -> TemplateValue {
        .init(.array(items), origin: origin)
    }
    package static func object(_ members: [(String, TemplateValue)], _ origin: SourceRange?) -> TemplateValue {
        .init(.object(members.map { Member($0.0, $0.1) }), origin: origin)
    }

    // Intrinsic functions.
    package static func ref(_ logicalId: String, _ origin: SourceRange?) -> TemplateValue {
        .object([("Ref", .string(logicalId, origin))], origin)
    }
    package static func getAtt(_ logicalId: String, _ attribute: String, _ origin: SourceRange?) -> TemplateValue {
        .object([("Fn::GetAtt", .array([.string(logicalId, origin), .string(attribute, origin)], origin))], origin)
    }
    package static func sub(_ format: String, _ origin: SourceRange?) -> TemplateValue {
        .object([("Fn::Sub", .string(format, origin))], origin)
    }
    package static func `if`(_ condition: String, _ then: TemplateValue, _ otherwise: TemplateValue, _ origin: SourceRange?) -> TemplateValue {
        .object([("Fn::If", .array([.string(condition, origin), then, otherwise], origin))], origin)
    }
    package static func noValue(_ origin: SourceRange?) -> TemplateValue { ref("AWS::NoValue", origin) }

    /// The value with each branch of its `Fn::If`s, as deep as they nest,
    /// replaced by `transform` of it (the value itself when it is no
    /// `Fn::If`): a conditional value's choices mapped one by one.
    package func mapIfBranches(_ transform: (TemplateValue) -> TemplateValue) -> TemplateValue {
        guard case .object(let members) = kind, members.count == 1, members[0].key == "Fn::If",
              case .array(let parts) = members[0].value.kind, parts.count == 3 else { return transform(self) }
        return .if(parts[0], parts[1].mapIfBranches(transform), parts[2].mapIfBranches(transform), origin,
                   argumentsOrigin: members[0].value.origin)
    }

    /// The values an `Fn::If` may take, as deep as they nest (the value
    /// itself when it is no `Fn::If`).
    package var ifBranches: [TemplateValue] {
        guard case .object(let members) = kind, members.count == 1, members[0].key == "Fn::If",
              case .array(let parts) = members[0].value.kind, parts.count == 3 else { return [self] }
        return parts[1].ifBranches + parts[2].ifBranches
    }

    private static func `if`(_ condition: TemplateValue, _ then: TemplateValue, _ otherwise: TemplateValue, _ origin: SourceRange?,
                             argumentsOrigin: SourceRange?) -> TemplateValue {
        .object([("Fn::If", TemplateValue(.array([condition, then, otherwise]), origin: argumentsOrigin))], origin)
    }

    /// `X` of `Ref X`; nil for any other value.
    package var refTarget: String? {
        guard case .object(let members) = kind, members.count == 1, members[0].key == "Ref",
              case .string(let id) = members[0].value.kind else { return nil }
        return id
    }

    /// `X` of `Fn::GetAtt [X, attribute]` or `Fn::GetAtt "X.attribute"`; nil for any other value.
    package func getAttTarget(attribute: String) -> String? {
        guard case .object(let members) = kind, members.count == 1, members[0].key == "Fn::GetAtt" else { return nil }
        switch members[0].value.kind {
        case .array(let parts) where parts.count == 2:
            guard case .string(let id) = parts[0].kind, case .string(attribute) = parts[1].kind else { return nil }
            return id
        case .string(let dotted):
            let suffix = "." + attribute
            return dotted.hasSuffix(suffix) ? String(dotted.dropLast(suffix.count)) : nil
        default:
            return nil
        }
    }

    /// Whether the value is one intrinsic function call: an object whose only key is `Ref` or `Fn::…`.
    package var isIntrinsicFunction: Bool {
        guard case .object(let members) = kind, members.count == 1 else { return false }
        return members[0].key == "Ref" || members[0].key.hasPrefix("Fn::")
    }

    /// The member named `key`, for objects.
    package subscript(key: String) -> TemplateValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }
}

extension [TemplateValue.Member] {
    /// The members' indices in the order the writer writes an object's keys:
    /// by their UTF-8 bytes, repeated keys in their own order; nil when the
    /// members are in that order already (as most objects are).
    package var keyOrder: [Int]? {
        guard indices.dropFirst().contains(where: { self[$0].key.utf8.lexicographicallyPrecedes(self[$0 - 1].key.utf8) })
        else { return nil }
        return indices.sorted { a, b in
            let (x, y) = (self[a].key.utf8, self[b].key.utf8)
            return x.lexicographicallyPrecedes(y) || (a < b && x.elementsEqual(y))
        }
    }
}
