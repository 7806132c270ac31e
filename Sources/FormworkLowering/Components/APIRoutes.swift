import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// The shape of a `kind: api` before any template is written: the
/// `AWS::ApiGateway::Resource` tree its routes need, one method per route
/// (then one CORS preflight per path when `cors` is set), the logical ID of
/// each generated resource, and the deployment's content hash. Pure
/// expansion: the `APIRoutes` rule has checked that routes are distinct, one
/// variable segment a level, and their IDs apart, using these same IDs.
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
/// That is readable but not one-to-one (`/a-b` and `/aB` are both `AB`),
/// which is why the rule compares them.
package struct APIRoutePlan {
    /// One `AWS::ApiGateway::Resource`: a path below the root (the root itself is the RestApi's).
    package struct PathNode: Sendable {
        package var path: String
        package var segment: String
        /// The parent's path; nil when the parent is the root.
        package var parentPath: String?
        package var logicalId: String
        /// The key of the first route that needed this path.
        package var range: SourceRange
    }

    /// One `AWS::ApiGateway::Method`.
    package struct Method: Sendable {
        package var httpMethod: String
        package var path: String
        package var logicalId: String
        /// The route it serves; nil for a generated CORS preflight.
        package var route: Route?
        package var range: SourceRange

        package var permissionId: String { logicalId + "Permission" }
    }

    package let apiId: String
    /// Each path below the root once, parents before children.
    package private(set) var nodes: [PathNode] = []
    /// Routes in spec order, then the CORS preflights.
    package private(set) var methods: [Method] = []
    package let deploymentId: String
    package var stageId: String { apiId + "Stage" }

    package init(api name: Name, _ api: APISpec) {
        apiId = name.logicalId
        let routes = api.routes?.value ?? []
        deploymentId = apiId + "Deployment" + StableHash.hex(Self.canonicalText(api))

        var nodeIndex: [String: Int] = [:]
        for route in routes {
            var parent: String?
            for (path, segment) in Self.prefixes(of: route.path.value) {
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
        // The methods of each path, grouped once: paths in the order of their first route.
        var paths: [String] = []
        for (index, method) in methods.enumerated() {
            if methodsByPath[method.path] == nil { paths.append(method.path) }
            methodsByPath[method.path, default: []].append(index)
        }
        if api.cors != nil {
            for path in paths {
                let indices = methodsByPath[path]!
                guard !indices.contains(where: { methods[$0].httpMethod == "OPTIONS" }) else { continue }
                methodsByPath[path]!.append(methods.count)
                methods.append(Method(httpMethod: "OPTIONS", path: path,
                                      logicalId: apiId + "Options" + Self.words(ofPath: path), route: nil,
                                      range: methods[indices[0]].range))
            }
        }
    }

    /// The index in `methods` of each path's methods.
    private var methodsByPath: [String: [Int]] = [:]

    /// The methods of one path, as `Access-Control-Allow-Methods` lists them.
    package func allowedMethods(at path: String) -> [String] {
        var out: Set<String> = ["OPTIONS"]
        for method in (methodsByPath[path] ?? []).map({ methods[$0] }) {
            if method.httpMethod == APIGateway.anyMethod {
                out.formUnion(APIGateway.httpMethods)
            } else {
                out.insert(method.httpMethod)
            }
        }
        return out.sorted()
    }

    // MARK: logical IDs

    /// `/` → `Root`; otherwise the words of every segment (`/jobs/{id}` → `JobsId`).
    package static func words(ofPath path: String) -> String {
        guard path != "/" else { return "Root" }
        return path.split(separator: "/").map(words(ofSegment:)).joined()
    }

    /// The letters and digits of a segment, the first of each run upper-cased.
    package static func words(ofSegment segment: Substring) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(segment.utf8.count)
        var startsWord = true
        // ASCII letters and digits are single UTF-8 bytes, and no other character has one of theirs.
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): out.append(startsWord ? byte - 32 : byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(byte)
            default:
                startsWord = true
                continue
            }
            startsWord = false
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `GET` → `Get`.
    package static func words(ofMethod method: String) -> String {
        guard let first = method.first else { return method }
        return String(first) + method.dropFirst().lowercased()
    }

    /// Each path below the root with its last segment: `/a/{b}` → (`/a`, `a`), (`/a/{b}`, `{b}`).
    package static func prefixes(of path: String) -> [(path: String, segment: String)] {
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
        // Only when true, so the deployments of apis that do not say it keep their IDs.
        if api.cors?.allowCredentials?.value == true { lines.append("cors credentials") }
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
