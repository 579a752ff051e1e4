//! The opt-in retry policy against the fake server's fault modes: what is retried, what is
//! attempted exactly once, fresh encryption per attempt, and the overall deadline.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use genauth::transport::RequestLimits;
use genauth::{
    Authentication, AuthenticationExt, ClientOptions, Error, GenAuthClient, LoginTokenSet,
    PasswordEncryptType, ReqwestTransport, RetryPolicy, SignInOptions, Transport, TransportError,
};
use genauth_fake::{FakeServer, FakeServerConfig, Fault, refused_base_url};

const TIMEOUT: Duration = Duration::from_millis(400);
const SIGNIN: &str = "/api/v3/signin";
const SYSTEM: &str = "/api/v3/system";

fn fast_policy(attempts: u32) -> RetryPolicy {
    RetryPolicy::new(attempts)
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_millis(40))
        .with_deadline(Duration::from_secs(5))
}

fn options(base_url: &str, policy: Option<RetryPolicy>) -> ClientOptions {
    let mut b = ClientOptions::builder()
        .app_id("fake-app-id")
        .app_secret("fake-app-secret")
        .app_host(base_url)
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT);
    if let Some(p) = policy {
        b = b.retry(p);
    }
    b.build().unwrap()
}

async fn setup(policy: Option<RetryPolicy>) -> (FakeServer, GenAuthClient) {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    let client = GenAuthClient::new(options(&server.base_url(), policy)).unwrap();
    (server, client)
}

async fn login(c: &GenAuthClient, enc: PasswordEncryptType) -> Result<LoginTokenSet, Error> {
    let opts = Some(SignInOptions {
        password_encrypt_type: Some(enc),
        ..Default::default()
    });
    tokio::time::timeout(
        Duration::from_secs(10),
        c.sign_in_by_account_password("alice", "Passw0rd!", opts),
    )
    .await
    .expect("the call hung")
}

