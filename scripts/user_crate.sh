#!/usr/bin/env bash
# A brand-new crate, as a user makes one: it depends only on `genauth` (default features, by
# path) and `tokio`, and its `src/main.rs` is the README's "Quick start" block pasted verbatim.
# It must build. Used by .ci/run; also how the user-side clean build time is measured:
#   CARGO_TARGET_DIR=$(mktemp -d) /usr/bin/time bash scripts/user_crate.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/target/user-crate"
rm -rf "$dir"
mkdir -p "$dir/src"
cat > "$dir/Cargo.toml" <<TOML
[package]
name = "genauth-user-crate"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
genauth = { path = "$root" }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }

# Not a member of the genauth-rs workspace it happens to sit in.
[workspace]
TOML
# The first Rust block after the "## Quick start" heading, byte for byte.
awk '/^## Quick start/ { q = 1 } q && /^```rust/ { f = 1; next } f && /^```/ { exit } f { print }' \
  "$root/README.md" >"$dir/src/main.rs"
if ! grep -q "fn main" "$dir/src/main.rs"; then
  echo "user_crate.sh: no Quick start block with a main() found in README.md" >&2
  exit 1
fi
# Same dependency versions as the workspace (cargo drops what this crate does not use).
cp "$root/Cargo.lock" "$dir/Cargo.lock"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --manifest-path "$dir/Cargo.toml"
echo "user crate (genauth default features + tokio, README Quick start as main.rs) builds"
