//! URL builders that never fetch (authorize, logout, SAML, CAS), PKCE, and CSPRNG values.

mod callback;
mod pkce;
#[cfg(test)]
mod tests;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

pub use callback::{AuthorizationCode, parse_callback};
pub use pkce::{CodeChallengeMethod, Pkce, code_challenge, random_token};

use crate::endpoint::Protocol;
use crate::error::{Error, Result};
use crate::options::ClientOptions;
use crate::secret::Secret;

/// Everything but RFC 3986 unreserved characters is escaped (spaces become `%20`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Default scope of OIDC authorize URLs (node's default).
pub const DEFAULT_OIDC_SCOPE: &str = "openid profile";
/// Default scope of OAuth authorize URLs (py/node).
pub const DEFAULT_OAUTH_SCOPE: &str = "user";

/// Inputs of [`build_authorize_url`]. Every field is optional; see each for its default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorizeParams {
    /// `redirect_uri`; default [`ClientOptions::redirect_uri`] (one of the two is required for
    /// OIDC and OAuth; CAS uses it as `service`).
    pub redirect_uri: Option<String>,
    /// `scope`; default `openid profile` (OIDC) or `user` (OAuth).
    pub scope: Option<String>,
    /// `response_type`; default `code`.
    pub response_type: Option<String>,
    /// `response_mode` (`query`, `fragment`, `form_post`); omitted by default.
    pub response_mode: Option<String>,
    /// `state`; default 32 CSPRNG bytes, base64url.
    pub state: Option<String>,
    /// `nonce` (OIDC only); default 32 CSPRNG bytes, base64url.
    pub nonce: Option<String>,
    /// `prompt`; default `consent` when the scope has `offline_access` (needed for a refresh
    /// token), else omitted.
    pub prompt: Option<String>,
    /// Add a PKCE challenge made with this method (the verifier is returned).
    pub pkce: Option<CodeChallengeMethod>,
    /// `tenantId`.
    pub tenant_id: Option<String>,
}

/// An authorize URL and the values the caller must keep to finish the login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizeRequest {
    /// Where to send the browser.
    pub url: String,
    /// The `redirect_uri` the URL carries (OIDC and OAuth; `None` for SAML and CAS): the
    /// authorization-code exchange must send the same one (RFC 6749 §4.1.3), which
    /// [`OidcExt::get_access_token_by_callback`](crate::OidcExt::get_access_token_by_callback)
    /// does.
    pub redirect_uri: Option<String>,
    /// The `state` sent: compare it with the one the redirect brings back (OIDC and OAuth).
    pub state: Option<String>,
    /// The `nonce` sent (OIDC): pass it to ID token verification.
    pub nonce: Option<String>,
    /// The PKCE verifier, when PKCE was asked for: send it with the code exchange.
    pub code_verifier: Option<Secret>,
}

struct Query(String);

impl Query {
    fn new() -> Self {
        Query(String::new())
    }
    fn push(&mut self, key: &str, value: &str) {
        self.0.push(if self.0.is_empty() { '?' } else { '&' });
        self.0.push_str(key);
        self.0.push('=');
        self.0.extend(utf8_percent_encode(value, QUERY_VALUE));
    }
    fn push_opt(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.push(key, v);
        }
    }
}

