#!/usr/bin/env bash
# Compile cost of #[genauth_api] (issue 6, measurement 6).
#
#   bash bench/compile_cost.sh [N_ENDPOINTS] [REPEATS]     defaults 150 3
#
# Generates two throwaway crates under target/compile_cost/ (not committed) with
# bench/gen_compile_crate.py: `macro` declares N endpoints through #[genauth_api], `hand` is the
# same trait and impl written out in the shape the macro expands to. Dependencies
# (genauth-client, genauth-macros, serde, ...) are built once first, into one shared target dir.
# Then, per variant, REPEATS times each (median printed), dev profile:
#   clean:       delete just that crate's artifacts (fingerprint, deps, incremental), `cargo build`
#   incremental: after a clean build, regenerate with N+1 endpoints, `cargo build`
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
n="${1:-150}"
reps="${2:-3}"
work="$root/target/compile_cost"
export CARGO_TARGET_DIR="$work/target"
mkdir -p "$work"

echo "# $(uname -m), $(nproc) CPU(s): $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(rustc --version)"
echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg); N=$n endpoints, $reps repeats, dev profile"

gen() {
  python3 "$here/gen_compile_crate.py" "$work/$1" "$1" "$2" "$root/genauth-client"
  # The workspace's lock file: same dependency versions, nothing new to download.
  [ -f "$work/$1/Cargo.lock" ] || cp "$root/Cargo.lock" "$work/$1/Cargo.lock"
}
wipe() {
  local crate="compile_cost_$1"
  rm -rf "$CARGO_TARGET_DIR"/debug/.fingerprint/"$crate"-* \
         "$CARGO_TARGET_DIR"/debug/deps/lib"$crate"-* "$CARGO_TARGET_DIR"/debug/deps/"$crate"-* \
         "$CARGO_TARGET_DIR"/debug/incremental/"$crate"-*
}
build() { (cd "$work/$1" && cargo build -q 2>&1); }
now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Dependencies once (and a check that both variants compile).
for v in macro hand; do gen "$v" "$n"; build "$v"; done

declare -A clean incr
for v in macro hand; do
  c=(); i=()
  for _ in $(seq "$reps"); do
    gen "$v" "$n"; wipe "$v"
    t0=$(now); build "$v"; t1=$(now)
    c+=("$(echo "$t1 - $t0" | bc -l)")
    gen "$v" "$((n + 1))"
    t0=$(now); build "$v"; t1=$(now)
    i+=("$(echo "$t1 - $t0" | bc -l)")
  done
  clean[$v]="$(printf '%s\n' "${c[@]}" | median)"
  incr[$v]="$(printf '%s\n' "${i[@]}" | median)"
  echo "# $v: clean ${c[*]} s; incremental (+1 endpoint) ${i[*]} s"
done

echo
echo "| build of the $n-endpoint crate | macro (s) | hand-expanded (s) | macro ÷ hand |"
echo "|---|---:|---:|---:|"
awk -v a="${clean[macro]}" -v b="${clean[hand]}" 'BEGIN { printf "| clean (deps prebuilt) | %.2f | %.2f | %.2f |\n", a, b, a / b }'
awk -v a="${incr[macro]}" -v b="${incr[hand]}" 'BEGIN { printf "| incremental, +1 endpoint | %.2f | %.2f | %.2f |\n", a, b, a / b }'
