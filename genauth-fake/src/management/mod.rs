//! The Management API side of the fake server: who may call it ([`authenticate`]), the token
//! endpoint (`token.rs`), the signature check (`signature.rs`), and the stateful endpoints over
//! the same user store the Authentication API uses (`users.rs`, `roles.rs`, `groups.rs`,
//! `permissions.rs`, on the roles, groups and grants of `directory.rs`).
//!
//! A request is a Management request when its route says so (`Access::Management` in
//! `handlers/routes.rs`) or, for the endpoints without a handler of their own, when its declared
//! endpoint has `auth = management` (`declared.rs`). Both call [`authenticate`] first, which
//! accepts either credential the official SDKs send:
//!
//! - `authorization: Bearer <token>` with a token from `POST /api/v3/get-management-token`
//!   that has not expired (nor been expired by [`FakeServer::expire_management_tokens`]), and
//!   `<prefix>userpool-id` equal to [`FakeManagementConfig::userpool_id`];
//! - `authorization: authing <accessKeyId>:<signature>`, the Node SDK's HMAC-SHA1 request
//!   signature, recomputed here from the request as received (`signature.rs`), with a `date`
//!   within [`FakeManagementConfig::signature_skew`] of the server's clock and a nonce not seen
//!   before.
//!
//! Anything else is answered HTTP 401 with
//! `{"statusCode": 401, "message": <why>, "apiCode": 2020, "requestId": …}`.

mod directory;
pub(crate) mod groups;
mod js;
mod params;
pub(crate) mod permissions;
pub(crate) mod roles;
pub(crate) mod signature;
#[cfg(test)]
mod tests;
pub(crate) mod token;
pub(crate) mod users;

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

pub(crate) use directory::Directory;

use crate::FakeServer;
use crate::handlers::{Ctx, Reply};

/// The apiCode of every refused Management request (HTTP 401, statusCode 401): the fake's
/// "not logged in" code, as for a user endpoint called without a valid access token.
pub(crate) const UNAUTHORIZED_API_CODE: u32 = 2020;

/// The Management API side of a [`FakeServer`](crate::FakeServer): the one access key it
/// accepts, the user pool its tokens are scoped to, and how long tokens and signatures stay
/// good. `Debug` never shows the secret.
///
/// ```
/// use std::time::Duration;
/// use genauth_fake::{FakeManagementConfig, FakeServerConfig};
///
/// let config = FakeServerConfig::default().management(
///     FakeManagementConfig::default()
///         .access_key_id("my-key")
///         .access_key_secret("my-secret")
///         .token_ttl(60)
///         .signature_skew(Duration::from_secs(60)),
/// );
/// assert_eq!(config.management.userpool_id, "fake-userpool-id");
/// ```
#[derive(Clone)]
pub struct FakeManagementConfig {
    /// The access key id (`accessKeyId` of the token request, the key id of a signature).
    /// Default `"fake-access-key-id"`.
    pub access_key_id: String,
    /// The access key secret. Default `"fake-access-key-secret"`.
    pub access_key_secret: String,
    /// The user pool management tokens are scoped to (their `scoped_userpool_id` claim), which
    /// token-authenticated requests must send in `<prefix>userpool-id`. Default
    /// `"fake-userpool-id"`.
    pub userpool_id: String,
    /// Lifetime in seconds of management tokens, reported as `expires_in`. Default 7200.
    pub token_ttl: u64,
    /// How far a signed request's `date` may be from the server's clock, either way; a nonce is
    /// remembered for twice this long, so a replay is refused for as long as its date would be
    /// accepted. Default 15 minutes.
    pub signature_skew: Duration,
}

impl FakeManagementConfig {
    /// Sets [`FakeManagementConfig::access_key_id`].
    pub fn access_key_id(mut self, id: impl Into<String>) -> Self {
        self.access_key_id = id.into();
        self
    }

    /// Sets [`FakeManagementConfig::access_key_secret`].
    pub fn access_key_secret(mut self, secret: impl Into<String>) -> Self {
        self.access_key_secret = secret.into();
        self
    }

    /// Sets [`FakeManagementConfig::userpool_id`].
    pub fn userpool_id(mut self, id: impl Into<String>) -> Self {
        self.userpool_id = id.into();
        self
    }

    /// Sets [`FakeManagementConfig::token_ttl`] (seconds).
    pub fn token_ttl(mut self, secs: u64) -> Self {
        self.token_ttl = secs;
        self
    }

    /// Sets [`FakeManagementConfig::signature_skew`].
    pub fn signature_skew(mut self, skew: Duration) -> Self {
        self.signature_skew = skew;
        self
    }
}

impl Default for FakeManagementConfig {
    fn default() -> Self {
        FakeManagementConfig {
            access_key_id: "fake-access-key-id".to_owned(),
            access_key_secret: "fake-access-key-secret".to_owned(),
            userpool_id: "fake-userpool-id".to_owned(),
            token_ttl: 7200,
            signature_skew: Duration::from_secs(15 * 60),
        }
    }
}

impl fmt::Debug for FakeManagementConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeManagementConfig")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("userpool_id", &self.userpool_id)
            .field("token_ttl", &self.token_ttl)
            .field("signature_skew", &self.signature_skew)
            .finish()
    }
}

