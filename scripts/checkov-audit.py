#!/usr/bin/env python3
"""The security audit (docs/security.md, "The audit"): checkov, pinned
(scripts/checkov-requirements.txt, `make checkov-dep`), over templates,
offline; prints every failed check the template does not skip in writing,
at the spec line its source map gives, and exits 1 when there is any.

    python3 scripts/checkov-audit.py PYTHON golden/a.json golden/b.json ...

PYTHON is the interpreter of checkov's virtual environment (run as
`PYTHON -m checkov.main`: the venv is built under another name and moved,
so its bin/checkov's #! line points nowhere). A check is skipped in writing when the
resource's Metadata lists it (`{"checkov": {"skip": [{"id", "comment"}]}}`,
which Formwork writes for a spec's `waivers:`); a skip without a comment is
reported as a failure too, and a skip with one counts as waived (the
summary line gives how many). Each finding is one line:

    specs/x.yaml:7:5: CKV_AWS_18 Ensure the S3 bucket has access logging enabled [golden/x.json Resources/Scratch AWS::S3::Bucket]

The location is the most precise source-map entry among the resource and
the keys checkov evaluated (`<template>.map.json` beside the template); the
template's own line when there is no map.

Offline: `--skip-download` (no external checks, no guidelines), the
environment below (no version check, no mapping download, no telemetry),
and when `unshare` can make a user namespace, a network namespace with no
interface, so any attempt to reach the network fails instead of waiting.
"""
import json
import os
import shutil
import subprocess
import sys

OFFLINE_ENV = {
    # checkov 3.3.30, checkov/common/util/env_vars_config.py
    "BC_SKIP_MAPPING": "TRUE",               # no download of the check-id/guideline mapping
    "CKV_SKIP_PACKAGE_UPDATE_CHECK": "TRUE",  # no PyPI look-up for a newer checkov (banner.py)
}


def run_checkov(python, templates):
    command = [python, "-m", "checkov.main", "--skip-download", "--framework", "cloudformation", "--quiet",
               "-o", "json"]
    for template in templates:
        command += ["-f", template]
    if shutil.which("unshare") and subprocess.run(
            ["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        command = ["unshare", "-rn"] + command
    env = dict(os.environ, **OFFLINE_ENV)
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    # checkov exits 1 when a check fails; anything else with no JSON is a crash.
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(result.stderr)
        sys.exit("checkov-audit: checkov printed no JSON report (exit %d)" % result.returncode)
    reports = report if isinstance(report, list) else [report]
    return reports


def source_location(template, resource, keys):
    """(file, line, column) from the template's source map, most precise first."""
    map_path = template[:-len(".json")] + ".map.json"
    try:
        with open(map_path) as f:
            source_map = json.load(f)
    except (OSError, ValueError):
        return None
    mappings = source_map.get("mappings", {})
    candidates = ["/Resources/%s/%s" % (resource, key.strip("/")) for key in keys]
    candidates.append("/Resources/%s" % resource)
    for pointer in candidates:
        # the evaluated key, or its nearest mapped parent
        while pointer.count("/") >= 2:
            if pointer in mappings:
                start = mappings[pointer].split("-")[0]
                line, column = start.split(":")
                return source_map.get("file", "?"), int(line), int(column)
            pointer = pointer.rsplit("/", 1)[0]
    return None


def unexplained_skips(template):
    """Metadata checkov skips without a comment: (resource, id)."""
    with open(template) as f:
        resources = json.load(f).get("Resources", {})
    for name, resource in sorted(resources.items()):
        skips = ((resource.get("Metadata") or {}).get("checkov") or {}).get("skip") or []
        for skip in skips:
            if not str(skip.get("comment", "")).strip():
                yield name, skip.get("id", "?")


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    python, templates = argv[1], argv[2:]
    findings = []
    waived = 0
    for report in run_checkov(python, templates):
        # A check the resource's Metadata skips is reported by checkov as
        # skipped (check_result.result SKIPPED, its comment as
        # suppress_comment), not as failed: it counts as waived. --quiet
        # leaves the skipped checks out of the results, not out of the summary.
        waived += int(report.get("summary", {}).get("skipped", 0))
        for check in report.get("results", {}).get("failed_checks", []):
            template = os.path.relpath(check["file_abs_path"])
            kind, _, resource = check["resource"].partition(".")
            keys = check.get("check_result", {}).get("evaluated_keys") or []
            location = source_location(template, resource, keys)
            where = ("%s:%d:%d" % location) if location else "%s:%d" % (template, check["file_line_range"][0])
            findings.append("%s: %s %s [%s Resources/%s %s]" % (
                where, check["check_id"], check["check_name"], template, resource, kind))
    for template in templates:
        for resource, check_id in unexplained_skips(template):
            findings.append("%s: %s skipped without a comment [Resources/%s]" % (template, check_id, resource))
    for line in sorted(set(findings)):
        print(line)
    count = len(set(findings))
    print("checkov-audit: %d finding%s, %d check%s waived in writing, in %d templates" % (
        count, "" if count == 1 else "s", waived, "" if waived == 1 else "s", len(templates)))
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
