//! Logins per second on one client at concurrency 1, 16 and 64, for password encryption
//! none / rsa / sm2 (issue 6, measurement 3), and client CPU per login against an external
//! server (measurement 5, driven by `bench/compare.sh`). A timed binary (`harness = false`), not
//! a test.
//!
//! ```text
//! cargo bench -p genauth-client --bench throughput
//! GENAUTH_BENCH_SECS=5 cargo bench -p genauth-client --bench throughput
//! # CPU per login against a server in another process (what bench/compare.sh runs):
//! GENAUTH_BENCH_URL=http://127.0.0.1:PORT GENAUTH_BENCH_N=2000 \
//!   cargo bench -p genauth-client --bench throughput
//! ```
//!
//! Throughput mode: the fake server and the client share this process (server: its own
//! 1-worker runtime; client: a 1-worker runtime, so that on a 2-CPU machine each side has about
//! one core). Each cell runs `C` tasks, each looping logins through one shared `GenAuthClient`,
//! for `GENAUTH_BENCH_SECS` seconds (default 3) after a short warm-up; the server's `/api/v3/system`
//! keys are fetched once by the warm-up and cached. Figures are server-bound: the fake server
//! decrypts every rsa/sm2 password.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use genauth_client::{
    AuthenticationExt, ClientOptions, GenAuthClient, PasswordEncryptType, SignInOptions,
};
use genauth_fake::{FakeServer, FakeServerConfig};

fn options(mode: PasswordEncryptType) -> Option<SignInOptions> {
    Some(SignInOptions {
        scope: Some("openid profile".into()),
        password_encrypt_type: Some(mode),
        ..Default::default()
    })
}

fn client(base: &str, app_id: &str, app_secret: &str) -> GenAuthClient {
    let o = ClientOptions::builder()
        .app_id(app_id)
        .app_secret(app_secret)
        .app_host(base)
        .build()
        .unwrap();
    GenAuthClient::new(o).unwrap()
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn mode_name(m: PasswordEncryptType) -> &'static str {
    m.as_str()
}

fn machine_line() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    format!(
        "# {} CPU(s): {cpu}; load average {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load.join(" ")
    )
}

/// Process CPU time (user + system) in nanoseconds, from `/proc/self/stat` (clock ticks,
/// USER_HZ = 100 on Linux) — includes threads that have exited.
fn proc_stat_cpu_ns() -> u64 {
    let s = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    // The command name (field 2) may contain spaces: fields are counted after its ')'.
    let rest = &s[s.rfind(')').expect("stat format") + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // rest[0] is field 3 (state); utime is field 14, stime field 15.
    let ticks: u64 = f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap();
    ticks * 10_000_000
}

/// On-CPU time of the live threads in nanoseconds, summed over `/proc/self/task/*/schedstat`
/// (nanosecond resolution).
fn schedstat_cpu_ns() -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir("/proc/self/task")
        .expect("/proc/self/task")
        .flatten()
    {
        if let Ok(s) = std::fs::read_to_string(e.path().join("schedstat"))
            && let Some(v) = s
                .split_whitespace()
                .next()
                .and_then(|v| v.parse::<u64>().ok())
        {
            total += v;
        }
    }
    total
}

