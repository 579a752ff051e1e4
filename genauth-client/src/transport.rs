//! The HTTP seam: a one-method [`Transport`] trait and its reqwest implementation.
//!
//! Tests substitute their own `Transport` to assert method, URI, headers and body byte for byte
//! with no network.

use std::future::Future;
use std::time::Duration;

use bytes::{Bytes, BytesMut};

use crate::error::Error;

/// Why a transport failed. Converted into [`Error`] by the pipeline.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// No complete response within the timeout.
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    /// The response body exceeded the limit.
    #[error("response body larger than {0} bytes")]
    BodyTooLarge(usize),
    /// Anything else: reset, closed early, TLS, … The request may have reached the server.
    #[error("{0}")]
    Other(String),
    /// The connection could not be established (refused, unreachable, DNS, connect timeout):
    /// the request was **not** sent, so any request may be retried safely.
    #[error("connection failed: {0}")]
    Connect(String),
}

impl TransportError {
    /// Whether the request certainly never reached the server.
    pub fn is_connect(&self) -> bool {
        matches!(self, TransportError::Connect(_))
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        match e {
            TransportError::Timeout(d) => Error::Timeout(d),
            TransportError::BodyTooLarge(limit) => Error::BodyTooLarge { limit },
            TransportError::Other(m) => Error::Transport(m),
            TransportError::Connect(m) => Error::Transport(format!("connection failed: {m}")),
        }
    }
}

/// Limits the pipeline passes with each request.
#[derive(Debug, Clone, Copy)]
pub struct RequestLimits {
    /// Total time budget for this request.
    pub timeout: Duration,
    /// Largest body to read.
    pub max_response_bytes: usize,
}

/// Sends one HTTP request and returns the whole response.
pub trait Transport: Send + Sync + 'static {
    /// Executes `request`. Implementations must honour `limits`.
    fn execute(
        &self,
        request: http::Request<Bytes>,
        limits: RequestLimits,
    ) -> impl Future<Output = Result<http::Response<Bytes>, TransportError>> + Send;
}

/// The default transport: one `reqwest` connection pool per client, rustls TLS (ring), trusting
/// webpki's Mozilla roots, the platform's store and any root added to the client options.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with the given connect and total timeouts, trusting the built-in roots
    /// (webpki's Mozilla list and the platform's store).
    pub fn new(connect_timeout: Duration, timeout: Duration) -> Result<Self, Error> {
        Self::build(Self::builder(connect_timeout, timeout))
    }

    /// A transport with the given connect and total timeouts, trusting `roots` on top of the
    /// built-in roots.
    pub(crate) fn with_roots(
        connect_timeout: Duration,
        timeout: Duration,
        roots: Vec<reqwest::Certificate>,
    ) -> Result<Self, Error> {
        let mut builder = Self::builder(connect_timeout, timeout);
        for cert in roots {
            builder = builder.add_root_certificate(cert);
        }
        Self::build(builder)
    }

    fn builder(connect_timeout: Duration, timeout: Duration) -> reqwest::ClientBuilder {
        reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .pool_idle_timeout(Duration::from_secs(90))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("genauth-rs/", env!("CARGO_PKG_VERSION")))
    }

    fn build(builder: reqwest::ClientBuilder) -> Result<Self, Error> {
        let client = builder.build().map_err(|e| {
            Error::Config(format!("could not build the HTTP client: {}", chain(&e)))
        })?;
        Ok(ReqwestTransport { client })
    }

    /// Wraps an existing `reqwest::Client` (its own timeouts apply; the pipeline's total timeout
    /// is enforced on top).
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestTransport { client }
    }
}

/// `e` and its causes, `: `-separated (reqwest's Display omits the chain).
fn chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

fn map_reqwest(e: reqwest::Error, timeout: Duration) -> TransportError {
    // Connect-phase failures first (a connect timeout is both `is_connect` and `is_timeout`):
    // they are the one transport failure that proves the request was never sent.
    let connect = e.is_connect();
    if e.is_timeout() && !connect {
        return TransportError::Timeout(timeout);
    }
    // reqwest's Display omits the cause chain; include it (it holds no request data). The URL is
    // dropped: it carries no secrets (no credentials are ever sent in a query), but it makes
    // messages long.
    let msg = chain(&e.without_url());
    if connect {
        TransportError::Connect(msg)
    } else {
        TransportError::Other(msg)
    }
}

impl Transport for ReqwestTransport {
    async fn execute(
        &self,
        request: http::Request<Bytes>,
        limits: RequestLimits,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let timeout = limits.timeout;
        let fut = async {
            let req = reqwest::Request::try_from(request.map(reqwest::Body::from))
                .map_err(|e| map_reqwest(e, timeout))?;
            let mut resp = self
                .client
                .execute(req)
                .await
                .map_err(|e| map_reqwest(e, timeout))?;
            let status = resp.status();
            let headers = std::mem::take(resp.headers_mut());
            if let Some(len) = resp.content_length()
                && len > limits.max_response_bytes as u64
            {
                return Err(TransportError::BodyTooLarge(limits.max_response_bytes));
            }
            let mut body = BytesMut::new();
            while let Some(chunk) = resp.chunk().await.map_err(|e| map_reqwest(e, timeout))? {
                if body.len() + chunk.len() > limits.max_response_bytes {
                    return Err(TransportError::BodyTooLarge(limits.max_response_bytes));
                }
                body.extend_from_slice(&chunk);
            }
            let mut out = http::Response::new(body.freeze());
            *out.status_mut() = status;
            *out.headers_mut() = headers;
            Ok(out)
        };
        match tokio::time::timeout(timeout, fut).await {
            Ok(r) => r,
            Err(_) => Err(TransportError::Timeout(timeout)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_builds() {
        ReqwestTransport::new(Duration::from_secs(1), Duration::from_secs(2)).unwrap();
    }
}
