//! # genauth-fake
//!
//! An in-process GenAuth-compatible server for tests and demos of `genauth-client`.
//!
//! [`FakeServer::start`] binds `127.0.0.1:0`, serves a small, strict subset of the v3
//! Authentication API and of the Management API ([below](#management-api)) on the current tokio
//! runtime (over HTTP, or HTTPS with a certificate
//! generated at start: [`FakeServerConfig::tls`]), and records every request it receives so a
//! test can inspect exactly what went over the wire. It parses bodies as raw JSON, the way the
//! real service does, so it also checks a client's wire format independently of the client's
//! own types.
//!
//! Served endpoints:
//!
//! | method | path | notes |
//! |---|---|---|
//! | `POST` | `/api/v3/signin` | connections `PASSWORD`, `PASSCODE`, `LDAP`, `AD`; client auth per [`FakeServerConfig::auth_method`]; `rsa`/`sm2` password decryption |
//! | `POST` | `/api/v3/send-sms` | issues a 6-digit passcode (see [`FakeServer::sent_passcodes`]) |
//! | `POST` | `/api/v3/send-email` | same, for an email address |
//! | `GET`  | `/api/v3/get-profile` | user endpoint: needs `authorization: <access token>` or `Bearer <access token>` |
//! | `POST` | `/api/v3/signup` | connections `PASSWORD` (`options.passwordEncryptType`) and `PASSCODE` (`CHANNEL_REGISTER` codes); answers the new user |
//! | `POST` | `/api/v3/update-password` | user endpoint; `newPassword` and `oldPassword` decrypted per the top-level `passwordEncryptType` |
//! | `POST` | `/api/v3/verify-reset-password-request` | `EMAIL_PASSCODE` / `PHONE_PASSCODE` with `CHANNEL_RESET_PASSWORD` codes; answers `{passwordResetToken, tokenExpiresIn}` |
//! | `POST` | `/api/v3/reset-password` | single-use `passwordResetToken` (also from [`FakeServer::issue_password_reset_token`]); answers `{success: true}` |
//! | `POST` | `/api/v3/verify-delete-account-request` | user endpoint; `PASSWORD` (flag inside `passwordPayload`), `EMAIL_PASSCODE` / `PHONE_PASSCODE` (`CHANNEL_DELETE_ACCOUNT` codes sent to the user's own email/phone); answers `{deleteAccountToken, tokenExpiresIn}` |
//! | `GET`  | `/api/v3/system` | public keys; bare JSON unless [`FakeServerConfig::system_enveloped`] |
//! | `POST` | `/api/v3/update-profile` | user endpoint; stores the fields sent, read back by `get-profile` (`src/profile.rs`) |
//! | `POST` | `/api/v3/bind-email`, `unbind-email`, `bind-phone`, `unbind-phone` | user endpoints; passcodes on `CHANNEL_BIND_EMAIL`, `CHANNEL_UNBIND_EMAIL`, `CHANNEL_BIND_PHONE`, `CHANNEL_UNBIND_PHONE` |
//! | `POST`/`GET` | `/api/v3/send-enroll-factor-request`, `enroll-factor`, `reset-factor`, `list-enrolled-factors`, `get-factor`, `list-factors-to-enroll`, `mfa-totp-verify` | MFA factors: `OTP` (RFC 6238 TOTP, secret in `otpData.qrCodeUri`), `SMS`, `EMAIL` (`src/mfa.rs`) |
//! | `POST` | `/api/v3/check-permission-string-resource`, `-array-resource`, `-tree-resource` | user endpoints; per resource, from [`FakeServer::grant_permission`] (`src/resources.rs`) |
//! | `POST` | `/api/v3/signin-by-mobile` | every mobile connection; credential [`FakeServer::mobile_test_code`]; client auth as signin (`src/mobile.rs`) |
//! | `GET`  | `/api/v3/get-alipay-authinfo` | `?extIdpConnidentifier=`; answers `{authInfo}` |
//! | `POST`/`GET` | `/api/v3/gene-qrcode`, `check-qrcode-status`, `get-qrcode-status`, `change-qrcode-status`, `set-qrcode-status`, `exchange-tokenset-with-qrcode-ticket` | QR state machine with TTL ([`FakeOidcConfig`]) (`src/qrcode.rs`) |
//! | `POST` | `/oidc/token`, `/oidc/token/introspection`, `/oidc/token/revocation` (and `/oauth/…`) | form bodies, all grants, client auth, PKCE; OAuth errors with HTTP 400/401 (`src/oidc.rs`); `/api/v3` login tokens refresh, introspect and revoke here too |
//! | `GET`/`POST` | `/oidc/me`, `/oauth/me` | userinfo; `Bearer`, form or query token |
//! | `GET`  | `/oidc/auth`, `/oauth/auth` | the hosted login page (HTML): validates the authorize request (a `redirect_uri` of [`FakeOidcConfig::redirect_uris`], else an error page), redirects a signed-in browser back with a code unless `prompt=login`, else renders the account/password form (`src/oidc/login_page/`) |
//! | `POST` | `/oidc/auth/login`, `/oauth/auth/login` | the form's post: CSRF token (403 page), the `/api/v3/signin` account and password rules (401 page "Wrong account or password."), then 303 to `redirect_uri?code=…&state=…` with a session cookie |
//! | `POST` | `/oidc/auth/login/passcode`, `/oauth/auth/login/passcode` | the page's one-time-code form: issues a login code for an email or phone (shown on the page: nothing is sent) and renders the code field, which posts to `…/auth/login` (`PASSCODE` rules, 401 page "Wrong or expired code.") |
//! | `GET`  | `/oidc/session/end`, `/login/profile/logout` | ends the hosted page's session; 302 to a registered [`FakeOidcConfig::post_logout_redirect_uris`] entry, else a page |
//! | `GET`  | `/oidc/.well-known/jwks.json` | the current RS256 signing key ([`FakeServer::rotate_signing_key`]) |
//! | `GET`  | `/events/v1/authentication/sub` | websocket; `?code=&token=<access token>` (HTTP 401 for a bad token); events from [`FakeServer::emit_event`] and `pub-userEvent` (`src/events.rs`) |
//! | `POST` | `/api/v3/pub-userEvent` | user endpoint; `{eventType, eventData: <string>, source?}` to the subscribers of `eventType` |
//! | `POST` | `/api/v3/get-management-token` | `{accessKeyId, accessKeySecret}` ([`FakeManagementConfig`]) → `{access_token, expires_in}` |
//! | `POST`/`GET` | `/api/v3/create-user`, `get-user`, `list-users` (both), `update-user`, `delete-users-batch` | Management; the same users as sign-in (`src/management/users.rs`) |
//! | `POST`/`GET` | `/api/v3/create-role`, `get-role`, `list-roles`, `assign-role`, `revoke-role`, `get-user-roles`, `list-role-members` | Management (`src/management/roles.rs`) |
//! | `POST`/`GET` | `/api/v3/create-group`, `get-group`, `add-group-members`, `remove-group-members`, `list-group-members`, `get-user-groups` | Management (`src/management/groups.rs`) |
//! | `POST` | `/api/v3/authorize-resources`, `is-action-allowed`, `check-permission` | Management; checks answer from the grants (`src/management/permissions.rs`) |
//!
//! The same server runs as a process for a browser: the `genauth-dev-server` binary
//! ([`dev_server`]).
//!
//! Every `/api/v3/*` request except `/api/v3/system` and the Management API must carry the
//! `<prefix>app-id` header.
//! Business errors are answered with HTTP 200 and the usual envelope
//! `{"statusCode", "message", "apiCode"?, "requestId", "data"?}`; unknown routes with HTTP 404 and
//! the same envelope. Error codes used:
//!
//! | failure | statusCode | apiCode |
//! |---|---|---|
//! | malformed JSON, wrong content type, unknown or `null` field, bad field type, missing field | 400 | — |
//! | missing `<prefix>app-id` header | 400 | — |
//! | wrong app id | 404 | 2011 |
//! | client authentication failed (`client_secret_post` / `client_secret_basic` / `none`) | 401 | — |
//! | password ciphertext does not decrypt (any endpoint, any password field) | 400 | 2016 |
//! | sign-in: unknown account or wrong password (`PASSWORD`, `LDAP`, `AD`) | 403 | 2333 |
//! | wrong, used or never-sent passcode (or one for another channel or, on delete-account, another user's address) | 403 | 2001 |
//! | passcode valid but no such user (sign-in without `autoRegister`, reset-password verification) | 403 | 2004 |
//! | sign-up: username, email or phone already taken | 409 | 2026 |
//! | update-password / delete-account verification: wrong password (`oldPassword`, `passwordPayload.password`) | 403 | 2006 |
//! | update-password: the user has a password and `oldPassword` is missing | 403 | 2019 |
//! | reset-password: `passwordResetToken` unknown, already used or expired | 403 | — |
//! | user endpoint without a valid (unexpired, unrevoked) access token | 401 | 2020 |
//! | bind email/phone already bound to another user, or the user already has one; MFA factor type already enrolled | 409 | — |
//! | update-profile: username taken | 409 | 2026 |
//! | unbind the user's only identifier | 422 | — |
//! | enroll-factor: wrong TOTP / no TOTP (also `mfa-totp-verify`) | 403 / 400 | 6001 / 6003 |
//! | unknown MFA factor id | 404 | — |
//! | MFA factor type `FACE` | 501 | — |
//! | the token's user no longer exists | 404 | 2004 |
//! | request body over 1 MiB | 413 | — |
//! | unknown route or method | 404 (HTTP 404) | — |
//! | Management request without valid credentials (below) | 401 (HTTP 401) | 2020 |
//! | `get-management-token`: wrong access key id or secret | 401 | — |
//! | Management: a taken username, email, phone or externalId | 409 | 2026 |
//! | Management: a taken role code (per namespace) or group code | 409 | — |
//! | Management: no such role or group | 404 | — |
//! | Management: `limit` outside 1–50, `page` below 1, an unsupported filter or `userIdType` | 400 | — |
//!
//! Strictness, on purpose: absent fields must be omitted (an explicit `null` is a 400, as is a
//! key the endpoint does not define); `passwordPayload` takes exactly one identifier; `scope` must
//! contain `openid`; JSON bodies need `content-type: application/json`; paths match exactly.
//! Passcodes are 6 digits, single-use, only `CHANNEL_LOGIN` ones sign in, and they do not
//! expire; a phone passcode matches when the `phoneCountryCode`s agree (absent means `+86`).
//! `autoRegister` creates the user for `username`/`email`/`phone` password sign-ins and for
//! passcode sign-ins, never for `account`. Tokens are opaque random strings (not JWTs); the
//! success `data` is `{scope, access_token, id_token, refresh_token?, token_type: "Bearer",
//! expire_in}` with `refresh_token` only when `scope` has `offline_access`.
//!
//! Account endpoints: sign-up takes exactly one of `username`/`email` (`PASSWORD`) or of
//! `email`/`phone` (`PASSCODE`); a phone number is taken whatever its country code. The optional
//! sign-up `profile` is an object echoed into the answered user (not stored) and may not set
//! identity keys (`username`, `email`, `phone`, `userId`, ...). Users are answered like
//! `get-profile`: `{userId, username, email, phone, phoneCountryCode, status, createdAt}`, unset
//! fields `null`. Passwords are decrypted before anything is consumed or checked, so a 2016 leaves
//! the passcode or reset token usable for the client's retry. Reset and delete-account tokens
//! are opaque, single-use, and live 600 s; `update-password` without `oldPassword` is allowed only
//! for a user who has no password.
//!
//! # Management API
//!
//! Every Management request (a route of the table above marked Management, and any endpoint
//! declared in the program with `auth = management` that has no handler of its own, which the
//! default handler then answers with a sample of its declared reply) must carry one of:
//!
//! - `authorization: Bearer <token>` from `get-management-token`, unexpired (see
//!   [`FakeManagementConfig::token_ttl`] and [`FakeServer::expire_management_tokens`]), with
//!   `<prefix>userpool-id: <FakeManagementConfig::userpool_id>`;
//! - the Node SDK's signature, `authorization: authing <accessKeyId>:<base64 HMAC-SHA1>` with
//!   `date`, `x-authing-signature-nonce`, `x-authing-signature-method: HMAC-SHA1` and
//!   `x-authing-signature-version: 1.0`: the fake rebuilds the string to sign from the request
//!   as received (method; the `date` and `x-authing-*` headers, sorted; the decoded path and the
//!   sorted parameters: the query of a GET, the top-level JSON body members otherwise) and
//!   refuses a `date` more than [`FakeManagementConfig::signature_skew`] away from its clock
//!   and a nonce it already accepted.
//!
//! Anything else is HTTP 401 with exactly `{"statusCode": 401, "message": <why>, "apiCode":
//! 2020, "requestId": …}`. The app-id header is not read. In Management bodies a `null` member
//! counts as absent; query booleans are `true`/`false` or `True`/`False`. Users are answered as
//! `UserDto` (`status` `Activated` unless set, `gender` `U`, `userSourceType` `adminCreated` for
//! users created there); roles (namespace `default` unless given) as `RoleDto`; groups as
//! `GroupDto`. `is-action-allowed` and `check-permission` are true when an
//! `authorize-resources` grant in that namespace names the resource code and the action exactly,
//! for the user, a role of that namespace the user holds, or a group the user is in. Not
//! modelled: departments, tenants, identities, data-resource trees and policy conditions, and
//! `status` (a `Suspended` user still signs in).
//!
//! ```no_run
//! use genauth_fake::{FakeServer, FakeServerConfig, FakeUser};
//!
//! # async fn demo() -> std::io::Result<()> {
//! let server = FakeServer::start(FakeServerConfig::default()).await?;
//! server.add_user(FakeUser::new().email("bob@example.com").password("hunter2!"));
//! // `server.client()` (or `server.client_options()`) is a client set up for this server;
//! // run it, then look at what it sent:
//! for request in server.requests() {
//!     println!("{} {} {:?}", request.method, request.path, request.body_json().ok());
//! }
//! server.shutdown().await;
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// `src/crypto.rs` (key generation and password decryption) is maintained separately.
mod account;
pub mod crypto;
mod declared;
pub mod dev_server;
mod events;
pub mod faults;
mod handlers;
mod management;
pub use management::FakeManagementConfig;
mod mfa;
mod mobile;
mod oidc;
mod profile;
mod qrcode;
pub mod real_time;
pub use real_time::RealTimeTransport;
mod recording;
pub use recording::RecordingTransport;
mod resources;
mod signin;
#[cfg(test)]
mod tests;
mod tls;
mod users;
mod webauthn;

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::serve::{Listener, ListenerExt};
use genauth_client::{ClientOptions, ClientOptionsBuilder, GenAuthClient, HeaderPrefix};
use genauth_client::{ReqwestTransport, TokenEndpointAuthMethod};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::crypto::FakeServerKeys;
pub use faults::{ANY_PATH, Fault, refused_base_url};
use genauth_client::crypto::Sm2Layout;
use handlers::ServerState;
pub use oidc::{FakeIdTokenAlg, FakeOidcConfig};
pub use resources::FakeResourceType;

