//! Sessions: a login's tokens kept fresh. A [`Session`] hands out a valid access token on
//! demand, refreshes it through the refresh-token grant shortly before it expires (one refresh
//! however many callers ask at once), persists it in an optional [`TokenStore`], and ends
//! cleanly on logout or when the server rejects the refresh token.
//!
//! ```no_run
//! # extern crate genauth_client as genauth;
//! use std::sync::Arc;
//!
//! use genauth::session::{FileTokenStore, Session};
//! use genauth::{AuthenticationExt, ClientOptions, GenAuthClient, GetProfileQuery, Profile, SignInOptions};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = GenAuthClient::new(ClientOptions::from_env()?)?;
//! let store = Arc::new(FileTokenStore::new("/home/me/.config/my-app/tokens.json"));
//! let session = match Session::restore(client.clone(), store.clone()).await? {
//!     Some(session) => session, // logged in on an earlier run
//!     None => {
//!         let options = SignInOptions {
//!             scope: Some("openid profile offline_access".into()),
//!             ..Default::default()
//!         };
//!         let tokens = client.sign_in_by_account_password("alice", "s3cret", Some(options)).await?;
//!         Session::builder(client).store(store).start(tokens).await?
//!     }
//! };
//! // Any time later, from any task (Session is a cheap Clone, Send + Sync):
//! let me = session.user_client().await?.get_profile(GetProfileQuery::default()).await?;
//! println!("{}", me.user_id);
//! session.logout().await?; // revokes the refresh and access tokens, clears the file
//! # Ok(()) }
//! ```

mod builder;
mod error;
mod held;
mod store;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use tokio::time::Instant;

use crate::api::{Oidc as _, OidcExt as _};
use crate::client::{GenAuthClient, UserClient};
use crate::error::Error;
use crate::model::{LoginTokenSet, RefreshTokenRequest};
use crate::secret::Secret;
use crate::transport::{ReqwestTransport, Transport};
pub use builder::SessionBuilder;
pub use error::{EndReason, SessionError};
use held::{Held, Status, Timing};
use store::store_op;
pub use store::{FileTokenStore, MemoryTokenStore, StoreError, StoredTokens, TokenStore};

/// Default [`SessionBuilder::refresh_margin`]: 60 s.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(60);
/// Default [`SessionBuilder::clock_skew`]: 5 s.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(5);

/// A user's login, kept fresh: a cheap-to-clone (`Arc`), `Send + Sync` handle to the tokens.
///
/// - [`access_token`](Session::access_token) returns the current token while it is fresh, and
///   refreshes it (`grant_type=refresh_token` through [`crate::Oidc::refresh_token`], with the
///   client's auth method and [`crate::RetryPolicy`]) once it is within the refresh margin plus
///   clock skew of its expiry. Refreshes are **single-flight**: however many tasks ask at once,
///   one refresh is sent and they all get its outcome; callers with a fresh token never wait.
/// - A refresh rejected with `invalid_grant` ends the session ([`SessionError::Ended`]) and
///   clears the store. Any other failure is returned as [`SessionError::Refresh`] and the
///   session stays usable: the next call tries again. (A server that rotated refresh tokens
///   and lost its reply after processing a refresh would answer the next one `invalid_grant`;
///   GenAuth does not rotate them, and the client never resends a refresh that may have been
///   processed: only refused connections, 429 and 503 are retried.)
/// - The token's lifetime is `expires_in` counted from when the login result reached the
///   session (for a refresh: from when the request was sent). A reply without `expires_in` makes
///   it unknown: the token is then handed out as is, never refreshed proactively, until
///   [`Session::refresh`] is called (e.g. after a 401).
/// - Time is tokio's clock ([`tokio::time::Instant`](https://docs.rs/tokio/1/tokio/time/struct.Instant.html)), so tests can pause and advance it.
///
/// `Debug` shows the state and timings, never a token.
pub struct Session<T: Transport = ReqwestTransport> {
    shared: Arc<Shared<T>>,
}

struct Shared<T: Transport> {
    client: GenAuthClient<T>,
    timing: Timing,
    store: Option<Arc<dyn TokenStore>>,
    /// Never held across an `.await`.
    state: Mutex<State>,
    /// The single-flight gate: held by the one task refreshing (or logging out), across its
    /// token call; every other task that needs a refresh waits here, then shares the outcome.
    gate: tokio::sync::Mutex<()>,
}

struct State {
    phase: Phase,
    /// Refresh attempts completed (a waiter compares it with what it saw before waiting).
    attempts: u64,
    /// The error of the last attempt, when it failed.
    last_failure: Option<SessionError>,
}

enum Phase {
    Active(Held),
    Ended(EndReason),
}

