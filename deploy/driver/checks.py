"""What the emulator kept of each resource, compared with what the template
declares: one checker a resource type, one verdict line a resource.

A checker compares only properties the emulator is known to keep (a
property it drops is listed in deploy/no-verdict.txt and reported as no
verdict instead). API Gateway resources are judged together, an API at a
time, in api.py.
"""

import json
import time

from botocore.exceptions import ClientError

import noverdict
from report import Comparison
from template import NO_VALUE

CHECKERS = {}


def checker(type_name):
    def register(function):
        CHECKERS[type_name] = function
        return function
    return register


def user_tags(tags):
    """Tags as a dict, without the ones AWS (or the emulator) adds itself."""
    if isinstance(tags, list):
        tags = {t["Key"]: t["Value"] for t in tags}
    return {k: str(v) for k, v in (tags or {}).items() if not k.startswith("aws:")}


class Declared(dict):
    """A resource's properties without those the emulator drops
    (deploy/no-verdict.txt): what a checker may compare."""

    def __init__(self, resource):
        kind = resource.get("Type", "")
        super().__init__({k: v for k, v in resource.get("Properties", {}).items() if not noverdict.dropped(kind, k)})


def declared(ctx, cmp, props, name):
    """The resolved value of a declared property, or None (noted in `cmp`).
    A property an `Fn::If` resolves to `AWS::NoValue` is absent: None, and
    nothing to compare."""
    value, reason = ctx.try_resolve(props[name])
    if reason:
        cmp.cannot(name, reason)
        return None
    return None if value is NO_VALUE else value


def compare_tags(ctx, cmp, props, kept):
    if "Tags" not in props:
        return
    tags = declared(ctx, cmp, props, "Tags")
    if tags is not None:
        cmp.expect("Tags", user_tags(tags), user_tags(kept))


def as_str(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def error_code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "")


# --- S3 -------------------------------------------------------------------

def notification_entries(config, live):
    """A bucket's notifications as a sorted list of (kind, target, event, filter)."""
    entries = []
    kinds = (("Lambda", "LambdaConfigurations", "Function", "LambdaFunctionConfigurations", "LambdaFunctionArn"),
             ("Queue", "QueueConfigurations", "Queue", "QueueConfigurations", "QueueArn"),
             ("Topic", "TopicConfigurations", "Topic", "TopicConfigurations", "TopicArn"))
    for kind, declared_key, declared_target, live_key, live_target in kinds:
        for item in config.get(live_key if live else declared_key, []):
            if live:
                rules = item.get("Filter", {}).get("Key", {}).get("FilterRules", [])
                events, target = item.get("Events", []), item.get(live_target)
            else:
                rules = item.get("Filter", {}).get("S3Key", {}).get("Rules", [])
                events, target = [item.get("Event")], item.get(declared_target)
            rule_set = tuple(sorted((r["Name"].lower(), r["Value"]) for r in rules))
            entries += [(kind, target, event, rule_set) for event in events]
    return sorted(entries)


@checker("AWS::S3::Bucket")
def check_bucket(ctx, aws, logical, resource):
    props = Declared(resource)
    name = ctx.physical[logical]
    cmp = Comparison(f"bucket {logical} ({name})")
    try:
        aws.s3.head_bucket(Bucket=name)
    except ClientError as error:
        cmp.fail(f"the bucket does not exist: {error}")
        return cmp.result()
    if "BucketName" in props:
        cmp.expect("BucketName", declared(ctx, cmp, props, "BucketName"), name)
    if "NotificationConfiguration" in props:
        config = declared(ctx, cmp, props, "NotificationConfiguration")
        if config is not None:
            kept = aws.s3.get_bucket_notification_configuration(Bucket=name)
            cmp.expect("NotificationConfiguration", notification_entries(config, live=False), notification_entries(kept, live=True))
            if "EventBridgeConfiguration" in config:
                cmp.expect("EventBridgeConfiguration", True, "EventBridgeConfiguration" in kept)
    if "VersioningConfiguration" in props:
        status = declared(ctx, cmp, props, "VersioningConfiguration")
        if status is not None:
            cmp.expect("VersioningConfiguration", status.get("Status"), aws.s3.get_bucket_versioning(Bucket=name).get("Status"))
    if "Tags" in props:
        try:
            kept = aws.s3.get_bucket_tagging(Bucket=name)["TagSet"]
        except ClientError as error:
            kept = [] if error_code(error) == "NoSuchTagSet" else None
        compare_tags(ctx, cmp, props, kept)
    return cmp.result()


# --- SQS ------------------------------------------------------------------

