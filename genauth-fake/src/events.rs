//! Authentication events: the subscription websocket `GET /events/v1/authentication/sub` and
//! the publishing endpoint `POST /api/v3/pub-userEvent`, joined by an in-memory hub.
//!
//! The subscription checks `?token=` against the access tokens this server issued (HTTP 401
//! otherwise, before any upgrade; a missing `code` is HTTP 400) and needs no app-id header (the
//! official SDKs send none). Each connection gets a ping right after the upgrade and then the
//! events published for its code, one text frame each.
//!
//! Frame format, an assumption (the real one is undocumented and unrecorded): the publishing
//! body as published, `{"eventType": <code>, "eventData": <JSON text>, "source"?: <string>}`.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::Response;
use serde_json::{Map, Value, json};
use tokio::sync::mpsc;

use crate::handlers::{Ctx, Fields, Reply, ServerState};
use crate::{FakeServer, RecordedRequest};

/// Path of the subscription websocket.
pub(crate) const SUB_PATH: &str = "/events/v1/authentication/sub";

/// The management-event subscription path.
pub(crate) const MANAGEMENT_SUB_PATH: &str = "/events/v1/management/sub";

/// Which subscription a connection is: its credential check and its events.
#[derive(Clone, Copy)]
enum Channel {
    /// `?token=<user access token>`; events published by `pub-userEvent` or `emit_event`.
    Authentication,
    /// `authorization: authing <key id>:<signature of "websocket\n">`; events published by the
    /// Management `pub-event` or `emit_management_event`.
    Management,
}

impl Channel {
    /// The hub key of `code` on this channel: the two channels' events never mix.
    fn key(self, code: &str) -> String {
        match self {
            Channel::Authentication => code.to_owned(),
            Channel::Management => format!("management:{code}"),
        }
    }
}

/// The open subscriptions. The server state owns the only strong reference; connection tasks
/// hold a [`Weak`] one, so they all end when the server is dropped.
#[derive(Default)]
pub(crate) struct EventHub {
    inner: Mutex<Hub>,
    /// Pongs received on subscription connections.
    pongs: AtomicUsize,
    /// Numbers the recorded upgrade requests (`requestId` `ws-<n>`).
    seq: AtomicU64,
}

#[derive(Default)]
struct Hub {
    subscribers: Vec<Subscriber>,
    next_id: u64,
    /// Set when the server stops: no new subscriptions.
    closed: bool,
}

struct Subscriber {
    id: u64,
    code: String,
    tx: mpsc::UnboundedSender<Command>,
}

enum Command {
    /// Send one text frame.
    Send(String),
    /// Drop the connection without a close handshake (a network failure, for the client).
    Drop,
}

impl EventHub {
    fn hub(&self) -> MutexGuard<'_, Hub> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn register(&self, code: &str) -> Option<(u64, mpsc::UnboundedReceiver<Command>)> {
        let mut hub = self.hub();
        if hub.closed {
            return None;
        }
        let (tx, rx) = mpsc::unbounded_channel();
        hub.next_id += 1;
        let id = hub.next_id;
        hub.subscribers.push(Subscriber {
            id,
            code: code.to_owned(),
            tx,
        });
        Some((id, rx))
    }

    fn unregister(&self, id: u64) {
        self.hub().subscribers.retain(|s| s.id != id);
    }

    /// Sends `frame` to every connection subscribed to `code`; returns how many it reached.
    pub(crate) fn publish(&self, code: &str, frame: &str) -> usize {
        let mut hub = self.hub();
        hub.subscribers.retain(|s| !s.tx.is_closed());
        hub.subscribers
            .iter()
            .filter(|s| s.code == code)
            .filter(|s| s.tx.send(Command::Send(frame.to_owned())).is_ok())
            .count()
    }

    fn drop_connections(&self) -> usize {
        let subscribers = std::mem::take(&mut self.hub().subscribers);
        subscribers
            .iter()
            .filter(|s| s.tx.send(Command::Drop).is_ok())
            .count()
    }

    fn subscribers(&self, code: &str) -> usize {
        let mut hub = self.hub();
        hub.subscribers.retain(|s| !s.tx.is_closed());
        hub.subscribers.iter().filter(|s| s.code == code).count()
    }

    /// Closes every connection and refuses new ones (the server is stopping).
    pub(crate) fn close(&self) {
        let mut hub = self.hub();
        hub.closed = true;
        // Dropping the senders ends the connection tasks.
        hub.subscribers.clear();
    }
}

