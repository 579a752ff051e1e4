//! The OIDC / OAuth 2.0 side of GenAuth: protocol-aware token calls, URL builders that never
//! fetch (authorize, logout, SAML, CAS), PKCE, and ID/access token verification.
//!
//! The endpoints themselves are declared in [`crate::Oidc`] (one line each, an `/oidc` and an
//! `/oauth` variant). The methods below, on [`GenAuthClient`], are what an application calls:
//! they pick the variant for [`ClientOptions::protocol`](crate::ClientOptions::protocol), fill
//! the grant's form, and apply the per-endpoint client auth method.
//!
//! A typical authorization-code login with PKCE:
//!
//! ```no_run
//! # extern crate genauth_client as genauth;
//! use genauth::oidc::{AuthorizeParams, CodeChallengeMethod};
//! use genauth::{ClientOptions, GenAuthClient};
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
//! // user's session. When the browser comes back to the redirect URI with `?code=…&state=…`:
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

use std::fmt;
use std::str::FromStr;

pub use urls::{
    AuthorizationCode, AuthorizeParams, AuthorizeRequest, CallbackError, CodeChallengeMethod,
    DEFAULT_OAUTH_SCOPE, DEFAULT_OIDC_SCOPE, LogoutParams, Pkce, build_authorize_url,
    build_logout_url, code_challenge, parse_callback, random_token,
};
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use verify::{
    AccessTokenClaims, DEFAULT_INTROSPECTION_CAPACITY, DEFAULT_JWKS_TTL, DEFAULT_LEEWAY,
    DEFAULT_NEGATIVE_TTL, DEFAULT_POSITIVE_TTL, DEFAULT_REFETCH_COOLDOWN, IdTokenClaims,
    IntrospectionCache, MAX_TOKEN_LEN, TokenVerifier, VerifyError,
};

use crate::api::Oidc;
use crate::client::GenAuthClient;
use crate::error::{Error, Result};
use crate::model::{
    ClientCredentialsRequest, LoginTokenSet, OidcUserInfo, PasswordGrantIdentity,
    TokenIntrospection, TokenRequest, TokenRequestBody, UserInfoRequest,
};
use crate::secret::{Password, Secret};
use crate::transport::Transport;

/// The application protocol: which token endpoints are called
/// (`/oidc/*` or `/oauth/*`) and how authorize/logout URLs are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Protocol {
    /// OpenID Connect: `/oidc/*` (the default).
    #[default]
    Oidc,
    /// OAuth 2.0: `/oauth/*`.
    OAuth,
    /// SAML 2.0: only the URL builders differ; token calls use `/oidc/*`.
    Saml,
    /// CAS: only the URL builders differ; token calls use `/oidc/*`.
    Cas,
}

impl Protocol {
    /// Wire name: `oidc`, `oauth`, `saml`, `cas`.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Oidc => "oidc",
            Protocol::OAuth => "oauth",
            Protocol::Saml => "saml",
            Protocol::Cas => "cas",
        }
    }

    /// The prefix of the protocol endpoints this protocol calls (`{protocol}` in an endpoint
    /// path): `/oauth` for OAuth, `/oidc` for the others.
    pub fn path_prefix(self) -> &'static str {
        match self {
            Protocol::OAuth => "/oauth",
            Protocol::Oidc | Protocol::Saml | Protocol::Cas => "/oidc",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Protocol {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "oidc" => Ok(Protocol::Oidc),
            "oauth" => Ok(Protocol::OAuth),
            "saml" => Ok(Protocol::Saml),
            "cas" => Ok(Protocol::Cas),
            other => Err(Error::Config(format!(
                "unknown protocol `{other}`; expected oidc, oauth, saml or cas"
            ))),
        }
    }
}

impl<T: Transport> GenAuthClient<T> {
    /// Exchanges an authorization code for tokens (`grant_type=authorization_code` on
    /// `/oidc/token` or `/oauth/token`), with the configured `redirect_uri` and, for PKCE, the
    /// original `code_verifier`. Client auth per the token endpoint auth method.
    pub async fn get_access_token_by_code(
        &self,
        code: impl Into<Secret>,
        code_verifier: Option<&str>,
    ) -> Result<LoginTokenSet> {
        let redirect_uri = self.options().redirect_uri().ok_or_else(|| {
            Error::Config(
                "the code exchange needs the authorize request's redirect_uri: set ClientOptionsBuilder::redirect_uri"
                    .into(),
            )
        })?;
        self.token(TokenRequest::AuthorizationCode {
            code: code.into(),
            redirect_uri: redirect_uri.to_owned(),
            code_verifier: code_verifier.map(Secret::new),
        })
        .await
    }

