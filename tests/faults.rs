//! The fault matrix: every way a network, a gateway or a broken server can fail a call, through
//! the real client (reqwest) over loopback. Each gives one typed `Error`: never a panic, never a
//! hang. Timeouts are short (400 ms) so the whole file runs in a few seconds.
//!
//! | fault (`genauth_fake::Fault`) | error |
//! |---|---|
//! | `Html502` | `HttpStatus { status: 502, body_excerpt: "<html>…502 Bad Gateway…" }` |
//! | `EmptyBody` | `Decode { reason: "not a GenAuth envelope: EOF while parsing a value at line 1 column 0", body_excerpt: "" }` |
//! | `TruncatedJson` | `Decode { reason: "not a GenAuth envelope: EOF while parsing …", body_excerpt }`, tokens redacted |
//! | `MissingStatusCode` | `Decode { reason: "the envelope has no statusCode", body_excerpt }`, tokens redacted |
//! | `WrongDataType` | `Decode { reason: "unexpected `data`: invalid type: string \"unexpected\", …" }` |
//! | `HugeBody` (with or without content-length) | `BodyTooLarge { limit: 4194304 }` |
//! | `Delay` past the timeout | `Timeout(400ms)` |
//! | `StallAfterHeaders` | `Timeout(400ms)` |
//! | `CloseBeforeReply` | `Transport("error sending request: … connection closed before message completed")` |
//! | connection refused (`refused_base_url`) | `Transport("connection failed: … Connection refused …")` |
//! | `OAuthError` | `OAuth { status, error, description }` |
//! | `EnvelopeError` with apiCode and requestId | `Api { status_code, api_code: Some(_), message, request_id: Some(_) }` |
//! | `EnvelopeError` without | `Api { status_code, api_code: None, message, request_id: None }` |
//! | `Status { 429 or 503, Retry-After }` | `HttpStatus { status: 429 or 503, body_excerpt: "Too Many Requests" / "Service Unavailable" }` |

use std::time::{Duration, Instant};

use genauth::{
    Authentication, AuthenticationExt, ClientOptions, Error, GenAuthClient, LoginTokenSet,
    PasswordEncryptType, SignInOptions,
};
use genauth_fake::{FakeServer, FakeServerConfig, Fault, refused_base_url};

const TIMEOUT: Duration = Duration::from_millis(400);
const SIGNIN: &str = "/api/v3/signin";
const SYSTEM: &str = "/api/v3/system";
/// No call may take longer than this (the client timeout plus slack for a loaded machine).
const HANG_GUARD: Duration = Duration::from_secs(5);

fn client_for(base_url: &str) -> GenAuthClient {
    GenAuthClient::new(
        ClientOptions::builder()
            .app_id("fake-app-id")
            .app_secret("fake-app-secret")
            .app_host(base_url)
            .timeout(TIMEOUT)
            .connect_timeout(TIMEOUT)
            .build()
            .unwrap(),
    )
    .unwrap()
}

async fn setup() -> (FakeServer, GenAuthClient) {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    let client = client_for(&server.base_url());
    (server, client)
}

/// One login, bounded by the hang guard.
async fn login(c: &GenAuthClient) -> Result<LoginTokenSet, Error> {
    login_with(c, PasswordEncryptType::None).await
}

async fn login_with(c: &GenAuthClient, enc: PasswordEncryptType) -> Result<LoginTokenSet, Error> {
    let opts = Some(SignInOptions {
        password_encrypt_type: Some(enc),
        ..Default::default()
    });
    tokio::time::timeout(
        HANG_GUARD,
        c.sign_in_by_account_password("alice", "Passw0rd!", opts),
    )
    .await
    .expect("the call hung past the hang guard")
}

/// Injects `fault` on the signin path, logs in, and returns the error; then checks that the
/// server is fine again (the fault was used up by exactly one request).
async fn signin_fault(fault: Fault) -> Error {
    let (server, c) = setup().await;
    server.inject_fault(SIGNIN, fault.clone());
    let started = Instant::now();
    let e = login(&c).await.expect_err("a faulted login must fail");
    assert!(
        started.elapsed() < TIMEOUT * 3,
        "{fault:?} took {:?}",
        started.elapsed()
    );
    assert_eq!(server.pending_faults(), 0);
    assert_eq!(server.request_count(SIGNIN), 1, "{fault:?}: attempted once");
    // Display and Debug never panic and stay bounded.
    assert!(e.to_string().len() < 2_000, "{e}");
    assert!(format!("{e:?}").len() < 2_000);
    login(&c).await.expect("the next login succeeds");
    e
}