/// The frame a subscriber receives for a published event.
fn frame(event_type: &str, event_data: &str, source: Option<&str>) -> String {
    let mut frame = Map::new();
    frame.insert("eventType".into(), event_type.into());
    frame.insert("eventData".into(), event_data.into());
    if let Some(source) = source {
        frame.insert("source".into(), source.into());
    }
    Value::Object(frame).to_string()
}

/// `GET /events/v1/authentication/sub?code=<event code>&token=<access token>`.
pub(crate) async fn subscribe(
    State(state): State<Arc<ServerState>>,
    uri: Uri,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    accept(&state, uri, headers, upgrade, Channel::Authentication)
}

/// `GET /events/v1/management/sub?code=<event code>` with the access key's websocket signature
/// in `authorization` (`authing <key id>:<sig>`, or `genauth …` as the Python SDK writes it).
pub(crate) async fn subscribe_management(
    State(state): State<Arc<ServerState>>,
    uri: Uri,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    accept(&state, uri, headers, upgrade, Channel::Management)
}

fn accept(
    state: &Arc<ServerState>,
    uri: Uri,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
    channel: Channel,
) -> Response {
    let hub = &state.events;
    let request_id = format!("ws-{}", hub.seq.fetch_add(1, Ordering::Relaxed) + 1);
    let query = uri.query().unwrap_or_default();
    let recorded = RecordedRequest {
        method: "GET".to_owned(),
        path: uri.path().to_owned(),
        query: query.to_owned(),
        headers: headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: Vec::new(),
        request_id: request_id.clone(),
    };
    state.requests().push(recorded.clone());
    let param = |name: &str| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let Some(code) = param("code").filter(|c| !c.is_empty()) else {
        return refusal(
            StatusCode::BAD_REQUEST,
            None,
            "`code` is required",
            &request_id,
        );
    };
    match channel {
        Channel::Authentication => {
            let user = param("token").and_then(|token| state.store().user_for_token(&token));
            if user.is_none() {
                return refusal(
                    StatusCode::UNAUTHORIZED,
                    Some(2020),
                    "not logged in: send a valid access token in `token`",
                    &request_id,
                );
            }
        }
        Channel::Management => {
            let config = &state.management.config;
            if let Err(why) = crate::management::signature::verify_websocket(
                &recorded,
                &config.access_key_id,
                &config.access_key_secret,
            ) {
                return refusal(StatusCode::UNAUTHORIZED, Some(2020), &why, &request_id);
            }
        }
    }
    let upgrade = match upgrade {
        Ok(upgrade) => upgrade,
        Err(_) => {
            return refusal(
                StatusCode::BAD_REQUEST,
                None,
                "expected a websocket upgrade",
                &request_id,
            );
        }
    };
    let hub = Arc::downgrade(&state.events);
    let key = channel.key(&code);
    upgrade.on_upgrade(move |socket| serve_connection(socket, hub, key))
}

