//! The Management API client (feature `management`): [`ManagementClient`], what it is made
//! from ([`ManagementOptions`]) and the two ways it authenticates ([`ManagementAuthScheme`]).
//!
//! The Management API's endpoints themselves are declared in the `genauth-management` crate
//! (`genauth::management` with the `management` feature of `genauth`): traits whose endpoints
//! say `auth = management`, which `#[genauth_api]` implements for [`ManagementClient`]. A call
//! goes through the same pipeline as an Authentication call (retries, decoding, tracing); only
//! the credentials differ, and the pipeline applies them (`pipeline::management`).
//!
//! ```no_run
//! # extern crate genauth_client as genauth;
//! # async fn demo() -> genauth::Result<()> {
//! use genauth::{ManagementAuthScheme, ManagementClient, ManagementOptions};
//!
//! let client = ManagementClient::new(
//!     ManagementOptions::builder()
//!         .access_key_id("your-userpool-id")
//!         .access_key_secret("your-userpool-secret")
//!         .host("https://api.genauth.ai")
//!         .scheme(ManagementAuthScheme::Signature)
//!         .build()?,
//! )?;
//! # let _ = client; Ok(()) }
//! ```

pub mod sign;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::options::{ClientOptions, ClientOptionsBuilder, HeaderPrefix, TokenEndpointAuthMethod};
use crate::pipeline::management::ManagementAuth;
use crate::pipeline::{Ctx, Pipeline, Who};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::transport::{ReqwestTransport, Transport};

/// The default Management API host (the Python SDK's default).
pub const DEFAULT_MANAGEMENT_HOST: &str = "https://api.genauth.ai";

/// How a [`ManagementClient`] authenticates its calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ManagementAuthScheme {
    /// A management token, as the Python SDK does: `POST /api/v3/get-management-token` with the
    /// access key, then `authorization: Bearer <token>` and the user pool id header (from the
    /// token's `scoped_userpool_id` claim) on every call. The token is cached, refreshed before
    /// it expires (see [`ManagementOptionsBuilder::token_refresh_margin`]) by one request however
    /// many calls need it at once, and fetched again once when the server rejects it.
    #[default]
    Token,
    /// A signature on every request, as the Node SDK does (HMAC-SHA1 with the access key
    /// secret over the method, the `date` and `x-authing-*` headers, the path and the sorted
    /// parameters, with a fresh nonce; see [`sign`]). No token, no extra request.
    Signature,
}

/// Validated options of a [`ManagementClient`]. `Debug` never shows the access key secret.
#[derive(Clone)]
pub struct ManagementOptions {
    pub(crate) access_key_id: String,
    pub(crate) access_key_secret: Secret,
    pub(crate) scheme: ManagementAuthScheme,
    pub(crate) userpool_id: Option<String>,
    pub(crate) token_refresh_margin: Duration,
    /// Host, timeouts, retry policy, language, header prefix, trusted roots: what every client
    /// of this crate shares (its `app_id` is the access key id, never sent).
    pub(crate) client: ClientOptions,
}

impl fmt::Debug for ManagementOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagementOptions")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field("scheme", &self.scheme)
            .field("userpool_id", &self.userpool_id)
            .field("token_refresh_margin", &self.token_refresh_margin)
            .field("host", &self.client.app_host())
            .finish_non_exhaustive()
    }
}

impl ManagementOptions {
    /// A builder. `access_key_id` and `access_key_secret` are required.
    pub fn builder() -> ManagementOptionsBuilder {
        ManagementOptionsBuilder::default()
    }

    /// Options from the environment: `GENAUTH_ACCESS_KEY_ID`, `GENAUTH_ACCESS_KEY_SECRET`
    /// (required), `GENAUTH_HOST` (default [`DEFAULT_MANAGEMENT_HOST`]) and
    /// `GENAUTH_MANAGEMENT_SCHEME` (`token` or `signature`, default `token`).
    pub fn from_env() -> Result<Self> {
        Self::from_env_with(|k| std::env::var(k).ok())
    }

    /// [`ManagementOptions::from_env`] reading variables through `get`.
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let req = |k: &str| get(k).ok_or_else(|| Error::Config(format!("{k} is not set")));
        let mut b = ManagementOptions::builder()
            .access_key_id(req("GENAUTH_ACCESS_KEY_ID")?)
            .access_key_secret(req("GENAUTH_ACCESS_KEY_SECRET")?);
        if let Some(host) = get("GENAUTH_HOST") {
            b = b.host(host);
        }
        if let Some(scheme) = get("GENAUTH_MANAGEMENT_SCHEME") {
            b = b.scheme(match scheme.as_str() {
                "token" => ManagementAuthScheme::Token,
                "signature" => ManagementAuthScheme::Signature,
                other => {
                    return Err(Error::Config(format!(
                        "GENAUTH_MANAGEMENT_SCHEME is `{other}`; expected token or signature"
                    )));
                }
            });
        }
        b.build()
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The authentication scheme.
    pub fn scheme(&self) -> ManagementAuthScheme {
        self.scheme
    }

