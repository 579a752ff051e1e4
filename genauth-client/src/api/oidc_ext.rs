//! Convenience wrappers: not endpoints, but fillers of the [`Oidc`] grant and token forms.
//!
//! Blanket-implemented for every [`Oidc`], so a mock of the trait and a
//! [`UserClient`](crate::UserClient) get them as well as [`GenAuthClient`](crate::GenAuthClient).
//! They need nothing from the client's options: the endpoint variant (`/oidc` or `/oauth`) and
//! the client auth method are the declared endpoint's business, resolved when it is called.

use std::future::Future;

use super::Oidc;
use crate::error::{Error, Result};
use crate::model::{
    ClientCredentialsRequest, LoginTokenSet, OidcUserInfo, PasswordGrantIdentity,
    TokenIntrospection, TokenRequest, TokenRequestBody, UserInfoRequest,
};
use crate::oidc::{AuthorizeRequest, parse_callback};
use crate::secret::{Password, Secret};

/// The official SDKs' token methods (`getAccessTokenByCode`, `introspectToken`, `revokeToken`,
/// `logout`, …), each one or two calls to the declared [`Oidc`] endpoints.
///
/// The calls go to `/oidc/*` or `/oauth/*` per
/// [`ClientOptions::protocol`](crate::ClientOptions::protocol), with each endpoint's configured
/// client auth method. URL builders and token verification need the client's configuration
/// and call nothing: they are inherent methods of [`GenAuthClient`](crate::GenAuthClient) and
/// [`UserClient`](crate::UserClient) (`build_authorize_url`, `build_logout_url`,
/// `token_verifier`, `introspection_cache`).
pub trait OidcExt: Oidc {
    /// Exchanges an authorization code for tokens (`grant_type=authorization_code`), sending
    /// `redirect_uri` (it must be the one the authorize request carried, RFC 6749 §4.1.3:
    /// [`AuthorizeRequest::redirect_uri`]) and, for PKCE, the original `code_verifier`.
    ///
    /// An empty `redirect_uri` is an [`Error::InvalidRequest`], without a call.
    /// [`get_access_token_by_callback`](Self::get_access_token_by_callback) does the state
    /// check and takes the redirect URI and verifier from the stored request.
    fn get_access_token_by_code(
        &self,
        code: impl Into<Secret>,
        redirect_uri: &str,
        code_verifier: Option<&str>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        let exchange = if redirect_uri.trim().is_empty() {
            Err(Error::InvalidRequest(
                "the code exchange needs the redirect_uri of the authorize request (AuthorizeRequest::redirect_uri)"
                    .into(),
            ))
        } else {
            Ok(self.token(TokenRequest::AuthorizationCode {
                code: code.into(),
                redirect_uri: redirect_uri.to_owned(),
                code_verifier: code_verifier.map(Secret::new),
            }))
        };
        async move { exchange?.await }
    }

    /// Finishes an authorization-code login from the redirect the browser came back with:
    /// [`parse_callback`] (checks `state` against `request`, surfaces `error` as
    /// [`Error::Callback`]), then [`get_access_token_by_code`](Self::get_access_token_by_code)
    /// with the request's `redirect_uri` and PKCE verifier. A request without a
    /// `redirect_uri` (built by hand, or for SAML or CAS) is an [`Error::InvalidRequest`];
    /// no call is made on any error.
    fn get_access_token_by_callback(
        &self,
        callback: &str,
        request: &AuthorizeRequest,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        let exchange = parse_callback(callback, request)
            .map_err(Error::from)
            .and_then(|code| {
                let redirect_uri = request.redirect_uri.as_deref().ok_or_else(|| {
                    Error::InvalidRequest(
                        "the authorize request has no redirect_uri to send with the code exchange (build it with build_authorize_url for OIDC or OAuth)"
                            .into(),
                    )
                })?;
                Ok(self.get_access_token_by_code(
                    code.code,
                    redirect_uri,
                    request.code_verifier.as_ref().map(Secret::expose),
                ))
            });
        async move { exchange?.await }
    }