/// Configuration of a [`FakeServer`]: the single application it hosts and how it behaves.
#[derive(Clone)]
pub struct FakeServerConfig {
    /// The application id every `/api/v3/*` request must send in `<header_prefix>app-id`
    /// (also the `client_id` for `client_secret_post`). Default `"fake-app-id"`.
    pub app_id: String,
    /// The application secret. Default `"fake-app-secret"`.
    pub app_secret: String,
    /// Prefix of the SDK headers, lowercase, ending in `-`: `"x-genauth-"` (default) or
    /// `"x-authing-"`. Only this prefix is accepted.
    pub header_prefix: String,
    /// The client authentication this application requires on `/api/v3/signin`:
    /// `"client_secret_post"` (default), `"client_secret_basic"` or `"none"`.
    pub auth_method: String,
    /// The SM2 ciphertext layout the server decrypts `passwordEncryptType: "sm2"` passwords with.
    /// Default [`Sm2Layout::C1C3C2`].
    pub sm2_layout: Sm2Layout,
    /// The server's RSA and SM2 key pairs; `None` uses [`FakeServerKeys::fixed`].
    pub keys: Option<FakeServerKeys>,
    /// Serve `GET /api/v3/system` inside the usual envelope (`data: {...}`) instead of the bare
    /// object the real service returns. Default `false`.
    pub system_enveloped: bool,
    /// Lifetime in seconds of issued access and ID tokens (their `exp`), reported as
    /// `expire_in` / `expires_in`. Default 7200. [`FakeServer::expire_access_tokens`] expires
    /// a user's tokens at once.
    pub token_ttl: u64,
    /// OIDC/OAuth, QR-code and mobile-login behaviour (TTLs, ID token signing, M2M account).
    pub oidc: FakeOidcConfig,
    /// Serve HTTPS instead of HTTP: [`FakeServer::start`] generates a CA and a certificate for
    /// `127.0.0.1` and `localhost`, [`FakeServer::base_url`] is `https://127.0.0.1:<port>`, and
    /// [`FakeServer::ca_certificate_pem`] returns the CA a client must trust
    /// ([`FakeServer::client_options`] adds it). Default `false`.
    pub tls: bool,
    /// The Management API: access key, user pool, token lifetime, signature clock skew.
    pub management: FakeManagementConfig,
}

