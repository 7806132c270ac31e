import FormworkDiagnostics
import FormworkLowering
import FormworkSpec

/// An api's routes are what API Gateway and CloudFormation take, found
/// before deploy time, where they would be refused:
///
/// - no two routes have one method and path (`GET /jobs` and `"GET  /jobs"`
///   are one route);
/// - at most one variable segment at each level of the path tree
///   (`/jobs/{id}` and `/jobs/{jobId}/status` are two under `/jobs`);
/// - no two resources the api generates share a logical ID. The IDs are the
///   ones lowering writes (`APIRoutePlan`), and keep only the letters and
///   digits of a path, so `/a-b` and `/aB` are both `…AB`, and the route
///   `GET /status` is the path `/get/status`. A clash is an error naming
///   both, never a silent merge; one is reported once per route key (a
///   path's clash is also its methods'). A clash with a resource outside the
///   api, and an ID too long, are `LogicalIds`' findings on the template.
///
/// A repeated route is reported as such and not compared again.
enum APIRoutes: SpecRule {
    static let summary = "an api's routes are distinct, one variable segment a level, their logical IDs apart"
    static let codes: [DiagnosticCode] = [.duplicateRoute, .conflictingPathVariables, .apiLogicalIdCollision]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .api(let api) = resource.body else { continue }
            checkRoutes(api.routes?.value ?? [], into: &diagnostics)
            checkLogicalIds(APIRoutePlan(api: resource.name, api), api: resource.name, into: &diagnostics)
        }
    }

    /// `GET /jobs`: a route's method and path, as a message shows it.
    static func routeKey(_ method: String, _ path: String) -> String { method + " " + path }

    /// Duplicate routes, and sibling variable segments among the routes that are not duplicates.
    private static func checkRoutes(_ routes: [Route], into diagnostics: inout [Diagnostic]) {
        var firstRoute: [String: Route] = [:]
        var variableChild: [String: (segment: String, range: SourceRange)] = [:]
        var reportedConflicts: Set<String> = []
        for route in routes {
            let key = routeKey(route.method.value, route.path.value)
            if let first = firstRoute[key] {
                diagnostics.append(.duplicateRoute(key, at: route.keyRange, first: first.keyRange))
                continue
            }
            firstRoute[key] = route
            var parent = "/"
            for (path, segment) in APIRoutePlan.prefixes(of: route.path.value) {
                defer { parent = path }
                guard segment.first == "{" else { continue }
                if let existing = variableChild[parent] {
                    if existing.segment != segment, reportedConflicts.insert(path).inserted {
                        diagnostics.append(.conflictingPathVariables(segment, existing.segment, under: parent,
                                                                     at: route.keyRange, first: existing.range))
                    }
                } else {
                    variableChild[parent] = (segment, route.keyRange)
                }
            }
        }
    }

    /// Every logical ID of the plan against every other one, and against the api's own.
    private static func checkLogicalIds(_ plan: APIRoutePlan, api name: Name, into diagnostics: inout [Diagnostic]) {
        var taken: [String: (what: String, range: SourceRange)] = [:]
        // One finding per route key and code: a path's clash is also its methods' clash.
        var reported: Set<SourceRange> = []
        func claim(_ id: String, _ what: String, _ range: SourceRange) {
            if let first = taken[id] {
                if reported.insert(range).inserted {
                    diagnostics.append(.apiLogicalIdCollision(what, first.what, id: id, api: name.text, at: range, first: first.range))
                }
            } else {
                taken[id] = (what, range)
            }
        }
        taken[plan.apiId] = ("api '\(name.text)'", name.range)
        claim(plan.stageId, "the stage", name.range)
        claim(plan.deploymentId, "the deployment", name.range)
        for node in plan.nodes { claim(node.logicalId, "path '\(node.path)'", node.range) }
        // A repeated route is `duplicateRoute`'s finding, not a clash of its IDs.
        var routeKeys: Set<String> = []
        for method in plan.methods {
            guard let route = method.route else {
                claim(method.logicalId, "the CORS preflight of '\(method.path)'", method.range)
                continue
            }
            let key = routeKey(method.httpMethod, method.path)
            guard routeKeys.insert(key).inserted else { continue }
            claim(method.logicalId, "route '\(key)'", method.range)
            if case .function = route.target {
                claim(method.permissionId, "the permission of route '\(key)'", method.range)
            }
        }
    }
}

extension DiagnosticCode {
    package static let duplicateRoute = DiagnosticCode("FW5200", .specChecks, "two routes of an api have the same method and path")
    package static let conflictingPathVariables = DiagnosticCode(
        "FW5201", .specChecks, "two different variable segments at one level of an api's paths")
    package static let apiLogicalIdCollision = DiagnosticCode(
        "FW5202", .specChecks, "two resources an api generates would share a logical ID")
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
