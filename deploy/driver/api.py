"""An API Gateway REST API judged whole: its stages, every method on its
path with its integration, and every MOCK route and CORS preflight called.

What a MOCK route must answer is read from the template, not the spec: the
Method's Integration names the status code its request template selects,
and the integration response chosen for it (the one whose SelectionPattern
matches, else the one without a pattern) gives the status, the
`application/json` body and the static response headers. A 403 (what a
missing stage or route answers), an undeclared 5xx, or a missing stage fails.
"""

import json
import re
import urllib.error
import urllib.request

from emulator import ENDPOINT
from report import failed, passed

SAMPLE = "sample"  # what a {name} path parameter is called with
GREEDY_SAMPLE = "a/b"  # and a {name+}
PROBE_TIMEOUT = 5.0


def method_path(ctx, method_props, api_logical):
    """The path of a Method's resource, from the template's Resource chain."""
    node = method_props.get("ResourceId")
    parts = []
    for _ in range(64):
        if isinstance(node, dict) and "Fn::GetAtt" in node:
            target, attribute = node["Fn::GetAtt"] if isinstance(node["Fn::GetAtt"], list) else node["Fn::GetAtt"].split(".", 1)
            if target == api_logical and attribute == "RootResourceId":
                return "/" + "/".join(reversed(parts))
        if isinstance(node, dict) and "Ref" in node:
            resource = ctx.template.resources.get(node["Ref"], {})
            if resource.get("Type") == "AWS::ApiGateway::Resource":
                parts.append(resource["Properties"]["PathPart"])
                node = resource["Properties"]["ParentId"]
                continue
        return None
    return None


def refers_to(node, logical):
    return node == {"Ref": logical}


def call(method, url, headers):
    request = urllib.request.Request(url, method=method, headers=headers,
                                     data=b"" if method in ("POST", "PUT", "PATCH") else None)
    try:
        with urllib.request.urlopen(request, timeout=PROBE_TIMEOUT) as response:
            return response.status, response.read().decode(errors="replace"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), error.headers


def expected_answer(integration):
    """(status, body or None, {header: value}, problems) of a MOCK integration."""
    problems = []
    template = (integration.get("RequestTemplates") or {}).get("application/json", "")
    try:
        status = str(json.loads(template)["statusCode"])
    except (ValueError, KeyError, TypeError):
        return None, None, {}, [f"its request template {template!r} names no statusCode"]
    responses = integration.get("IntegrationResponses") or []
    chosen = [r for r in responses if r.get("SelectionPattern") and re.fullmatch(r["SelectionPattern"], status)]
    chosen = chosen or [r for r in responses if not r.get("SelectionPattern")]
    if not chosen:
        return None, None, {}, [f"no integration response is selected for status {status}: API Gateway answers 500"]
    response = chosen[0]
    body = (response.get("ResponseTemplates") or {}).get("application/json", "")
    if "$" in body or "#" in body:
        body = None  # a mapping template: its output is not compared
    headers = {}
    for key, value in (response.get("ResponseParameters") or {}).items():
        if key.startswith("method.response.header.") and isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == "'":
            headers[key[len("method.response.header."):]] = value[1:-1]
    return str(response.get("StatusCode")), body, headers, problems


