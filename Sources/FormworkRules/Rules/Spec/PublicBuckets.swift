import FormworkDiagnostics
import FormworkSpec

/// A bucket with `publicAccess: allowed` (its own or `defaults.bucket`'s)
/// turns Block Public Access off for bucket policies (public ACLs stay
/// blocked): a bucket policy can then make its objects readable by anyone. That is sometimes meant (a website's
/// assets), never by accident: a warning at the value (at the bucket's
/// name, with a note at the default, when it comes from `defaults.bucket`), silenced by a
/// waiver that says why the bucket is public (`{rule: FW4310, reason: ...}`),
/// which is the written reason.
enum PublicBuckets: SpecRule {
    static let summary = "a public bucket says why it is public"
    static let codes: [DiagnosticCode] = [.publicBucket]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .bucket(let bucket) = resource.body, bucket.publicAccess.value == .allowed,
                  bucket.publicAccess.provenance != .builtIn else { continue }
            diagnostics.append(.publicBucket(resource.name, bucket.publicAccess))
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let publicBucket = DiagnosticCode(
        "FW4310", .specChecks, "a bucket allows public access without a written reason",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"Blocking public access to your Amazon S3 storage\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"))
}

extension Diagnostic {
    static func publicBucket(_ name: Name, _ value: Located<PublicAccess>) -> Diagnostic {
        // From defaults.bucket: at the bucket (where its waiver is), with a note at the default.
        let fromDefaults = value.provenance == .defaults
        let whence = fromDefaults ? " (from defaults.bucket)" : ""
        return .warning(.publicBucket,
                        "bucket '\(name.text)' allows public access\(whence): a bucket policy can make its objects readable by anyone",
                        at: fromDefaults ? name.range : value.range,
                        notes: fromDefaults ? [Note("'publicAccess: allowed' is set for every bucket here", at: value.range)] : [],
                        help: ["if it is meant, add to '\(name.text)' a waiver saying why it is public: "
                            + "'waivers: [{rule: FW4310, reason: ...}]'; otherwise remove 'publicAccess: allowed'"])
    }
}
