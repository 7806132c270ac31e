"""The deploy test: every golden template created on LocalStack, judged, deleted.

Run by deploy/run.sh (`make deploy-test`) with the deploy test's own Python.
For each golden template (golden/*.json but the source maps), with its
default parameters and then with each parameter set in specs/<stem>.deploy.json:
create the stack, wait (bounded), record the outcome and every failure
reason, judge what was created (checks.py, api.py), delete the stack, and
check what its deletion policies keep. Then each template in
deploy/broken/ must fail, with the reason its Metadata names. Output: one
line a verdict, then `N passed, N failed, N skipped`; exit status 1 on any
failure, 2 when the test could not run.

    main.py [--only NAME ...]     only the named templates (golden or broken stems)
"""

import argparse
import io
import json
import os
import signal
import sys
import time
import zipfile
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

import api
import checks
import noverdict
from aws import Aws
from emulator import ENDPOINT, Emulator, PortTaken
from report import Comparison, Verdicts, failed, no_verdict, passed
from template import Context, Template

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CREATE_TIMEOUT = 60.0
# A template body passed inline may be at most 51,200 bytes (FW6010); a larger
# one goes through S3, as CloudFormation requires, in the fixture bucket.
INLINE_TEMPLATE_BYTES = 51_200
TEMPLATE_BUCKET = "build-artifacts"
DELETE_TIMEOUT = 30.0
RUN_TIMEOUT = int(os.environ.get("DEPLOY_TEST_TIMEOUT", "300"))
CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]

# Judged with their API, in api.py.
API_PARTS = {"AWS::ApiGateway::Resource", "AWS::ApiGateway::Method", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage"}




def parameter_sets(stem):
    """The parameter sets of specs/<stem>.deploy.json, after the defaults ({})."""
    sets = deploy_settings(stem).get("parameterSets", [])
    return [{}] + [dict(s) for s in sets]


def deploy_settings(stem):
    """specs/<stem>.deploy.json: "parameterSets", and "notCreated", why a
    stack cannot be created on the emulator at all (it gets one NO VERDICT)."""
    path = ROOT / "specs" / f"{stem}.deploy.json"
    return json.loads(path.read_text()) if path.exists() else {}


def case_label(name, overrides):
    return name if not overrides else f"{name} [" + ", ".join(f"{k}={v}" for k, v in overrides.items()) + "]"


def stack_name(name, index):
    return name if index == 0 else f"{name}-set{index}"


# --- fixtures -------------------------------------------------------------

def create_fixtures(aws, verdicts):
    """What templates expect to exist before them (deploy/fixtures.json)."""
    spec = json.loads((DEPLOY / "fixtures.json").read_text())
    for bucket in spec.get("buckets", []):
        name = bucket["name"]
        try:
            aws.s3.create_bucket(Bucket=name)
            for key, kind in bucket.get("objects", {}).items():
                aws.s3.put_object(Bucket=name, Key=key, Body=fixture_body(kind))
            verdicts.line(f"fixture: bucket {name} with {', '.join(bucket.get('objects', {})) or 'no objects'}")
        except (ClientError, BotoCoreError) as error:
            verdicts.record(failed(f"cannot create bucket {name}: {error}"), "fixture")


def fixture_body(kind):
    if kind == "zip":  # a function package; its code never runs
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("README", "Formwork deploy test fixture: never executed.\n")
        return buffer.getvalue()
    return kind.encode()


# --- one stack ------------------------------------------------------------

def all_events(aws, stack_id):
    events, token = [], None
    while True:
        page = aws.cloudformation.describe_stack_events(StackName=stack_id, **({"NextToken": token} if token else {}))
        events += page["StackEvents"]
        token = page.get("NextToken")
        if not token:
            return events


def wait_for(aws, stack_id, timeout, done):
    """The stack's last description once `done(status)` or the bound passed."""
    deadline = time.monotonic() + timeout
    while True:
        stack = aws.cloudformation.describe_stacks(StackName=stack_id)["Stacks"][0]
        if done(stack["StackStatus"]) or time.monotonic() > deadline:
            return stack
        time.sleep(0.2)


def run_case(aws, template, overrides, name, account):
    """Every verdict on one stack: created, judged, deleted."""
    results = []
    try:
        values = template.parameter_values(overrides)
    except ValueError as error:
        return [failed(f"bad parameter set: {error}")]
    ctx = Context(template, values, stack_name=name, account=account)
    ctx.get_att = aws.get_att
    # A type the emulator cannot create offline: the stack is not created at all.
    blocked = sorted({subject for r in ctx.active_resources().values() for subject in noverdict.blocking(r)})
    if blocked:
        return [no_verdict(f"not created, it holds {subject}: {noverdict.NOT_CREATED[subject]}", [subject])
                for subject in blocked]
    started = time.monotonic()
    try:
        if len(template.text.encode()) > INLINE_TEMPLATE_BYTES:
            key = f"templates/{name}.json"
            aws.s3.put_object(Bucket=TEMPLATE_BUCKET, Key=key, Body=template.text.encode())
            body = {"TemplateURL": f"{ENDPOINT}/{TEMPLATE_BUCKET}/{key}"}
        else:
            body = {"TemplateBody": template.text}
        stack_id = aws.cloudformation.create_stack(
            StackName=name, Capabilities=CAPABILITIES, OnFailure="DO_NOTHING",
            Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in overrides.items()], **body)["StackId"]
    except ClientError as error:
        return [failed(f"the stack was refused: {error.response['Error'].get('Message', error)}")]
    ctx.stack_id = stack_id
    try:
        stack = wait_for(aws, stack_id, CREATE_TIMEOUT, lambda s: not s.endswith("_IN_PROGRESS"))
        seconds = time.monotonic() - started
        events = all_events(aws, stack_id)
        status = stack["StackStatus"]
        reasons = [f"{e['LogicalResourceId']} ({e.get('ResourceType')}): {' '.join(e['ResourceStatusReason'].split())}"
                   for e in reversed(events)
                   if e["ResourceStatus"].endswith("FAILED") and e.get("ResourceStatusReason")
                   and e["LogicalResourceId"] != name]
        if stack.get("StackStatusReason"):
            reasons.append(stack["StackStatusReason"])
        if status != "CREATE_COMPLETE":
            state = "still CREATE_IN_PROGRESS after the bound" if status.endswith("IN_PROGRESS") else status
            results.append(failed(f"stack {state} in {seconds:.1f} s: " + (" | ".join(dict.fromkeys(reasons)) or "no reason given")))
            return results
        resources = {r["LogicalResourceId"]: r for r in
                     aws.cloudformation.list_stack_resources(StackName=stack_id)["StackResourceSummaries"]}
        ctx.physical = {k: r.get("PhysicalResourceId") for k, r in resources.items()}
        results.append(passed(f"created in {seconds:.1f} s: {len(resources)} resources"))
        results += judge(aws, ctx, resources, events, stack)
    finally:
        results += delete(aws, ctx, stack_id)
    return results


