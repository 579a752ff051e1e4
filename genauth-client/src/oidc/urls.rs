//! URL builders that never fetch (authorize, logout, SAML, CAS), PKCE, and CSPRNG values.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest as _, Sha256};

use super::Protocol;
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

/// `len` random bytes from the OS CSPRNG, base64url without padding.
pub fn random_token(len: usize) -> Result<String> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Config(format!("the OS random number generator failed: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// PKCE `code_challenge_method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CodeChallengeMethod {
    /// `S256`: the challenge is base64url(SHA-256(verifier)) (the default; use it).
    #[default]
    S256,
    /// `plain`: the challenge is the verifier itself.
    Plain,
}

impl CodeChallengeMethod {
    /// Wire name: `S256` or `plain`.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeChallengeMethod::S256 => "S256",
            CodeChallengeMethod::Plain => "plain",
        }
    }
}

/// A PKCE verifier and its challenge (RFC 7636).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pkce {
    /// The verifier: keep it (server side session) and send it with the code exchange.
    pub code_verifier: Secret,
    /// The challenge for the authorize URL.
    pub code_challenge: String,
    /// How the challenge was derived.
    pub method: CodeChallengeMethod,
}

impl Pkce {
    /// A fresh verifier of 43 characters (32 CSPRNG bytes, base64url) and its challenge.
    pub fn generate(method: CodeChallengeMethod) -> Result<Self> {
        let verifier = random_token(32)?;
        Ok(Pkce {
            code_challenge: code_challenge(&verifier, method),
            code_verifier: Secret::new(verifier),
            method,
        })
    }
}

/// The challenge of `verifier` for `method`: base64url(SHA-256(ASCII verifier)) without `=`
/// for `S256`, the verifier for `plain`.
///
/// ```
/// use genauth_client::oidc::{CodeChallengeMethod, code_challenge};
/// // RFC 7636 appendix B.
/// assert_eq!(
///     code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", CodeChallengeMethod::S256),
///     "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
/// );
/// ```
pub fn code_challenge(verifier: &str, method: CodeChallengeMethod) -> String {
    match method {
        CodeChallengeMethod::S256 => URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())),
        CodeChallengeMethod::Plain => verifier.to_owned(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TokenEndpointAuthMethod;

    fn options(protocol: Protocol) -> ClientOptions {
        ClientOptions::builder()
            .app_id("app/1")
            .app_host("https://t.genauth.ai")
            .auth_method(TokenEndpointAuthMethod::None)
            .protocol(protocol)
            .redirect_uri("https://app.example/cb?x=1&y=2")
            .build()
            .unwrap()
    }

    fn query(url: &str) -> Vec<(String, String)> {
        let q = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    }

    #[test]
    fn authorize_url_oidc_defaults_and_offline_access() {
        let r = build_authorize_url(
            &options(Protocol::Oidc),
            AuthorizeParams {
                scope: Some("openid offline_access".into()),
                pkce: Some(CodeChallengeMethod::S256),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(r.url.starts_with("https://t.genauth.ai/oidc/auth?client_id=app%2F1&redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1%26y%3D2&scope=openid%20offline_access&response_type=code&state="), "{}", r.url);
        let q = query(&r.url);
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("prompt"), Some("consent"));
        assert_eq!(get("state"), r.state.as_deref());
        assert_eq!(get("nonce"), r.nonce.as_deref());
        assert_eq!(r.state.as_ref().unwrap().len(), 43);
        let verifier = r.code_verifier.as_ref().unwrap().expose();
        assert_eq!(
            get("code_challenge"),
            Some(code_challenge(verifier, CodeChallengeMethod::S256).as_str())
        );
        assert_eq!(get("code_challenge_method"), Some("S256"));
        // Fresh randomness each time.
        let r2 = build_authorize_url(&options(Protocol::Oidc), AuthorizeParams::default()).unwrap();
        assert_ne!(r.state, r2.state);
        assert_ne!(r.nonce, r2.nonce);
        assert_eq!(query(&r2.url).iter().find(|(k, _)| k == "prompt"), None);
    }

    #[test]
    fn other_protocols() {
        let r = build_authorize_url(&options(Protocol::OAuth), AuthorizeParams::default()).unwrap();
        assert!(r.url.starts_with("https://t.genauth.ai/oauth/auth?"));
        assert!(r.url.contains("scope=user&"));
        assert!(r.nonce.is_none());
        let r = build_authorize_url(&options(Protocol::Saml), AuthorizeParams::default()).unwrap();
        assert_eq!(r.url, "https://t.genauth.ai/api/v2/saml-idp/app%2F1");
        let r = build_authorize_url(&options(Protocol::Cas), AuthorizeParams::default()).unwrap();
        assert_eq!(
            r.url,
            "https://t.genauth.ai/cas-idp/app%2F1?service=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1%26y%3D2"
        );
        let r = build_authorize_url(
            &options(Protocol::Oidc),
            AuthorizeParams {
                pkce: Some(CodeChallengeMethod::Plain),
                ..Default::default()
            },
        )
        .unwrap();
        let q = query(&r.url);
        assert!(q.contains(&(
            "code_challenge".into(),
            r.code_verifier.unwrap().expose().to_owned()
        )));
        assert!(q.contains(&("code_challenge_method".into(), "plain".into())));
    }

    #[test]
    fn logout_urls() {
        let o = options(Protocol::Oidc);
        assert_eq!(
            build_logout_url(&o, LogoutParams::default()).unwrap(),
            "https://t.genauth.ai/oidc/session/end"
        );
        let url = build_logout_url(
            &o,
            LogoutParams {
                id_token_hint: Some("a.b c".into()),
                post_logout_redirect_uri: Some("https://x/y?z=1 2".into()),
                state: Some("s&t".into()),
            },
        )
        .unwrap();
        assert_eq!(
            url,
            "https://t.genauth.ai/oidc/session/end?id_token_hint=a.b%20c&post_logout_redirect_uri=https%3A%2F%2Fx%2Fy%3Fz%3D1%202&state=s%26t"
        );
        assert!(matches!(
            build_logout_url(
                &o,
                LogoutParams {
                    post_logout_redirect_uri: Some("https://x".into()),
                    ..Default::default()
                }
            ),
            Err(Error::InvalidRequest(_))
        ));
        let url = build_logout_url(
            &options(Protocol::Cas),
            LogoutParams {
                post_logout_redirect_uri: Some("https://x/?a=b".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            url,
            "https://t.genauth.ai/cas-idp/logout?url=https%3A%2F%2Fx%2F%3Fa%3Db"
        );
        let url = build_logout_url(&options(Protocol::OAuth), LogoutParams::default()).unwrap();
        assert_eq!(url, "https://t.genauth.ai/login/profile/logout");
    }
}
