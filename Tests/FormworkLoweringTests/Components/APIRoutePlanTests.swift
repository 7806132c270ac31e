import FormworkDiagnostics
@testable import FormworkLowering
import FormworkSpec
import FormworkTestSupport
import Testing

/// The route plan: the path tree, logical IDs and the deployment hash.
@Suite struct APIRoutePlanTests {
    @Test func pathWords() {
        #expect(APIRoutePlan.words(ofPath: "/") == "Root")
        #expect(APIRoutePlan.words(ofPath: "/jobs/{id}/status") == "JobsIdStatus")
        #expect(APIRoutePlan.words(ofPath: "/a-b") == "AB")
        #expect(APIRoutePlan.words(ofPath: "/aB") == "AB")
        #expect(APIRoutePlan.words(ofPath: "/v1.0/items/{item_id}") == "V10ItemsItemId")
        #expect(APIRoutePlan.words(ofPath: "/files/{proxy+}") == "FilesProxy")
        #expect(APIRoutePlan.words(ofPath: "/café/zürich") == "CafZRich")
        #expect(APIRoutePlan.words(ofMethod: "DELETE") == "Delete")
    }

    @Test func prefixes() {
        #expect(APIRoutePlan.prefixes(of: "/").isEmpty)
        #expect(APIRoutePlan.prefixes(of: "/a/{b}/c").map(\.path) == ["/a", "/a/{b}", "/a/{b}/c"])
        #expect(APIRoutePlan.prefixes(of: "/a/{b}/c").map(\.segment) == ["a", "{b}", "c"])
    }

    static func plan(_ routes: String, cors: Bool = false) throws -> APIRoutePlan {
        let text = apiSpec("stage: prod\nauth: none\n" + (cors ? "cors: { allowOrigin: '*' }\n" : "") + "routes:\n" + routes)
        let spec = try #require(Pipeline.decode(text).spec)
        let decl = try #require(spec.resources.first)
        guard case .api(let api) = decl.body else { throw PlanError.notAnAPI }
        return APIRoutePlan(api: decl.name, api)
    }

    enum PlanError: Error { case notAnAPI }

    @Test func theDeploymentHashIgnoresRouteOrderButNothingElse() throws {
        let a = try Self.plan("  GET /a: { mock: { statusCode: 200 } }\n  GET /b: { mock: { statusCode: 200 } }")
        let reordered = try Self.plan("  GET /b: { mock: { statusCode: 200 } }\n  GET /a: { mock: { statusCode: 200 } }")
        let newBody = try Self.plan("  GET /a: { mock: { statusCode: 200, body: x } }\n  GET /b: { mock: { statusCode: 200 } }")
        let newStatus = try Self.plan("  GET /a: { mock: { statusCode: 201 } }\n  GET /b: { mock: { statusCode: 200 } }")
        let withCORS = try Self.plan("  GET /a: { mock: { statusCode: 200 } }\n  GET /b: { mock: { statusCode: 200 } }", cors: true)
        #expect(a.deploymentId == reordered.deploymentId)
        let others = [newBody, newStatus, withCORS].map(\.deploymentId)
        #expect(Set(others + [a.deploymentId]).count == 4)
    }

    @Test func pathsAreSharedParentsFirstAndEachMethodHasItsIDs() throws {
        let plan = try Self.plan("""
              GET /jobs/{id}/status: { mock: { statusCode: 200 } }
              GET /jobs: { mock: { statusCode: 200 } }
              DELETE /jobs/{id}: { mock: { statusCode: 204 } }
              GET /: { mock: { statusCode: 200 } }
            """)
        #expect(plan.nodes.map(\.path) == ["/jobs", "/jobs/{id}", "/jobs/{id}/status"])
        #expect(plan.nodes.map(\.parentPath) == [nil, "/jobs", "/jobs/{id}"])
        #expect(plan.nodes.map(\.logicalId) == ["JobsApiJobs", "JobsApiJobsId", "JobsApiJobsIdStatus"])
        #expect(plan.methods.map(\.logicalId) == ["JobsApiGetJobsIdStatus", "JobsApiGetJobs", "JobsApiDeleteJobsId", "JobsApiGetRoot"])
        #expect(plan.stageId == "JobsApiStage")
        #expect(plan.deploymentId.hasPrefix("JobsApiDeployment") && plan.deploymentId.count == "JobsApiDeployment".count + 8)
    }

    @Test func corsAddsOnePreflightPerPathUnlessOptionsIsRouted() throws {
        let plan = try Self.plan("""
              GET /a: { mock: { statusCode: 200 } }
              POST /a: { mock: { statusCode: 200 } }
              GET /b: { mock: { statusCode: 200 } }
              OPTIONS /b: { mock: { statusCode: 204 } }
              ANY /c: { mock: { statusCode: 200 } }
            """, cors: true)
        let preflights = plan.methods.filter { $0.route == nil }.map(\.path)
        #expect(preflights == ["/a", "/c"])
        #expect(plan.allowedMethods(at: "/a") == ["GET", "OPTIONS", "POST"])
        #expect(plan.allowedMethods(at: "/c") == ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"])
    }
}
