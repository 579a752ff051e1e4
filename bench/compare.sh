#!/usr/bin/env bash
# Client CPU per login: the official Python SDK (PyPI `genauth`) vs this SDK, same N logins,
# same local server (issue 6, measurement 5).
#
#   bash bench/compare.sh [N]        N logins per client (default 2000)
#
# 1. installs `genauth` (pinned, see GENAUTH_PY_VERSION) into bench/.venv (gitignored);
# 2. starts the in-repo server in its own process (`cargo run --release --example bench_server`),
#    which prints its loopback URL and serves until its stdin closes;
# 3. runs N logins through the Python SDK's AuthenticationClient.sign_in_by_account_password,
#    as shipped (a new connection per call) and with a pooled requests.Session (best case),
#    measuring time.process_time() deltas;
# 4. runs N logins through our `sign_in_by_account_password` (the `throughput` bench binary in
#    its GENAUTH_BENCH_URL mode: current-thread runtime, CPU from /proc/self/task/*/schedstat,
#    cross-checked with /proc/self/stat utime+stime) for none, rsa and sm2;
# 5. prints both and the ratios (Python "none" vs Rust "none": the Python SDK has no password
#    encryption, so none is the like-for-like comparison).
#
# GENAUTH_BENCH_SERVER_DELAY_MS=1 bash bench/compare.sh holds every sign-in reply back 1 ms, so
# that encrypted and unencrypted logins wait equally long for the server (the server decrypts,
# so it answers encrypted logins later, and a client that sleeps until the reply pays for the
# context switch and wake-up).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
n="${1:-2000}"
py_version="${GENAUTH_PY_VERSION:-5.1.0}"
venv="$here/.venv"
cd "$root"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import genauth, sys; from importlib.metadata import version; sys.exit(version('genauth') != '$py_version')" 2>/dev/null; then
  "$venv/bin/pip" install -q "genauth==$py_version"
fi
# genauth 5.1.0 imports `websockets` at import time (genauth/utils/wss.py) without declaring it.
"$venv/bin/python" -c "import websockets" 2>/dev/null || "$venv/bin/pip" install -q websockets

echo "# $(uname -m), $(nproc) CPU(s): $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg); N=$n; python $("$venv/bin/python" -c 'import sys; print(sys.version.split()[0])'), genauth $py_version"

# Build first so that compile time does not overlap the measurements.
cargo build -q --release --example bench_server
cargo bench -q -p genauth-client --bench throughput --no-run 2>/dev/null

tmp="$(mktemp -d)"
mkfifo "$tmp/stdin"
"${CARGO_TARGET_DIR:-$root/target}/release/examples/bench_server" < "$tmp/stdin" > "$tmp/url" 2> "$tmp/server.log" &
server_pid=$!
exec 3> "$tmp/stdin"   # the server serves while this stays open
cleanup() { exec 3>&- 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 100); do [ -s "$tmp/url" ] && break; sleep 0.1; done
url="$(head -n1 "$tmp/url")"
[ -n "$url" ] || { echo "bench_server did not start" >&2; cat "$tmp/server.log" >&2; exit 1; }
echo "# server: $url (separate process)"

py_line="$("$venv/bin/python" "$here/py_sdk_logins.py" "$url" "$n")"
echo "$py_line"
py_pooled_line="$("$venv/bin/python" "$here/py_sdk_logins.py" "$url" "$n" --pooled)"
echo "$py_pooled_line"
rust_out="$(GENAUTH_BENCH_URL="$url" GENAUTH_BENCH_N="$n" \
  cargo bench -q -p genauth-client --bench throughput 2>/dev/null)"
echo "$rust_out"

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
py_cpu="$(echo "$py_line" | field py_cpu_us_per_login)"
py_pooled_cpu="$(echo "$py_pooled_line" | field py_cpu_us_per_login)"
echo
echo "| client | encryption | CPU µs/login | Python SDK as shipped ÷ this | Python SDK pooled ÷ this |"
echo "|---|---|---:|---:|---:|"
echo "| python genauth $py_version (as shipped) | none | $py_cpu | 1.0 | |"
echo "| python genauth $py_version (pooled Session) | none | $py_pooled_cpu | | 1.0 |"
while read -r line; do
  mode="$(echo "$line" | sed -n 's/.*mode=\([a-z0-9]*\).*/\1/p')"
  cpu="$(echo "$line" | field rust_cpu_us_per_login)"
  awk -v m="$mode" -v c="$cpu" -v p="$py_cpu" -v q="$py_pooled_cpu" \
    'BEGIN { printf "| genauth-rs | %s | %.1f | %.1fx | %.1fx |\n", m, c, p / c, q / c }'
done < <(echo "$rust_out" | grep '^rust mode=')
echo
echo "# target: at least 10x less client CPU per login than the Python SDK (like for like: none)"
