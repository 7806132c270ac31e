import FormworkDiagnostics
import FormworkFacts

/// A CloudFormation template read back from its JSON text (`formwork diff`
/// on a template file): the same model the compiler builds, without origins.
package enum TemplateReader {
    package enum Failure: Error, Equatable, Sendable {
        case notJSON
        case notATemplate(String)
    }

    package static func read(_ bytes: [UInt8]) -> Result<Template, Failure> {
        guard let json = bytes.withUnsafeBufferPointer({ SchemaJSON.parse($0) }) else { return .failure(.notJSON) }
        guard case .object(let sections) = json else { return .failure(.notATemplate("the top level is not an object")) }
        var template = Template(description: json["Description"]?.string)
        for (name, value) in sections {
            switch name {
            case "Parameters": template.parameters = entries(value)
            case "Mappings": template.mappings = entries(value)
            case "Conditions": template.conditions = entries(value)
            case "Outputs": template.outputs = entries(value)
            case "Resources":
                guard let members = value.members else { return .failure(.notATemplate("Resources is not an object")) }
                for (logicalId, body) in members {
                    guard let type = body["Type"]?.string else {
                        return .failure(.notATemplate("resource \(logicalId) has no Type"))
                    }
                    let properties = body["Properties"].map(Self.value)?.objectMembers ?? []
                    var resource = Resource(logicalId: logicalId, type: type, properties: properties, origin: .none)
                    resource.condition = body["Condition"]?.string
                    switch body["DependsOn"] {
                    case .string(let one)?: resource.dependsOn = [one]
                    case .array(let many)?: resource.dependsOn = many.compactMap(\.string)
                    default: break
                    }
                    resource.deletionPolicy = body["DeletionPolicy"]?.string
                    resource.updateReplacePolicy = body["UpdateReplacePolicy"]?.string
                    resource.creationPolicy = body["CreationPolicy"].map(Self.value)
                    resource.updatePolicy = body["UpdatePolicy"].map(Self.value)
                    resource.metadata = body["Metadata"].map(Self.value)
                    template.append(resource)
                }
            default:
                break
            }
        }
        return .success(template)
    }

    static func entries(_ json: SchemaJSON) -> [Template.Entry] {
        (json.members ?? []).map { Template.Entry($0.0, value($0.1)) }
    }

    /// A JSON value as a template value (numbers in their shortest JSON text).
    package static func value(_ json: SchemaJSON) -> TemplateValue {
        switch json {
        case .null: .init(.null, origin: nil)
        case .bool(let b): .bool(b, nil)
        case .number(let n):
            .init(.number(n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)), origin: nil)
        case .string(let s): .string(s, nil)
        case .array(let items): .array(items.map(value), nil)
        case .object(let members): .init(.object(members.map { .init($0.0, value($0.1)) }), origin: nil)
        }
    }
}

extension TemplateValue {
    /// An object's members as key and value.
    fileprivate var objectMembers: [(String, TemplateValue)]? {
        guard case .object(let members) = kind else { return nil }
        return members.map { ($0.key, $0.value) }
    }
}

extension SourceRange {
    /// Where a value read from a template file stands: nowhere in a spec.
    fileprivate static var none: SourceRange { SourceRange(file: "", start: .init(line: 1, column: 1), end: .init(line: 1, column: 1)) }
}
