//! Client configuration: [`ClientOptions`] and its builder.
//!
//! - this module: the option types ([`TokenEndpointAuthMethod`], [`HeaderPrefix`],
//!   [`UserTokenScheme`]) and the validated [`ClientOptions`] with its accessors;
//! - `builder`: [`ClientOptionsBuilder`], its validation and host normalisation.

mod builder;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use crate::crypto::{PasswordEncryptType, PasswordEncryptor, Sm2Layout};
use crate::endpoint::Protocol;
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;
use crate::secret::Secret;

pub use builder::ClientOptionsBuilder;

/// How the application authenticates on `/api/v3/signin` and the token endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TokenEndpointAuthMethod {
    /// `client_id` / `client_secret` in the body (the default).
    #[default]
    ClientSecretPost,
    /// `authorization: Basic base64(appId:appSecret)` on the nine listed paths.
    ClientSecretBasic,
    /// No secret (single-page and native apps).
    None,
}

impl TokenEndpointAuthMethod {
    /// Wire name: `client_secret_post`, `client_secret_basic`, `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenEndpointAuthMethod::ClientSecretPost => "client_secret_post",
            TokenEndpointAuthMethod::ClientSecretBasic => "client_secret_basic",
            TokenEndpointAuthMethod::None => "none",
        }
    }
}

impl FromStr for TokenEndpointAuthMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "client_secret_post" => Ok(Self::ClientSecretPost),
            "client_secret_basic" => Ok(Self::ClientSecretBasic),
            "none" => Ok(Self::None),
            other => Err(Error::Config(format!(
                "unknown token endpoint auth method `{other}`; expected client_secret_post, client_secret_basic or none"
            ))),
        }
    }
}

/// Prefix of the SDK headers (`<prefix>app-id`, …). GenAuth hosts use `x-genauth-`,
/// Authing-branded hosts `x-authing-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum HeaderPrefix {
    /// `x-genauth-`
    #[default]
    GenAuth,
    /// `x-authing-`
    Authing,
}

impl HeaderPrefix {
    /// The prefix text.
    pub fn as_str(&self) -> &'static str {
        match self {
            HeaderPrefix::GenAuth => "x-genauth-",
            HeaderPrefix::Authing => "x-authing-",
        }
    }
}

/// How a user access token is sent on `auth = user` endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum UserTokenScheme {
    /// `authorization: <token>` (py, node, go).
    #[default]
    Raw,
    /// `authorization: Bearer <token>` (java, android).
    Bearer,
}

/// Default total timeout (the official SDKs' 10 s).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default cap on a response body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 4 * 1024 * 1024;

/// Everything a [`crate::GenAuthClient`] needs. Build with [`ClientOptions::builder`] or
/// [`ClientOptions::from_env`]. Secrets are redacted in `Debug`.
#[derive(Clone)]
pub struct ClientOptions {
    pub(crate) app_id: String,
    pub(crate) app_secret: Option<Secret>,
    pub(crate) app_host: String,
    pub(crate) auth_method: TokenEndpointAuthMethod,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) lang: Option<String>,
    pub(crate) real_ip: Option<String>,
    pub(crate) header_prefix: HeaderPrefix,
    pub(crate) user_token_scheme: UserTokenScheme,
    pub(crate) access_token: Option<Secret>,
    pub(crate) password_encrypt_type: PasswordEncryptType,
    pub(crate) sm2_layout: Sm2Layout,
    pub(crate) pinned_rsa_key: Option<String>,
    pub(crate) pinned_sm2_key: Option<String>,
    pub(crate) encryptor: Option<Arc<dyn PasswordEncryptor>>,
    pub(crate) max_response_bytes: usize,
    pub(crate) protocol: Protocol,
    pub(crate) redirect_uri: Option<String>,
    pub(crate) post_logout_redirect_uri: Option<String>,
    pub(crate) introspection_auth_method: Option<TokenEndpointAuthMethod>,
    pub(crate) revocation_auth_method: Option<TokenEndpointAuthMethod>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) root_certificates_pem: Vec<String>,
    /// Event-subscription websocket host (feature `events`: `ClientOptionsBuilder::websocket_host`).
    pub(crate) websocket_host: Option<String>,
}