/// Every setting has a chained setter, so a config reads as one expression:
///
/// ```
/// use genauth_fake::{FakeIdTokenAlg, FakeManagementConfig, FakeOidcConfig, FakeServerConfig};
///
/// let config = FakeServerConfig::default()
///     .app_id("my-app")
///     .app_secret("my-secret")
///     .auth_method("client_secret_basic")
///     .header_prefix("x-authing-")
///     .token_ttl(300)
///     .system_enveloped(true)
///     .oidc(FakeOidcConfig::default().id_token_alg(FakeIdTokenAlg::Hs256))
///     .management(FakeManagementConfig::default().token_ttl(60))
///     .tls(true);
/// assert_eq!((config.app_id.as_str(), config.token_ttl, config.tls), ("my-app", 300, true));
/// ```
impl FakeServerConfig {
    /// Sets [`FakeServerConfig::app_id`].
    pub fn app_id(mut self, app_id: impl Into<String>) -> Self {
        self.app_id = app_id.into();
        self
    }

    /// Sets [`FakeServerConfig::app_secret`].
    pub fn app_secret(mut self, app_secret: impl Into<String>) -> Self {
        self.app_secret = app_secret.into();
        self
    }

    /// Sets [`FakeServerConfig::header_prefix`] (`"x-genauth-"` or `"x-authing-"`).
    pub fn header_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.header_prefix = prefix.into();
        self
    }

    /// Sets [`FakeServerConfig::auth_method`] (`"client_secret_post"`,
    /// `"client_secret_basic"` or `"none"`).
    pub fn auth_method(mut self, method: impl Into<String>) -> Self {
        self.auth_method = method.into();
        self
    }

    /// Sets [`FakeServerConfig::sm2_layout`].
    pub fn sm2_layout(mut self, layout: Sm2Layout) -> Self {
        self.sm2_layout = layout;
        self
    }

    /// Sets [`FakeServerConfig::keys`].
    pub fn keys(mut self, keys: FakeServerKeys) -> Self {
        self.keys = Some(keys);
        self
    }

    /// Sets [`FakeServerConfig::system_enveloped`].
    pub fn system_enveloped(mut self, on: bool) -> Self {
        self.system_enveloped = on;
        self
    }

    /// Sets [`FakeServerConfig::token_ttl`]: how long issued access and ID tokens live, in
    /// seconds (with [`FakeServer::expire_access_tokens`] to expire them at once).
    pub fn token_ttl(mut self, secs: u64) -> Self {
        self.token_ttl = secs;
        self
    }

    /// Sets [`FakeServerConfig::oidc`].
    pub fn oidc(mut self, oidc: FakeOidcConfig) -> Self {
        self.oidc = oidc;
        self
    }

    /// Sets [`FakeServerConfig::tls`]:
    /// `FakeServer::start(FakeServerConfig::default().tls(true))`.
    pub fn tls(mut self, on: bool) -> Self {
        self.tls = on;
        self
    }

    /// Sets [`FakeServerConfig::management`]:
    /// `FakeServerConfig::default().management(FakeManagementConfig::default().token_ttl(60))`.
    pub fn management(mut self, management: FakeManagementConfig) -> Self {
        self.management = management;
        self
    }
}

