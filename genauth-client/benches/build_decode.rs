//! Request building + reply decoding alone, no network (issue 6, measurement 2).
//!
//! `generated`: `sign_in_by_account_password` through the macro-generated client over a fake
//! transport that answers a canned token envelope at once. `hand_serde`: the same work written by
//! hand with serde (build the DTO, serialise it, splice `client_id`/`client_secret` in, build the
//! `http::Request` with the same headers, hand it to the same fake transport, decode the envelope
//! into `LoginTokenSet` in one pass). The setup asserts both produce identical requests.
//!
//! The `parts/*` benches isolate the pieces where the two paths differ (see docs/performance.md).
//!
//! ```text
//! cargo bench -p genauth-client --bench build_decode
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use genauth_client::transport::RequestLimits;
use genauth_client::{
    AuthenticationExt, ClientOptions, Connection, GenAuthClient, LoginTokenSet,
    PasswordEncryptType, PasswordPayload, SignInByCredentialsDto, SignInOptions, Transport,
    TransportError,
};
use http::{HeaderName, HeaderValue};
use serde::Deserialize;

const APP_ID: &str = "6063fb2f3c9b0c6df55f39eb";
const APP_SECRET: &str = "2fe7c87a81f867d8c30324df12daedc7";
const HOST: &str = "https://tenant.genauth.ai";
/// Shaped like the fake server's success reply (43-character tokens, as it issues them).
const REPLY: &str = r#"{"statusCode":200,"message":"Success","requestId":"6f1c2b7e-59c4-4d2a-9a51-1c0e8f0d9a21","data":{"scope":"openid profile","access_token":"Qm9vc3RlZC1hY2Nlc3MtdG9rZW4tZm9yLWJlbmNobWFyaw","id_token":"SWQtdG9rZW4tZm9yLWJlbmNobWFyay1wdXJwb3Nlcy0xMjM","token_type":"Bearer","expire_in":7200}}"#;

/// Answers every request with [`REPLY`]; keeps the last request only when asked to.
#[derive(Clone, Default)]
struct CannedTransport {
    keep: Option<std::sync::Arc<std::sync::Mutex<Option<http::Request<Bytes>>>>>,
}

impl Transport for CannedTransport {
    async fn execute(
        &self,
        request: http::Request<Bytes>,
        _limits: RequestLimits,
    ) -> Result<http::Response<Bytes>, TransportError> {
        if let Some(k) = &self.keep {
            *k.lock().unwrap() = Some(request);
        }
        Ok(http::Response::new(Bytes::from_static(REPLY.as_bytes())))
    }
}

fn sign_in_options() -> Option<SignInOptions> {
    Some(SignInOptions {
        scope: Some("openid profile".into()),
        password_encrypt_type: Some(PasswordEncryptType::None),
        ..Default::default()
    })
}

fn generated_client(t: CannedTransport) -> GenAuthClient<CannedTransport> {
    let o = ClientOptions::builder()
        .app_id(APP_ID)
        .app_secret(APP_SECRET)
        .app_host(HOST)
        .build()
        .unwrap();
    GenAuthClient::with_transport(o, t).unwrap()
}

/// What a careful hand-written client prepares once.
struct Hand {
    transport: CannedTransport,
    url: String,
    headers: Vec<(HeaderName, HeaderValue)>,
    limits: RequestLimits,
}

impl Hand {
    fn new(transport: CannedTransport) -> Self {
        let h = |n: &'static str, v: &str| {
            (
                HeaderName::from_static(n),
                HeaderValue::from_str(v).unwrap(),
            )
        };
        Hand {
            transport,
            url: format!("{HOST}/api/v3/signin"),
            headers: vec![
                h("x-genauth-app-id", APP_ID),
                h("x-genauth-request-from", "sdk"),
                h("x-genauth-sdk-version", genauth_sdk_version()),
            ],
            limits: RequestLimits {
                timeout: Duration::from_secs(10),
                max_response_bytes: 10 << 20,
            },
        }
    }

    fn build(&self, account: &str, password: &str) -> http::Request<Bytes> {
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
        splice_client_credentials(&mut body);
        let mut req = http::Request::new(Bytes::from(body));
        *req.method_mut() = http::Method::POST;
        *req.uri_mut() = self.url.parse().unwrap();
        let headers = req.headers_mut();
        for (k, v) in &self.headers {
            headers.insert(k.clone(), v.clone());
        }
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        req
    }

    async fn sign_in(&self, account: &str, password: &str) -> LoginTokenSet {
        let req = self.build(account, password);
        let resp = self.transport.execute(req, self.limits).await.unwrap();
        decode_one_pass(resp.body())
    }
}

fn genauth_sdk_version() -> &'static str {
    concat!("rust:", env!("CARGO_PKG_VERSION"))
}

/// `{…}` → `{…,"client_id":"…","client_secret":"…"}`.
fn splice_client_credentials(body: &mut Vec<u8>) {
    body.pop();
    body.extend_from_slice(b",\"client_id\":");
    serde_json::to_writer(&mut *body, APP_ID).unwrap();
    body.extend_from_slice(b",\"client_secret\":");
    serde_json::to_writer(&mut *body, APP_SECRET).unwrap();
    body.push(b'}');
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "statusCode")]
    status_code: i64,
    #[serde(default)]
    data: Option<LoginTokenSet>,
}

fn decode_one_pass(body: &[u8]) -> LoginTokenSet {
    let env: Envelope = serde_json::from_slice(body).unwrap();
    assert_eq!(env.status_code, 200);
    env.data.unwrap()
}

