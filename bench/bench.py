#!/usr/bin/env python3
"""The benchmark harness behind `make bench` (docs/performance.md).

Times whole processes, as a build step and a pre-commit hook run Formwork,
on inputs it generates deterministically (inputs.py, hostile.py), and
prints Markdown tables for docs/performance.md on standard output
(progress goes to standard error). Commands compared with each other run
interleaved (A B C, B C A, ...) so the noise of a shared machine falls on
all alike; each figure is a median with its interquartile range, and peak
memory is the largest resident set a run reached.

Ratios are measured in the same run against:
  - the floor: bench/yaml_events.c, which only pulls libyaml's events over
    the same file;
  - start-up: bench/hello.swift, a program on the Swift standard library
    alone, linked as the release formwork is;
  - for the post-mortem stack, aws-sam-translator plus cfn-lint (pinned in
    bench/requirements.txt) on the equivalent SAM template,
    bench/media-pipeline.sam.yaml;
  - with --against OLD, an older formwork binary on every input.

  bench/bench.py [--formwork BIN] [--against OLD] [--instructions]
                 [--budget SECONDS] [--only NAME] [--no-peers]
"""

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import inputs  # noqa: E402

import hostile  # noqa: E402

TOOLS = os.path.join(ROOT, ".build-bench")
CACHE = os.environ.get("FORMWORK_CACHE") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "formwork")


def say(*parts):
    print("bench:", *parts, file=sys.stderr, flush=True)


MEASURE = os.path.join(TOOLS, "measure")


def run(argv):
    """One whole-process run through bench/measure.c: (seconds, peak RSS in
    KiB, exit status)."""
    out = subprocess.run([MEASURE] + argv, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


class Figures:
    def __init__(self, name):
        self.name, self.times, self.rss, self.codes = name, [], [], set()

    def add(self, sample):
        seconds, rss, code = sample
        self.times.append(seconds)
        self.rss.append(rss)
        self.codes.add(code)

    @property
    def median(self):
        return statistics.median(self.times)

    def cell(self):
        t = sorted(self.times)
        if len(t) >= 4:
            q = statistics.quantiles(t, n=4)
            return f"{ms(self.median)} ({ms(q[0])}–{ms(q[2])})"
        return f"{ms(self.median)} ({ms(t[0])}–{ms(t[-1])})"

    @property
    def peak_mib(self):
        return max(self.rss) / 1024


def ms(seconds):
    value = seconds * 1000
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def interleaved(commands, budget, max_runs=41, min_runs=3):
    """Runs each (name, argv) in turn, rotating the order each round, until
    the slowest has used about `budget` seconds; returns {name: Figures}."""
    figures = {name: Figures(name) for name, _ in commands}
    first = []
    for name, argv in commands:  # one warm-up round, not counted
        first.append(run(argv)[0])
    runs = max(min_runs, min(max_runs, int(budget / max(max(first), 1e-4))))
    for i in range(runs):
        k = i % len(commands)
        for name, argv in commands[k:] + commands[:k]:
            figures[name].add(run(argv))
    return figures


def instructions(argv):
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg"] + argv,
                             capture_output=True, text=True)
        for line in out.stderr.splitlines():
            if "Collected :" in line:
                return int(line.split(":")[-1])
    raise SystemExit(f"bench: callgrind counted nothing for {' '.join(argv)}")


def linking(binary):
    """How the binary is linked, as swiftc is told to link hello the same way:
    "a static executable" (no shared library at all), "the standard library
    statically" or "the standard library dynamically"."""
    out = subprocess.run(["ldd", binary], capture_output=True, text=True)
    if "not a dynamic executable" in out.stdout + out.stderr:
        return "a static executable"
    return "the standard library dynamically" if "libswiftCore.so" in out.stdout else "the standard library statically"


def build_tools(formwork):
    os.makedirs(TOOLS, exist_ok=True)
    subprocess.run(["cc", "-O2", "-o", MEASURE, os.path.join(HERE, "measure.c")], check=True)
    floor = os.path.join(TOOLS, "yaml_events")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "yaml-0.1"], check=True,
                           capture_output=True, text=True).stdout.split()
    subprocess.run(["cc", "-O2", "-o", floor, os.path.join(HERE, "yaml_events.c")] + flags, check=True)
    hello = os.path.join(TOOLS, "hello")
    linked = linking(formwork)
    flags = {"a static executable": ["-static-executable"], "the standard library statically": ["-static-stdlib"]}
    subprocess.run(["swiftc", "-O", "-o", hello, os.path.join(HERE, "hello.swift")] + flags.get(linked, []),
                   check=True, cwd=TOOLS)
    return floor, hello, linked


def peers():
    """A virtual environment with the pinned peers, made once under the
    cache; a stamp file marks it complete, so a half-finished install is
    made anew. Returns (its python, its cfn-lint)."""
    requirements = os.path.join(HERE, "requirements.txt")
    key = hashlib.sha256(open(requirements, "rb").read() + sys.version.encode()).hexdigest()[:12]
    venv = os.path.join(CACHE, f"bench-peers-{key}")
    python, stamp = os.path.join(venv, "bin", "python"), os.path.join(venv, ".complete")
    if not os.path.exists(stamp):
        say(f"installing the peers of bench/requirements.txt into {venv}")
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "-r", requirements], check=True)
        open(stamp, "w").close()
    return python, os.path.join(venv, "bin", "cfn-lint")


