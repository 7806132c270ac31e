#!/usr/bin/env bash
# make deploy-test: installs the deploy test's environment when missing
# (install.sh), then runs the driver with it. The driver starts LocalStack on
# 127.0.0.1:4566, judges every golden template and the broken ones, and
# always stops the emulator. Arguments go to the driver (--only NAME ...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! venv=$("$here/install.sh"); then
    echo "FAIL deploy-test: the deploy test's environment could not be installed (see above)"
    echo "0 passed, 1 failed"
    exit 2
fi
# No __pycache__ in the repository.
export PYTHONDONTWRITEBYTECODE=1
exec "$venv/bin/python" "$here/driver/main.py" "$@"