fn segment(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// Builds the login URL for the configured protocol; never fetches anything.
///
/// * OIDC: `{host}/oidc/auth?client_id&redirect_uri&scope&response_type[&response_mode]&state&nonce[&prompt][&code_challenge&code_challenge_method][&tenantId]`
/// * OAuth: `{host}/oauth/auth?client_id&redirect_uri&scope&response_type&state[&prompt][&code_challenge…]`
/// * SAML: `{host}/api/v2/saml-idp/{appId}`
/// * CAS: `{host}/cas-idp/{appId}[?service=<redirect_uri>]`
///
/// Values are percent-encoded (RFC 3986 unreserved characters kept, spaces as `%20`).
pub fn build_authorize_url(
    options: &ClientOptions,
    params: AuthorizeParams,
) -> Result<AuthorizeRequest> {
    let host = options.app_host();
    let app_id = options.app_id();
    let redirect_uri = params
        .redirect_uri
        .or_else(|| options.redirect_uri().map(str::to_owned));
    let protocol = options.protocol();
    match protocol {
        Protocol::Saml => {
            return Ok(AuthorizeRequest {
                url: format!("{host}/api/v2/saml-idp/{}", segment(app_id)),
                redirect_uri: None,
                state: None,
                nonce: None,
                code_verifier: None,
            });
        }
        Protocol::Cas => {
            let mut q = Query::new();
            q.push_opt("service", redirect_uri.as_deref());
            return Ok(AuthorizeRequest {
                url: format!("{host}/cas-idp/{}{}", segment(app_id), q.0),
                redirect_uri: None,
                state: None,
                nonce: None,
                code_verifier: None,
            });
        }
        Protocol::Oidc | Protocol::OAuth => {}
    }
    let redirect_uri = redirect_uri.ok_or_else(|| {
        Error::InvalidRequest(
            "an authorize URL needs a redirect_uri: pass one or set ClientOptionsBuilder::redirect_uri"
                .into(),
        )
    })?;
    let oidc = protocol == Protocol::Oidc;
    let scope = params.scope.unwrap_or_else(|| {
        if oidc {
            DEFAULT_OIDC_SCOPE
        } else {
            DEFAULT_OAUTH_SCOPE
        }
        .to_owned()
    });
    let state = match params.state {
        Some(s) => s,
        None => random_token(32)?,
    };
    let nonce = match (oidc, params.nonce) {
        (false, _) => None,
        (true, Some(n)) => Some(n),
        (true, None) => Some(random_token(32)?),
    };
    let prompt = params.prompt.or_else(|| {
        scope
            .split_whitespace()
            .any(|s| s == "offline_access")
            .then(|| "consent".to_owned())
    });
    let pkce = params.pkce.map(Pkce::generate).transpose()?;

    let mut q = Query::new();
    q.push("client_id", app_id);
    q.push("redirect_uri", &redirect_uri);
    q.push("scope", &scope);
    q.push(
        "response_type",
        params.response_type.as_deref().unwrap_or("code"),
    );
    q.push_opt("response_mode", params.response_mode.as_deref());
    q.push("state", &state);
    q.push_opt("nonce", nonce.as_deref());
    q.push_opt("prompt", prompt.as_deref());
    if let Some(p) = &pkce {
        q.push("code_challenge", &p.code_challenge);
        q.push("code_challenge_method", p.method.as_str());
    }
    q.push_opt("tenantId", params.tenant_id.as_deref());
    let path = if oidc { "/oidc/auth" } else { "/oauth/auth" };
    Ok(AuthorizeRequest {
        url: format!("{host}{path}{}", q.0),
        redirect_uri: Some(redirect_uri),
        state: Some(state),
        nonce,
        code_verifier: pkce.map(|p| p.code_verifier),
    })
}

/// Inputs of [`build_logout_url`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogoutParams {
    /// OIDC: the ID token of the session (`id_token_hint`). Required with a redirect.
    pub id_token_hint: Option<Secret>,
    /// Where to land after logout. OIDC default: [`ClientOptions::post_logout_redirect_uri`]
    /// (only when `id_token_hint` is given).
    pub post_logout_redirect_uri: Option<String>,
    /// OIDC: echoed back on the redirect (only sent with a redirect).
    pub state: Option<String>,
}

/// Builds the front-channel logout URL for the configured protocol; never fetches anything.
///
/// * OIDC: `{host}/oidc/session/end[?id_token_hint=…[&post_logout_redirect_uri=…[&state=…]]]`;
///   a redirect needs `id_token_hint` ([`Error::InvalidRequest`] otherwise).
/// * CAS: `{host}/cas-idp/logout[?url=…]`
/// * OAuth and SAML: `{host}/login/profile/logout[?redirect_uri=…]`
///
/// Every value is percent-encoded. The URL carries the ID token when one is given: treat it as
/// sensitive (do not log it).
pub fn build_logout_url(options: &ClientOptions, params: LogoutParams) -> Result<String> {
    let host = options.app_host();
    let explicit = params.post_logout_redirect_uri;
    let mut q = Query::new();
    match options.protocol() {
        Protocol::Oidc => {
            let redirect = match (&params.id_token_hint, explicit) {
                (None, Some(_)) => {
                    return Err(Error::InvalidRequest(
                        "post_logout_redirect_uri requires id_token_hint".into(),
                    ));
                }
                (None, None) => None,
                (Some(_), Some(r)) => Some(r),
                (Some(_), None) => options.post_logout_redirect_uri().map(str::to_owned),
            };
            q.push_opt(
                "id_token_hint",
                params.id_token_hint.as_ref().map(Secret::expose),
            );
            if let Some(r) = &redirect {
                q.push("post_logout_redirect_uri", r);
                q.push_opt("state", params.state.as_deref());
            }
            Ok(format!("{host}/oidc/session/end{}", q.0))
        }
        Protocol::Cas => {
            let redirect =
                explicit.or_else(|| options.post_logout_redirect_uri().map(str::to_owned));
            q.push_opt("url", redirect.as_deref());
            Ok(format!("{host}/cas-idp/logout{}", q.0))
        }
        Protocol::OAuth | Protocol::Saml => {
            let redirect =
                explicit.or_else(|| options.post_logout_redirect_uri().map(str::to_owned));
            q.push_opt("redirect_uri", redirect.as_deref());
            Ok(format!("{host}/login/profile/logout{}", q.0))
        }
    }
}
