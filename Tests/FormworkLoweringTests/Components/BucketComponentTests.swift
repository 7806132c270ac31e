import FormworkCFN
import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkLowering
@testable import FormworkRules

@Suite struct BucketComponentTests {
    /// A spec with bucket `uploads`, whose body lines are `body`, and `extra` resources.
    func spec(_ body: String, extra: String = "") -> MarkedText {
        MarkedText("""
        formwork: 1
        stack: media
        parameters:
          env: { type: string, default: dev }
        resources:
          uploads:
            kind: bucket
        \(body)
        \(extra)
        """)
    }

    func bucket(_ body: String, extra: String = "") throws -> (Resource, [Diagnostic]) {
        try bucket(in: spec(body, extra: extra))
    }

    func bucket(in spec: MarkedText) throws -> (Resource, [Diagnostic]) {
        let (template, diagnostics) = Pipeline.compile(spec.text)
        let resource = try #require(template?.resource("Uploads"))
        // The fixture declares `env` for the tests that use it.
        return (resource, diagnostics.without(.unusedParameter))
    }

    @Test func builtInDefaultsAreVersionedBlockedAndSSES3() throws {
        let (resource, diagnostics) = try bucket("")
        #expect(diagnostics.isEmpty)
        #expect(resource.type == "AWS::S3::Bucket")
        #expect(resource.deletionPolicy == "Delete" && resource.updateReplacePolicy == "Delete")
        let p = resource.properties
        // Without a `name`, the generated one (BucketNaming), trigger or none.
        #expect(p["BucketName"]?.compactJSON == #"{"Fn::Sub": "media-uploads-${AWS::AccountId}-${AWS::Region}"}"#)
        #expect(p["VersioningConfiguration"]?["Status"]?.kind == .string("Enabled"))
        let block = try #require(p["PublicAccessBlockConfiguration"])
        for flag in ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"] {
            #expect(block[flag]?.kind == .bool(true), "\(flag)")
        }
        let rule = try #require(p["BucketEncryption"]?["ServerSideEncryptionConfiguration"]?.items.first)
        #expect(rule["ServerSideEncryptionByDefault"]?["SSEAlgorithm"]?.kind == .string("AES256"))
        #expect(rule["BucketKeyEnabled"] == nil)
    }

    @Test func versioningOffIsSuspendedAndAllowedTurnsThePolicyFlagsOff() throws {
        let (resource, _) = try bucket("""
            versioning: false
            publicAccess: allowed
            encryption: kms
            retain: true
        """)
        let p = resource.properties
        #expect(p["VersioningConfiguration"]?["Status"]?.kind == .string("Suspended"))
        // A bucket policy makes it public; public ACLs stay blocked (a new bucket's ACLs are disabled anyway).
        for (flag, value) in [("BlockPublicAcls", true), ("BlockPublicPolicy", false), ("IgnorePublicAcls", true), ("RestrictPublicBuckets", false)] {
            #expect(p["PublicAccessBlockConfiguration"]?[flag]?.kind == .bool(value), "\(flag)")
        }
        let rule = try #require(p["BucketEncryption"]?["ServerSideEncryptionConfiguration"]?.items.first)
        let byDefault = try #require(rule["ServerSideEncryptionByDefault"])
        #expect(byDefault["SSEAlgorithm"]?.kind == .string("aws:kms"))
        #expect(byDefault["KMSMasterKeyID"] == nil)
        #expect(rule["BucketKeyEnabled"]?.kind == .bool(true))
        #expect(resource.deletionPolicy == "Retain" && resource.updateReplacePolicy == "Retain")
    }

    @Test func lifecycleRulesBecomeEnabledRulesWithAPrefix() throws {
        let text = spec("""
            lifecycle:
              - id: archive
                prefix: incoming/
                transitions:
                  - { days: 30, storageClass: STANDARD_IA }
                expiration: { days: ⟨expiration⟩365 }
                noncurrentTransitions:
                  - { days: 10, storageClass: GLACIER }
                noncurrentExpiration: { days: 30 }
                abortIncompleteUploads: { days: 7 }
        """)
        let (resource, diagnostics) = try bucket(in: text)
        #expect(diagnostics.isEmpty)
        let rule = try #require(resource.properties["LifecycleConfiguration"]?["Rules"]?.items.first)
        #expect(rule["Id"]?.kind == .string("archive"))
        #expect(rule["Status"]?.kind == .string("Enabled"))
        #expect(rule["Prefix"]?.kind == .string("incoming/"))
        #expect(rule["Filter"] == nil)
        #expect(rule["Transitions"]?.items.first?["StorageClass"]?.kind == .string("STANDARD_IA"))
        #expect(rule["Transitions"]?.items.first?["TransitionInDays"]?.kind == .number("30"))
        #expect(rule["ExpirationInDays"]?.kind == .number("365"))
        #expect(rule["NoncurrentVersionTransitions"]?.items.first?["TransitionInDays"]?.kind == .number("10"))
        #expect(rule["NoncurrentVersionExpiration"]?["NoncurrentDays"]?.kind == .number("30"))
        #expect(rule["AbortIncompleteMultipartUpload"]?["DaysAfterInitiation"]?.kind == .number("7"))
        // Generated values point at the spec line that caused them.
        #expect(rule["ExpirationInDays"]?.origin?.start == text.location("expiration"))
    }

    @Test func invalidLifecycleRulesAreNotEmitted() throws {
        let (template, diagnostics) = Pipeline.compile(spec("""
            lifecycle:
              - id: archive
                transitions:
                  - { days: 1, storageClass: STANDARD_IA }
        """).text)
        #expect(diagnostics.without(.unusedParameter).map(\.code) == [.transitionTooEarly])
        #expect(template == nil)
    }

    @Test func anInterpolatedNameIsItsBucketName() throws {
        let (resource, diagnostics) = try bucket("    name: media-${env}")
        #expect(diagnostics.isEmpty)
        #expect(resource.properties["BucketName"]?["Fn::Sub"]?.kind == .string("media-${Env}"))
    }

    @Test func aTriggeredBucketWithoutANameGetsTheGeneratedName() throws {
        let (resource, _) = try bucket("", extra: """
          processor:
            kind: function
            handler: index.handler
            runtime: nodejs22.x
            code: { inline: "exports.handler = async () => {}" }
            triggers:
              - s3: { bucket: uploads, events: ["s3:ObjectCreated:*"] }
        """)
        #expect(resource.properties["BucketName"]?["Fn::Sub"]?.kind == .string("media-uploads-${AWS::AccountId}-${AWS::Region}"))
    }
}
