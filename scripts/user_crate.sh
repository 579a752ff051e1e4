#!/usr/bin/env bash
# Brand-new crates, as users make them, depending on `genauth` by path:
#   quickstart: only `genauth` (default features) and `tokio`; its `src/main.rs` is the README's
#               "Quick start" block pasted verbatim. It must build.
#   rsa:        `genauth` and `rsa = "0.10"`, as an application that handles RSA keys itself has
#               them. It must resolve (one rsa in the tree), build and run.
#
#   bash scripts/user_crate.sh [quickstart|rsa]     both when no argument is given
#
# Used by .ci/run; also how the user-side clean build time is measured (the first crate alone):
#   CARGO_TARGET_DIR=$(mktemp -d) /usr/bin/time bash scripts/user_crate.sh quickstart
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

quickstart() {
  local dir="$root/target/user-crate"
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
  cargo build --manifest-path "$dir/Cargo.toml"
  echo "user crate (genauth default features + tokio, README Quick start as main.rs) builds"
}

# Cargo allows one version per semver-compatible range in a dependency graph, so while genauth
# pinned a pre-release (`rsa = "=0.10.0-rc.20"`), a crate with `rsa = "0.10"` beside it did not
# resolve at all. Checked twice: resolved from scratch, as `cargo add` does for a new user (that
# fails outright on such a conflict, and the tree must then hold exactly one rsa, the one genauth
# uses), and built and run with the workspace's lock, like the quickstart crate. rsa keeps its
# own default features, so genauth must build with them unified into its own.
with_rsa() {
  local dir="$root/target/user-crate-rsa"
  rm -rf "$dir"
  mkdir -p "$dir/src"
  cat > "$dir/Cargo.toml" <<TOML
[package]
name = "genauth-user-crate-rsa"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
genauth = { path = "$root" }
rsa = "0.10"

# Not a member of the genauth-rs workspace it happens to sit in.
[workspace]
TOML
  # The application's rsa parses and re-encodes the key; genauth pins it and encrypts with it.
  cat > "$dir/src/main.rs" <<'RUST'
use genauth::crypto::{DEFAULT_RSA_PUBLIC_KEY, RsaKey, rsa_encrypt};
use rsa::pkcs8::{DecodePublicKey, EncodePublicKey, LineEnding};
use rsa::traits::PublicKeyParts;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = rsa::PublicKey::from_public_key_pem(DEFAULT_RSA_PUBLIC_KEY)?;
    let pem = key.to_public_key_pem(LineEnding::LF)?;
    let pinned = RsaKey::parse(&pem)?;
    assert_eq!(pinned.bits(), key.size() * 8);
    let wire = rsa_encrypt(&pinned, b"Passw0rd!")?;
    println!("rsa-{} key, {} base64 characters on the wire", pinned.bits(), wire.len());
    Ok(())
}
RUST
  cargo generate-lockfile --manifest-path "$dir/Cargo.toml"
  local versions
  versions=$(cargo tree --manifest-path "$dir/Cargo.toml" -e normal --prefix none --format '{p}' \
    | awk '$1 == "rsa" { print $2 }' | sort -u)
  if [ -z "$versions" ] || [ "$(wc -l <<<"$versions")" != 1 ]; then
    echo "user_crate.sh: genauth + rsa = \"0.10\", resolved afresh, has these rsa versions:" \
      "${versions:-none}" >&2
    exit 1
  fi
  echo "genauth + rsa = \"0.10\" resolves from scratch to one rsa: $versions"
  cp "$root/Cargo.lock" "$dir/Cargo.lock"
  cargo run --manifest-path "$dir/Cargo.toml"
  echo "user crate (genauth + rsa = \"0.10\") builds and runs"
}

case "${1:-all}" in
  quickstart) quickstart ;;
  rsa) with_rsa ;;
  all) quickstart; with_rsa ;;
  *) echo "usage: scripts/user_crate.sh [quickstart|rsa]" >&2; exit 2 ;;
esac