impl Default for FakeServerConfig {
    fn default() -> Self {
        FakeServerConfig {
            app_id: "fake-app-id".to_owned(),
            app_secret: "fake-app-secret".to_owned(),
            header_prefix: "x-genauth-".to_owned(),
            auth_method: "client_secret_post".to_owned(),
            sm2_layout: Sm2Layout::C1C3C2,
            keys: None,
            system_enveloped: false,
            token_ttl: 7200,
            oidc: FakeOidcConfig::default(),
            tls: false,
            management: FakeManagementConfig::default(),
        }
    }
}

impl fmt::Debug for FakeServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeServerConfig")
            .field("app_id", &self.app_id)
            .field("app_secret", &"<redacted>")
            .field("header_prefix", &self.header_prefix)
            .field("auth_method", &self.auth_method)
            .field("sm2_layout", &self.sm2_layout)
            .field("keys", &self.keys)
            .field("system_enveloped", &self.system_enveloped)
            .field("token_ttl", &self.token_ttl)
            .field("oidc", &self.oidc)
            .field("tls", &self.tls)
            .field("management", &self.management)
            .finish()
    }
}

/// The accepted values of [`FakeServerConfig::auth_method`].
const AUTH_METHODS: [&str; 3] = ["client_secret_post", "client_secret_basic", "none"];