def judge(aws, ctx, resources, events, stack):
    results = []
    template = ctx.template
    active = ctx.active_resources()

    # The resources the conditions select exist, the others don't.
    missing = sorted(set(active) - set(resources))
    extra = sorted(set(resources) - set(active))
    incomplete = sorted(k for k, r in resources.items() if r["ResourceStatus"] != "CREATE_COMPLETE")
    if missing or extra or incomplete:
        results.append(failed("resources: " + "; ".join(filter(None, [
            missing and f"missing {missing}", extra and f"not selected by the conditions yet created {extra}",
            incomplete and f"not CREATE_COMPLETE {incomplete}"]))))
    else:
        left_out = len(template.resources) - len(active)
        results.append(passed(f"resources: the {len(active)} its conditions select exist" + (f", the {left_out} they leave out do not" if left_out else "")))

    # Outputs likewise.
    outputs = {o["OutputKey"]: o for o in stack.get("Outputs", [])}
    declared = {k for k in template.outputs if ctx.active(k)}
    if set(outputs) != declared:
        results.append(failed(f"outputs: declared {sorted(declared)}, the stack has {sorted(outputs)}"))
    elif declared:
        results.append(passed(f"outputs: {len(declared)} as declared"))

    # Unsupported types: no verdict, and the list in one place stays true.
    fallbacks = {e["LogicalResourceId"] for e in events if "deployed as a fallback" in (e.get("ResourceStatusReason") or "")}
    for logical in sorted(active):
        kind = template.resources[logical]["Type"]
        if logical in fallbacks and kind in noverdict.TYPES:
            results.append(no_verdict(f"{logical} ({kind}) was deployed as a fallback: {noverdict.TYPES[kind]}", [kind]))
        elif logical in fallbacks:
            results.append(failed(f"{logical} ({kind}) was deployed as a fallback (not supported by the emulator): "
                                  "add the type to deploy/no-verdict.txt"))
        elif kind in noverdict.TYPES:
            results.append(failed(f"{logical} ({kind}) deployed for real, yet deploy/no-verdict.txt lists the type as unsupported: remove it"))
    for logical in sorted(active):
        kind = template.resources[logical]["Type"]
        props = [p for p in template.resources[logical].get("Properties", {}) if noverdict.dropped(kind, p)]
        if props:
            results.append(no_verdict(f"{logical} ({kind}): the emulator drops {', '.join(props)}",
                                      [f"{kind}.{p}" for p in props]))

    # What the emulator kept, resource by resource.
    for logical in sorted(active, key=lambda k: (template.resources[k]["Type"], k)):
        kind = template.resources[logical]["Type"]
        if logical in fallbacks or logical not in ctx.physical:
            continue
        try:
            if kind == "AWS::ApiGateway::RestApi":
                results += api.check_api(ctx, aws, logical)
            elif kind in checks.CHECKERS:
                results.append(checks.CHECKERS[kind](ctx, aws, logical, template.resources[logical]))
            elif kind not in API_PARTS:
                results.append(passed(f"{logical} ({kind}) created; nothing of it is read back"))
        except (ClientError, BotoCoreError) as error:
            results.append(failed(f"{logical} ({kind}): reading it back failed: {error}"))
    return results