/// A refused upgrade: the HTTP status and the usual envelope.
fn refusal(http: StatusCode, api_code: Option<u32>, message: &str, request_id: &str) -> Response {
    let mut body = json!({
        "statusCode": http.as_u16(),
        "message": message,
        "requestId": request_id,
    });
    if let Some(code) = api_code {
        body["apiCode"] = code.into();
    }
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = http;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

/// One subscription connection: a ping, then the published events, until the client leaves,
/// [`FakeServer::drop_event_connections`], or the server stops.
async fn serve_connection(mut socket: WebSocket, hub: Weak<EventHub>, code: String) {
    let Some((id, mut commands)) = hub.upgrade().and_then(|h| h.register(&code)) else {
        return;
    };
    if socket
        .send(Message::Ping(Bytes::from_static(b"genauth-fake")))
        .await
        .is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            command = commands.recv() => match command {
                Some(Command::Send(text)) => {
                    if socket.send(Message::Text(text.into())).await.is_err() {
                        break;
                    }
                }
                // Dropped by a test, or the server stopped: no close frame.
                Some(Command::Drop) | None => break,
            },
            message = socket.recv() => match message {
                Some(Ok(Message::Pong(_))) => {
                    if let Some(hub) = hub.upgrade() {
                        hub.pongs.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
        }
    }
    if let Some(hub) = hub.upgrade() {
        hub.unregister(id);
    }
}

/// `POST /api/v3/pub-userEvent` `{eventType, eventData: <string>, source?}` (user endpoint):
/// sends the event to the subscribers of `eventType`. Answers the envelope without `data`
/// (java's `CommonResponseDto`; go's `IsSuccessRespDto` would suggest `data: {success}`: the
/// real answer is not recorded).
pub(crate) fn publish(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["eventType", "eventData", "source"])?;
    let event_type = fields.req_str("eventType")?;
    let event_data = match fields.get("eventData") {
        Some(Value::String(data)) => data,
        Some(_) => {
            return Err(Reply::error(
                400,
                "`body.eventData` must be a string (the event's data, JSON-encoded)",
            ));
        }
        None => return Err(Reply::error(400, "`body.eventData` is required")),
    };
    let source = fields.opt_str("source")?;
    ctx.state
        .events
        .publish(event_type, &frame(event_type, event_data, source));
    Ok(Reply::success(None))
}

impl FakeServer {
    /// Sends a management event to every connection subscribed to `code` on
    /// `/events/v1/management/sub`, as if it had been published with `pub-event`. Returns how
    /// many connections it was sent to.
    pub fn emit_management_event(&self, code: &str, data: &Value) -> usize {
        self.state.events.publish(
            &Channel::Management.key(code),
            &frame(code, &data.to_string(), None),
        )
    }

    /// Sends an event to every connection subscribed to `code`, as if it had been published
    /// with `eventData` = `data` JSON-encoded; returns how many connections it was sent to
    /// (events are not queued for later subscribers). The frame is
    /// `{"eventType": code, "eventData": "<data as JSON text>"}`.
    pub fn emit_event(&self, code: &str, data: &Value) -> usize {
        self.state
            .events
            .publish(code, &frame(code, &data.to_string(), None))
    }

    /// Sends `text` as is, as one text frame, to every connection subscribed to `code`; returns
    /// how many connections it was sent to.
    pub fn emit_raw_event(&self, code: &str, text: &str) -> usize {
        self.state.events.publish(code, text)
    }

    /// Drops every subscription connection without a close handshake, as a network failure
    /// would; returns how many were open. Clients may reconnect.
    pub fn drop_event_connections(&self) -> usize {
        self.state.events.drop_connections()
    }

    /// How many connections are subscribed to `code` now.
    pub fn event_subscribers(&self, code: &str) -> usize {
        self.state.events.subscribers(code)
    }

    /// How many connections are subscribed to the management event `code` now.
    pub fn management_event_subscribers(&self, code: &str) -> usize {
        self.state
            .events
            .subscribers(&Channel::Management.key(code))
    }

    /// How many pongs subscription connections have received (each connection is pinged once,
    /// right after the upgrade).
    pub fn event_pongs(&self) -> usize {
        self.state.events.pongs.load(Ordering::Relaxed)
    }
}

/// Management `POST /api/v3/pub-event` `{eventType, eventData, source?}`: sends the event to the
/// management subscribers of `eventType` (`eventData` as sent: the Python SDK sends a JSON text,
/// the Node SDK's `pub` the caller's string). Answers `data: {success: true}`
/// (`PubEventRespDataDto`).
pub(crate) fn publish_management(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let event_type = body
        .get("eventType")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Reply::error(400, "`eventType` is required"))?;
    let event_data = match body.get("eventData") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => return Err(Reply::error(400, "`eventData` is required")),
    };
    let source = body.get("source").and_then(Value::as_str);
    ctx.state.events.publish(
        &Channel::Management.key(event_type),
        &frame(event_type, &event_data, source),
    );
    Ok(Reply::success(Some(serde_json::json!({"success": true}))))
}

