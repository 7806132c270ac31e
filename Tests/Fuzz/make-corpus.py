#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (Tests/Fuzz/corpus/<target>/):
every spec of specs/ and specs/invalid/ (its first 4 KiB, cut at a line
break), and structure-aware mutations of them: kinds swapped, keys
of one kind given to another, values of the wrong type, deep nesting,
long ${...} chains, when: expressions and YAML's own features. The
expression target gets every ${...} and when: text of the specs and
hand-made expressions. Deterministic: the same specs give the same files.

    python3 Tests/Fuzz/make-corpus.py DIR   # writes DIR/pipeline, DIR/expressions

`make fuzz-corpus` writes them to a temporary folder and keeps, in
Tests/Fuzz/corpus/, the smallest set that covers what they cover
(libFuzzer's -merge=1).
"""
import hashlib
import pathlib
import random
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "Tests/Fuzz/corpus"
MAX_LEN = {"pipeline": 16384, "expressions": 8192}  # the -max_len of `make fuzz`
SPEC_LEN = 4096  # a spec seed is cut here: the large limit specs repeat one shape
KINDS = ["bucket", "function", "queue", "api", "raw", "topic", ""]
KEYS = {
    "bucket": ["versioning: false", "retain: true", "publicAccess: true", "encryption: kms",
               "lifecycle: [{id: a, expiration: {days: 1}}]", "cors: {allowOrigin: '*'}"],
    "function": ["runtime: python3.13", "handler: a.b", "timeout: 900", "memory: 128",
                 "code: {inline: x}", "triggers: [{schedule: rate(1 minute)}]", "logs: {retentionDays: 7}",
                 "environment: {A: b}", "permissions: [{read: x}]", "deadLetter: q"],
    "queue": ["visibilityTimeout: 30", "retentionDays: 4", "deadLetter: {queue: q, maxReceiveCount: 3}"],
    "api": ["stage: v1", "auth: AWS_IAM", "routes: {GET /a: {mock: {statusCode: 200}}}", "cors: {allowOrigin: '*'}"],
    "raw": ["type: AWS::SNS::Topic", "properties: {TopicName: t}"],
    "any": ["when: env == 'prod'", "dependsOn: [a, b]", "tags: {a: b}", "description: ${x}"],
}
WRONG = ["[1, 2]", "{a: 1}", "true", "99999999999999999999", "-1", "''", "null", "~", "${missing}", "0x1F", ".nan",
         "1e309", "'007'", "!!binary aGVsbG8=", "*nowhere", "&a x", "[[[[]]]]", "|\n  block\n", "\"\\u0000\""]
CONDITIONS = [
    "env == 'prod'", "env != 'dev' && sourceBucketName", "!(a || b) && c", "a || b && c == 'x'", "!!a", "((((a))))",
    "env = prod", "env == prod", "a &&", "|| b", "'x' == 'y'", "${env} == 'prod'", "a.b.c", "a..b", "env == \"p\\\"q\"",
    "(" * 70 + "a" + ")" * 70, "!" * 70 + "a", " && ".join(f"c{i}" for i in range(40)), "a == 1.5e3", "é == 'ü'",
]
INTERPOLATIONS = [
    "${a}", "${a.arn}", "${aws.region}", "${a ?? 'x'}", "${a ?? b ?? 'c'}", "${'lit'}", "${42}", "${}", "${", "}", "$${a}",
    "${!a}", "${AWS::Region}", "${a.b.c.d}", "${a ?? }", "${ a ?? b }x${c}", "${${a}}", "${a b}", "${'unterminated}",
    "${'\\q'}", "${a.}", "${.a}", "$(env)", "{{env}}", "${" + " ?? ".join(f"p{i}" for i in range(70)) + "}",
    "x" * 40 + "${a}" * 30, "${a}é${b.url}ü", "${\"dq\"}", "${a??b}", "${a ?? '' ?? ''}",
]


def write(target, name, data):
    if isinstance(data, str):
        data = data.encode()
    data = data[: MAX_LEN[target]]
    (OUT / target / name).write_bytes(data)


def cut(data, limit):
    if len(data) <= limit:
        return data
    return data[: data.rfind(b"\n", 0, limit) + 1]


def pipeline(rng):
    specs = sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "specs/invalid").glob("*"))
    texts = {}
    for path in specs:
        data = cut(path.read_bytes(), SPEC_LEN)
        prefix = "invalid-" if path.parent.name == "invalid" else ""
        write("pipeline", f"spec-{prefix}{path.stem}.yaml", data)
        if not prefix:
            texts[path.stem] = data.decode()
    valid = sorted(texts)
    for stem in valid:
        text = texts[stem]
        lines = text.split("\n")
        # Kinds swapped.
        kinds = [i for i, line in enumerate(lines) if re.match(r"\s+kind: ", line)]
        for n, i in enumerate(rng.sample(kinds, min(2, len(kinds)))):
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
            swapped = lines[:i] + [indent + "kind: " + rng.choice(KINDS)] + lines[i + 1:]
            write("pipeline", f"kind-{stem}-{n}.yaml", "\n".join(swapped))
        # One kind's keys given to another.
        for n, i in enumerate(rng.sample(kinds, min(2, len(kinds)))):
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
            key = rng.choice(KEYS[rng.choice(sorted(KEYS))])
            write("pipeline", f"key-{stem}-{n}.yaml", "\n".join(lines[: i + 1] + [indent + key] + lines[i + 1:]))
        # Values of the wrong type.
        values = [i for i, line in enumerate(lines) if re.match(r"\s*[A-Za-z]\w*: \S", line)]
        for n, i in enumerate(rng.sample(values, min(3, len(values)))):
            key = lines[i].split(":")[0]
            write("pipeline", f"type-{stem}-{n}.yaml",
                  "\n".join(lines[:i] + [key + ": " + rng.choice(WRONG)] + lines[i + 1:]))
        # Interpolations and conditions in place of a value.
        for n, i in enumerate(rng.sample(values, min(2, len(values)))):
            key = lines[i].split(":")[0]
            value = "'" + rng.choice(INTERPOLATIONS).replace("'", "''") + "'"
            write("pipeline", f"interp-{stem}-{n}.yaml", "\n".join(lines[:i] + [key + ": " + value] + lines[i + 1:]))
        for n, i in enumerate(rng.sample(kinds, min(1, len(kinds)))):
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
            when = indent + "when: '" + rng.choice(CONDITIONS).replace("'", "''") + "'"
            write("pipeline", f"when-{stem}-{n}.yaml", "\n".join(lines[: i + 1] + [when] + lines[i + 1:]))
    base = texts["function-basic"]
    # Deep nesting: flow and block, under a raw resource's properties.
    head = "formwork: 1\nstack: deep\nresources:\n  r:\n    kind: raw\n    type: AWS::SNS::Topic\n    properties:\n"
    for depth in (20, 63, 64, 65, 200):
        write("pipeline", f"deep-flow-{depth}.yaml", head + "      A: " + "[" * depth + "]" * depth + "\n")
        block = "".join("  " * (3 + d) + f"k{d}:\n" for d in range(depth)) + "  " * (3 + depth) + "v: 1\n"
        write("pipeline", f"deep-block-{depth}.yaml", head + block)
    # Long ${...} chains and many interpolations (kept small: the many-interpolation shape is slow, issue 9).
    for depth in (10, 63, 64, 65):
        chain = " ?? ".join(["x"] * depth) + " ?? 'd'"
        write("pipeline", f"chain-{depth}.yaml", base.replace("STAGE: ${env}", "STAGE: ${" + chain + "}"))
    write("pipeline", "interpolations-200.yaml", base.replace("STAGE: ${env}", "STAGE: " + "${env}" * 200))
    # YAML's own features: anchors, aliases, merge keys, tags, documents, a BOM.
    yaml = [
        "formwork: 1\nstack: a\nresources:\n  a: &r\n    kind: queue\n  b: *r\n",
        "formwork: 1\nstack: a\nresources:\n  a: &r {kind: queue}\n  b:\n    <<: *r\n    retentionDays: 2\n",
        "formwork: !!int 1\nstack: !!str a\nresources: !!map\n  a: {kind: !!str bucket}\n",
        "formwork: 1\nstack: a\nresources:\n  a: {kind: bucket}\n---\nformwork: 1\n",
        "\ufeffformwork: 1\nstack: a\nresources:\n  a: {kind: bucket}\n",
        "%YAML 1.2\n---\nformwork: 1\nstack: a\nresources:\n  a: {kind: bucket}\n...\n",
        "formwork: 1\nstack: a\nresources:\n  a: {kind: bucket}\n  a: {kind: queue}\n",
        "formwork: 1\nstack: a\nresources:\n  ? [a, b]\n  : {kind: bucket}\n",
        "a: &a [*a]\n", "x: &x [&y [&z [1]]]\ny: [*x, *x, *x, *x]\n", "\t- x\n", "key: 'unterminated\n",
    ]
    for n, text in enumerate(yaml):
        write("pipeline", f"yaml-{n}.yaml", text)


def expressions():
    texts = set(INTERPOLATIONS) | set(CONDITIONS)
    for path in sorted((ROOT / "specs").rglob("*.yaml")):
        text = path.read_text(errors="replace")
        texts |= set(re.findall(r"\$\{[^}\n]{0,200}\}?", text))
        texts |= {m.strip().strip("'\"") for m in re.findall(r"when: *([^\n]{1,300})", text)}
    for text in sorted(texts):
        data = text.encode()
        write("expressions", hashlib.sha1(data).hexdigest()[:16], data)


if __name__ == "__main__":
    for target in MAX_LEN:
        shutil.rmtree(OUT / target, ignore_errors=True)
        (OUT / target).mkdir(parents=True)
    pipeline(random.Random(9))
    expressions()
    for target in MAX_LEN:
        files = list((OUT / target).iterdir())
        print(f"{target}: {len(files)} files, {sum(f.stat().st_size for f in files)} bytes")
