//! [`ClientOptionsBuilder`]: setters, validation ([`ClientOptionsBuilder::build`]) and host
//! normalisation.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::{
    ClientOptions, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
    HeaderPrefix, TokenEndpointAuthMethod, UserTokenScheme,
};
use crate::crypto::{PasswordEncryptType, PasswordEncryptor, Sm2Layout};
use crate::endpoint::Protocol;
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;
use crate::secret::Secret;

/// Builder for [`ClientOptions`].
#[derive(Default, Clone)]
pub struct ClientOptionsBuilder {
    app_id: Option<String>,
    app_secret: Option<Secret>,
    app_host: Option<String>,
    auth_method: TokenEndpointAuthMethod,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    lang: Option<String>,
    real_ip: Option<String>,
    header_prefix: Option<HeaderPrefix>,
    user_token_scheme: UserTokenScheme,
    access_token: Option<Secret>,
    password_encrypt_type: PasswordEncryptType,
    sm2_layout: Sm2Layout,
    pinned_rsa_key: Option<String>,
    pinned_sm2_key: Option<String>,
    encryptor: Option<Arc<dyn PasswordEncryptor>>,
    max_response_bytes: Option<usize>,
    protocol: Protocol,
    redirect_uri: Option<String>,
    post_logout_redirect_uri: Option<String>,
    introspection_auth_method: Option<TokenEndpointAuthMethod>,
    revocation_auth_method: Option<TokenEndpointAuthMethod>,
    retry: Option<RetryPolicy>,
    root_certificates_pem: Vec<String>,
    /// Set by `ClientOptionsBuilder::websocket_host` (feature `events`, in `src/events`).
    pub(crate) websocket_host: Option<String>,
}

impl fmt::Debug for ClientOptionsBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientOptionsBuilder")
            .field("app_id", &self.app_id)
            .field("app_host", &self.app_host)
            .finish_non_exhaustive()
    }
}

impl ClientOptionsBuilder {
    /// A builder pre-filled from `GENAUTH_APP_ID`, `GENAUTH_APP_SECRET`, `GENAUTH_APP_HOST` and
    /// optional `GENAUTH_LANG`, so callers can adjust more options before [`Self::build`].
    pub fn from_env() -> Result<Self> {
        Self::from_env_with(|k| std::env::var(k).ok())
    }

