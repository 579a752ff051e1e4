#!/usr/bin/env bash
# Fuzz response decoding for a bounded time with cargo-fuzz (libFuzzer + AddressSanitizer).
#
#   scripts/fuzz.sh [SECONDS=120] [TARGET=decode] [extra libFuzzer flags...]
#
# Toolchain: cargo-fuzz passes nightly-only flags (-Zsanitizer=address). A `nightly` toolchain
# is used when rustup has one (set FUZZ_TOOLCHAIN to choose another); otherwise the repo's
# pinned stable compiler is used with RUSTC_BOOTSTRAP=1, which unlocks those flags on a stable
# rustc (the only toolchain a fresh machine has). cargo-fuzz is installed here, not in CI.
#
# The seed inputs in fuzz/seeds/<target> are read-only; the growing corpus and any crash
# artifacts go under fuzz/corpus and fuzz/artifacts (git-ignored). Exits non-zero on a finding.
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-120}"
target="${2:-decode}"
shift $(( $# > 2 ? 2 : $# ))

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

toolchain="${FUZZ_TOOLCHAIN:-}"
if [ -z "$toolchain" ] && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=nightly
fi
if [ -z "$toolchain" ]; then
  toolchain="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
fi
case "$toolchain" in
  nightly*) ;;
  *)
    export RUSTC_BOOTSTRAP=1
    echo "== $toolchain is not a nightly: building with RUSTC_BOOTSTRAP=1"
    ;;
esac
echo "== toolchain: $(rustup run "$toolchain" rustc --version)"

corpus="fuzz/corpus/$target"
mkdir -p "$corpus" "fuzz/artifacts/$target"
cd fuzz
echo "== fuzzing $target for ${secs}s"
cargo "+$toolchain" fuzz run "$target" "corpus/$target" "seeds/$target" -- \
  -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 "$@"
