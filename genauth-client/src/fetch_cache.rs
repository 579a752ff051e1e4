//! One value fetched from the server and shared: the home of "fetch once, single flight, fetch
//! again when stale or found wanting". The server encryption keys ([`crate::keys`]: no expiry,
//! refetched when the server says they changed) and the JWKS of a token verifier
//! (`oidc::verify::jwks`: a TTL, refetched on an unknown `kid`) are both this cache with their
//! own policy around it.

use std::future::Future;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Instant;

/// A cached value with its generation (which fetch produced it: 1, 2, …) and its freshness.
pub(crate) struct Entry<V> {
    pub(crate) value: Arc<V>,
    pub(crate) generation: u64,
    /// Used without asking the server again until then; `None`: until invalidated.
    fresh_until: Option<Instant>,
}

impl<V> Clone for Entry<V> {
    fn clone(&self) -> Self {
        Entry {
            value: Arc::clone(&self.value),
            generation: self.generation,
            fresh_until: self.fresh_until,
        }
    }
}

impl<V> Entry<V> {
    fn is_fresh(&self, now: Instant) -> bool {
        self.fresh_until.is_none_or(|t| now < t)
    }
}

struct Slot<V> {
    entry: Option<Entry<V>>,
    /// Generations handed out so far (survives [`FetchCache::invalidate`]).
    generation: u64,
}

/// See the module docs. Readers never wait for each other (a read lock, an `Arc` clone); a
/// fetch holds an async gate so that concurrent callers who all find the value missing or stale
/// make one request and share its result.
pub(crate) struct FetchCache<V> {
    slot: RwLock<Slot<V>>,
    gate: tokio::sync::Mutex<()>,
}

impl<V> Default for FetchCache<V> {
    fn default() -> Self {
        FetchCache {
            slot: RwLock::new(Slot {
                entry: None,
                generation: 0,
            }),
            gate: tokio::sync::Mutex::new(()),
        }
    }
}

impl<V> FetchCache<V> {
    /// The cached entry while it is fresh.
    pub(crate) fn fresh(&self) -> Option<Entry<V>> {
        let slot = self.slot.read().unwrap_or_else(PoisonError::into_inner);
        slot.entry
            .as_ref()
            .filter(|e| e.is_fresh(Instant::now()))
            .cloned()
    }

    /// The fresh entry, or a new one from `fetch` (value and freshness deadline), one fetch at a
    /// time. `wanting`: the generation the caller found wanting (say, it lacks a key the caller
    /// needs): fetch even if that generation is still fresh, unless another task replaced it
    /// while this one waited for the gate, whose result is then used. A failed fetch changes
    /// nothing and its error is returned.
    pub(crate) async fn get_or_fetch<E, Fut>(
        &self,
        wanting: Option<u64>,
        fetch: impl FnOnce() -> Fut,
    ) -> Result<Entry<V>, E>
    where
        Fut: Future<Output = Result<(V, Option<Instant>), E>>,
    {
        if wanting.is_none()
            && let Some(e) = self.fresh()
        {
            return Ok(e);
        }
        let _gate = self.gate.lock().await;
        if let Some(current) = self.fresh()
            && wanting.is_none_or(|g| current.generation > g)
        {
            return Ok(current);
        }
        let (value, fresh_until) = fetch().await?;
        let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
        slot.generation += 1;
        let entry = Entry {
            value: Arc::new(value),
            generation: slot.generation,
            fresh_until,
        };
        slot.entry = Some(entry.clone());
        Ok(entry)
    }

    /// The cached entry even when stale, made fresh again until `until`: a failed refresh keeps
    /// serving what it had for a while. `None` when nothing is cached. (Only the JWKS cache of
    /// token verification does that.)
    #[cfg(feature = "jwt")]
    pub(crate) fn extend(&self, until: Instant) -> Option<Entry<V>> {
        let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
        let entry = slot.entry.as_mut()?;
        entry.fresh_until = Some(until);
        Some(entry.clone())
    }

    /// Forgets the value if it is still `generation`'s: callers who found the same value wanting
    /// at once make one refetch between them, not one each.
    pub(crate) fn invalidate_generation(&self, generation: u64) {
        let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
        if slot
            .entry
            .as_ref()
            .is_some_and(|e| e.generation == generation)
        {
            slot.entry = None;
        }
    }

    /// Forgets the value: the next [`get_or_fetch`](Self::get_or_fetch) fetches.
    #[cfg(feature = "jwt")]
    pub(crate) fn invalidate(&self) {
        self.slot
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .entry = None;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    async fn counted(
        cache: &FetchCache<u32>,
        calls: &AtomicUsize,
        wanting: Option<u64>,
        ttl: Option<Duration>,
    ) -> Result<Entry<u32>, &'static str> {
        cache
            .get_or_fetch(wanting, || async {
                let n = calls.fetch_add(1, Ordering::SeqCst) as u32 + 1;
                tokio::task::yield_now().await;
                Ok((n, ttl.map(|t| Instant::now() + t)))
            })
            .await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_first_calls_make_one_fetch() {
        let cache = Arc::new(FetchCache::default());
        let calls = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let (cache, calls) = (Arc::clone(&cache), Arc::clone(&calls));
                tokio::spawn(
                    async move { *counted(&cache, &calls, None, None).await.unwrap().value },
                )
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap(), 1);
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_wanting_generation_refetches_once_and_invalidating_it_forgets_only_it() {
        let (cache, calls) = (FetchCache::default(), AtomicUsize::new(0));
        let first = counted(&cache, &calls, None, None).await.unwrap();
        assert_eq!((*first.value, first.generation), (1, 1));
        // Fresh forever: no second fetch.
        assert_eq!(*counted(&cache, &calls, None, None).await.unwrap().value, 1);
        // The caller found generation 1 wanting: a new fetch, generation 2.
        let second = counted(&cache, &calls, Some(1), None).await.unwrap();
        assert_eq!((*second.value, second.generation), (2, 2));
        // Someone else asking about generation 1 again gets generation 2 without a fetch.
        assert_eq!(
            *counted(&cache, &calls, Some(1), None).await.unwrap().value,
            2
        );
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        // A failure seen with generation 1 no longer forgets generation 2.
        cache.invalidate_generation(1);
        assert_eq!(cache.fresh().unwrap().generation, 2);
        cache.invalidate_generation(2);
        assert!(cache.fresh().is_none());
        let third = counted(&cache, &calls, None, None).await.unwrap();
        assert_eq!((*third.value, third.generation), (3, 3));
        #[cfg(feature = "jwt")]
        {
            cache.invalidate();
            assert!(cache.fresh().is_none());
        }
    }

    #[cfg(feature = "jwt")]
    #[tokio::test]
    async fn stale_entries_are_refetched_extended_on_request_and_errors_change_nothing() {
        let (cache, calls) = (FetchCache::default(), AtomicUsize::new(0));
        counted(&cache, &calls, None, Some(Duration::ZERO))
            .await
            .unwrap();
        assert!(cache.fresh().is_none(), "a zero TTL is stale at once");
        let failed: Result<Entry<u32>, &str> =
            cache.get_or_fetch(None, || async { Err("down") }).await;
        assert_eq!(failed.err(), Some("down"));
        // The stale value is still there to extend.
        let kept = cache
            .extend(Instant::now() + Duration::from_secs(60))
            .unwrap();
        assert_eq!((*kept.value, kept.generation), (1, 1));
        assert_eq!(*cache.fresh().unwrap().value, 1);
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(
            FetchCache::<u32>::default()
                .extend(Instant::now())
                .is_none()
        );
    }
}
