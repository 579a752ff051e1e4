//! What the Management request signature costs a call: the same Management call (a POST with a
//! small JSON body, through the whole pipeline to a transport that answers at once) made with
//! the signature scheme and with the token scheme (its token cached after the first call, so
//! that path only adds two headers). The difference is the signature: reading the body back,
//! the string to sign, HMAC-SHA1, a fresh nonce, the date and five headers.
//!
//! ```text
//! cargo bench -p genauth-client --features management --bench management
//! ```

use std::hint::black_box;

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use genauth_client::transport::RequestLimits;
use genauth_client::{
    ManagementAuthScheme, ManagementClient, ManagementOptions, Result, Transport, TransportError,
    genauth_api, genauth_endpoint,
};
use serde_json::{Value, json};

#[genauth_api(crate = genauth_client)]
trait Bench {
    #[genauth_endpoint(path = "/api/v3/create-user", method = POST, auth = management)]
    async fn create_user(&self, body: Value) -> Result<Value>;
}

/// Answers every request at once: the token request with a token, the rest with `{}`.
#[derive(Clone)]
struct Instant;

impl Transport for Instant {
    async fn execute(
        &self,
        request: http::Request<Bytes>,
        _: RequestLimits,
    ) -> std::result::Result<http::Response<Bytes>, TransportError> {
        let body: &'static [u8] = if request.uri().path() == "/api/v3/get-management-token" {
            br#"{"statusCode":200,"message":"","data":{"access_token":"eyJhbGciOiJIUzI1NiJ9.eyJzY29wZWRfdXNlcnBvb2xfaWQiOiJwb29sIn0.sig","expires_in":7200}}"#
        } else {
            br#"{"statusCode":200,"message":"","requestId":"r","data":{}}"#
        };
        Ok(http::Response::new(Bytes::from_static(body)))
    }
}

fn client(scheme: ManagementAuthScheme) -> ManagementClient<Instant> {
    let options = ManagementOptions::builder()
        .access_key_id("bench-access-key-id")
        .access_key_secret("bench-access-key-secret")
        .host("http://127.0.0.1:1")
        .scheme(scheme)
        .lang("zh-CN")
        .build()
        .unwrap();
    ManagementClient::with_transport(options, Instant).unwrap()
}

fn signature(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let body = json!({"username": "bench-user", "email": "bench@example.com", "nickname": "Bench", "emailVerified": true});
    let mut g = c.benchmark_group("management_call");
    for (name, scheme) in [
        ("token_cached", ManagementAuthScheme::Token),
        ("signature", ManagementAuthScheme::Signature),
    ] {
        let client = client(scheme);
        rt.block_on(client.create_user(body.clone())).unwrap();
        g.bench_function(name, |b| {
            b.iter(|| {
                rt.block_on(client.create_user(black_box(body.clone())))
                    .unwrap()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, signature);
criterion_main!(benches);
