#!/usr/bin/env bash
# The release binary runs where Swift is not installed (issue 11): checked in
# an empty root. The binary is copied, with two specs, into a fresh directory
# holding nothing else (no /lib, no /usr, no /opt/swift, no dynamic loader)
# but an empty /proc, and run there through chroot inside user, mount and pid
# namespaces (`unshare -r -m -p`) that mount a proc file system on that /proc,
# so no Swift runtime library and no C library can be found. /proc is the one
# thing it needs, as every container has: the Swift runtime reads
# /proc/self/exe at start and, without it, aborts ("Unable to obtain Swift
# runtime path"). First its ELF headers must name no interpreter and no
# shared library. Fails, never skips, when the namespaces cannot be made.
set -euo pipefail
binary=${1:?usage: release-check.sh BINARY}
root=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "release check: FAIL: $*" >&2; exit 1; }

headers=$(readelf --program-headers --dynamic "$binary")
if grep -q INTERP <<<"$headers"; then fail "$binary names a dynamic loader (PT_INTERP)"; fi
if grep -q NEEDED <<<"$headers"; then fail "$binary needs shared libraries: $(grep NEEDED <<<"$headers" | tr -s ' ')"; fi
echo "release check: $binary has no PT_INTERP and no DT_NEEDED entry"

jail=$(mktemp -d /tmp/formwork-release-XXXXXX)
trap 'rm -rf "$jail"' EXIT
cp "$binary" "$jail/formwork"
mkdir "$jail/specs" "$jail/proc"
cp "$root/specs/job-queues.yaml" "$root/specs/invalid/unknown-kind.yaml" "$jail/specs/"
run() {
    unshare --user --map-root-user --mount --pid --fork \
        sh -c 'mount -t proc proc "$0/proc" && exec chroot "$0" /formwork "$@"' "$jail" "$@"
}
unshare --user --map-root-user --mount --pid --fork true 2>/dev/null \
    || fail "cannot make user, mount and pid namespaces (unshare -r -m -p)"
echo "release check: the root it runs in holds only (and proc on /proc): $(cd "$jail" && find . -mindepth 1 | sort | tr '\n' ' ')"

run compile /specs/job-queues.yaml --out /out -q || fail "compile in the empty root exited $?"
cmp "$jail/out/job-queues.json" "$root/golden/job-queues.json" || fail "the template written in the empty root differs from golden/job-queues.json"
set +e
errors=$(run lint /specs/unknown-kind.yaml 2>&1 >/dev/null); status=$?
set -e
[ "$status" = 1 ] || fail "lint of an invalid spec exited $status, not 1: $errors"
grep -q '^/specs/unknown-kind.yaml:5:11: error\[FW2012\]: ' <<<"$errors" || fail "unexpected diagnostics: $errors"
run --help >/dev/null || fail "--help exited $?"
echo "release check: compile, lint and --help ran in an empty root: $(stat -c %s "$binary") bytes, static"
