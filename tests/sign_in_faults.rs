//! The `sign_in` example under every fault of the fault matrix (tests/faults.rs): each gives
//! exactly one clear line on stderr, nothing on stdout, exit code 1, and no secret.

mod common;

use common::example_binary;
use std::process::{Command, Output};
use std::time::Duration;

use genauth_fake::{FakeServer, FakeServerConfig, Fault, refused_base_url};

const PASSWORD: &str = "Passw0rd!";

async fn sign_in(host: &str, secret: &str, encrypt: &str) -> Output {
    let mut cmd = Command::new(example_binary());
    cmd.args([
        "--account",
        "alice",
        "--password",
        PASSWORD,
        "--encrypt",
        encrypt,
        "--timeout-ms",
        "400",
    ])
    .env_remove("GENAUTH_LANG")
    .env("GENAUTH_APP_ID", "fake-app-id")
    .env("GENAUTH_APP_SECRET", secret)
    .env("GENAUTH_APP_HOST", host);
    // The server runs on this test's runtime: run the child off-thread.
    tokio::time::timeout(
        Duration::from_secs(30),
        tokio::task::spawn_blocking(move || cmd.output().unwrap()),
    )
    .await
    .expect("sign_in hung")
    .unwrap()
}

/// How the one stderr line must look.
enum Line {
    Exact(&'static str),
    /// Starts with the first, contains the second.
    Starts(&'static str, &'static str),
}

fn check(what: &str, out: &Output, expected: &Line, secret: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
    assert!(out.stdout.is_empty(), "{what}: stdout not empty");
    assert_eq!(stderr.lines().count(), 1, "{what}: {stderr}");
    assert!(stderr.ends_with('\n'));
    let line = stderr.trim_end();
    match expected {
        Line::Exact(s) => assert_eq!(line, *s, "{what}"),
        Line::Starts(p, c) => assert!(line.starts_with(p) && line.contains(c), "{what}: {line}"),
    }
    assert!(line.len() < 600, "{what}: {} chars", line.len());
    assert!(
        !line.contains(PASSWORD) && !line.contains(secret),
        "{what}: {line}"
    );
    println!("{what:>28} -> {line}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_is_one_clear_stderr_line_and_exit_1() {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    let host = server.base_url();
    let secret = server.app_secret().to_owned();
    let cases: Vec<(&str, Fault, Line)> = vec![
        (
            "HTML 502",
            Fault::Html502,
            Line::Starts(
                "error: kind=http_status status=502 body=\"<html>\\r\\n<head><title>502 Bad Gateway</title>",
                "…\"",
            ),
        ),
        (
            "empty body",
            Fault::EmptyBody,
            Line::Exact(
                "error: kind=decode reason=\"not a GenAuth envelope: EOF while parsing a value at line 1 column 0\" body=\"\"",
            ),
        ),
        (
            "truncated JSON",
            Fault::TruncatedJson,
            Line::Starts(
                "error: kind=decode reason=\"not a GenAuth envelope: EOF while parsing",
                "body=\"{\\\"statusCode\\\":200",
            ),
        ),
        (
            "missing statusCode",
            Fault::MissingStatusCode,
            Line::Starts(
                "error: kind=decode reason=\"the envelope has no statusCode\" body=\"{\\\"message\\\":",
                "",
            ),
        ),
        (
            "data of the wrong type",
            Fault::WrongDataType,
            Line::Starts(
                "error: kind=decode reason=\"unexpected `data`: invalid type: string \\\"unexpected\\\"",
                "",
            ),
        ),
        (
            "huge body",
            Fault::HugeBody {
                bytes: 6 << 20,
                chunked: true,
            },
            Line::Exact(
                "error: kind=body_too_large message=\"response body larger than the 4194304-byte limit\"",
            ),
        ),
        (
            "reply slower than timeout",
            Fault::Delay(Duration::from_secs(3)),
            Line::Exact("error: kind=timeout message=\"request timed out after 400ms\""),
        ),
        (
            "stall after headers",
            Fault::StallAfterHeaders,
            Line::Exact("error: kind=timeout message=\"request timed out after 400ms\""),
        ),
        (
            "closed before reply",
            Fault::CloseBeforeReply,
            Line::Starts(
                "error: kind=transport message=\"transport error: ",
                "connection closed before message completed",
            ),
        ),
        (
            "OAuth 4xx",
            Fault::OAuthError {
                status: 400,
                error: "invalid_grant".into(),
                description: Some("grant expired".into()),
            },
            Line::Exact(
                "error: kind=oauth status=400 error=\"invalid_grant\" description=\"grant expired\"",
            ),
        ),
        (
            "envelope error with ids",
            Fault::EnvelopeError {
                status_code: 403,
                api_code: Some(2333),
                message: "wrong password".into(),
                request_id: true,
            },
            Line::Starts(
                "error: kind=api statusCode=403 apiCode=2333 message=\"wrong password\" requestId=",
                "",
            ),
        ),
        (
            "envelope error without ids",
            Fault::EnvelopeError {
                status_code: 500,
                api_code: None,
                message: "internal\nerror".into(),
                request_id: false,
            },
            Line::Exact("error: kind=api statusCode=500 message=\"internal\\nerror\""),
        ),
        (
            "429 Retry-After",
            Fault::Status {
                status: 429,
                retry_after: Some(1),
            },
            Line::Exact("error: kind=http_status status=429 body=\"Too Many Requests\""),
        ),
        (
            "503 Retry-After",
            Fault::Status {
                status: 503,
                retry_after: Some(1),
            },
            Line::Exact("error: kind=http_status status=503 body=\"Service Unavailable\""),
        ),
    ];
    for (what, fault, expected) in &cases {
        server.inject_fault("/api/v3/signin", fault.clone());
        let out = sign_in(&host, &secret, "none").await;
        check(what, &out, expected, &secret);
        assert_eq!(server.pending_faults(), 0, "{what}");
    }
    // The key fetch of an encrypted login fails the same way.
    server.inject_fault("/api/v3/system", Fault::Html502);
    let out = sign_in(&host, &secret, "rsa").await;
    check(
        "HTML 502 on the key fetch",
        &out,
        &Line::Starts("error: kind=http_status status=502 body=\"<html>", ""),
        &secret,
    );

    let out = sign_in(&refused_base_url(), &secret, "sm2").await;
    check(
        "connection refused",
        &out,
        &Line::Starts(
            "error: kind=transport message=\"transport error: connection failed: ",
            "Connection refused",
        ),
        &secret,
    );
}
