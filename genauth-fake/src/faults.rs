//! Fault injection: make the next request to a path fail the way a network, a gateway or a
//! broken server would.
//!
//! A test queues faults with [`FakeServer::inject_fault`]; each request takes the oldest fault
//! queued for its path (or for [`ANY_PATH`]) and is answered by it instead of, or on top of, the
//! normal handler. A faulted request is still recorded (it reached the server), so
//! [`FakeServer::request_count`] counts attempts.
//!
//! ```no_run
//! use genauth_fake::{Fault, FakeServer, FakeServerConfig};
//!
//! # async fn demo() -> std::io::Result<()> {
//! let server = FakeServer::start(FakeServerConfig::default()).await?;
//! server.inject_fault("/api/v3/signin", Fault::Html502);
//! server.inject_fault("/api/v3/signin", Fault::Status { status: 429, retry_after: Some(1) });
//! // The next /api/v3/signin gets a 502 HTML page, the one after a 429, then normal service.
//! # Ok(()) }
//! ```
//!
//! A refused connection needs no server: [`refused_base_url`] names a loopback port nothing
//! listens on.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::pin::Pin;
use std::sync::{Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use bytes::Bytes;
use http_body::{Frame, SizeHint};
use serde_json::{Map, Value};

use super::FakeServer;

/// The path that matches every request in [`FakeServer::inject_fault`].
pub const ANY_PATH: &str = "*";

/// One way to fail a request. See [`FakeServer::inject_fault`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// HTTP 502 with an nginx-style HTML page (`text/html`), as a gateway sends when the service
    /// behind it is down.
    Html502,
    /// HTTP 200, `content-type: application/json`, and an empty body.
    EmptyBody,
    /// The normal reply cut to half its length (a well-formed HTTP message whose JSON is
    /// truncated). The handler runs: a login really happens.
    TruncatedJson,
    /// The normal reply with its envelope's `statusCode` removed (an object reply without
    /// `statusCode`, such as `/api/v3/system`, is left as it is). The handler runs.
    MissingStatusCode,
    /// The normal reply with `data` of the wrong type: an envelope's `data` (or, for a bare
    /// object reply, every top-level value) becomes the JSON string `"unexpected"`. The handler
    /// runs.
    WrongDataType,
    /// HTTP 200 with a body of `bytes` bytes (the start of an envelope followed by filler).
    /// `chunked: false` announces it with `content-length`; `chunked: true` streams it in
    /// 64 KiB chunks without a length, so only counting tells the client it is too large.
    HugeBody {
        /// Body size in bytes.
        bytes: usize,
        /// Stream without `content-length`.
        chunked: bool,
    },
    /// Waits this long, then answers normally (a reply slower than the client's timeout).
    Delay(Duration),
    /// Sends the status line and headers (HTTP 200, chunked), then never a body byte; the
    /// connection stays open until the client gives up.
    StallAfterHeaders,
    /// Reads the whole request, then closes the connection without sending a byte.
    CloseBeforeReply,
    /// An OAuth-style error: `{"error": …, "error_description": …}` with this HTTP status.
    OAuthError {
        /// HTTP status, e.g. 400.
        status: u16,
        /// `error`, e.g. `invalid_grant`.
        error: String,
        /// `error_description`; omitted when `None`.
        description: Option<String>,
    },
    /// An envelope error in HTTP 200: `{statusCode, message, apiCode?, requestId?}`.
    EnvelopeError {
        /// `statusCode`.
        status_code: u16,
        /// `apiCode`; omitted when `None`.
        api_code: Option<u32>,
        /// `message`.
        message: String,
        /// Send `requestId` (and the `x-request-id` header); `false` omits both.
        request_id: bool,
    },
    /// This HTTP status with a short `text/plain` body, and `Retry-After: <seconds>` when given
    /// (HTTP 429 / 503 from a rate limiter or a load balancer).
    Status {
        /// HTTP status.
        status: u16,
        /// `Retry-After` in seconds.
        retry_after: Option<u64>,
    },
}

/// The queue of faults waiting for requests.
#[derive(Debug, Default)]
pub(super) struct FaultQueue(Mutex<VecDeque<(String, Fault)>>);

impl FaultQueue {
    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<(String, Fault)>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Removes and returns the oldest fault for `path` (or for any path).
    pub(super) fn take(&self, path: &str) -> Option<Fault> {
        let mut q = self.lock();
        let i = q.iter().position(|(p, _)| p == path || p == ANY_PATH)?;
        q.remove(i).map(|(_, f)| f)
    }
}

impl FakeServer {
    /// Queues `fault` for the next request to exactly `path` (query ignored), or to any path
    /// when `path` is [`ANY_PATH`]. Faults for a path are used oldest first, one per request.
    pub fn inject_fault(&self, path: &str, fault: Fault) {
        self.state.faults.lock().push_back((path.to_owned(), fault));
    }

    /// Faults queued and not yet used.
    pub fn pending_faults(&self) -> usize {
        self.state.faults.lock().len()
    }

    /// Drops every queued fault.
    pub fn clear_faults(&self) {
        self.state.faults.lock().clear();
    }
}

/// `http://127.0.0.1:<port>` where `<port>` was free a moment ago and nothing listens: a
/// connection to it is refused.
pub fn refused_base_url() -> String {
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        // Port 9 (discard) is closed on any sane test machine.
        .unwrap_or(9);
    format!("http://127.0.0.1:{port}")
}

