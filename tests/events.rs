//! The authentication-event subscription (feature `events`, enabled by the root
//! dev-dependency) against the fake server's websocket, on 127.0.0.1 only: typed events in
//! order, reconnection after a dropped connection, publishing through `pub-userEvent`, a refused
//! token, giving up, cancellation, and the access token absent from every `Debug` output and
//! from the TRACE logs (`tracing` for every target, `log` records of tungstenite bridged in).
//!
//! No test spawns a task: each drives its stream and the server side with `join!`, and every
//! wait is bounded.

mod common;

use std::future::Future;
use std::time::Duration;

use genauth::{
    AuthEvent, AuthenticationExt, Error, EventStream, EventSubscription, GenAuthClient,
    PutEventDto, ReconnectPolicy, Secret, UserUtilities,
};
use genauth_fake::{FakeServer, FakeServerConfig, refused_base_url};
use serde_json::json;

use common::logs;

const WAIT: Duration = Duration::from_secs(10);

/// A fake server, a client for it, and alice's access token.
async fn setup() -> (FakeServer, GenAuthClient, String) {
    logs();
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .expect("fake server starts");
    let client = server.client();
    let tokens = client
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .expect("alice signs in");
    let token = tokens.access_token.expect("an access token");
    (server, client, token.expose().to_owned())
}

/// Fast reconnection for tests.
fn subscription(client: &GenAuthClient) -> EventSubscription {
    client.event_subscription().reconnect(
        ReconnectPolicy::new(4)
            .with_initial_backoff(Duration::from_millis(20))
            .with_max_backoff(Duration::from_millis(100)),
    )
}

async fn bounded<F: Future>(what: &str, f: F) -> F::Output {
    tokio::time::timeout(WAIT, f)
        .await
        .unwrap_or_else(|_| panic!("timed out: {what}"))
}