#[cfg(test)]
mod tests {
    use genauth_client::AuthenticationExt as _;
    use serde_json::{Value, json};

    use crate::{FakeServer, FakeServerConfig};

    /// A server and alice's access token.
    async fn server_and_token() -> (FakeServer, String) {
        let server = FakeServer::start(FakeServerConfig::default())
            .await
            .expect("fake server starts");
        let tokens = server
            .client()
            .sign_in_by_account_password("alice", "Passw0rd!", None)
            .await
            .expect("alice signs in");
        let token = tokens.access_token.expect("a token").expose().to_owned();
        (server, token)
    }

    async fn get(server: &FakeServer, query: &str) -> (u16, Value) {
        let url = format!("{}{}?{query}", server.base_url(), super::SUB_PATH);
        let response = reqwest::get(url)
            .await
            .expect("the request reaches the server");
        let status = response.status().as_u16();
        (
            status,
            serde_json::from_slice(&response.bytes().await.expect("a body")).expect("a JSON body"),
        )
    }

    #[tokio::test]
    async fn subscriptions_are_refused_before_any_upgrade() {
        let (server, token) = server_and_token().await;
        let (status, body) = get(&server, "code=c&token=nope").await;
        assert_eq!(
            (status, &body["statusCode"], &body["apiCode"]),
            (401, &json!(401), &json!(2020))
        );
        let (status, _) = get(&server, "code=c").await;
        assert_eq!(status, 401);
        let (status, body) = get(&server, &format!("token={token}")).await;
        assert_eq!(
            (status, body["message"].as_str()),
            (400, Some("`code` is required"))
        );
        // A valid subscription that is not a websocket upgrade.
        let (status, body) = get(&server, &format!("code=c&token={token}")).await;
        assert_eq!(
            (status, body["message"].as_str()),
            (400, Some("expected a websocket upgrade"))
        );
        let recorded = server.requests();
        let last = recorded.last().expect("recorded");
        assert_eq!(
            (last.method.as_str(), last.path.as_str()),
            ("GET", "/events/v1/authentication/sub")
        );
        assert!(last.request_id.starts_with("ws-"));
        assert_eq!(server.event_subscribers("c"), 0);
        assert_eq!(server.emit_event("c", &json!({})), 0);
    }

    #[tokio::test]
    async fn publishing_checks_the_user_and_the_body() {
        let (server, token) = server_and_token().await;
        let client = reqwest::Client::new();
        let post = |auth: Option<&str>, body: Value| {
            let mut request = client
                .post(format!("{}/api/v3/pub-userEvent", server.base_url()))
                .header("x-genauth-app-id", server.app_id())
                .header("content-type", "application/json")
                .body(body.to_string());
            if let Some(auth) = auth {
                request = request.header("authorization", auth);
            }
            async move {
                let response = request.send().await.expect("reaches the server");
                serde_json::from_slice::<Value>(&response.bytes().await.expect("a body"))
                    .expect("an envelope")
            }
        };
        let ok = json!({"eventType": "c", "eventData": "{}", "source": "s"});
        assert_eq!(post(None, ok.clone()).await["apiCode"], json!(2020));
        assert_eq!(post(Some(&token), ok).await["statusCode"], json!(200));
        for bad in [
            json!({"eventType": "c", "eventData": {"a": 1}}),
            json!({"eventType": "c"}),
            json!({"eventData": "{}"}),
            json!({"eventType": "c", "eventData": "{}", "extra": 1}),
        ] {
            assert_eq!(
                post(Some(&token), bad.clone()).await["statusCode"],
                json!(400),
                "{bad}"
            );
        }
    }
}