QUEUE_ATTRIBUTES = ("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
                    "ReceiveMessageWaitTimeSeconds", "FifoQueue", "ContentBasedDeduplication",
                    "DeduplicationScope", "FifoThroughputLimit", "KmsMasterKeyId",
                    "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled")


@checker("AWS::SQS::Queue")
def check_queue(ctx, aws, logical, resource):
    props = Declared(resource)
    url = ctx.physical[logical]
    cmp = Comparison(f"queue {logical} ({url.rsplit('/', 1)[-1]})")
    try:
        kept = aws.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    except ClientError as error:
        cmp.fail(f"the queue does not exist: {error}")
        return cmp.result()
    if "QueueName" in props:
        cmp.expect("QueueName", declared(ctx, cmp, props, "QueueName"), url.rsplit("/", 1)[-1])
    for name in QUEUE_ATTRIBUTES:
        if name in props:
            value = declared(ctx, cmp, props, name)
            if value is not None:
                cmp.expect(name, as_str(value), kept.get(name))
    for name in ("RedrivePolicy", "RedriveAllowPolicy"):
        if name in props:
            value = declared(ctx, cmp, props, name)
            if value is not None:
                value = json.loads(value) if isinstance(value, str) else value
                live = json.loads(kept[name]) if name in kept else None
                stringify = lambda d: {k: as_str(v) for k, v in d.items()} if isinstance(d, dict) else d
                cmp.expect(name, stringify(value), stringify(live))
    if "Tags" in props:
        compare_tags(ctx, cmp, props, aws.sqs.list_queue_tags(QueueUrl=url).get("Tags", {}))
    return cmp.result()


@checker("AWS::SQS::QueuePolicy")
def check_queue_policy(ctx, aws, logical, resource):
    props = Declared(resource)
    cmp = Comparison(f"queue policy {logical}")
    queues, document = declared(ctx, cmp, props, "Queues"), declared(ctx, cmp, props, "PolicyDocument")
    for url in queues or []:
        policy = aws.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"].get("Policy")
        if document is not None:
            cmp.expect(f"PolicyDocument on {url.rsplit('/', 1)[-1]}", document, json.loads(policy) if policy else None)
    return cmp.result()


# --- Lambda ---------------------------------------------------------------

FUNCTION_FIELDS = ("Runtime", "Handler", "Timeout", "MemorySize", "Role", "Description", "Architectures", "PackageType")
ACTIVE_TIMEOUT = 15.0


@checker("AWS::Lambda::Function")
def check_function(ctx, aws, logical, resource):
    props = Declared(resource)
    name = ctx.physical[logical]
    cmp = Comparison(f"function {logical} ({name})")
    deadline = time.monotonic() + ACTIVE_TIMEOUT
    while True:
        try:
            function = aws.lambda_.get_function(FunctionName=name)
        except ClientError as error:
            cmp.fail(f"the function does not exist: {error}")
            return cmp.result()
        config = function["Configuration"]
        if config.get("State") != "Pending" or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    if config.get("State") == "Active":
        cmp.ok("Active")
    else:
        cmp.fail(f"state {config.get('State')} ({config.get('StateReason')}), not Active")
    if "FunctionName" in props:
        cmp.expect("FunctionName", declared(ctx, cmp, props, "FunctionName"), config.get("FunctionName"))
    for field in FUNCTION_FIELDS:
        if field in props:
            value = declared(ctx, cmp, props, field)
            if value is not None:
                cmp.expect(field, value, config.get(field))
    if "Environment" in props:
        env = declared(ctx, cmp, props, "Environment")
        if env is not None:
            cmp.expect("Environment", {k: as_str(v) for k, v in env.get("Variables", {}).items()},
                       config.get("Environment", {}).get("Variables", {}))
    if "DeadLetterConfig" in props:
        dlq = declared(ctx, cmp, props, "DeadLetterConfig")
        if dlq is not None:
            cmp.expect("DeadLetterConfig", dlq.get("TargetArn"), config.get("DeadLetterConfig", {}).get("TargetArn"))
    if "TracingConfig" in props:
        tracing = declared(ctx, cmp, props, "TracingConfig")
        if tracing is not None:
            cmp.expect("TracingConfig", tracing.get("Mode"), config.get("TracingConfig", {}).get("Mode"))
    if "LoggingConfig" in props:
        logging = declared(ctx, cmp, props, "LoggingConfig")
        if logging is not None:
            kept = config.get("LoggingConfig", {})
            cmp.expect("LoggingConfig", logging, {k: kept.get(k) for k in logging})
    if "ReservedConcurrentExecutions" in props:
        value = declared(ctx, cmp, props, "ReservedConcurrentExecutions")
        if value is not None:
            cmp.expect("ReservedConcurrentExecutions", int(value),
                       function.get("Concurrency", {}).get("ReservedConcurrentExecutions"))
    if "Tags" in props:
        compare_tags(ctx, cmp, props, function.get("Tags", {}))
    return cmp.result()


