#!/usr/bin/env bash
# `make fuzz`: builds the two libFuzzer targets (docs/reliability.md) and runs
# each for FUZZ_SECONDS from the committed seed corpus, with the language's
# dictionary. New corpus entries and artifacts go to a temporary folder; the
# run fails when any target leaves a crash, timeout or out-of-memory
# artifact, and names it: commit it under Tests/Fuzz/regressions/ as
# <target>-<what>, fix the code, and `make test` replays it.
# `run.sh --build-only` builds the targets only (`make fuzz-corpus`).
set -euo pipefail
cd "$(dirname "$0")/../.."

swift=${SWIFT:-swift}
seconds=${FUZZ_SECONDS:-60}
# A few seconds: a slow input is a finding.
timeout=${FUZZ_TIMEOUT:-10}
work=${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/formwork-fuzz.XXXXXX")}

# SwiftPM's --sanitize=fuzzer links libFuzzer's main, but instruments only the
# fuzz target's own module; -Xswiftc -sanitize=fuzzer,address instruments
# every module, the library's included.
build() {
    FORMWORK_FUZZ=1 "$swift" build -c release --build-path .build-fuzz \
        --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address --product "$1"
}

if [ "${1:-}" = --build-only ]; then
    build FuzzPipeline
    build FuzzExpressions
    exit 0
fi

failed=()
for target in pipeline expressions; do
    case $target in
        pipeline) product=FuzzPipeline max_len=16384 ;;
        expressions) product=FuzzExpressions max_len=8192 ;;
    esac
    build "$product"
    mkdir -p "$work/$target/corpus" "$work/$target/artifacts"
    echo "fuzzing $target for ${seconds}s (log: $work/$target/log)"
    set +e
    ".build-fuzz/release/$product" "$work/$target/corpus" "Tests/Fuzz/corpus/$target" \
        -dict=Tests/Fuzz/formwork.dict -max_len="$max_len" -timeout="$timeout" -rss_limit_mb=2048 \
        -max_total_time="$seconds" -artifact_prefix="$work/$target/artifacts/" -print_final_stats=1 \
        >"$work/$target/log" 2>&1
    status=$?
    set -e
    grep -E "INITED|DONE|stat::number_of_executed_units|^==[0-9]+==ERROR|^SUMMARY|Test unit written" "$work/$target/log" || true
    if [ "$status" != 0 ] || [ -n "$(ls -A "$work/$target/artifacts")" ]; then
        failed+=("$target")
        ls "$work/$target/artifacts"/* 2>/dev/null || true
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: findings in ${failed[*]} (artifacts and logs in $work)"
    exit 1
fi
echo "fuzz: no findings in ${seconds}s per target"
rm -rf "$work"