    /// A new access token from a refresh token (`grant_type=refresh_token`).
    fn get_new_access_token_by_refresh_token(
        &self,
        refresh_token: impl Into<Secret>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        self.token(TokenRequest::RefreshToken {
            refresh_token: refresh_token.into(),
            scope: None,
        })
    }

    /// Tokens for a username, email or phone and password (`grant_type=password`).
    fn get_access_token_by_password(
        &self,
        identity: PasswordGrantIdentity,
        password: impl Into<Password>,
        scope: Option<&str>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        self.token(TokenRequest::Password {
            identity,
            password: password.into(),
            scope: scope.map(str::to_owned),
        })
    }

    /// An M2M access token for a programmatic-access account (`grant_type=client_credentials`):
    /// `access_key`/`secret_key` are sent as form `client_id`/`client_secret`, whatever the
    /// app's auth method. An empty `scope` is an [`Error::InvalidRequest`], without a call.
    fn get_access_token_by_client_credentials(
        &self,
        scope: &str,
        access_key: &str,
        secret_key: impl Into<Secret>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        let grant = if scope.trim().is_empty() {
            Err(Error::InvalidRequest(
                "client_credentials needs a scope".into(),
            ))
        } else {
            Ok(self.token_by_client_credentials(ClientCredentialsRequest {
                scope: scope.to_owned(),
                client_id: access_key.to_owned(),
                client_secret: secret_key.into(),
            }))
        };
        async move { grant?.await }
    }

    /// Introspects a token with the `introspection_endpoint_auth_method` (default: the token
    /// endpoint's).
    fn introspect_token(
        &self,
        token: impl Into<Secret>,
    ) -> impl Future<Output = Result<TokenIntrospection>> + Send {
        self.introspect(TokenRequestBody {
            token: token.into(),
            ..Default::default()
        })
    }

    /// Revokes an access or refresh token with the `revocation_endpoint_auth_method` (default:
    /// the token endpoint's). The server's reply body is ignored.
    fn revoke_token(&self, token: impl Into<Secret>) -> impl Future<Output = Result<()>> + Send {
        self.revoke(TokenRequestBody {
            token: token.into(),
            ..Default::default()
        })
    }

    /// Logs a session out server-side: revokes its refresh token (so it can mint no new access
    /// token), then its access token, through the declared revocation endpoint. Both are
    /// attempted, in that order; the first failure is returned. To end the browser session
    /// too, send the user to the URL of `build_logout_url` (on
    /// [`GenAuthClient`](crate::GenAuthClient) or [`UserClient`](crate::UserClient)).
    fn logout(&self, tokens: &LoginTokenSet) -> impl Future<Output = Result<()>> + Send {
        // Both calls are made here, refresh token first, and sent in that order when awaited:
        // holding the two futures (Send by the trait's contract) rather than `&self` keeps the
        // returned future Send without asking `Self: Sync`.
        let refresh = tokens.refresh_token.clone().map(|t| self.revoke_token(t));
        let access = tokens.access_token.clone().map(|t| self.revoke_token(t));
        async move {
            let refresh = match refresh {
                Some(revoked) => revoked.await,
                None => Ok(()),
            };
            let access = match access {
                Some(revoked) => revoked.await,
                None => Ok(()),
            };
            refresh.and(access)
        }
    }

    /// The user's OIDC claims for an access token (`POST /oidc/me` or `/oauth/me`, the token
    /// in the form body).
    fn get_user_info_by_access_token(
        &self,
        access_token: impl Into<Secret>,
    ) -> impl Future<Output = Result<OidcUserInfo>> + Send {
        self.user_info(UserInfoRequest {
            access_token: access_token.into(),
        })
    }
}

impl<T: Oidc + ?Sized> OidcExt for T {}
