//! The online alternative to local verification: RFC 7662 token introspection through the
//! declared [`Oidc::introspect`] endpoint, behind a bounded TTL cache, for opaque tokens and for
//! tokens that must stop working as soon as they are revoked.
//!
//! The cache is keyed by the SHA-256 of the token, never the token itself, so neither memory
//! dumps of the map nor `Debug` hold a usable credential. Answers are cached both ways:
//! `active: true` for the positive TTL (never past the token's own `exp`), `active: false` for
//! the negative TTL (so a flood of bad tokens costs one call per distinct token per TTL).
//! Failures to reach the server are not cached. When full, the oldest entry is evicted
//! (insertion order), so memory stays bounded whatever the traffic.
//!
//! Lookups of one token are single-flight: callers who miss the cache at the same time wait for
//! the one call already asking about that token and take its cached answer (a burst of requests
//! carrying a fresh token makes one introspection call, not one per request). Different tokens
//! never wait for each other.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use sha2::{Digest as _, Sha256};

use super::claims::{deadline, now_secs};
use crate::api::Oidc;
use crate::error::Result;
use crate::model::{TokenIntrospection, TokenRequestBody};

/// Default lifetime of a cached `active: true` answer.
#[cfg(feature = "jwt")]
pub const DEFAULT_POSITIVE_TTL: Duration = Duration::from_secs(60);
/// Default lifetime of a cached `active: false` answer.
#[cfg(feature = "jwt")]
pub const DEFAULT_NEGATIVE_TTL: Duration = Duration::from_secs(10);
/// Default number of cached answers.
#[cfg(feature = "jwt")]
pub const DEFAULT_INTROSPECTION_CAPACITY: usize = 10_000;

type Key = [u8; 32];

/// The single-flight gates: one per token being asked about right now (see [`InFlight`]).
type Gates = Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>;

/// Token introspection with a bounded TTL cache (feature `jwt`, on by default).
///
/// Cheap to clone (clones share the cache). Concurrent lookups of one token make one call (see
/// the module docs). Built by [`crate::GenAuthClient::introspection_cache`]
/// or [`IntrospectionCache::new`] over any [`Oidc`] implementation.
///
/// ```no_run
/// # extern crate genauth_client as genauth;
/// # async fn run(client: genauth::GenAuthClient) -> genauth::Result<()> {
/// use std::time::Duration;
/// let cache = client
///     .introspection_cache()
///     .with_positive_ttl(Duration::from_secs(30))
///     .with_capacity(50_000);
/// let answer = cache.introspect("an-access-token").await?;
/// if answer.active {
///     println!("user {:?}, scope {:?}", answer.sub, answer.scope);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
#[cfg(feature = "jwt")]
pub struct IntrospectionCache<C> {
    client: C,
    positive_ttl: Duration,
    negative_ttl: Duration,
    capacity: usize,
    store: Arc<Mutex<Store>>,
    in_flight: Arc<Gates>,
}

impl<C> fmt::Debug for IntrospectionCache<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IntrospectionCache")
            .field("positive_ttl", &self.positive_ttl)
            .field("negative_ttl", &self.negative_ttl)
            .field("capacity", &self.capacity)
            .field("entries", &self.lock().map.len())
            .finish_non_exhaustive()
    }
}

impl<C> IntrospectionCache<C> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How long an `active: true` answer is reused (default 60 s; never past the token's
    /// `exp`). Revocations take up to this long to be seen.
    pub fn with_positive_ttl(mut self, ttl: Duration) -> Self {
        self.positive_ttl = ttl;
        self
    }

    /// How long an `active: false` answer is reused (default 10 s).
    pub fn with_negative_ttl(mut self, ttl: Duration) -> Self {
        self.negative_ttl = ttl;
        self
    }

    /// The most answers kept (default 10 000); beyond it the oldest is evicted. `0` disables
    /// caching.
    pub fn with_capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity;
        self
    }

    /// The number of cached answers (expired ones included until they are evicted or looked
    /// up).
    pub fn len(&self) -> usize {
        self.lock().map.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets every cached answer.
    pub fn clear(&self) {
        let mut store = self.lock();
        store.map.clear();
        store.order.clear();
    }
}

impl<C: Oidc + Sync> IntrospectionCache<C> {
    /// A cache with the default TTLs and capacity, introspecting through `client`.
    pub fn new(client: C) -> Self {
        IntrospectionCache {
            client,
            positive_ttl: DEFAULT_POSITIVE_TTL,
            negative_ttl: DEFAULT_NEGATIVE_TTL,
            capacity: DEFAULT_INTROSPECTION_CAPACITY,
            store: Arc::new(Mutex::new(Store::default())),
            in_flight: Arc::default(),
        }
    }