def statement_condition(statement, operator, key):
    for k, v in statement.get("Condition", {}).get(operator, {}).items():
        if k.lower() == key.lower():
            return v
    return None


@checker("AWS::Lambda::Permission")
def check_permission(ctx, aws, logical, resource):
    props = Declared(resource)
    sid = ctx.physical[logical]
    cmp = Comparison(f"permission {logical}")
    function = declared(ctx, cmp, props, "FunctionName")
    if function is None:
        return cmp.result()
    try:
        policy = json.loads(aws.lambda_.get_policy(FunctionName=function)["Policy"])
    except ClientError as error:
        cmp.fail(f"the function has no resource policy: {error}")
        return cmp.result()
    statements = [s for s in policy.get("Statement", []) if s.get("Sid") == sid]
    if not statements:
        cmp.fail(f"no statement {sid} in the function's policy")
        return cmp.result()
    statement = statements[0]
    cmp.expect("Action", declared(ctx, cmp, props, "Action"), statement.get("Action"))
    principal = declared(ctx, cmp, props, "Principal")
    kept = statement.get("Principal", {})
    kept = kept.get("Service") or kept.get("AWS") if isinstance(kept, dict) else kept
    cmp.expect("Principal", principal, kept)
    if "SourceArn" in props:
        cmp.expect("SourceArn", declared(ctx, cmp, props, "SourceArn"), statement_condition(statement, "ArnLike", "AWS:SourceArn"))
    if "SourceAccount" in props:
        cmp.expect("SourceAccount", as_str(declared(ctx, cmp, props, "SourceAccount")),
                   statement_condition(statement, "StringEquals", "AWS:SourceAccount"))
    return cmp.result()


@checker("AWS::Lambda::EventSourceMapping")
def check_event_source_mapping(ctx, aws, logical, resource):
    props = Declared(resource)
    uuid = ctx.physical[logical]
    cmp = Comparison(f"event source mapping {logical}")
    try:
        kept = aws.lambda_.get_event_source_mapping(UUID=uuid)
    except ClientError as error:
        cmp.fail(f"the mapping does not exist: {error}")
        return cmp.result()
    if "EventSourceArn" in props:
        cmp.expect("EventSourceArn", declared(ctx, cmp, props, "EventSourceArn"), kept.get("EventSourceArn"))
    function = declared(ctx, cmp, props, "FunctionName")
    if function is not None:
        arn = kept.get("FunctionArn", "")
        same = arn == function or arn.endswith(f":function:{function}")
        cmp.expect("FunctionName", function, function if same else arn)
    for name in ("BatchSize", "MaximumBatchingWindowInSeconds"):
        if name in props:
            value = declared(ctx, cmp, props, name)
            if value is not None:
                cmp.expect(name, int(value), kept.get(name))
    if "FunctionResponseTypes" in props:
        # Absent (an Fn::If to AWS::NoValue) reads back as no types.
        cmp.expect("FunctionResponseTypes", declared(ctx, cmp, props, "FunctionResponseTypes") or [], kept.get("FunctionResponseTypes", []))
    if "ScalingConfig" in props:
        scaling = declared(ctx, cmp, props, "ScalingConfig")
        if scaling is not None:
            cmp.expect("ScalingConfig", {k: int(v) for k, v in scaling.items()}, kept.get("ScalingConfig", {}))
    if "Tags" in props:
        compare_tags(ctx, cmp, props, aws.lambda_.list_tags(Resource=kept["EventSourceMappingArn"]).get("Tags", {}))
    if "Enabled" in props:
        enabled = as_str(declared(ctx, cmp, props, "Enabled")) == "true"
        cmp.expect("Enabled", enabled, kept.get("State") in ("Enabled", "Enabling", "Creating"))
    return cmp.result()


# --- EventBridge, SNS, SSM, IAM, Logs ---------------------------------------

def rule_name(physical):
    """(name, bus) of a rule's physical ID: `bus|name` on a custom bus, else the name."""
    bus, _, name = physical.rpartition("|")
    return name, bus or "default"


