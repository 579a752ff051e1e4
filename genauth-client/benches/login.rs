//! One login over loopback: the generated client vs the same request hand-written with reqwest
//! (issue 6, measurement 1).
//!
//! The in-repo fake server runs on its own 1-worker tokio runtime (its own thread); the client
//! side runs on a current-thread runtime in the bench thread. Both clients are a
//! `reqwest::Client` built with the same settings as `ReqwestTransport::new` (one pool, one
//! kept-alive HTTP/1.1 connection), send identical bytes and headers (asserted at setup), and
//! decode the reply into `LoginTokenSet`. Password encryption `none`, `client_secret_post`.
//!
//! ```text
//! cargo bench -p genauth-client --bench login
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use genauth_client::transport::RequestLimits;
use genauth_client::{
    AuthenticationExt, ClientOptions, Connection, GenAuthClient, LoginTokenSet,
    PasswordEncryptType, PasswordPayload, ReqwestTransport, SignInByCredentialsDto, SignInOptions,
    Transport,
};
use genauth_fake::{FakeServer, FakeServerConfig};
use http::{HeaderMap, HeaderName, HeaderValue};
use serde::Deserialize;

fn sign_in_options() -> Option<SignInOptions> {
    Some(SignInOptions {
        scope: Some("openid profile".into()),
        password_encrypt_type: Some(PasswordEncryptType::None),
        ..Default::default()
    })
}

/// The hand-written client: reqwest + serde, prepared once like a careful user would.
struct Hand {
    http: reqwest::Client,
    url: String,
    headers: HeaderMap,
    app_id: String,
    app_secret: String,
    /// Diagnostic: the library's own transport, fed the hand-built request.
    transport: ReqwestTransport,
    uri: http::Uri,
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "statusCode")]
    status_code: i64,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    data: Option<LoginTokenSet>,
}

impl Hand {
    fn new(base_url: &str, app_id: &str, app_secret: &str) -> Self {
        // Exactly `ReqwestTransport::new(connect_timeout, timeout)` with the default options
        // (connect 5 s, total 10 s).
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .pool_idle_timeout(Duration::from_secs(90))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("genauth-rs/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap();
        let mut headers = HeaderMap::new();
        for (k, v) in [
            ("x-genauth-app-id", app_id),
            ("x-genauth-request-from", "sdk"),
            (
                "x-genauth-sdk-version",
                concat!("rust:", env!("CARGO_PKG_VERSION")),
            ),
            ("content-type", "application/json"),
        ] {
            headers.insert(
                HeaderName::from_static(k),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        Hand {
            http,
            url: format!("{}/api/v3/signin", base_url.trim_end_matches('/')),
            headers,
            app_id: app_id.to_owned(),
            app_secret: app_secret.to_owned(),
            transport: ReqwestTransport::new(Duration::from_secs(5), Duration::from_secs(10))
                .unwrap(),
            uri: format!("{}/api/v3/signin", base_url.trim_end_matches('/'))
                .parse()
                .unwrap(),
        }
    }

    fn body(&self, account: &str, password: &str) -> Vec<u8> {
        let dto = SignInByCredentialsDto {
            connection: Connection::Password,
            password_payload: Some(PasswordPayload {
                password: password.into(),
                account: Some(account.to_owned()),
                ..Default::default()
            }),
            options: sign_in_options(),
            ..Default::default()
        };
        let mut body = serde_json::to_vec(&dto).unwrap();
        body.pop();
        body.extend_from_slice(b",\"client_id\":");
        serde_json::to_writer(&mut body, &self.app_id).unwrap();
        body.extend_from_slice(b",\"client_secret\":");
        serde_json::to_writer(&mut body, &self.app_secret).unwrap();
        body.push(b'}');
        body
    }

    async fn sign_in(&self, account: &str, password: &str) -> LoginTokenSet {
        let bytes = self
            .http
            .post(&self.url)
            .headers(self.headers.clone())
            .body(self.body(account, password))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let env: Envelope = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(env.status_code, 200, "{:?}", env.message);
        env.data.unwrap()
    }

    /// The same request and decoding, sent through `ReqwestTransport::execute` (diagnostic:
    /// splits the generated path's extra cost into transport and pipeline).
    async fn sign_in_via_transport(&self, account: &str, password: &str) -> LoginTokenSet {
        let mut req = http::Request::new(Bytes::from(self.body(account, password)));
        *req.method_mut() = http::Method::POST;
        *req.uri_mut() = self.uri.clone();
        *req.headers_mut() = self.headers.clone();
        let limits = RequestLimits {
            timeout: Duration::from_secs(10),
            max_response_bytes: 4 << 20,
        };
        let resp = self.transport.execute(req, limits).await.unwrap();
        let env: Envelope = serde_json::from_slice(resp.body()).unwrap();
        assert_eq!(env.status_code, 200, "{:?}", env.message);
        env.data.unwrap()
    }
}

/// On-CPU time of the calling thread (ns), from `/proc/thread-self/schedstat`: the client side
/// only (the server runs on its own thread).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn bench(c: &mut Criterion) {
    // The server: its own runtime and thread, alive for the whole bench.
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = server_rt
        .block_on(FakeServer::start(FakeServerConfig::default()))
        .unwrap();
    let base = server.base_url();

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = rt.block_on(async {
        let o = ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(&base)
            .build()
            .unwrap();
        GenAuthClient::new(o).unwrap()
    });
    let hand = rt.block_on(async { Hand::new(&base, server.app_id(), server.app_secret()) });

    // Same bytes and headers on the wire (the server records both).
    rt.block_on(async {
        server.clear_requests();
        client
            .sign_in_by_account_password("alice", "Passw0rd!", sign_in_options())
            .await
            .unwrap();
        hand.sign_in("alice", "Passw0rd!").await;
    });
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].body, reqs[1].body, "different bodies");
    let mut h0 = reqs[0].headers.clone();
    let mut h1 = reqs[1].headers.clone();
    h0.sort();
    h1.sort();
    assert_eq!(h0, h1, "different headers");

