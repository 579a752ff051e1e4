//! The in-repo GenAuth-compatible server as a separate process, for `bench/compare.sh`: prints
//! its base URL on the first line of stdout, then serves until stdin is closed (or
//! `GENAUTH_BENCH_SERVER_TIMEOUT` seconds pass, default 900), and prints how many requests it
//! answered.
//!
//! ```text
//! cargo run --release --example bench_server
//! ```
//!
//! `GENAUTH_BENCH_SERVER_DELAY_MS=N` holds every `/api/v3/signin` reply back N ms (the first
//! 100,000 of them), to measure what waiting for a slower server costs the client.
//!
//! App id `fake-app-id`, secret `fake-app-secret`, `client_secret_post`, the demo user `alice` /
//! `Passw0rd!`.

use std::io::Read as _;
use std::time::Duration;

use genauth_fake::{FakeServer, FakeServerConfig, Fault};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let timeout = std::env::var("GENAUTH_BENCH_SERVER_TIMEOUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(900u64);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    rt.block_on(async {
        let server = FakeServer::start(FakeServerConfig::default()).await?;
        if let Some(ms) = std::env::var("GENAUTH_BENCH_SERVER_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            for _ in 0..100_000 {
                server.inject_fault("/api/v3/signin", Fault::Delay(Duration::from_millis(ms)));
            }
        }
        println!("{}", server.base_url());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut sink);
            let _ = tx.send(());
        });
        let _ = tokio::time::timeout(Duration::from_secs(timeout), rx).await;
        eprintln!(
            "bench_server: {} signin requests served",
            server.request_count("/api/v3/signin")
        );
        server.shutdown().await;
        Ok::<_, Box<dyn std::error::Error>>(())
    })
}
