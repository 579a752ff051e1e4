//! Load and concurrency: 2,000 logins, 64 in flight, on one client against the fake server,
//! mixing `none`, `rsa` and `sm2` password encryption. Zero failures, one `/api/v3/system` fetch
//! for the whole run, a bounded number of TCP connections (the pool reuses them), and flat
//! memory between the 500th and the 2,000th login.
//!
//! Runs in about 4 s in a debug build on 2 cores (dependencies are built at opt-level 1; the
//! fake server's RSA and SM2 decryption dominates).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use genauth::{
    AuthenticationExt, ClientOptions, GenAuthClient, PasswordEncryptType, SignInOptions,
};
use genauth_fake::{FakeServer, FakeServerConfig};

const TOTAL: usize = 2_000;
const WARMUP: usize = 500;
const IN_FLIGHT: usize = 64;
/// Connections the pool may open during the ramp-up: while all pooled connections are busy, a
/// new request races a fresh connect against the next idle connection, and a connect that loses
/// is still pooled. Seen here: 64-92 for the first 500 logins. Fresh connections per login
/// would be 2,000.
const RAMP_UP_CONNECTIONS: usize = 2 * IN_FLIGHT;
/// New connections allowed after the warm-up: steady state reuses the pool (seen here: 0).
const STEADY_STATE_NEW_CONNECTIONS: usize = 4;
/// RSS growth allowed from the 500th to the 2,000th login. A per-login leak of even 16 KiB
/// would add 24 MiB over 1,500 logins.
const RSS_GROWTH_LIMIT: u64 = 16 * 1024 * 1024;

fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("Linux /proc");
    let pages: u64 = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

/// Runs logins `from..to` with `IN_FLIGHT` workers; returns (failures, max in flight).
async fn run(client: &GenAuthClient, from: usize, to: usize) -> (Vec<String>, usize) {
    let next = Arc::new(AtomicUsize::new(from));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let max_in_flight = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..IN_FLIGHT {
        let (client, next, in_flight, max_in_flight) = (
            client.clone(),
            Arc::clone(&next),
            Arc::clone(&in_flight),
            Arc::clone(&max_in_flight),
        );
        workers.spawn(async move {
            let mut failures = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= to {
                    break failures;
                }
                let enc = [
                    PasswordEncryptType::None,
                    PasswordEncryptType::Rsa,
                    PasswordEncryptType::Sm2,
                ][i % 3];
                let opts = Some(SignInOptions {
                    password_encrypt_type: Some(enc),
                    ..Default::default()
                });
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                max_in_flight.fetch_max(now, Ordering::SeqCst);
                let r = client
                    .sign_in_by_account_password("alice", "Passw0rd!", opts)
                    .await;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                match r {
                    Ok(t) if t.access_token.is_some() => {}
                    Ok(_) => failures.push(format!("login {i} ({enc:?}): no access token")),
                    Err(e) => failures.push(format!("login {i} ({enc:?}): {e}")),
                }
            }
        });
    }
    let mut failures = Vec::new();
    while let Some(r) = workers.join_next().await {
        failures.extend(r.expect("worker panicked"));
    }
    (failures, max_in_flight.load(Ordering::SeqCst))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_mixed_logins_64_in_flight_on_one_client() {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    let client = GenAuthClient::new(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(server.base_url())
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap(),
    )
    .unwrap();

    let started = Instant::now();
    let (mut failures, max1) = run(&client, 0, WARMUP).await;
    let warm = started.elapsed();
    let system_fetches = server.request_count("/api/v3/system");
    let signins = server.request_count("/api/v3/signin");
    // Keep the server's request log from growing with the run (it is the server's memory, not
    // the client's, but it shares the process).
    server.clear_requests();
    let connections_warm = server.connection_count();
    let rss_warm = rss_bytes();

    let (more, max2) = run(&client, WARMUP, TOTAL).await;
    failures.extend(more);
    let total = started.elapsed();
    let rss_end = rss_bytes();
    let system_fetches = system_fetches + server.request_count("/api/v3/system");
    let signins = signins + server.request_count("/api/v3/signin");
    let connections = server.connection_count();

    println!(
        "{TOTAL} logins, {IN_FLIGHT} in flight (max seen {}): {:.1} s in all ({:.0} logins/s; first {WARMUP} in {:.1} s); \
         {connections} connections ({connections_warm} after {WARMUP}); {system_fetches} /api/v3/system fetch; RSS {:.1} MiB after {WARMUP}, {:.1} MiB after {TOTAL} ({:+.1} MiB)",
        max1.max(max2),
        total.as_secs_f64(),
        TOTAL as f64 / total.as_secs_f64(),
        warm.as_secs_f64(),
        rss_warm as f64 / 1048576.0,
        rss_end as f64 / 1048576.0,
        (rss_end as f64 - rss_warm as f64) / 1048576.0,
    );

    assert!(
        failures.is_empty(),
        "{} failures, first: {:?}",
        failures.len(),
        failures.first()
    );
    assert_eq!(signins, TOTAL);
    assert_eq!(
        system_fetches, 1,
        "the key cache fetches once for all 2,000"
    );
    assert_eq!(
        max1.max(max2),
        IN_FLIGHT,
        "64 logins were in flight at once"
    );
    assert!(
        connections_warm <= RAMP_UP_CONNECTIONS,
        "{connections_warm} connections for {WARMUP} logins: the pool is not reusing them"
    );
    assert!(
        connections <= connections_warm + STEADY_STATE_NEW_CONNECTIONS,
        "{} new connections for logins {WARMUP}..{TOTAL}: the pool is not reusing them",
        connections - connections_warm
    );
    assert!(
        rss_end <= rss_warm + RSS_GROWTH_LIMIT,
        "RSS grew {} bytes between login {WARMUP} and {TOTAL}",
        rss_end.saturating_sub(rss_warm)
    );
}
