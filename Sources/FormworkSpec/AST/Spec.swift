import FormworkDiagnostics
import FormworkFacts

/// A decoded spec: one YAML document of the Formwork language, version 1.
package struct Spec: Sendable {
    package var file: String
    package var version: Located<Int>
    package var stack: Located<String>
    package var description: Located<String>?
    package var parameters: [Parameter] = []
    package var tags: [Tag] = []
    package var defaults = Defaults()
    package var mappings: [Mapping] = []
    package var resources: [ResourceDecl] = []
    package var outputs: [Output] = []
    /// Top-level `waivers:`: they apply to every resource.
    package var waivers: [Waiver] = []
    /// Top-level `alarms:`: the default of every function and queue that writes none.
    package var alarms: AlarmSettings?
    /// Top-level keys the spec misspells (`resource:`), or writes with a
    /// value that is not a mapping: each is reported, and the spec holds
    /// nothing for it, so a check that would only repeat the error (a name
    /// that may be declared there is unknown) does not run.
    package var unreadKeys: Set<String> = []
    /// The names that `${...}` and `when:` text mentions in the parts the
    /// decoder dropped for an error it reported (a resource whose
    /// declaration did not decode, an environment variable with a
    /// malformed name, a trigger with two sources, ...): none is resolved,
    /// but a parameter named there counts as used.
    package var unreadNames: [String] = []

    package init(file: String, version: Located<Int>, stack: Located<String>) {
        self.file = file
        self.version = version
        self.stack = stack
    }
}

/// A name declared under `parameters`, `resources` or `outputs`
/// (`[a-z][A-Za-z0-9]*`); its CloudFormation logical ID upper-cases the first letter.
package struct Name: Sendable, Hashable {
    package var text: String
    package var range: SourceRange

    package init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }

    package var logicalId: String { Name.logicalId(of: text) }

    package static func logicalId(of name: String) -> String {
        guard let byte = name.utf8.first else { return name }
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            // A name as names are written: its first byte upper-cased, without Unicode's case tables.
            let count = name.utf8.count
            return String(unsafeUninitializedCapacity: count) { buffer in
                _ = buffer.initialize(from: name.utf8)
                buffer[0] -= 32
                return count
            }
        case ..<0x80: return name
        default: return name.first!.uppercased() + name.dropFirst()
        }
    }
}

/// What a parameter's value is: one string, one number, or a list of strings.
/// An AWS-specific type (`Parameter.awsType`) is one of these too.
package enum ParameterType: String, Sendable, CaseIterable {
    case string, number, list
}

/// A parameter's number bound (`minValue`, `maxValue`): its value, and its text as written.
package struct ParameterNumber: Sendable, Equatable {
    package var value: Double
    package var text: String

    package init(_ value: Double, text: String) {
        self.value = value
        self.text = text
    }
}

package enum ParameterValue: Sendable, Equatable {
    case string(String)
    case number(String)
    case list([String])
}

package struct Parameter: Sendable {
    package var name: Name
    /// What the value is; for an AWS-specific type, what `Ref` of it gives.
    package var type: Located<ParameterType>
    /// The CloudFormation type when `type:` names one (`AWS::EC2::VPC::Id`,
    /// `List<AWS::EC2::Subnet::Id>`, `AWS::SSM::Parameter::Value<String>`).
    package var awsType: Located<String>?
    package var defaultValue: Located<ParameterValue>?
    package var pattern: Located<String>?
    package var allowed: Located<[String]>?
    package var description: Located<String>?
    package var optional: Located<Bool>?
    package var noEcho: Located<Bool>?
    package var minLength: Located<Int>?
    package var maxLength: Located<Int>?
    package var minValue: Located<ParameterNumber>?
    package var maxValue: Located<ParameterNumber>?
    package var constraintDescription: Located<String>?
    package var range: SourceRange
    /// A parameter whose declaration did not decode (its name is not
    /// lowerCamel, or it is not a mapping); the decoder reported why. Like
    /// `ResourceBody.undecodable`, it still declares its name, so uses of it
    /// resolve (to `Resolved.undecodable`), and nothing else of it is read:
    /// its type is a stand-in, and every rule passes it by.
    package var isUndecodable = false
    /// Keys the parameter misspells (`optinal:`) or writes with a value that
    /// did not decode (`type: strng`), each reported by the decoder: a check
    /// that depends on one of them does not run.
    package var unreadKeys: Set<String> = []

    package var isOptional: Bool { optional?.value ?? false }

    /// What `default:` and `--param` give: the value, except for a Systems
    /// Manager type, whose default is the name of an SSM parameter.
    package var defaultType: ParameterType {
        if let awsType, ParameterTypes.isSSMValue(awsType.value) { return .string }
        return type.value
    }

    /// A parameter that declares `name` and nothing else.
    static func undecodable(_ name: Name, range: SourceRange) -> Parameter {
        var parameter = Parameter(name: name, type: Located(.string, name.range), range: range)
        parameter.isUndecodable = true
        return parameter
    }
}

package struct Tag: Sendable {
    package var key: Located<String>
    package var value: StringValue
}

package struct Output: Sendable {
    package var name: Name
    package var value: StringValue
    package var export: StringValue?
    package var description: Located<String>?
    package var when: WhenClause?
    package var range: SourceRange
}
