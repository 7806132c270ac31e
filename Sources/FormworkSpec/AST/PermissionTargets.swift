import FormworkFacts

extension ResourceDecl {
    /// What a permission naming this resource may grant: a bucket, queue or
    /// function takes the verbs of its CloudFormation type, a raw resource
    /// those of its `type:` when `Permissions` lists it; nil for any other.
    package var permissionTarget: Permissions.Target? {
        switch body {
        case .bucket: Permissions.target(type: Permissions.bucketType)
        case .queue: Permissions.target(type: Permissions.queueType)
        case .function: Permissions.target(type: Permissions.functionType)
        case .raw(let raw): Permissions.target(type: raw.type.value)
        case .api, .undecodable: nil
        }
    }
}

extension RawResourceSpec {
    /// The value of the top-level property `name`, when it is written.
    package func property(_ name: String) -> RawValue? {
        guard case .object(let members, _) = properties else { return nil }
        return members.first { $0.key.value == name }?.value
    }

    /// For an `AWS::SSM::Parameter`: whether its written `Name` is a path
    /// (starts with `/`), false when it has no `Name` (CloudFormation's
    /// generated names are not paths), nil when its first character is not
    /// known at compile time (it starts with an interpolation).
    package var parameterNameIsPath: Bool? {
        guard let name = property("Name") else { return false }
        guard case .string(let string) = name, case .literal(let text)? = string.interpolated.segments.first,
              let first = text.first
        else { return nil }
        return first == "/"
    }
}