    // Every enclosing future embeds (and moves) the whole transport future.
    let fut = client.sign_in_by_account_password("alice", "Passw0rd!", sign_in_options());
    let hand_fut = hand.sign_in("alice", "Passw0rd!");
    println!(
        "login_loopback/future_size: generated {} bytes, hand_reqwest {} bytes",
        std::mem::size_of_val(&fut),
        std::mem::size_of_val(&hand_fut)
    );
    drop((fut, hand_fut));

    let mut g = c.benchmark_group("login_loopback");
    g.bench_function("generated", |b| {
        b.iter_custom(|iters| {
            server.clear_requests();
            rt.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    let t = client
                        .sign_in_by_account_password(
                            black_box("alice"),
                            black_box("Passw0rd!"),
                            sign_in_options(),
                        )
                        .await
                        .unwrap();
                    black_box(t);
                }
                start.elapsed()
            })
        })
    });
    g.bench_function("hand_reqwest", |b| {
        b.iter_custom(|iters| {
            server.clear_requests();
            rt.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    black_box(
                        hand.sign_in(black_box("alice"), black_box("Passw0rd!"))
                            .await,
                    );
                }
                start.elapsed()
            })
        })
    });
    g.finish();

    // Paired, interleaved blocks, the order rotating every block (A B C, B C A, C A B, ...):
    // robust to the load of a shared machine, which shifts between two criterion benches that
    // run one after the other, and to any position effect inside a block.
    // C (diagnostic) is the hand-built request sent through the library's `ReqwestTransport`.
    let (blocks, per_block) = (60, 100);
    let mut totals = [Duration::ZERO; 3];
    let mut cpu_totals = [0u64; 3];
    let mut ratios: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    rt.block_on(async {
        for block in 0..blocks {
            server.clear_requests();
            let mut t = [Duration::ZERO; 3];
            for k in 0..3 {
                let which = (block + k) % 3;
                let (t0, c0) = (Instant::now(), thread_cpu_ns());
                for _ in 0..per_block {
                    match which {
                        0 => {
                            black_box(
                                client
                                    .sign_in_by_account_password(
                                        "alice",
                                        "Passw0rd!",
                                        sign_in_options(),
                                    )
                                    .await
                                    .unwrap(),
                            );
                        }
                        1 => {
                            black_box(hand.sign_in("alice", "Passw0rd!").await);
                        }
                        _ => {
                            black_box(hand.sign_in_via_transport("alice", "Passw0rd!").await);
                        }
                    }
                }
                t[which] = t0.elapsed();
                cpu_totals[which] += thread_cpu_ns() - c0;
            }
            for i in 0..3 {
                totals[i] += t[i];
            }
            ratios[0].push(t[0].as_secs_f64() / t[1].as_secs_f64());
            ratios[1].push(t[2].as_secs_f64() / t[1].as_secs_f64());
        }
    });
    let n = (blocks * per_block) as f64;
    let us = |d: Duration| d.as_secs_f64() * 1e6 / n;
    for r in &mut ratios {
        r.sort_by(f64::total_cmp);
    }
    let q = |r: &Vec<f64>| (r[blocks / 2], r[blocks / 4], r[3 * blocks / 4]);
    let (m, lo, hi) = q(&ratios[0]);
    println!(
        "login_loopback/paired: generated {:.1} µs, hand_reqwest {:.1} µs (means over {} calls \
         each); median block ratio generated/hand = {m:.3} (quartiles {lo:.3} .. {hi:.3})",
        us(totals[0]),
        us(totals[1]),
        blocks * per_block,
    );
    let cpu = |i: usize| cpu_totals[i] as f64 / 1e3 / n;
    println!(
        "login_loopback/paired: client-thread CPU per login: generated {:.1} µs, hand_reqwest \
         {:.1} µs, via_transport {:.1} µs; ratio generated/hand = {:.3}",
        cpu(0),
        cpu(1),
        cpu(2),
        cpu(0) / cpu(1),
    );
    let (m, lo, hi) = q(&ratios[1]);
    println!(
        "login_loopback/paired: hand request through ReqwestTransport {:.1} µs; median block \
         ratio via_transport/hand = {m:.3} (quartiles {lo:.3} .. {hi:.3})",
        us(totals[2]),
    );
    drop(client);
    drop(hand);
    drop(rt);
    server_rt.block_on(server.shutdown());
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(6));
    targets = bench
}
criterion_main!(benches);