/// The server's Management credentials state: the configuration, the tokens it issued, the
/// nonces it accepted.
pub(crate) struct ManagementState {
    pub(crate) config: FakeManagementConfig,
    /// The HS256 key of issued tokens: random per server, so a token of another server (or a
    /// hand-made one) is unknown here anyway.
    token_key: String,
    /// `POST /api/v3/get-management-token` requests received, whatever their outcome.
    token_requests: AtomicUsize,
    issued: Mutex<Issued>,
}

/// Tokens and nonces, behind one lock (held for a few statements, never across an `.await`).
#[derive(Default)]
struct Issued {
    /// Every issued token and when it expires; `None` once expired by
    /// [`FakeServer::expire_management_tokens`].
    tokens: HashMap<String, Option<Instant>>,
    /// Nonces of accepted signed requests and when they were accepted.
    nonces: HashMap<String, Instant>,
}

/// What the server knows about a bearer token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenStatus {
    Valid,
    Expired,
    Unknown,
}

impl fmt::Debug for ManagementState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // No token, key or nonce: only counts.
        f.debug_struct("ManagementState")
            .field("config", &self.config)
            .field("token_requests", &self.token_requests)
            .finish_non_exhaustive()
    }
}

impl ManagementState {
    pub(crate) fn new(config: FakeManagementConfig) -> Self {
        let token_key = genauth_client::oidc::random_token(32)
            .unwrap_or_else(|_| format!("fake-management-key-{:?}", Instant::now()));
        ManagementState {
            config,
            token_key,
            token_requests: AtomicUsize::new(0),
            issued: Mutex::new(Issued::default()),
        }
    }

    fn issued(&self) -> MutexGuard<'_, Issued> {
        self.issued.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn remember_token(&self, token: String, expires: Instant) {
        self.issued().tokens.insert(token, Some(expires));
    }

    pub(crate) fn token_status(&self, token: &str) -> TokenStatus {
        match self.issued().tokens.get(token) {
            Some(Some(expires)) if Instant::now() < *expires => TokenStatus::Valid,
            Some(_) => TokenStatus::Expired,
            None => TokenStatus::Unknown,
        }
    }

    /// Accepts `nonce` unless it was accepted within `2 × signature_skew`; forgets older ones.
    fn accept_nonce(&self, nonce: &str) -> bool {
        let window = self.config.signature_skew.saturating_mul(2);
        let now = Instant::now();
        let mut issued = self.issued();
        issued
            .nonces
            .retain(|_, at| now.saturating_duration_since(*at) <= window);
        if issued.nonces.contains_key(nonce) {
            return false;
        }
        issued.nonces.insert(nonce.to_owned(), now);
        true
    }
}

/// HTTP 401, statusCode 401, apiCode [`UNAUTHORIZED_API_CODE`].
pub(crate) fn unauthorized(message: impl Into<String>) -> Reply {
    Reply::unauthorized(UNAUTHORIZED_API_CODE, message)
}

/// The Management credentials check every Management request passes first: a valid management
/// token with the right user pool header, or a valid, fresh, unreplayed request signature.
pub(crate) fn authenticate(ctx: &Ctx<'_>) -> Result<(), Reply> {
    let Some(authorization) = ctx.header("authorization") else {
        return Err(unauthorized(
            "a Management API request needs `authorization`: `Bearer <management token>` \
             (POST /api/v3/get-management-token) or an `authing <accessKeyId>:<signature>` \
             request signature",
        ));
    };
    match authorization.trim().split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => {
            token::check(ctx, token.trim())
        }
        Some((signature::SCHEME, _)) => signature::check(ctx),
        _ => Err(unauthorized(
            "`authorization` is neither `Bearer <management token>` nor \
             `authing <accessKeyId>:<signature>`",
        )),
    }
}

/// Whether a request carries Management credentials, valid or not: a signature
/// (`authorization: authing …`), or a bearer token with the `<prefix>userpool-id` header (an
/// Authentication API access token comes without it).
pub(crate) fn has_credentials(ctx: &Ctx<'_>) -> bool {
    let Some(authorization) = ctx.header("authorization") else {
        return false;
    };
    match authorization.trim().split_once(' ') {
        Some((signature::SCHEME, _)) => true,
        Some((scheme, _)) if scheme.eq_ignore_ascii_case("bearer") => ctx
            .header(&format!("{}userpool-id", ctx.state.header_prefix))
            .is_some(),
        _ => false,
    }
}

/// Management API helpers for tests.
impl FakeServer {
    /// The access key id the Management API accepts ([`FakeManagementConfig::access_key_id`]).
    pub fn management_access_key_id(&self) -> &str {
        &self.state.management.config.access_key_id
    }

    /// The access key secret ([`FakeManagementConfig::access_key_secret`]).
    pub fn management_access_key_secret(&self) -> &str {
        &self.state.management.config.access_key_secret
    }

    /// The user pool management tokens are scoped to ([`FakeManagementConfig::userpool_id`]).
    pub fn management_userpool_id(&self) -> &str {
        &self.state.management.config.userpool_id
    }

    /// Expires every management token issued so far: from now on each is refused (HTTP 401,
    /// "the management token has expired"), as if its lifetime were over. Tokens issued later
    /// work as usual.
    pub fn expire_management_tokens(&self) {
        for expiry in self.state.management.issued().tokens.values_mut() {
            *expiry = None;
        }
    }

    /// How many `POST /api/v3/get-management-token` requests the server has received,
    /// refused ones included.
    pub fn management_token_requests(&self) -> usize {
        self.state.management.token_requests.load(Ordering::Relaxed)
    }
}
