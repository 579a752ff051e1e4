#!/usr/bin/env bash
# A user's first build, side by side: a minimal app on `genauth` (default features + tokio, the
# README's Quick start as main.rs) from one or more checkouts, and the same kind of app on
# `openidconnect` (default features + tokio: discovery, then an authorize URL), each built clean
# (an empty target dir, dev profile, dependencies already downloaded) REPEATS times, alternating.
#
#   bash bench/first_build.sh [REPEATS] [GENAUTH_CHECKOUT ...]     defaults: 2, this checkout
#
# Prints one line per build (seconds, wall clock) and the median per app. The apps live under
# target/first_build/ (not committed). Loopback only: nothing is run, only built.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
reps="${1:-2}"
shift || true
checkouts=("$@")
[ ${#checkouts[@]} -gt 0 ] || checkouts=("$root")
work="$root/target/first_build"
mkdir -p "$work"

echo "# $(nproc) CPU(s), $(rustc --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"

apps=()
i=0
for checkout in "${checkouts[@]}"; do
  dir="$work/genauth-$i"
  rm -rf "$dir" && mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<TOML
[package]
name = "first-build-genauth"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
genauth = { path = "$checkout" }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }

[workspace]
TOML
  awk '/^## Quick start/ { q = 1 } q && /^```rust/ { f = 1; next } f && /^```/ { exit } f { print }' \
    "$checkout/README.md" >"$dir/src/main.rs"
  cp "$checkout/Cargo.lock" "$dir/Cargo.lock"
  apps+=("$dir")
  i=$((i + 1))
done

oidc="$work/openidconnect"
rm -rf "$oidc" && mkdir -p "$oidc/src"
cat >"$oidc/Cargo.toml" <<'TOML'
[package]
name = "first-build-openidconnect"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
openidconnect = "4"
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }

[workspace]
TOML
cat >"$oidc/src/main.rs" <<'RS'
use openidconnect::core::{CoreClient, CoreProviderMetadata, CoreResponseType};
use openidconnect::{
    AuthenticationFlow, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, RedirectUrl,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let http = openidconnect::reqwest::ClientBuilder::new()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()?;
    let issuer = IssuerUrl::new(std::env::var("ISSUER")?)?;
    let metadata = CoreProviderMetadata::discover_async(issuer, &http).await?;
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new("app".into()),
        Some(ClientSecret::new("secret".into())),
    )
    .set_redirect_uri(RedirectUrl::new("http://127.0.0.1:3000/callback".into())?);
    let (url, _, _) = client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .url();
    println!("{url}");
    Ok(())
}
RS
apps+=("$oidc")

for app in "${apps[@]}"; do
  cargo fetch --manifest-path "$app/Cargo.toml" >/dev/null 2>&1
done

declare -A times
for r in $(seq 1 "$reps"); do
  for app in "${apps[@]}"; do
    target="$(mktemp -d)"
    start=$(date +%s.%N)
    CARGO_TARGET_DIR="$target" cargo build --offline --quiet --manifest-path "$app/Cargo.toml"
    end=$(date +%s.%N)
    rm -rf "$target"
    t=$(echo "$end - $start" | bc)
    times[$app]="${times[$app]:-} $t"
    echo "run $r $(basename "$app"): ${t}s"
  done
done
for app in "${apps[@]}"; do
  median=$(tr ' ' '\n' <<<"${times[$app]}" | grep . | sort -n | awk '{a[NR] = $1} END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
  echo "median $(basename "$app") ($(grep -m1 'path =' "$app/Cargo.toml" 2>/dev/null | sed 's/.*path = "\(.*\)".*/\1/' || true)): ${median}s"
done