fn same_requests(a: &http::Request<Bytes>, b: &http::Request<Bytes>) {
    assert_eq!(a.method(), b.method());
    assert_eq!(a.uri(), b.uri());
    let sorted = |r: &http::Request<Bytes>| {
        let mut h: Vec<(String, Vec<u8>)> = r
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect();
        h.sort();
        h
    };
    assert_eq!(sorted(a), sorted(b));
    assert_eq!(
        std::str::from_utf8(a.body()).unwrap(),
        std::str::from_utf8(b.body()).unwrap()
    );
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();

    // Both paths must put the same request on the wire.
    let keep = CannedTransport {
        keep: Some(Default::default()),
    };
    let client = generated_client(keep.clone());
    let tokens = rt
        .block_on(client.sign_in_by_account_password("alice", "Passw0rd!", sign_in_options()))
        .unwrap();
    let generated_req = keep.keep.as_ref().unwrap().lock().unwrap().take().unwrap();
    let hand = Hand::new(CannedTransport::default());
    same_requests(&generated_req, &hand.build("alice", "Passw0rd!"));
    assert_eq!(tokens, rt.block_on(hand.sign_in("alice", "Passw0rd!")));

    let client = generated_client(CannedTransport::default());
    let mut g = c.benchmark_group("build_decode");
    g.bench_function("generated", |b| {
        b.iter_custom(|iters| {
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
    g.bench_function("hand_serde", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    let t = hand
                        .sign_in(black_box("alice"), black_box("Passw0rd!"))
                        .await;
                    black_box(t);
                }
                start.elapsed()
            })
        })
    });
    g.finish();

    // Paired, interleaved blocks (A B A B ...), robust to load shifts on a shared machine.
    let (blocks, per_block) = (60, 2000);
    let mut ratios = Vec::with_capacity(blocks);
    let (mut gen_total, mut hand_total) = (Duration::ZERO, Duration::ZERO);
    rt.block_on(async {
        for _ in 0..blocks {
            let t0 = Instant::now();
            for _ in 0..per_block {
                black_box(
                    client
                        .sign_in_by_account_password("alice", "Passw0rd!", sign_in_options())
                        .await
                        .unwrap(),
                );
            }
            let g = t0.elapsed();
            let t0 = Instant::now();
            for _ in 0..per_block {
                black_box(hand.sign_in("alice", "Passw0rd!").await);
            }
            let h = t0.elapsed();
            gen_total += g;
            hand_total += h;
            ratios.push(g.as_secs_f64() / h.as_secs_f64());
        }
    });
    ratios.sort_by(f64::total_cmp);
    let n = (blocks * per_block) as f64;
    println!(
        "build_decode/paired: generated {:.2} µs, hand_serde {:.2} µs (means over {} calls each); \
         median block ratio generated/hand = {:.3} (quartiles {:.3} .. {:.3})",
        gen_total.as_secs_f64() * 1e6 / n,
        hand_total.as_secs_f64() * 1e6 / n,
        blocks * per_block,
        ratios[blocks / 2],
        ratios[blocks / 4],
        ratios[3 * blocks / 4],
    );
    // The generated future is moved on every `.await` / poll wrapper: its size is a cost.
    let fut = client.sign_in_by_account_password("alice", "Passw0rd!", sign_in_options());
    println!(
        "build_decode/future_size: sign_in_by_account_password future = {} bytes",
        std::mem::size_of_val(&fut)
    );
    drop(fut);

    // The pieces in which the generated path does more work than the hand-written one.
    let dto = SignInByCredentialsDto {
        connection: Connection::Password,
        password_payload: Some(PasswordPayload {
            password: "Passw0rd!".into(),
            account: Some("alice".to_owned()),
            ..Default::default()
        }),
        options: sign_in_options(),
        ..Default::default()
    };
    let mut g = c.benchmark_group("parts");
    // Body: the pipeline keeps password-bearing bodies as a `serde_json::Value` (to encrypt in
    // place), clones it per attempt, inserts the client credentials, then serialises the tree.
    g.bench_function("body_to_vec_splice", |b| {
        b.iter(|| {
            let mut v = serde_json::to_vec(black_box(&dto)).unwrap();
            splice_client_credentials(&mut v);
            v
        })
    });
    g.bench_function("body_via_value_clone", |b| {
        b.iter(|| {
            let plain = serde_json::to_value(black_box(&dto)).unwrap();
            let mut v = plain.clone();
            if let serde_json::Value::Object(m) = &mut v {
                m.insert("client_id".into(), APP_ID.into());
                m.insert("client_secret".into(), APP_SECRET.into());
            }
            serde_json::to_vec(&v).unwrap()
        })
    });
    // Proposed: for `passwordEncryptType: none`, serialise the plain Value straight to bytes
    // (no clone, no map inserts) and splice the credentials like a non-password body.
    g.bench_function("body_via_value_no_clone", |b| {
        b.iter(|| {
            let plain = serde_json::to_value(black_box(&dto)).unwrap();
            let mut v = serde_json::to_vec(&plain).unwrap();
            splice_client_credentials(&mut v);
            v
        })
    });
    // Decoding: envelope with `data` as RawValue, then `data` parsed again (library) vs one pass.
    g.bench_function("decode_one_pass", |b| {
        b.iter(|| decode_one_pass(black_box(REPLY.as_bytes())))
    });
    g.bench_function("decode_library", |b| {
        b.iter(|| {
            genauth_client::envelope::decode::<LoginTokenSet>(
                genauth_client::endpoint::ResponseKind::Envelope,
                http::Response::new(Bytes::from_static(black_box(REPLY).as_bytes())),
            )
            .unwrap()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
