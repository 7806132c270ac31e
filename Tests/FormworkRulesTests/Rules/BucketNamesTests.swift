import FormworkDiagnostics
import FormworkTestSupport
import Testing
@testable import FormworkRules

/// FW5100–FW5102 (BucketNames): an explicit bucket name against S3's naming rules.
@Suite struct BucketNamesTests {
    /// A spec with bucket `uploads` named `name`, and a parameter `env` for interpolated names.
    func spec(name: String) -> MarkedText {
        MarkedText("""
            formwork: 1
            stack: media
            parameters:
              env: { type: string, default: dev }
            resources:
              uploads:
                kind: bucket
                name: ⟨name⟩\(name)
              logs: { kind: bucket, name: "logs-${env}" }
            """)
    }

    @Test(arguments: [
        ("media-uploads", [String]()),
        ("a.b-c1", []),
        ("ab", ["FW5100"]),
        ("My_Bucket", ["FW5101"]),
        ("-bucket", ["FW5101"]),
        ("bucket.", ["FW5101"]),
        ("a..b", ["FW5101"]),
        ("10.0.0.1", ["FW5102"]),
        ("xn--bucket", ["FW5102"]),
        ("sthree-bucket", ["FW5102"]),
        ("amzn-s3-demo-bucket", ["FW5102"]),
        ("bucket-s3alias", ["FW5102"]),
        ("bucket--ol-s3", ["FW5102"]),
        ("bucket.mrap", ["FW5102"]),
        ("bucket--x-s3", ["FW5102"]),
        ("bucket--table-s3", ["FW5102"]),
        ("\"${env}\"", []),
        ("\"${env}-\"", ["FW5101"]),
        ("Media-${env}", ["FW5101"]),
        ("x${env}", []),
    ])
    func explicitNamesAreCheckedAsFarAsTheirTextShows(name: String, codes: [String]) {
        let text = spec(name: name)
        let (template, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == codes.map { "\($0)@name" }, "\(name)")
        #expect((template == nil) == !codes.isEmpty)
    }

    @Test func anInterpolatedNameIsCheckedOnlyForWhatItsLiteralTextShows() {
        let long = String(repeating: "a", count: 63)
        let text = spec(name: "\(long)-${env}")
        #expect(text.findings(Pipeline.compile(text.text).diagnostics) == ["FW5100@name"])
        #expect(Pipeline.compile(spec(name: "ab-${env}").text).diagnostics.isEmpty)
    }

    @Test func aLiteralNameWithBadCharactersIsFixedWhenTheFixIsValid() throws {
        let text = spec(name: "Media_Uploads")
        let diagnostic = try #require(Pipeline.compile(text.text).diagnostics.only)
        #expect(diagnostic.message == "bucket name 'Media_Uploads' has 'M', '_', 'U'; S3 allows lowercase letters, digits, hyphens and periods")
        #expect(diagnostic.fixIts.map(\.message) == ["write 'media-uploads'"])
        let unfixable = try #require(Pipeline.compile(spec(name: "_x_").text).diagnostics.with(.bucketNameCharacters).first)
        #expect(unfixable.fixIts.isEmpty && !unfixable.help.isEmpty)
    }

    @Test func aOneCharacterNameIsReportedOncePerProblem() {
        let text = spec(name: "\"-\"")
        #expect(text.findings(Pipeline.compile(text.text).diagnostics) == ["FW5100@name", "FW5101@name"])
    }

    @Test func codesAreDistinctAndInTheirRange() {
        let codes = BucketNames.codes.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0 >= "FW5100" && $0 <= "FW5149" })
    }
}