/// Waits until `n` connections are subscribed to `code`.
async fn subscribers(server: &FakeServer, code: &str, n: usize) {
    bounded(&format!("{n} subscriber(s) to {code}"), async {
        while server.event_subscribers(code) != n {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
}

/// The next event, polled together with `server_side` (the stream only connects when polled).
async fn next_with<F: Future<Output = ()>>(
    stream: &mut EventStream,
    server_side: F,
) -> Option<genauth::Result<AuthEvent>> {
    let (item, ()) = bounded("the next event", async {
        tokio::join!(stream.next_event(), server_side)
    })
    .await;
    item
}

/// The next event, which must be there.
async fn next_event(stream: &mut EventStream) -> AuthEvent {
    bounded("the next event", stream.next_event())
        .await
        .expect("the stream goes on")
        .expect("an event")
}

/// `token` appears in no log line, and the logs did capture the subscription.
fn assert_not_logged(token: &str) {
    assert!(token.len() >= 8, "token too short to search for");
    let text = logs().text();
    assert!(
        text.contains("event subscription connected"),
        "the TRACE capture misses the client's events:\n{text}"
    );
    // tungstenite's own `log` records (frames, messages) are captured too.
    assert!(
        text.contains("tungstenite::protocol"),
        "the TRACE capture misses tungstenite's log records"
    );
    if let Some(i) = text.find(token) {
        let start = i.saturating_sub(300);
        panic!(
            "the access token leaked into the logs:\n{}",
            &text[start..(i + token.len() + 100).min(text.len())]
        );
    }
}

#[tokio::test]
async fn three_events_arrive_typed_in_order_and_pings_are_answered() {
    let (server, client, token) = setup().await;
    let code = "app:order_paid";
    let mut stream = subscription(&client).subscribe(code, token.clone());

    let first = next_with(&mut stream, async {
        subscribers(&server, code, 1).await;
        for n in 1..=3 {
            assert_eq!(server.emit_event(code, &json!({"orderId": n})), 1);
        }
    })
    .await
    .expect("an item")
    .expect("an event");
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Paid {
        order_id: u32,
    }
    let mut events = vec![first];
    events.push(next_event(&mut stream).await);
    events.push(next_event(&mut stream).await);
    for (n, event) in (1..=3).zip(&events) {
        assert_eq!(event.event_type.as_deref(), Some(code));
        assert_eq!(event.data, json!({"orderId": n}));
        assert_eq!(event.data_as::<Paid>().unwrap().order_id, n);
        assert_eq!(
            event.raw["eventData"],
            json!(format!("{{\"orderId\":{n}}}"))
        );
    }

    // A frame that is not JSON is a decoding error, and the stream goes on.
    assert_eq!(server.emit_raw_event(code, "not json"), 1);
    let err = bounded("a decode error", stream.next_event())
        .await
        .expect("an item")
        .expect_err("not JSON");
    assert!(matches!(err, Error::Decode { .. }), "{err}");
    assert_eq!(server.emit_event(code, &json!({"orderId": 4})), 1);
    assert_eq!(next_event(&mut stream).await.data, json!({"orderId": 4}));

    // The wire: the token in the query, as the server requires, and no authorization header.
    let upgrades: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/events/v1/authentication/sub")
        .collect();
    assert_eq!(upgrades.len(), 1);
    assert_eq!(
        upgrades[0].query_pairs(),
        vec![
            ("code".to_owned(), code.to_owned()),
            ("token".to_owned(), token.clone())
        ]
    );
    assert_eq!(upgrades[0].header("authorization"), None);
    assert_eq!(upgrades[0].header("upgrade"), Some("websocket"));
    // The server pinged right after the upgrade; the client answered while reading.
    bounded("a pong", async {
        while server.event_pongs() == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;

    // Dropping the stream closes the connection.
    let debug = format!("{stream:?}");
    assert!(debug.contains(code) && !debug.contains(&token), "{debug}");
    drop(stream);
    subscribers(&server, code, 0).await;
    assert_not_logged(&token);
}

#[tokio::test]
async fn the_stream_reconnects_after_the_connection_drops() {
    let (server, client, token) = setup().await;
    let code = "app:reconnect";
    let mut stream = subscription(&client).subscribe(code, token.clone());

    let first = next_with(&mut stream, async {
        subscribers(&server, code, 1).await;
        server.emit_event(code, &json!({"seq": 1}));
    })
    .await
    .expect("an item")
    .expect("an event");
    assert_eq!(first.data, json!({"seq": 1}));

    assert_eq!(server.drop_event_connections(), 1);
    let second = next_with(&mut stream, async {
        // The old connection is gone at once; wait for the new one.
        subscribers(&server, code, 1).await;
        assert_eq!(server.emit_event(code, &json!({"seq": 2})), 1);
    })
    .await
    .expect("an item after the reconnection")
    .expect("an event after the reconnection");
    assert_eq!(second.data, json!({"seq": 2}));
    assert_eq!(
        server.request_count("/events/v1/authentication/sub"),
        2,
        "one reconnection"
    );

    // Several drops in a row, each followed by an event, never exhaust the policy (4): every
    // connection that delivered an event resets the failure count.
    for seq in 3..=8 {
        server.drop_event_connections();
        let event = next_with(&mut stream, async {
            subscribers(&server, code, 1).await;
            server.emit_event(code, &json!({"seq": seq}));
        })
        .await
        .expect("an item")
        .expect("an event");
        assert_eq!(event.data, json!({"seq": seq}));
    }
    drop(stream);
    subscribers(&server, code, 0).await;
    assert_not_logged(&token);
}

#[tokio::test]
async fn published_events_reach_subscribers() {
    let (server, client, token) = setup().await;
    let code = "app:published";
    let mut stream = subscription(&client).subscribe(code, token.clone());
    let user = client.with_user_token(token.clone());

    let event = next_with(&mut stream, async {
        subscribers(&server, code, 1).await;
        let mut dto = PutEventDto::new(code, &json!({"email": "alice@example.com"}));
        dto.source = Some("genauth-rs test".into());
        user.put_event(dto).await.expect("pub-userEvent");
    })
    .await
    .expect("an item")
    .expect("an event");
    assert_eq!(event.event_type.as_deref(), Some(code));
    assert_eq!(event.source.as_deref(), Some("genauth-rs test"));
    assert_eq!(event.data, json!({"email": "alice@example.com"}));

    // Subscribing through a user handle uses its token.
    drop(stream);
    subscribers(&server, code, 0).await;
    let mut stream = user.subscribe_event(code);
    let event = next_with(&mut stream, async {
        subscribers(&server, code, 1).await;
        server.emit_event(code, &json!(7));
    })
    .await
    .expect("an item")
    .expect("an event");
    assert_eq!(event.data, json!(7));
    drop(stream);
    assert_not_logged(&token);
}

#[tokio::test]
async fn a_refused_token_ends_the_stream_with_an_auth_error() {
    let (server, client, token) = setup().await;
    let bogus = "bogus-access-token-5f1c2e9a";
    let mut stream = subscription(&client).subscribe("app:any", bogus);
    let err = bounded("the refusal", stream.next_event())
        .await
        .expect("an item")
        .expect_err("refused");
    assert_eq!(err.http_status(), Some(401), "{err}");
    assert!(bounded("the end", stream.next_event()).await.is_none());
    assert!(
        bounded("still the end", stream.next_event())
            .await
            .is_none()
    );
    assert_eq!(
        server.request_count("/events/v1/authentication/sub"),
        1,
        "a refused token is not retried"
    );
    for text in [err.to_string(), format!("{err:?}"), format!("{stream:?}")] {
        assert!(!text.contains(bogus), "{text}");
    }
    let logged = logs().text();
    assert!(!logged.contains(bogus), "the refused token was logged");
    assert!(!logged.contains(&token));
}

#[tokio::test]
async fn the_stream_gives_up_after_max_attempts() {
    logs();
    let token = "never-sent-token-8d0b3f27";
    let sub = EventSubscription::from_options(
        &genauth::ClientOptions::builder()
            .app_id("a")
            .app_secret("s")
            .app_host(refused_base_url())
            .build()
            .unwrap(),
    )
    .reconnect(
        ReconnectPolicy::new(3)
            .with_initial_backoff(Duration::from_millis(1))
            .with_max_backoff(Duration::from_millis(5)),
    );
    assert!(sub.host().starts_with("ws://127.0.0.1:"), "{}", sub.host());
    let mut stream = sub.subscribe("app:any", Secret::new(token));
    let err = bounded("giving up", stream.next_event())
        .await
        .expect("an item")
        .expect_err("nothing listens");
    assert!(matches!(err, Error::Transport(_)), "{err}");
    assert!(bounded("the end", stream.next_event()).await.is_none());
    let logged = logs().text();
    assert!(
        logged.contains("event subscription reconnecting"),
        "{logged}"
    );
    assert!(!logged.contains(token) && !format!("{err:?}").contains(token));

    // Configuration errors come first, then the end.
    let mut stream = sub
        .clone()
        .websocket_host("https://x")
        .subscribe("c", token);
    let err = stream.next_event().await.expect("an item").unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err}");
    assert!(stream.next_event().await.is_none());
    let mut stream = sub.subscribe("", token);
    assert!(matches!(
        stream.next_event().await,
        Some(Err(Error::Config(_)))
    ));
}

#[tokio::test]
async fn subscribes_over_tls_with_the_servers_ca() {
    logs();
    let server = FakeServer::start(FakeServerConfig::default().tls(true))
        .await
        .expect("TLS fake server starts");
    let client = server.client();
    let token = client
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .expect("alice signs in")
        .access_token
        .expect("an access token");
    let sub = subscription(&client);
    assert!(sub.host().starts_with("wss://127.0.0.1:"), "{}", sub.host());
    let code = "app:tls";
    let mut stream = sub.subscribe(code, token.clone());
    let event = next_with(&mut stream, async {
        subscribers(&server, code, 1).await;
        server.emit_event(code, &json!({"tls": true}));
    })
    .await
    .expect("an item")
    .expect("an event over wss");
    assert_eq!(event.data, json!({"tls": true}));
    drop(stream);

    // Without the fake's CA, the certificate is refused (and retried: it may be transient).
    let untrusted = EventSubscription::from_options(
        &genauth::ClientOptions::builder()
            .app_id("a")
            .app_secret("s")
            .app_host(server.base_url())
            .build()
            .unwrap(),
    )
    .reconnect(ReconnectPolicy::new(1));
    let err = bounded(
        "the TLS failure",
        untrusted.subscribe(code, token.clone()).next_event(),
    )
    .await
    .expect("an item")
    .expect_err("untrusted certificate");
    assert!(
        matches!(&err, Error::Transport(m) if m.contains("TLS")),
        "{err}"
    );
    assert_not_logged(token.expose());
}

#[tokio::test]
async fn keepalive_pings_keep_a_quiet_connection() {
    let (server, client, token) = setup().await;
    let code = "app:quiet";
    let mut stream = subscription(&client)
        .keepalive(Some(Duration::from_millis(20)))
        .subscribe(code, token.clone());
    // Ten keepalive intervals of silence from the server: the client pings, the server
    // answers, and the connection stays.
    let event = next_with(&mut stream, async {
        subscribers(&server, code, 1).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        server.emit_event(code, &json!("late"));
    })
    .await
    .expect("an item")
    .expect("an event");
    assert_eq!(event.data, json!("late"));
    assert_eq!(server.request_count("/events/v1/authentication/sub"), 1);
    drop(stream);
    assert_not_logged(&token);
}

/// The management events (`/events/v1/management/sub`): the access key's websocket signature
/// in `authorization`, events published for the code delivered; a wrong secret refused.
#[tokio::test]
async fn management_events_arrive_with_the_access_key_signature() {
    use genauth_client::{ManagementClient, ManagementOptions};
    logs();
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .expect("fake server starts");
    let options = |secret: &str| {
        ManagementOptions::builder()
            .access_key_id(server.management_access_key_id())
            .access_key_secret(secret)
            .host(server.base_url())
            .build()
            .unwrap()
    };
    let secret = server.management_access_key_secret().to_owned();
    let client = ManagementClient::new(options(&secret)).unwrap();
    let mut stream = client.subscribe_event("user.created");
    let code = "user.created";
    let item = next_with(&mut stream, async {
        subscribers_by(|| server.management_event_subscribers(code), 1).await;
        // Not delivered to the authentication channel's subscribers of the same code.
        assert_eq!(server.event_subscribers(code), 0);
        assert_eq!(
            server.emit_management_event(code, &json!({"userId": "u1"})),
            1
        );
    })
    .await
    .expect("an event")
    .expect("decoded");
    assert_eq!(item.event_type.as_deref(), Some(code));
    assert_eq!(item.data, json!({"userId": "u1"}));
    let upgrade = server
        .requests()
        .into_iter()
        .rfind(|r| r.path == "/events/v1/management/sub")
        .expect("the upgrade was recorded");
    assert_eq!(upgrade.query, "code=user.created");
    assert!(
        upgrade
            .header("authorization")
            .is_some_and(|a| a.starts_with("authing ")),
        "{:?}",
        upgrade.header("authorization")
    );
    // A wrong secret: refused at the upgrade, the stream's last item.
    let wrong = ManagementClient::new(options("not-the-secret")).unwrap();
    let mut refused = wrong.subscribe_event(code);
    match bounded("the refusal", refused.next_event()).await {
        Some(Err(Error::HttpStatus { status: 401, .. })) => {}
        other => panic!("expected a 401, got {other:?}"),
    }
    assert!(bounded("the end", refused.next_event()).await.is_none());
}

/// Waits until `count()` is `n`.
async fn subscribers_by(count: impl Fn() -> usize, n: usize) {
    bounded(&format!("{n} subscriber(s)"), async {
        while count() != n {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
}
