//! The store's non-cryptographic randomness (opaque tokens, passcodes, request ids).

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

/// Non-cryptographic randomness for opaque tokens and passcodes: SipHash with per-process random
/// keys over a counter. Good enough for a test server; nothing here protects a real secret.
#[derive(Debug)]
pub(crate) struct Rng {
    keys: RandomState,
    counter: AtomicU64,
}

impl Rng {
    pub(crate) fn new() -> Self {
        Rng {
            keys: RandomState::new(),
            counter: AtomicU64::new(0),
        }
    }

    pub(super) fn next_u64(&self) -> u64 {
        self.keys
            .hash_one(self.counter.fetch_add(1, Ordering::Relaxed))
    }

    /// A uuid-shaped request id whose last group is the server's request sequence number.
    pub(crate) fn request_id(&self, seq: u64) -> String {
        let r = self.next_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            (r >> 32) as u32,
            (r >> 16) as u16,
            (r >> 4) & 0xfff,
            r & 0xfff,
            seq
        )
    }

    /// `len` lowercase hex characters.
    pub(super) fn hex(&self, len: usize) -> String {
        let mut out = String::with_capacity(len + 16);
        while out.len() < len {
            out.push_str(&format!("{:016x}", self.next_u64()));
        }
        out.truncate(len);
        out
    }
}