def delete(aws, ctx, stack_id):
    """Delete the stack (bounded), then check its deletion policies: retained
    buckets and queues still exist (and are then removed by us, so that a
    later stack cannot take them over), deleted ones are gone."""
    started = time.monotonic()
    try:
        aws.cloudformation.delete_stack(StackName=stack_id)
        stack = wait_for(aws, stack_id, DELETE_TIMEOUT, lambda s: s == "DELETE_COMPLETE")
    except (ClientError, BotoCoreError) as error:
        return [failed(f"deleting the stack failed: {error}")]
    seconds = time.monotonic() - started
    if stack["StackStatus"] != "DELETE_COMPLETE":
        return [failed(f"stack {stack['StackStatus']} {seconds:.0f} s after delete_stack: {stack.get('StackStatusReason') or 'no reason given'}")]
    if not ctx.physical:
        return [passed(f"deleted in {seconds:.1f} s")]
    cmp = Comparison(f"deleted in {seconds:.1f} s")
    for logical, resource in ctx.active_resources().items():
        physical = ctx.physical.get(logical)
        if resource["Type"] not in ("AWS::S3::Bucket", "AWS::SQS::Queue") or not physical:
            continue
        retain = resource.get("DeletionPolicy", "Delete") in ("Retain", "RetainExceptOnCreate")
        exists = resource_exists(aws, resource["Type"], physical)
        if retain and exists:
            cmp.ok(f"{logical} retained")
            remove(aws, resource["Type"], physical)
        elif retain:
            cmp.fail(f"{logical} has DeletionPolicy {resource['DeletionPolicy']} but is gone")
        elif exists:
            cmp.fail(f"{logical} outlived its stack (DeletionPolicy {resource.get('DeletionPolicy', 'Delete')})")
            remove(aws, resource["Type"], physical)
        else:
            cmp.ok(f"{logical} gone")
    if not cmp.matched and not cmp.mismatched:
        return [passed(f"deleted in {seconds:.1f} s")]
    return [cmp.result()]


def resource_exists(aws, kind, physical):
    try:
        if kind == "AWS::S3::Bucket":
            aws.s3.head_bucket(Bucket=physical)
        else:
            aws.sqs.get_queue_attributes(QueueUrl=physical, AttributeNames=["QueueArn"])
        return True
    except ClientError:
        return False


def remove(aws, kind, physical):
    try:
        if kind == "AWS::S3::Bucket":
            for page in aws.s3.get_paginator("list_object_versions").paginate(Bucket=physical):
                for item in page.get("Versions", []) + page.get("DeleteMarkers", []):
                    aws.s3.delete_object(Bucket=physical, Key=item["Key"], VersionId=item["VersionId"])
            aws.s3.delete_bucket(Bucket=physical)
        else:
            aws.sqs.delete_queue(QueueUrl=physical)
    except ClientError:
        pass


# --- the broken templates ---------------------------------------------------

def run_broken(aws, template, account):
    """A broken template must fail, for the reason its Metadata names."""
    expected = template.metadata.get("FormworkDeployTest", {}).get("expectFailure")
    if not expected:
        return failed("declares no Metadata.FormworkDeployTest.expectFailure")
    results = run_case(aws, template, {}, f"broken-{template.name}", account)
    failures = [r.text for r in results if r.kind == "fail"]
    matching = [f for f in failures if expected in f]
    if matching:
        return passed(f"fails as it must: {matching[0]}")
    if failures:
        return failed(f"fails, but not with {expected!r}: " + " | ".join(failures))
    return failed(f"deployed and passed every check, yet it must fail with {expected!r}: the judge cannot fail")


