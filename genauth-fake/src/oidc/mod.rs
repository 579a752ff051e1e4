//! The fake server's OIDC / OAuth 2.0 side: signing keys and the JWKS, the token endpoint (all
//! grants, client auth, PKCE), introspection, revocation, userinfo, and the state they share
//! with QR-code and mobile login (token minting, client auth on `/api/v3/*`).
//!
//! Protocol endpoints take form bodies and answer bare JSON; failures are RFC 6749 errors
//! `{"error", "error_description"}` with HTTP 400 (`invalid_request`, `invalid_grant`,
//! `unsupported_grant_type`, `invalid_scope`) or 401 (`invalid_client`, `invalid_token`).
//!
//! Access tokens and ID tokens are real JWTs: RS256 with the current signing key (its `kid` is
//! published at `/oidc/.well-known/jwks.json`), or HS256 with the app secret for ID tokens when
//! [`FakeOidcConfig::id_token_alg`] says so. The issuer is `http://<Host header>/oidc`, which is
//! [`FakeServer::issuer`](crate::FakeServer::issuer) for a client that uses
//! [`FakeServer::base_url`](crate::FakeServer::base_url).
//!
//! This file holds the configuration and the protocol state; the rest is split by concern:
//! `keys.rs` (signing keys, JWT signing, JWKS), `mint.rs` (claims, ID and access tokens, token
//! responses), `grants.rs` (the token endpoint), `introspection.rs` (introspection and
//! revocation), `userinfo.rs`, `authorize.rs` (authorize-request validation and code issuance, and
//! the test helper that plays the browser), `login_page/` (the hosted login page, its session
//! cookie and logout), `client.rs`
//! (client authentication) and `form.rs` (form bodies and OAuth errors).

mod authorize;
mod client;
mod form;
mod grants;
mod introspection;
mod keys;
mod login_page;
mod mint;
mod userinfo;

use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::users::UserId;
pub(super) use client::check_client;
use genauth_client::TokenEndpointAuthMethod;
pub(super) use grants::token;
pub(super) use introspection::{introspect, revoke};
pub(super) use keys::{jwks, sign_hs256};
pub(super) use login_page::{authorize_page, login, logout, send_passcode};
pub(super) use mint::login_token_data;
pub(super) use userinfo::{protocol_token_user, user_info};

/// How the fake signs ID tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FakeIdTokenAlg {
    /// RS256 with the current signing key (the default).
    #[default]
    Rs256,
    /// HS256 keyed with the app secret (an app setting on the real service).
    Hs256,
}

/// Protocol, QR-code and mobile-login settings of a [`FakeServer`](crate::FakeServer)
/// ([`super::FakeServerConfig::oidc`]).
#[derive(Clone)]
pub struct FakeOidcConfig {
    /// How long a QR code stays `PENDING`/`SCANNED` before it is `EXPIRED`. Default 120 s.
    pub qr_code_ttl: Duration,
    /// How long the ticket of an `AUTHORIZED` QR code can be exchanged. Default 60 s.
    pub qr_ticket_ttl: Duration,
    /// How long an authorization code is valid. Default 600 s.
    pub authorization_code_ttl: Duration,
    /// ID token signing. Default RS256.
    pub id_token_alg: FakeIdTokenAlg,
    /// AccessKey of the one programmatic-access account (client-credentials grant). Default
    /// `"fake-access-key"`.
    pub m2m_access_key: String,
    /// Its SecretKey. Default `"fake-secret-key"`.
    pub m2m_secret_key: String,
    /// Client auth required on introspection; `None` (default): the app's `auth_method`.
    pub introspection_auth_method: Option<TokenEndpointAuthMethod>,
    /// Client auth required on revocation; `None` (default): the app's `auth_method`.
    pub revocation_auth_method: Option<TokenEndpointAuthMethod>,
    /// The application's registered callback URLs. The hosted login page (`GET /oidc/auth`)
    /// serves only an authorize request whose `redirect_uri` is one of them, compared exactly,
    /// and answers any other with an error page (never a redirect). Default: none, so the
    /// hosted page refuses every request until one is registered;
    /// [`FakeServer::approve_authorization`](crate::FakeServer::approve_authorization) checks
    /// the list only when it is not empty.
    pub redirect_uris: Vec<String>,
    /// Where `GET /oidc/session/end` (and `/login/profile/logout`) may send the browser after
    /// logout, compared exactly; another `post_logout_redirect_uri` gets an error page. Default:
    /// none.
    pub post_logout_redirect_uris: Vec<String>,
}

/// A chained setter per setting:
/// `FakeOidcConfig::default().id_token_alg(FakeIdTokenAlg::Hs256).redirect_uri("http://127.0.0.1:3000/callback")`.
impl FakeOidcConfig {
    /// Sets [`FakeOidcConfig::qr_code_ttl`].
    pub fn qr_code_ttl(mut self, ttl: Duration) -> Self {
        self.qr_code_ttl = ttl;
        self
    }

    /// Sets [`FakeOidcConfig::qr_ticket_ttl`].
    pub fn qr_ticket_ttl(mut self, ttl: Duration) -> Self {
        self.qr_ticket_ttl = ttl;
        self
    }