@checker("AWS::Events::Rule")
def check_rule(ctx, aws, logical, resource):
    props = Declared(resource)
    name, bus = rule_name(ctx.physical[logical])
    cmp = Comparison(f"rule {logical} ({name}" + (f" on {bus})" if bus != "default" else ")"))
    try:
        kept = aws.events.describe_rule(Name=name, EventBusName=bus)
    except ClientError as error:
        cmp.fail(f"the rule does not exist: {error}")
        return cmp.result()
    for field in ("ScheduleExpression", "State", "Description"):
        if field in props:
            cmp.expect(field, declared(ctx, cmp, props, field), kept.get(field))
    if "EventPattern" in props:
        pattern = declared(ctx, cmp, props, "EventPattern")
        cmp.expect("EventPattern", pattern, json.loads(kept["EventPattern"]) if "EventPattern" in kept else None)
    if "Tags" in props:
        compare_tags(ctx, cmp, props, aws.events.list_tags_for_resource(ResourceARN=kept["Arn"]).get("Tags", []))
    if "Targets" in props:
        targets = declared(ctx, cmp, props, "Targets")
        if targets is not None:
            live = aws.events.list_targets_by_rule(Rule=name, EventBusName=bus)["Targets"]
            summary = lambda items: sorted((t.get("Id"), t.get("Arn"), t.get("Input")) for t in items)
            cmp.expect("Targets", summary(targets), summary(live))
            settings = lambda items: sorted((t.get("Id"), json.dumps({k: t[k] for k in TARGET_SETTINGS if k in t}, sort_keys=True))
                                            for t in items)
            cmp.expect("Targets settings", settings(targets), settings(live))
    return cmp.result()


# What a rule's target keeps besides its ID, ARN and input, read back as declared.
TARGET_SETTINGS = ("InputTransformer", "RetryPolicy", "DeadLetterConfig", "InputPath")


@checker("AWS::Events::EventBus")
def check_event_bus(ctx, aws, logical, resource):
    props = Declared(resource)
    name = ctx.physical[logical]
    cmp = Comparison(f"event bus {logical} ({name})")
    try:
        kept = aws.events.describe_event_bus(Name=name)
    except ClientError as error:
        cmp.fail(f"the event bus does not exist: {error}")
        return cmp.result()
    if "Name" in props:
        cmp.expect("Name", declared(ctx, cmp, props, "Name"), kept.get("Name"))
    if "Tags" in props:
        compare_tags(ctx, cmp, props, aws.events.list_tags_for_resource(ResourceARN=kept["Arn"]).get("Tags", []))
    return cmp.result()


# --- Step Functions ---------------------------------------------------------

@checker("AWS::StepFunctions::StateMachine")
def check_state_machine(ctx, aws, logical, resource):
    """Name, role, type, logging and the definition as the emulator stores
    it (the declared one with its DefinitionSubstitutions applied)."""
    props = Declared(resource)
    arn = ctx.physical[logical]
    cmp = Comparison(f"state machine {logical} ({arn.rsplit(':', 1)[-1]})")
    try:
        kept = aws.stepfunctions.describe_state_machine(stateMachineArn=arn)
    except ClientError as error:
        cmp.fail(f"the state machine does not exist: {error}")
        return cmp.result()
    for field, key in (("StateMachineName", "name"), ("RoleArn", "roleArn"), ("StateMachineType", "type")):
        if field in props:
            cmp.expect(field, declared(ctx, cmp, props, field), kept.get(key))
    if "LoggingConfiguration" in props:
        logging = declared(ctx, cmp, props, "LoggingConfiguration")
        if logging is not None:
            live = kept.get("loggingConfiguration", {})
            lower = lambda d: {k[0].lower() + k[1:]: lower(v) for k, v in d.items()} if isinstance(d, dict) else (
                [lower(x) for x in d] if isinstance(d, list) else d)
            cmp.expect("LoggingConfiguration", lower(logging), {k: live.get(k) for k in lower(logging)})
    if "Definition" in props or "DefinitionString" in props:
        field = "Definition" if "Definition" in props else "DefinitionString"
        definition = declared(ctx, cmp, props, field)
        substitutions = declared(ctx, cmp, props, "DefinitionSubstitutions") if "DefinitionSubstitutions" in props else {}
        if definition is not None and substitutions is not None:
            text = json.dumps(definition) if field == "Definition" else definition
            for key, value in substitutions.items():
                text = text.replace("${" + key + "}", str(value))
            cmp.expect(field, json.loads(text), json.loads(kept.get("definition", "null")))
    return cmp.result()


