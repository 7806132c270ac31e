#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml run by the real pre-commit (pinned,
# installed into its own virtual environment under ~/.cache/formwork the
# first time): `pre-commit try-repo` of this repository, on a scratch git
# repository holding a good and a bad spec, and committed templates. Checks
# each run's exit status and output.
#
# pre-commit builds the package itself (`swift build -c release` in its own
# clone; language: swift takes no prebuilt binary), and try-repo does it in
# a temporary store every time, so no build is reused: each of the two runs
# (every hook on a clean repository, then on a broken one) pays a release
# build of the package (docs/testing.md has the figure). SwiftPM resolves
# swift-argument-parser from its local cache, as plain `swift build` does.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=4.7.0
cache=${FORMWORK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/formwork}
venv=$cache/pre-commit-$version
fail() { echo "pre-commit test: FAIL: $*" >&2; exit 1; }

mkdir -p "$cache"
if [ ! -x "$venv/bin/pre-commit" ]; then
    echo "installing pre-commit $version with pip into $venv"
    rm -rf "$venv.tmp"
    python3 -m venv "$venv.tmp"
    "$venv.tmp/bin/pip" install -q "pre-commit==$version"
    rm -rf "$venv" && mv "$venv.tmp" "$venv"
    # The venv's scripts name their interpreter by path: rewrite them for the final name.
    sed -i "1s|$venv.tmp|$venv|" "$venv"/bin/*
fi
pre_commit=$venv/bin/pre-commit
[ "$("$pre_commit" --version)" = "pre-commit $version" ] || fail "$pre_commit is not pre-commit $version"
export PRE_COMMIT_HOME=$cache/pre-commit-home

# The scratch repository a user would commit in.
work=$(mktemp -d /tmp/formwork-pre-commit-XXXXXX)
trap 'rm -rf "$work"' EXIT
git -C "$work" init -q
mkdir -p "$work/specs"
cp "$root/specs/job-queues.yaml" "$work/specs/good.yaml"
printf 'name: ci\non: [push]\n' >"$work/workflow.yaml"
git -C "$work" add -A

try() {  # ARGS...: `pre-commit try-repo` of this repository; sets $status and $output
    set +e
    output=$(cd "$work" && "$pre_commit" try-repo "$root" "$@" --color never 2>&1)
    status=$?
    set -e
}

formwork=$root/.build/debug/formwork
[ -x "$formwork" ] || fail "$formwork is not built (swift build)"
(cd "$work" && "$formwork" compile specs/good.yaml --out out -q)
git -C "$work" add -A

# Run 1: a good spec, a YAML file that is not one, fresh templates: every hook passes.
started=$(date +%s)
try --all-files
[ "$status" = 0 ] || fail "the hooks on a clean repository exited $status: $output"
grep -q '^formwork lint\.*Passed$' <<<"$output" || fail "formwork-lint did not pass: $output"
grep -q '^formwork compile --check\.*Passed$' <<<"$output" || fail "formwork-check did not pass: $output"
echo "pre-commit test: on a good spec and fresh templates, formwork-lint and formwork-check pass ($(($(date +%s) - started)) s, a release build included)"

# Run 2: a bad spec staged, and the good spec changed without compiling.
cp "$root/specs/invalid/unknown-kind.yaml" "$work/specs/bad.yaml"
sed -i 's/retentionDays: 14/retentionDays: 7/' "$work/specs/good.yaml"
git -C "$work" add -A
started=$(date +%s)
try --files specs/bad.yaml specs/good.yaml workflow.yaml
[ "$status" = 1 ] || fail "the hooks on a bad spec exited $status: $output"
grep -q '^formwork lint\.*Failed$' <<<"$output" || fail "formwork-lint did not fail: $output"
grep -q '^specs/bad.yaml:5:11: error\[FW2012\]: unknown kind '"'"'queu'"'"'$' <<<"$output" || fail "no located error in: $output"
grep -q '^formwork compile --check\.*Failed$' <<<"$output" || fail "formwork-check did not fail: $output"
grep -q '^out/good.json:[0-9]*:[0-9]*: error\[FW0020\]: out/good.json is stale: specs/good.yaml compiles to something else from here$' <<<"$output" \
    || fail "no stale template in: $output"
echo "pre-commit test: on a bad spec and a stale template, formwork-lint and formwork-check fail, with located errors ($(($(date +%s) - started)) s)"
