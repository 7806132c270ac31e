import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A bucket's explicit `name` follows S3's "General purpose bucket naming
/// rules", as far as its literal text shows: all of them for a literal name
/// (3 to 63 characters; lowercase letters, digits, hyphens and periods; a
/// letter or digit at each end; no two periods in a row; not an IP address;
/// no prefix or suffix S3 reserves); for an interpolated one, the characters
/// of its literal parts, its start and end where they are literal, and its
/// literal length. S3 would refuse the name only when the stack is
/// deployed. A name Formwork generates (`BucketNaming`) is valid by
/// construction and not checked here.
enum BucketNames: SpecRule {
    static let summary = "a bucket's name follows S3's naming rules"
    static let codes: [DiagnosticCode] = [.bucketNameLength, .bucketNameCharacters, .bucketNameReserved]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .bucket(let bucket) = resource.body, let name = bucket.name, name.interpolated.isWhole else { continue }
            diagnostics += check(name)
        }
    }

    /// The diagnostics of one explicit name (empty when it is valid as far as it shows).
    static func check(_ name: StringValue) -> [Diagnostic] {
        var literals: [String] = []
        for segment in name.interpolated.segments {
            switch segment {
            case .literal(let text): literals.append(text)
            case .expression(let expression): literals.append(expression.literalText ?? "")  // "": unknown until deploy time
            }
        }
        let isLiteral = !name.interpolated.hasExpressions
        let text = literals.joined()
        let startsLiteral = isLiteral || literals.first.map { !$0.isEmpty } == true
        let endsLiteral = isLiteral || literals.last.map { !$0.isEmpty } == true
        let shown = name.text
        var diagnostics: [Diagnostic] = []

        let length = text.unicodeScalars.count
        let lengths = S3.bucketNameLengthRange
        if isLiteral ? !lengths.contains(length) : length > lengths.upperBound {
            diagnostics.append(.bucketNameLength(shown, length: length, literal: isLiteral, at: name.range))
        }
        var bad: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars where !S3.isBucketNameCharacter(scalar) && !bad.contains(scalar) { bad.append(scalar) }
        if !bad.isEmpty {
            diagnostics.append(.bucketNameCharacters(shown, bad: bad, fix: isLiteral ? repaired(text) : nil, at: name.range))
        }
        // A character S3 allows nowhere was reported above; a hyphen or period is wrong only at the ends.
        var startReported = false
        if startsLiteral, let first = text.unicodeScalars.first, S3.isBucketNameCharacter(first), !S3.isBucketNameEdgeCharacter(first) {
            diagnostics.append(.bucketNameEnds(shown, "start", first, at: name.range))
            startReported = true
        }
        // A one-character name ("-") is reported once.
        if endsLiteral, !(startReported && isLiteral && length == 1),
           let last = text.unicodeScalars.last, S3.isBucketNameCharacter(last), !S3.isBucketNameEdgeCharacter(last) {
            diagnostics.append(.bucketNameEnds(shown, "end", last, at: name.range))
        }
        if literals.contains(where: { $0.contains("..") }) {
            diagnostics.append(.bucketNameAdjacentPeriods(shown, at: name.range))
        }
        if isLiteral, isIPAddress(text) {
            diagnostics.append(.bucketNameReserved(shown, "is formatted as an IP address", at: name.range))
        }
        if startsLiteral, let prefix = S3.reservedBucketNamePrefixes.first(where: { (literals.first ?? "").hasPrefix($0) }) {
            diagnostics.append(.bucketNameReserved(shown, "starts with '\(prefix)', which S3 reserves", at: name.range))
        }
        if endsLiteral, let suffix = S3.reservedBucketNameSuffixes.first(where: { (literals.last ?? "").hasSuffix($0) }) {
            diagnostics.append(.bucketNameReserved(shown, "ends with '\(suffix)', which S3 reserves", at: name.range))
        }
        return diagnostics
    }

    /// Four dot-separated groups of 1–3 digits.
    static func isIPAddress(_ text: String) -> Bool {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        return groups.count == 4 && groups.allSatisfy { group in
            (1...3).contains(group.count) && group.unicodeScalars.allSatisfy { $0.isASCIIDigit }
        }
    }

    /// The name lower-cased with other characters as hyphens, when that is a valid name.
    private static func repaired(_ text: String) -> String? {
        var out = ""
        for scalar in text.lowercased().unicodeScalars { out.unicodeScalars.append(S3.isBucketNameCharacter(scalar) ? scalar : "-") }
        guard let first = out.unicodeScalars.first, let last = out.unicodeScalars.last,
              S3.isBucketNameEdgeCharacter(first), S3.isBucketNameEdgeCharacter(last), !out.contains("..") else { return nil }
        return out
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let bucketNameLength = DiagnosticCode(
        "FW5100", .specChecks, "a bucket name is shorter than 3 or longer than 63 characters",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"General purpose bucket naming rules\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"))
    package static let bucketNameCharacters = DiagnosticCode(
        "FW5101", .specChecks, "a bucket name has characters or a form S3 does not allow",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"General purpose bucket naming rules\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"))
    package static let bucketNameReserved = DiagnosticCode(
        "FW5102", .specChecks, "a bucket name is an IP address or uses a prefix or suffix S3 reserves",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"General purpose bucket naming rules\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"))
}

extension Diagnostic {
    static func bucketNameLength(_ name: String, length: Int, literal: Bool, at range: SourceRange) -> Diagnostic {
        let what = literal ? "is \(length) characters" : "has \(length) characters before its ${...} values are added"
        let lengths = S3.bucketNameLengthRange
        return .error(.bucketNameLength, "bucket name '\(name)' \(what); S3 allows \(lengths.lowerBound) to \(lengths.upperBound)", at: range,
                      help: ["use a name of \(lengths.lowerBound) to \(lengths.upperBound) characters"])
    }

    static func bucketNameCharacters(_ name: String, bad: [Unicode.Scalar], fix: String?, at range: SourceRange) -> Diagnostic {
        let list = bad.map { "'\($0)'" }.joined(separator: ", ")
        let message = "bucket name '\(name)' has \(list); S3 allows lowercase letters, digits, hyphens and periods"
        guard let fix else {
            return .error(.bucketNameCharacters, message, at: range, help: ["use only lowercase letters, digits, hyphens and periods"])
        }
        return .error(.bucketNameCharacters, message, at: range, fixIts: [FixIt("write '\(fix)'", replacing: range, with: fix)])
    }

    static func bucketNameEnds(_ name: String, _ end: String, _ c: Unicode.Scalar, at range: SourceRange) -> Diagnostic {
        .error(.bucketNameCharacters, "bucket name '\(name)' must \(end) with a letter or digit, not '\(c)'", at: range,
               help: ["remove the '\(c)' at its \(end)"])
    }

    static func bucketNameAdjacentPeriods(_ name: String, at range: SourceRange) -> Diagnostic {
        .error(.bucketNameCharacters, "bucket name '\(name)' has two periods in a row", at: range,
               help: ["write one period, or a hyphen, between its parts"])
    }

    static func bucketNameReserved(_ name: String, _ problem: String, at range: SourceRange) -> Diagnostic {
        .error(.bucketNameReserved, "bucket name '\(name)' \(problem)", at: range,
               help: ["choose another name"])
    }
}
