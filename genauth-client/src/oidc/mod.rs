//! The OIDC / OAuth 2.0 side of GenAuth: protocol-aware token calls, URL builders that never
//! fetch (authorize, logout, SAML, CAS), PKCE, and ID/access token verification.
//!
//! The endpoints themselves are declared in [`crate::Oidc`] (one line each, sent to `/oidc` or
//! `/oauth` per [`ClientOptions::protocol`](crate::ClientOptions::protocol), with the
//! per-endpoint client auth method). What an application calls:
//!
//! - the token calls of [`crate::OidcExt`] (`get_access_token_by_code`,
//!   `get_access_token_by_callback`, `introspect_token`, `revoke_token`, `logout`, …): they fill
//!   the grant's form and make the calls, on any [`crate::Oidc`] — the client, a
//!   [`UserClient`], a mock;
//! - the builders below, inherent on [`GenAuthClient`] and [`UserClient`] because they read the
//!   client's configuration and call nothing (`build_authorize_url`, `build_logout_url`,
//!   `token_verifier`, `introspection_cache`).
//!
//! A typical authorization-code login with PKCE:
//!
//! ```no_run
//! # extern crate genauth_client as genauth;
//! use genauth::oidc::{AuthorizeParams, CodeChallengeMethod};
//! use genauth::{ClientOptions, GenAuthClient, OidcExt};
//!
//! # async fn run(callback_url: &str) -> Result<(), Box<dyn std::error::Error>> {
//! let options = ClientOptions::builder()
//!     .app_id("APP_ID")
//!     .app_secret("APP_SECRET")
//!     .app_host("https://example.genauth.ai")
//!     .redirect_uri("https://app.example/callback")
//!     .build()?;
//! let client = GenAuthClient::new(options)?;
//! let login = client.build_authorize_url(AuthorizeParams {
//!     pkce: Some(CodeChallengeMethod::S256),
//!     ..Default::default()
//! })?;
//! // Redirect the browser to `login.url` and keep `login` (state, nonce, PKCE verifier) in the
//! // user's session. When the browser comes back to the redirect URI with `?code=…&state=…`
//! // (the exchange sends `login.redirect_uri` and `login.code_verifier`):
//! let tokens = client.get_access_token_by_callback(callback_url, &login).await?;
//! println!("access token expires in {}s", tokens.expires_in);
//! # Ok(()) }
//! ```
//!
//! Then verify the ID token with `login.nonce`: `client.token_verifier()` (feature `jwt`).

mod urls;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
mod verify;

pub use crate::endpoint::Protocol;
pub use crate::error::CallbackError;
pub use urls::{
    AuthorizationCode, AuthorizeParams, AuthorizeRequest, CodeChallengeMethod, DEFAULT_OAUTH_SCOPE,
    DEFAULT_OIDC_SCOPE, LogoutParams, Pkce, build_authorize_url, build_logout_url, code_challenge,
    parse_callback, random_token,
};
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use verify::{
    AccessTokenClaims, DEFAULT_INTROSPECTION_CAPACITY, DEFAULT_JWKS_TTL, DEFAULT_LEEWAY,
    DEFAULT_NEGATIVE_TTL, DEFAULT_POSITIVE_TTL, DEFAULT_REFETCH_COOLDOWN, IdTokenClaims,
    IntrospectionCache, MAX_TOKEN_LEN, TokenVerifier, VerifyError,
};

use crate::client::{GenAuthClient, UserClient};
use crate::error::Result;
use crate::transport::Transport;

impl<T: Transport> GenAuthClient<T> {
    /// The login URL for the configured protocol, with fresh `state`/`nonce` (and PKCE
    /// verifier when asked); see [`build_authorize_url`]. Never fetches anything.
    pub fn build_authorize_url(&self, params: AuthorizeParams) -> Result<AuthorizeRequest> {
        build_authorize_url(self.options(), params)
    }

    /// The front-channel logout URL for the configured protocol; see [`build_logout_url`].
    pub fn build_logout_url(&self, params: LogoutParams) -> Result<String> {
        build_logout_url(self.options(), params)
    }

    /// A [`TokenVerifier`] for this client's application, sharing the client (its transport).
    /// Each call returns a verifier with its own, empty JWKS cache: keep one and reuse it.
    #[cfg(feature = "jwt")]
    #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
    pub fn token_verifier(&self) -> TokenVerifier<GenAuthClient<T>> {
        TokenVerifier::new(self.clone(), self.options())
    }

    /// An [`IntrospectionCache`] over this client's [`introspect`](crate::Oidc::introspect)
    /// endpoint, with the default TTLs and capacity. Each call returns a cache of its own: keep
    /// one and reuse it.
    #[cfg(feature = "jwt")]
    #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
    pub fn introspection_cache(&self) -> IntrospectionCache<GenAuthClient<T>> {
        IntrospectionCache::new(self.clone())
    }
}

/// The same builders on a per-user handle, from the app client's configuration: what they
/// make is the application's (the user's token plays no part in an authorize URL, a logout URL,
/// JWKS verification or introspection), so they return the client's own types.
impl<T: Transport> UserClient<T> {
    /// [`GenAuthClient::build_authorize_url`] of the app client.
    pub fn build_authorize_url(&self, params: AuthorizeParams) -> Result<AuthorizeRequest> {
        self.client().build_authorize_url(params)
    }

    /// [`GenAuthClient::build_logout_url`] of the app client.
    pub fn build_logout_url(&self, params: LogoutParams) -> Result<String> {
        self.client().build_logout_url(params)
    }

    /// [`GenAuthClient::token_verifier`] of the app client (its JWKS fetches need no user
    /// token).
    #[cfg(feature = "jwt")]
    #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
    pub fn token_verifier(&self) -> TokenVerifier<GenAuthClient<T>> {
        self.client().token_verifier()
    }

    /// [`GenAuthClient::introspection_cache`] of the app client (introspection authenticates
    /// the application, not the user).
    #[cfg(feature = "jwt")]
    #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
    pub fn introspection_cache(&self) -> IntrospectionCache<GenAuthClient<T>> {
        self.client().introspection_cache()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClientOptions, TokenEndpointAuthMethod};

    #[test]
    fn protocol_options_and_per_endpoint_methods() {
        let base = || {
            ClientOptions::builder()
                .app_id("a")
                .app_host("x.genauth.ai")
                .auth_method(TokenEndpointAuthMethod::None)
        };
        let o = base().build().unwrap();
        assert_eq!(o.protocol(), Protocol::Oidc);
        assert_eq!(o.introspection_auth_method(), TokenEndpointAuthMethod::None);
        assert_eq!(o.revocation_auth_method(), TokenEndpointAuthMethod::None);
        let e = base()
            .introspection_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("introspection"), "{e}");
        let o = base()
            .app_secret("s")
            .protocol("oauth".parse().unwrap())
            .revocation_auth_method(TokenEndpointAuthMethod::ClientSecretPost)
            .build()
            .unwrap();
        assert_eq!(o.protocol(), Protocol::OAuth);
        assert_eq!(
            o.revocation_auth_method(),
            TokenEndpointAuthMethod::ClientSecretPost
        );
        assert!("ldap".parse::<Protocol>().is_err());
        assert_eq!(Protocol::Cas.to_string(), "cas");
    }
}