@checker("AWS::SNS::Topic")
def check_topic(ctx, aws, logical, resource):
    props = Declared(resource)
    arn = ctx.physical[logical]
    cmp = Comparison(f"topic {logical} ({arn.rsplit(':', 1)[-1]})")
    try:
        kept = aws.sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    except ClientError as error:
        cmp.fail(f"the topic does not exist: {error}")
        return cmp.result()
    if "TopicName" in props:
        cmp.expect("TopicName", declared(ctx, cmp, props, "TopicName"), arn.rsplit(":", 1)[-1])
    for field in ("DisplayName", "FifoTopic", "KmsMasterKeyId"):
        if field in props:
            cmp.expect(field, as_str(declared(ctx, cmp, props, field)), kept.get(field))
    if "Tags" in props:
        compare_tags(ctx, cmp, props, aws.sns.list_tags_for_resource(ResourceArn=arn).get("Tags", []))
    return cmp.result()


@checker("AWS::SNS::Subscription")
def check_subscription(ctx, aws, logical, resource):
    props = Declared(resource)
    arn = ctx.physical[logical]
    cmp = Comparison(f"subscription {logical}")
    try:
        kept = aws.sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
    except ClientError as error:
        cmp.fail(f"the subscription does not exist: {error}")
        return cmp.result()
    for field, attribute in (("Protocol", "Protocol"), ("Endpoint", "Endpoint"), ("TopicArn", "TopicArn")):
        if field in props:
            cmp.expect(field, declared(ctx, cmp, props, field), kept.get(attribute))
    return cmp.result()


@checker("AWS::SSM::Parameter")
def check_parameter(ctx, aws, logical, resource):
    props = Declared(resource)
    name = ctx.physical[logical]
    cmp = Comparison(f"parameter {logical} ({name})")
    try:
        kept = aws.ssm.get_parameter(Name=name)["Parameter"]
    except ClientError as error:
        cmp.fail(f"the parameter does not exist: {error}")
        return cmp.result()
    for field in ("Type", "Value"):
        if field in props:
            cmp.expect(field, as_str(declared(ctx, cmp, props, field)), kept.get(field))
    if "Tags" in props:
        tags = aws.ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId=name).get("TagList", [])
        compare_tags(ctx, cmp, props, tags)
    return cmp.result()


@checker("AWS::IAM::Role")
def check_role(ctx, aws, logical, resource):
    """The role and its policies as declared; whether they allow anything is
    not judged (the emulator does not enforce IAM)."""
    props = Declared(resource)
    name = ctx.physical[logical]
    cmp = Comparison(f"role {logical} ({name})")
    try:
        role = aws.iam.get_role(RoleName=name)["Role"]
    except ClientError as error:
        cmp.fail(f"the role does not exist: {error}")
        return cmp.result()
    if "AssumeRolePolicyDocument" in props:
        cmp.expect("AssumeRolePolicyDocument", declared(ctx, cmp, props, "AssumeRolePolicyDocument"), role.get("AssumeRolePolicyDocument"))
    if "ManagedPolicyArns" in props:
        attached = aws.iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
        cmp.expect("ManagedPolicyArns", sorted(declared(ctx, cmp, props, "ManagedPolicyArns") or []), sorted(p["PolicyArn"] for p in attached))
    if "Policies" in props:
        policies = declared(ctx, cmp, props, "Policies")
        if policies is not None:
            kept = {n: aws.iam.get_role_policy(RoleName=name, PolicyName=n)["PolicyDocument"]
                    for n in aws.iam.list_role_policies(RoleName=name)["PolicyNames"]}
            cmp.expect("Policies", {p["PolicyName"]: p["PolicyDocument"] for p in policies}, kept)
    if "Tags" in props:
        compare_tags(ctx, cmp, props, aws.iam.list_role_tags(RoleName=name).get("Tags", []))
    return cmp.result()


@checker("AWS::Logs::LogGroup")
def check_log_group(ctx, aws, logical, resource):
    props = Declared(resource)
    name = ctx.physical[logical]
    cmp = Comparison(f"log group {logical} ({name})")
    groups = [g for g in aws.logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"] if g["logGroupName"] == name]
    if not groups:
        cmp.fail("the log group does not exist")
        return cmp.result()
    if "LogGroupName" in props:
        cmp.expect("LogGroupName", declared(ctx, cmp, props, "LogGroupName"), name)
    if "RetentionInDays" in props:
        cmp.expect("RetentionInDays", int(declared(ctx, cmp, props, "RetentionInDays")), groups[0].get("retentionInDays"))
    if "Tags" in props:
        compare_tags(ctx, cmp, props, aws.logs.list_tags_for_resource(resourceArn=groups[0]["arn"].removesuffix(":*")).get("tags", {}))
    return cmp.result()
