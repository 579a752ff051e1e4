//! [`SessionBuilder`]: timings and store, then start from a login or restore from the store.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::error::SessionError;
use super::held::{Held, Timing};
use super::store::{TokenStore, store_op};
use super::{Phase, Session, Shared, State};
use crate::client::GenAuthClient;
use crate::model::LoginTokenSet;
use crate::transport::{ReqwestTransport, Transport};

/// Builds a [`Session`]: timings and store, then [`start`](SessionBuilder::start) from a login
/// or [`restore`](SessionBuilder::restore) from the store.
pub struct SessionBuilder<T: Transport = ReqwestTransport> {
    pub(super) client: GenAuthClient<T>,
    pub(super) timing: Timing,
    pub(super) store: Option<Arc<dyn TokenStore>>,
}

impl<T: Transport> fmt::Debug for SessionBuilder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionBuilder")
            .field("refresh_margin", &self.timing.refresh_margin)
            .field("clock_skew", &self.timing.clock_skew)
            .field("has_store", &self.store.is_some())
            .finish_non_exhaustive()
    }
}

impl<T: Transport> SessionBuilder<T> {
    /// How long before expiry the token is refreshed (default 60 s). Capped at half the token's
    /// lifetime, so short-lived tokens are still used for half their life.
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.timing.refresh_margin = margin;
        self
    }

    /// How far the server's clock may be ahead of ours (default 5 s): added to the refresh
    /// margin, and the tolerance for a token without a refresh token to count as expired.
    pub fn clock_skew(mut self, skew: Duration) -> Self {
        self.timing.clock_skew = skew;
        self
    }

    /// Persists the tokens in `store` (pass an `Arc` to keep a handle on it).
    pub fn store(mut self, store: impl TokenStore) -> Self {
        self.store = Some(Arc::new(store));
        self
    }

    /// A session from a login result; saves it to the store, if any.
    pub async fn start(self, tokens: LoginTokenSet) -> Result<Session<T>, SessionError> {
        let held = Held::from_login(tokens, self.timing).ok_or(SessionError::NoAccessToken)?;
        if let Some(store) = &self.store {
            let stored = held.stored();
            store_op(store, move |s| s.save(&stored)).await?;
        }
        Ok(self.finish(held))
    }

    /// The session saved in the store, or `None` when the store is empty (or there is no
    /// store). A token already due is refreshed on the first [`Session::access_token`].
    pub async fn restore(self) -> Result<Option<Session<T>>, SessionError> {
        let Some(store) = &self.store else {
            return Ok(None);
        };
        let loaded = store_op(store, |s| s.load()).await?;
        Ok(loaded.map(|stored| {
            let held = Held::from_stored(stored, self.timing);
            self.finish(held)
        }))
    }

    pub(super) fn finish(self, held: Held) -> Session<T> {
        Session {
            shared: Arc::new(Shared {
                client: self.client,
                timing: self.timing,
                store: self.store,
                state: Mutex::new(State {
                    phase: Phase::Active(held),
                    attempts: 0,
                    last_failure: None,
                }),
                gate: tokio::sync::Mutex::new(()),
            }),
        }
    }
}