const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// The faults that replace the handler: their response, or `None` to run the handler (after
/// waiting, for [`Fault::Delay`]).
pub(super) async fn before(fault: Option<&Fault>, request_id: &str) -> Option<Response> {
    let fault = fault?;
    let response = match fault {
        Fault::Html502 => with_body(502, "text/html", Body::from(HTML_502)),
        Fault::EmptyBody => with_body(200, "application/json; charset=utf-8", Body::empty()),
        Fault::HugeBody { bytes, chunked } => {
            let body = if *chunked {
                Body::new(HugeBody {
                    left: *bytes,
                    started: false,
                })
            } else {
                Body::from(huge(*bytes))
            };
            with_body(200, "application/json; charset=utf-8", body)
        }
        Fault::Delay(d) => {
            tokio::time::sleep(*d).await;
            return None;
        }
        Fault::StallAfterHeaders => {
            with_body(200, "application/json; charset=utf-8", Body::new(StallBody))
        }
        Fault::CloseBeforeReply => {
            // hyper buffers the head and only writes it with the first body bytes or when the
            // body is pending; a body that fails at once makes it drop the connection unsent.
            with_body(200, "application/json; charset=utf-8", Body::new(FailBody))
        }
        Fault::OAuthError {
            status,
            error,
            description,
        } => {
            let mut body = Map::new();
            body.insert("error".into(), error.as_str().into());
            if let Some(d) = description {
                body.insert("error_description".into(), d.as_str().into());
            }
            json_response(*status, &Value::Object(body))
        }
        Fault::EnvelopeError {
            status_code,
            api_code,
            message,
            request_id: with_id,
        } => {
            let mut body = Map::new();
            body.insert("statusCode".into(), (*status_code).into());
            body.insert("message".into(), message.as_str().into());
            if let Some(c) = api_code {
                body.insert("apiCode".into(), (*c).into());
            }
            if *with_id {
                body.insert("requestId".into(), request_id.into());
            }
            let mut r = json_response(200, &Value::Object(body));
            if *with_id && let Ok(v) = HeaderValue::from_str(request_id) {
                r.headers_mut().insert("x-request-id", v);
            }
            r
        }
        Fault::Status {
            status,
            retry_after,
        } => {
            let code = StatusCode::from_u16(*status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let text = code.canonical_reason().unwrap_or("Error").to_owned();
            let mut r = with_body(code.as_u16(), "text/plain; charset=utf-8", Body::from(text));
            if let Some(secs) = retry_after {
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(*secs));
            }
            r
        }
        Fault::TruncatedJson | Fault::MissingStatusCode | Fault::WrongDataType => return None,
    };
    Some(response)
}

/// The faults that rewrite the handler's reply.
pub(super) async fn after(fault: Option<Fault>, response: Response) -> Response {
    let Some(fault @ (Fault::TruncatedJson | Fault::MissingStatusCode | Fault::WrongDataType)) =
        fault
    else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return with_body(500, "text/plain", Body::from("fault: reply unreadable"));
    };
    let new_body: Vec<u8> = match fault {
        Fault::TruncatedJson => bytes[..bytes.len() / 2].to_vec(),
        _ => match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(mut map)) => {
                if fault == Fault::MissingStatusCode {
                    map.shift_remove("statusCode");
                } else if map.contains_key("statusCode") {
                    map.insert("data".into(), "unexpected".into());
                } else {
                    map.values_mut().for_each(|v| *v = "unexpected".into());
                }
                Value::Object(map).to_string().into_bytes()
            }
            _ => bytes.to_vec(),
        },
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(new_body))
}

fn with_body(status: u16, content_type: &'static str, body: Body) -> Response {
    let mut r = Response::new(body);
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

fn json_response(status: u16, body: &Value) -> Response {
    with_body(
        status,
        "application/json; charset=utf-8",
        Body::from(body.to_string()),
    )
}

const HUGE_PREFIX: &[u8] = br#"{"statusCode":200,"message":"ok","data":{"filler":""#;
const CHUNK: usize = 64 * 1024;

/// `bytes` bytes: an envelope's start, then `x` filler (never valid JSON when cut).
fn huge(bytes: usize) -> Bytes {
    let mut v = Vec::with_capacity(bytes);
    v.extend_from_slice(&HUGE_PREFIX[..HUGE_PREFIX.len().min(bytes)]);
    v.resize(bytes, b'x');
    Bytes::from(v)
}

/// Streams [`huge`]'s content in chunks, without a length.
struct HugeBody {
    left: usize,
    started: bool,
}

impl http_body::Body for HugeBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        let n = self.left.min(CHUNK);
        self.left -= n;
        let chunk = if self.started {
            Bytes::from(vec![b'x'; n])
        } else {
            huge(n)
        };
        self.started = true;
        Poll::Ready(Some(Ok(Frame::data(chunk))))
    }

    fn size_hint(&self) -> SizeHint {
        // Unknown: forces chunked encoding.
        SizeHint::default()
    }
}

/// A body that never yields (and never wakes its task).
struct StallBody;

impl http_body::Body for StallBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Pending
    }
}

/// A body that fails at once, so the server drops the connection.
struct FailBody;

impl http_body::Body for FailBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        Poll::Ready(Some(Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "fault: close before reply",
        ))))
    }
}