impl<T: Transport> Clone for Session<T> {
    fn clone(&self) -> Self {
        Session {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<T: Transport> fmt::Debug for Session<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = self.lock();
        let mut d = f.debug_struct("Session");
        match &st.phase {
            Phase::Active(h) => {
                let now = Instant::now();
                d.field("state", &"active")
                    .field(
                        "expires_in",
                        &h.expiry
                            .map(|e| e.expires_at.saturating_duration_since(now)),
                    )
                    .field("has_refresh_token", &h.refresh.is_some())
                    .field("has_id_token", &h.id.is_some())
                    .field("scope", &h.scope)
            }
            Phase::Ended(r) => d.field("state", &"ended").field("reason", r),
        };
        d.field("refresh_attempts", &st.attempts)
            .field("refresh_margin", &self.shared.timing.refresh_margin)
            .field("clock_skew", &self.shared.timing.clock_skew)
            .field("has_store", &self.shared.store.is_some())
            .finish()
    }
}

impl<T: Transport> Session<T> {
    /// A builder for a session of `client`'s application.
    pub fn builder(client: GenAuthClient<T>) -> SessionBuilder<T> {
        SessionBuilder {
            client,
            timing: Timing::default(),
            store: None,
        }
    }

    /// A session from a login result, with the default timings and no store.
    pub fn new(client: GenAuthClient<T>, tokens: LoginTokenSet) -> Result<Self, SessionError> {
        let builder = Self::builder(client);
        let held = Held::from_login(tokens, builder.timing).ok_or(SessionError::NoAccessToken)?;
        Ok(builder.finish(held))
    }

    /// The session saved in `store`, or `None` when it is empty; the session keeps saving
    /// there. For other timings: `Session::builder(client).store(store).restore()`.
    pub async fn restore(
        client: GenAuthClient<T>,
        store: impl TokenStore,
    ) -> Result<Option<Self>, SessionError> {
        Self::builder(client).store(store).restore().await
    }

    /// The app client the session calls through.
    pub fn client(&self) -> &GenAuthClient<T> {
        &self.shared.client
    }

    /// A valid access token: the current one while fresh, otherwise a refreshed one (one
    /// refresh shared by all concurrent callers).
    pub async fn access_token(&self) -> Result<Secret, SessionError> {
        let seen = {
            let st = self.lock();
            let held = match &st.phase {
                Phase::Ended(r) => return Err(SessionError::Ended(*r)),
                Phase::Active(h) => h,
            };
            match held.status(Instant::now(), self.shared.timing) {
                Status::Fresh => return Ok(held.access.clone()),
                Status::Due => Some(st.attempts),
                Status::Expired => None,
            }
        };
        let Some(seen) = seen else {
            return Err(self.end(EndReason::Expired).await);
        };
        self.refresh_after(seen).await
    }

    /// This client acting for the session's user, with a valid access token (see
    /// [`Session::access_token`]), for `auth = user` endpoints.
    pub async fn user_client(&self) -> Result<UserClient<T>, SessionError> {
        Ok(self
            .shared
            .client
            .with_user_token(self.access_token().await?))
    }

    /// Refreshes now, whatever the token's expiry (e.g. after the API answered 401), and returns
    /// the new access token. Joins a refresh already in flight instead of sending another.
    pub async fn refresh(&self) -> Result<Secret, SessionError> {
        let seen = {
            let st = self.lock();
            if let Phase::Ended(r) = st.phase {
                return Err(SessionError::Ended(r));
            }
            st.attempts
        };
        self.refresh_after(seen).await
    }

    /// The ID token of the login (or of the last refresh that sent one).
    pub fn id_token(&self) -> Option<Secret> {
        match &self.lock().phase {
            Phase::Active(h) => h.id.clone(),
            Phase::Ended(_) => None,
        }
    }

    /// When the access token expires (wall clock), when known and the session is active.
    pub fn expires_at(&self) -> Option<SystemTime> {
        match &self.lock().phase {
            Phase::Active(h) => h.stored().expires_at_time(),
            Phase::Ended(_) => None,
        }
    }

    /// Why the session ended, or `None` while it is active.
    pub fn ended(&self) -> Option<EndReason> {
        match self.lock().phase {
            Phase::Active(_) => None,
            Phase::Ended(r) => Some(r),
        }
    }

