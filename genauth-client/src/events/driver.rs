//! The reconnecting read loop behind an [`EventStream`](super::EventStream).
//!
//! All state lives in the stream (no spawned task): dropping the stream drops the socket, which
//! closes the connection, wherever the loop was (connecting, reading, sleeping a backoff).

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::{SinkExt as _, Stream, StreamExt as _};
use tokio_tungstenite::tungstenite::{self, Message};

use super::connect::{self, Socket};
use super::host::Endpoint;
use super::url::{Credential, SubscribeUrl, scrub};
use super::{AuthEvent, EventSubscription, ReconnectPolicy};
use crate::error::{Error, Result, excerpt};

/// The stream of one subscription.
pub(super) fn stream(
    sub: EventSubscription,
    code: String,
    credential: Credential,
) -> impl Stream<Item = Result<AuthEvent>> + Send + 'static {
    let driver = Driver::new(sub, code, credential);
    // Fused: polling again after the end keeps answering `None`.
    futures_util::stream::unfold(driver, |mut driver| async move {
        let item = driver.next().await?;
        Some((item, driver))
    })
    .fuse()
}

struct Driver {
    sub: EventSubscription,
    code: String,
    /// The URL, or the configuration error the stream yields first.
    url: std::result::Result<SubscribeUrl, Option<Error>>,
    /// Built at the first `wss` connection, then reused.
    tls: Option<Arc<rustls::ClientConfig>>,
    session: Option<Session>,
    /// Failures in a row (see [`ReconnectPolicy`]).
    failures: u32,
    done: bool,
}

struct Session {
    ws: Socket,
    since: Instant,
    /// A data frame arrived on this connection.
    delivered: bool,
    /// A keepalive ping is unanswered (no frame since it was sent).
    ping_sent: bool,
}

/// What reading a connection gave.
enum Read {
    Item(Result<AuthEvent>),
    Lost(Error),
}

impl Driver {
    fn new(sub: EventSubscription, code: String, credential: Credential) -> Self {
        let url = if code.is_empty() {
            Err(Some(Error::Config("the event code is empty".into())))
        } else {
            Endpoint::parse(&sub.host)
                .map(|endpoint| SubscribeUrl::new(endpoint, code.clone(), credential))
                .map_err(Some)
        };
        Driver {
            sub,
            code,
            url,
            tls: None,
            session: None,
            failures: 0,
            done: false,
        }
    }

    async fn next(&mut self) -> Option<Result<AuthEvent>> {
        if self.done {
            return None;
        }
        if let Err(setup) = &mut self.url {
            self.done = true;
            return setup.take().map(Err);
        }
        loop {
            if self.session.is_none() {
                match self.open().await {
                    Ok(session) => self.session = Some(session),
                    Err(e) if is_final(&e) => return self.finish(e),
                    Err(e) => {
                        if let Some(e) = self.failed(e).await {
                            return self.finish(e);
                        }
                        continue;
                    }
                }
            }
            let session = self.session.as_mut()?;
            match read(session, self.sub.keepalive, self.sub.max_message_bytes).await {
                Read::Item(item) => return Some(item.map_err(|e| self.scrub(e))),
                Read::Lost(e) => {
                    let session = self.session.take()?;
                    if session.delivered || session.since.elapsed() >= ReconnectPolicy::STABLE_AFTER
                    {
                        self.failures = 0;
                    }
                    if let Some(e) = self.failed(e).await {
                        return self.finish(e);
                    }
                }
            }
        }
    }

    async fn open(&mut self) -> Result<Session> {
        let Ok(url) = &self.url else {
            return Err(Error::Config("no subscription URL".into()));
        };
        let tls = match (&self.tls, url.endpoint.tls) {
            (Some(tls), _) => Some(Arc::clone(tls)),
            (None, true) => {
                let tls = super::tls::tls_config(&self.sub.root_certificates_pem)?;
                self.tls = Some(Arc::clone(&tls));
                Some(tls)
            }
            (None, false) => None,
        };
        let config = connect::websocket_config(self.sub.max_message_bytes);
        let ws = connect::with_timeout(
            self.sub.connect_timeout,
            connect::connect(url, tls.as_ref(), config),
        )
        .await?;
        tracing::debug!(
            event_code = %self.code,
            host = %url.endpoint.authority,
            "event subscription connected"
        );
        Ok(Session {
            ws,
            since: Instant::now(),
            delivered: false,
            ping_sent: false,
        })
    }

