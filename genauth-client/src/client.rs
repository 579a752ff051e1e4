//! [`GenAuthClient`] (the app's client) and [`UserClient`] (the same client acting for one
//! user): the two types the generated code implements the API traits for.

use std::fmt;
use std::sync::Arc;

use crate::crypto::{DefaultEncryptor, PasswordEncryptor};
use crate::error::Result;
use crate::keys::KeyCache;
use crate::options::ClientOptions;
use crate::secret::Secret;
use crate::transport::{ReqwestTransport, Transport};

/// A GenAuth client: options, a transport (one connection pool) and the server public-key
/// cache. Cheap to clone (an `Arc`); share one per application.
///
/// The API lives in traits ([`crate::Authentication`], [`crate::AuthenticationExt`], …) that
/// this type implements. It holds no mutable "current user": endpoints with `auth = user` use
/// the token given in the options ([`crate::ClientOptionsBuilder::access_token`]), and a
/// [`UserClient`] from [`GenAuthClient::with_user_token`] carries one user's own token.
pub struct GenAuthClient<T: Transport = ReqwestTransport> {
    pub(crate) inner: Arc<Inner<T>>,
}

pub(crate) struct Inner<T> {
    pub(crate) options: ClientOptions,
    pub(crate) transport: T,
    pub(crate) keys: KeyCache,
    pub(crate) encryptor: Arc<dyn PasswordEncryptor>,
    /// Pre-rendered constant headers (name, value), built once.
    pub(crate) static_headers: Vec<(http::HeaderName, http::HeaderValue)>,
    /// `Basic base64(appId:appSecret)`, built once.
    pub(crate) basic_auth: http::HeaderValue,
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
        let transport = ReqwestTransport::from_options(&options)?;
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
        let static_headers = crate::pipeline::request::static_headers(&options)?;
        let basic_auth = crate::pipeline::auth::basic_auth_header(&options)?;
        Ok(GenAuthClient {
            inner: Arc::new(Inner {
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

    /// This client acting for one user: `auth = user` endpoints carry `token`. Shares the
    /// connection pool and key cache; costs one `Arc` clone. Any number of handles for any
    /// number of users can call concurrently through one client.
    pub fn with_user_token(&self, token: impl Into<Secret>) -> UserClient<T> {
        UserClient {
            client: self.clone(),
            token: token.into(),
        }
    }
}

/// A [`GenAuthClient`] acting for one user (its access token on `auth = user` endpoints).
///
/// Implements every API trait, like the client it came from. Made by
/// [`GenAuthClient::with_user_token`].
pub struct UserClient<T: Transport = ReqwestTransport> {
    client: GenAuthClient<T>,
    token: Secret,
}

impl<T: Transport> Clone for UserClient<T> {
    fn clone(&self) -> Self {
        UserClient {
            client: self.client.clone(),
            token: self.token.clone(),
        }
    }
}

impl<T: Transport> fmt::Debug for UserClient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserClient")
            .field("client", &self.client)
            .field("token", &self.token)
            .finish()
    }
}

impl<T: Transport> UserClient<T> {
    /// The app client this handle shares.
    pub fn client(&self) -> &GenAuthClient<T> {
        &self.client
    }

    /// The user's access token.
    pub fn access_token(&self) -> &Secret {
        &self.token
    }
}

/// What one call needs: the client and, for `auth = user` endpoints, whose token.
#[doc(hidden)]
pub struct Ctx<'a, T: Transport> {
    pub(crate) client: &'a GenAuthClient<T>,
    pub(crate) token: Option<&'a Secret>,
}

/// Implemented by the types the generated code implements the API traits for.
#[doc(hidden)]
pub trait Caller {
    /// The transport.
    type Transport: Transport;
    /// The client and token for one call.
    fn ctx(&self) -> Ctx<'_, Self::Transport>;
}

impl<T: Transport> Caller for GenAuthClient<T> {
    type Transport = T;
    fn ctx(&self) -> Ctx<'_, T> {
        Ctx {
            client: self,
            token: self.inner.options.access_token.as_ref(),
        }
    }
}

impl<T: Transport> Caller for UserClient<T> {
    type Transport = T;
    fn ctx(&self) -> Ctx<'_, T> {
        Ctx {
            client: &self.client,
            token: Some(&self.token),
        }
    }
}