/// The password field of every recorded signin, in order.
fn sent_passwords(server: &FakeServer) -> Vec<String> {
    server
        .requests()
        .iter()
        .filter(|r| r.path == SIGNIN)
        .map(|r| {
            r.body_json().unwrap()["passwordPayload"]["password"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn login_is_retried_on_503_and_429_and_encrypts_afresh_each_time() {
    for enc in [PasswordEncryptType::Rsa, PasswordEncryptType::Sm2] {
        let (server, c) = setup(Some(fast_policy(4))).await;
        for status in [503, 429, 503] {
            server.inject_fault(
                SIGNIN,
                Fault::Status {
                    status,
                    retry_after: None,
                },
            );
        }
        login(&c, enc).await.expect("the fourth attempt succeeds");
        assert_eq!(server.request_count(SIGNIN), 4);
        assert_eq!(server.request_count(SYSTEM), 1, "keys fetched once");
        let sent = sent_passwords(&server);
        assert_eq!(sent.len(), 4);
        for (i, a) in sent.iter().enumerate() {
            assert_ne!(a, "Passw0rd!");
            for b in &sent[i + 1..] {
                assert_ne!(a, b, "{enc:?}: each attempt must encrypt afresh");
            }
        }
    }
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let (server, c) = setup(Some(fast_policy(3))).await;
    server.inject_fault(
        SIGNIN,
        Fault::Status {
            status: 429,
            retry_after: Some(1),
        },
    );
    let started = Instant::now();
    login(&c, PasswordEncryptType::None).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.request_count(SIGNIN), 2);
}

#[tokio::test]
async fn retry_after_past_the_deadline_stops_at_once() {
    let (server, c) = setup(Some(
        fast_policy(3).with_deadline(Duration::from_millis(800)),
    ))
    .await;
    server.inject_fault(
        SIGNIN,
        Fault::Status {
            status: 503,
            retry_after: Some(5),
        },
    );
    let started = Instant::now();
    let e = login(&c, PasswordEncryptType::None).await.unwrap_err();
    assert!(matches!(e, Error::HttpStatus { status: 503, .. }), "{e:?}");
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(server.request_count(SIGNIN), 1);
}

/// What the final error must look like.
type Check = fn(&Error) -> bool;

#[tokio::test]
async fn a_login_that_reached_the_server_is_attempted_exactly_once() {
    let cases: Vec<(Fault, Check)> = vec![
        (Fault::Html502, |e| {
            matches!(e, Error::HttpStatus { status: 502, .. })
        }),
        (
            Fault::Status {
                status: 504,
                retry_after: None,
            },
            |e| matches!(e, Error::HttpStatus { status: 504, .. }),
        ),
        (
            Fault::Status {
                status: 500,
                retry_after: None,
            },
            |e| matches!(e, Error::HttpStatus { status: 500, .. }),
        ),
        (Fault::CloseBeforeReply, |e| {
            matches!(e, Error::Transport(_))
        }),
        (Fault::Delay(Duration::from_secs(2)), |e| {
            matches!(e, Error::Timeout(_))
        }),
        (Fault::StallAfterHeaders, |e| matches!(e, Error::Timeout(_))),
        (Fault::EmptyBody, |e| matches!(e, Error::Decode { .. })),
        (Fault::TruncatedJson, |e| matches!(e, Error::Decode { .. })),
        (Fault::MissingStatusCode, |e| {
            matches!(e, Error::Decode { .. })
        }),
        (Fault::WrongDataType, |e| matches!(e, Error::Decode { .. })),
        (
            Fault::HugeBody {
                bytes: 5 << 20,
                chunked: true,
            },
            |e| matches!(e, Error::BodyTooLarge { .. }),
        ),
        (
            Fault::OAuthError {
                status: 400,
                error: "invalid_request".into(),
                description: None,
            },
            |e| matches!(e, Error::OAuth { .. }),
        ),
        (
            Fault::EnvelopeError {
                status_code: 429,
                api_code: None,
                message: "too many attempts".into(),
                request_id: true,
            },
            |e| {
                matches!(
                    e,
                    Error::Api {
                        status_code: 429,
                        ..
                    }
                )
            },
        ),
        (
            Fault::EnvelopeError {
                status_code: 503,
                api_code: None,
                message: "busy".into(),
                request_id: false,
            },
            |e| {
                matches!(
                    e,
                    Error::Api {
                        status_code: 503,
                        ..
                    }
                )
            },
        ),
        (
            Fault::EnvelopeError {
                status_code: 403,
                api_code: Some(2333),
                message: "wrong password".into(),
                request_id: true,
            },
            |e| {
                matches!(
                    e,
                    Error::Api {
                        api_code: Some(2333),
                        ..
                    }
                )
            },
        ),
    ];
    let (server, c) = setup(Some(fast_policy(5))).await;
    for (fault, check) in cases {
        server.clear_requests();
        // Queue the fault several times: a retry would meet it again and still fail.
        for _ in 0..5 {
            server.inject_fault(SIGNIN, fault.clone());
        }
        let e = login(&c, PasswordEncryptType::Rsa).await.unwrap_err();
        assert!(check(&e), "{fault:?}: {e:?}");
        assert_eq!(server.request_count(SIGNIN), 1, "{fault:?} was retried");
        server.clear_faults();
    }
    // A real wrong password is not retried either.
    server.clear_requests();
    let opts = Some(SignInOptions {
        password_encrypt_type: Some(PasswordEncryptType::Sm2),
        ..Default::default()
    });
    let e = c
        .sign_in_by_account_password("alice", "wrong!", opts)
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(genauth::ApiCode::InvalidCredentials));
    assert_eq!(server.request_count(SIGNIN), 1);
}

#[tokio::test]
async fn gets_are_retried_on_transport_errors_and_gateway_statuses() {
    let (server, c) = setup(Some(fast_policy(8))).await;
    let faults = [
        Fault::CloseBeforeReply,
        Fault::Html502,
        Fault::StallAfterHeaders,
        Fault::Status {
            status: 504,
            retry_after: None,
        },
        Fault::Delay(Duration::from_secs(2)),
        Fault::Status {
            status: 429,
            retry_after: None,
        },
    ];
    for f in &faults {
        server.inject_fault(SYSTEM, f.clone());
    }
    let info = tokio::time::timeout(Duration::from_secs(10), c.get_system_info())
        .await
        .unwrap()
        .unwrap();
    assert!(info.rsa.is_some());
    assert_eq!(server.request_count(SYSTEM), faults.len() + 1);
    // A GET's decode error is not retried.
    server.inject_fault(SYSTEM, Fault::WrongDataType);
    assert!(matches!(
        c.get_system_info().await,
        Err(Error::Decode { .. })
    ));
    assert_eq!(server.request_count(SYSTEM), faults.len() + 2);
}

#[tokio::test]
async fn the_key_fetch_of_an_encrypted_login_is_retried() {
    let (server, c) = setup(Some(fast_policy(3))).await;
    server.inject_fault(SYSTEM, Fault::Html502);
    server.inject_fault(SYSTEM, Fault::CloseBeforeReply);
    login(&c, PasswordEncryptType::Sm2).await.unwrap();
    assert_eq!(server.request_count(SYSTEM), 3);
    assert_eq!(server.request_count(SIGNIN), 1);
}

#[tokio::test]
async fn without_a_policy_nothing_is_retried() {
    let (server, c) = setup(None).await;
    server.inject_fault(
        SIGNIN,
        Fault::Status {
            status: 503,
            retry_after: None,
        },
    );
    assert!(login(&c, PasswordEncryptType::None).await.is_err());
    assert_eq!(server.request_count(SIGNIN), 1);
    server.inject_fault(SYSTEM, Fault::CloseBeforeReply);
    assert!(c.get_system_info().await.is_err());
    assert_eq!(server.request_count(SYSTEM), 1);
}

#[tokio::test]
async fn attempts_are_bounded_and_the_last_error_is_returned() {
    let (server, c) = setup(Some(fast_policy(3))).await;
    for _ in 0..5 {
        server.inject_fault(
            SIGNIN,
            Fault::Status {
                status: 503,
                retry_after: None,
            },
        );
    }
    let e = login(&c, PasswordEncryptType::None).await.unwrap_err();
    assert!(matches!(e, Error::HttpStatus { status: 503, .. }), "{e:?}");
    assert_eq!(server.request_count(SIGNIN), 3);
    assert_eq!(server.pending_faults(), 2);
}

#[tokio::test]
async fn the_overall_deadline_is_respected() {
    let deadline = Duration::from_millis(700);
    let (server, c) = setup(Some(
        RetryPolicy::new(10)
            .with_initial_backoff(Duration::from_millis(50))
            .with_max_backoff(Duration::from_millis(50))
            .with_deadline(deadline),
    ))
    .await;
    for _ in 0..10 {
        server.inject_fault(SYSTEM, Fault::Delay(Duration::from_secs(3)));
    }
    let started = Instant::now();
    let e = tokio::time::timeout(Duration::from_secs(5), c.get_system_info())
        .await
        .unwrap()
        .unwrap_err();
    let took = started.elapsed();
    // 400 ms attempt, ~25-50 ms backoff, then an attempt cut to what is left of the 700 ms.
    assert!(matches!(e, Error::Timeout(d) if d == deadline), "{e:?}");
    assert!(took >= deadline - Duration::from_millis(20), "{took:?}");
    assert!(took < deadline + Duration::from_millis(400), "{took:?}");
    assert_eq!(server.request_count(SYSTEM), 2);
}

/// Counts the attempts that go through a real reqwest transport.
struct Counting {
    inner: ReqwestTransport,
    calls: Arc<AtomicUsize>,
}

impl Transport for Counting {
    async fn execute(
        &self,
        request: http::Request<Bytes>,
        limits: RequestLimits,
    ) -> Result<http::Response<Bytes>, TransportError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.inner.execute(request, limits).await
    }
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_login() {
    let calls = Arc::new(AtomicUsize::new(0));
    let transport = Counting {
        inner: ReqwestTransport::new(TIMEOUT, TIMEOUT).unwrap(),
        calls: Arc::clone(&calls),
    };
    let c = GenAuthClient::with_transport(
        options(&refused_base_url(), Some(fast_policy(3))),
        transport,
    )
    .unwrap();
    let opts = Some(SignInOptions {
        password_encrypt_type: Some(PasswordEncryptType::None),
        ..Default::default()
    });
    let e = c
        .sign_in_by_account_password("alice", "Passw0rd!", opts)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Transport(m) if m.starts_with("connection failed")),
        "{e:?}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}