    /// Counts a failure. `Some(error)` when the policy gives up; otherwise sleeps the backoff.
    async fn failed(&mut self, error: Error) -> Option<Error> {
        self.failures += 1;
        let error = self.scrub(error);
        if self.failures >= self.sub.reconnect.max_attempts() {
            tracing::debug!(
                event_code = %self.code,
                failures = self.failures,
                error = %error,
                "event subscription gives up"
            );
            return Some(error);
        }
        let delay = self.sub.reconnect.backoff(self.failures);
        tracing::debug!(
            event_code = %self.code,
            failures = self.failures,
            delay_ms = delay.as_millis() as u64,
            error = %error,
            "event subscription reconnecting"
        );
        tokio::time::sleep(delay).await;
        None
    }

    fn finish(&mut self, error: Error) -> Option<Result<AuthEvent>> {
        self.done = true;
        self.session = None;
        Some(Err(self.scrub(error)))
    }

    fn scrub(&self, error: Error) -> Error {
        match &self.url {
            Ok(url) => scrub(error, url.secret()),
            Err(_) => error,
        }
    }
}

/// Errors no reconnection can fix: the token refused, or a configuration problem.
fn is_final(e: &Error) -> bool {
    matches!(
        e,
        Error::Config(_)
            | Error::HttpStatus {
                status: 401 | 403,
                ..
            }
    )
}

/// Reads until a data frame arrives or the connection is lost; answers pings (tungstenite
/// writes the pong on the next read) and sends keepalive pings.
async fn read(s: &mut Session, keepalive: Option<Duration>, max_message_bytes: usize) -> Read {
    loop {
        let next = match keepalive {
            None => s.ws.next().await,
            Some(interval) => match tokio::time::timeout(interval, s.ws.next()).await {
                Ok(next) => next,
                Err(_) if s.ping_sent => {
                    return Read::Lost(Error::Transport(format!(
                        "event subscription: no answer to a ping within {interval:?}"
                    )));
                }
                Err(_) => {
                    s.ping_sent = true;
                    let ping = Message::Ping(Bytes::from_static(b"genauth-rs"));
                    match tokio::time::timeout(interval, s.ws.send(ping)).await {
                        Ok(Ok(())) => continue,
                        Ok(Err(e)) => return Read::Lost(ws_error(e, max_message_bytes)),
                        Err(_) => {
                            return Read::Lost(Error::Transport(
                                "event subscription: sending a ping timed out".into(),
                            ));
                        }
                    }
                }
            },
        };
        s.ping_sent = false;
        match next {
            None => {
                return Read::Lost(Error::Transport(
                    "event subscription: the connection ended".into(),
                ));
            }
            Some(Err(e)) => return Read::Lost(ws_error(e, max_message_bytes)),
            Some(Ok(Message::Text(text))) => {
                s.delivered = true;
                return Read::Item(AuthEvent::from_json_text(text.as_str()));
            }
            Some(Ok(Message::Binary(bytes))) => {
                s.delivered = true;
                return Read::Item(match std::str::from_utf8(&bytes) {
                    Ok(text) => AuthEvent::from_json_text(text),
                    Err(_) => Err(Error::Decode {
                        reason: "binary event message is not UTF-8".into(),
                        body_excerpt: excerpt(&bytes),
                    }),
                });
            }
            Some(Ok(Message::Close(frame))) => {
                let why = frame.map_or_else(
                    || "no close code".to_owned(),
                    |f| format!("close code {}: {:?}", u16::from(f.code), f.reason.as_str()),
                );
                return Read::Lost(Error::Transport(format!(
                    "event subscription: the server closed the connection ({why})"
                )));
            }
            // Ping (answered on the next read), pong, raw frame: keep reading.
            Some(Ok(_)) => {}
        }
    }
}

/// A websocket error on an open connection (never carries the URL).
fn ws_error(e: tungstenite::Error, max_message_bytes: usize) -> Error {
    match e {
        tungstenite::Error::Capacity(_) => Error::BodyTooLarge {
            limit: max_message_bytes,
        },
        other => Error::Transport(format!("event subscription: connection lost: {other}")),
    }
}
