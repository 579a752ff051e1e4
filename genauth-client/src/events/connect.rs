//! One connection: TCP, TLS when `wss`, the upgrade, then the websocket.

use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::ServerName;
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};

use super::handshake::{Io, handshake};
use super::url::SubscribeUrl;
use crate::error::{Error, Result};

/// An open subscription.
pub(super) type Socket = WebSocketStream<Box<dyn Io>>;

/// Connects, upgrades, and returns the websocket. Errors never contain the URL's query.
pub(super) async fn connect(
    url: &SubscribeUrl,
    tls: Option<&Arc<rustls::ClientConfig>>,
    config: WebSocketConfig,
) -> Result<Socket> {
    let ep = &url.endpoint;
    let tcp = TcpStream::connect((ep.host.as_str(), ep.port))
        .await
        .map_err(|e| {
            Error::Transport(format!(
                "event subscription: connecting to {} failed: {e}",
                ep.authority
            ))
        })?;
    let _ = tcp.set_nodelay(true);
    let mut io: Box<dyn Io> = match tls {
        None => Box::new(tcp),
        Some(config) => {
            let name = ServerName::try_from(ep.host.clone()).map_err(|_| {
                Error::Config(format!(
                    "websocket host `{}` is not a valid TLS name",
                    ep.host
                ))
            })?;
            let stream = tokio_rustls::TlsConnector::from(Arc::clone(config))
                .connect(name, tcp)
                .await
                .map_err(|e| {
                    Error::Transport(format!(
                        "event subscription: TLS with {} failed: {e}",
                        ep.authority
                    ))
                })?;
            Box::new(stream)
        }
    };
    let leftover = handshake(&mut io, url).await?;
    Ok(WebSocketStream::from_partially_read(io, leftover, Role::Client, Some(config)).await)
}

/// Settings of one stream's connections.
pub(super) fn websocket_config(max_message_bytes: usize) -> WebSocketConfig {
    WebSocketConfig::default()
        .max_message_size(Some(max_message_bytes))
        .max_frame_size(Some(max_message_bytes))
}

/// How long a connection attempt may take at most (TCP, TLS, upgrade).
pub(super) async fn with_timeout<F: Future<Output = Result<Socket>>>(
    timeout: Duration,
    attempt: F,
) -> Result<Socket> {
    tokio::time::timeout(timeout, attempt)
        .await
        .unwrap_or(Err(Error::Timeout(timeout)))
}