def version(python, module):
    return subprocess.run([python, "-c", f"import importlib.metadata as m; print(m.version('{module}'))"],
                          capture_output=True, text=True, check=True).stdout.strip()


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---" if i == 0 else "---:" for i in range(len(header))) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    print("\n".join(lines) + "\n", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--formwork", default=os.path.join(ROOT, ".build/release/formwork"))
    parser.add_argument("--against", help="an older formwork binary to compare on every input")
    parser.add_argument("--instructions", action="store_true", help="also count instructions with callgrind")
    parser.add_argument("--budget", type=float, default=3.0, help="seconds of runs per command and input")
    parser.add_argument("--only", help="run only the sections whose name contains this")
    parser.add_argument("--no-peers", action="store_true", help="skip aws-sam-translator plus cfn-lint")
    args = parser.parse_args()
    formwork = os.path.abspath(args.formwork)
    if not os.access(formwork, os.X_OK):
        raise SystemExit(f"bench: {formwork} is missing: build it with `make build`")
    floor, hello, linked = build_tools(formwork)
    want = lambda section: not args.only or args.only in section  # noqa: E731
    tmp = tempfile.mkdtemp(prefix="formwork-bench-")
    out = os.path.join(tmp, "out")
    binaries = [("formwork", formwork)] + ([("old", os.path.abspath(args.against))] if args.against else [])

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1048576
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print(f"Machine: {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} {platform.release()}.  ")
    print(f"Toolchain: {swift}; formwork and hello linked as {linked}.  ")
    print(f"Command: `{' '.join(['bench/bench.py'] + sys.argv[1:])}`, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.  ")
    print("Times are medians in ms (interquartile range), runs interleaved; peak memory is the largest RSS.\n")

    def write(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    postmortem = os.path.join(ROOT, "specs", "media-pipeline.yaml")
    ordinary = [
        ("post-mortem stack (specs/media-pipeline.yaml)", postmortem),
        ("mixed, 10 resources", write("mixed-10.yaml", inputs.mixed(10))),
        ("mixed, 50 resources", write("mixed-50.yaml", inputs.mixed(50))),
        (f"mixed, {inputs.QUOTA_MIXED} resources (500 generated, at the quota)",
         write("mixed-quota.yaml", inputs.mixed(inputs.QUOTA_MIXED))),
        ("50 queues", write("queues-50.yaml", inputs.queues(50))),
        ("500 queues (under the quota)", write("queues-500.yaml", inputs.queues(500))),
    ]
    figures = {}

    if want("ordinary"):
        say("ordinary specs: formwork compile beside the libyaml floor and a Swift hello")
        rows = []
        for label, path in ordinary:
            commands = [(n, [b, "compile", path, "--out", out, "-q"]) for n, b in binaries]
            commands += [("floor", [floor, path]), ("hello", [hello])]
            f = interleaved(commands, args.budget)
            figures[label] = f
            base = f["floor"].median + f["hello"].median
            row = [label, f"{os.path.getsize(path) / 1024:,.1f} KB", f["formwork"].cell(),
                   f"{f['formwork'].peak_mib:.1f}", f["floor"].cell(), f["hello"].cell(),
                   f"{f['formwork'].median / base:.2f}"]
            if args.against:
                row += [f["old"].cell(), f"{f['formwork'].median / f['old'].median:.3f}"]
            if args.instructions:
                argv = lambda b: [b, "compile", path, "--out", out, "-q"]  # noqa: E731
                new = instructions(argv(formwork))
                row.append(f"{new:,}")
                if args.against:
                    row.append(f"{new / instructions(argv(binaries[1][1])):.3f}")
            rows.append(row)
        header = ["`formwork compile` of", "size", "formwork [ms]", "peak [MiB]", "libyaml floor [ms]",
                  "Swift hello [ms]", "÷ (floor + hello)"]
        if args.against:
            header += ["old formwork [ms]", "new ÷ old"]
        if args.instructions:
            header += ["instructions"] + (["new ÷ old instructions"] if args.against else [])
        print("Ordinary specs. Target: the at-quota mixed spec within 4 times floor + hello (aim for 3).\n")
        table(header, rows)

    if want("growth") and figures:
        startup = interleaved([("help", [formwork, "--help"])], args.budget)["help"]
        small, large = figures["50 queues"]["formwork"], figures["500 queues (under the quota)"]["formwork"]
        base_mib = startup.peak_mib
        print("Linear growth, from 50 to 500 queues. Target: time under 12 times, memory above start-up "
              "(`formwork --help`) under 10 times.\n")
        table(["measure", "50 queues", "500 queues", "growth"], [
            ["time [ms]", ms(small.median), ms(large.median), f"{large.median / small.median:.2f}×"],
            ["peak memory above start-up [MiB]", f"{small.peak_mib - base_mib:.1f}",
             f"{large.peak_mib - base_mib:.1f}",
             f"{(large.peak_mib - base_mib) / max(small.peak_mib - base_mib, 0.1):.2f}×"],
        ])

    if want("diff"):
        say("diff: two templates at the quota, one change apart")
        quota = inputs.mixed(inputs.QUOTA_MIXED)
        changed = quota.replace("retentionDays: 14", "retentionDays: 7", 1)
        assert changed != quota, "the mixed spec has no queue retention to change"
        sides = []
        for name, text in [("diff-old.yaml", quota), ("diff-new.yaml", changed)]:
            spec = write(name, text)
            subprocess.run([formwork, "compile", spec, "--out", tmp, "-q"], check=True, stderr=subprocess.DEVNULL)
            sides.append(spec[:-len(".yaml")] + ".json")
        with open(sides[0]) as f:
            count = len(json.load(f)["Resources"])
        commands = [("templates", [formwork, "diff", sides[0], sides[1], "--format", "json"]),
                    ("specs", [formwork, "diff", write("diff-old.yaml", quota), write("diff-new.yaml", changed),
                               "--format", "json"])]
        f = interleaved(commands, args.budget)
        print(f"`formwork diff` of two templates of {count} resources each (and of the two specs, compiled first). "
              "Target: under 50 ms.\n")
        table(["command", "time [ms]", "peak [MiB]"], [
            ["`formwork diff OLD.json NEW.json --format json`", f["templates"].cell(), f"{f['templates'].peak_mib:.1f}"],
            ["`formwork diff OLD.yaml NEW.yaml --format json`", f["specs"].cell(), f"{f['specs'].peak_mib:.1f}"],
        ])

    if want("peers") and not args.no_peers:
        python, cfn_lint = peers()
        sam = os.path.join(HERE, "media-pipeline.sam.yaml")
        say("the post-mortem stack: formwork compile beside aws-sam-translator plus cfn-lint")
        f = interleaved([("formwork", [formwork, "compile", postmortem, "--out", out, "-q"]),
                         ("peers", [cfn_lint, "--", sam])], max(args.budget, 20), min_runs=5)
        if f["peers"].codes != {0}:
            raise SystemExit("bench: cfn-lint found problems in bench/media-pipeline.sam.yaml")
        print(f"The post-mortem stack beside its peers: `cfn-lint` {version(python, 'cfn-lint')} with "
              f"aws-sam-translator {version(python, 'aws-sam-translator')} (it translates the SAM template, "
              "then lints the result). Target: 300 times faster.\n")
        table(["command", "time [ms]", "peak [MiB]", "ratio"], [
            ["`formwork compile specs/media-pipeline.yaml`", f["formwork"].cell(), f"{f['formwork'].peak_mib:.1f}",
             "1"],
            ["`cfn-lint bench/media-pipeline.sam.yaml`", f["peers"].cell(), f"{f['peers'].peak_mib:.1f}",
             f"{f['peers'].median / f['formwork'].median:,.0f}× slower"],
        ])

    if want("monorepo"):
        say("a monorepo of 1,000 specs")
        repo = inputs.monorepo(os.path.join(tmp, "monorepo"))
        commands = []
        for n, b in binaries:
            commands += [(f"{n} lint", [b, "lint", repo]), (f"{n} compile", [b, "compile", repo, "--out", out, "-q"])]
        f = interleaved(commands, max(args.budget, 10), min_runs=3, max_runs=5)
        rows = [[f"`{name.split()[0]} {name.split()[1]} DIR`", fig.cell(), f"{fig.peak_mib:.1f}"]
                for name, fig in f.items()]
        print(f"A monorepo: 1,000 specs of 50 resources ({inputs.MONOREPO_MIXED} declared, 51 in each template) "
              f"in one call, on {os.cpu_count()} cores. Target: under 3 s.\n")
        table(["command", "time [ms]", "peak [MiB]"], rows)

    if want("hostile"):
        say("hostile inputs")
        rows = []
        for family, make in hostile.FAMILIES.items():
            path = write(f"hostile-{family}.yaml", make())
            # Not the older binary: these took it seconds to minutes (docs/performance.md has those figures).
            commands = [("formwork", [formwork, "lint", path]), ("floor", [floor, path])]
            f = interleaved(commands, args.budget, min_runs=3, max_runs=11)
            fw = f["formwork"]
            ok = fw.median < 2 and fw.peak_mib < 512 and fw.codes <= {0, 1}
            row = [family, f"{os.path.getsize(path) / 1024:,.0f} KB", fw.cell(), f"{fw.peak_mib:.1f}",
                   f["floor"].cell(), "yes" if ok else "**no**"]
            rows.append(row)
        print("Hostile inputs (`formwork lint`), at the sizes that took seconds before. "
              "Target: under 2 s and 512 MiB.\n")
        table(["family", "size", "formwork [ms]", "peak [MiB]", "libyaml floor [ms]", "on target"], rows)

    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