    /// The host every call goes to.
    pub fn host(&self) -> &str {
        self.client.app_host()
    }

    /// The shared client options (timeouts, retry policy, …).
    pub fn client_options(&self) -> &ClientOptions {
        &self.client
    }
}

/// Builds [`ManagementOptions`].
#[derive(Default)]
pub struct ManagementOptionsBuilder {
    access_key_id: Option<String>,
    access_key_secret: Option<Secret>,
    scheme: ManagementAuthScheme,
    userpool_id: Option<String>,
    token_refresh_margin: Option<Duration>,
    host: Option<String>,
    client: ClientOptionsBuilder,
}

impl fmt::Debug for ManagementOptionsBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagementOptionsBuilder")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field("scheme", &self.scheme)
            .finish_non_exhaustive()
    }
}

impl ManagementOptionsBuilder {
    /// The access key id (the user pool id, or a programmatic access account's key id).
    pub fn access_key_id(mut self, v: impl Into<String>) -> Self {
        self.access_key_id = Some(v.into());
        self
    }

    /// The access key secret. Never printed, logged or sent in a URL.
    pub fn access_key_secret(mut self, v: impl Into<Secret>) -> Self {
        self.access_key_secret = Some(v.into());
        self
    }

    /// How calls authenticate (default [`ManagementAuthScheme::Token`]).
    pub fn scheme(mut self, v: ManagementAuthScheme) -> Self {
        self.scheme = v;
        self
    }

    /// The host, e.g. `https://api.genauth.ai` (the default) or a private deployment.
    pub fn host(mut self, v: impl Into<String>) -> Self {
        self.host = Some(v.into());
        self
    }

    /// The user pool id sent with the token scheme. By default it is read from the management
    /// token's `scoped_userpool_id` claim, as the Python SDK does.
    pub fn userpool_id(mut self, v: impl Into<String>) -> Self {
        self.userpool_id = Some(v.into());
        self
    }

    /// How long before its expiry a cached management token is replaced (default 60 s, and at
    /// most a tenth of the token's lifetime, so a short-lived token is still used).
    pub fn token_refresh_margin(mut self, v: Duration) -> Self {
        self.token_refresh_margin = Some(v);
        self
    }

    /// Connect timeout (see [`ClientOptionsBuilder::connect_timeout`]).
    pub fn connect_timeout(mut self, v: Duration) -> Self {
        self.client = self.client.connect_timeout(v);
        self
    }

    /// Per-attempt timeout (see [`ClientOptionsBuilder::timeout`]).
    pub fn timeout(mut self, v: Duration) -> Self {
        self.client = self.client.timeout(v);
        self
    }

    /// The `lang` header (`zh-CN`, `en-US`, …): the language of server messages.
    pub fn lang(mut self, v: impl Into<String>) -> Self {
        self.client = self.client.lang(v);
        self
    }

    /// Host of the management-event websocket (feature `events`; see
    /// [`ClientOptionsBuilder::websocket_host`]).
    #[cfg(feature = "events")]
    #[cfg_attr(docsrs, doc(cfg(feature = "events")))]
    pub fn websocket_host(mut self, v: impl Into<String>) -> Self {
        self.client = self.client.websocket_host(v);
        self
    }

    /// Header prefix of the SDK's own headers (see [`HeaderPrefix`]).
    pub fn header_prefix(mut self, v: HeaderPrefix) -> Self {
        self.client = self.client.header_prefix(v);
        self
    }

    /// Retry policy (see [`ClientOptionsBuilder::retry`]): idempotent requests only.
    pub fn retry(mut self, v: RetryPolicy) -> Self {
        self.client = self.client.retry(v);
        self
    }

    /// Largest response body accepted (see [`ClientOptionsBuilder::max_response_bytes`]).
    pub fn max_response_bytes(mut self, v: usize) -> Self {
        self.client = self.client.max_response_bytes(v);
        self
    }

    /// An extra trusted root certificate (see
    /// [`ClientOptionsBuilder::add_root_certificate_pem`]).
    pub fn add_root_certificate_pem(mut self, pem: impl Into<String>) -> Self {
        self.client = self.client.add_root_certificate_pem(pem);
        self
    }

