//! The server public-key cache: `/api/v3/system` fetched once per client (single flight), or keys
//! pinned in the options.

use std::sync::Arc;

use crate::api::Authentication as _;
use crate::client::GenAuthClient;
use crate::crypto::ServerKeys;
use crate::error::{Error, Result};
use crate::fetch_cache::FetchCache;
use crate::model::SystemInfo;
use crate::transport::Transport;

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
    /// Concurrent first calls make one request.
    pub(crate) async fn get<Tr: Transport>(
        &self,
        client: &GenAuthClient<Tr>,
    ) -> Result<(Arc<ServerKeys>, Option<u64>)> {
        if let Some(p) = &self.pinned {
            return Ok((Arc::clone(p), None));
        }
        let entry = self
            .fetched
            .get_or_fetch(None, || async {
                Ok::<_, Error>((fetch(client).await?, None))
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

async fn fetch<Tr: Transport>(client: &GenAuthClient<Tr>) -> Result<ServerKeys> {
    // Through the declared endpoint (`Authentication::get_system_info`), so the fetch gets the
    // same pipeline, retries and span as any call. Boxed: the pipeline that asks for keys is
    // the one this call runs through, and a future cannot contain itself.
    let fetch: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<SystemInfo>> + Send + '_>,
    > = Box::pin(client.get_system_info());
    let info = fetch.await?;
    let rsa = info.rsa.as_ref().map(|k| k.public_key.as_str());
    let sm2 = info.sm2.as_ref().map(|k| k.public_key.as_str());
    if rsa.is_none() && sm2.is_none() {
        return Err(Error::Config(
            "/api/v3/system returned no rsa or sm2 public key".into(),
        ));
    }
    ServerKeys::parse(rsa, sm2)
}
