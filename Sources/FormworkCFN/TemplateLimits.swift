/// CloudFormation's template quotas (AWS CloudFormation User Guide,
/// "Understand CloudFormation quotas").
package enum TemplateQuotas {
    package static let resources = 500
    package static let parameters = 200
    package static let outputs = 200
    package static let descriptionBytes = 1024
    package static let logicalIdLength = 255
    /// A template body uploaded through S3; a body passed inline may be only 51,200 bytes.
    package static let templateBodyBytes = 1_048_576
}
