//! [`GenAuthClient`]: the type the generated code implements the API traits for.

use std::fmt;
use std::sync::{Arc, RwLock};

use crate::crypto::{DefaultEncryptor, PasswordEncryptor};
use crate::error::Result;
use crate::keys::KeyCache;
use crate::options::ClientOptions;
use crate::secret::Secret;
use crate::transport::{ReqwestTransport, Transport};

/// A GenAuth client: options, a transport (one connection pool), the user's access token and the
/// server public-key cache. Cheap to clone (an `Arc`); share one per application.
///
/// The API lives in traits ([`crate::Authentication`], [`crate::AuthenticationExt`]) that this
/// type implements.
pub struct GenAuthClient<T: Transport = ReqwestTransport> {
    pub(crate) inner: Arc<Inner<T>>,
}

pub(crate) struct Inner<T> {
    pub(crate) options: ClientOptions,
    pub(crate) transport: T,
    pub(crate) access_token: RwLock<Option<Secret>>,
    pub(crate) keys: KeyCache,
    pub(crate) encryptor: Arc<dyn PasswordEncryptor>,
    /// Pre-rendered constant headers (name, value), built once.
    pub(crate) static_headers: Vec<(http::HeaderName, http::HeaderValue)>,
    /// `Basic base64(appId:appSecret)`, built once.
    pub(crate) basic_auth: Option<http::HeaderValue>,
}

impl<T: Transport> Clone for GenAuthClient<T> {
    fn clone(&self) -> Self {
        GenAuthClient {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<T: Transport> fmt::Debug for GenAuthClient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenAuthClient")
            .field("options", &self.inner.options)
            .finish_non_exhaustive()
    }
}

impl GenAuthClient<ReqwestTransport> {
    /// A client over the default reqwest transport, with the options' timeouts.
    pub fn new(options: ClientOptions) -> Result<Self> {
        let transport = ReqwestTransport::new(options.connect_timeout, options.timeout)?;
        Self::with_transport(options, transport)
    }
}

impl<T: Transport> GenAuthClient<T> {
    /// A client over a custom transport (a fake one in tests).
    pub fn with_transport(options: ClientOptions, transport: T) -> Result<Self> {
        let keys = KeyCache::new(
            options.pinned_rsa_key.as_deref(),
            options.pinned_sm2_key.as_deref(),
        )?;
        let encryptor: Arc<dyn PasswordEncryptor> = match &options.encryptor {
            Some(e) => Arc::clone(e),
            None => Arc::new(DefaultEncryptor {
                sm2_layout: options.sm2_layout,
            }),
        };
        let static_headers = crate::pipeline::static_headers(&options)?;
        let basic_auth = crate::pipeline::basic_auth_header(&options)?;
        Ok(GenAuthClient {
            inner: Arc::new(Inner {
                access_token: RwLock::new(options.access_token.clone()),
                options,
                transport,
                keys,
                encryptor,
                static_headers,
                basic_auth,
            }),
        })
    }

    /// The options this client was built with.
    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.inner.transport
    }

    /// Sets (or clears) the user access token sent on `auth = user` endpoints. Affects every
    /// clone of this client.
    pub fn set_access_token(&self, token: Option<Secret>) {
        let mut guard = self
            .inner
            .access_token
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = token;
    }

    pub(crate) fn access_token(&self) -> Option<Secret> {
        self.inner
            .access_token
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}
