#!/usr/bin/env python3
"""Hostile-input specs: shapes that once made Formwork super-linear.

Each family is a function ``make(scale=1.0) -> str`` returning spec text; at
scale 1.0 it is the size that took seconds (or minutes) before the fixes of
issue 9, item 3 (docs/performance.md, "Hostile inputs"). The text grows
linearly with ``scale``, so timing scale 1, 2 and 4 shows whether the
compiler's cost does too. Standard library only, and deterministic.

    python3 bench/hostile.py write DIR [--scale S]
    python3 bench/hostile.py check BINARY [--scale S] [--timeout SECONDS] [--max-rss-mb MB]

``check`` runs ``BINARY lint FILE`` on each family's spec under a timeout
(the process is killed when it expires), prints one line per family (name,
size, wall time, peak RSS, exit status) and exits 1 when a run timed out,
crashed, exited with another status than the family expects (1 for a spec
with errors, else 0), or went over the memory cap.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time


def _n(base, scale):
    return max(1, int(round(base * scale)))


def _header(stack="hostile"):
    return f"formwork: 1\nstack: {stack}\n"


def interpolations(scale=1.0):
    """One string holding 10,000 ${env} (70 KB): each ${...} once located
    its characters by re-reading the whole scalar."""
    count = _n(10_000, scale)
    return (_header() + "parameters:\n  env: { type: string, default: dev }\n"
            + "resources:\n  topic:\n    type: AWS::SNS::Topic\n    properties:\n"
            + '      DisplayName: "' + "${env}" * count + '"\n')


def when_chain(scale=1.0):
    """100 resources, each under a flat when: of 240 || terms (406 KB),
    just under the 4,096-character condition limit."""
    resources = _n(100, scale)
    terms = " || ".join(f"env == 'e{i:03}'" for i in range(240))
    out = [_header(), "parameters:\n  env: { type: string, default: dev }\n", "resources:\n"]
    for r in range(resources):
        out.append(f"  q{r}:\n    kind: queue\n    when: \"{terms}\"\n")
    return "".join(out)


def unknown_when_names(scale=1.0):
    """100 resources, each under a when: of 240 names that are declared
    nowhere (195 KB): each was searched for a did-you-mean and compared,
    in every letter case, with every declared name."""
    terms = " || ".join(f"u{i:03}" for i in range(240))
    return _repeated("parameters:\n  env: { type: string, default: dev }\nresources:\n",
                     lambda r: f"  q{r}:\n    kind: queue\n    when: \"{terms}\"\n", _n(100, scale))


def _short(n):
    """A short distinct name for n: z and n in base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, d = divmod(n, 36)
        out = digits[d] + out
        if n == 0:
            return "z" + out


def unknown_depends_on(scale=1.0):
    """500 resources (the quota), each depending on 1,000 distinct names
    that are not resources (2.9 MB): one did-you-mean search per name.
    Past scale 1.9 the spec has more than the YAML layer's 1,000,000
    nodes, and is refused while it is read (FW1004)."""
    resources = 500
    names = _n(1_000, scale)
    out = [_header(), "resources:\n"]
    for r in range(resources):
        listed = ",".join(_short(r * names + i) for i in range(names))
        out.append(f"  q{r}:\n    kind: queue\n    dependsOn: [{listed}]\n")
    return "".join(out)


def _repeated(head, line, count):
    """A spec: the header, `head`, then `line(i)` for each i below `count`."""
    return _header() + head + "".join(line(i) for i in range(count))


def map_tags(scale=1.0):
    """50,000 tags on a type whose Tags are a map (AWS::SSM::Parameter),
    830 KB: each tag was checked against the tags merged so far."""
    return _repeated("resources:\n  param:\n    type: AWS::SSM::Parameter\n"
                     "    properties: { Type: String, Value: v }\n    tags:\n",
                     lambda i: f"      t{i:06}: v\n", _n(50_000, scale))


def cors_routes(scale=1.0):
    """One api with cors and 20,000 routes on as many paths (810 KB): the
    preflight step scanned every method for every path."""
    return _repeated("resources:\n  api:\n    kind: api\n    stage: v1\n    auth: iam\n"
                     "    cors: { allowOrigin: \"*\" }\n    routes:\n",
                     lambda i: f"      GET /p{i}/items:\n        mock: {{}}\n", _n(20_000, scale))


