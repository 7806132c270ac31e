import FormworkDiagnostics

/// A JSON value of a template, with the spec range it came from. A generated
/// value keeps the range of the spec node that caused it, so findings on a
/// template can be reported at the spec line. Two values are equal when
/// their JSON is, wherever they came from: a value that moved to another
/// spec line is not a change.
package struct TemplateValue: Sendable, Equatable {
    package indirect enum Kind: Sendable, Equatable {
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

    /// Equal JSON: origins aside, and an object's members in any order.
    package static func == (a: TemplateValue, b: TemplateValue) -> Bool {
        guard case .object(let x) = a.kind, case .object(let y) = b.kind else { return a.kind == b.kind }
        guard x.count == y.count else { return false }
        if zip(x, y).allSatisfy({ $0.key == $1.key && $0.value == $1.value }) { return true }
        let byKey = Dictionary(y.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        return x.allSatisfy { member in byKey[member.key].map { $0 == member.value } ?? false }
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

    /// The member named `key`, for objects.
    package subscript(key: String) -> TemplateValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }
}
