//! The server public-key cache: keys pinned in the options, or `/api/v3/system` fetched once per
//! client (single flight) and forgotten when the server says it can no longer decrypt with them.
//!
//! This module only keeps keys. The fetch itself is the pipeline's
//! ([`super::Pipeline::fetch_keys`]), which passes it in: the cache never calls up into the
//! client or the generated API.

use std::future::Future;
use std::sync::Arc;

use crate::crypto::ServerKeys;
use crate::endpoint::{Auth, ClientAuthOf, Encoding, Endpoint, Method, ResponseKind};
use crate::error::{Error, Result};
use crate::fetch_cache::FetchCache;
use crate::model::SystemInfo;

/// The request the key fetch sends: `GET /api/v3/system`, no credentials, served bare or
/// enveloped. The same description as the declared `get_system_info` endpoint (a unit test
/// below compares the two), kept here so that the pipeline needs nothing from the
/// API traits above it.
pub(crate) const SYSTEM_INFO: Endpoint = Endpoint {
    name: "get_system_info",
    method: Method::Get,
    path: "/api/v3/system",
    auth: Auth::None,
    client_auth: ClientAuthOf::Token,
    encoding: Encoding::Json,
    response: ResponseKind::Either,
    passwords: &[],
    password_flag: None,
};

pub(crate) struct KeyCache {
    pinned: Option<Arc<ServerKeys>>,
    /// Fetched keys never expire; [`KeyCache::invalidate`] drops them when the server says they
    /// changed.
    fetched: FetchCache<ServerKeys>,
}

impl KeyCache {
    pub(crate) fn new(rsa: Option<&str>, sm2: Option<&str>) -> Result<Self> {
        let pinned = if rsa.is_some() || sm2.is_some() {
            Some(Arc::new(ServerKeys::parse(rsa, sm2)?))
        } else {
            None
        };
        Ok(KeyCache {
            pinned,
            fetched: FetchCache::default(),
        })
    }

    /// The keys to encrypt with, and their generation when they were fetched (`None`: pinned).
    /// Concurrent first calls run `fetch` once between them.
    pub(crate) async fn get<Fut>(
        &self,
        fetch: impl FnOnce() -> Fut,
    ) -> Result<(Arc<ServerKeys>, Option<u64>)>
    where
        Fut: Future<Output = Result<SystemInfo>>,
    {
        if let Some(p) = &self.pinned {
            return Ok((Arc::clone(p), None));
        }
        let entry = self
            .fetched
            .get_or_fetch(None, || async {
                Ok::<_, Error>((parse(fetch().await?)?, None))
            })
            .await?;
        Ok((entry.value, Some(entry.generation)))
    }

    /// Forgets the fetched keys of `generation` (the server could not decrypt with them), so the
    /// next encrypted call refetches. Keys another call has already refetched are kept.
    pub(crate) fn invalidate(&self, generation: u64) {
        self.fetched.invalidate_generation(generation);
    }
}

/// The keys in a `/api/v3/system` reply; one of the two at least.
fn parse(info: SystemInfo) -> Result<ServerKeys> {
    let rsa = info.rsa.as_ref().map(|k| k.public_key.as_str());
    let sm2 = info.sm2.as_ref().map(|k| k.public_key.as_str());
    if rsa.is_none() && sm2.is_none() {
        return Err(Error::Config(
            "/api/v3/system returned no rsa or sm2 public key".into(),
        ));
    }
    ServerKeys::parse(rsa, sm2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key fetch sends exactly what the declared `get_system_info` sends.
    #[test]
    fn system_info_is_the_declared_endpoint() {
        let declared: Vec<&Endpoint> = crate::endpoint::endpoints()
            .map(|(_, ep)| ep)
            .filter(|ep| ep.path == SYSTEM_INFO.path)
            .collect();
        assert_eq!(declared, [&SYSTEM_INFO]);
    }

    #[test]
    fn a_reply_without_keys_is_a_config_error() {
        let err = parse(SystemInfo::default()).unwrap_err();
        assert!(
            matches!(&err, Error::Config(m) if m.contains("no rsa or sm2")),
            "{err}"
        );
    }
}
