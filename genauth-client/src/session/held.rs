//! The tokens a session holds, and when they are due: the timing rules in one place.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

use super::store::StoredTokens;
use crate::model::LoginTokenSet;
use crate::model::RefreshedTokenSet;
use crate::secret::Secret;

/// The refresh margin and clock skew ([`super::SessionBuilder`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timing {
    pub(crate) refresh_margin: Duration,
    pub(crate) clock_skew: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            refresh_margin: super::DEFAULT_REFRESH_MARGIN,
            clock_skew: super::DEFAULT_CLOCK_SKEW,
        }
    }
}

/// When a token is due, on tokio's clock (so tests can drive it), and its absolute expiry (for
/// the store).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Expiry {
    /// From here on, `access_token()` refreshes.
    pub(crate) refresh_at: Instant,
    /// The token's end (as far as we know).
    pub(crate) expires_at: Instant,
    /// `expires_at` in seconds since the UNIX epoch.
    pub(crate) unix: u64,
}

impl Expiry {
    /// A token that lives `lifetime` from `start` (`start_unix` on the wall clock): refreshed
    /// `margin + skew` before its end, but never in the first half of its life (so a lifetime
    /// shorter than twice the margin does not refresh on every call).
    pub(crate) fn new(
        lifetime: Duration,
        start: Instant,
        start_unix: SystemTime,
        timing: Timing,
    ) -> Self {
        // A server could send any `expires_in`: cap it so `Instant` arithmetic cannot overflow.
        let lifetime = lifetime.min(MAX_LIFETIME);
        let lead = (timing.refresh_margin.saturating_add(timing.clock_skew)).min(lifetime / 2);
        let unix = start_unix
            .checked_add(lifetime)
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(u64::MAX, |d| d.as_secs());
        Expiry {
            refresh_at: start + (lifetime - lead),
            expires_at: start + lifetime,
            unix,
        }
    }
}

/// Longer lifetimes are treated as this (ten years).
const MAX_LIFETIME: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// What the session does with its token now.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// Hand it out.
    Fresh,
    /// Refresh first.
    Due,
    /// Past its end and nothing to refresh with.
    Expired,
}

/// The tokens of an active session.
#[derive(Debug, Clone)]
pub(crate) struct Held {
    pub(crate) access: Secret,
    pub(crate) refresh: Option<Secret>,
    pub(crate) id: Option<Secret>,
    pub(crate) token_type: String,
    pub(crate) scope: Option<String>,
    /// `None`: the server never said how long the token lives.
    pub(crate) expiry: Option<Expiry>,
}

impl Held {
    /// From a login: the lifetime counts from now (when the reply was received; the margin
    /// covers the difference).
    pub(crate) fn from_login(tokens: LoginTokenSet, timing: Timing) -> Option<Self> {
        let expiry = Expiry::new(
            Duration::from_secs(tokens.expires_in),
            Instant::now(),
            SystemTime::now(),
            timing,
        );
        Some(Held {
            access: tokens.access_token?,
            refresh: tokens.refresh_token,
            id: tokens.id_token,
            token_type: tokens.token_type,
            scope: tokens.scope,
            expiry: Some(expiry),
        })
    }

    /// From a store: what remains of the absolute expiry counts from now.
    pub(crate) fn from_stored(stored: StoredTokens, timing: Timing) -> Self {
        let now_unix = SystemTime::now();
        let expiry = stored.expires_at_time().map(|at| {
            let left = at.duration_since(now_unix).unwrap_or_default();
            Expiry::new(left, Instant::now(), now_unix, timing)
        });
        Held {
            access: stored.access_token,
            refresh: stored.refresh_token,
            id: stored.id_token,
            token_type: stored.token_type,
            scope: stored.scope,
            expiry,
        }
    }

    /// After a refresh sent at `sent` (`sent_unix`): the lifetime counts from when the request
    /// left, which errs on the early side. Fields the reply omits keep their old values (a
    /// server that does not rotate refresh tokens sends none back).
    pub(crate) fn refreshed(
        &self,
        reply: RefreshedTokenSet,
        sent: Instant,
        sent_unix: SystemTime,
        timing: Timing,
    ) -> Self {
        let lifetime = reply.expires_in.map(Duration::from_secs);
        Held {
            access: reply.access_token,
            refresh: reply.refresh_token.or_else(|| self.refresh.clone()),
            id: reply.id_token.or_else(|| self.id.clone()),
            token_type: reply.token_type.unwrap_or_else(|| self.token_type.clone()),
            scope: reply.scope.or_else(|| self.scope.clone()),
            expiry: lifetime.map(|l| Expiry::new(l, sent, sent_unix, timing)),
        }
    }

    pub(crate) fn status(&self, now: Instant, timing: Timing) -> Status {
        let Some(e) = self.expiry else {
            // Unknown lifetime: nothing to schedule; `Session::refresh` forces one.
            return Status::Fresh;
        };
        if now < e.refresh_at {
            Status::Fresh
        } else if self.refresh.is_some() {
            Status::Due
        } else if now
            .checked_add(timing.clock_skew)
            .is_some_and(|n| n < e.expires_at)
        {
            // Nothing to refresh with: hand the token out until it ends.
            Status::Fresh
        } else {
            Status::Expired
        }
    }

    pub(crate) fn stored(&self) -> StoredTokens {
        StoredTokens {
            version: StoredTokens::version(),
            access_token: self.access.clone(),
            refresh_token: self.refresh.clone(),
            id_token: self.id.clone(),
            token_type: self.token_type.clone(),
            scope: self.scope.clone(),
            expires_at: self.expiry.map(|e| e.unix),
        }
    }

    /// The token set [`crate::OidcExt::logout`] revokes.
    pub(crate) fn login_token_set(&self) -> LoginTokenSet {
        LoginTokenSet {
            access_token: Some(self.access.clone()),
            id_token: self.id.clone(),
            refresh_token: self.refresh.clone(),
            token_type: self.token_type.clone(),
            expires_in: 0,
            scope: self.scope.clone(),
        }
    }
}
