//! The JWKS cache of a [`TokenVerifier`]: shared between clones, refreshed after its TTL, and
//! fetched again (at most once per cooldown) when a token names an unknown `kid`.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Instant;

use jsonwebtoken::DecodingKey;

use super::{TokenVerifier, VerifyError};
use crate::api::Oidc;
use crate::error::Error;
use crate::model::Jwks;

pub(super) struct CachedJwks {
    by_kid: HashMap<String, DecodingKey>,
    all: Vec<DecodingKey>,
    fetched_at: Instant,
    generation: u64,
}

impl CachedJwks {
    fn find(&self, kid: Option<&str>) -> Result<Option<DecodingKey>, VerifyError> {
        match kid {
            Some(kid) => Ok(self.by_kid.get(kid).cloned()),
            None if self.all.len() == 1 => Ok(self.all.first().cloned()),
            None => Err(VerifyError::MissingKid),
        }
    }
}

#[derive(Default)]
pub(super) struct CacheState {
    pub(super) jwks: Option<Arc<CachedJwks>>,
    generation: u64,
    last_kid_refetch: Option<Instant>,
}

pub(super) struct Shared {
    pub(super) state: RwLock<CacheState>,
    pub(super) fetch_gate: tokio::sync::Mutex<()>,
}

/// The cache side of the verifier.
impl<C: Oidc + Sync> TokenVerifier<C> {
    pub(super) fn state_mut(&self) -> std::sync::RwLockWriteGuard<'_, CacheState> {
        self.shared
            .state
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The cached JWKS when it is still fresh.
    fn fresh(&self) -> Option<Arc<CachedJwks>> {
        let state = self
            .shared
            .state
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        state
            .jwks
            .as_ref()
            .filter(|j| j.fetched_at.elapsed() < self.jwks_ttl)
            .cloned()
    }

    pub(super) async fn rsa_key(&self, kid: Option<&str>) -> Result<DecodingKey, VerifyError> {
        let jwks = match self.fresh() {
            Some(j) => j,
            None => self.fetch(None).await?,
        };
        if let Some(key) = jwks.find(kid)? {
            return Ok(key);
        }
        let kid = kid.unwrap_or_default();
        // Unknown kid: the keys may have rotated. Fetch again once, unless within the cooldown.
        {
            let mut state = self.state_mut();
            let recently = state
                .last_kid_refetch
                .is_some_and(|t| t.elapsed() < self.refetch_cooldown);
            if recently {
                return Err(VerifyError::UnknownKid(kid.to_owned()));
            }
            state.last_kid_refetch = Some(Instant::now());
        }
        let jwks = self.fetch(Some(jwks.generation)).await?;
        jwks.find(Some(kid))?
            .ok_or_else(|| VerifyError::UnknownKid(kid.to_owned()))
    }

    /// Fetches the JWKS, one fetch at a time. `stale` is the generation the caller found
    /// wanting: when another task replaced it while this one waited, that result is used.
    async fn fetch(&self, stale: Option<u64>) -> Result<Arc<CachedJwks>, VerifyError> {
        let _gate = self.shared.fetch_gate.lock().await;
        if let Some(current) = self.fresh()
            && stale.is_none_or(|g| current.generation > g)
        {
            return Ok(current);
        }
        let jwks = self.client.get_jwks().await.map_err(VerifyError::Jwks)?;
        let mut state = self.state_mut();
        state.generation += 1;
        let cached = Arc::new(index_jwks(&jwks, state.generation)?);
        state.jwks = Some(Arc::clone(&cached));
        Ok(cached)
    }
}

/// RSA signing keys of a JWKS by `kid` (keys marked `use: enc` are skipped).
fn index_jwks(jwks: &Jwks, generation: u64) -> Result<CachedJwks, VerifyError> {
    let mut by_kid = HashMap::new();
    let mut all = Vec::new();
    for jwk in &jwks.keys {
        if jwk.kty != "RSA" || jwk.key_use.as_deref().is_some_and(|u| u != "sig") {
            continue;
        }
        let (Some(n), Some(e)) = (&jwk.n, &jwk.e) else {
            continue;
        };
        let key = DecodingKey::from_rsa_components(n, e).map_err(|e| {
            VerifyError::Jwks(Error::Decode {
                reason: format!("a JWKS key does not decode: {e}"),
                body_excerpt: String::new(),
            })
        })?;
        if let Some(kid) = &jwk.kid {
            by_kid.insert(kid.clone(), key.clone());
        }
        all.push(key);
    }
    Ok(CachedJwks {
        by_kid,
        all,
        fetched_at: Instant::now(),
        generation,
    })
}
