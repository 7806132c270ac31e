import FormworkCFN
import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkSpec
import FormworkTestSupport
import Testing

/// `kind: api` expansion: what is generated and how it is wired. Function
/// routes are tested here (not in goldens) because their target, a
/// `kind: function`, is lowered by another component.
@Suite struct APIComponentTests {
    static let functionRoutes = apiSpec("""
        stage: prod
        auth: iam
        routes:
          POST /jobs/{id}/retry:
            function: processor
          ANY /files/{proxy+}:
            function: processor
          GET /:
            function: processor
        """, extra: functionDecl("processor"))

    @Test func functionRouteIsAnAWSProxyIntegrationInsideTheMethod() throws {
        let template = try #require(Pipeline.compile(Self.functionRoutes).template)
        let method = try #require(template.resource("JobsApiPostJobsIdRetry"))
        #expect(method.type == "AWS::ApiGateway::Method")
        #expect(method.properties["AuthorizationType"]?.text == "AWS_IAM")
        let integration = try #require(method.properties["Integration"])
        #expect(integration["Type"]?.text == "AWS_PROXY")
        #expect(integration["IntegrationHttpMethod"]?.text == "POST")
        #expect(integration["Uri"]?["Fn::Sub"]?.text
            == "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Processor.Arn}/invocations")
        #expect(method.properties["MethodResponses"] == nil)
    }

    @Test func eachFunctionRouteGetsAPermissionScopedToItsRoute() throws {
        let template = try #require(Pipeline.compile(Self.functionRoutes).template)
        let expected = [
            "JobsApiPostJobsIdRetryPermission": "${JobsApi}/*/POST/jobs/*/retry",
            "JobsApiAnyFilesProxyPermission": "${JobsApi}/*/*/files/*",
            "JobsApiGetRootPermission": "${JobsApi}/*/GET/",
        ]
        for (id, suffix) in expected {
            let permission = try #require(template.resource(id), "no \(id)")
            #expect(permission.type == "AWS::Lambda::Permission")
            #expect(permission.properties["Principal"]?.text == "apigateway.amazonaws.com")
            #expect(permission.properties["Action"]?.text == "lambda:InvokeFunction")
            #expect(permission.properties["FunctionName"]?["Fn::GetAtt"] != nil)
            #expect(permission.properties["SourceArn"]?["Fn::Sub"]?.text
                == "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:" + suffix)
        }
        // Each permission comes right after its method.
        let ids = template.resources.map(\.logicalId)
        let method = try #require(ids.firstIndex(of: "JobsApiPostJobsIdRetry"))
        #expect(ids[method + 1] == "JobsApiPostJobsIdRetryPermission")
    }

    @Test func pathsShareParentsAndTheRootIsTheRestApis() throws {
        let template = try #require(Pipeline.compile(apiSpec("""
            stage: prod
            auth: none
            routes:
              GET /jobs/{id}/status: { mock: { statusCode: 200 } }
              GET /jobs/{id}: { mock: { statusCode: 200 } }
              GET /jobs: { mock: { statusCode: 200 } }
            """)).template)
        let resources = template.resources.filter { $0.type == "AWS::ApiGateway::Resource" }
        #expect(resources.map(\.logicalId) == ["JobsApiJobs", "JobsApiJobsId", "JobsApiJobsIdStatus"])
        #expect(resources.map { $0.properties["PathPart"]?.text } == ["jobs", "{id}", "status"])
        #expect(resources[0].properties["ParentId"]?["Fn::GetAtt"] != nil)
        #expect(resources[1].properties["ParentId"]?["Ref"]?.text == "JobsApiJobs")
        #expect(resources[2].properties["ParentId"]?["Ref"]?.text == "JobsApiJobsId")
    }

    @Test func deploymentDependsOnEveryMethodAndTheStageIsExplicit() throws {
        let (template, diagnostics) = Pipeline.compile(apiSpec("""
            stage: prod
            auth: none
            cors: { allowOrigin: "*" }
            routes:
              GET /a: { mock: { statusCode: 200 } }
              POST /b: { mock: { statusCode: 201 } }
            """))
        #expect(!diagnostics.hasErrors)
        let t = try #require(template)
        let methods = t.resources.filter { $0.type == "AWS::ApiGateway::Method" }.map(\.logicalId)
        #expect(methods == ["JobsApiGetA", "JobsApiPostB", "JobsApiOptionsA", "JobsApiOptionsB"])
        let deployment = try #require(t.resources.first { $0.type == "AWS::ApiGateway::Deployment" })
        #expect(deployment.dependsOn == methods)
        #expect(deployment.properties["StageName"] == nil)
        #expect(deployment.logicalId.hasPrefix("JobsApiDeployment") && deployment.logicalId.count == "JobsApiDeployment".count + 8)
        let stage = try #require(t.resource("JobsApiStage"))
        #expect(stage.type == "AWS::ApiGateway::Stage")
        #expect(stage.properties["DeploymentId"]?["Ref"]?.text == deployment.logicalId)
        #expect(stage.properties["StageName"]?.text == "prod")
        #expect(t.resources.last?.logicalId == "JobsApiStage")
    }

    @Test func theURLAttributeNamesTheStageThatIsEmitted() throws {
        let text = apiSpec("stage: prod\nauth: none\nroutes:\n  GET /a: { mock: { statusCode: 200 } }")
        let t = try #require(Pipeline.compile(text).template)
        let spec = try #require(Pipeline.decode(text).spec)
        let api = try #require(spec.resources.first)
        guard case .sub(let format)? = Attributes(spec, symbols: SymbolTable(spec)).table(of: api)?["url"] else {
            Issue.record("url is not an Fn::Sub")
            return
        }
        for id in ["JobsApi", "JobsApiStage"] {
            #expect(format.contains("${\(id)}"))
            #expect(t.resource(id) != nil)
        }
    }

    @Test func mockRoutesCarryTheirStatusBodyAndCORSOrigin() throws {
        let template = try #require(Pipeline.compile(apiSpec("""
            stage: prod
            auth: none
            cors: { allowOrigin: "https://app.example.com" }
            routes:
              GET /status: { mock: { statusCode: 404, body: '{"error":"gone"}' } }
            """)).template)
        let method = try #require(template.resource("JobsApiGetStatus"))
        let integration = try #require(method.properties["Integration"])
        #expect(integration["Type"]?.text == "MOCK")
        #expect(integration["RequestTemplates"]?["application/json"]?.text == "{\"statusCode\": 404}")
        guard case .array(let responses)? = integration["IntegrationResponses"]?.kind, responses.count == 1 else {
            Issue.record("expected one integration response")
            return
        }
        #expect(responses[0]["StatusCode"]?.text == "404")
        #expect(responses[0]["ResponseTemplates"]?["application/json"]?.text == "{\"error\":\"gone\"}")
        #expect(responses[0]["ResponseParameters"]?["method.response.header.Access-Control-Allow-Origin"]?.text
            == "'https://app.example.com'")
        guard case .array(let methodResponses)? = method.properties["MethodResponses"]?.kind else {
            Issue.record("expected method responses")
            return
        }
        #expect(methodResponses.map { $0["StatusCode"]?.text } == ["404"])
        let preflight = try #require(template.resource("JobsApiOptionsStatus"))
        #expect(preflight.properties["AuthorizationType"]?.text == "NONE")
    }

    @Test func preflightsAreNeverSignedButARouteFollowsAuth() throws {
        let template = try #require(Pipeline.compile(apiSpec("""
            stage: prod
            auth: iam
            cors: { allowOrigin: "*" }
            routes:
              GET /a: { mock: { statusCode: 200 } }
            """)).template)
        #expect(template.resource("JobsApiGetA")?.properties["AuthorizationType"]?.text == "AWS_IAM")
        #expect(template.resource("JobsApiOptionsA")?.properties["AuthorizationType"]?.text == "NONE")
    }

    @Test func aRouteFunctionUnderTheSameConditionAsTheAPIIsFine() {
        let same = Pipeline.compile(apiSpec("""
            when: env == 'prod'
            stage: prod
            auth: iam
            routes:
              POST /jobs: { function: processor }
            """, extra: functionDecl("processor", when: "env == 'prod'"), parameters: "  env: { type: string, default: dev }"))
        #expect(same.diagnostics.isEmpty, "\(same.diagnostics)")
        // A route's function under a condition the api does not share is the
        // null-guard pass's FW4010 (golden: specs/invalid/api-conditional-function.yaml).
    }

    @Test func anInterpolatedOriginIsQuotedWithFnSub() throws {
        let template = try #require(Pipeline.compile(apiSpec(
            "stage: prod\nauth: none\ncors: { allowOrigin: \"https://${host}\" }\nroutes:\n  GET /a: { mock: { statusCode: 200 } }",
            parameters: "  host: { type: string, default: example.com }")).template)
        let preflight = try #require(template.resource("JobsApiOptionsA"))
        guard case .array(let responses)? = preflight.properties["Integration"]?["IntegrationResponses"]?.kind else {
            Issue.record("no integration responses")
            return
        }
        #expect(responses[0]["ResponseParameters"]?["method.response.header.Access-Control-Allow-Origin"]?["Fn::Sub"]?.text
            == "'https://${Host}'")
    }
}
