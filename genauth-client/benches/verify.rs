//! Token verification and the axum guard (issue 13, "Performance").
//!
//! 1. `verify_rs256`: one RS256 access token (RSA-2048, the fake server's key) verified with a
//!    warm JWKS cache: `TokenVerifier::verify_access_token` (our JWS parsing, `rsa` 0.10,
//!    claims checks) against `jsonwebtoken` 11 (`rust_crypto` backend, rsa 0.9) doing the same:
//!    the same token, a `DecodingKey` built once from the same JWK, the same issuer, audience,
//!    leeway and required claims, decoding into the same `AccessTokenClaims`. Both run through
//!    the same `block_on` of a current-thread runtime (ours is async for the JWKS fetch).
//! 2. `guard_loopback`: one GET over loopback (reqwest, one kept-alive HTTP/1.1 connection) to
//!    an axum route behind `Guard::require_scope` (offline, warm JWKS) against the same handler
//!    unguarded, on the same server.
//!
//! Each prints criterion's figures and a paired line: interleaved blocks (A B, B A, …), the
//! median of the per-block ratios with quartiles, robust to load shifts on a shared machine.
//!
//! ```text
//! cargo bench -p genauth-client --features axum --bench verify
//! ```

use std::hint::black_box;
use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::routing::get;
use criterion::{Criterion, criterion_group, criterion_main};
use genauth_client::Oidc;
use genauth_client::guard::Guard;
use genauth_client::oidc::{AccessTokenClaims, TokenVerifier};
use genauth_fake::{FakeServer, FakeServerConfig};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::json;

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Interleaved blocks of `per_block` calls of `a` and `b`, alternating which goes first.
/// Returns (mean µs of a, mean µs of b, median a/b, lower quartile, upper quartile).
fn paired(
    blocks: usize,
    per_block: usize,
    mut a: impl FnMut(),
    mut b: impl FnMut(),
) -> (f64, f64, f64, f64, f64) {
    let mut totals = [Duration::ZERO; 2];
    let mut ratios = Vec::with_capacity(blocks);
    for block in 0..blocks {
        let mut t = [Duration::ZERO; 2];
        for k in 0..2 {
            let which = (block + k) % 2;
            let t0 = Instant::now();
            for _ in 0..per_block {
                if which == 0 { a() } else { b() }
            }
            t[which] = t0.elapsed();
        }
        totals[0] += t[0];
        totals[1] += t[1];
        ratios.push(t[0].as_secs_f64() / t[1].as_secs_f64());
    }
    ratios.sort_by(f64::total_cmp);
    let n = (blocks * per_block) as f64;
    (
        totals[0].as_secs_f64() * 1e6 / n,
        totals[1].as_secs_f64() * 1e6 / n,
        ratios[blocks / 2],
        ratios[blocks / 4],
        ratios[3 * blocks / 4],
    )
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn bench(c: &mut Criterion) {
    println!(
        "machine: {} CPUs, load average {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load()
    );
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = server_rt
        .block_on(FakeServer::start(FakeServerConfig::default()))
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = server.client();
    let token = server.sign_jwt(&json!({
        "iss": server.issuer(),
        "aud": server.app_id(),
        "sub": "user-1",
        "iat": now(),
        "exp": now() + 24 * 3600,
        "scope": "openid profile orders:read",
        "client_id": server.app_id(),
        "jti": "bench",
    }));

    // Ours, warm.
    let verifier: TokenVerifier<_> = client.token_verifier();
    let ours = rt.block_on(verifier.verify_access_token(&token)).unwrap();

    // jsonwebtoken, with a key built once from the same JWK and the same checks.
    let jwks = rt.block_on(client.get_jwks()).unwrap();
    let jwk = &jwks.keys[0];
    let key =
        DecodingKey::from_rsa_components(jwk.n.as_ref().unwrap(), jwk.e.as_ref().unwrap()).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.leeway = 60;
    validation.validate_nbf = true;
    validation.set_issuer(&[server.issuer()]);
    validation.set_audience(&[server.app_id()]);
    validation.set_required_spec_claims(&["exp", "iss", "aud"]);
    let theirs = jsonwebtoken::decode::<AccessTokenClaims>(&token, &key, &validation)
        .unwrap()
        .claims;
    assert_eq!(ours, theirs, "both verify to the same claims");

    let mut ours_once = || {
        rt.block_on(async {
            black_box(
                verifier
                    .verify_access_token(black_box(&token))
                    .await
                    .unwrap(),
            );
        })
    };
    let mut theirs_once = || {
        rt.block_on(async {
            black_box(
                jsonwebtoken::decode::<AccessTokenClaims>(black_box(&token), &key, &validation)
                    .unwrap(),
            );
        })
    };

    let mut g = c.benchmark_group("verify_rs256");
    g.bench_function("genauth", |b| b.iter(&mut ours_once));
    g.bench_function("jsonwebtoken", |b| b.iter(&mut theirs_once));
    g.finish();
    let (a, b, m, lo, hi) = paired(40, 200, &mut ours_once, &mut theirs_once);
    println!(
        "verify_rs256/paired: genauth {a:.2} µs, jsonwebtoken {b:.2} µs (means over 8000 each); \
         median block ratio genauth/jsonwebtoken = {m:.3} (quartiles {lo:.3} .. {hi:.3}); load {}",
        load()
    );
    assert_eq!(
        server.request_count("/oidc/.well-known/jwks.json"),
        2,
        "one JWKS fetch for our verifier, one for the jsonwebtoken key: the cache stayed warm"
    );

    // The guard over loopback: the same handler with and without it.
    let guard = Guard::offline(verifier.clone());
    let app = Router::new().route("/open", get(|| async { "ok" })).route(
        "/guarded",
        get(|| async { "ok" }).layer(guard.require_scope("orders:read").unwrap()),
    );
    let listener = server_rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    server_rt.spawn(async move { axum::serve(listener, app).await });
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(1)
        .build()
        .unwrap();
    let open_url = format!("http://{addr}/open");
    let guarded_url = format!("http://{addr}/guarded");
    let bearer = format!("Bearer {token}");
    let get_status = |url: &str, auth: bool| {
        rt.block_on(async {
            let mut req = http.get(url);
            if auth {
                req = req.header("authorization", &bearer);
            }
            let resp = req.send().await.unwrap();
            let status = resp.status().as_u16();
            black_box(resp.bytes().await.unwrap());
            status
        })
    };
    assert_eq!(get_status(&guarded_url, true), 200);
    assert_eq!(get_status(&guarded_url, false), 401);
    assert_eq!(get_status(&open_url, true), 200);
    let mut guarded_once = || assert_eq!(get_status(&guarded_url, true), 200);
    let mut open_once = || assert_eq!(get_status(&open_url, true), 200);

    let mut g = c.benchmark_group("guard_loopback");
    g.bench_function("guarded", |b| b.iter(&mut guarded_once));
    g.bench_function("unguarded", |b| b.iter(&mut open_once));
    g.finish();
    let (a, b, m, lo, hi) = paired(40, 100, &mut guarded_once, &mut open_once);
    println!(
        "guard_loopback/paired: guarded {a:.1} µs, unguarded {b:.1} µs per request (means over \
         4000 each); overhead {:.1} µs; median block ratio guarded/unguarded = {m:.3} \
         (quartiles {lo:.3} .. {hi:.3}); load {}",
        a - b,
        load()
    );
    drop(http);
    drop(rt);
    server_rt.block_on(server.shutdown());
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