    /// Validates and builds.
    ///
    /// # Errors
    /// [`Error::Config`] when the access key is missing or not printable ASCII, or when the
    /// host or another option is invalid.
    pub fn build(self) -> Result<ManagementOptions> {
        let access_key_id = self
            .access_key_id
            .filter(|id| !id.is_empty())
            .ok_or_else(|| Error::Config("access_key_id is required".into()))?;
        if !access_key_id.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::Config(
                "access_key_id must be printable ASCII".into(),
            ));
        }
        let access_key_secret = self
            .access_key_secret
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Error::Config("access_key_secret is required".into()))?;
        if let Some(id) = &self.userpool_id
            && !id.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(Error::Config("userpool_id must be printable ASCII".into()));
        }
        let client = self
            .client
            // Not sent: a management pipeline has no app-id header (`request::management_headers`).
            .app_id(access_key_id.clone())
            .auth_method(TokenEndpointAuthMethod::None)
            .app_host(self.host.unwrap_or_else(|| DEFAULT_MANAGEMENT_HOST.into()))
            .build()?;
        Ok(ManagementOptions {
            access_key_id,
            access_key_secret,
            scheme: self.scheme,
            userpool_id: self.userpool_id,
            token_refresh_margin: self.token_refresh_margin.unwrap_or(Duration::from_secs(60)),
            client,
        })
    }
}

/// A Management API client: options, a transport (one connection pool) and the management
/// token cache. Cheap to clone (an `Arc`); share one per application.
///
/// The API lives in the traits of `genauth::management` (`Users`, `Roles`, …), which this type
/// implements.
pub struct ManagementClient<T: Transport = ReqwestTransport> {
    inner: Arc<Inner<T>>,
}

struct Inner<T> {
    pipeline: Pipeline<T>,
    auth: ManagementAuth,
}

impl<T: Transport> Clone for ManagementClient<T> {
    fn clone(&self) -> Self {
        ManagementClient {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<T: Transport> fmt::Debug for ManagementClient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagementClient")
            .field("auth", &self.inner.auth)
            .field("host", &self.inner.pipeline.options().app_host())
            .finish_non_exhaustive()
    }
}

impl ManagementClient<ReqwestTransport> {
    /// A client over the default reqwest transport, with the options' timeouts and roots.
    ///
    /// # Errors
    /// [`Error::Config`] when the transport cannot be built.
    pub fn new(options: ManagementOptions) -> Result<Self> {
        let transport = ReqwestTransport::from_options(&options.client)?;
        Self::with_transport(options, transport)
    }
}

impl<T: Transport> ManagementClient<T> {
    /// A client over a custom transport.
    ///
    /// # Errors
    /// [`Error::Config`] when a header value the options imply is invalid.
    pub fn with_transport(options: ManagementOptions, transport: T) -> Result<Self> {
        let ManagementOptions {
            access_key_id,
            access_key_secret,
            scheme,
            userpool_id,
            token_refresh_margin,
            client,
        } = options;
        let auth = ManagementAuth::new(
            access_key_id,
            access_key_secret,
            scheme,
            userpool_id,
            token_refresh_margin,
        );
        Ok(ManagementClient {
            inner: Arc::new(Inner {
                pipeline: Pipeline::for_management(client, transport)?,
                auth,
            }),
        })
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        self.inner.auth.access_key_id()
    }

    /// The authentication scheme.
    pub fn scheme(&self) -> ManagementAuthScheme {
        self.inner.auth.scheme()
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        self.inner.pipeline.transport()
    }

    /// The `authorization` header of the management event websocket upgrade
    /// (`/events/v1/management/sub`): the access key's signature of `"websocket\n"`, as both
    /// official SDKs send it. The same for every connection of one key.
    pub fn websocket_authorization(&self) -> Secret {
        Secret::new(self.inner.auth.websocket_authorization())
    }
}

#[cfg(feature = "events")]
#[cfg_attr(docsrs, doc(cfg(feature = "events")))]
impl<T: Transport> ManagementClient<T> {
    /// An [`EventSubscription`](crate::EventSubscription) builder for the management events
    /// (feature `events`): this client's websocket host, timeouts and roots, and its access
    /// key's websocket signature. Subscribe with
    /// [`subscribe_management`](crate::EventSubscription::subscribe_management).
    pub fn event_subscription(&self) -> crate::EventSubscription {
        let mut sub = crate::EventSubscription::from_options(self.inner.pipeline.options());
        sub.management = Some(self.websocket_authorization());
        sub
    }

    /// Subscribes to the management event `event_code` with the default subscription settings
    /// (feature `events`).
    pub fn subscribe_event(&self, event_code: impl Into<String>) -> crate::EventStream {
        self.event_subscription().subscribe_management(event_code)
    }
}

impl<T: Transport> crate::client::Caller for ManagementClient<T> {
    type Transport = T;
    fn ctx(&self) -> Ctx<'_, T> {
        Ctx {
            pipeline: &self.inner.pipeline,
            who: Who {
                user_token: None,
                management: Some(&self.inner.auth),
            },
        }
    }
}
