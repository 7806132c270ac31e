/// The built-in defaults, the last of the three layers of default
/// injection. `docs/language.md` lists each one; change both together.
package enum BuiltInDefaults {
    package static let functionTimeout = 300
    package static let functionMemory = 512
    package static let functionDeadLetterQueue = true
    package static let logRetentionDays = 14
    package static let logFormat = LogFormat.json
    /// The event an `s3` trigger without `events` fires on.
    package static let s3TriggerEvent = "s3:ObjectCreated:*"

    package static let bucketVersioning = true
    package static let bucketPublicAccess = PublicAccess.blocked
    package static let bucketEncryption = BucketEncryption.s3

    /// Stated or not, an api without `auth` is open; a rule warns when it is not stated.
    package static let apiAuth = APIAuth.none
    package static let apiTracing = true
    package static let apiAccessLogs = true
    /// Seconds an api's `cache` keeps a response when `ttl` is not written (API Gateway's own default).
    package static let apiCacheTTL = 300
}