    /// The introspection answer for `token`: cached, or asked of the server
    /// (`POST {protocol}/token/introspection`) and cached. An `active: false` answer is `Ok`;
    /// only a failed call is an error (and is not cached).
    pub async fn introspect(&self, token: &str) -> Result<Arc<TokenIntrospection>> {
        let key: Key = Sha256::digest(token.as_bytes()).into();
        if let Some(hit) = self.lock().get(&key, Instant::now()) {
            return Ok(hit);
        }
        // Single flight: the first caller for this token holds its gate while it asks; the
        // others wait on the gate, then find the answer in the cache. A failed call is not
        // cached, so after it the next waiter asks in turn.
        let in_flight = InFlight::join(&self.in_flight, key);
        let _turn = in_flight.gate.lock().await;
        if let Some(hit) = self.lock().get(&key, Instant::now()) {
            return Ok(hit);
        }
        let answer = self
            .client
            .introspect(TokenRequestBody {
                token: token.into(),
                ..Default::default()
            })
            .await?;
        let ttl = if answer.active {
            // Never reuse an answer past the token's own expiry.
            let left = answer.exp.map_or(self.positive_ttl, |exp| {
                Duration::from_secs(exp.saturating_sub(now_secs()))
            });
            self.positive_ttl.min(left)
        } else {
            self.negative_ttl
        };
        let answer = Arc::new(answer);
        if !ttl.is_zero() {
            let expires = deadline(Instant::now(), ttl);
            self.lock()
                .insert(key, Arc::clone(&answer), expires, self.capacity);
        }
        Ok(answer)
    }
}

/// A caller's membership of the single flight for one token: the gate shared by everyone asking
/// about that token now. The map entry goes when the last member leaves (finished, failed or
/// cancelled: this is a drop guard), so the map only holds tokens being asked about.
struct InFlight<'a> {
    map: &'a Gates,
    key: Key,
    gate: Arc<tokio::sync::Mutex<()>>,
}

impl<'a> InFlight<'a> {
    fn join(map: &'a Gates, key: Key) -> Self {
        let gate = Arc::clone(
            map.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(key)
                .or_default(),
        );
        InFlight { map, key, gate }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        // Two references: the map's and this member's. Counted under the map lock, which
        // `join` also holds while cloning, so no member can appear in between.
        if Arc::strong_count(&self.gate) == 2
            && map
                .get(&self.key)
                .is_some_and(|g| Arc::ptr_eq(g, &self.gate))
        {
            map.remove(&self.key);
        }
    }
}

struct Entry {
    value: Arc<TokenIntrospection>,
    expires: Instant,
    seq: u64,
}

/// The cache proper: a map plus the insertion order for eviction. `order` may hold stale
/// `(key, seq)` pairs of entries replaced or removed since; they are skipped on eviction and
/// compacted away when they outnumber the live ones.
#[derive(Default)]
struct Store {
    map: HashMap<Key, Entry>,
    order: VecDeque<(Key, u64)>,
    seq: u64,
}

impl Store {
    fn get(&mut self, key: &Key, now: Instant) -> Option<Arc<TokenIntrospection>> {
        let entry = self.map.get(key)?;
        if entry.expires > now {
            return Some(Arc::clone(&entry.value));
        }
        self.map.remove(key);
        None
    }

    fn insert(
        &mut self,
        key: Key,
        value: Arc<TokenIntrospection>,
        expires: Instant,
        capacity: usize,
    ) {
        if capacity == 0 {
            return;
        }
        self.seq += 1;
        let seq = self.seq;
        self.map.insert(
            key,
            Entry {
                value,
                expires,
                seq,
            },
        );
        self.order.push_back((key, seq));
        while self.map.len() > capacity {
            let Some((old, old_seq)) = self.order.pop_front() else {
                break;
            };
            if self.map.get(&old).is_some_and(|e| e.seq == old_seq) {
                self.map.remove(&old);
            }
        }
        if self.order.len() > 2 * capacity.max(8) {
            let map = &self.map;
            self.order
                .retain(|(k, s)| map.get(k).is_some_and(|e| e.seq == *s));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(active: bool) -> Arc<TokenIntrospection> {
        Arc::new(TokenIntrospection {
            active,
            ..Default::default()
        })
    }

    fn key(i: u32) -> Key {
        Sha256::digest(i.to_be_bytes()).into()
    }

    #[test]
    fn entries_expire() {
        let mut s = Store::default();
        let t0 = Instant::now();
        s.insert(key(1), answer(true), t0 + Duration::from_secs(5), 10);
        assert!(s.get(&key(1), t0).unwrap().active);
        assert!(s.get(&key(1), t0 + Duration::from_secs(4)).is_some());
        assert!(s.get(&key(1), t0 + Duration::from_secs(5)).is_none());
        assert!(
            s.map.is_empty(),
            "an expired entry is dropped when looked up"
        );
        assert!(s.get(&key(2), t0).is_none());
    }

    #[test]
    fn capacity_evicts_the_oldest_and_order_stays_bounded() {
        let mut s = Store::default();
        let t0 = Instant::now();
        let later = t0 + Duration::from_secs(60);
        for i in 0..100 {
            s.insert(key(i), answer(i % 2 == 0), later, 10);
            assert!(s.map.len() <= 10);
        }
        assert_eq!(s.map.len(), 10);
        assert!(s.get(&key(89), t0).is_none(), "evicted");
        assert!(s.get(&key(90), t0).is_some());
        assert!(s.get(&key(99), t0).is_some());
        // Re-inserting the same keys over and over does not grow the order queue unboundedly.
        for round in 0..1000 {
            s.insert(key(90 + round % 10), answer(true), later, 10);
            assert!(s.order.len() <= 2 * 10 + 1, "{}", s.order.len());
        }
        // A replaced entry is not evicted through its stale position.
        assert_eq!(s.map.len(), 10);
        // Capacity 0: nothing is kept.
        let mut s = Store::default();
        s.insert(key(1), answer(true), later, 0);
        assert!(s.map.is_empty());
    }
}
