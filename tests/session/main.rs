//! Sessions end to end against the in-process fake server: refreshes counted exactly while
//! tokio's paused clock runs through several expiries, 64 concurrent callers sharing one refresh,
//! a dropped connection / 503 / timeout mid-refresh, `invalid_grant`, logout, the file store
//! (round trip, 0600, atomic write, corrupt file) and no token in `Debug` or TRACE logs.
//!
//! # Paused clock and real sockets
//!
//! The fake server and every HTTP exchange run on genauth-fake's real-time runtime
//! (`FakeServer::start_real_time`, `RealTimeTransport`: the tool users get for the same test),
//! so `tokio::time::advance` moves only the session's clock; see `genauth_fake::real_time`.

#[path = "../common/mod.rs"]
mod common;
mod store;

use std::sync::Arc;
use std::time::Duration;

use genauth::session::{EndReason, MemoryTokenStore, TokenStore};
use genauth::{
    Error, GenAuthClient, GetProfileQuery, LoginTokenSet, OidcExt, PasswordGrantIdentity, Profile,
    RetryPolicy, Secret, Session, SessionError,
};
use genauth_fake::{FakeServer, FakeServerConfig, Fault, RealTimeTransport};

/// Token lifetime the fake grants.
const TTL: u64 = 3600;
/// Default refresh margin (60 s) + clock skew (5 s): a token is due at `TTL - LEAD`.
const LEAD: u64 = 65;

struct Fixture {
    server: FakeServer,
    client: GenAuthClient<RealTimeTransport>,
}

impl Fixture {
    async fn new(timeout: Option<Duration>) -> Fixture {
        common::logs();
        let config = FakeServerConfig {
            token_ttl: TTL,
            ..Default::default()
        };
        let server = FakeServer::start_real_time(config)
            .await
            .expect("fake server starts");
        let mut options = server.client_options().retry(
            RetryPolicy::new(3)
                .with_initial_backoff(Duration::from_millis(10))
                .with_max_backoff(Duration::from_millis(20)),
        );
        if let Some(t) = timeout {
            options = options.timeout(t);
        }
        let options = options.build().unwrap();
        let transport = RealTimeTransport::new(&options).unwrap();
        let client = GenAuthClient::with_transport(options, transport).unwrap();
        Fixture { server, client }
    }

    /// Alice's tokens from the password grant, with a refresh token.
    async fn login(&self) -> LoginTokenSet {
        let tokens = self
            .client
            .get_access_token_by_password(
                PasswordGrantIdentity::Username("alice".into()),
                "Passw0rd!",
                Some("openid profile offline_access"),
            )
            .await
            .unwrap();
        assert!(tokens.refresh_token.is_some());
        tokens
    }

    fn refreshes(&self) -> usize {
        self.server.token_grant_count("refresh_token")
    }

    /// A session over `tokens` that saves into a fresh in-memory store.
    async fn session_with_store(
        &self,
        tokens: LoginTokenSet,
    ) -> (Session<RealTimeTransport>, Arc<MemoryTokenStore>) {
        let store = Arc::new(MemoryTokenStore::new());
        let session = Session::builder(self.client.clone())
            .store(Arc::clone(&store))
            .start(tokens)
            .await
            .unwrap();
        (session, store)
    }
}

async fn advance(secs: u64) {
    tokio::time::advance(Duration::from_secs(secs)).await;
}

fn token(t: Result<Secret, SessionError>) -> String {
    t.unwrap().expose().to_owned()
}

