import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `retain: snapshot` asks CloudFormation to snapshot the resource before it
/// deletes or replaces it, which only some types can do (`DeletionPolicies.snapshot`:
/// RDS, DocumentDB, Neptune, Redshift, ElastiCache, EC2 volumes). On any
/// other type CloudFormation refuses the template: an error at the value.
enum SnapshotRetention: SpecRule {
    static let summary = "retain: snapshot stands only on a type that can be snapshotted"
    static let codes: [DiagnosticCode] = [.snapshotUnsupported]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard let retain = resource.retain, retain.value == .snapshot else { continue }
            let type: String
            switch resource.body {
            case .raw(let raw): type = raw.type.value
            case .bucket: type = "AWS::S3::Bucket"
            case .function: type = "AWS::Lambda::Function"
            case .queue: type = "AWS::SQS::Queue"
            case .api: type = "AWS::ApiGateway::RestApi"
            case .undecodable: continue
            }
            guard !DeletionPolicies.snapshot.contains(type) else { continue }
            diagnostics.append(.snapshotUnsupported(type, at: retain.range))
        }
    }
}

extension DiagnosticCode {
    package static let snapshotUnsupported = DiagnosticCode(
        "FW4033", .specChecks, "retain: snapshot on a type that cannot be snapshotted",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"DeletionPolicy attribute\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html"))
}

extension Diagnostic {
    static func snapshotUnsupported(_ type: String, at range: SourceRange) -> Diagnostic {
        .error(.snapshotUnsupported, "\(type) cannot be snapshotted", at: range,
               fixIts: [FixIt("keep it instead: retain: true", replacing: range, with: "true")],
               help: ["snapshots are taken of \(DeletionPolicies.snapshot.sorted().joined(separator: ", "))"])
    }
}
