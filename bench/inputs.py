"""Ordinary inputs for the benchmark, generated deterministically.

mixed(n): a spec of n declared resources of every kind (queues with a
dead-letter queue, buckets with lifecycle rules, functions with sqs, s3 and
schedule triggers and permissions, APIs with a function route, a mock route
and CORS, raw SNS topics and SSM parameters), each group referring back to
the resources before it, so any prefix is a valid spec. mixed(QUOTA_MIXED)
lowers to 500 resources, CloudFormation's quota (each bucket with its
bucket policy, each api with its access-log group).

queues(n): n queues, each but the last redriving to the next.

monorepo(directory): a directory of 1,000 mixed specs of 50 resources each
(15 declared, which lower to 51 CloudFormation resources), as a repository
of many stacks gives one `formwork lint DIR`.

Hostile inputs are in hostile.py.
"""

import os

QUOTA_MIXED = 140  # the largest mixed(n) within the resource quota (500 resources)
MONOREPO_MIXED = 15  # mixed(15) lowers to 51 resources


def _group(i):
    return [
        f"  d{i}:\n    kind: queue\n    retentionDays: 14",
        f"  q{i}:\n    kind: queue\n    visibilityTimeout: 60\n"
        f"    deadLetter: {{ queue: d{i}, maxReceiveCount: 5 }}",
        f"  b{i}:\n    kind: bucket\n    lifecycle:\n      - id: archive\n        prefix: incoming/\n"
        f"        transitions:\n          - {{ days: 30, storageClass: STANDARD_IA }}\n"
        f"          - {{ days: 90, storageClass: GLACIER }}",
        f"  f{i}:\n    kind: function\n    handler: index.handler\n    code:\n      inline: |\n"
        f"        exports.handler = async () => ({{ statusCode: 200 }});\n"
        f"    environment:\n      QUEUE_URL: ${{q{i}.url}}\n      BUCKET: ${{b{i}.name}}\n"
        f"    triggers:\n      - sqs: {{ queue: q{i}, batchSize: 10 }}\n"
        f'      - s3: {{ bucket: b{i}, events: ["s3:ObjectCreated:*"], prefix: in/ }}\n'
        f"      - schedule: rate(1 hour)\n"
        f"    permissions:\n      - read: b{i}\n      - sendMessage: d{i}",
        f"  a{i}:\n    kind: api\n    stage: ${{env}}\n    auth: none\n"
        f'    cors: {{ allowOrigin: "*" }}\n    routes:\n      GET /items/{{id}}:\n        function: f{i}\n'
        f"      POST /items:\n        mock: {{ statusCode: 202, body: '{{\"queued\":true}}' }}",
        f"  t{i}:\n    type: AWS::SNS::Topic\n    properties:\n      TopicName: topic-{i}-${{env}}",
        f"  p{i}:\n    type: AWS::SSM::Parameter\n    properties:\n      Name: /bench/${{env}}/p{i}\n"
        f"      Type: String\n      Value: ${{q{i}.arn}}",
    ]


def mixed(n, stack=None):
    head = [
        "formwork: 1",
        f"stack: {stack or f'mixed-{n}'}",
        "parameters:",
        "  env: { type: string, default: dev }",
        "tags:",
        "  project: bench",
        "  environment: ${env}",
        "defaults:",
        "  function: { runtime: nodejs22.x, timeout: 30, memory: 256 }",
        "resources:",
    ]
    body, i = [], 0
    while len(body) < n:
        body += _group(i)
        i += 1
    return "\n".join(head + body[:n]) + "\n"


def queues(n):
    lines = ["formwork: 1", f"stack: queues-{n}", "resources:"]
    lines += [f"  q{i}: {{ kind: queue, retentionDays: 4, deadLetter: {{ queue: q{i + 1} }} }}" for i in range(n - 1)]
    lines.append(f"  q{n - 1}: {{ kind: queue }}")
    return "\n".join(lines) + "\n"


def monorepo(directory, specs=1000, declared=MONOREPO_MIXED):
    os.makedirs(directory, exist_ok=True)
    for s in range(specs):
        with open(os.path.join(directory, f"stack-{s:04}.yaml"), "w") as f:
            f.write(mixed(declared, stack=f"stack-{s:04}"))
    return directory
