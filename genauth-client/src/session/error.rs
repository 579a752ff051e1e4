//! The session's error type and why a session ends.

use std::fmt;
use std::sync::Arc;

use super::store::StoreError;
use crate::error::Error;

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EndReason {
    /// The server rejected the refresh token (`invalid_grant`: revoked, expired, or the user
    /// signed out elsewhere). The user must log in again.
    RefreshRejected,
    /// The access token expired and the session has no refresh token (log in with
    /// `offline_access` to get one).
    Expired,
    /// [`Session::logout`](super::Session::logout) was called.
    LoggedOut,
}

impl fmt::Display for EndReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EndReason::RefreshRejected => "the refresh token was rejected (invalid_grant)",
            EndReason::Expired => "the access token expired and there is no refresh token",
            EndReason::LoggedOut => "logged out",
        })
    }
}

/// What can go wrong in a [`Session`](super::Session). Cheap to clone (callers waiting on the same refresh all
/// get its error). Messages never contain a token.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The session is over; log in again. Every later call returns this too.
    #[error("the session has ended: {0}")]
    Ended(EndReason),
    /// The refresh failed for another reason (network, timeout, 5xx after the client's
    /// [`crate::RetryPolicy`], an unexpected reply): the session is still usable and the next
    /// call tries again.
    #[error("token refresh failed: {0}")]
    Refresh(#[source] Arc<Error>),
    /// [`Session::refresh`](super::Session::refresh) was called on a session without a refresh token.
    #[error("the session has no refresh token (log in with the offline_access scope)")]
    NoRefreshToken,
    /// The login result has no access token.
    #[error("the token set has no access token")]
    NoAccessToken,
    /// Revoking the tokens on logout failed; the session has ended locally all the same.
    #[error("logout: revoking the tokens failed: {0}")]
    Revoke(#[source] Arc<Error>),
    /// The [`TokenStore`](super::TokenStore) failed.
    #[error(transparent)]
    Store(Arc<StoreError>),
}

impl SessionError {
    /// Whether the session has ended (log in again).
    pub fn is_ended(&self) -> bool {
        matches!(self, SessionError::Ended(_))
    }
}

impl From<StoreError> for SessionError {
    fn from(e: StoreError) -> Self {
        SessionError::Store(Arc::new(e))
    }
}
