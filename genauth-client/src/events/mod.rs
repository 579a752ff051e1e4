//! Authentication-event subscription (feature `events`): the events websocket as an async
//! [`Stream`] of [`AuthEvent`]s, with reconnection.
//!
//! [`Stream`]: https://docs.rs/futures-core/0.3/futures_core/stream/trait.Stream.html
//!
//! ```no_run
//! # extern crate genauth_client as genauth;
//! use genauth::{ClientOptions, GenAuthClient, ReconnectPolicy};
//!
//! # async fn run(access_token: String) -> genauth::Result<()> {
//! let client = GenAuthClient::new(ClientOptions::from_env()?)?;
//! let mut events = client
//!     .event_subscription()
//!     .reconnect(ReconnectPolicy::new(10))
//!     .subscribe("authing.user.updated", access_token);
//! // `EventStream` is a `futures::Stream`; `next_event` saves importing a `StreamExt`.
//! while let Some(event) = events.next_event().await {
//!     let event = event?; // the stream ends after an error that is not a decoding error
//!     println!("{:?}: {}", event.event_type, event.data);
//! }
//! # Ok(()) }
//! ```
//!
//! # Wire format
//!
//! What the official SDKs send (py 5.1.0, node 4.0.1, go, java, iOS, C#): a websocket to
//! `<websocket host>/events/v1/authentication/sub?code=<event code>&token=<user access token>`,
//! the token in the **query** and no `authorization` header. This module does the same (the
//! server has no other documented way), but builds the HTTP upgrade itself so that no library
//! logs the request line, and keeps the token out of every `Debug`, error and tracing event.
//!
//! The messages' format is **not documented and not recorded**: the SDKs hand each text frame
//! to a callback as a string. [`AuthEvent`] decodes a frame as JSON and reads the field names of
//! the publishing endpoint (`POST /api/v3/pub-userEvent`: `eventType`, `eventData` as a JSON
//! string, node's `source`) when they are present, and always keeps the whole message in
//! [`AuthEvent::raw`].

mod connect;
mod driver;
mod event;
mod handshake;
mod host;
mod policy;
mod tls;
mod url;

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::Stream;

pub use event::AuthEvent;
pub use host::{AUTHING_EVENTS_HOST, GENAUTH_EVENTS_HOST};
pub use policy::ReconnectPolicy;

use crate::client::{GenAuthClient, UserClient};
use crate::error::Result;
use crate::options::ClientOptions;
use crate::secret::Secret;
use crate::transport::Transport;

/// Path of the authentication-event websocket, after the websocket host.
pub const SUBSCRIBE_PATH: &str = "/events/v1/authentication/sub";

/// Path of the management-event websocket, after the websocket host (features `events` and
/// `management`: [`EventSubscription::subscribe_management`]).
pub const MANAGEMENT_SUBSCRIBE_PATH: &str = "/events/v1/management/sub";

/// Default interval of the keepalive pings ([`EventSubscription::keepalive`]).
pub const DEFAULT_KEEPALIVE: Duration = Duration::from_secs(30);

/// Builder of authentication-event subscriptions, from a client's options
/// ([`GenAuthClient::event_subscription`]). Cheap to clone; one builder may
/// [`subscribe`](Self::subscribe) any number of times.
#[derive(Clone)]
pub struct EventSubscription {
    pub(crate) host: String,
    pub(crate) root_certificates_pem: Vec<String>,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_message_bytes: usize,
    pub(crate) reconnect: ReconnectPolicy,
    pub(crate) keepalive: Option<Duration>,
    /// The management websocket's `authorization` (a builder made by a management client).
    pub(crate) management: Option<Secret>,
}

impl fmt::Debug for EventSubscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventSubscription")
            .field("host", &self.host)
            .field("root_certificates", &self.root_certificates_pem.len())
            .field("connect_timeout", &self.connect_timeout)
            .field("max_message_bytes", &self.max_message_bytes)
            .field("reconnect", &self.reconnect)
            .field("keepalive", &self.keepalive)
            .finish()
    }
}

impl EventSubscription {
    /// A builder with the client's websocket host ([`ClientOptions::websocket_host`]), connect
    /// timeout (for TCP, TLS and the upgrade together), extra root certificates, and its
    /// response-size cap as the largest accepted message; [`ReconnectPolicy::default`] and
    /// keepalive pings every [`DEFAULT_KEEPALIVE`].
    pub fn new<T: Transport>(client: &GenAuthClient<T>) -> Self {
        Self::from_options(client.options())
    }

    /// Like [`EventSubscription::new`], from options.
    pub fn from_options(options: &ClientOptions) -> Self {
        EventSubscription {
            host: options.websocket_host(),
            root_certificates_pem: options.root_certificates_pem.clone(),
            connect_timeout: options.connect_timeout,
            max_message_bytes: options.max_response_bytes,
            reconnect: ReconnectPolicy::default(),
            keepalive: Some(DEFAULT_KEEPALIVE),
            management: None,
        }
    }

