//! Client authentication on introspection/revocation when their auth method differs from the
//! token endpoint's (`introspection_endpoint_auth_method`, `revocation_endpoint_auth_method`).
//!
//! The pipeline applies one method per client ([`crate::ClientOptions::auth_method`]). For the
//! rare app whose introspection or revocation method differs, these calls go through endpoint
//! descriptions with `auth: None` and add the credentials here: form fields for
//! `client_secret_post` / `none`, the `Basic` header for `client_secret_basic`.

use base64::Engine as _;
use http::HeaderValue;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::GenAuthClient;
use crate::endpoint::{Auth, Call, Encoding, Endpoint, Method, ResponseKind};
use crate::envelope;
use crate::error::{Error, Result};
use crate::options::TokenEndpointAuthMethod;
use crate::pipeline;
use crate::transport::Transport;

const fn form_endpoint(name: &'static str, path: &'static str, response: ResponseKind) -> Endpoint {
    Endpoint {
        name,
        method: Method::Post,
        path,
        auth: Auth::None,
        encoding: Encoding::Form,
        response,
        passwords: &[],
        password_flag: None,
    }
}

pub(crate) static OIDC_INTROSPECT: Endpoint = form_endpoint(
    "oidc_introspect_token",
    "/oidc/token/introspection",
    ResponseKind::OAuth,
);
pub(crate) static OAUTH_INTROSPECT: Endpoint = form_endpoint(
    "oauth_introspect_token",
    "/oauth/token/introspection",
    ResponseKind::OAuth,
);
pub(crate) static OIDC_REVOKE: Endpoint = form_endpoint(
    "oidc_revoke_token",
    "/oidc/token/revocation",
    ResponseKind::Empty,
);
pub(crate) static OAUTH_REVOKE: Endpoint = form_endpoint(
    "oauth_revoke_token",
    "/oauth/token/revocation",
    ResponseKind::Empty,
);

#[derive(Serialize)]
struct WithClientAuth<'a, B: Serialize> {
    #[serde(flatten)]
    body: &'a B,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_secret: Option<&'a str>,
}

/// Sends `body` to `endpoint` (which must be `auth: None`, form-encoded) authenticated with
/// `method` instead of the client's token endpoint method.
pub(crate) async fn call_with_method<R, B, T>(
    client: &GenAuthClient<T>,
    endpoint: &'static Endpoint,
    body: &B,
    method: TokenEndpointAuthMethod,
) -> Result<R>
where
    R: DeserializeOwned,
    B: Serialize,
    T: Transport,
{
    let o = client.options();
    let secret = o
        .app_secret
        .as_ref()
        .map(|s| s.expose())
        .unwrap_or_default();
    let form = match method {
        TokenEndpointAuthMethod::ClientSecretPost => WithClientAuth {
            body,
            client_id: Some(o.app_id()),
            client_secret: Some(secret),
        },
        TokenEndpointAuthMethod::None => WithClientAuth {
            body,
            client_id: Some(o.app_id()),
            client_secret: None,
        },
        TokenEndpointAuthMethod::ClientSecretBasic => WithClientAuth {
            body,
            client_id: None,
            client_secret: None,
        },
    };
    let mut call = Call::new(endpoint).body(&form);
    if method != TokenEndpointAuthMethod::ClientSecretBasic {
        return pipeline::execute::<R, T>(client, call).await;
    }
    if let Some(e) = call.error.take() {
        return Err(e);
    }
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{secret}", o.app_id()));
    let mut basic = HeaderValue::from_str(&format!("Basic {encoded}"))
        .map_err(|_| Error::Config("app credentials do not fit a header".into()))?;
    basic.set_sensitive(true);
    let body = std::mem::take(&mut call.body);
    let mut request = pipeline::build_request(client, &call, body)?;
    request
        .headers_mut()
        .insert(http::header::AUTHORIZATION, basic);
    let response = pipeline::send(client, request).await?;
    envelope::decode::<R>(endpoint.response, response)
}
