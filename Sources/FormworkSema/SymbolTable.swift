import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// The names a spec declares, and what a reference to each one means.
package struct SymbolTable: Sendable {
    package private(set) var parameters: [String: Parameter] = [:]
    package private(set) var resources: [String: ResourceDecl] = [:]
    /// The generated name format of each bucket that an `s3` trigger names
    /// and that has no `name` (`BucketNaming`), by resource name.
    package private(set) var generatedBucketNames: [String: String] = [:]
    /// Buckets some function's `s3` trigger names.
    package private(set) var triggeredBuckets: Set<String> = []

    package init(_ spec: Spec) {
        for parameter in spec.parameters where parameters[parameter.name.text] == nil {
            parameters[parameter.name.text] = parameter
        }
        for resource in spec.resources where resources[resource.name.text] == nil {
            resources[resource.name.text] = resource
        }
        triggeredBuckets = BucketNaming.triggeredBuckets(spec)
        generatedBucketNames = BucketNaming.generatedNames(spec)
    }

    /// Every name a `${...}` may start with, for did-you-mean.
    package var allNames: [String] {
        Array(parameters.keys) + Array(resources.keys) + ["aws"]
    }
}

/// What a reference means, once resolved.
package enum Resolved: Sendable {
    case parameter(Parameter)
    case pseudo(String)
    /// A resource's primary identifier (`Ref`) or one of its attributes.
    case resource(ResourceDecl, attribute: String?, value: AttributeValue)
}

/// How a component attribute is emitted.
package enum AttributeValue: Sendable, Equatable {
    case ref(String)
    case getAtt(String, String)
    /// An `Fn::Sub` format (CloudFormation `${...}` syntax).
    case sub(String)
}

extension SymbolTable {
    /// Resolves a reference, or returns the diagnostic that says why it does not resolve.
    package func resolve(_ reference: Reference) -> Result<Resolved, ResolutionError> {
        let root = reference.path[0]
        let rest = Array(reference.path.dropFirst())
        if root == "aws" {
            guard rest.count == 1, let pseudo = CloudFormation.pseudoParameters[rest[0]] else {
                let range = reference.ranges.count > 1 ? reference.ranges[1] : reference.range
                let given = rest.joined(separator: ".")
                return .failure(.unknownAttribute(given, of: "aws", at: range,
                                                  valid: CloudFormation.pseudoParameters.keys.sorted()))
            }
            return .success(.pseudo(pseudo))
        }
        if let parameter = parameters[root] {
            guard rest.isEmpty else {
                return .failure(.parameterHasNoAttributes(root, at: reference.ranges[1]))
            }
            return .success(.parameter(parameter))
        }
        guard let resource = resources[root] else {
            return .failure(.unknownName(root, at: reference.ranges[0]))
        }
        let id = resource.name.logicalId
        guard !rest.isEmpty else { return .success(.resource(resource, attribute: nil, value: .ref(id))) }
        let attribute = rest.joined(separator: ".")
        let attributeRange = SourceRange(file: reference.range.file, start: reference.ranges[1].start, end: reference.range.end)
        switch attributes(of: resource) {
        case .some(let table):
            guard let value = table[attribute] else {
                return .failure(.unknownAttribute(attribute, of: root, at: attributeRange, valid: table.keys.sorted()))
            }
            return .success(.resource(resource, attribute: attribute, value: value))
        case .none:
            return .success(.resource(resource, attribute: attribute, value: .getAtt(id, attribute)))
        }
    }

    /// The attributes a resource has, or nil when any name passes (a raw type the table does not know).
    func attributes(of resource: ResourceDecl) -> [String: AttributeValue]? {
        let id = resource.name.logicalId
        switch resource.body {
        case .bucket:
            // A bucket whose name is known without it gets an ARN built from
            // that name, so its users need not wait for it (`BucketNaming`).
            let known = bucketNameFormat(resource)
            let name = known ?? "${\(id)}"
            // A triggered bucket waits for its function's permission, so the
            // function's own uses of the bucket's name must not wait for the
            // bucket: the name itself (the same value as Ref) breaks the cycle.
            let nameValue: AttributeValue = if let known, triggeredBuckets.contains(resource.name.text) { .sub(known) } else { .ref(id) }
            return [
                "name": nameValue,
                "arn": .sub("arn:${AWS::Partition}:s3:::\(name)"),
                "domainName": .getAtt(id, "DomainName"),
                "regionalDomainName": .getAtt(id, "RegionalDomainName"),
            ]
        case .function:
            return ["name": .ref(id), "arn": .getAtt(id, "Arn"), "roleArn": .getAtt(id + "Role", "Arn")]
        case .queue:
            return ["url": .ref(id), "arn": .getAtt(id, "Arn"), "name": .getAtt(id, "QueueName")]
        case .api:
            return [
                "id": .ref(id),
                "rootResourceId": .getAtt(id, "RootResourceId"),
                "url": .sub("https://${\(id)}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${\(id)Stage}"),
            ]
        case .raw(let raw):
            guard let facts = CloudFormation.resourceTypes[raw.type.value] else { return nil }
            return Dictionary(uniqueKeysWithValues: facts.attributes.map { ($0, AttributeValue.getAtt(id, $0)) })
        }
    }
}

/// Why a reference does not resolve; becomes a diagnostic in the name-resolution pass.
package enum ResolutionError: Error, Sendable {
    /// The did-you-mean is looked for only when the error is reported (`diagnostic(symbols:)`).
    case unknownName(String, at: SourceRange)
    case unknownAttribute(String, of: String, at: SourceRange, valid: [String])
    case parameterHasNoAttributes(String, at: SourceRange)
}