#[tokio::test]
async fn html_502_page_is_an_http_status_error() {
    let e = signin_fault(Fault::Html502).await;
    match &e {
        Error::HttpStatus {
            status: 502,
            body_excerpt,
        } => assert!(body_excerpt.contains("502 Bad Gateway"), "{e:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(e.kind().as_str(), "http_status");
}

#[tokio::test]
async fn empty_body_is_a_decode_error() {
    let e = signin_fault(Fault::EmptyBody).await;
    assert!(
        matches!(&e, Error::Decode { reason, body_excerpt }
            if reason.starts_with("not a GenAuth envelope: EOF while parsing") && body_excerpt.is_empty()),
        "{e:?}"
    );
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_without_the_token() {
    let e = signin_fault(Fault::TruncatedJson).await;
    let Error::Decode {
        reason,
        body_excerpt,
    } = &e
    else {
        panic!("{e:?}")
    };
    assert!(
        reason.starts_with("not a GenAuth envelope: EOF while parsing"),
        "{reason}"
    );
    assert!(
        body_excerpt.starts_with(r#"{"statusCode":200"#),
        "{body_excerpt}"
    );
    // The first half of a login reply may hold (part of) the access token: a string value after
    // a token key is redacted, never shown.
    for (i, _) in body_excerpt.match_indices(r#"_token":""#) {
        assert!(
            body_excerpt[i..].starts_with(r#"_token":"<redacted>""#),
            "{body_excerpt}"
        );
    }
}

#[tokio::test]
async fn envelope_without_status_code_is_a_decode_error() {
    let e = signin_fault(Fault::MissingStatusCode).await;
    assert!(
        matches!(&e, Error::Decode { reason, body_excerpt }
            if reason == "the envelope has no statusCode"
                && body_excerpt.contains(r#""access_token":"<redacted>""#)),
        "{e:?}"
    );
}

#[tokio::test]
async fn data_of_the_wrong_type_is_a_decode_error() {
    let e = signin_fault(Fault::WrongDataType).await;
    assert!(
        matches!(&e, Error::Decode { reason, .. }
            if reason.starts_with("unexpected `data`: invalid type: string \"unexpected\"")),
        "{e:?}"
    );
}

#[tokio::test]
async fn huge_body_with_content_length_is_refused_unread() {
    let e = signin_fault(Fault::HugeBody {
        bytes: 6 * 1024 * 1024,
        chunked: false,
    })
    .await;
    assert!(
        matches!(e, Error::BodyTooLarge { limit } if limit == 4 * 1024 * 1024),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "response body larger than the 4194304-byte limit"
    );
}

#[tokio::test]
async fn huge_chunked_body_is_cut_off_at_the_limit() {
    let e = signin_fault(Fault::HugeBody {
        bytes: 6 * 1024 * 1024,
        chunked: true,
    })
    .await;
    assert!(
        matches!(e, Error::BodyTooLarge { limit } if limit == 4 * 1024 * 1024),
        "{e:?}"
    );
}

#[tokio::test]
async fn body_just_under_the_limit_is_read() {
    // The cap is on the body, not a guess: a 1 KiB limit refuses 2 KiB and reads 500 bytes.
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    let c = GenAuthClient::new(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(server.base_url())
            .timeout(TIMEOUT)
            .max_response_bytes(1024)
            .build()
            .unwrap(),
    )
    .unwrap();
    server.inject_fault(
        SIGNIN,
        Fault::HugeBody {
            bytes: 2048,
            chunked: true,
        },
    );
    assert!(matches!(
        login(&c).await,
        Err(Error::BodyTooLarge { limit: 1024 })
    ));
    server.inject_fault(
        SIGNIN,
        Fault::HugeBody {
            bytes: 500,
            chunked: true,
        },
    );
    // Read in full, then rejected as JSON, not as too large.
    assert!(matches!(login(&c).await, Err(Error::Decode { .. })));
}

#[tokio::test]
async fn reply_slower_than_the_timeout_is_a_timeout() {
    let e = signin_fault(Fault::Delay(Duration::from_secs(3))).await;
    assert!(matches!(e, Error::Timeout(d) if d == TIMEOUT), "{e:?}");
    assert_eq!(e.to_string(), "request timed out after 400ms");
}

#[tokio::test]
async fn stalled_body_after_headers_is_a_timeout() {
    let e = signin_fault(Fault::StallAfterHeaders).await;
    assert!(matches!(e, Error::Timeout(d) if d == TIMEOUT), "{e:?}");
}

#[tokio::test]
async fn connection_closed_before_a_reply_is_a_transport_error() {
    let e = signin_fault(Fault::CloseBeforeReply).await;
    match &e {
        Error::Transport(m) => {
            assert!(
                m.contains("connection closed before message completed"),
                "{m}"
            );
            assert!(!m.starts_with("connection failed"), "{m}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let c = client_for(&refused_base_url());
    let started = Instant::now();
    let e = login(&c).await.unwrap_err();
    assert!(started.elapsed() < TIMEOUT * 2);
    match &e {
        Error::Transport(m) => {
            assert!(m.starts_with("connection failed: "), "{m}");
            assert!(m.contains("Connection refused"), "{m}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.kind().as_str(), "transport");
}

#[tokio::test]
async fn oauth_style_4xx_is_an_oauth_error() {
    let e = signin_fault(Fault::OAuthError {
        status: 400,
        error: "invalid_grant".into(),
        description: Some("grant expired".into()),
    })
    .await;
    assert!(
        matches!(&e, Error::OAuth { status: 400, error, description: Some(d) }
            if error == "invalid_grant" && d == "grant expired"),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "OAuth error (HTTP 400): invalid_grant: grant expired"
    );
    let e = signin_fault(Fault::OAuthError {
        status: 401,
        error: "invalid_client".into(),
        description: None,
    })
    .await;
    assert!(
        matches!(
            &e,
            Error::OAuth {
                status: 401,
                description: None,
                ..
            }
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn envelope_error_with_api_code_and_request_id() {
    let e = signin_fault(Fault::EnvelopeError {
        status_code: 403,
        api_code: Some(2333),
        message: "wrong password".into(),
        request_id: true,
    })
    .await;
    assert!(
        matches!(&e, Error::Api { status_code: 403, api_code: Some(2333), message, request_id: Some(r) }
            if message == "wrong password" && !r.is_empty()),
        "{e:?}"
    );
    assert!(
        e.to_string().starts_with(
            "GenAuth API error: statusCode=403 apiCode=2333 message=\"wrong password\" requestId="
        ),
        "{e}"
    );
}

#[tokio::test]
async fn envelope_error_without_api_code_or_request_id() {
    let e = signin_fault(Fault::EnvelopeError {
        status_code: 500,
        api_code: None,
        message: "internal".into(),
        request_id: false,
    })
    .await;
    assert!(
        matches!(
            &e,
            Error::Api {
                status_code: 500,
                api_code: None,
                request_id: None,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "GenAuth API error: statusCode=500 message=\"internal\""
    );
}

#[tokio::test]
async fn rate_limit_and_unavailable_with_retry_after_are_http_status_errors() {
    for status in [429u16, 503] {
        let e = signin_fault(Fault::Status {
            status,
            retry_after: Some(1),
        })
        .await;
        assert!(
            matches!(&e, Error::HttpStatus { status: s, .. } if *s == status),
            "{e:?}"
        );
        assert_eq!(e.http_status(), Some(status));
    }
}

#[tokio::test]
async fn faults_on_the_key_fetch_fail_an_encrypted_login_and_are_not_cached() {
    let (server, c) = setup().await;
    for (fault, check) in [
        (
            Fault::Html502,
            (|e: &Error| matches!(e, Error::HttpStatus { status: 502, .. })) as fn(&Error) -> bool,
        ),
        (Fault::WrongDataType, |e| matches!(e, Error::Decode { .. })),
        (Fault::TruncatedJson, |e| matches!(e, Error::Decode { .. })),
        (Fault::StallAfterHeaders, |e| matches!(e, Error::Timeout(_))),
        (Fault::CloseBeforeReply, |e| {
            matches!(e, Error::Transport(_))
        }),
    ] {
        server.inject_fault(SYSTEM, fault.clone());
        let e = login_with(&c, PasswordEncryptType::Rsa).await.unwrap_err();
        assert!(check(&e), "{fault:?}: {e:?}");
    }
    // No signin was sent with a missing key; the next login fetches the keys and succeeds.
    assert_eq!(server.request_count(SIGNIN), 0);
    login_with(&c, PasswordEncryptType::Sm2).await.unwrap();
    assert_eq!(server.request_count(SIGNIN), 1);
}

#[tokio::test]
async fn bare_endpoint_faults() {
    let (server, c) = setup().await;
    let call = || tokio::time::timeout(HANG_GUARD, c.get_system_info());
    server.inject_fault(SYSTEM, Fault::EmptyBody);
    assert!(matches!(call().await.unwrap(), Err(Error::Decode { .. })));
    server.inject_fault(SYSTEM, Fault::WrongDataType);
    let e = call().await.unwrap().unwrap_err();
    assert!(
        matches!(&e, Error::Decode { reason, .. } if reason.contains("invalid type: string")),
        "{e:?}"
    );
    server.inject_fault(
        SYSTEM,
        Fault::Status {
            status: 504,
            retry_after: None,
        },
    );
    assert!(matches!(
        call().await.unwrap(),
        Err(Error::HttpStatus { status: 504, .. })
    ));
    assert!(call().await.unwrap().is_ok());
}

#[tokio::test]
async fn faults_are_consumed_in_order_per_path() {
    let (server, c) = setup().await;
    server.inject_fault(SIGNIN, Fault::Html502);
    server.inject_fault(
        genauth_fake::ANY_PATH,
        Fault::Status {
            status: 503,
            retry_after: None,
        },
    );
    server.inject_fault(SIGNIN, Fault::EmptyBody);
    assert_eq!(server.pending_faults(), 3);
    assert!(matches!(
        login(&c).await,
        Err(Error::HttpStatus { status: 502, .. })
    ));
    assert!(matches!(
        login(&c).await,
        Err(Error::HttpStatus { status: 503, .. })
    ));
    assert!(matches!(login(&c).await, Err(Error::Decode { .. })));
    login(&c).await.unwrap();
    server.inject_fault(SIGNIN, Fault::Html502);
    server.clear_faults();
    login(&c).await.unwrap();
}