impl fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientOptions")
            .field("app_id", &self.app_id)
            .field(
                "app_secret",
                &self.app_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("app_host", &self.app_host)
            .field("auth_method", &self.auth_method)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("lang", &self.lang)
            .field("real_ip", &self.real_ip)
            .field("header_prefix", &self.header_prefix)
            .field("user_token_scheme", &self.user_token_scheme)
            .field(
                "access_token",
                &self.access_token.as_ref().map(|_| "<redacted>"),
            )
            .field("password_encrypt_type", &self.password_encrypt_type)
            .field("sm2_layout", &self.sm2_layout)
            .field("pinned_rsa_key", &self.pinned_rsa_key.is_some())
            .field("pinned_sm2_key", &self.pinned_sm2_key.is_some())
            .field("encryptor", &self.encryptor)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("protocol", &self.protocol)
            .field("redirect_uri", &self.redirect_uri)
            .field("post_logout_redirect_uri", &self.post_logout_redirect_uri)
            .field("introspection_auth_method", &self.introspection_auth_method)
            .field("revocation_auth_method", &self.revocation_auth_method)
            .field("retry", &self.retry)
            .field("root_certificates", &self.root_certificates_pem.len())
            .field("websocket_host", &self.websocket_host)
            .finish()
    }
}

impl ClientOptions {
    /// A builder. `app_id` and `app_host` are required.
    pub fn builder() -> ClientOptionsBuilder {
        ClientOptionsBuilder::default()
    }

    /// Reads `GENAUTH_APP_ID`, `GENAUTH_APP_SECRET`, `GENAUTH_APP_HOST` and optional `GENAUTH_LANG`.
    pub fn from_env() -> Result<Self> {
        Self::from_env_with(|k| std::env::var(k).ok())
    }

    /// Like [`ClientOptions::from_env`] with a custom variable lookup (handy in tests).
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Result<Self> {
        ClientOptionsBuilder::from_env_with(get)?.build()
    }

    /// The application id.
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The normalised app host, e.g. `https://example.genauth.ai` (no trailing slash).
    pub fn app_host(&self) -> &str {
        &self.app_host
    }

    /// The token endpoint auth method.
    pub fn auth_method(&self) -> TokenEndpointAuthMethod {
        self.auth_method
    }

    /// The client-wide default `passwordEncryptType`.
    pub fn password_encrypt_type(&self) -> PasswordEncryptType {
        self.password_encrypt_type
    }

    /// The protocol of the token endpoints and the authorize/logout URLs (default OIDC).
    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// The default `redirect_uri` of authorize URLs.
    pub fn redirect_uri(&self) -> Option<&str> {
        self.redirect_uri.as_deref()
    }

    /// The default `post_logout_redirect_uri` of logout URLs.
    pub fn post_logout_redirect_uri(&self) -> Option<&str> {
        self.post_logout_redirect_uri.as_deref()
    }

    /// Client authentication on the introspection endpoint: the configured
    /// `introspection_endpoint_auth_method`, else the token endpoint's.
    pub fn introspection_auth_method(&self) -> TokenEndpointAuthMethod {
        self.introspection_auth_method.unwrap_or(self.auth_method)
    }

    /// Client authentication on the revocation endpoint: the configured
    /// `revocation_endpoint_auth_method`, else the token endpoint's.
    pub fn revocation_auth_method(&self) -> TokenEndpointAuthMethod {
        self.revocation_auth_method.unwrap_or(self.auth_method)
    }

    /// The retry policy, when retries are on.
    pub fn retry(&self) -> Option<&RetryPolicy> {
        self.retry.as_ref()
    }

    /// The extra trusted root certificates (PEM), in the order they were added; see
    /// [`ClientOptionsBuilder::add_root_certificate_pem`].
    pub fn root_certificates_pem(&self) -> &[String] {
        &self.root_certificates_pem
    }
}
