/// The parameter types CloudFormation takes besides `String`, `Number` and
/// `CommaDelimitedList`: the AWS-specific types, whose values CloudFormation
/// checks against the account's resources before it creates or updates the
/// stack, and the Systems Manager types, whose value is the name of an SSM
/// parameter CloudFormation reads.
///
/// Source: AWS CloudFormation User Guide, "Specify existing resources at
/// runtime with CloudFormation-supplied parameter types"
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html);
/// the same lists as cfn-lint 1.51.0 keeps them (`cfnlint.helpers`,
/// `VALID_PARAMETER_TYPES_SINGLE` and `VALID_PARAMETER_TYPES_LIST`).
package enum ParameterTypes {
    /// The AWS-specific types of one value.
    static let awsSingle = [
        "AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id",
        "AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id",
        "AWS::EC2::Subnet::Id", "AWS::EC2::VPC::Id", "AWS::EC2::Volume::Id", "AWS::Route53::HostedZone::Id",
    ]

    /// The AWS-specific types that `List<…>` takes (every single one but `KeyPair::KeyName`).
    static let awsListable = awsSingle.filter { $0 != "AWS::EC2::KeyPair::KeyName" }

    /// Every type of one value (not a list) Formwork writes as is.
    static let single: [String] = awsSingle + ["AWS::SSM::Parameter::Name"]
        + (["String", "Number"] + awsSingle + ["AWS::SSM::Parameter::Name"]).map { "AWS::SSM::Parameter::Value<\($0)>" }

    /// Every list type (its value a list, `Ref` of it a list of strings) Formwork writes as is.
    static let list: [String] = ["List<Number>", "List<String>"] + awsListable.map { "List<\($0)>" }
        + (["CommaDelimitedList", "List<Number>", "List<String>"] + awsListable.map { "List<\($0)>" })
        .map { "AWS::SSM::Parameter::Value<\($0)>" }

    /// Every type a spec may write as a CloudFormation type name, in the order messages list them.
    package static let all: [String] = single + list

    private static let listSet = Set(list)
    private static let allSet = Set(all)

    package static func isKnown(_ type: String) -> Bool { allSet.contains(type) }

    /// Whether `Ref` of a parameter of this type is a list.
    package static func isList(_ type: String) -> Bool { listSet.contains(type) }

    /// Whether the parameter's value is the name of an SSM parameter (its
    /// `Default` a name, whatever the type of the value it names).
    package static func isSSMValue(_ type: String) -> Bool { type.hasPrefix("AWS::SSM::Parameter::Value<") }
}
