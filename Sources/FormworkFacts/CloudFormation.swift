/// CloudFormation's own facts: the template format, its quotas, the form of a
/// logical ID, the condition functions, the pseudo parameters and the YAML
/// short forms. What each resource type takes is in `ResourceSchemas`.
package enum CloudFormation {
    /// `AWSTemplateFormatVersion`; the only version there is.
    /// Source: AWS CloudFormation User Guide, "Format version".
    package static let templateFormatVersion = "2010-09-09"

    /// Source: AWS CloudFormation User Guide, "Understand CloudFormation quotas".
    package enum Quotas {
        package static let resources = 500
        package static let parameters = 200
        package static let outputs = 200
        package static let descriptionBytes = 1024
        /// A template body uploaded through S3 (`TemplateURL`).
        package static let templateBodyBytes = 1_048_576
        /// A template body passed inline (`TemplateBody`, `--template-body`).
        package static let inlineTemplateBodyBytes = 51_200
        /// Mappings in one template.
        package static let mappings = 200
        /// "Mapping attributes for each mapping"; cfn-lint 1.51.0's schema of
        /// the section (`data/schemas/other/mappings`) holds both levels of a
        /// mapping to it: at most 200 top-level keys, and 200 names under each.
        package static let mappingAttributes = 200
        /// "Mapping name and mapping attribute name": each key of a mapping.
        package static let mappingKeyLength = 255
    }

    /// The characters of a mapping's keys, as cfn-lint 1.51.0's schema of
    /// the `Mappings` section has them (`data/schemas/other/mappings`): a
    /// top-level key `[A-Za-z0-9.-]+` (region names, `t3.micro`), a
    /// second-level key `[A-Za-z0-9]+`.
    /// Source: AWS CloudFormation User Guide, "CloudFormation template Mappings syntax".
    package enum MappingKeys {
        package static func isValidTopLevel(_ key: String) -> Bool {
            !key.isEmpty && key.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "." || $0 == "-" }
        }

        package static func isValidSecondLevel(_ key: String) -> Bool {
            !key.isEmpty && key.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric }
        }
    }

    /// A logical ID is alphanumeric (`A-Za-z0-9`) and 1 to 255 characters.
    /// Source: AWS CloudFormation User Guide, "Resources" section (logical ID)
    /// and "Understand CloudFormation quotas" (resource name length).
    /// A parameter's `MinLength` and `MaxLength`: a value is at most 4,096 bytes.
    /// Source: AWS CloudFormation User Guide, "Parameters" (MaxLength; CloudFormation quotas,
    /// parameter value 4,096 bytes); cfn-lint 1.51.0's parameter schema (MaxLength maximum 4096).
    package static let parameterLengthRange = 0...4096

    package enum LogicalId {
        package static let maxLength = 255

        package static func isValid(_ id: String) -> Bool {
            !id.isEmpty && id.utf8.count <= maxLength && id.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric }
        }
    }

    /// `Fn::And` and `Fn::Or` take 2 to 10 conditions.
    /// Source: AWS CloudFormation User Guide, "Condition functions".
    package static let maxConditionOperands = 10

    /// The pseudo parameters a spec reaches as `${aws.<name>}`, by that name.
    /// Source: AWS CloudFormation User Guide, "Get AWS values using pseudo
    /// parameters" (`AWS::NoValue` and `AWS::NotificationARNs` are not offered).
    package static let pseudoParameters: [String: String] = [
        "region": "AWS::Region",
        "accountId": "AWS::AccountId",
        "partition": "AWS::Partition",
        "stackName": "AWS::StackName",
        "stackId": "AWS::StackId",
        "urlSuffix": "AWS::URLSuffix",
    ]

    /// What Formwork writes for the CloudFormation pseudo parameter `name`
    /// (`AWS::Region` → `aws.region`), nil for one it has no name for.
    package static func formworkPseudoParameter(_ name: String) -> String? {
        pseudoParameters.first { $0.value.lowercased() == name.lowercased() }.map { "aws.\($0.key)" }
    }

    /// `AWS::AccountId` is 12 digits.
    /// Source: AWS Account Management Reference Guide, "View AWS account identifiers".
    package static let accountIdLength = 12

    /// The longest value `AWS::Region` takes (15 characters); `ap-southeast-7`,
    /// `cn-northwest-1` and `eusc-de-east-1` have 14.
    /// Source: botocore `data/endpoints.json` (1.43.11).
    package static let longestRegionName = "us-isof-south-1"

    /// The YAML short forms of the intrinsic functions and of `Condition`.
    /// Source: AWS CloudFormation User Guide, "Intrinsic function reference"
    /// (the short form of each function) and "Condition functions".
    package static let shortFormTags = [
        "!Ref", "!Sub", "!GetAtt", "!If", "!Join", "!Select", "!Split", "!FindInMap", "!ImportValue", "!Base64", "!Cidr",
        "!GetAZs", "!Equals", "!Not", "!And", "!Or", "!Condition",
    ]
}
