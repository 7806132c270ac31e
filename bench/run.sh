#!/usr/bin/env bash
# Benchmark harness: times the release binary as a pre-commit hook and a
# build step use it, beside cfn-lint on the same templates. Needs hyperfine
# (Debian: apt-get install hyperfine). Prints a Markdown table of figures to
# paste into docs/performance.md, with the machine it ran on.
# To compare with an older binary side by side, use bench/compare.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
swift build -c release --product formwork >/dev/null
bin=.build/release/formwork
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
first=$(ls specs/*.yaml | head -1)
stem=$(basename "$first" .yaml)

# A spec at CloudFormation's quota: 500 queues, each but the last redriving to the next.
{ echo "formwork: 1"; echo "stack: large"; echo "resources:"
  for i in $(seq 0 498); do echo "  q$i: { kind: queue, retentionDays: 4, deadLetter: { queue: q$((i + 1)) } }"; done
  echo "  q499: { kind: queue }"
} > "$tmp/large.yaml"
# A spec past it: 60,000 queues, each depending on the one before.
{ echo "formwork: 1"; echo "stack: huge"; echo "resources:"
  echo "  q0: { kind: queue }"
  for i in $(seq 1 59999); do echo "  q$i: { kind: queue, dependsOn: [q$((i - 1))] }"; done
} > "$tmp/huge.yaml"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "swift: $(swift --version 2>&1 | head -1)"
echo "cfn-lint: $(cfn-lint --version)"
hyperfine -N --warmup 5 --min-runs 30 --export-markdown "$tmp/table.md" \
  -n "formwork --help (start-up)" "$bin --help" \
  -n "formwork compile specs/media-pipeline.yaml (the post-mortem stack)" "$bin compile specs/media-pipeline.yaml --out $tmp/out -q" \
  -n "formwork lint $first" "$bin lint $first" \
  -n "formwork lint specs (all $(ls specs/*.yaml | wc -l))" "$bin lint specs" \
  -n "formwork compile specs --out $tmp/out" "$bin compile specs --out $tmp/out -q" \
  -n "formwork compile (500 queues, at the quota)" "$bin compile $tmp/large.yaml --out $tmp/out -q" \
  -i -n "formwork lint (60,000 queues, over the quota: exit 1)" "$bin lint $tmp/huge.yaml" \
  -n "cfn-lint golden/$stem.json" "cfn-lint golden/$stem.json" >/dev/null 2>"$tmp/hyperfine.log" || { cat "$tmp/hyperfine.log" >&2; exit 1; }
cat "$tmp/table.md"
