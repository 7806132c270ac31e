#!/usr/bin/env bash
# Side-by-side comparison of an older formwork binary with the current
# release build, on the post-mortem spec and a 500-resource spec at the
# quota: instructions counted by valgrind's callgrind (repeatable), and
# whole-process wall-time medians with the two binaries interleaved
# (A B B A ...), so machine noise falls on both alike.
#
#   bench/compare.sh OLD_BINARY [RUNS]
#
# Build the old binary from another checkout first, e.g.
#   git worktree add --detach /tmp/old REV && (cd /tmp/old && swift build -c release --product formwork)
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: bench/compare.sh OLD_BINARY [RUNS]}
runs=${2:-60}
command -v valgrind >/dev/null || { echo "compare: valgrind is missing (apt-get install valgrind)" >&2; exit 2; }
swift build -c release --product formwork >/dev/null
new=.build/release/formwork
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
{ echo "formwork: 1"; echo "stack: large"; echo "resources:"
  for i in $(seq 0 498); do echo "  q$i: { kind: queue, retentionDays: 4, deadLetter: { queue: q$((i + 1)) } }"; done
  echo "  q499: { kind: queue }"
} > "$tmp/large.yaml"
specs=(specs/media-pipeline.yaml "$tmp/large.yaml")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "| spec | old instructions | new instructions | ratio |"
echo "| --- | ---: | ---: | ---: |"
for spec in "${specs[@]}"; do
  count() { valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$1" compile "$spec" --out "$tmp/out" -q 2>&1 \
            | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
  a=$(count "$old"); b=$(count "$new")
  echo "| $(basename "$spec") | $a | $b | $(python3 -c "print(f'{$b/$a:.3f}')") |"
done
python3 - "$old" "$new" "$runs" "$tmp" "${specs[@]}" <<'PY'
import statistics, subprocess, sys, time
old, new, runs, tmp, specs = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]
print("\n| spec | old median [ms] | new median [ms] | ratio |\n| --- | ---: | ---: | ---: |")
for spec in specs:
    times = {old: [], new: []}
    for i in range(runs):
        for binary in ((old, new) if i % 2 == 0 else (new, old)):
            start = time.perf_counter()
            subprocess.run([binary, "compile", spec, "--out", tmp + "/out", "-q"], check=True, stderr=subprocess.DEVNULL)
            times[binary].append(time.perf_counter() - start)
    a, b = (statistics.median(times[x]) * 1000 for x in (old, new))
    print(f"| {spec.split('/')[-1]} | {a:.2f} | {b:.2f} | {b / a:.3f} |")
PY