/// A user known to a [`FakeServer`]. Every identifier is optional; build one with the chained
/// setters:
///
/// ```
/// use genauth_fake::FakeUser;
///
/// let bob = FakeUser::new().username("bob").phone("13900000000").password("hunter2!");
/// assert_eq!(bob.username.as_deref(), Some("bob"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FakeUser {
    /// Username (`passwordPayload.username`, or `account`). Case-sensitive.
    pub username: Option<String>,
    /// Email (`passwordPayload.email` / `passCodePayload.email`, or `account`). Case-insensitive.
    pub email: Option<String>,
    /// Phone number without country code (`phone`, `phoneNumber`, or `account`).
    pub phone: Option<String>,
    /// Phone country code such as `"+86"`; `None` means `+86`.
    pub phone_country_code: Option<String>,
    /// Plain-text password for `PASSWORD`, `LDAP` and `AD` sign-ins; `None` for passcode-only users.
    pub password: Option<String>,
    /// `sAMAccountName` for `connection: "LDAP"`.
    pub ldap_sam_account_name: Option<String>,
    /// `sAMAccountName` for `connection: "AD"`.
    pub ad_sam_account_name: Option<String>,
}

impl FakeUser {
    /// A user with no identifiers and no password.
    pub fn new() -> Self {
        Self::default()
    }