#[tokio::test(start_paused = true)]
async fn paused_clock_through_several_expiries_counts_refreshes_exactly() {
    let f = Fixture::new(None).await;
    let tokens = f.login().await;
    let login_token = tokens.access_token.clone().unwrap();
    let session = f.client.session(tokens).unwrap();

    assert_eq!(token(session.access_token().await), login_token.expose());
    advance(TTL - LEAD - 1).await;
    assert_eq!(token(session.access_token().await), login_token.expose());
    assert_eq!(f.refreshes(), 0, "fresh tokens are not refreshed");

    let mut previous = login_token.expose().to_owned();
    for n in 1..=5 {
        advance(1).await; // now due
        let fresh = token(session.access_token().await);
        assert_ne!(fresh, previous, "expiry {n}: a new access token");
        assert_eq!(f.refreshes(), n, "expiry {n}: exactly one refresh");
        // Used many times within its life: no further refresh.
        for _ in 0..10 {
            assert_eq!(token(session.access_token().await), fresh);
        }
        advance(TTL - LEAD - 1).await;
        assert_eq!(token(session.access_token().await), fresh);
        assert_eq!(f.refreshes(), n);
        previous = fresh;
    }

    // At the next expiry, 64 concurrent callers share one refresh.
    advance(1).await;
    let callers: Vec<_> = (0..64)
        .map(|_| {
            let s = session.clone();
            tokio::spawn(async move { s.access_token().await })
        })
        .collect();
    let mut seen = Vec::new();
    for c in callers {
        seen.push(token(c.await.unwrap()));
    }
    assert_eq!(f.refreshes(), 6, "64 callers at expiry: one refresh");
    assert!(seen.iter().all(|t| *t == seen[0] && *t != previous));

    // The refreshed token works on a user endpoint.
    let me = session.user_client().await.unwrap();
    let profile = me.get_profile(GetProfileQuery::default()).await.unwrap();
    assert_eq!(profile.username.as_deref(), Some("alice"));
    assert_eq!(f.refreshes(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_threads_at_expiry_share_one_refresh() {
    let f = Fixture::new(None).await;
    let mut tokens = f.login().await;
    let login_token = tokens.access_token.clone().unwrap();
    tokens.expires_in = 0; // expired on arrival
    let session = f.client.session(tokens).unwrap();
    let barrier = Arc::new(tokio::sync::Barrier::new(64));
    let callers: Vec<_> = (0..64)
        .map(|_| {
            let (s, b) = (session.clone(), Arc::clone(&barrier));
            tokio::spawn(async move {
                b.wait().await;
                s.access_token().await
            })
        })
        .collect();
    let mut seen = Vec::new();
    for c in callers {
        seen.push(token(c.await.unwrap()));
    }
    assert_eq!(f.refreshes(), 1);
    assert!(
        seen.iter()
            .all(|t| *t == seen[0] && t != login_token.expose())
    );
}

#[tokio::test(start_paused = true)]
async fn a_dropped_connection_or_503_mid_refresh_leaves_the_session_usable() {
    let f = Fixture::new(None).await;
    let session = f.client.session(f.login().await).unwrap();
    advance(TTL - LEAD).await;

    // The connection drops after the request was sent: not retried (a POST may have been
    // processed), surfaced, and the session stays.
    f.server
        .inject_fault("/oidc/token", Fault::CloseBeforeReply);
    let e = session.access_token().await.unwrap_err();
    match &e {
        SessionError::Refresh(inner) => assert!(matches!(**inner, Error::Transport(_)), "{e:?}"),
        other => panic!("expected a refresh failure, got {other:?}"),
    }
    assert_eq!(session.ended(), None);
    assert_eq!(f.refreshes(), 1);
    // The next call refreshes.
    let fresh = token(session.access_token().await);
    assert_eq!(f.refreshes(), 2);
    assert_eq!(token(session.access_token().await), fresh);

    // A 503 is retried by the client's policy within the same call.
    advance(TTL - LEAD).await;
    f.server.inject_fault(
        "/oidc/token",
        Fault::Status {
            status: 503,
            retry_after: None,
        },
    );
    let again = token(session.access_token().await);
    assert_ne!(again, fresh);
    assert_eq!(f.refreshes(), 4, "the 503 and its retry");
    assert_eq!(f.server.pending_faults(), 0);
}

#[tokio::test(start_paused = true)]
async fn a_refresh_timing_out_in_real_time_leaves_the_session_usable() {
    let f = Fixture::new(Some(Duration::from_millis(300))).await;
    let session = f.client.session(f.login().await).unwrap();
    advance(TTL - LEAD).await;
    f.server
        .inject_fault("/oidc/token", Fault::Delay(Duration::from_millis(900)));
    let e = session.access_token().await.unwrap_err();
    match &e {
        SessionError::Refresh(inner) => assert!(matches!(**inner, Error::Timeout(_)), "{e:?}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(session.ended(), None);
    token(session.access_token().await);
    assert_eq!(f.refreshes(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_revoked_refresh_token_ends_the_session_and_clears_the_store() {
    let f = Fixture::new(None).await;
    let tokens = f.login().await;
    let refresh_token = tokens.refresh_token.clone().unwrap();
    let (session, store) = f.session_with_store(tokens).await;
    assert!(store.load().unwrap().is_some());

    f.client.revoke_token(refresh_token).await.unwrap();
    advance(TTL - LEAD).await;
    let e = session.access_token().await.unwrap_err();
    assert!(
        matches!(e, SessionError::Ended(EndReason::RefreshRejected)),
        "{e:?}"
    );
    assert!(store.load().unwrap().is_none(), "store cleared");
    assert_eq!(f.refreshes(), 1);
    // Ended for good: no further request.
    assert!(session.access_token().await.unwrap_err().is_ended());
    assert!(session.user_client().await.unwrap_err().is_ended());
    assert_eq!(f.refreshes(), 1);
}

#[tokio::test(start_paused = true)]
async fn logout_revokes_clears_and_is_idempotent() {
    let f = Fixture::new(None).await;
    let tokens = f.login().await;
    let (access, refresh) = (
        tokens.access_token.clone().unwrap(),
        tokens.refresh_token.clone().unwrap(),
    );
    let (session, store) = f.session_with_store(tokens).await;
    session.logout().await.unwrap();
    assert!(store.load().unwrap().is_none());
    assert_eq!(f.server.request_count("/oidc/token/revocation"), 2);
    assert_eq!(session.ended(), Some(EndReason::LoggedOut));

    // The server no longer honours either token.
    let e = f
        .client
        .get_new_access_token_by_refresh_token(refresh)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::OAuth { error, .. } if error == "invalid_grant"),
        "{e:?}"
    );
    let e = f
        .client
        .with_user_token(access)
        .get_profile(GetProfileQuery::default())
        .await
        .unwrap_err();
    assert_eq!(e.status_code(), Some(401), "{e:?}");

    // Idempotent, and the session is over.
    session.logout().await.unwrap();
    assert_eq!(f.server.request_count("/oidc/token/revocation"), 2);
    assert!(matches!(
        session.access_token().await,
        Err(SessionError::Ended(EndReason::LoggedOut))
    ));
}

#[tokio::test(start_paused = true)]
async fn no_token_in_debug_output_or_trace_logs() {
    let logs = common::logs();
    let f = Fixture::new(None).await;
    let tokens = f.login().await;
    let mut secrets: Vec<String> = [
        &tokens.access_token,
        &tokens.refresh_token,
        &tokens.id_token,
    ]
    .into_iter()
    .map(|t| t.as_ref().unwrap().expose().to_owned())
    .collect();
    let (session, store) = f.session_with_store(tokens).await;
    advance(TTL - LEAD).await;
    f.server
        .inject_fault("/oidc/token", Fault::CloseBeforeReply);
    let failed = session.access_token().await.unwrap_err();
    secrets.push(token(session.access_token().await));
    let mut text = format!(
        "{session:?}\n{store:?}\n{:?}\n{failed:?}\n{failed}\n",
        store.load().unwrap()
    );
    session.logout().await.unwrap();
    let ended = session.access_token().await.unwrap_err();
    text.push_str(&format!("{session:?}\n{ended:?}\n{ended}\n"));
    let log_text = logs.text();
    assert!(
        log_text.contains("refreshing the access token"),
        "logs captured"
    );
    for s in &secrets {
        assert!(s.len() > 16);
        assert!(
            !text.contains(s.as_str()),
            "a token in Debug/Display:\n{text}"
        );
        assert!(!log_text.contains(s.as_str()), "a token in the TRACE logs");
    }
}
