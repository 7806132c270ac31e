import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// The shape of a `kind: api` before any template is written: the
/// `AWS::ApiGateway::Resource` tree its routes need, one method per route
/// (then one CORS preflight per path when `cors` is set), the logical ID of
/// each generated resource, and the deployment's content hash. It finds here
/// what API Gateway or CloudFormation would only refuse at deploy time: two
/// routes with one method and path, two variable segments side by side, and
/// two generated resources that would share a logical ID.
///
/// Logical IDs (`statusApi` → `StatusApi`):
/// - a path resource: `<Id><PathWords>` — `/jobs/{id}/status` → `StatusApiJobsIdStatus`;
/// - a method: `<Id><Method><PathWords>` — `GET /jobs/{id}` → `StatusApiGetJobsId`,
///   `GET /` → `StatusApiGetRoot`;
/// - a function route's permission: `<method ID>Permission`;
/// - the deployment: `<Id>Deployment<8 hex digits of StableHash(canonicalText)>`;
/// - the stage: `<Id>Stage`.
///
/// Path words keep the letters and digits of each segment and upper-case the
/// first of each run (`a-b` → `AB`, `{job_id}` → `JobId`, `{proxy+}` → `Proxy`).
/// That is readable but not one-to-one (`/a-b` and `/aB` are both `AB`), so
/// every ID is checked against every other one of the API and against the
/// spec's own names; a clash is an error naming both, never a silent merge.
struct APIRoutePlan {
    /// One `AWS::ApiGateway::Resource`: a path below the root (the root itself is the RestApi's).
    struct PathNode {
        var path: String
        var segment: String
        /// The parent's path; nil when the parent is the root.
        var parentPath: String?
        var logicalId: String
        /// The key of the first route that needed this path.
        var range: SourceRange
    }

    /// One `AWS::ApiGateway::Method`.
    struct Method {
        var httpMethod: String
        var path: String
        var logicalId: String
        /// The route it serves; nil for a generated CORS preflight.
        var route: Route?
        var range: SourceRange

        var permissionId: String { logicalId + "Permission" }
    }

    let apiId: String
    private(set) var nodes: [PathNode] = []
    /// Routes in spec order, then the CORS preflights.
    private(set) var methods: [Method] = []
    private(set) var deploymentId: String
    var stageId: String { apiId + "Stage" }
    private(set) var diagnostics: [Diagnostic] = []

    init(api name: Name, _ api: APISpec) {
        apiId = name.logicalId
        let routes = api.routes?.value ?? []
        deploymentId = apiId + "Deployment" + StableHash.hex(Self.canonicalText(api))

        var nodeIndex: [String: Int] = [:]
        var routeIndex: [String: Route] = [:]
        var variableChild: [String: (segment: String, range: SourceRange)] = [:]
        var reportedConflicts: Set<String> = []
        for route in routes {
            let key = route.method.value + " " + route.path.value
            if let first = routeIndex[key] {
                diagnostics.append(.duplicateRoute(key, at: route.keyRange, first: first.keyRange))
                continue
            }
            routeIndex[key] = route
            var parent: String?
            for (path, segment) in Self.prefixes(of: route.path.value) {
                let parentKey = parent ?? "/"
                if segment.first == "{" {
                    if let existing = variableChild[parentKey], existing.segment != segment {
                        if reportedConflicts.insert(path).inserted {
                            diagnostics.append(.conflictingPathVariables(segment, existing.segment, under: parentKey,
                                                                         at: route.keyRange, first: existing.range))
                        }
                    } else if variableChild[parentKey] == nil {
                        variableChild[parentKey] = (segment, route.keyRange)
                    }
                }
                if nodeIndex[path] == nil {
                    nodeIndex[path] = nodes.count
                    nodes.append(PathNode(path: path, segment: segment, parentPath: parent,
                                          logicalId: apiId + Self.words(ofPath: path), range: route.keyRange))
                }
                parent = path
            }
            methods.append(Method(httpMethod: route.method.value, path: route.path.value,
                                  logicalId: apiId + Self.words(ofMethod: route.method.value) + Self.words(ofPath: route.path.value),
                                  route: route, range: route.keyRange))
        }
        if api.cors != nil {
            var paths: [String] = []
            for method in methods where !paths.contains(method.path) { paths.append(method.path) }
            for path in paths where !methods.contains(where: { $0.path == path && $0.httpMethod == "OPTIONS" }) {
                let range = methods.first { $0.path == path }!.range
                methods.append(Method(httpMethod: "OPTIONS", path: path,
                                      logicalId: apiId + "Options" + Self.words(ofPath: path), route: nil, range: range))
            }
        }
        checkLogicalIds(api: name)
    }

    /// The methods of one path, as `Access-Control-Allow-Methods` lists them.
    func allowedMethods(at path: String) -> [String] {
        var out: Set<String> = ["OPTIONS"]
        for method in methods where method.path == path {
            if method.httpMethod == APIGateway.anyMethod {
                out.formUnion(APIGateway.httpMethods)
            } else {
                out.insert(method.httpMethod)
            }
        }
        return out.sorted()
    }

    // MARK: logical IDs

