/// The built-in defaults, the last of the three layers of default
/// injection. `docs/language.md` lists each one; change both together.
package enum BuiltInDefaults {
    package static let functionTimeout = 300
    package static let functionMemory = 512
    /// A function gets a dead-letter queue when something invokes it
    /// asynchronously (`FunctionSpec.isInvokedAsynchronously`): only those
    /// invocations are ever sent to one. An api or a queue invokes
    /// synchronously, and a failed queue message goes to the queue's own
    /// `deadLetter`, never the function's.
    package static func functionDeadLetterQueue(_ function: FunctionSpec) -> Bool {
        function.isInvokedAsynchronously
    }
    package static let logRetentionDays = 14
    package static let logFormat = LogFormat.json
    /// Where a `dynamodb` trigger without `startingPosition` starts: the
    /// records written from the mapping's creation on.
    package static let streamStartingPosition = StreamStartingPosition.latest
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
