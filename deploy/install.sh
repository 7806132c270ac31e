#!/usr/bin/env bash
# Installs the deploy test's environment (LocalStack, boto3, the runtime
# executor plugin) into a virtual environment outside the repository, once,
# and prints its path on standard output; progress goes to standard error.
#
# The environment lives in ${FORMWORK_CACHE:-${XDG_CACHE_HOME:-~/.cache}/formwork}/
# localstack-<key>, where <key> hashes requirements.txt, constraints.txt, the
# plugin's files and the Python version: changing any of them installs anew,
# beside the old one. A half-finished install is never used: it is built in
# a temporary folder and renamed into place when complete.
#
# LocalStack needs Python >= 3.12. FORMWORK_PYTHON names one; otherwise the
# first of python3.13, python3.12 (on PATH or in pyenv's versions) and then
# any newer python3 that runs is taken.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

say() { echo "deploy-test: $*" >&2; }
die() { say "$*"; exit 2; }

# 0 when "$1" runs and is Python >= 3.12 with venv and ensurepip.
usable() {
    [ -n "$1" ] && "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1
}

find_python() {
    local candidates=() pyenv_root version
    if [ -n "${FORMWORK_PYTHON:-}" ]; then
        usable "$FORMWORK_PYTHON" && { echo "$FORMWORK_PYTHON"; return; }
        die "FORMWORK_PYTHON=$FORMWORK_PYTHON is not a Python >= 3.12 with venv"
    fi
    pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
    for version in 3.13 3.12; do
        candidates+=("$(command -v "python$version" 2>/dev/null || true)")
        # Newest patch release first.
        while IFS= read -r dir; do candidates+=("$dir/bin/python3"); done \
            < <(ls -d "$pyenv_root/versions/$version".* 2>/dev/null | sort -rV)
    done
    for version in 3.19 3.18 3.17 3.16 3.15 3.14; do
        candidates+=("$(command -v "python$version" 2>/dev/null || true)")
    done
    candidates+=("$(command -v python3 2>/dev/null || true)" /usr/bin/python3)
    for python in "${candidates[@]}"; do
        usable "$python" && { echo "$python"; return; }
    done
    local seen
    seen=$(for python in "${candidates[@]}"; do
        [ -n "$python" ] && [ -x "$python" ] && echo "  $python: $("$python" --version 2>&1)"
    done | sort -u)
    die "the deploy test needs Python >= 3.12 (LocalStack's code uses 3.12 syntax) and found none.
Pythons seen:
${seen:-  none}
Install one (for example 'pyenv install 3.13') or set FORMWORK_PYTHON=/path/to/python3.12+."
}

python=$(find_python)
python_version=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')

key=$(cd "$here" && { cat requirements.txt constraints.txt; find plugin -type f ! -name '*.pyc' | sort | xargs cat; echo "$python_version"; } \
    | sha256sum | cut -c1-12)
cache=${FORMWORK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/formwork}
venv="$cache/localstack-$key"

if [ -f "$venv/.complete" ]; then
    echo "$venv"
    exit 0
fi

mkdir -p "$cache"
# One install at a time (another worktree may be installing the same key).
exec 9>"$cache/.lock"
flock -w 600 9 || die "another install has held $cache/.lock for 10 minutes"
if [ -f "$venv/.complete" ]; then
    echo "$venv"
    exit 0
fi

say "installing LocalStack (requirements.txt, pinned by constraints.txt) with Python $python_version ($python)"
say "into $venv; this takes a minute or two, once"
staging=$(mktemp -d "$cache/.installing-XXXXXX")
trap 'rm -rf "$staging"' EXIT
started=$(date +%s)

# The venv is built where it will stay (its scripts name their own path), under
# a temporary name; the plugin is built from a copy, so nothing is written
# into the repository.
"$python" -m venv "$staging/venv" >&2
pip=("$staging/venv/bin/python" -m pip --disable-pip-version-check --no-input --quiet)
"${pip[@]}" install --timeout 60 --retries 2 -r "$here/requirements.txt" -c "$here/constraints.txt" >&2 \
    || die "pip could not install LocalStack (see above)"
cp -r "$here/plugin" "$staging/plugin"
"${pip[@]}" install --no-deps --no-build-isolation "$staging/plugin" >&2 \
    || die "pip could not install the runtime executor plugin (see above)"
rm -rf "$staging/plugin"

# The plugin must be visible to LocalStack, or it falls back to Docker silently.
"$staging/venv/bin/python" - >&2 <<'EOF' || die "the installed environment does not work (see above)"
from importlib.metadata import entry_points
import localstack.runtime.main  # noqa: F401  (fails loudly on a Python it cannot run on)
import boto3  # noqa: F401
names = [e.name for e in entry_points(group="localstack.lambda.runtime_executor")]
assert "formwork-noexec" in names, f"runtime executor plugin not registered: {names}"
EOF

# Renamed into place: the scripts in bin/ keep the staging path in their first
# line, so the environment is only ever used as "$venv/bin/python -m ...".
rm -rf "$venv"
mv "$staging/venv" "$venv"
touch "$venv/.complete"
say "installed in $(( $(date +%s) - started )) s"
echo "$venv"
