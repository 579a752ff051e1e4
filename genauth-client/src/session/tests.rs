//! Unit tests of the session's rules over a scripted transport (no network). The end-to-end
//! suite against the fake server is `tests/session/` at the workspace root.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::Notify;

use super::held::{Expiry, Held, Status, Timing};
use super::*;
use crate::ClientOptions;
use crate::transport::{RequestLimits, TransportError};

/// Answers token requests from a script, records their bodies, and can hold each reply until
/// the test releases it.
#[derive(Default)]
struct Script {
    replies: Mutex<VecDeque<(u16, &'static str)>>,
    bodies: Mutex<Vec<String>>,
    hold: Option<Arc<Notify>>,
}

#[derive(Clone, Default)]
struct Scripted(Arc<Script>);

impl Scripted {
    fn new(replies: &[(u16, &'static str)], hold: Option<Arc<Notify>>) -> Self {
        Scripted(Arc::new(Script {
            replies: Mutex::new(replies.iter().copied().collect()),
            bodies: Mutex::default(),
            hold,
        }))
    }
    fn bodies(&self) -> Vec<String> {
        self.0.bodies.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    fn execute(
        &self,
        request: http::Request<Bytes>,
        _limits: RequestLimits,
    ) -> impl Future<Output = Result<http::Response<Bytes>, TransportError>> + Send {
        let script = Arc::clone(&self.0);
        async move {
            let body = String::from_utf8_lossy(request.body()).into_owned();
            script.bodies.lock().unwrap().push(body);
            if let Some(hold) = &script.hold {
                hold.notified().await;
            }
            let (status, text) = script
                .replies
                .lock()
                .unwrap()
                .pop_front()
                .ok_or_else(|| TransportError::Other("script exhausted".into()))?;
            let mut r = http::Response::new(Bytes::from_static(text.as_bytes()));
            *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
            r.headers_mut().insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/json"),
            );
            Ok(r)
        }
    }
}

fn client(t: Scripted) -> GenAuthClient<Scripted> {
    let options = ClientOptions::builder()
        .app_id("app")
        .app_secret("app-secret")
        .app_host("https://example.genauth.ai")
        .build()
        .unwrap();
    GenAuthClient::with_transport(options, t).unwrap()
}

fn login(expires_in: u64, refresh: Option<&str>) -> LoginTokenSet {
    LoginTokenSet {
        access_token: Some(Secret::new("AT-login-0001")),
        id_token: Some(Secret::new("IDT-login-0001")),
        refresh_token: refresh.map(Secret::new),
        token_type: "Bearer".into(),
        expires_in,
        scope: Some("openid offline_access".into()),
    }
}

#[test]
fn margin_is_capped_at_half_the_lifetime_and_no_refresh_token_expires() {
    let timing = Timing::default();
    let start = Instant::now();
    let long = Expiry::new(Duration::from_secs(3600), start, SystemTime::now(), timing);
    assert_eq!(long.refresh_at, start + Duration::from_secs(3600 - 65));
    let short = Expiry::new(Duration::from_secs(60), start, SystemTime::now(), timing);
    assert_eq!(short.refresh_at, start + Duration::from_secs(30));
    // An absurd lifetime from a server does not overflow.
    let huge = Expiry::new(Duration::MAX, start, SystemTime::now(), timing);
    assert!(huge.expires_at > start);

    let mut held = Held::from_login(login(60, None), timing).unwrap();
    held.expiry = Some(short);
    assert_eq!(held.status(start, timing), Status::Fresh);
    // Due, but nothing to refresh with: handed out until expiry minus the skew.
    assert_eq!(
        held.status(start + Duration::from_secs(54), timing),
        Status::Fresh
    );
    assert_eq!(
        held.status(start + Duration::from_secs(55), timing),
        Status::Expired
    );
    held.refresh = Some(Secret::new("RT"));
    assert_eq!(
        held.status(start + Duration::from_secs(30), timing),
        Status::Due
    );
    held.expiry = None;
    assert_eq!(
        held.status(start + Duration::MAX / 4, timing),
        Status::Fresh
    );
}

#[tokio::test(start_paused = true)]
async fn reply_without_refresh_token_or_expiry_keeps_the_old_one_and_stops_proactive_refresh() {
    let t = Scripted::new(
        &[
            (200, r#"{"access_token":"AT-0002","token_type":"Bearer"}"#),
            (200, r#"{"access_token":"AT-0003","expires_in":600}"#),
        ],
        None,
    );
    let store = Arc::new(MemoryTokenStore::new());
    let session = Session::builder(client(t.clone()))
        .store(Arc::clone(&store))
        .start(login(0, Some("RT-original-1")))
        .await
        .unwrap();
    // expires_in 0: due at once.
    assert_eq!(session.access_token().await.unwrap().expose(), "AT-0002");
    let bodies = t.bodies();
    assert_eq!(bodies.len(), 1);
    assert!(
        bodies[0].contains("grant_type=refresh_token"),
        "{}",
        bodies[0]
    );
    assert!(
        bodies[0].contains("refresh_token=RT-original-1"),
        "{}",
        bodies[0]
    );
    let saved = store.load().unwrap().unwrap();
    assert_eq!(saved.access_token.expose(), "AT-0002");
    assert_eq!(saved.refresh_token.unwrap().expose(), "RT-original-1");
    assert_eq!(saved.id_token.unwrap().expose(), "IDT-login-0001");
    assert_eq!(saved.expires_at, None);

    // Unknown lifetime: a year later the token is still handed out, no request.
    tokio::time::advance(Duration::from_secs(365 * 24 * 3600)).await;
    assert_eq!(session.access_token().await.unwrap().expose(), "AT-0002");
    assert_eq!(t.bodies().len(), 1);

    // A forced refresh still has the kept refresh token.
    assert_eq!(session.refresh().await.unwrap().expose(), "AT-0003");
    assert!(t.bodies()[1].contains("refresh_token=RT-original-1"));
    assert!(session.expires_at().is_some());
}

#[tokio::test(start_paused = true)]
async fn invalid_grant_ends_the_session_and_clears_the_store() {
    let t = Scripted::new(
        &[(
            400,
            r#"{"error":"invalid_grant","error_description":"revoked"}"#,
        )],
        None,
    );
    let store = Arc::new(MemoryTokenStore::new());
    let session = Session::builder(client(t.clone()))
        .store(Arc::clone(&store))
        .start(login(0, Some("RT-0001")))
        .await
        .unwrap();
    assert!(store.load().unwrap().is_some());
    let e = session.access_token().await.unwrap_err();
    assert!(
        matches!(e, SessionError::Ended(EndReason::RefreshRejected)),
        "{e:?}"
    );
    assert!(store.load().unwrap().is_none());
    assert_eq!(session.ended(), Some(EndReason::RefreshRejected));
    // Later calls fail the same way without a request.
    assert!(session.user_client().await.unwrap_err().is_ended());
    assert!(session.refresh().await.unwrap_err().is_ended());
    assert_eq!(t.bodies().len(), 1);
    // Logout of an ended session is a no-op that succeeds.
    session.logout().await.unwrap();
    assert_eq!(t.bodies().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn callers_waiting_on_a_failed_refresh_share_its_error_and_the_next_call_retries() {
    let hold = Arc::new(Notify::new());
    let t = Scripted::new(
        &[
            (500, r#"{"error":"server_error"}"#),
            (200, r#"{"access_token":"AT-0009","expires_in":3600}"#),
        ],
        Some(Arc::clone(&hold)),
    );
    let session = Session::new(client(t.clone()), login(0, Some("RT-0001"))).unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let s = session.clone();
            tokio::spawn(async move { s.access_token().await })
        })
        .collect();
    // Let every task reach the gate, then release the one request.
    while t.bodies().is_empty() {
        tokio::task::yield_now().await;
    }
    for _ in 0..20 {
        tokio::task::yield_now().await;
    }
    hold.notify_one();
    for task in tasks {
        let e = task.await.unwrap().unwrap_err();
        assert!(matches!(e, SessionError::Refresh(_)), "{e:?}");
    }
    assert_eq!(t.bodies().len(), 1, "one refresh for eight callers");
    assert_eq!(session.ended(), None);
    // The session is still usable: the next call refreshes.
    hold.notify_one();
    assert_eq!(session.access_token().await.unwrap().expose(), "AT-0009");
    assert_eq!(t.bodies().len(), 2);
}

#[tokio::test]
async fn missing_access_token_or_refresh_token_are_typed_errors() {
    let mut tokens = login(3600, None);
    tokens.access_token = None;
    let c = client(Scripted::default());
    assert!(matches!(
        c.session(tokens),
        Err(SessionError::NoAccessToken)
    ));
    let s = c.session(login(3600, None)).unwrap();
    assert!(matches!(
        s.refresh().await,
        Err(SessionError::NoRefreshToken)
    ));
}

#[tokio::test]
async fn debug_shows_no_token() {
    let store = Arc::new(MemoryTokenStore::new());
    let s = Session::builder(client(Scripted::default()))
        .store(Arc::clone(&store))
        .start(login(3600, Some("RT-secret-0001")))
        .await
        .unwrap();
    let text = format!(
        "{s:?} {store:?} {:?} {:?} {:?}",
        store.load().unwrap(),
        Session::builder(s.client().clone()),
        FileTokenStore::new("/tmp/x.json"),
    );
    for secret in ["AT-login-0001", "IDT-login-0001", "RT-secret-0001"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(
        text.contains("active") && text.contains("has_tokens: true"),
        "{text}"
    );
}

#[test]
fn session_is_a_cheap_send_sync_clone() {
    fn check<S: Clone + Send + Sync + 'static>() {}
    check::<Session<Scripted>>();
    check::<Session>();
    check::<SessionError>();
    fn store<S: TokenStore>() {}
    store::<MemoryTokenStore>();
    store::<FileTokenStore>();
    store::<Arc<dyn TokenStore>>();
}