    /// Finishes an authorization-code login from the redirect the browser came back with:
    /// [`parse_callback`] (checks `state` against `request`, surfaces `error` as
    /// [`Error::Callback`]), then [`get_access_token_by_code`](Self::get_access_token_by_code)
    /// with the request's PKCE verifier. The authorize URL must have used the configured
    /// `redirect_uri` (the code exchange sends that one).
    pub async fn get_access_token_by_callback(
        &self,
        callback: &str,
        request: &AuthorizeRequest,
    ) -> Result<LoginTokenSet> {
        let code = parse_callback(callback, request)?;
        self.get_access_token_by_code(
            code.code,
            request.code_verifier.as_ref().map(Secret::expose),
        )
        .await
    }

    /// A new access token from a refresh token (`grant_type=refresh_token`).
    pub async fn get_new_access_token_by_refresh_token(
        &self,
        refresh_token: impl Into<Secret>,
    ) -> Result<LoginTokenSet> {
        self.token(TokenRequest::RefreshToken {
            refresh_token: refresh_token.into(),
            scope: None,
        })
        .await
    }

    /// Tokens for a username, email or phone and password (`grant_type=password`).
    pub async fn get_access_token_by_password(
        &self,
        identity: PasswordGrantIdentity,
        password: impl Into<Password>,
        scope: Option<&str>,
    ) -> Result<LoginTokenSet> {
        self.token(TokenRequest::Password {
            identity,
            password: password.into(),
            scope: scope.map(str::to_owned),
        })
        .await
    }

    /// An M2M access token for a programmatic-access account (`grant_type=client_credentials`):
    /// `access_key`/`secret_key` are sent as form `client_id`/`client_secret`, whatever the
    /// app's auth method.
    pub async fn get_access_token_by_client_credentials(
        &self,
        scope: &str,
        access_key: &str,
        secret_key: impl Into<Secret>,
    ) -> Result<LoginTokenSet> {
        if scope.trim().is_empty() {
            return Err(Error::InvalidRequest(
                "client_credentials needs a scope".into(),
            ));
        }
        self.token_by_client_credentials(ClientCredentialsRequest {
            scope: scope.to_owned(),
            client_id: access_key.to_owned(),
            client_secret: secret_key.into(),
        })
        .await
    }

    /// Introspects a token with the `introspection_endpoint_auth_method` (default: the token
    /// endpoint's).
    pub async fn introspect_token(&self, token: impl Into<Secret>) -> Result<TokenIntrospection> {
        self.introspect(TokenRequestBody {
            token: token.into(),
            ..Default::default()
        })
        .await
    }

    /// Revokes an access or refresh token with the `revocation_endpoint_auth_method` (default:
    /// the token endpoint's). The server's reply body is ignored.
    pub async fn revoke_token(&self, token: impl Into<Secret>) -> Result<()> {
        self.revoke(TokenRequestBody {
            token: token.into(),
            ..Default::default()
        })
        .await
    }

    /// Logs a session out server-side: revokes its refresh token (so it can mint no new access
    /// token), then its access token, through the declared revocation endpoint. Both are
    /// attempted; the first failure is returned. To end the browser session too, send the user
    /// to [`GenAuthClient::build_logout_url`].
    pub async fn logout(&self, tokens: &LoginTokenSet) -> Result<()> {
        let refresh = match &tokens.refresh_token {
            Some(t) => self.revoke_token(t.clone()).await,
            None => Ok(()),
        };
        let access = match &tokens.access_token {
            Some(t) => self.revoke_token(t.clone()).await,
            None => Ok(()),
        };
        refresh.and(access)
    }

    /// The user's OIDC claims for an access token (`POST /oidc/me` or `/oauth/me`, the token
    /// in the form body).
    pub async fn get_user_info_by_access_token(
        &self,
        access_token: impl Into<Secret>,
    ) -> Result<OidcUserInfo> {
        self.user_info(UserInfoRequest {
            access_token: access_token.into(),
        })
        .await
    }

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
