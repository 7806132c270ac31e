import FormworkFacts
import FormworkSpec

/// How a component attribute is emitted.
package enum AttributeValue: Sendable, Equatable {
    case ref(String)
    case getAtt(String, String)
    /// An `Fn::Sub` format (CloudFormation `${...}` syntax).
    case sub(String)
}

/// What `${name}` and `${name.attribute}` of each resource emit. The names
/// are the spec's (`ResourceBody.attributeNames`, which rules check
/// against); a test keeps the two lists the same.
struct Attributes {
    let symbols: SymbolTable
    /// The generated name format of each bucket that has no `name`
    /// (`BucketNaming`), by resource name.
    let generatedBucketNames: [String: String]
    /// Buckets some function's `s3` trigger names.
    let triggeredBuckets: Set<String>

    init(_ spec: Spec, symbols: SymbolTable) {
        self.symbols = symbols
        triggeredBuckets = BucketNaming.triggeredBuckets(spec)
        generatedBucketNames = BucketNaming.generatedNames(spec)
    }

    /// `Ref` for the primary identifier (attribute nil); otherwise the
    /// attribute's value. An attribute no table knows is a raw type's `Fn::GetAtt`.
    func value(of resource: ResourceDecl, _ attribute: String?) -> AttributeValue {
        let id = resource.name.logicalId
        guard let attribute else { return .ref(id) }
        return table(of: resource)?[attribute] ?? .getAtt(id, attribute)
    }

    /// Every attribute of a component kind, or nil for a raw resource (each is its `Fn::GetAtt`).
    func table(of resource: ResourceDecl) -> [String: AttributeValue]? {
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
            return [
                "name": .ref(id), "arn": .getAtt(id, "Arn"),
                "roleArn": .getAtt(id + "Role", "Arn"), "roleName": .ref(id + "Role"),
            ]
        case .queue:
            return ["url": .ref(id), "arn": .getAtt(id, "Arn"), "name": .getAtt(id, "QueueName")]
        case .api:
            return [
                "id": .ref(id),
                "rootResourceId": .getAtt(id, "RootResourceId"),
                "url": .sub("https://${\(id)}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${\(id)Stage}"),
            ]
        case .raw, .undecodable:
            return nil
        }
    }
}