/// `GENAUTH_BENCH_URL` set: N sequential logins against that server, client CPU per login.
fn cpu_mode(url: &str) {
    let n = env_u64("GENAUTH_BENCH_N", 2000);
    let app_id = std::env::var("GENAUTH_BENCH_APP_ID").unwrap_or_else(|_| "fake-app-id".into());
    let secret =
        std::env::var("GENAUTH_BENCH_APP_SECRET").unwrap_or_else(|_| "fake-app-secret".into());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for mode in [
        PasswordEncryptType::None,
        PasswordEncryptType::Rsa,
        PasswordEncryptType::Sm2,
    ] {
        let (wall, cpu_stat, cpu_sched) = rt.block_on(async {
            let c = client(url, &app_id, &secret);
            for _ in 0..20 {
                c.sign_in_by_account_password("alice", "Passw0rd!", options(mode))
                    .await
                    .unwrap();
            }
            let (s0, t0, w0) = (proc_stat_cpu_ns(), schedstat_cpu_ns(), Instant::now());
            for _ in 0..n {
                let t = c
                    .sign_in_by_account_password("alice", "Passw0rd!", options(mode))
                    .await
                    .unwrap();
                std::hint::black_box(t);
            }
            (
                w0.elapsed(),
                proc_stat_cpu_ns() - s0,
                schedstat_cpu_ns() - t0,
            )
        });
        // One parseable line per mode (bench/compare.sh reads `rust_cpu_us_per_login`).
        println!(
            "rust mode={} n={n} wall_us_per_login={:.1} rust_cpu_us_per_login={:.1} \
             (schedstat_ns) proc_stat_cpu_us_per_login={:.1} (10 ms ticks)",
            mode_name(mode),
            wall.as_secs_f64() * 1e6 / n as f64,
            cpu_sched as f64 / 1e3 / n as f64,
            cpu_stat as f64 / 1e3 / n as f64,
        );
    }
}

fn throughput_mode() {
    let secs = env_u64("GENAUTH_BENCH_SECS", 3);
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = server_rt
        .block_on(FakeServer::start(FakeServerConfig::default()))
        .unwrap();
    let base = server.base_url();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    println!("{}", machine_line());
    println!("# {secs} s per cell; server and client in this process, 1 tokio worker each");
    println!("| encryption | concurrency | logins/s | mean latency (ms) |");
    println!("|---|---:|---:|---:|");
    for mode in [
        PasswordEncryptType::None,
        PasswordEncryptType::Rsa,
        PasswordEncryptType::Sm2,
    ] {
        for conc in [1usize, 16, 64] {
            server.clear_requests();
            let c = rt.block_on(async { client(&base, server.app_id(), server.app_secret()) });
            let (count, elapsed) = rt.block_on(async {
                // Warm-up: opens connections, fetches and caches the server keys.
                let warm: Vec<_> = (0..conc)
                    .map(|_| {
                        let c = c.clone();
                        tokio::spawn(async move {
                            c.sign_in_by_account_password("alice", "Passw0rd!", options(mode))
                                .await
                                .unwrap();
                        })
                    })
                    .collect();
                for w in warm {
                    w.await.unwrap();
                }
                let stop = Arc::new(AtomicBool::new(false));
                let count = Arc::new(AtomicU64::new(0));
                let start = Instant::now();
                let tasks: Vec<_> = (0..conc)
                    .map(|_| {
                        let (c, stop, count) = (c.clone(), stop.clone(), count.clone());
                        tokio::spawn(async move {
                            while !stop.load(Ordering::Relaxed) {
                                let t = c
                                    .sign_in_by_account_password(
                                        "alice",
                                        "Passw0rd!",
                                        options(mode),
                                    )
                                    .await
                                    .unwrap();
                                std::hint::black_box(t);
                                count.fetch_add(1, Ordering::Relaxed);
                            }
                        })
                    })
                    .collect();
                tokio::time::sleep(Duration::from_secs(secs)).await;
                stop.store(true, Ordering::Relaxed);
                for t in tasks {
                    t.await.unwrap();
                }
                (count.load(Ordering::Relaxed), start.elapsed())
            });
            let per_s = count as f64 / elapsed.as_secs_f64();
            println!(
                "| {} | {conc} | {per_s:.0} | {:.2} |",
                mode_name(mode),
                conc as f64 * 1e3 / per_s
            );
        }
    }
    drop(rt);
    server_rt.block_on(server.shutdown());
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes no `--bench`: do nothing then.
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    match std::env::var("GENAUTH_BENCH_URL") {
        Ok(url) => cpu_mode(&url),
        Err(_) => throughput_mode(),
    }
}
