//! The `sign_in` example's interface (flags, stdout, stderr, exit codes) against the fake server.
//! Other tools drive this binary, so its contract is pinned here.

mod common;

use common::example_binary;
use std::process::{Command, Output};

use genauth_fake::{FakeServer, FakeServerConfig};

async fn run(server: Option<&FakeServer>, args: &[&str]) -> Output {
    let mut cmd = Command::new(example_binary());
    cmd.args(args)
        .env_remove("GENAUTH_LANG")
        .env_remove("GENAUTH_APP_ID")
        .env_remove("GENAUTH_APP_SECRET")
        .env_remove("GENAUTH_APP_HOST");
    if let Some(s) = server {
        cmd.env("GENAUTH_APP_ID", s.app_id())
            .env("GENAUTH_APP_SECRET", s.app_secret())
            .env("GENAUTH_APP_HOST", s.base_url());
    }
    // The server runs on this test's runtime: run the child off-thread.
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn success_prints_one_json_object_and_exits_0() {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    for enc in ["none", "rsa", "sm2"] {
        let out = run(
            Some(&server),
            &[
                "--account",
                "alice",
                "--password",
                "Passw0rd!",
                "--encrypt",
                enc,
            ],
        )
        .await;
        assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert_eq!(stdout.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
        assert!(v["access_token"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(v["expires_in"].as_u64().is_some());
        assert!(out.stderr.is_empty());
    }
    let out = run(
        Some(&server),
        &[
            "--ldap",
            "alice",
            "--password",
            "Passw0rd!",
            "--auth-method",
            "client_secret_post",
            "--timeout-ms",
            "5000",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_failure_is_one_line_and_exit_1() {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    let out = run(
        Some(&server),
        &["--email", "alice@example.com", "--password", "wrong-pw-123"],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: kind=api statusCode=403 apiCode=2333 message="),
        "{err}"
    );
    assert!(err.contains("requestId="), "{err}");
    assert!(!err.contains("wrong-pw-123") && !err.contains(server.app_secret()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transport_and_config_failures_exit_1() {
    // Nothing listens on port 9 of loopback: connection refused.
    let out = Command::new(example_binary())
        .args(["--account", "a", "--password", "p", "--timeout-ms", "2000"])
        .env("GENAUTH_APP_ID", "x")
        .env("GENAUTH_APP_SECRET", "y")
        .env("GENAUTH_APP_HOST", "http://127.0.0.1:9")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: kind=transport"),
        "{}",
        text(&out.stderr)
    );

    let out = run(None, &["--account", "a", "--password", "p"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: kind=config"),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["--account", "a"][..],
        &["--account", "a", "--password", "p", "--passcode", "1"][..],
        &["--account", "a", "--passcode", "1"][..],
        &["--email", "a", "--password", "p", "--encrypt", "aes"][..],
        &["--email", "a", "--password", "p", "--timeout-ms", "soon"][..],
        &["--email", "a", "--password", "p", "--auth-method", "magic"][..],
        &["--email", "a", "--ldap", "b", "--password", "p"][..],
        &["--bogus"][..],
        &["--email"][..],
    ] {
        let out = run(None, args).await;
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stderr).contains("usage: sign_in"));
    }
}
