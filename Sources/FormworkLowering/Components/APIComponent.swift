import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// `kind: api` → an API Gateway REST API, correct by construction:
///
/// - `AWS::ApiGateway::RestApi` `<Id>` (regional, named `<stack>-<name>`);
/// - one `AWS::ApiGateway::Resource` per path below the root, parents shared;
/// - one `AWS::ApiGateway::Method` per route, its Integration (MOCK or
///   AWS_PROXY) and the MOCK's integration responses *inside* the Method, so
///   no integration response can exist before its integration;
/// - per function route, an `AWS::Lambda::Permission` for
///   `apigateway.amazonaws.com` scoped to that route's execute-api ARN;
/// - with `cors`, a MOCK `OPTIONS` preflight per path that has routes (unless
///   the spec routes OPTIONS there itself) and `Access-Control-Allow-Origin`
///   (with `allowCredentials: true`, `Access-Control-Allow-Credentials`)
///   on every MOCK response; an AWS_PROXY function returns its own headers;
/// - an `AWS::ApiGateway::Deployment` whose logical ID carries a hash of the
///   routes, auth and cors (any change makes a new deployment) and which
///   `DependsOn` every Method (CloudFormation cannot infer that a deployment
///   needs them), never with `StageName`;
/// - an explicit `AWS::ApiGateway::Stage` `<Id>Stage` pointing at it, so the
///   stage always exists (SymbolTable's `url` attribute refers to it), with
///   X-Ray tracing (`TracingEnabled`, checkov CKV_AWS_73) unless
///   `tracing: false`; access logs (`AccessLogSetting`, CKV_AWS_76) in JSON
///   (`APIGateway.accessLogFormat`) to a generated `AWS::Logs::LogGroup`
///   `<Id>AccessLogs` kept the built-in log retention, unless
///   `accessLogs: false`; and with `cache`, a cache cluster of its size
///   (CKV_AWS_120) and every method cached for its `ttl`.
///
/// Access logs need the account's CloudWatch Logs role for API Gateway
/// (`AWS::ApiGateway::Account`, one per account and region): Formwork does
/// not generate it, since a stack that did would overwrite every other
/// stack's setting and leave it behind when deleted (docs/security.md).
///
/// Logical IDs are `APIRoutePlan`'s. The rules `APIRoutes`, `APIStageNames`
/// and `APIAllowOrigins` have checked the routes, stage and cors before this runs.
extension Lowering {
    func lowerAPI(_ decl: ResourceDecl, _ api: APISpec) {
        let id = decl.name.logicalId
        let origin = decl.range
        let plan = APIRoutePlan(api: decl.name, api)

        add(Resource(logicalId: id, type: "AWS::ApiGateway::RestApi", properties: [
            ("Name", .sub("${AWS::StackName}-\(decl.name.text)", decl.name.range)),
            ("EndpointConfiguration", .object([("Types", .array([.string("REGIONAL", origin)], origin))], origin)),
        ], origin: origin), for: decl)

        let restApiId = TemplateValue.ref(id, origin)
        let nodeIds = Dictionary(uniqueKeysWithValues: plan.nodes.map { ($0.path, $0.logicalId) })
        func resourceId(_ path: String, _ range: SourceRange) -> TemplateValue {
            guard let nodeId = nodeIds[path] else { return .getAtt(id, "RootResourceId", range) }
            return .ref(nodeId, range)
        }
        for node in plan.nodes {
            add(Resource(logicalId: node.logicalId, type: "AWS::ApiGateway::Resource", properties: [
                ("ParentId", node.parentPath.map { resourceId($0, node.range) } ?? .getAtt(id, "RootResourceId", node.range)),
                ("PathPart", .string(node.segment, node.range)),
                ("RestApiId", restApiId),
            ], origin: node.range), for: decl)
        }

        let corsHeaders = api.cors.map(corsHeaders)
        for method in plan.methods {
            add(self.method(method, plan: plan, api: api, corsHeaders: corsHeaders, restApiId: restApiId,
                            resourceId: resourceId(method.path, method.range)), for: decl)
            if case .function(let function)? = method.route?.target {
                add(permission(method, function: function, apiId: id), for: decl)
            }
        }

        var deployment = Resource(logicalId: plan.deploymentId, type: "AWS::ApiGateway::Deployment",
                                  properties: [("RestApiId", restApiId)], origin: api.routes?.range ?? origin)
        deployment.dependsOn = plan.methods.map(\.logicalId)
        add(deployment, for: decl)

        if let stage = api.stage {
            var properties: [(String, TemplateValue)] = [
                ("DeploymentId", .ref(plan.deploymentId, stage.range)),
                ("RestApiId", restApiId),
                ("StageName", emitter.emit(stage)),
            ]
            let tracing = api.tracing
            properties.append(("TracingEnabled", flag(tracing, api.conditionalTracing) { .bool($0, $1) }))
            if api.accessLogs.value {
                let range = api.accessLogs.range
                let logGroupId = id + "AccessLogs"
                add(Resource(logicalId: logGroupId, type: "AWS::Logs::LogGroup", properties: [
                    ("RetentionInDays", .int(BuiltInDefaults.logRetentionDays, range)),
                ], origin: range), for: decl)
                properties.append(("AccessLogSetting", .object([
                    ("DestinationArn", .getAtt(logGroupId, "Arn", range)),
                    ("Format", .string(APIGateway.accessLogFormat, range)),
                ], range)))
            }
            if let cache = api.cache {
                let ttl = cache.ttl ?? Located(BuiltInDefaults.apiCacheTTL, cache.range)
                properties.append(("CacheClusterEnabled", .bool(true, cache.range)))
                properties.append(("CacheClusterSize", .string(cache.size.value.rawValue, cache.size.range)))
                properties.append(("MethodSettings", .array([.object([
                    ("CacheTtlInSeconds", .int(ttl.value, ttl.range)),
                    ("CachingEnabled", .bool(true, cache.range)),
                    ("HttpMethod", .string("*", cache.range)),
                    ("ResourcePath", .string("/*", cache.range)),
                ], cache.range)], cache.range)))
            }
            add(Resource(logicalId: plan.stageId, type: "AWS::ApiGateway::Stage", properties: properties,
                         origin: stage.range), for: decl)
        }
    }

