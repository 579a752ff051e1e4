//! The RFC 6455 client handshake, written here so that no library logs the request line (which
//! carries the access token): tungstenite's own client handshake traces the whole request.

use std::fmt::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _};
use zeroize::Zeroizing;

use super::url::SubscribeUrl;
use crate::error::{Error, Result, excerpt};

/// A byte stream the websocket runs over: TCP, or TLS over TCP.
pub(super) trait Io: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> Io for T {}

/// Largest upgrade-response head accepted.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Most of a refusal's body kept for the error.
const MAX_REFUSAL_BODY: usize = 4 * 1024;
/// RFC 6455 section 1.3.
const WEBSOCKET_GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// Runs the RFC 6455 client handshake on `io`; returns bytes read past the response head.
pub(super) async fn handshake(io: &mut Box<dyn Io>, url: &SubscribeUrl) -> Result<Vec<u8>> {
    let lost = |what: &str, e: std::io::Error| {
        Error::Transport(format!(
            "event subscription: {what} with {} failed: {e}",
            url.endpoint.authority
        ))
    };
    let mut nonce = [0u8; 16];
    getrandom::fill(&mut nonce)
        .map_err(|e| Error::Transport(format!("no randomness for the websocket key: {e}")))?;
    let key = STANDARD.encode(nonce);

    let mut request = Zeroizing::new(String::with_capacity(512));
    request.push_str("GET ");
    request.push_str(&url.request_target());
    let _ = write!(
        request,
        " HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\
         User-Agent: genauth-rs/{}\r\n",
        url.endpoint.authority,
        env!("CARGO_PKG_VERSION"),
    );
    if let Some(authorization) = url.authorization() {
        request.push_str("Authorization: ");
        request.push_str(authorization.expose());
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    io.write_all(request.as_bytes())
        .await
        .map_err(|e| lost("sending the upgrade request", e))?;
    io.flush()
        .await
        .map_err(|e| lost("sending the upgrade request", e))?;
    drop(request);

    let mut buf = Vec::with_capacity(1024);
    let (head_len, head) = loop {
        let mut chunk = [0u8; 1024];
        let n = io
            .read(&mut chunk)
            .await
            .map_err(|e| lost("reading the upgrade response", e))?;
        if n == 0 {
            return Err(Error::Transport(format!(
                "event subscription: {} closed the connection during the websocket upgrade",
                url.endpoint.authority
            )));
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(parsed) = parse_head(&buf)? {
            break parsed;
        }
        if buf.len() > MAX_HEAD_BYTES {
            return Err(Error::Transport(format!(
                "event subscription: upgrade response head over {MAX_HEAD_BYTES} bytes"
            )));
        }
    };
    let mut rest = buf.split_off(head_len);

    if head.status != 101 {
        // Keep a bounded excerpt of the refusal's body for the error.
        let want = head
            .content_length
            .unwrap_or(0)
            .min(MAX_REFUSAL_BODY)
            .max(rest.len());
        while rest.len() < want {
            let mut chunk = [0u8; 1024];
            match io.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => rest.extend_from_slice(&chunk[..n.min(want - rest.len())]),
            }
        }
        return Err(Error::HttpStatus {
            status: head.status,
            body_excerpt: excerpt(&rest),
        });
    }
    let expected = accept_key(&key);
    let not_websocket = |why: &str| {
        Error::Transport(format!(
            "event subscription: {} answered 101 but {why}",
            url.endpoint.authority
        ))
    };
    if !head
        .upgrade
        .as_deref()
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("websocket"))
    {
        return Err(not_websocket("not `Upgrade: websocket`"));
    }
    if !head.connection.as_deref().is_some_and(|v| {
        v.split(',')
            .any(|t| t.trim().eq_ignore_ascii_case("upgrade"))
    }) {
        return Err(not_websocket("without `Connection: upgrade`"));
    }
    if head.accept.as_deref().map(str::trim) != Some(expected.as_str()) {
        return Err(not_websocket("with a wrong `Sec-WebSocket-Accept`"));
    }
    Ok(rest)
}

/// `Sec-WebSocket-Accept` for `key`: base64(SHA-1(key + GUID)).
fn accept_key(key: &str) -> String {
    let input = format!("{key}{WEBSOCKET_GUID}");
    STANDARD.encode(ring::digest::digest(
        &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        input.as_bytes(),
    ))
}

/// What the handshake needs from a response head.
#[derive(Debug, Default, PartialEq, Eq)]
struct Head {
    status: u16,
    upgrade: Option<String>,
    connection: Option<String>,
    accept: Option<String>,
    content_length: Option<usize>,
}

/// `Ok(Some((head length, head)))` once `buf` holds a whole response head.
fn parse_head(buf: &[u8]) -> Result<Option<(usize, Head)>> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut response = httparse::Response::new(&mut headers);
    let len = match response.parse(buf) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(e) => {
            return Err(Error::Transport(format!(
                "event subscription: malformed upgrade response ({e})"
            )));
        }
    };
    let mut head = Head {
        status: response.code.unwrap_or(0),
        ..Head::default()
    };
    for h in response.headers.iter() {
        let value = || String::from_utf8_lossy(h.value).into_owned();
        if h.name.eq_ignore_ascii_case("upgrade") {
            head.upgrade = Some(value());
        } else if h.name.eq_ignore_ascii_case("connection") {
            head.connection = Some(value());
        } else if h.name.eq_ignore_ascii_case("sec-websocket-accept") {
            head.accept = Some(value());
        } else if h.name.eq_ignore_ascii_case("content-length") {
            head.content_length = value().trim().parse().ok();
        }
    }
    Ok(Some((len, head)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_key_matches_rfc_6455() {
        assert_eq!(
            accept_key("dGhlIHNhbXBsZSBub25jZQ=="),
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
    }

    #[test]
    fn heads_parse() {
        assert_eq!(parse_head(b"HTTP/1.1 101 Switching").unwrap(), None);
        let (len, head) = parse_head(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
              Sec-WebSocket-Accept: abc\r\n\r\n\x81\x00",
        )
        .unwrap()
        .unwrap();
        assert_eq!(head.status, 101);
        assert_eq!(head.accept.as_deref(), Some("abc"));
        assert_eq!(len, 104);
        assert!(parse_head(b"garbage\r\n\r\n").is_err());
    }
}