    /// The demo user every server starts with: username `alice`, email `alice@example.com`,
    /// phone `13800000000`, password `Passw0rd!`, LDAP and AD `sAMAccountName` `alice`.
    pub fn alice() -> Self {
        FakeUser::new()
            .username("alice")
            .email("alice@example.com")
            .phone("13800000000")
            .password("Passw0rd!")
            .ldap_sam_account_name("alice")
            .ad_sam_account_name("alice")
    }

    /// Sets [`FakeUser::username`].
    pub fn username(mut self, username: impl Into<String>) -> Self {
        self.username = Some(username.into());
        self
    }

    /// Sets [`FakeUser::email`].
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// Sets [`FakeUser::phone`].
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    /// Sets [`FakeUser::phone_country_code`].
    pub fn phone_country_code(mut self, code: impl Into<String>) -> Self {
        self.phone_country_code = Some(code.into());
        self
    }

    /// Sets [`FakeUser::password`].
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(password.into());
        self
    }

    /// Sets [`FakeUser::ldap_sam_account_name`].
    pub fn ldap_sam_account_name(mut self, name: impl Into<String>) -> Self {
        self.ldap_sam_account_name = Some(name.into());
        self
    }

    /// Sets [`FakeUser::ad_sam_account_name`].
    pub fn ad_sam_account_name(mut self, name: impl Into<String>) -> Self {
        self.ad_sam_account_name = Some(name.into());
        self
    }
}

/// One HTTP request as the server received it, recorded before any validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// HTTP method, e.g. `"POST"`.
    pub method: String,
    /// URL path, e.g. `"/api/v3/signin"`.
    pub path: String,
    /// Raw query string without the `?`; empty when there is none.
    pub query: String,
    /// Headers in arrival order, names lowercased (one entry per value).
    pub headers: Vec<(String, String)>,
    /// The raw body (empty when the request had none or it exceeded the 1 MiB limit).
    pub body: Vec<u8>,
    /// The `requestId` the server answered this request with.
    pub request_id: String,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON.
    pub fn body_json(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::from_slice(&self.body)
    }

    /// The query string decoded into `(name, value)` pairs.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.query.as_bytes())
            .into_owned()
            .collect()
    }
}

/// A passcode the server "sent" (by `send-sms`, `send-email` or [`FakeServer::issue_passcode`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentPasscode {
    /// The channel it was requested for, e.g. `"CHANNEL_LOGIN"`.
    pub channel: String,
    /// The phone number, or the email address lowercased.
    pub target: String,
    /// The `phoneCountryCode` sent with a phone number, if any.
    pub phone_country_code: Option<String>,
    /// The 6-digit code.
    pub code: String,
}

/// A running fake GenAuth server. Dropping it aborts the server task; [`FakeServer::shutdown`]
/// stops it gracefully.
pub struct FakeServer {
    state: Arc<ServerState>,
    addr: SocketAddr,
    /// The CA certificate (PEM) of a TLS server.
    ca_pem: Option<String>,
    task: Option<JoinHandle<()>>,
    stop: Option<oneshot::Sender<()>>,
}

impl fmt::Debug for FakeServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeServer")
            .field("base_url", &self.base_url())
            .field("app_id", &self.app_id())
            .finish_non_exhaustive()
    }
}

impl FakeServer {
    /// Binds `127.0.0.1:0` and starts serving (HTTP, or HTTPS with [`FakeServerConfig::tls`]) on
    /// the current tokio runtime.
    ///
    /// Fails with [`io::ErrorKind::InvalidInput`] when `auth_method` or `header_prefix` is not
    /// one of the documented values, with the bind error, or when the TLS certificate cannot be
    /// generated.
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime.
    pub async fn start(config: FakeServerConfig) -> io::Result<FakeServer> {
        FakeServer::start_on(config, 0).await
    }

    /// [`FakeServer::start`] on `127.0.0.1:<port>` (0: a free port), for a server a browser or
    /// another process connects to (the `genauth-dev-server` binary). Fails with the bind error
    /// when the port is taken.
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime.
    pub async fn start_on(config: FakeServerConfig, port: u16) -> io::Result<FakeServer> {
        if !AUTH_METHODS.contains(&config.auth_method.as_str()) {
            return Err(invalid_input(format!(
                "auth_method must be one of {AUTH_METHODS:?}, not {:?}",
                config.auth_method
            )));
        }
        let prefix = &config.header_prefix;
        if prefix.is_empty() || !prefix.ends_with('-') || !is_header_token(prefix) {
            return Err(invalid_input(format!(
                "header_prefix must be a header-name prefix ending in '-', like \"x-genauth-\", not {prefix:?}"
            )));
        }

        let tls = if config.tls {
            Some(tls::TlsMaterial::generate()?)
        } else {
            None
        };
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(ServerState::new(config));
        let app = handlers::router(Arc::clone(&state));
        let (stop, stopped) = oneshot::channel::<()>();
        let (task, ca_pem) = match tls {
            None => (serve(listener, app, &state, stopped), None),
            Some(tls) => {
                let listener = tls::TlsListener::new(listener, tls.acceptor);
                (serve(listener, app, &state, stopped), Some(tls.ca_pem))
            }
        };
        Ok(FakeServer {
            state,
            addr,
            ca_pem,
            task: Some(task),
            stop: Some(stop),
        })
    }