    /// Sets [`FakeOidcConfig::authorization_code_ttl`].
    pub fn authorization_code_ttl(mut self, ttl: Duration) -> Self {
        self.authorization_code_ttl = ttl;
        self
    }

    /// Sets [`FakeOidcConfig::id_token_alg`].
    pub fn id_token_alg(mut self, alg: FakeIdTokenAlg) -> Self {
        self.id_token_alg = alg;
        self
    }

    /// Sets [`FakeOidcConfig::m2m_access_key`] and [`FakeOidcConfig::m2m_secret_key`].
    pub fn m2m_account(
        mut self,
        access_key: impl Into<String>,
        secret_key: impl Into<String>,
    ) -> Self {
        self.m2m_access_key = access_key.into();
        self.m2m_secret_key = secret_key.into();
        self
    }

    /// Sets [`FakeOidcConfig::introspection_auth_method`].
    pub fn introspection_auth_method(mut self, method: TokenEndpointAuthMethod) -> Self {
        self.introspection_auth_method = Some(method);
        self
    }

    /// Sets [`FakeOidcConfig::revocation_auth_method`].
    pub fn revocation_auth_method(mut self, method: TokenEndpointAuthMethod) -> Self {
        self.revocation_auth_method = Some(method);
        self
    }

    /// Adds a registered callback URL ([`FakeOidcConfig::redirect_uris`]).
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uris.push(uri.into());
        self
    }

    /// Adds a registered post-logout URL ([`FakeOidcConfig::post_logout_redirect_uris`]).
    pub fn post_logout_redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.post_logout_redirect_uris.push(uri.into());
        self
    }
}

impl Default for FakeOidcConfig {
    fn default() -> Self {
        FakeOidcConfig {
            qr_code_ttl: Duration::from_secs(120),
            qr_ticket_ttl: Duration::from_secs(60),
            authorization_code_ttl: Duration::from_secs(600),
            id_token_alg: FakeIdTokenAlg::Rs256,
            m2m_access_key: "fake-access-key".to_owned(),
            m2m_secret_key: "fake-secret-key".to_owned(),
            introspection_auth_method: None,
            revocation_auth_method: None,
            redirect_uris: Vec::new(),
            post_logout_redirect_uris: Vec::new(),
        }
    }
}

impl fmt::Debug for FakeOidcConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeOidcConfig")
            .field("qr_code_ttl", &self.qr_code_ttl)
            .field("qr_ticket_ttl", &self.qr_ticket_ttl)
            .field("authorization_code_ttl", &self.authorization_code_ttl)
            .field("id_token_alg", &self.id_token_alg)
            .field("m2m_access_key", &self.m2m_access_key)
            .field("m2m_secret_key", &"<redacted>")
            .field("introspection_auth_method", &self.introspection_auth_method)
            .field("revocation_auth_method", &self.revocation_auth_method)
            .field("redirect_uris", &self.redirect_uris)
            .field("post_logout_redirect_uris", &self.post_logout_redirect_uris)
            .finish()
    }
}

/// An issued authorization code.
#[derive(Debug)]
struct AuthCode {
    code: String,
    user: UserId,
    redirect_uri: String,
    scope: String,
    nonce: Option<String>,
    challenge: Option<(String, String)>,
    issued: Instant,
}

/// An issued protocol access token (a JWT) or refresh token.
#[derive(Debug)]
struct TokenGrant {
    token: String,
    refresh: bool,
    user: Option<UserId>,
    client_id: String,
    scope: String,
    iat: u64,
    exp: u64,
    revoked: bool,
}

/// A QR code of the QR-login flow.
#[derive(Debug)]
pub(super) struct QrRecord {
    pub(super) id: String,
    pub(super) created: Instant,
    pub(super) status: &'static str,
    pub(super) user: Option<UserId>,
    pub(super) ticket: Option<String>,
    pub(super) authorized_at: Option<Instant>,
    pub(super) ticket_used: bool,
}

/// Mutable protocol state (one mutex; never held across an `.await`).
#[derive(Debug, Default)]
pub(super) struct ProtocolStore {
    key_index: usize,
    codes: Vec<AuthCode>,
    grants: Vec<TokenGrant>,
    pub(super) qr_codes: Vec<QrRecord>,
    /// Authorize requests waiting for the hosted login form (`login_page/`).
    pending: Vec<login_page::Pending>,
    /// Browsers signed in on the hosted login page, by session cookie.
    sessions: Vec<login_page::BrowserSession>,
}

/// The fake's protocol configuration and state, a field of the server state.
#[derive(Debug)]
pub(super) struct ProtocolState {
    pub(super) config: FakeOidcConfig,
    store: Mutex<ProtocolStore>,
}

impl ProtocolState {
    pub(super) fn new(config: FakeOidcConfig) -> Self {
        ProtocolState {
            config,
            store: Mutex::new(ProtocolStore::default()),
        }
    }

    pub(super) fn store(&self) -> MutexGuard<'_, ProtocolStore> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub(super) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// A random URL-safe string (CSPRNG; the fake's codes and tokens must not be guessable by a
/// test that forgets to use the real one).
pub(super) fn random_id(prefix: &str) -> String {
    let token =
        genauth_client::oidc::random_token(24).unwrap_or_else(|_| format!("{}", now_secs()));
    format!("{prefix}{token}")
}
