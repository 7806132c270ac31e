/// The resource attributes `CreationPolicy` and `UpdatePolicy`: which types
/// take each, and what each takes. No resource provider schema says this;
/// CloudFormation documents it per attribute.
///
/// Sources: AWS CloudFormation Template Reference, "CreationPolicy attribute"
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-creationpolicy.html)
/// and "UpdatePolicy attribute"
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatepolicy.html);
/// the shapes as cfn-lint 1.51.0 checks them (rule E3055's schemas, and
/// `data/schemas/other/resources/update_policy.json`).
package enum ResourcePolicies {
    /// What a policy's value, or one of its members, takes.
    package indirect enum Shape: Sendable {
        case boolean
        case integer
        case string
        /// An ISO 8601 duration, `PT#H#M#S`, of at most `maximumSeconds`.
        case duration(maximumSeconds: Int)
        /// A list of these words.
        case words([String])
        /// A mapping of these keys, each with its shape; `required` must be there.
        case object([(key: String, shape: Shape)], required: [String] = [])

        /// The shape of `key` in an object shape.
        package func member(_ key: String) -> Shape? {
            guard case .object(let members, _) = self else { return nil }
            return members.first { $0.key == key }?.shape
        }

        package var keys: [String] {
            guard case .object(let members, _) = self else { return [] }
            return members.map(\.key)
        }
    }

    /// `ResourceSignal`: how many success signals, within what time (at most
    /// 12 hours, `PT12H`).
    static let resourceSignal = Shape.object([("Count", .integer), ("Timeout", .duration(maximumSeconds: 12 * 3600))])

    /// The types that take a `CreationPolicy`, and what each takes.
    package static let creation: [String: Shape] = [
        "AWS::AppStream::Fleet": .object([("StartFleet", .boolean)]),
        "AWS::AutoScaling::AutoScalingGroup": .object([
            ("AutoScalingCreationPolicy", .object([("MinSuccessfulInstancesPercent", .integer)])),
            ("ResourceSignal", resourceSignal),
        ]),
        "AWS::CloudFormation::WaitCondition": .object([("ResourceSignal", resourceSignal)]),
        "AWS::EC2::Instance": .object([("ResourceSignal", resourceSignal)]),
    ]

    /// The Auto Scaling processes a rolling update may suspend.
    static let scalingProcesses = [
        "Launch", "Terminate", "HealthCheck", "ReplaceUnhealthy", "AZRebalance", "AlarmNotification",
        "ScheduledActions", "AddToLoadBalancer", "InstanceRefresh",
    ]

    /// The types that take an `UpdatePolicy`, and what each takes.
    /// `AutoScalingRollingUpdate.PauseTime` is at most one hour (`PT1H`);
    /// `CodeDeployLambdaAliasUpdate` needs its application and deployment group.
    package static let update: [String: Shape] = [
        "AWS::AppStream::Fleet": .object([
            ("StopBeforeUpdate", .object([("Type", .boolean)])),
            ("StartAfterUpdate", .object([("Type", .boolean)])),
        ]),
        "AWS::AutoScaling::AutoScalingGroup": .object([
            ("AutoScalingReplacingUpdate", .object([("WillReplace", .boolean)])),
            ("AutoScalingRollingUpdate", .object([
                ("MaxBatchSize", .integer),
                ("MinActiveInstancesPercent", .integer),
                ("MinInstancesInService", .integer),
                ("MinSuccessfulInstancesPercent", .integer),
                ("PauseTime", .duration(maximumSeconds: 3600)),
                ("SuspendProcesses", .words(scalingProcesses)),
                ("WaitOnResourceSignals", .boolean),
            ])),
            ("AutoScalingScheduledAction", .object([("IgnoreUnmodifiedGroupSizeProperties", .boolean)])),
        ]),
        "AWS::ElastiCache::ReplicationGroup": .object([("UseOnlineResharding", .boolean)]),
        "AWS::Elasticsearch::Domain": .object([("EnableVersionUpgrade", .boolean)]),
        "AWS::OpenSearchService::Domain": .object([("EnableVersionUpgrade", .boolean)]),
        "AWS::Lambda::Alias": .object([
            ("CodeDeployLambdaAliasUpdate", .object([
                ("ApplicationName", .string),
                ("DeploymentGroupName", .string),
                ("BeforeAllowTrafficHook", .string),
                ("AfterAllowTrafficHook", .string),
            ], required: ["ApplicationName", "DeploymentGroupName"])),
        ]),
    ]

    /// The seconds an ISO 8601 duration of the form CloudFormation takes
    /// here (`PT#H#M#S`, each part optional, at least one) stands for; nil
    /// for any other text.
    package static func seconds(ofDuration text: String) -> Int? {
        guard text.hasPrefix("PT"), text.count > 2 else { return nil }
        var total = 0
        var digits = ""
        var units: [Character] = []
        for character in text.dropFirst(2) {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let order: [Character] = ["H", "M", "S"]
            // Each unit once, in order, after digits.
            guard let rank = order.firstIndex(of: character), !digits.isEmpty, digits.count <= 9,
                  units.allSatisfy({ order.firstIndex(of: $0)! < rank }), let n = Int(digits)
            else { return nil }
            total += n * [3600, 60, 1][rank]
            units.append(character)
            digits = ""
        }
        return digits.isEmpty ? total : nil
    }
}
