import FormworkDiagnostics
import FormworkFacts
import FormworkYAML

extension APISpec {
    static let keys = SpecKeys.api
    package static let defaultableKeys = ["auth", "cors", "tracing", "accessLogs"]
    /// The methods a route key may start with.
    static let methods = APIGateway.httpMethods + [APIGateway.anyMethod]
}

extension SpecDecoder {
    /// Built-in defaults are located at `builtIns` (the resource's name).
    func decodeAPI(_ node: YAMLNode, _ what: String, allowed: [String], owner: SourceRange? = nil,
                   builtIns: SourceRange) -> APISpec? {
        let required = owner == nil ? [] : SpecKeys.apiRequired
        guard var fields = fields(node, what, allowed: allowed, required: required, owner: owner) else { return nil }
        var api = APISpec(builtInsAt: builtIns)
        api.stage = fields["stage"].flatMap { interpolated($0, "stage") }
        if let auth = decode("auth", in: &fields, { choice($0, "auth", as: APIAuth.self) }) { api.auth = auth }
        if let node = fields["cors"],
           let cors = self.fields(node, "cors", allowed: SpecKeys.cors.keys, required: SpecKeys.cors.required,
                                  owner: fields.keyNode("cors")?.range),
           let origin = cors["allowOrigin"].flatMap({ interpolated($0, "allowOrigin") })
        {
            let credentials = cors["allowCredentials"].flatMap { bool($0, "allowCredentials") }
            api.cors = CORSSettings(allowOrigin: origin, allowCredentials: credentials, range: node.range)
        }
        if let (tracing, conditional) = fields["tracing"].flatMap({ conditionalBool($0, "tracing") }) {
            api.tracing = tracing
            api.conditionalTracing = conditional
        }
        if let accessLogs = fields["accessLogs"].flatMap({ bool($0, "accessLogs") }) { api.accessLogs = accessLogs }
        if let node = fields["cache"],
           let cache = self.fields(node, "cache", allowed: SpecKeys.apiCache.keys, required: SpecKeys.apiCache.required,
                                   owner: fields.keyNode("cache")?.range)
        {
            let size = cache["size"].flatMap { choice($0, "cache size", as: APICacheSize.self) }
            let ttl = cache["ttl"].flatMap { int($0, "ttl", in: APIGateway.cacheTTLSeconds) }
            if let size { api.cache = APICache(size: size, ttl: ttl, range: node.range) }
        }
        if let node = fields["routes"] {
            guard let pairs = node.mapping else {
                report(.typeMismatch(expected: "a mapping", for: "routes", found: node))
                return api
            }
            if pairs.isEmpty { report(.emptyList("routes", at: node.range)) }
            api.routes = Located(pairs.compactMap(decodeRoute), node.range)
        }
        api.unreadKeys = fields.unread
        return api
    }

    private func decodeRoute(_ pair: YAMLPair) -> Route? {
        guard let key = string(pair.key, "a route") else { return nil }
        let parts = key.value.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, APISpec.methods.contains(String(parts[0])), Route.isValidPath(parts[1]) else {
            report(.invalidRouteKey(key.value, at: key.range, methods: APISpec.methods))
            return nil
        }
        guard let fields = fields(pair.value, "route '\(key.value)'", allowed: SpecKeys.route.keys) else { return nil }
        let method = Located(String(parts[0]), key.range)
        let path = Located(String(parts[1]), key.range)
        switch (fields["mock"], fields["function"]) {
        case (let mock?, nil):
            guard let body = self.fields(mock, "mock", allowed: SpecKeys.mock.keys) else { return nil }
            let status = body["statusCode"].flatMap { int($0, "statusCode", in: 100...599) } ?? Located(200, mock.range)
            let text = body["body"].flatMap { string($0, "a mock body") }
            return Route(method: method, path: path, target: .mock(statusCode: status, body: text), keyRange: key.range)
        case (nil, let function?):
            guard let target = reference(function, "function") else { return nil }
            return Route(method: method, path: path, target: .function(target), keyRange: key.range)
        case (nil, nil) where fields.mentions("mock") || fields.mentions("function"):
            return nil  // a misspelled target was reported as an unknown key
        default:
            report(.routeTargetCount(key.value, at: key.range))
            return nil
        }
    }
}

extension Route {
    /// `/`, or `/`-separated segments of `[A-Za-z0-9._-]+`, `{name}` or a final `{name+}`.
    static func isValidPath(_ path: Substring) -> Bool {
        guard path.first == "/" else { return false }
        if path == "/" { return true }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            guard !segment.isEmpty else { return false }
            if segment.first == "{" {
                guard segment.last == "}" else { return false }
                var inner = segment.dropFirst().dropLast()
                if inner.last == "+" {
                    guard index == segments.count - 1 else { return false }
                    inner = inner.dropLast()
                }
                guard !inner.isEmpty, inner.unicodeScalars.allSatisfy({ isWordScalar($0) }) else { return false }
            } else if !segment.unicodeScalars.allSatisfy({ isWordScalar($0) || $0 == "." || $0 == "-" }) {
                return false
            }
        }
        return true
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.isASCIIAlphanumeric || s == "_"
    }
}