    /// Like [`ClientOptionsBuilder::from_env`] with a custom variable lookup.
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let req = |k: &str| {
            get(k)
                .filter(|v| !v.trim().is_empty())
                .ok_or_else(|| Error::Config(format!("environment variable {k} is not set")))
        };
        let mut b = ClientOptions::builder()
            .app_id(req("GENAUTH_APP_ID")?)
            .app_host(req("GENAUTH_APP_HOST")?);
        if let Some(secret) = get("GENAUTH_APP_SECRET").filter(|v| !v.is_empty()) {
            b = b.app_secret(secret);
        }
        if let Some(lang) = get("GENAUTH_LANG").filter(|v| !v.is_empty()) {
            b = b.lang(lang);
        }
        Ok(b)
    }

    /// Application id (`x-genauth-app-id`, and `client_id`).
    pub fn app_id(mut self, v: impl Into<String>) -> Self {
        self.app_id = Some(v.into());
        self
    }
    /// Application secret (`client_secret`).
    pub fn app_secret(mut self, v: impl Into<Secret>) -> Self {
        self.app_secret = Some(v.into());
        self
    }
    /// Application host, e.g. `example.genauth.ai` or `https://example.genauth.ai/`.
    /// `https://` is added when no scheme is given; trailing slashes are removed.
    pub fn app_host(mut self, v: impl Into<String>) -> Self {
        self.app_host = Some(v.into());
        self
    }
    /// Token endpoint auth method (default `client_secret_post`).
    pub fn auth_method(mut self, v: TokenEndpointAuthMethod) -> Self {
        self.auth_method = v;
        self
    }
    /// Connect timeout (default 5 s).
    pub fn connect_timeout(mut self, v: Duration) -> Self {
        self.connect_timeout = Some(v);
        self
    }
    /// Total timeout per request, connect to last body byte (default 10 s).
    pub fn timeout(mut self, v: Duration) -> Self {
        self.timeout = Some(v);
        self
    }
    /// `x-genauth-lang`: `zh-CN`, `en-US`, `ja-JP`, `zh-TW`.
    pub fn lang(mut self, v: impl Into<String>) -> Self {
        self.lang = Some(v.into());
        self
    }
    /// `x-real-ip`: the end user's IP when calling from a backend.
    pub fn real_ip(mut self, v: impl Into<String>) -> Self {
        self.real_ip = Some(v.into());
        self
    }
    /// Header prefix. Defaults to `x-genauth-`, or `x-authing-` when the host ends in `authing.cn`.
    pub fn header_prefix(mut self, v: HeaderPrefix) -> Self {
        self.header_prefix = Some(v);
        self
    }
    /// How the user token is sent (raw by default).
    pub fn user_token_scheme(mut self, v: UserTokenScheme) -> Self {
        self.user_token_scheme = v;
        self
    }
    /// The user's access token for `auth = user` endpoints.
    pub fn access_token(mut self, v: impl Into<Secret>) -> Self {
        self.access_token = Some(v.into());
        self
    }
    /// Client-wide default `passwordEncryptType` (per-call options override it).
    pub fn password_encrypt_type(mut self, v: PasswordEncryptType) -> Self {
        self.password_encrypt_type = v;
        self
    }
    /// SM2 ciphertext layout (default: C1C3C2 hex without `04`, as the v3 web SDKs).
    pub fn sm2_layout(mut self, v: Sm2Layout) -> Self {
        self.sm2_layout = v;
        self
    }
    /// Pin the RSA public key (SPKI PEM or base64 DER) instead of fetching `/api/v3/system`.
    pub fn rsa_public_key(mut self, v: impl Into<String>) -> Self {
        self.pinned_rsa_key = Some(v.into());
        self
    }
    /// Pin the SM2 public key (`04||X||Y` hex) instead of fetching `/api/v3/system`.
    pub fn sm2_public_key(mut self, v: impl Into<String>) -> Self {
        self.pinned_sm2_key = Some(v.into());
        self
    }
    /// Plug in a custom [`PasswordEncryptor`].
    pub fn encryptor(mut self, v: Arc<dyn PasswordEncryptor>) -> Self {
        self.encryptor = Some(v);
        self
    }
    /// Cap on a response body (default 4 MiB).
    pub fn max_response_bytes(mut self, v: usize) -> Self {
        self.max_response_bytes = Some(v);
        self
    }
    /// Retry transient failures with this policy (default: no retries). Only failures that are
    /// safe to repeat are retried: see [`RetryPolicy`].
    pub fn retry(mut self, v: RetryPolicy) -> Self {
        self.retry = Some(v);
        self
    }

    /// Protocol of the token endpoints and of the authorize/logout URLs: `/oidc/*` (default) or
    /// `/oauth/*`; SAML and CAS only change the URL builders.
    pub fn protocol(mut self, v: Protocol) -> Self {
        self.protocol = v;
        self
    }
    /// Default `redirect_uri` of authorize URLs (the returned `AuthorizeRequest` keeps it for the
    /// authorization-code exchange).
    pub fn redirect_uri(mut self, v: impl Into<String>) -> Self {
        self.redirect_uri = Some(v.into());
        self
    }
    /// Default `post_logout_redirect_uri` of logout URLs.
    pub fn post_logout_redirect_uri(mut self, v: impl Into<String>) -> Self {
        self.post_logout_redirect_uri = Some(v.into());
        self
    }
    /// `introspection_endpoint_auth_method` (default: the token endpoint's method).
    pub fn introspection_auth_method(mut self, v: TokenEndpointAuthMethod) -> Self {
        self.introspection_auth_method = Some(v);
        self
    }
    /// `revocation_endpoint_auth_method` (default: the token endpoint's method).
    pub fn revocation_auth_method(mut self, v: TokenEndpointAuthMethod) -> Self {
        self.revocation_auth_method = Some(v);
        self
    }

    /// Also trust the CA certificate(s) in `pem` (one or more `-----BEGIN CERTIFICATE-----`
    /// blocks) for HTTPS, in addition to the built-in roots: for a private deployment behind an
    /// internal CA, or a test server with a generated certificate. May be called repeatedly.
    ///
    /// [`ReqwestTransport::from_options`](crate::ReqwestTransport::from_options) adds them to its
    /// trust store. [`build`](Self::build) fails with [`Error::Config`] when a value holds no
    /// certificate or a malformed one.
    pub fn add_root_certificate_pem(mut self, pem: impl Into<String>) -> Self {
        self.root_certificates_pem.push(pem.into());
        self
    }

    /// Validates and builds.
    pub fn build(self) -> Result<ClientOptions> {
        let app_id = self
            .app_id
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| Error::Config("app_id is required".into()))?;
        if !app_id.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::Config("app_id must be printable ASCII".into()));
        }
        let app_host = normalize_host(
            self.app_host
                .as_deref()
                .ok_or_else(|| Error::Config("app_host is required".into()))?,
        )?;
        if self.auth_method != TokenEndpointAuthMethod::None
            && self.app_secret.as_ref().is_none_or(Secret::is_empty)
        {
            return Err(Error::Config(format!(
                "app_secret is required when the token endpoint auth method is {}",
                self.auth_method.as_str()
            )));
        }
        for (what, method) in [
            ("introspection", self.introspection_auth_method),
            ("revocation", self.revocation_auth_method),
        ] {
            if let Some(m) = method
                && m != TokenEndpointAuthMethod::None
                && self.app_secret.as_ref().is_none_or(Secret::is_empty)
            {
                return Err(Error::Config(format!(
                    "app_secret is required when the {what} endpoint auth method is {}",
                    m.as_str()
                )));
            }
        }
        let header_prefix = self.header_prefix.unwrap_or_else(|| {
            let host = app_host.split("://").nth(1).unwrap_or(&app_host);
            let host = host.split(['/', ':']).next().unwrap_or(host);
            if host == "authing.cn" || host.ends_with(".authing.cn") {
                HeaderPrefix::Authing
            } else {
                HeaderPrefix::GenAuth
            }
        });
        for (name, v) in [("lang", &self.lang), ("real_ip", &self.real_ip)] {
            if let Some(v) = v
                && http::HeaderValue::from_str(v).is_err()
            {
                return Err(Error::Config(format!("{name} is not a valid header value")));
            }
        }
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        if timeout.is_zero() || connect_timeout.is_zero() {
            return Err(Error::Config("timeouts must be greater than zero".into()));
        }
        for (i, pem) in self.root_certificates_pem.iter().enumerate() {
            check_root_certificates(pem)
                .map_err(|why| Error::Config(format!("root certificate #{}: {why}", i + 1)))?;
        }
        Ok(ClientOptions {
            app_id,
            app_secret: self.app_secret,
            app_host,
            auth_method: self.auth_method,
            connect_timeout,
            timeout,
            lang: self.lang,
            real_ip: self.real_ip,
            header_prefix,
            user_token_scheme: self.user_token_scheme,
            access_token: self.access_token,
            password_encrypt_type: self.password_encrypt_type,
            sm2_layout: self.sm2_layout,
            pinned_rsa_key: self.pinned_rsa_key,
            pinned_sm2_key: self.pinned_sm2_key,
            encryptor: self.encryptor,
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            retry: self.retry,
            protocol: self.protocol,
            redirect_uri: self.redirect_uri,
            post_logout_redirect_uri: self.post_logout_redirect_uri,
            introspection_auth_method: self.introspection_auth_method,
            revocation_auth_method: self.revocation_auth_method,
            root_certificates_pem: self.root_certificates_pem,
            websocket_host: self.websocket_host,
        })
    }
}

