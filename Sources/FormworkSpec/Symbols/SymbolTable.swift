import FormworkDiagnostics
import FormworkFacts

/// The names a spec declares, and what a reference to each one means. Rules
/// resolve references here; lowering decides how each is emitted.
package struct SymbolTable: Sendable {
    package private(set) var parameters: [String: Parameter] = [:]
    package private(set) var resources: [String: ResourceDecl] = [:]
    /// The lookup tables of `mappings:`, read only by `${map[key].name}`.
    package private(set) var mappings: [String: Mapping] = [:]

    package init(_ spec: Spec) {
        for mapping in spec.mappings where mappings[mapping.name.text] == nil {
            mappings[mapping.name.text] = mapping
        }
        for parameter in spec.parameters where parameters[parameter.name.text] == nil {
            parameters[parameter.name.text] = parameter
        }
        for resource in spec.resources where resources[resource.name.text] == nil {
            resources[resource.name.text] = resource
        }
    }

    /// Every name a `${...}` may start with, for did-you-mean.
    package var allNames: [String] {
        Array(parameters.keys) + Array(resources.keys) + Array(mappings.keys) + ["aws"]
    }
}

extension SymbolTable {
    /// Whether a lookup may read a list: its mapping holds a list under the
    /// second-level key (a literal one), or anywhere (a key from a parameter).
    package func lookupIsList(_ lookup: MapLookup) -> Bool {
        guard let mapping = mappings[lookup.map] else { return false }
        let entries = mapping.entries.filter { entry in
            if case .literal(let key, _) = lookup.keys[0] { entry.key.value == key } else { true }
        }
        let values = entries.flatMap { entry in
            entry.values.filter { pair in
                if case .literal(let key, _) = lookup.keys[1] { pair.key.value == key } else { true }
            }.map(\.value.value)
        }
        return values.contains { $0.isList }
    }
}

/// What a reference means, once resolved.
package enum Resolved: Sendable {
    case parameter(Parameter)
    /// A pseudo parameter, by its CloudFormation name (`AWS::Region`).
    case pseudo(String)
    /// A resource's primary identifier (attribute nil) or one of its attributes.
    case resource(ResourceDecl, attribute: String?)
    /// A parameter or resource whose declaration did not decode
    /// (`Parameter.isUndecodable`, `ResourceBody.undecodable`): its error is
    /// reported there, and nothing is known of what the use means.
    case undecodable(Name)
}

extension SymbolTable {
    /// Resolves a reference, or says why it does not resolve.
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
            if parameter.isUndecodable { return .success(.undecodable(parameter.name)) }
            guard rest.isEmpty else {
                return .failure(.parameterHasNoAttributes(root, at: reference.ranges[1]))
            }
            return .success(.parameter(parameter))
        }
        guard let resource = resources[root] else {
            if mappings[root] != nil { return .failure(.mappingWithoutKeys(root, at: reference.range)) }
            return .failure(.unknownName(root, at: reference.ranges[0]))
        }
        if case .undecodable = resource.body { return .success(.undecodable(resource.name)) }
        guard !rest.isEmpty else { return .success(.resource(resource, attribute: nil)) }
        let attribute = rest.joined(separator: ".")
        let attributeRange = SourceRange(sourceFile: reference.range.sourceFile, start: reference.ranges[1].start, end: reference.range.end)
        if let valid = resource.body.attributeNames, !valid.contains(attribute) {
            return .failure(.unknownAttribute(attribute, of: root, at: attributeRange, valid: valid.sorted()))
        }
        return .success(.resource(resource, attribute: attribute))
    }
}

extension ResourceBody {
    /// The attributes `${name.attribute}` may read, or nil when any name
    /// passes (a raw type without a schema: `Custom::`, a module, or one
    /// `ResourceTypes` reports as unknown).
    package var attributeNames: Set<String>? {
        switch self {
        case .bucket: ["name", "arn", "domainName", "regionalDomainName"]
        case .function: ["name", "arn", "roleArn", "roleName"]
        case .queue: ["url", "arn", "name"]
        case .api: ["id", "rootResourceId", "url"]
        case .raw(let raw): ResourceSchemas.schema(for: raw.type.value)?.attributes
        case .undecodable: nil
        }
    }
}

/// Why a reference does not resolve; a rule turns it into a diagnostic.
package enum ResolutionError: Error, Sendable {
    /// The did-you-mean is looked for only when the error is reported.
    case unknownName(String, at: SourceRange)
    case unknownAttribute(String, of: String, at: SourceRange, valid: [String])
    case parameterHasNoAttributes(String, at: SourceRange)
    /// `${regionConfig}` or `${regionConfig.x}`: a mapping is read with keys, `${regionConfig[key].name}`.
    case mappingWithoutKeys(String, at: SourceRange)
}
