import FormworkDiagnostics

/// A CloudFormation template being built. Sections keep insertion order
/// (spec order, generated children right after their parent); the writer
/// fixes the order of sections and of resource attributes, and sorts
/// property keys.
package struct Template: Sendable {
    package struct Entry: Sendable {
        package var logicalId: String
        package var value: TemplateValue

        package init(_ logicalId: String, _ value: TemplateValue) {
            self.logicalId = logicalId
            self.value = value
        }
    }

    package var description: String?
    /// The spec node the description came from.
    package var descriptionOrigin: SourceRange?
    /// The spec node that stands for the whole template (the spec's `stack:`).
    package var origin: SourceRange?
    package var parameters: [Entry] = []
    package var mappings: [Entry] = []
    package var conditions: [Entry] = []
    /// In model order; added with `append`, changed in place with `subscript(resourceAt:)`.
    package private(set) var resources: [Resource] = []
    /// Each logical ID's first resource.
    private var positions: [String: Int] = [:]
    package var outputs: [Entry] = []

    package init(description: String? = nil, origin: SourceRange? = nil) {
        self.description = description
        self.descriptionOrigin = origin
    }

    package mutating func append(_ resource: Resource) {
        if positions[resource.logicalId] == nil { positions[resource.logicalId] = resources.count }
        resources.append(resource)
    }

    /// The resource at `index`, to change in place: anything but its logical ID.
    package subscript(resourceAt index: Int) -> Resource {
        get { resources[index] }
        _modify {
            let logicalId = resources[index].logicalId
            yield &resources[index]
            precondition(resources[index].logicalId == logicalId, "a resource's logical ID changed in place")
        }
    }

    /// Where the first resource with this logical ID is in `resources`.
    package func index(of logicalId: String) -> Int? { positions[logicalId] }

    /// The first resource with this logical ID.
    package func resource(_ logicalId: String) -> Resource? { positions[logicalId].map { resources[$0] } }
}

package struct Resource: Sendable {
    package var logicalId: String
    package var type: String
    package var condition: String?
    package var dependsOn: [String] = []
    /// Where each `dependsOn` entry was written, for the ones a spec wrote.
    package var dependsOnOrigins: [String: SourceRange] = [:]
    package var deletionPolicy: String?
    package var updateReplacePolicy: String?
    package var creationPolicy: TemplateValue?
    package var updatePolicy: TemplateValue?
    package var metadata: TemplateValue?
    /// An object value (possibly empty).
    package var properties: TemplateValue
    /// The spec node that caused this resource.
    package var origin: SourceRange
    /// Where a raw resource's `type:` was written; nil for a generated one.
    package var typeOrigin: SourceRange?
    /// The name of the spec resource it belongs to (itself or the component
    /// that generated it); not emitted.
    package var owner: String?

    package init(logicalId: String, type: String, properties: [(String, TemplateValue)], origin: SourceRange) {
        self.logicalId = logicalId
        self.type = type
        self.properties = .object(properties, origin)
        self.origin = origin
    }
}
