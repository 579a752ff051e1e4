#!/usr/bin/env bash
# Installs the third-party implementations the interop cross-checks run against:
#   - Python: gmssl (SM2) and cryptography (RSA) into scripts/interop/.venv  (requirements.txt, pinned)
#   - Node:   sm-crypto 0.3.13 and 0.5.8 into scripts/interop/node_modules   (package-lock.json, pinned)
# Idempotent; safe to re-run. Needs python3 (with venv) and npm on PATH.
#
#   bash scripts/interop/install.sh
#   cargo test -p genauth-client --all-features --test interop -- --ignored
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt

if [ -f package-lock.json ]; then
  npm ci --silent --no-audit --no-fund
else
  npm install --silent --no-audit --no-fund
fi

echo "interop tools installed:"
.venv/bin/python -c 'import importlib.metadata as m; print("  gmssl", m.version("gmssl")); print("  cryptography", m.version("cryptography"))'
node -e 'for (const p of ["sm-crypto", "sm-crypto-0.5"]) console.log("  " + p, require("./node_modules/" + p + "/package.json").version)'
