import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A function's permission names a resource its verb applies to
/// (`Permissions` lists the verbs of each type): `read`, `write` and
/// `readWrite` a bucket or a DynamoDB table (`read` also an SSM parameter or a
/// secret), `readStream` a DynamoDB table, `sendMessage` and `consume` a
/// queue, `publish` an SNS topic, `startExecution` a Step Functions state
/// machine, `putEvents` an EventBridge bus, `decrypt` and `encrypt` a KMS
/// key, `invoke` a function. A raw resource of one of those types
/// (`AWS::S3::Bucket`, `AWS::SQS::Queue`, `AWS::DynamoDB::Table`,
/// `AWS::SNS::Topic`, `AWS::StepFunctions::StateMachine`,
/// `AWS::Events::EventBus`, `AWS::SSM::Parameter`,
/// `AWS::SecretsManager::Secret`, `AWS::KMS::Key`, `AWS::Lambda::Function`)
/// takes the same verbs as a component of that type. A verb the target does
/// not take is an error at the verb listing the ones it does; a resource
/// no verb applies to (an api, a raw resource of another type) is an error
/// pointing to `statements:`.
///
/// What a verb needs of its target is checked too: `readStream` names a
/// table with a `StreamSpecification` (without one the table has no stream,
/// and its stream ARN does not exist); the ARN of an SSM parameter is built
/// from its `Name` (it has no `Arn` attribute), so a `Name` must start with
/// literal text, which tells whether it is a path (`/app/db-url`).
enum PermissionTargets: SpecRule {
    static let summary = "a permission's verb applies to the resource it names"
    static let codes: [DiagnosticCode] = [.verbNotForTarget, .notAPermissionTarget, .tableWithoutStream, .parameterNameUnknown]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .function(let function) = resource.body else { continue }
            for permission in function.permissions { diagnostics += findings(permission, context.symbols) }
        }
    }

    /// What is wrong with one permission (empty when nothing is; errors all). `PermissionUses` does not judge one in error.
    static func findings(_ permission: Permission, _ symbols: SymbolTable) -> [Diagnostic] {
        // An unknown name is UnknownNames'; a resource that did not decode has no type to check.
        guard let target = symbols.resources[permission.target.text], target.body.kind != nil else { return [] }
        guard let type = target.permissionTarget else { return [.notAPermissionTarget(permission, target)] }
        let verb = permission.verb.value
        guard type.verb(verb.rawValue) != nil else { return [.verbNotForTarget(permission, target, type)] }
        guard case .raw(let raw) = target.body else { return [] }
        var found: [Diagnostic] = []
        if verb == .readStream, raw.property(DynamoDB.streamSpecification) == nil {
            found.append(.tableWithoutStream(permission, target))
        }
        if type.type == "AWS::SSM::Parameter", raw.parameterNameIsPath == nil, let name = raw.property("Name") {
            found.append(.parameterNameUnknown(permission, target, name: name.range))
        }
        return found
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let verbNotForTarget = DiagnosticCode(
        "FW4240", .specChecks, "a permission's verb does not apply to the resource it names")
    package static let notAPermissionTarget = DiagnosticCode(
        "FW4241", .specChecks, "a permission names a resource no permission verb applies to")
    package static let tableWithoutStream = DiagnosticCode(
        "FW4242", .specChecks, "a readStream permission names a table without a stream",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"AWS::DynamoDB::Table\" (StreamSpecification)",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html"))
    package static let parameterNameUnknown = DiagnosticCode(
        "FW4243", .specChecks, "a permission names an SSM parameter whose name does not start with literal text")
}

extension Diagnostic {
    static func verbNotForTarget(_ permission: Permission, _ target: ResourceDecl, _ type: Permissions.Target) -> Diagnostic {
        let verb = permission.verb.value.rawValue
        let takers = Permissions.targets.filter { $0.verb(verb) != nil }.map(\.noun)
        return .error(.verbNotForTarget,
                      "'\(verb)' does not apply to '\(target.name.text)', \(type.noun); \(type.noun) takes \(type.verbNames.joined(separator: ", "))",
                      at: permission.verb.range,
                      notes: [Note("'\(target.name.text)' is declared here", at: target.name.range)],
                      help: ["'\(verb)' applies to \(takers.joined(separator: ", "))"])
    }

    static func notAPermissionTarget(_ permission: Permission, _ target: ResourceDecl) -> Diagnostic {
        let components = [Permissions.bucketType, Permissions.queueType, Permissions.functionType]
        let types = Permissions.targets.map(\.type).filter { !components.contains($0) }
        return .error(.notAPermissionTarget,
                      "no permission verb applies to '\(target.name.text)', which is \(target.described)",
                      at: permission.target.range,
                      notes: [Note("'\(target.name.text)' is declared here", at: target.name.range)],
                      help: ["permissions name a bucket, a queue, a function, or a raw resource of type \(types.joined(separator: ", "))",
                             "for anything else, grant the actions with statements: { actions: [...], resources: [...] }"])
    }

    static func tableWithoutStream(_ permission: Permission, _ target: ResourceDecl) -> Diagnostic {
        .error(.tableWithoutStream,
               "'readStream' needs a stream, but table '\(target.name.text)' has no \(DynamoDB.streamSpecification)",
               at: permission.verb.range,
               notes: [Note("'\(target.name.text)' is declared here", at: target.name.range)],
               help: ["give the table \(DynamoDB.streamSpecification): { StreamViewType: NEW_AND_OLD_IMAGES } (or KEYS_ONLY, NEW_IMAGE, OLD_IMAGE)"])
    }

    static func parameterNameUnknown(_ permission: Permission, _ target: ResourceDecl, name: SourceRange) -> Diagnostic {
        .error(.parameterNameUnknown,
               "the ARN of SSM parameter '\(target.name.text)' is built from its Name, which must start with literal text",
               at: permission.target.range,
               notes: [Note("its Name starts with an interpolation, so whether it is a path ('/…') is not known", at: name)],
               help: ["start the Name with '/' for a path, like '/app/${env}/db-url', or with its first word"])
    }
}
