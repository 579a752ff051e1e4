#!/usr/bin/env bash
# Times the same password encryptions as `cargo bench -p genauth-client --bench crypto` in the
# JS and Python implementations other SDKs use, on this machine, in one run:
#   SM2 (js5 layout, default SM2 key): sm-crypto 0.3.13 / 0.5.8 (node), gmssl 3.2.2 (python)
#   RSA PKCS#1 v1.5 (default RSA-1024 key, test RSA-2048 key): node:crypto, cryptography (both OpenSSL)
# Uses the tools scripts/interop/install.sh installs (run it first).
#   bash scripts/bench_js_py/bench.sh [N_SM2] [N_RSA]     iterations per operation, defaults 100 2000
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
interop="$here/../interop"
py="${GENAUTH_INTEROP_PYTHON:-$interop/.venv/bin/python}"
if [ ! -x "$py" ] || [ ! -d "$interop/node_modules/sm-crypto" ]; then
  echo "interop tools missing: run bash scripts/interop/install.sh" >&2
  exit 1
fi
echo "# $(uname -m), $(nproc) CPU(s): $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "# load average: $(cut -d" " -f1-3 /proc/loadavg)"
node "$here/bench.js" "${1:-100}" "${2:-2000}"
"$py" "$here/bench.py" "${1:-100}" "${2:-2000}"
