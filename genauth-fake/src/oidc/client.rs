//! Client authentication on the protocol endpoints (and, through [`check_client`], on the
//! `/api/v3/*` logins that need it).

use super::form::{Form, oauth_error};
use crate::handlers::{AuthMethod, Ctx, Reply};
use crate::signin::parse_basic;
use genauth_client::TokenEndpointAuthMethod;

/// Client authentication per `method`: the credentials come from the body
/// (`client_id` / `client_secret`, JSON or form) or the `authorization: Basic` header. The error
/// text never echoes what was sent.
pub(crate) fn check_client(
    ctx: &Ctx<'_>,
    method: AuthMethod,
    client_id: Option<&str>,
    client_secret: Option<&str>,
) -> Result<(), String> {
    let state = ctx.state;
    let basic = ctx.header("authorization").and_then(parse_basic);
    match method {
        AuthMethod::ClientSecretPost => match (client_id, client_secret) {
            (Some(id), Some(secret)) if id == state.app_id && secret == state.app_secret => Ok(()),
            (Some(_), Some(_)) => Err("client_id or client_secret is wrong".into()),
            _ => Err("this application uses client_secret_post: send client_id and client_secret in the body".into()),
        },
        AuthMethod::ClientSecretBasic => {
            if client_id.is_some() || client_secret.is_some() {
                return Err("this application uses client_secret_basic: send the credentials only in the `authorization: Basic` header".into());
            }
            match basic {
                Some((id, secret)) if id == state.app_id && secret == state.app_secret => Ok(()),
                Some(_) => Err("the Basic credentials are wrong".into()),
                None => Err("this application uses client_secret_basic: send `authorization: Basic base64(appId:appSecret)`".into()),
            }
        }
        AuthMethod::None => {
            if client_secret.is_some() || basic.is_some() {
                return Err("this application uses token endpoint auth method none: do not send a client secret".into());
            }
            match client_id {
                Some(id) if id != state.app_id => Err("client_id does not match the application".into()),
                _ => Ok(()),
            }
        }
    }
}

pub(super) fn auth_method(m: Option<TokenEndpointAuthMethod>, default: AuthMethod) -> AuthMethod {
    match m {
        None => default,
        Some(TokenEndpointAuthMethod::ClientSecretPost) => AuthMethod::ClientSecretPost,
        Some(TokenEndpointAuthMethod::ClientSecretBasic) => AuthMethod::ClientSecretBasic,
        Some(TokenEndpointAuthMethod::None) => AuthMethod::None,
    }
}

const CLIENT_FIELDS: [&str; 2] = ["client_id", "client_secret"];

pub(super) fn with_client_fields<'a>(fields: &[&'a str]) -> Vec<&'a str> {
    let mut all = fields.to_vec();
    all.extend(CLIENT_FIELDS);
    all
}

pub(super) fn authenticate_form(
    ctx: &Ctx<'_>,
    form: &Form,
    method: AuthMethod,
) -> Result<(), Reply> {
    check_client(
        ctx,
        method,
        form.get("client_id"),
        form.get("client_secret"),
    )
    .map_err(|m| {
        oauth_error(
            401,
            "invalid_client",
            format!("client authentication failed: {m}"),
        )
    })
}
