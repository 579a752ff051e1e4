//! [`RecordingTransport`]: the SDK's transport seam faked in memory, for wire tests.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use axum::http;
use bytes::Bytes;
use genauth_client::transport::RequestLimits;
use genauth_client::{Transport, TransportError};

/// A [`Transport`] that records every request and answers from a queue of canned replies, then
/// from a default reply if one is set (otherwise a transport error, so a test that sends more
/// than it expected fails). Clones share the same record and queue. No network.
///
/// ```
/// use genauth_fake::RecordingTransport;
///
/// let t = RecordingTransport::new()
///     .reply(200, r#"{"statusCode":200,"message":"ok","data":{}}"#);
/// assert!(t.requests().is_empty());
/// ```
#[derive(Clone, Default)]
pub struct RecordingTransport {
    inner: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    seen: Vec<http::Request<Bytes>>,
    replies: VecDeque<(u16, Bytes)>,
    default: Option<(u16, Bytes)>,
}

impl RecordingTransport {
    /// No replies queued, no default.
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Queues one reply.
    pub fn reply(self, status: u16, body: &str) -> Self {
        self.push_reply(status, body);
        self
    }

    /// Queues one reply (on a shared handle).
    pub fn push_reply(&self, status: u16, body: &str) {
        self.state()
            .replies
            .push_back((status, Bytes::copy_from_slice(body.as_bytes())));
    }

    /// The reply for every request once the queue is empty.
    pub fn default_reply(self, status: u16, body: &str) -> Self {
        self.state().default = Some((status, Bytes::copy_from_slice(body.as_bytes())));
        self
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<http::Request<Bytes>> {
        self.state().seen.clone()
    }

    /// Forgets the requests received so far.
    pub fn clear(&self) {
        self.state().seen.clear();
    }
}

impl Transport for RecordingTransport {
    async fn execute(
        &self,
        request: http::Request<Bytes>,
        _limits: RequestLimits,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let mut state = self.state();
        state.seen.push(request);
        let Some((status, body)) = state.replies.pop_front().or_else(|| state.default.clone())
        else {
            return Err(TransportError::Other("no canned reply".into()));
        };
        let mut response = http::Response::new(body);
        *response.status_mut() = http::StatusCode::from_u16(status)
            .map_err(|_| TransportError::Other(format!("invalid canned status {status}")))?;
        Ok(response)
    }
}
