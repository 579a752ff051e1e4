//! The JWKS cache of a [`TokenVerifier`]: shared between clones, refreshed after its TTL, and
//! fetched again (at most once per cooldown) when a token names an unknown `kid`.
//!
//! Each RSA JWK becomes a [`crate::crypto::RsaKey`] once, when the JWKS is fetched (the modulus'
//! Montgomery parameters are computed then), so a warm verification is one public-key
//! operation and a hash.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rsa::{BoxedUint, PublicKey};

use super::claims::deadline;
use super::{TokenVerifier, VerifyError};
use crate::api::Oidc;
use crate::crypto;
use crate::fetch_cache::{Entry, FetchCache};
use crate::model::{Jwk, Jwks};

/// An RS256 verification key, built once per JWK: the password-encryption key type, so the
/// fixed-size public-key operation (Montgomery parameters computed here, once) serves 1024-,
/// 2048- and 4096-bit keys and the `rsa` crate the other sizes ([`crypto::RsaKey::verify_rs256`]).
pub(super) type RsaKey = Arc<crypto::RsaKey>;

pub(super) struct CachedJwks {
    by_kid: HashMap<String, RsaKey>,
    all: Vec<RsaKey>,
}

impl CachedJwks {
    fn find(&self, kid: Option<&str>) -> Result<Option<RsaKey>, VerifyError> {
        match kid {
            Some(kid) => Ok(self.by_kid.get(kid).cloned()),
            None if self.all.len() == 1 => Ok(self.all.first().cloned()),
            None => Err(VerifyError::MissingKid),
        }
    }
}

/// What clones of a verifier share: the JWKS (fetched through the one [`FetchCache`]) and when
/// an unknown `kid` last caused a refetch.
#[derive(Default)]
pub(super) struct Shared {
    pub(super) jwks: FetchCache<CachedJwks>,
    last_kid_refetch: Mutex<Option<Instant>>,
}

// The cache side of the verifier: the JWKS policy (TTL, unknown-`kid` refetch with a
// cooldown, stale keys kept when a refresh fails) around the shared `FetchCache` (a comment,
// not a doc comment: the impl has no public items, so it stays off the public page).
impl<C: Oidc + Sync> TokenVerifier<C> {
    pub(super) async fn rsa_key(&self, kid: Option<&str>) -> Result<RsaKey, VerifyError> {
        let jwks = self.fetch(None).await?;
        if let Some(key) = jwks.value.find(kid)? {
            return Ok(key);
        }
        let kid = kid.unwrap_or_default();
        // Unknown kid: the keys may have rotated. Fetch again once, unless within the cooldown.
        {
            let mut last = self
                .shared
                .last_kid_refetch
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if last.is_some_and(|t| t.elapsed() < self.refetch_cooldown) {
                return Err(VerifyError::UnknownKid(kid.to_owned()));
            }
            *last = Some(Instant::now());
        }
        let jwks = self.fetch(Some(jwks.generation)).await?;
        jwks.value
            .find(Some(kid))?
            .ok_or_else(|| VerifyError::UnknownKid(kid.to_owned()))
    }

    /// The fresh JWKS, or a fetched one (one fetch at a time). `wanting`: the generation that
    /// lacked a `kid` (fetched again unless another task already replaced it).
    async fn fetch(&self, wanting: Option<u64>) -> Result<Entry<CachedJwks>, VerifyError> {
        let fetched = self
            .shared
            .jwks
            .get_or_fetch(wanting, || async {
                let jwks = self.client.get_jwks().await?;
                let fresh_until = deadline(Instant::now(), self.jwks_ttl);
                Ok((index_jwks(&jwks), Some(fresh_until)))
            })
            .await;
        match fetched {
            Ok(entry) => Ok(entry),
            // A TTL refresh failed (GenAuth unreachable, a 5xx, a bad reply): keep verifying
            // with the keys already cached rather than refusing every token, and ask again after
            // the refetch cooldown (at least 1 s), not on every request. Signing keys rotate
            // rarely and a rotation is caught by the unknown-`kid` refetch. Without cached keys,
            // or when the failed fetch was that unknown-`kid` refetch, the error stands.
            Err(error) if wanting.is_none() => {
                let until = deadline(
                    Instant::now(),
                    self.refetch_cooldown.max(Duration::from_secs(1)),
                );
                match self.shared.jwks.extend(until) {
                    Some(kept) => {
                        tracing::warn!(%error, "JWKS refresh failed; verifying with the cached keys for now");
                        Ok(kept)
                    }
                    None => Err(VerifyError::Jwks(error)),
                }
            }
            Err(error) => Err(VerifyError::Jwks(error)),
        }
    }
}

/// RSA signing keys of a JWKS by `kid`. Keys that are not RSA, are marked for another use than
/// `sig` or another algorithm than `RS256`, or do not decode to a valid RSA public key (1024 to
/// 8192 bits) are skipped, so a token naming them fails with [`VerifyError::UnknownKid`].
fn index_jwks(jwks: &Jwks) -> CachedJwks {
    let mut by_kid = HashMap::new();
    let mut all = Vec::new();
    for jwk in &jwks.keys {
        let Some(key) = rsa_signing_key(jwk) else {
            tracing::debug!(kid = ?jwk.kid, kty = %jwk.kty, "JWKS key skipped: not a usable RS256 key");
            continue;
        };
        let key = Arc::new(key);
        if let Some(kid) = &jwk.kid {
            by_kid.insert(kid.clone(), Arc::clone(&key));
        }
        all.push(key);
    }
    CachedJwks { by_kid, all }
}

/// The RS256 verifying key of one JWK, when it is an RSA signing key.
pub(super) fn rsa_signing_key(jwk: &Jwk) -> Option<crypto::RsaKey> {
    if jwk.kty != "RSA"
        || jwk.key_use.as_deref().is_some_and(|u| u != "sig")
        || jwk.alg.as_deref().is_some_and(|a| a != "RS256")
    {
        return None;
    }
    let n = decode_uint(jwk.n.as_deref()?)?;
    let e = decode_uint(jwk.e.as_deref()?)?;
    // `new` checks the modulus size (1024..=8192 bits), that it is odd, and the exponent range.
    let key = PublicKey::new(n, e).ok()?;
    crypto::RsaKey::from_key(key).ok()
}

/// A JWK big-endian unsigned integer (base64url, no padding), leading zero bytes dropped so
/// the precision is the number's own. Public data: variable time is fine.
fn decode_uint(b64: &str) -> Option<BoxedUint> {
    use base64::Engine as _;
    if b64.len() > 8192 / 6 + 4 {
        return None;
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(b64)
        .ok()?;
    let first = bytes.iter().position(|&b| b != 0)?;
    Some(BoxedUint::from_be_slice_vartime(&bytes[first..]))
}