    private mutating func checkLogicalIds(api name: Name) {
        var taken: [String: (what: String, range: SourceRange)] = [:]
        // One finding per route key and code: a path's clash is also its methods' clash.
        var reported: Set<String> = []
        func report(_ diagnostic: Diagnostic) {
            if reported.insert("\(diagnostic.code) \(diagnostic.range)").inserted { diagnostics.append(diagnostic) }
        }
        // Length, and clashes with other resources of the spec, are TemplateLimits' checks.
        func claim(_ id: String, _ what: String, _ range: SourceRange) {
            if let first = taken[id] {
                report(.apiLogicalIdCollision(what, first.what, id: id, api: name.text, at: range, first: first.range))
            } else {
                taken[id] = (what, range)
            }
        }
        taken[apiId] = ("api '\(name.text)'", name.range)
        claim(stageId, "the stage", name.range)
        claim(deploymentId, "the deployment", name.range)
        for node in nodes { claim(node.logicalId, "path '\(node.path)'", node.range) }
        for method in methods {
            if method.route == nil {
                claim(method.logicalId, "the CORS preflight of '\(method.path)'", method.range)
            } else {
                claim(method.logicalId, "route '\(method.httpMethod) \(method.path)'", method.range)
            }
            if case .function? = method.route?.target {
                claim(method.permissionId, "the permission of route '\(method.httpMethod) \(method.path)'", method.range)
            }
        }
    }

    /// `/` → `Root`; otherwise the words of every segment (`/jobs/{id}` → `JobsId`).
    static func words(ofPath path: String) -> String {
        guard path != "/" else { return "Root" }
        return path.split(separator: "/").map(words(ofSegment:)).joined()
    }

    /// The letters and digits of a segment, the first of each run upper-cased.
    static func words(ofSegment segment: Substring) -> String {
        var out = ""
        var startsWord = true
        for scalar in segment.unicodeScalars {
            let isLetter = scalar.isASCIILetter
            guard isLetter || scalar.isASCIIDigit else {
                startsWord = true
                continue
            }
            out += startsWord ? String(scalar).uppercased() : String(scalar)
            startsWord = false
        }
        return out
    }

    /// `GET` → `Get`.
    static func words(ofMethod method: String) -> String {
        guard let first = method.first else { return method }
        return String(first) + method.dropFirst().lowercased()
    }

    /// Each path below the root with its last segment: `/a/{b}` → (`/a`, `a`), (`/a/{b}`, `{b}`).
    static func prefixes(of path: String) -> [(path: String, segment: String)] {
        var out: [(String, String)] = []
        var prefix = ""
        for segment in path.split(separator: "/") {
            prefix += "/" + segment
            out.append((prefix, String(segment)))
        }
        return out
    }

    // MARK: deployment hash

    /// Everything a deployment snapshots, one line each, routes sorted so that
    /// reordering them does not redeploy; any other change does.
    static func canonicalText(_ api: APISpec) -> String {
        var lines: [String] = []
        lines.append("auth " + api.auth.value.rawValue)
        lines.append("cors " + (api.cors.map { JSONWriter.write(.string($0.allowOrigin.text, nil)) } ?? "-"))
        var routes: [String] = []
        for route in api.routes?.value ?? [] {
            var line = "route \(route.method.value) \(route.path.value) "
            switch route.target {
            case .mock(let status, let body):
                line += "mock \(status.value) " + (body.map { JSONWriter.write(.string($0.value, nil)) } ?? "-")
            case .function(let function):
                line += "function \(function.text)"
            }
            routes.append(line)
        }
        lines += routes.sorted()
        return lines.joined(separator: "\n")
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let duplicateRoute = DiagnosticCode("FW5200", .specChecks, "two routes of an api have the same method and path")
    package static let conflictingPathVariables = DiagnosticCode(
        "FW5201", .specChecks, "two different variable segments at one level of an api's paths")
    package static let apiLogicalIdCollision = DiagnosticCode(
        "FW5202", .specChecks, "two resources an api generates would share a logical ID")

    package static let allAPICodes: [DiagnosticCode] = [.duplicateRoute, .conflictingPathVariables, .apiLogicalIdCollision]
}

extension Diagnostic {
    static func duplicateRoute(_ key: String, at range: SourceRange, first: SourceRange) -> Diagnostic {
        .error(.duplicateRoute, "route '\(key)' is defined twice", at: range,
               notes: [Note("first defined here", at: first)],
               help: ["remove one of them"])
    }

    static func conflictingPathVariables(
        _ segment: String, _ existing: String, under parent: String, at range: SourceRange, first: SourceRange
    ) -> Diagnostic {
        .error(.conflictingPathVariables,
               "'\(segment)' and '\(existing)' are both variable segments under '\(parent)'; API Gateway allows one per level",
               at: range, notes: [Note("'\(existing)' is used here", at: first)],
               help: [segment.hasSuffix("+}") || existing.hasSuffix("+}")
                   ? "keep one variable segment under '\(parent)'; a greedy one matches every deeper path anyway"
                   : "write '\(existing)' in this path too"])
    }

    static func apiLogicalIdCollision(
        _ what: String, _ other: String, id: String, api: String, at range: SourceRange, first: SourceRange
    ) -> Diagnostic {
        .error(.apiLogicalIdCollision, "\(what) and \(other) of api '\(api)' would both be logical ID '\(id)'", at: range,
               notes: [Note("\(other) is here", at: first)],
               help: ["change one path; logical IDs keep only the letters and digits of a path"])
    }
}