# --- main -----------------------------------------------------------------

def guarded(function, *args):
    """A case's verdicts; an error of the emulator's API or of the judge
    itself fails that case, and the others still run."""
    try:
        return function(*args)
    except (ClientError, BotoCoreError) as error:
        return [failed(f"the emulator's API failed: {error}")]
    except Exception as error:  # a bug of the judge: a failure, never a pass
        return [failed(f"the judge failed: {type(error).__name__}: {error}")]


class Interrupted(BaseException):
    pass


def on_signal(number, frame):
    raise Interrupted(signal.Signals(number).name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", default=None, help="template stems to run")
    args = parser.parse_args()

    goldens = [Template(p) for p in sorted((ROOT / "golden").glob("*.json")) if not p.name.endswith(".map.json")]
    broken = [Template(p) for p in sorted((DEPLOY / "broken").glob("*.json"))]
    if args.only:
        goldens = [t for t in goldens if t.name in args.only]
        broken = [t for t in broken if t.name in args.only]

    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"  # the driver's boto3 too: static credentials, no IMDS
    verdicts = Verdicts()
    # SIGINT too: a shell without job control starts background commands with it ignored.
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGALRM):
        signal.signal(number, on_signal)
    signal.alarm(RUN_TIMEOUT)
    emulator = Emulator(sys.executable)
    started = time.monotonic()
    status = 0
    try:
        emulator.start()
        verdicts.line(f"deploy-test: LocalStack {emulator.version} ready on 127.0.0.1:4566 in {emulator.ready_seconds:.1f} s "
                      f"(pid {emulator.process.pid}, log {emulator.log_path})")
        aws = Aws()
        account = aws.account()
        create_fixtures(aws, verdicts)
        reported = set()
        for template in goldens:
            if why := deploy_settings(template.name).get("notCreated"):
                verdicts.record(no_verdict(f"not created: {why}", [f"{template.name}.deploy.json"]), template.name)
                continue
            for index, overrides in enumerate(parameter_sets(template.name)):
                label = case_label(template.name, overrides)
                for result in guarded(run_case, aws, template, overrides, stack_name(template.name, index), account):
                    verdicts.record(result, label)
                emulator.sample_memory()
                for connection in set(emulator.remote_connections()) - reported:
                    reported.add(connection)  # sampled after each case; each connection once
                    verdicts.record(failed(f"the emulator reached beyond loopback: {connection}"), label)
        for template in broken:
            for result in guarded(lambda *a: [run_broken(*a)], aws, template, account):
                verdicts.record(result, f"broken/{template.name}")
    except PortTaken as error:
        verdicts.record(failed(str(error)), "deploy-test")
        status = 2
    except Interrupted as why:
        reason = f"the whole step took longer than {RUN_TIMEOUT} s" if str(why) == "SIGALRM" else f"interrupted by {why}"
        verdicts.record(failed(f"{reason}: stopped"), "deploy-test")
        status = 2
    except KeyboardInterrupt:
        verdicts.record(failed("interrupted: stopped"), "deploy-test")
        status = 2
    except (RuntimeError, ClientError, BotoCoreError, OSError) as error:
        verdicts.record(failed(f"could not run: {error}"), "deploy-test")
        status = 2
    finally:
        signal.alarm(0)
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_IGN)  # the emulator is stopped, whatever comes now
        emulator.stop()
        emulator.cleanup(keep=verdicts.failed > 0 or os.environ.get("DEPLOY_TEST_KEEP") == "1")

    if verdicts.no_verdicts:
        kinds = sorted({key for _, _, keys in verdicts.no_verdicts for key in keys})
        verdicts.line(f"deploy-test: no verdict on {len(verdicts.no_verdicts)} resources or properties "
                      f"({', '.join(kinds)}): see deploy/no-verdict.txt")
    if verdicts.failures:
        verdicts.line(f"deploy-test: {len(verdicts.failures)} failures:")
        for case, text in verdicts.failures:
            verdicts.line(f"  {case}: {text}")
    memory = f", emulator peak RSS {emulator.peak_rss_kb / 1024:.0f} MiB" if emulator.peak_rss_kb else ""
    stop = f", stopped in {emulator.stop_seconds:.1f} s" if emulator.stop_seconds is not None else ""
    verdicts.line(f"deploy-test: {len(goldens)} golden and {len(broken)} broken templates in {time.monotonic() - started:.1f} s{memory}{stop}")
    verdicts.line(verdicts.closing())
    return status or (1 if verdicts.failed else 0)


if __name__ == "__main__":
    sys.exit(main())
