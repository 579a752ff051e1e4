//! OIDC / OAuth 2.0 protocol endpoints: form-encoded requests, bare replies,
//! `{error, error_description}` failures ([`crate::Error::OAuth`]).
//!
//! Each is declared once with a protocol-relative path (`{protocol}/token`): the client sends
//! it to `/oidc/...` or `/oauth/...` per [`crate::ClientOptions::protocol`]. Application code
//! normally calls the convenience methods of [`crate::OidcExt`] (`get_access_token_by_code`,
//! `introspect_token`, `logout`, …), implemented for every `Oidc`.

use crate::error::Result;
use crate::model::{
    ClientCredentialsRequest, Jwks, LoginTokenSet, OidcUserInfo, RefreshTokenRequest,
    RefreshedTokenSet, TokenIntrospection, TokenRequest, TokenRequestBody, UserInfoRequest,
};
use crate::{genauth_api, genauth_endpoint};

/// The protocol endpoints, one line each.
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Oidc {
    /// Token request (authorization code, refresh token or password grant):
    /// `POST /oidc/token` or `/oauth/token`, with the app's client auth (post / basic / none).
    #[genauth_endpoint(path = "{protocol}/token", method = POST, auth = client, encoding = form,
        response = oauth)]
    async fn token(&self, body: TokenRequest) -> Result<LoginTokenSet>;

    /// Refresh-token grant (`POST /oidc/token` or `/oauth/token`, `grant_type=refresh_token`),
    /// with the app's client auth, decoded leniently ([`RefreshedTokenSet`]: only
    /// `access_token` is required, as on refresh a server may omit the rest). What
    /// [`crate::session::Session`] refreshes through.
    #[genauth_endpoint(path = "{protocol}/token", method = POST, auth = client, encoding = form,
        response = oauth)]
    async fn refresh_token(&self, body: RefreshTokenRequest) -> Result<RefreshedTokenSet>;

    /// Client-credentials grant (`POST /oidc/token` or `/oauth/token`): the AccessKey/SecretKey
    /// travel in the form as `client_id`/`client_secret`, never as Basic, whatever the app's
    /// auth method (so the endpoint itself declares no client auth).
    #[genauth_endpoint(path = "{protocol}/token", method = POST, encoding = form, response = oauth)]
    async fn token_by_client_credentials(
        &self,
        body: ClientCredentialsRequest,
    ) -> Result<LoginTokenSet>;

    /// Token introspection (`POST /oidc/token/introspection` or `/oauth/…`), client auth per
    /// [`crate::ClientOptions::introspection_auth_method`].
    #[genauth_endpoint(path = "{protocol}/token/introspection", method = POST, auth = client,
        client_auth = introspection, encoding = form, response = oauth)]
    async fn introspect(&self, body: TokenRequestBody) -> Result<TokenIntrospection>;

    /// Token revocation (`POST /oidc/token/revocation` or `/oauth/…`; the reply body is
    /// ignored), client auth per [`crate::ClientOptions::revocation_auth_method`].
    #[genauth_endpoint(path = "{protocol}/token/revocation", method = POST, auth = client,
        client_auth = revocation, encoding = form, response = empty)]
    async fn revoke(&self, body: TokenRequestBody) -> Result<()>;

    /// The user's claims (`POST /oidc/me` or `/oauth/me`, the access token in the form body).
    #[genauth_endpoint(path = "{protocol}/me", method = POST, encoding = form, response = oauth)]
    async fn user_info(&self, body: UserInfoRequest) -> Result<OidcUserInfo>;

    /// The public signing keys (`GET /oidc/.well-known/jwks.json`), for local token
    /// verification (`oidc::TokenVerifier`, feature `jwt`, caches them).
    #[genauth_endpoint(path = "/oidc/.well-known/jwks.json", method = GET, response = bare)]
    async fn get_jwks(&self) -> Result<Jwks>;
}