    // MARK: methods

    private func method(
        _ method: APIRoutePlan.Method, plan: APIRoutePlan, api: APISpec, corsHeaders: [(String, TemplateValue)]?,
        restApiId: TemplateValue, resourceId: TemplateValue
    ) -> Resource {
        let range = method.range
        var properties: [(String, TemplateValue)] = [
            ("HttpMethod", .string(method.httpMethod, range)),
            ("ResourceId", resourceId),
            ("RestApiId", restApiId),
        ]
        guard let route = method.route else {
            // A CORS preflight: browsers send it unsigned, so it is never AWS_IAM.
            let headers: [(String, TemplateValue)] = [
                ("Access-Control-Allow-Headers", .string("'\(APIGateway.corsAllowHeaders)'", range)),
                ("Access-Control-Allow-Methods", .string("'\(plan.allowedMethods(at: method.path).joined(separator: ","))'", range)),
            ] + (corsHeaders ?? [("Access-Control-Allow-Origin", .string("'*'", range))])
            properties.append(("AuthorizationType", .string("NONE", range)))
            properties += mockIntegration(statusCode: Located(200, range), body: nil, headers: headers, range: range)
            return Resource(logicalId: method.logicalId, type: "AWS::ApiGateway::Method", properties: properties, origin: range)
        }
        let auth = api.auth
        properties.append(("AuthorizationType", .string(auth.value == .iam ? "AWS_IAM" : "NONE", auth.range)))
        switch route.target {
        case .mock(let statusCode, let body):
            properties += mockIntegration(statusCode: statusCode, body: body, headers: corsHeaders ?? [], range: range)
        case .function(let function):
            let uri = "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
                + "${\(function.logicalId).Arn}/invocations"
            properties.append(("Integration", .object([
                ("IntegrationHttpMethod", .string("POST", function.range)),
                ("Type", .string("AWS_PROXY", function.range)),
                ("Uri", .sub(uri, function.range)),
            ], function.range)))
        }
        return Resource(logicalId: method.logicalId, type: "AWS::ApiGateway::Method", properties: properties, origin: range)
    }

