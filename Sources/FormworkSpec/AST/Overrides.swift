import FormworkDiagnostics

/// One entry of a component's `overrides:`: a property of a resource the
/// component generates, addressed by the resource's role, set to a raw
/// value or removed.
package struct Override: Sendable {
    /// The role (`function`, `role`, `logGroup`, ...), as written.
    package var role: Located<String>
    /// The property path, split at its dots (`LoggingConfig.LogFormat` → two keys).
    package var path: [String]
    /// The path as written; its range is the key's.
    package var pathText: Located<String>
    /// The value to set; nil removes the property (`null`).
    package var value: RawValue?
    /// The whole entry, key and value.
    package var range: SourceRange
}

/// The generated resources `overrides:` can address, by role.
package struct OverrideRole: Sendable {
    package var name: String
    /// The CloudFormation type of the resource in that role.
    package var type: String
    /// Properties the component sets for the stack to work (a function's
    /// `Role`, a stage's `DeploymentId`): overriding one, or a path in or
    /// above one, is a warning.
    package var reliedOn: [String]
}

extension ResourceKind {
    /// The roles of the resources a component of this kind generates that
    /// `overrides:` can address, in the order messages list them. A role
    /// stands for one resource per component; what a component generates
    /// many of (route methods, permissions, event source mappings) has no role.
    package var overrideRoles: [OverrideRole] {
        switch self {
        case .bucket:
            [OverrideRole(name: "bucket", type: "AWS::S3::Bucket", reliedOn: ["NotificationConfiguration"])]
        case .function:
            [
                OverrideRole(name: "function", type: "AWS::Lambda::Function",
                             reliedOn: ["Role", "LoggingConfig.LogGroup", "DeadLetterConfig"]),
                OverrideRole(name: "role", type: "AWS::IAM::Role", reliedOn: ["AssumeRolePolicyDocument", "Policies"]),
                OverrideRole(name: "logGroup", type: "AWS::Logs::LogGroup", reliedOn: ["LogGroupName"]),
                OverrideRole(name: "deadLetterQueue", type: "AWS::SQS::Queue", reliedOn: []),
            ]
        case .queue:
            [OverrideRole(name: "queue", type: "AWS::SQS::Queue", reliedOn: ["RedrivePolicy"])]
        case .api:
            [
                OverrideRole(name: "restApi", type: "AWS::ApiGateway::RestApi", reliedOn: []),
                OverrideRole(name: "deployment", type: "AWS::ApiGateway::Deployment", reliedOn: ["RestApiId"]),
                OverrideRole(name: "stage", type: "AWS::ApiGateway::Stage", reliedOn: ["RestApiId", "DeploymentId"]),
            ]
        case .raw:
            []
        }
    }
}

extension ResourceDecl {
    /// The roles this resource's component generates a resource for in this
    /// spec: every role of its kind, but `deadLetterQueue` only when the
    /// function has one.
    package var generatedRoles: [OverrideRole] {
        guard let kind = body.kind else { return [] }
        return kind.overrideRoles.filter { role in
            if role.name == "deadLetterQueue", case .function(let function) = body { return function.deadLetterQueue.value }
            return true
        }
    }
}
