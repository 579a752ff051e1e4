//! Client and user authentication: the one rule that decides which credentials a call carries.
//!
//! Derived from the endpoint's declared [`Auth`] and, for `auth = client`, the method the
//! options configure for the endpoint's [`ClientAuthOf`] (token, introspection or revocation):
//!
//! | method | JSON body | form body |
//! |---|---|---|
//! | `client_secret_post` | `client_id` + `client_secret` fields | same, as form pairs |
//! | `client_secret_basic` | `authorization: Basic base64(id:secret)` | same |
//! | `none` | nothing | `client_id` pair |
//!
//! No path decides anything. A body that cannot carry the fields is an
//! [`Error::InvalidRequest`], never a request sent without credentials.

use base64::Engine as _;
use http::HeaderValue;

use crate::endpoint::{Auth, ClientAuthOf, Encoding, Endpoint};
use crate::error::{Error, Result};
use crate::options::{ClientOptions, TokenEndpointAuthMethod, UserTokenScheme};
use crate::secret::Secret;

/// What the rule adds to one request.
pub(crate) struct Credentials<'a> {
    /// Fields added to the body (JSON object fields or form pairs): the first `len` of `slots`.
    slots: [(&'static str, &'a str); 2],
    len: usize,
    /// The `authorization` header (Basic client credentials or the user's token).
    pub(crate) header: Option<HeaderValue>,
}

impl<'a> Credentials<'a> {
    /// The body fields to add.
    pub(crate) fn fields(&self) -> &[(&'static str, &'a str)] {
        &self.slots[..self.len]
    }
}

/// The client authentication method in effect for `ep`.
pub(crate) fn effective_method(ep: &Endpoint, o: &ClientOptions) -> TokenEndpointAuthMethod {
    match ep.client_auth {
        ClientAuthOf::Token => o.auth_method,
        ClientAuthOf::Introspection => o.introspection_auth_method(),
        ClientAuthOf::Revocation => o.revocation_auth_method(),
    }
}

/// The credentials `ep` carries under options `o` (whose Basic header is `basic_auth`, rendered
/// once), for the user whose access token is `token`.
pub(crate) fn credentials<'a>(
    ep: &Endpoint,
    o: &'a ClientOptions,
    basic_auth: &HeaderValue,
    token: Option<&Secret>,
) -> Result<Credentials<'a>> {
    let mut out = Credentials {
        slots: [("", ""); 2],
        len: 0,
        header: None,
    };
    match ep.auth {
        Auth::Client => match effective_method(ep, o) {
            TokenEndpointAuthMethod::ClientSecretPost => {
                let secret = o
                    .app_secret
                    .as_ref()
                    .map(|s| s.expose())
                    .unwrap_or_default();
                out.slots = [("client_id", o.app_id.as_str()), ("client_secret", secret)];
                out.len = 2;
            }
            TokenEndpointAuthMethod::ClientSecretBasic => {
                out.header = Some(basic_auth.clone());
            }
            TokenEndpointAuthMethod::None => {
                if ep.encoding == Encoding::Form {
                    out.slots[0] = ("client_id", o.app_id.as_str());
                    out.len = 1;
                }
            }
        },
        Auth::User => {
            let token = token.ok_or_else(|| {
                Error::Config(format!(
                    "`{}` needs a user access token: call it on `client.with_user_token(token)` \
                     (or set ClientOptionsBuilder::access_token)",
                    ep.name
                ))
            })?;
            let text = match o.user_token_scheme {
                UserTokenScheme::Raw => token.expose().to_owned(),
                UserTokenScheme::Bearer => format!("Bearer {}", token.expose()),
            };
            let mut v = HeaderValue::from_str(&text).map_err(|_| {
                Error::Config("the access token is not a valid header value".into())
            })?;
            v.set_sensitive(true);
            out.header = Some(v);
        }
        // Applied to the built request by `super::management` (a signature covers it whole).
        Auth::None | Auth::Management => {}
    }
    Ok(out)
}

/// `Basic base64(appId:appSecret)`, rendered once per client.
pub(crate) fn basic_auth_header(o: &ClientOptions) -> Result<HeaderValue> {
    let secret = o
        .app_secret
        .as_ref()
        .map(|s| s.expose())
        .unwrap_or_default();
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", o.app_id, secret));
    let mut v = HeaderValue::from_str(&format!("Basic {encoded}"))
        .map_err(|_| Error::Config("app credentials do not fit a header".into()))?;
    v.set_sensitive(true);
    Ok(v)
}

/// The error for a body that cannot carry the client credentials the rule requires.
pub(crate) fn cannot_carry(ep: &Endpoint) -> Error {
    Error::InvalidRequest(format!(
        "`{}` authenticates the client with body fields, but its body is not an object: \
         the request was not sent",
        ep.name
    ))
}