    /// A MOCK integration answering `statusCode` (with `body` as its response
    /// template), its one integration response and the matching method
    /// response, with `headers` as static response headers on both.
    private func mockIntegration(
        statusCode: Located<Int>, body: Located<String>?, headers: [(String, TemplateValue)], range: SourceRange
    ) -> [(String, TemplateValue)] {
        let code = TemplateValue.string(String(statusCode.value), statusCode.range)
        var integrationResponse: [(String, TemplateValue)] = [("StatusCode", code)]
        var methodResponse: [(String, TemplateValue)] = [("StatusCode", code)]
        if let body {
            integrationResponse.append(("ResponseTemplates", .object([("application/json", .string(body.value, body.range))], body.range)))
        }
        if !headers.isEmpty {
            integrationResponse.append(("ResponseParameters", .object(
                headers.map { ("method.response.header." + $0.0, $0.1) }, range)))
            methodResponse.append(("ResponseParameters", .object(
                headers.map { ("method.response.header." + $0.0, .bool(true, range)) }, range)))
        }
        return [
            ("Integration", .object([
                ("IntegrationResponses", .array([.object(integrationResponse, statusCode.range)], statusCode.range)),
                ("RequestTemplates", .object([
                    ("application/json", .string("{\"statusCode\": \(statusCode.value)}", statusCode.range)),
                ], statusCode.range)),
                ("Type", .string("MOCK", range)),
            ], range)),
            ("MethodResponses", .array([.object(methodResponse, statusCode.range)], statusCode.range)),
        ]
    }

    /// The headers `cors` puts on a preflight and on every MOCK response:
    /// `Access-Control-Allow-Origin`, and with `allowCredentials: true`,
    /// `Access-Control-Allow-Credentials: 'true'` (its only valid value).
    private func corsHeaders(_ cors: CORSSettings) -> [(String, TemplateValue)] {
        var headers = [("Access-Control-Allow-Origin", quotedHeaderValue(cors.allowOrigin))]
        if let credentials = cors.allowCredentials, credentials.value {
            headers.append(("Access-Control-Allow-Credentials", .string("'true'", credentials.range)))
        }
        return headers
    }

    /// A static header value in an integration response is a quoted literal: `'*'`.
    private func quotedHeaderValue(_ value: StringValue) -> TemplateValue {
        var quoted = value
        quoted.interpolated.segments = [.literal("'")] + value.interpolated.segments + [.literal("'")]
        guard value.interpolated.hasExpressions else { return .string("'\(value.text)'", value.range) }
        return emitter.emit(quoted)
    }

    // MARK: permissions

    /// Lets API Gateway invoke the function for this route only: any stage,
    /// this method (`*` for ANY), this path with each `{param}` as `*`.
    private func permission(_ method: APIRoutePlan.Method, function: Name, apiId: String) -> Resource {
        let verb = method.httpMethod == APIGateway.anyMethod ? "*" : method.httpMethod
        let path = method.path == "/"
            ? "/"
            : APIRoutePlan.prefixes(of: method.path).map { $0.segment.first == "{" ? "/*" : "/" + $0.segment }.joined()
        let arn = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${\(apiId)}/*/\(verb)\(path)"
        return Resource(logicalId: method.permissionId, type: "AWS::Lambda::Permission", properties: [
            ("Action", .string("lambda:InvokeFunction", function.range)),
            ("FunctionName", .getAtt(function.logicalId, "Arn", function.range)),
            ("Principal", .string(IAM.ServicePrincipal.apiGateway, function.range)),
            ("SourceArn", .sub(arn, method.range)),
        ], origin: method.range)
    }
}