/// Checks one [`ClientOptionsBuilder::add_root_certificate_pem`] value the way the HTTP client
/// will read it: PEM with at least one well-formed `CERTIFICATE` block (other block kinds are
/// ignored). The X.509 contents are checked when the transport's TLS configuration is built.
fn check_root_certificates(pem: &str) -> std::result::Result<(), String> {
    let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes())
        .map_err(|_| "malformed PEM (a CERTIFICATE block is not valid base64)".to_owned())?;
    if certs.is_empty() {
        return Err("no \"-----BEGIN CERTIFICATE-----\" block found (PEM expected)".into());
    }
    Ok(())
}

/// `example.genauth.ai/` → `https://example.genauth.ai`.
pub(crate) fn normalize_host(raw: &str) -> Result<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(Error::Config("app_host is empty".into()));
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_owned()
    } else {
        format!("https://{trimmed}")
    };
    let host = with_scheme.trim_end_matches('/').to_owned();
    let uri: http::Uri = host
        .parse()
        .map_err(|_| Error::Config(format!("app_host `{raw}` is not a valid URL")))?;
    match uri.scheme_str() {
        Some("http") | Some("https") => {}
        _ => {
            return Err(Error::Config(format!(
                "app_host `{raw}` must use http or https"
            )));
        }
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(Error::Config(format!("app_host `{raw}` has no host")));
    }
    if uri.query().is_some() {
        return Err(Error::Config(format!(
            "app_host `{raw}` must not have a query"
        )));
    }
    Ok(host)
}