def check_api(ctx, aws, api_logical):
    results = []
    api_id = ctx.physical[api_logical]
    label = f"API {api_logical}"

    # Stages: those the template declares, each on its deployment.
    stages_declared = {}
    for logical, stage in ctx.active_resources("AWS::ApiGateway::Stage").items():
        props = stage.get("Properties", {})
        if refers_to(props.get("RestApiId"), api_logical):
            name, reason = ctx.try_resolve(props.get("StageName"))
            deployment = ctx.physical.get((props.get("DeploymentId") or {}).get("Ref", ""), None)
            stages_declared[name] = (logical, deployment, props)
    for logical, deployment in ctx.active_resources("AWS::ApiGateway::Deployment").items():
        props = deployment.get("Properties", {})
        if refers_to(props.get("RestApiId"), api_logical) and "StageName" in props:
            name, _ = ctx.try_resolve(props["StageName"])
            stages_declared[name] = (logical, ctx.physical.get(logical), {})
    live_stages = {s["stageName"]: s for s in aws.apigateway.get_stages(restApiId=api_id).get("item", [])}
    if not live_stages:
        results.append(failed(f"{label} has no stage: every endpoint answers 403 (declared: {sorted(stages_declared) or 'none'})"))
    for name, (logical, deployment, props) in stages_declared.items():
        stage = live_stages.get(name)
        if stage is None:
            results.append(failed(f"{label}: stage {name} ({logical}) does not exist; the API has {sorted(live_stages)}"))
        elif deployment and stage.get("deploymentId") != deployment:
            results.append(failed(f"{label}: stage {name} is on deployment {stage.get('deploymentId')}, not {deployment}"))
        else:
            text = f"{label}: stage {name} exists on its deployment"
            if "Tags" in props:
                tags, _ = ctx.try_resolve(props["Tags"])
                kept = {k: v for k, v in (stage.get("tags") or {}).items() if not k.startswith("aws:")}
                declared = {t["Key"]: str(t["Value"]) for t in tags or []}
                if declared != kept:
                    results.append(failed(f"{label}: stage {name} has tags {kept}, declared {declared}"))
                    continue
                text += ", with its tags"
            results.append(passed(text))

    # The API's own tags.
    api_props = ctx.template.resources[api_logical].get("Properties", {})
    if "Tags" in api_props:
        tags, reason = ctx.try_resolve(api_props["Tags"])
        if tags is not None:
            kept = {k: v for k, v in (aws.apigateway.get_rest_api(restApiId=api_id).get("tags") or {}).items() if not k.startswith("aws:")}
            declared = {t["Key"]: str(t["Value"]) for t in tags}
            results.append(passed(f"{label}: tags as declared") if kept == declared
                           else failed(f"{label}: tags {kept}, declared {declared}"))

    if "EndpointConfiguration" in api_props:
        endpoint, reason = ctx.try_resolve(api_props["EndpointConfiguration"])
        kept = aws.apigateway.get_rest_api(restApiId=api_id).get("endpointConfiguration", {}).get("types")
        if endpoint is not None:
            results.append(passed(f"{label}: endpoint types {kept} as declared") if kept == endpoint.get("Types")
                           else failed(f"{label}: endpoint types {kept}, declared {endpoint.get('Types')}"))

    # Every method on its path, with its integration.
    live_resources = {r["path"]: r for r in aws.apigateway.get_resources(restApiId=api_id, limit=500).get("items", [])}
    probes = []
    for logical, method in ctx.active_resources("AWS::ApiGateway::Method").items():
        props = method.get("Properties", {})
        if not refers_to(props.get("RestApiId"), api_logical):
            continue
        verb = props.get("HttpMethod")
        path = method_path(ctx, props, api_logical)
        where = f"{verb} {path}"
        if path is None:
            results.append(failed(f"{label}: {logical}: cannot follow its ResourceId to the API's root"))
            continue
        resource = live_resources.get(path)
        if resource is None:
            results.append(failed(f"{label}: {where} ({logical}): no resource {path} on the API"))
            continue
        try:
            live = aws.apigateway.get_method(restApiId=api_id, resourceId=resource["id"], httpMethod=verb)
        except aws.apigateway.exceptions.NotFoundException:
            results.append(failed(f"{label}: {where} ({logical}): no such method on the API"))
            continue
        integration, reason = ctx.try_resolve(props.get("Integration"))
        kept = live.get("methodIntegration")
        if integration is None and reason is None:
            results.append(failed(f"{label}: {where} ({logical}) declares no integration"))
            continue
        if kept is None:
            results.append(failed(f"{label}: {where} ({logical}) has no integration on the API"))
            continue
        if reason:
            results.append(failed(f"{label}: {where}: cannot compute its integration ({reason})"))
            continue
        problems = []
        if integration.get("Type") != kept.get("type"):
            problems.append(f"integration type {kept.get('type')}, declared {integration.get('Type')}")
        if "Uri" in integration and integration["Uri"] != kept.get("uri"):
            problems.append(f"integration URI {kept.get('uri')}, declared {integration['Uri']}")
        if "IntegrationHttpMethod" in integration and integration["IntegrationHttpMethod"] != kept.get("httpMethod"):
            problems.append(f"integration method {kept.get('httpMethod')}, declared {integration['IntegrationHttpMethod']}")
        if props.get("AuthorizationType", "NONE") != live.get("authorizationType"):
            problems.append(f"authorization {live.get('authorizationType')}, declared {props.get('AuthorizationType', 'NONE')}")
        if problems:
            results.append(failed(f"{label}: {where} ({logical}): " + "; ".join(problems)))
        else:
            results.append(passed(f"{label}: {where} exists with its {integration.get('Type')} integration"
                                  f" ({props.get('AuthorizationType', 'NONE')})"))
        if integration.get("Type") == "MOCK":
            probes.append((logical, verb, path, integration))

    # Every MOCK route and CORS preflight called, on every declared stage that exists.
    for stage_name in [n for n in stages_declared if n in live_stages] or list(live_stages)[:1]:
        for logical, verb, path, integration in probes:
            results += probe(label, api_id, stage_name, logical, verb, path, integration)
    return results


def probe(label, api_id, stage, logical, verb, path, integration):
    status, body, headers, problems = expected_answer(integration)
    where = f"{verb} {path} on stage {stage}"
    if problems:
        return [failed(f"{label}: {where} ({logical}): " + "; ".join(problems))]
    concrete = re.sub(r"\{[^}/]+\+\}", GREEDY_SAMPLE, re.sub(r"\{[^}/+]+\}", SAMPLE, path))
    url = f"{ENDPOINT}/_aws/execute-api/{api_id}/{stage}{concrete}"
    request_headers = {"Content-Type": "application/json"}
    if verb == "OPTIONS":
        request_headers.update({"Origin": headers.get("Access-Control-Allow-Origin", "https://example.com"),
                                "Access-Control-Request-Method": "GET"})
    results = []
    for sent in (["GET", "POST", "DELETE"] if verb == "ANY" else [verb]):
        shown = f"{sent} {path}" + (" (ANY)" if verb == "ANY" else "")
        try:
            got_status, got_body, got_headers = call(sent, url, request_headers)
        except OSError as error:
            results.append(failed(f"{label}: {shown} on stage {stage}: no answer ({error})"))
            continue
        problems = []
        if str(got_status) != status:
            why = " (what a missing stage or route answers)" if got_status == 403 else ""
            problems.append(f"answered {got_status}{why}, declared {status}")
        if body is not None and got_body != body:
            problems.append(f"body {got_body[:200]!r}, declared {body!r}")
        for name, value in headers.items():
            if got_headers.get(name) != value:
                problems.append(f"header {name}: {got_headers.get(name)!r}, declared {value!r}")
        kind = "CORS preflight " if verb == "OPTIONS" else ""
        if problems:
            results.append(failed(f"{label}: {kind}{shown} on stage {stage}: " + "; ".join(problems)))
        else:
            what = f"{status}" + (f" {body}" if body else "") + (f" with {', '.join(sorted(headers))}" if headers else "")
            results.append(passed(f"{label}: {kind}{shown} on stage {stage} answers {what}"))
    return results
