/// Amazon API Gateway (REST API) facts.
package enum APIGateway {
    /// The HTTP methods a method (`AWS::ApiGateway::Method` `HttpMethod`) takes,
    /// besides `anyMethod`, which stands for all of them.
    /// Source: Amazon API Gateway Developer Guide, methods for REST APIs
    /// (DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, and ANY for any of them).
    package static let httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    package static let anyMethod = "ANY"

    /// Stage names are 1 to 128 letters, digits, hyphens and underscores.
    /// Source: Amazon API Gateway API Reference, "Stage" / CreateStage
    /// `stageName`: "Stage names can only contain alphanumeric characters,
    /// hyphens, and underscores. Maximum length is 128 characters."
    package static let stageNameLengthRange = 1...128

    package static func isStageNameCharacter(_ c: Character) -> Bool {
        guard c.unicodeScalars.count == 1, let s = c.unicodeScalars.first else { return false }
        return s.isASCIIAlphanumeric || s == "-" || s == "_"
    }

    /// The headers a CORS preflight allows: those the API Gateway console enables for CORS.
    /// Source: Amazon API Gateway Developer Guide, "CORS for REST APIs in API Gateway".
    package static let corsAllowHeaders = "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token"

    /// A cached response lives 0 to 3600 seconds (300 by default).
    /// Source: Amazon API Gateway Developer Guide, "Cache settings for REST
    /// APIs in API Gateway": "The default TTL value for API caching is 300
    /// seconds. The maximum TTL value is 3600 seconds."
    package static let cacheTTLSeconds = 0...3600

    /// The access log format of a stage's `AccessLogSetting`: one JSON object
    /// per request, the fields of the developer guide's JSON example.
    /// Source: Amazon API Gateway Developer Guide, "CloudWatch log formats for
    /// API Gateway" (JSON).
    package static let accessLogFormat = #"{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","#
        + #""caller":"$context.identity.caller","user":"$context.identity.user","requestTime":"$context.requestTime","#
        + #""httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","#
        + #""protocol":"$context.protocol","responseLength":"$context.responseLength"}"#
}
