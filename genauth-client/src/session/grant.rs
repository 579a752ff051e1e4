//! The refresh-token grant: the declared `Oidc::token` endpoint through the one pipeline, with
//! a reply type that tolerates what servers leave out.

use serde::Deserialize;

use crate::api::OIDC_ENDPOINTS;
use crate::call::Call;
use crate::client::{Caller as _, GenAuthClient};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::model::TokenRequest;
use crate::secret::Secret;
use crate::transport::Transport;

/// The refresh grant's reply, decoded leniently: only `access_token` is required. A missing
/// `refresh_token`, `id_token` or `scope` keeps the old one; a missing `expires_in` (RFC 6749
/// only recommends it) leaves the lifetime unknown. Tokens are redacted in `Debug`.
#[derive(Debug, Deserialize)]
pub(crate) struct RefreshReply {
    pub(crate) access_token: Secret,
    #[serde(default)]
    pub(crate) refresh_token: Option<Secret>,
    #[serde(default)]
    pub(crate) id_token: Option<Secret>,
    #[serde(default)]
    pub(crate) token_type: Option<String>,
    #[serde(default)]
    pub(crate) expires_in: Option<u64>,
    #[serde(default)]
    pub(crate) expire_in: Option<u64>,
    #[serde(default)]
    pub(crate) scope: Option<String>,
}

/// The declared `Oidc::token` endpoint (`{protocol}/token`, client auth per the options).
pub(crate) fn token_endpoint() -> Result<&'static Endpoint, Error> {
    OIDC_ENDPOINTS
        .iter()
        .copied()
        .find(|e| e.name == "token")
        .ok_or_else(|| Error::InvalidRequest("the Oidc::token endpoint is not declared".into()))
}

/// `grant_type=refresh_token` through the one pipeline, on the same declared endpoint as
/// [`GenAuthClient::get_new_access_token_by_refresh_token`], decoded leniently
/// ([`RefreshReply`]: `expires_in` and `refresh_token` may be missing).
pub(crate) async fn refresh_grant<T: Transport>(
    client: &GenAuthClient<T>,
    refresh_token: Secret,
) -> Result<RefreshReply, Error> {
    let body = TokenRequest::RefreshToken {
        refresh_token,
        scope: None,
    };
    let call = Call::new(token_endpoint()?).body(&body);
    crate::pipeline::execute::<RefreshReply, T>(client.ctx(), call).await
}