    /// Overrides the websocket host (same forms as [`ClientOptionsBuilder::websocket_host`](crate::ClientOptionsBuilder::websocket_host)).
    pub fn websocket_host(mut self, host: impl Into<String>) -> Self {
        self.host = host.into().trim().trim_end_matches('/').to_owned();
        self
    }

    /// The reconnection policy.
    pub fn reconnect(mut self, policy: ReconnectPolicy) -> Self {
        self.reconnect = policy;
        self
    }

    /// Ping the server after `interval` without any frame from it, and count the connection as
    /// lost (and reconnect) when another `interval` passes in silence. `None` turns keepalive
    /// off (a silently dead connection is then only noticed by the operating system).
    pub fn keepalive(mut self, interval: Option<Duration>) -> Self {
        self.keepalive = interval.filter(|d| !d.is_zero());
        self
    }

    /// Time allowed for one connection: TCP connect, TLS and the websocket upgrade.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Largest message (and frame) accepted; a larger one drops the connection.
    pub fn max_message_bytes(mut self, limit: usize) -> Self {
        self.max_message_bytes = limit;
        self
    }

    /// The websocket host this builder connects to.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Subscribes to `event_code` as the user of `access_token`.
    ///
    /// Lazy: nothing connects until the stream is first polled. Yields one item per message;
    /// a message that is not JSON is an [`Error::Decode`](crate::Error::Decode) item and the stream goes on. Any
    /// other error is the stream's last item:
    ///
    /// - [`Error::HttpStatus`](crate::Error::HttpStatus) with status 401 or 403: the server refused the token (at once,
    ///   whatever the reconnection policy);
    /// - the last failure ([`Error::Transport`](crate::Error::Transport), [`Error::Timeout`](crate::Error::Timeout), [`Error::HttpStatus`](crate::Error::HttpStatus))
    ///   once the [`ReconnectPolicy`] gives up;
    /// - [`Error::Config`](crate::Error::Config) first thing, for an empty event code or an unusable websocket host.
    ///
    /// Dropping the stream closes the connection. The token is sent in the query string (as
    /// the server requires) and appears in no `Debug` output, error or log record.
    pub fn subscribe(
        &self,
        event_code: impl Into<String>,
        access_token: impl Into<Secret>,
    ) -> EventStream {
        let credential = url::Credential::QueryToken(access_token.into());
        self.open(event_code.into(), credential)
    }

    /// Subscribes to the management event `event_code` (`/events/v1/management/sub`), with the
    /// access key of the management client this builder came from
    /// (`ManagementClient::event_subscription`, features `events` and `management`): the
    /// upgrade carries `authorization: authing <key id>:<signature of "websocket\n">`, as both
    /// official SDKs send it.
    ///
    /// The stream behaves as [`subscribe`](Self::subscribe)'s. On a builder that did not come
    /// from a management client, its first and only item is an [`Error::Config`](crate::Error::Config).
    pub fn subscribe_management(&self, event_code: impl Into<String>) -> EventStream {
        let code = event_code.into();
        match &self.management {
            Some(authorization) => {
                self.open(code, url::Credential::Authorization(authorization.clone()))
            }
            None => EventStream {
                code,
                inner: Box::pin(futures_util::stream::once(std::future::ready(Err(
                    crate::error::Error::Config(
                        "management events need a builder from ManagementClient::event_subscription"
                            .into(),
                    ),
                )))),
            },
        }
    }

    fn open(&self, code: String, credential: url::Credential) -> EventStream {
        let inner = driver::stream(self.clone(), code.clone(), credential);
        EventStream {
            code,
            inner: Box::pin(inner),
        }
    }
}

impl<T: Transport> GenAuthClient<T> {
    /// An [`EventSubscription`] builder for this client's options (feature `events`).
    pub fn event_subscription(&self) -> EventSubscription {
        EventSubscription::new(self)
    }
}

impl<T: Transport> UserClient<T> {
    /// Subscribes to `event_code` with this handle's access token and the client's default
    /// [`EventSubscription`] settings (feature `events`).
    pub fn subscribe_event(&self, event_code: impl Into<String>) -> EventStream {
        self.client()
            .event_subscription()
            .subscribe(event_code, self.access_token().clone())
    }
}

/// The events of one subscription ([`EventSubscription::subscribe`]): a [`Stream`] of
/// `Result<AuthEvent>` that reconnects by itself. `Debug` shows the event code, never the token.
///
/// [`Stream`]: https://docs.rs/futures-core/0.3/futures_core/stream/trait.Stream.html
pub struct EventStream {
    code: String,
    inner: Pin<Box<dyn Stream<Item = Result<AuthEvent>> + Send>>,
}

impl fmt::Debug for EventStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("event_code", &self.code)
            .field("access_token", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl EventStream {
    /// The subscribed event code.
    pub fn event_code(&self) -> &str {
        &self.code
    }

    /// The next item, without importing a `StreamExt`: `None` once the stream has ended.
    pub async fn next_event(&mut self) -> Option<Result<AuthEvent>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }
}

impl Stream for EventStream {
    type Item = Result<AuthEvent>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}
