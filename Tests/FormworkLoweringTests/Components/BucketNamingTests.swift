import FormworkFacts
import FormworkSpec
import FormworkTestSupport
import Testing
@testable import FormworkLowering
@testable import FormworkRules

@Suite struct BucketNamingTests {
    /// The name S3 would see with the longest account and region the scheme allows.
    func worstCase(_ format: String) -> String {
        format.replacingAll("${AWS::AccountId}", with: String(repeating: "9", count: CloudFormation.accountIdLength))
            .replacingAll("${AWS::Region}", with: String(repeating: "r", count: BucketNaming.maxRegionLength))
    }

    /// S3's general purpose rules, for names made only of letters, digits and hyphens.
    func isValidBucketName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard (3...63).contains(scalars.count), let first = scalars.first, let last = scalars.last else { return false }
        return scalars.allSatisfy(S3.isBucketNameCharacter) && S3.isBucketNameEdgeCharacter(first)
            && S3.isBucketNameEdgeCharacter(last) && !name.contains("..")
            && !S3.reservedBucketNamePrefixes.contains(where: name.hasPrefix)
            && !S3.reservedBucketNameSuffixes.contains(where: name.hasSuffix)
    }

    @Test func aShortNameIsStackThenLogicalIdThenAccountAndRegion() {
        #expect(BucketNaming.generatedFormat(stack: "media-pipeline", logicalId: "Uploads")
            == "media-pipeline-uploads-${AWS::AccountId}-${AWS::Region}")
    }

    @Test func theBudgetLeavesRoomForAccountAndLongestRegion() {
        #expect(BucketNaming.compileTimeBudget == 33)
        #expect(BucketNaming.maxRegionLength >= "us-isof-south-1".count)
        #expect(BucketNaming.maxRegionLength >= "ap-southeast-7".count)
    }

    @Test(arguments: [
        ("media-pipeline", "Uploads"),
        (String(repeating: "a", count: 64), "Uploads"),
        ("media", String(repeating: "B", count: 60)),
        ("media-pipeline-ingestion-prod", "RawVideoUploadsFromPartners"),
        ("demo-", "Uploads"),
        ("a--b", "X"),
        ("sthree-tools", "Uploads"),
        ("amzn-s3-demo-stack", "Uploads"),
        ("xn--stack", "Uploads"),
    ])
    func everyGeneratedNameIsValidInEveryRegion(stack: String, logicalId: String) {
        let name = worstCase(BucketNaming.generatedFormat(stack: stack, logicalId: logicalId))
        #expect(name.count <= 63, "\(name)")
        #expect(isValidBucketName(name), "\(name)")
        #expect(!name.contains("--"), "\(name)")
    }

    @Test func aShortenedNameKeepsItsStartAndEndsInAHash() {
        let stack = "media-pipeline-ingestion-prod"
        let part = BucketNaming.compileTimePart(stack: stack, logicalId: "RawVideoUploadsFromPartners")
        #expect(part.count <= BucketNaming.compileTimeBudget)
        #expect(part.hasPrefix("media-pipeline-ingestion"))
        let hash = StableHash.hex("media-pipeline-ingestion-prod-rawvideouploadsfrompartners", length: 8)
        #expect(part.hasSuffix("-" + hash))
    }

    @Test func namesAreDeterministicAndLongNamesStayApart() {
        let a = BucketNaming.compileTimePart(stack: "media-pipeline-ingestion-prod", logicalId: "RawVideoUploadsA")
        let b = BucketNaming.compileTimePart(stack: "media-pipeline-ingestion-prod", logicalId: "RawVideoUploadsB")
        #expect(a == BucketNaming.compileTimePart(stack: "media-pipeline-ingestion-prod", logicalId: "RawVideoUploadsA"))
        #expect(a != b)
    }

    @Test func aReservedPrefixIsAvoided() {
        #expect(BucketNaming.compileTimePart(stack: "sthree-tools", logicalId: "Uploads") == "fw-sthree-tools-uploads")
    }

    static let triggered = """
    formwork: 1
    stack: media
    parameters:
      env: { type: string, default: dev }
      fallbackName: { type: string, optional: true }
    resources:
      uploads:
        kind: bucket
      named:
        kind: bucket
        name: media-named-${env}
      guarded:
        kind: bucket
        name: ${fallbackName ?? 'media-default'}
      plain:
        kind: bucket
      processor:
        kind: function
        handler: index.handler
        runtime: nodejs22.x
        code: { inline: "exports.handler = async () => {}" }
        triggers:
          - s3: { bucket: uploads, events: ["s3:ObjectCreated:*"] }
          - s3: { bucket: named, events: ["s3:ObjectCreated:*"] }
    """

    func attributes(_ text: String = triggered) throws -> Attributes {
        let spec = try #require(Pipeline.decode(text).spec)
        return Attributes(spec, symbols: SymbolTable(spec))
    }

    @Test func everyBucketWithoutANameGetsAGeneratedNameTriggeredOrNot() throws {
        #expect(try attributes().generatedBucketNames == [
            "uploads": "media-uploads-${AWS::AccountId}-${AWS::Region}",
            "plain": "media-plain-${AWS::AccountId}-${AWS::Region}",
        ])
    }

    /// Adding an s3 trigger to a deployed bucket, or removing one, must not
    /// change its BucketName: CloudFormation would replace the bucket.
    @Test func addingOrRemovingATriggerKeepsTheBucketName() throws {
        let bucket = """
        formwork: 1
        stack: media
        resources:
          uploads:
            kind: bucket
          processor:
            kind: function
            handler: index.handler
            runtime: nodejs22.x
            code: { inline: "exports.handler = async () => {}" }

        """
        let without = try #require(Pipeline.compile(bucket).template)
        let with = try #require(Pipeline.compile(bucket + """
                triggers:
                  - s3: { bucket: uploads }
            """).template)
        let name = without.resource("Uploads")?.properties["BucketName"]?.compactJSON
        #expect(name == #"{"Fn::Sub": "media-uploads-${AWS::AccountId}-${AWS::Region}"}"#)
        #expect(with.resource("Uploads")?.properties["BucketName"]?.compactJSON == name)
        #expect(with.resource("Uploads")?.properties["NotificationConfiguration"] != nil)
    }

    @Test func theArnOfANamedBucketIsBuiltFromItsNameNotFromARef() throws {
        let attributes = try attributes()
        let symbols = attributes.symbols
        func arn(_ name: String) -> AttributeValue? { attributes.table(of: symbols.resources[name]!)?["arn"] }
        #expect(arn("uploads") == .sub("arn:${AWS::Partition}:s3:::media-uploads-${AWS::AccountId}-${AWS::Region}"))
        #expect(arn("named") == .sub("arn:${AWS::Partition}:s3:::media-named-${Env}"))
        // A name with a fallback cannot stand inside Fn::Sub; a bucket without a name has its generated one.
        #expect(arn("guarded") == .sub("arn:${AWS::Partition}:s3:::${Guarded}"))
        #expect(arn("plain") == .sub("arn:${AWS::Partition}:s3:::media-plain-${AWS::AccountId}-${AWS::Region}"))
        // A triggered bucket's name is the name itself (its users must not wait for it); others keep Ref.
        #expect(attributes.table(of: symbols.resources["uploads"]!)?["name"]
            == .sub("media-uploads-${AWS::AccountId}-${AWS::Region}"))
        #expect(attributes.table(of: symbols.resources["named"]!)?["name"] == .sub("media-named-${Env}"))
        #expect(attributes.table(of: symbols.resources["plain"]!)?["name"] == .ref("Plain"))
    }

    @Test func aNameBuiltFromItsOwnArnDoesNotLoop() throws {
        let attributes = try attributes("""
        formwork: 1
        stack: demo
        resources:
          odd:
            kind: bucket
            name: x-${odd.arn}
        """)
        let symbols = attributes.symbols
        #expect(attributes.table(of: symbols.resources["odd"]!)?["arn"] == .sub("arn:${AWS::Partition}:s3:::${Odd}"))
    }

    @Test func aLiteralNameEscapesDollarBraces() throws {
        let attributes = try attributes("""
        formwork: 1
        stack: demo
        resources:
          odd:
            kind: bucket
            name: x-$${y}
        """)
        #expect(attributes.bucketNameFormat(attributes.symbols.resources["odd"]!) == "x-${!y}")
    }
}