def over_quota(scale=1.0):
    """5,000 resources, ten times the quota (1.25 MB): the whole spec was
    decoded before the count was checked."""
    count = max(501, _n(5_000, scale))
    out = [_header(), "resources:\n"]
    for r in range(count):
        out.append(f"  queue{r:05}:\n    kind: queue\n    retentionDays: 4\n    visibilityTimeout: 30\n"
                   "    tags: { team: ingest, cost: shared }\n    dependsOn: [queue00000]\n")
    return "".join(out)


def one_line_errors(scale=1.0):
    """A spec on one line (flow style, 560 KB): 50,000 stack tags, then 300
    queues with a misspelled key each. Each shown diagnostic copied and
    re-encoded the whole line to show a window of it."""
    tags = ", ".join(f"t{i:05}: v" for i in range(_n(50_000, scale)))
    queues = ", ".join(f"q{r}: {{kind: queue, retentionDay: 4}}" for r in range(300))
    return "{formwork: 1, stack: hostile, tags: {" + tags + "}, resources: {" + queues + "}}\n"


# Family name → (make, exit status the spec gets: 1 with errors, else 0).
_FAMILIES = [
    ("interpolations", interpolations, 0),
    ("when-chain", when_chain, 0),
    ("unknown-depends-on", unknown_depends_on, 1),
    ("unknown-when-names", unknown_when_names, 1),
    ("map-tags", map_tags, 1),
    ("cors-routes", cors_routes, 1),
    ("over-quota", over_quota, 1),
    ("one-line-errors", one_line_errors, 1),
]

FAMILIES = {name: make for name, make, _ in _FAMILIES}
EXPECTED_EXIT = {name: status for name, _, status in _FAMILIES}


def write(directory, scale=1.0):
    """Writes DIR/<family>.yaml for each family; returns their paths, by family."""
    os.makedirs(directory, exist_ok=True)
    paths = {}
    for name, make in FAMILIES.items():
        path = os.path.join(directory, name + ".yaml")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(make(scale))
        paths[name] = path
    return paths


def run(binary, path, timeout):
    """Runs `binary lint path`: (seconds, peak RSS in MiB, exit status or
    -signal, timed out). Output is discarded."""
    start = time.monotonic()
    process = subprocess.Popen([binary, "lint", path], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timed_out = False
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid == process.pid:
            break
        if time.monotonic() >= deadline:
            timed_out = True
            process.send_signal(signal.SIGKILL)
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.002)
    elapsed = time.monotonic() - start
    process.returncode = 0  # reaped here; keep Popen from waiting again
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    # ru_maxrss is in KiB on Linux.
    return elapsed, usage.ru_maxrss / 1024, code, timed_out


def check(binary, scale=1.0, timeout=10.0, max_rss_mb=512.0, out=sys.stdout):
    """Lints each family's spec; returns the number of failed families."""
    failures = 0
    with tempfile.TemporaryDirectory(prefix="formwork-hostile-") as directory:
        paths = write(directory, scale)
        print(f"{'family':<20} {'size':>10} {'time':>9} {'peak-RSS':>10} exit", file=out)
        for name, path in paths.items():
            size = os.path.getsize(path)
            elapsed, rss, code, timed_out = run(binary, path, timeout)
            problems = []
            if timed_out:
                problems.append(f"timed out after {timeout:g} s")
            elif code < 0:
                problems.append(f"killed by signal {-code}")
            elif code != EXPECTED_EXIT[name]:
                problems.append(f"expected exit {EXPECTED_EXIT[name]}")
            if rss > max_rss_mb:
                problems.append(f"over {max_rss_mb:g} MiB")
            note = "  FAIL: " + ", ".join(problems) if problems else ""
            print(f"{name:<20} {size / 1024:>7.0f} KB {elapsed:>7.3f} s {rss:>6.0f} MiB {code}{note}", file=out)
            failures += bool(problems)
        print(f"hostile inputs: {len(paths) - failures} of {len(paths)} passed", file=out)
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    w = commands.add_parser("write", help="write DIR/<family>.yaml for each family")
    w.add_argument("directory")
    w.add_argument("--scale", type=float, default=1.0)
    c = commands.add_parser("check", help="lint each family with BINARY under a timeout and a memory cap")
    c.add_argument("binary")
    c.add_argument("--scale", type=float, default=1.0)
    c.add_argument("--timeout", type=float, default=10.0, help="seconds per family (default 10)")
    c.add_argument("--max-rss-mb", type=float, default=512.0, help="peak RSS cap in MiB (default 512)")
    args = parser.parse_args(argv)
    if args.command == "write":
        for path in write(args.directory, args.scale).values():
            print(path)
        return 0
    return 1 if check(args.binary, args.scale, args.timeout, args.max_rss_mb) else 0


if __name__ == "__main__":
    sys.exit(main())