    /// Logs out: ends the session, revokes its refresh token and then its access token
    /// ([`OidcExt::logout`](crate::OidcExt::logout)), and clears the store. Waits for a refresh
    /// in flight so the newest tokens are the ones revoked. Idempotent: on an ended session it only clears the
    /// store again. A revocation failure is returned ([`SessionError::Revoke`]) but the session
    /// has ended locally and the store is cleared all the same: a user who logs out is not left
    /// logged in because the network failed.
    pub async fn logout(&self) -> Result<(), SessionError> {
        let _gate = self.shared.gate.lock().await;
        let held = {
            let mut st = self.lock();
            match std::mem::replace(&mut st.phase, Phase::Ended(EndReason::LoggedOut)) {
                Phase::Active(h) => Some(h),
                Phase::Ended(earlier) => {
                    st.phase = Phase::Ended(earlier);
                    None
                }
            }
        };
        let revoked = match &held {
            Some(h) => self
                .shared
                .client
                .logout(&h.login_token_set())
                .await
                .map_err(|e| SessionError::Revoke(Arc::new(e))),
            None => Ok(()),
        };
        tracing::debug!(revoked = revoked.is_ok(), "session logged out");
        let cleared = self.clear_store().await;
        revoked.and(cleared)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The single-flight refresh. `seen`: the attempt count the caller observed before it
    /// decided to refresh; if an attempt completed since, the caller takes that outcome.
    async fn refresh_after(&self, seen: u64) -> Result<Secret, SessionError> {
        // Cancel-safe: if this task is dropped while refreshing, the gate opens, `attempts` is
        // unchanged, and the next waiter refreshes itself.
        let _gate = self.shared.gate.lock().await;
        let (previous, refresh_token) = {
            let st = self.lock();
            let held = match &st.phase {
                Phase::Ended(r) => return Err(SessionError::Ended(*r)),
                Phase::Active(h) => h,
            };
            if st.attempts != seen {
                return match &st.last_failure {
                    Some(e) => Err(e.clone()),
                    None => Ok(held.access.clone()),
                };
            }
            let Some(rt) = held.refresh.clone() else {
                return Err(SessionError::NoRefreshToken);
            };
            (held.clone(), rt)
        };
        let (sent, sent_unix) = (Instant::now(), SystemTime::now());
        tracing::debug!("refreshing the access token");
        let result = self
            .shared
            .client
            .refresh_token(RefreshTokenRequest {
                refresh_token,
                ..Default::default()
            })
            .await;
        let outcome = {
            let mut st = self.lock();
            st.attempts += 1;
            match result {
                Ok(reply) => {
                    let held = previous.refreshed(reply, sent, sent_unix, self.shared.timing);
                    let token = held.access.clone();
                    let stored = held.stored();
                    st.phase = Phase::Active(held);
                    st.last_failure = None;
                    Ok((token, stored))
                }
                Err(Error::OAuth { error, .. }) if error == "invalid_grant" => Err(None),
                Err(e) => {
                    tracing::debug!(kind = e.kind().as_str(), "token refresh failed");
                    let err = SessionError::Refresh(Arc::new(e));
                    st.last_failure = Some(err.clone());
                    Err(Some(err))
                }
            }
        };
        match outcome {
            Ok((token, stored)) => {
                tracing::debug!("access token refreshed");
                if let Some(store) = &self.shared.store
                    && let Err(e) = store_op(store, move |s| s.save(&stored)).await
                {
                    // The refresh worked and the caller gets the token; the next refresh
                    // saves again.
                    tracing::warn!(error = %e, "could not save the refreshed tokens");
                }
                Ok(token)
            }
            Err(None) => {
                tracing::info!("session ended: the refresh token was rejected");
                Err(self.end(EndReason::RefreshRejected).await)
            }
            Err(Some(err)) => Err(err),
        }
    }

    /// Ends the session for `reason` (unless it already ended) and clears the store; returns
    /// the error callers get from now on.
    async fn end(&self, reason: EndReason) -> SessionError {
        let err = {
            let mut st = self.lock();
            let reason = match st.phase {
                Phase::Active(_) => reason,
                Phase::Ended(earlier) => earlier,
            };
            st.phase = Phase::Ended(reason);
            let err = SessionError::Ended(reason);
            st.last_failure = Some(err.clone());
            err
        };
        if let Err(e) = self.clear_store().await {
            tracing::warn!(error = %e, "could not clear the token store");
        }
        err
    }

    async fn clear_store(&self) -> Result<(), SessionError> {
        match &self.shared.store {
            Some(store) => Ok(store_op(store, |s| s.clear()).await?),
            None => Ok(()),
        }
    }
}

impl<T: Transport> GenAuthClient<T> {
    /// A [`Session`] for this client from a login result (default timings, no store); see
    /// [`Session::builder`] for more.
    pub fn session(&self, tokens: LoginTokenSet) -> Result<Session<T>, SessionError> {
        Session::new(self.clone(), tokens)
    }
}
