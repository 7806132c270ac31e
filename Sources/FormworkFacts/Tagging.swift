/// The limits on tags that hold across AWS services.
/// Source: Tagging AWS Resources user guide, "Tag naming limits and requirements".
package enum Tagging {
    /// User tags one resource may carry (most AWS services: 50).
    package static let maxTagsPerResource = 50
    /// A key is 1 to 128 Unicode characters.
    package static let keyLengthRange = 1...128
    /// A value is at most 256 Unicode characters.
    package static let maxValueLength = 256
    /// The prefix AWS reserves for its own keys, in any letter case.
    package static let reservedKeyPrefix = "aws:"
}