    /// Stops accepting connections, lets in-flight requests finish (at most one second), then
    /// stops the server task.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(1), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }

    /// `http://127.0.0.1:<port>` (`https://` with [`FakeServerConfig::tls`]), without a trailing
    /// slash.
    pub fn base_url(&self) -> String {
        let scheme = if self.ca_pem.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}", self.addr)
    }

    /// The CA certificate (PEM) that signed the server's certificate, for a TLS server
    /// ([`FakeServerConfig::tls`]); `None` for plain HTTP. Generated at start, so a client must
    /// trust it explicitly: [`ClientOptionsBuilder::add_root_certificate_pem`].
    pub fn ca_certificate_pem(&self) -> Option<String> {
        self.ca_pem.clone()
    }

    /// Client options for this server, ready to [`build`](ClientOptionsBuilder::build) or to
    /// adjust: app id, app host ([`FakeServer::base_url`]), the token endpoint auth method the
    /// server requires and, unless that is `none`, the app secret; the `x-authing-` header
    /// prefix when the server uses it; and for a TLS server its CA certificate.
    ///
    /// ```no_run
    /// use genauth_client::{AuthenticationExt, GenAuthClient};
    /// use genauth_fake::{FakeServer, FakeServerConfig};
    ///
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let server = FakeServer::start(FakeServerConfig::default()).await?;
    /// let options = server.client_options().lang("en-US").build()?;
    /// let client = GenAuthClient::new(options)?;
    /// let tokens = client.sign_in_by_account_password("alice", "Passw0rd!", None).await?;
    /// # drop(tokens); Ok(()) }
    /// ```
    pub fn client_options(&self) -> ClientOptionsBuilder {
        let method = match self.state.auth_method {
            handlers::AuthMethod::ClientSecretPost => TokenEndpointAuthMethod::ClientSecretPost,
            handlers::AuthMethod::ClientSecretBasic => TokenEndpointAuthMethod::ClientSecretBasic,
            handlers::AuthMethod::None => TokenEndpointAuthMethod::None,
        };
        let mut b = ClientOptions::builder()
            .app_id(self.app_id())
            .app_host(self.base_url())
            .auth_method(method);
        if method != TokenEndpointAuthMethod::None {
            b = b.app_secret(self.app_secret());
        }
        if self.state.header_prefix == HeaderPrefix::Authing.as_str() {
            b = b.header_prefix(HeaderPrefix::Authing);
        }
        if let Some(pem) = &self.ca_pem {
            b = b.add_root_certificate_pem(pem.clone());
        }
        b
    }

    /// A client for this server with [`FakeServer::client_options`] over the default reqwest
    /// transport (which trusts the server's CA when it serves TLS).
    ///
    /// # Panics
    ///
    /// When the options or the HTTP client cannot be built (not expected for a running server).
    pub fn client(&self) -> GenAuthClient {
        let options = self
            .client_options()
            .build()
            .expect("the fake server's client options are valid");
        let transport =
            ReqwestTransport::from_options(&options).expect("the HTTP client for the fake server");
        GenAuthClient::with_transport(options, transport).expect("a client for the fake server")
    }

    /// The socket address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The application id ([`FakeServerConfig::app_id`]).
    pub fn app_id(&self) -> &str {
        &self.state.app_id
    }

    /// The application secret ([`FakeServerConfig::app_secret`]).
    pub fn app_secret(&self) -> &str {
        &self.state.app_secret
    }

    /// Adds a user. A stored user that shares any identifier with `user` (username, email,
    /// phone, LDAP or AD account name) is replaced, so this also redefines the demo user.
    pub fn add_user(&self, user: FakeUser) {
        self.state.store().add_user(user);
    }

    /// All users, including the preloaded demo user and users created by `autoRegister`.
    pub fn users(&self) -> Vec<FakeUser> {
        self.state.store().users()
    }

    /// Issues a login passcode for `target` (a phone number or an email address) as if
    /// `send-sms`/`send-email` had sent one with channel `CHANNEL_LOGIN`, and returns it.
    /// A phone passcode issued here matches `phoneCountryCode` `+86` or none.
    pub fn issue_passcode(&self, target: &str) -> String {
        self.state
            .store()
            .issue_passcode("CHANNEL_LOGIN", target, None)
    }

    /// Issues a single-use `passwordResetToken` for the user whose username, email or phone is
    /// `identifier`, as `verify-reset-password-request` would after a passcode check, and returns
    /// it for `POST /api/v3/reset-password`. It stays valid for 600 seconds (`tokenExpiresIn`).
    ///
    /// Never panics: when `identifier` names no user, the result is a token of the same shape
    /// that is not stored, so `reset-password` rejects it (statusCode 403).
    pub fn issue_password_reset_token(&self, identifier: &str) -> String {
        account::issue_password_reset_token(&mut self.state.store(), identifier)
    }

    /// Grants the user whose username, email or phone is `user` the `actions` on a data
    /// resource of `namespace`: `resource` is a resource code (string and array resources) or a
    /// tree path such as `"docs/public"` (a tree grant covers the nodes below it). The
    /// `check-permission-{string,array,tree}-resource` endpoint of `resource_type` then answers
    /// `enabled: true` for that user, resource and action, and `false` otherwise.
    ///
    /// ```no_run
    /// use genauth_fake::{FakeResourceType, FakeServer, FakeServerConfig};
    ///
    /// # async fn demo() -> std::io::Result<()> {
    /// let server = FakeServer::start(FakeServerConfig::default()).await?;
    /// server.grant_permission("alice", "default", FakeResourceType::String, "orders", &["read"]);
    /// # Ok(()) }
    /// ```
    ///
    /// # Panics
    ///
    /// When no user has that identifier, or `resource` or an action is empty.
    pub fn grant_permission(
        &self,
        user: &str,
        namespace: &str,
        resource_type: FakeResourceType,
        resource: &str,
        actions: &[&str],
    ) {
        assert!(
            !resource.is_empty() && actions.iter().all(|a| !a.is_empty()),
            "grant_permission: empty resource or action"
        );
        let mut store = self.state.store();
        let id = store
            .find_by_identifier(users::Identifier::Account(user))
            .unwrap_or_else(|| panic!("grant_permission: no user {user:?}"));
        store
            .permissions
            .grant(id, namespace, resource_type, resource, actions);
    }

    /// Every passcode sent so far, oldest first (used ones included).
    pub fn sent_passcodes(&self) -> Vec<SentPasscode> {
        self.state.store().sent_passcodes()
    }

    /// The most recent passcode sent to `target` (phone number or email, case-insensitive).
    pub fn last_passcode(&self, target: &str) -> Option<String> {
        let sent = self.sent_passcodes();
        let found = sent
            .iter()
            .rev()
            .find(|p| p.target.eq_ignore_ascii_case(target));
        found.map(|p| p.code.clone())
    }

    /// The user an `authorization` header value stands for: an unexpired access token issued by
    /// this server, raw or as `Bearer <token>`.
    pub fn user_for_token(&self, authorization: &str) -> Option<FakeUser> {
        let store = self.state.store();
        let id = store.user_for_token(authorization)?;
        store.user(&id).cloned()
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.requests().clone()
    }

    /// How many requests were made to exactly `path` (any method, query ignored).
    pub fn request_count(&self, path: &str) -> usize {
        self.state
            .requests()
            .iter()
            .filter(|r| r.path == path)
            .count()
    }

    /// Forgets the recorded requests (not users, tokens or passcodes).
    pub fn clear_requests(&self) {
        self.state.requests().clear();
    }

    /// How many TCP connections the server has accepted. A client that reuses connections keeps
    /// this at 1 across sequential requests.
    pub fn connection_count(&self) -> usize {
        self.state.connections.load(Ordering::Relaxed)
    }

    /// Replaces the server's key pairs with freshly generated ones: `/api/v3/system` publishes
    /// the new public keys, and passwords encrypted for the old ones no longer decrypt
    /// (apiCode 2016).
    pub fn rotate_keys(&self) {
        self.state.set_keys(FakeServerKeys::generate());
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.state.events.close();
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// Serves `app` on `listener` in a new task, counting accepted connections, until `stopped`.
fn serve<L>(
    listener: L,
    app: axum::Router,
    state: &Arc<ServerState>,
    stopped: oneshot::Receiver<()>,
) -> JoinHandle<()>
where
    L: Listener,
    L::Addr: fmt::Debug,
{
    let counter = Arc::clone(state);
    let listener = listener.tap_io(move |_stream| {
        counter.connections.fetch_add(1, Ordering::Relaxed);
    });
    tokio::spawn(async move {
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            let _ = stopped.await;
        });
        // `axum::serve` only returns on shutdown; accept errors are retried internally.
        let _ = server.await;
    })
}

fn invalid_input(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

fn is_header_token(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
