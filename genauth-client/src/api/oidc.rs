//! OIDC / OAuth 2.0 protocol endpoints (api doc 5.3): form-encoded requests, bare replies,
//! `{error, error_description}` failures ([`crate::Error::OAuth`]).
//!
//! Every endpoint is declared twice, once under `/oidc` and once under `/oauth`, since a path is
//! static in the attribute. Application code normally calls the protocol-aware wrappers on
//! [`crate::GenAuthClient`] (`get_access_token_by_code`, `introspect_token`, …, in
//! [`crate::oidc`]), which pick the variant from [`crate::ClientOptions::protocol`] and the
//! per-endpoint client auth method.

use crate::error::Result;
use crate::model::{
    ClientCredentialsRequest, Jwks, LoginTokenSet, OidcUserInfo, TokenIntrospection, TokenRequest,
    TokenRequestBody, UserInfoRequest,
};
use crate::{genauth_api, genauth_endpoint};

/// The protocol endpoints, one line each.
#[genauth_api]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Oidc {
    /// Token request (authorization code, refresh token or password grant) on
    /// `POST /oidc/token`, with the app's client auth (post / basic / none).
    #[genauth_endpoint(path = "/oidc/token", method = POST, auth = client, encoding = form,
        response = oauth)]
    async fn oidc_token(&self, body: TokenRequest) -> Result<LoginTokenSet>;

    /// The same on `POST /oauth/token` (protocol `oauth`).
    #[genauth_endpoint(path = "/oauth/token", method = POST, auth = client, encoding = form,
        response = oauth)]
    async fn oauth_token(&self, body: TokenRequest) -> Result<LoginTokenSet>;

    /// Client-credentials grant on `POST /oidc/token`: the AccessKey/SecretKey travel in the
    /// form, never as Basic, whatever the app's auth method.
    #[genauth_endpoint(path = "/oidc/token", method = POST, encoding = form, response = oauth)]
    async fn oidc_token_by_client_credentials(
        &self,
        body: ClientCredentialsRequest,
    ) -> Result<LoginTokenSet>;

    /// The same on `POST /oauth/token`.
    #[genauth_endpoint(path = "/oauth/token", method = POST, encoding = form, response = oauth)]
    async fn oauth_token_by_client_credentials(
        &self,
        body: ClientCredentialsRequest,
    ) -> Result<LoginTokenSet>;

    /// Token introspection (`POST /oidc/token/introspection`), client auth per the token
    /// endpoint's method (see [`crate::GenAuthClient::introspect_token`] for a different
    /// `introspection_endpoint_auth_method`).
    #[genauth_endpoint(path = "/oidc/token/introspection", method = POST, auth = client,
        encoding = form, response = oauth)]
    async fn oidc_introspect_token(&self, body: TokenRequestBody) -> Result<TokenIntrospection>;

    /// The same on `POST /oauth/token/introspection`.
    #[genauth_endpoint(path = "/oauth/token/introspection", method = POST, auth = client,
        encoding = form, response = oauth)]
    async fn oauth_introspect_token(&self, body: TokenRequestBody) -> Result<TokenIntrospection>;

    /// Token revocation (`POST /oidc/token/revocation`; the reply body is ignored).
    #[genauth_endpoint(path = "/oidc/token/revocation", method = POST, auth = client,
        encoding = form, response = empty)]
    async fn oidc_revoke_token(&self, body: TokenRequestBody) -> Result<()>;

    /// The same on `POST /oauth/token/revocation`.
    #[genauth_endpoint(path = "/oauth/token/revocation", method = POST, auth = client,
        encoding = form, response = empty)]
    async fn oauth_revoke_token(&self, body: TokenRequestBody) -> Result<()>;

    /// The user's claims (`POST /oidc/me`, the access token in the form body).
    #[genauth_endpoint(path = "/oidc/me", method = POST, encoding = form, response = oauth)]
    async fn oidc_user_info(&self, body: UserInfoRequest) -> Result<OidcUserInfo>;

    /// The same on `POST /oauth/me`.
    #[genauth_endpoint(path = "/oauth/me", method = POST, encoding = form, response = oauth)]
    async fn oauth_user_info(&self, body: UserInfoRequest) -> Result<OidcUserInfo>;

    /// The public signing keys (`GET /oidc/.well-known/jwks.json`), for local token
    /// verification ([`crate::oidc::TokenVerifier`] caches them).
    #[genauth_endpoint(path = "/oidc/.well-known/jwks.json", method = GET, response = bare)]
    async fn get_jwks(&self) -> Result<Jwks>;
}
