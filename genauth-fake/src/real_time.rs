//! Testing sessions under tokio's paused clock: the fake server and the HTTP exchanges on a
//! real-time runtime of their own, so `tokio::time::advance` moves only the session's clock.
//!
//! A `Session` refreshes its access token by tokio's clock, so a test can run it through an
//! expiry in no time with `#[tokio::test(start_paused = true)]` and `tokio::time::advance`. But
//! a paused runtime jumps its clock to the next timer whenever it waits for anything, a socket
//! included: HTTP timeouts (the client's, reqwest's and hyper's) would fire at once, and the
//! server's own timers would jump too. [`FakeServer::start_real_time`] starts the server on a
//! second, ordinary runtime (one thread, real time, for the life of the process), and
//! [`RealTimeTransport`] hands each of the client's HTTP exchanges to it. The paused runtime
//! then only waits on their completion, with no timer of its own pending, so its clock moves
//! only when the test advances it.
//!
//! ```
//! use std::time::Duration;
//!
//! use genauth_client::{OidcExt as _, PasswordGrantIdentity};
//! use genauth_fake::{FakeServer, FakeServerConfig};
//!
//! #[tokio::main(flavor = "current_thread", start_paused = true)] // #[tokio::test(start_paused = true)] in a test
//! async fn main() {
//!     // Tokens live an hour; a session refreshes one 65 s before it expires (its default
//!     // refresh margin, 60 s, plus clock skew, 5 s).
//!     let server = FakeServer::start_real_time(FakeServerConfig::default().token_ttl(3600))
//!         .await
//!         .unwrap();
//!     let client = server.real_time_client().unwrap();
//!     let alice = PasswordGrantIdentity::Username("alice".into());
//!     let tokens = client
//!         .get_access_token_by_password(alice, "Passw0rd!", Some("openid offline_access"))
//!         .await
//!         .unwrap();
//!     let session = client.session(tokens).unwrap();
//!     let first = session.access_token().await.unwrap();
//!
//!     tokio::time::advance(Duration::from_secs(3600 - 66)).await;
//!     assert_eq!(session.access_token().await.unwrap(), first); // still fresh
//!     assert_eq!(server.token_grant_count("refresh_token"), 0);
//!
//!     tokio::time::advance(Duration::from_secs(2)).await; // now due
//!     assert_ne!(session.access_token().await.unwrap(), first);
//!     assert_eq!(server.token_grant_count("refresh_token"), 1);
//! }
//! ```
//!
//! Without a paused clock, a short [`FakeServerConfig::token_ttl`](crate::FakeServerConfig::token_ttl)
//! or [`FakeServer::expire_access_tokens`] (server-side expiry now) test the same paths in real
//! time.

use std::future::Future;
use std::io;
use std::sync::{Mutex, PoisonError};

use axum::http;
use bytes::Bytes;
use genauth_client::transport::RequestLimits;
use genauth_client::{ClientOptions, GenAuthClient, ReqwestTransport, Transport, TransportError};
use tokio::runtime::{Builder, Handle};

use crate::{FakeServer, FakeServerConfig};

/// The real-time runtime: one thread, started on first use, alive for the life of the process
/// (it holds no resources of its own besides the tasks given to it). Tasks spawned through the
/// handle run once the thread drives the runtime.
fn real_time() -> io::Result<Handle> {
    static HANDLE: Mutex<Option<Handle>> = Mutex::new(None);
    let mut started = HANDLE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(handle) = &*started {
        return Ok(handle.clone());
    }
    let runtime = Builder::new_current_thread().enable_all().build()?;
    let handle = runtime.handle().clone();
    std::thread::Builder::new()
        .name("genauth-fake-real-time".into())
        .spawn(move || runtime.block_on(std::future::pending::<()>()))?;
    *started = Some(handle.clone());
    Ok(handle)
}

/// The client's HTTP exchanges, run on the real-time runtime (see the [module docs](self)).
/// Build one with [`RealTimeTransport::new`] or get a whole client from
/// [`FakeServer::real_time_client`].
#[derive(Clone)]
pub struct RealTimeTransport {
    inner: ReqwestTransport,
    runtime: Handle,
}

impl RealTimeTransport {
    /// The SDK's own transport for `options` (timeouts, TLS roots…), driven on the real-time
    /// runtime.
    pub fn new(options: &ClientOptions) -> genauth_client::Result<Self> {
        let runtime = real_time()
            .map_err(|e| genauth_client::Error::Config(format!("real-time runtime: {e}")))?;
        Ok(RealTimeTransport {
            inner: ReqwestTransport::from_options(options)?,
            runtime,
        })
    }
}

impl Transport for RealTimeTransport {
    fn execute(
        &self,
        request: http::Request<Bytes>,
        limits: RequestLimits,
    ) -> impl Future<Output = Result<http::Response<Bytes>, TransportError>> + Send {
        let inner = self.inner.clone();
        let task = self
            .runtime
            .spawn(async move { inner.execute(request, limits).await });
        async move {
            task.await
                .unwrap_or_else(|e| Err(TransportError::Other(format!("real-time task: {e}"))))
        }
    }
}

impl FakeServer {
    /// Starts a server on the real-time runtime, for tests on tokio's paused clock (see
    /// [`real_time`](crate::real_time)). Use it with [`FakeServer::real_time_client`].
    pub async fn start_real_time(config: FakeServerConfig) -> io::Result<FakeServer> {
        real_time()?
            .spawn(FakeServer::start(config))
            .await
            .map_err(|e| io::Error::other(format!("real-time task: {e}")))?
    }

    /// A client of this server whose HTTP exchanges run on the real-time runtime
    /// ([`RealTimeTransport`]), with [`FakeServer::client_options`].
    pub fn real_time_client(&self) -> genauth_client::Result<GenAuthClient<RealTimeTransport>> {
        let options = self.client_options().build()?;
        let transport = RealTimeTransport::new(&options)?;
        GenAuthClient::with_transport(options, transport)
    }
}
