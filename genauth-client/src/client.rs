//! [`GenAuthClient`] (the app's client) and [`UserClient`] (the same client acting for one
//! user): the two types the generated code implements the API traits for.

use std::fmt;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::options::ClientOptions;
use crate::pipeline::{Ctx, Pipeline, Who};
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
    pipeline: Arc<Pipeline<T>>,
}

impl<T: Transport> Clone for GenAuthClient<T> {
    fn clone(&self) -> Self {
        GenAuthClient {
            pipeline: Arc::clone(&self.pipeline),
        }
    }
}

impl<T: Transport> fmt::Debug for GenAuthClient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenAuthClient")
            .field("options", self.pipeline.options())
            .finish_non_exhaustive()
    }
}

impl ReqwestTransport {
    /// A transport for `options`: its connect and total timeouts, and its extra trusted root
    /// certificates ([`ClientOptionsBuilder::add_root_certificate_pem`]) on top of the built-in
    /// roots.
    ///
    /// # Errors
    /// [`Error::Config`] when a root certificate is not a valid X.509 certificate, or the HTTP
    /// client cannot be built.
    ///
    /// [`ClientOptionsBuilder::add_root_certificate_pem`]: crate::ClientOptionsBuilder::add_root_certificate_pem
    pub fn from_options(options: &ClientOptions) -> Result<Self> {
        let mut roots = Vec::with_capacity(options.root_certificates_pem.len());
        for pem in &options.root_certificates_pem {
            roots.push(
                reqwest::Certificate::from_pem(pem.as_bytes())
                    .map_err(|e| Error::Config(format!("invalid root certificate: {e}")))?,
            );
        }
        Self::with_roots(options.connect_timeout, options.timeout, roots)
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
        Ok(GenAuthClient {
            pipeline: Arc::new(Pipeline::new(options, transport)?),
        })
    }

    /// The options this client was built with.
    pub fn options(&self) -> &ClientOptions {
        self.pipeline.options()
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        self.pipeline.transport()
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
            pipeline: &self.pipeline,
            who: Who {
                user_token: self.pipeline.options().access_token.as_ref(),
                management: None,
            },
        }
    }
}

impl<T: Transport> Caller for UserClient<T> {
    type Transport = T;
    fn ctx(&self) -> Ctx<'_, T> {
        Ctx {
            pipeline: &self.client.pipeline,
            who: Who {
                user_token: Some(&self.token),
                management: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(pem: &str) -> ClientOptions {
        ClientOptions::builder()
            .app_id("a")
            .app_secret("s")
            .app_host("https://127.0.0.1:1")
            .add_root_certificate_pem(pem)
            .build()
            .unwrap()
    }

    #[test]
    fn from_options_rejects_a_root_that_is_not_x509() {
        // well-formed PEM (passes the options check), but the DER is no certificate
        let o = options("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n");
        let err = ReqwestTransport::from_options(&o).unwrap_err();
        assert!(
            matches!(&err, Error::Config(m) if m.contains("HTTP client")),
            "{err}"
        );
    }
}
