//! The Management credentials in the pipeline (feature `management`), over a scripted transport:
//! the token scheme (one fetch shared by concurrent calls, refresh before expiry, one refetch
//! when the server rejects the token, its headers) and the signature scheme (its headers, the
//! string it signs, compared with what the Node SDK signed for the same requests).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use genauth_client::management::sign::Signer;
use genauth_client::transport::RequestLimits;
use genauth_client::{
    Error, HeaderPrefix, ManagementAuthScheme, ManagementClient, ManagementOptions, Result,
    Transport, TransportError, dto, genauth_api, genauth_endpoint,
};
use serde_json::{Value, json};

/// Two Management endpoints of the kinds there are: a GET with a query (an array among it) and
/// a POST with a JSON body.
#[genauth_api(crate = genauth_client)]
pub trait Mgmt {
    /// `GET /api/v3/get-user-batch`.
    #[genauth_endpoint(path = "/api/v3/get-user-batch", method = GET, auth = management)]
    async fn get_user_batch(&self, #[query] query: BatchQuery) -> Result<Value>;

    /// `POST /api/v3/create-user`.
    #[genauth_endpoint(path = "/api/v3/create-user", method = POST, auth = management)]
    async fn create_user(&self, body: Value) -> Result<Value>;

    /// `DELETE /api/v3/ip-list/{id}`.
    #[genauth_endpoint(path = "/api/v3/ip-list/{id}", method = DELETE, auth = management)]
    async fn delete_ip(&self, id: &str) -> Result<()>;
}

/// The query of `get_user_batch`.
#[dto(crate = genauth_client)]
pub struct BatchQuery {
    /// User ids.
    pub user_ids: Vec<String>,
    /// Id type.
    pub user_id_type: Option<String>,
    /// With custom data.
    pub with_custom_data: Option<bool>,
}

const SECRET: &str = "sample-access-key-secret";

/// A JWT-shaped management token whose payload carries `scoped_userpool_id`.
fn token(n: usize) -> String {
    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.sig{n}",
        b64(&json!({"alg": "HS256", "typ": "JWT"})),
        b64(&json!({"sub": "sample-access-key-id", "scoped_userpool_id": "pool-1"}))
    )
}

fn envelope(status: u16, data: Value) -> http::Response<Bytes> {
    let body = json!({"statusCode": status, "message": "", "requestId": "r", "data": data});
    http::Response::new(Bytes::from(body.to_string()))
}

/// Answers the token request with token n (counting them) and every other request with the
/// next scripted reply (an empty success when the script is empty); keeps every request.
#[derive(Clone, Default)]
struct Scripted {
    token_ttl: u64,
    token_requests: Arc<AtomicUsize>,
    replies: Arc<Mutex<VecDeque<http::Response<Bytes>>>>,
    seen: Arc<Mutex<Vec<http::Request<Bytes>>>>,
}

impl Transport for Scripted {
    async fn execute(
        &self,
        request: http::Request<Bytes>,
        _: RequestLimits,
    ) -> std::result::Result<http::Response<Bytes>, TransportError> {
        // Let concurrent calls overlap.
        tokio::task::yield_now().await;
        let reply = if request.uri().path() == "/api/v3/get-management-token" {
            let n = self.token_requests.fetch_add(1, Ordering::SeqCst) + 1;
            envelope(
                200,
                json!({"access_token": token(n), "expires_in": self.token_ttl}),
            )
        } else {
            self.replies
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or_else(|| envelope(200, json!({})))
        };
        self.seen.lock().unwrap().push(request);
        Ok(reply)
    }
}

fn options(scheme: ManagementAuthScheme) -> ManagementOptions {
    ManagementOptions::builder()
        .access_key_id("sample-access-key-id")
        .access_key_secret(SECRET)
        .host("http://127.0.0.1:1")
        .scheme(scheme)
        .lang("zh-CN")
        .build()
        .unwrap()
}

fn client(scheme: ManagementAuthScheme, t: &Scripted) -> ManagementClient<Scripted> {
    ManagementClient::with_transport(options(scheme), t.clone()).unwrap()
}

fn header<'a>(r: &'a http::Request<Bytes>, name: &str) -> Option<&'a str> {
    r.headers().get(name).map(|v| v.to_str().unwrap())
}

fn query() -> BatchQuery {
    BatchQuery {
        user_ids: vec!["a".into(), "b".into()],
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_scheme_fetches_one_token_for_64_concurrent_calls() {
    let t = Scripted {
        token_ttl: 7200,
        ..Default::default()
    };
    let c = client(ManagementAuthScheme::Token, &t);
    let calls: Vec<_> = (0..64)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move { c.get_user_batch(query()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(t.token_requests.load(Ordering::SeqCst), 1);
    let seen = t.seen.lock().unwrap();
    assert_eq!(seen.len(), 65);
    // The token request: the access key in the body, nothing in `authorization`.
    let fetch = &seen[0];
    assert_eq!(fetch.method(), http::Method::POST);
    assert_eq!(header(fetch, "authorization"), None);
    let body: Value = serde_json::from_slice(fetch.body()).unwrap();
    assert_eq!(
        body,
        json!({"accessKeyId": "sample-access-key-id", "accessKeySecret": SECRET})
    );
    // Every call: Bearer token, the pool id from the token's claim, no app id, arrays as `[]`.
    for r in &seen[1..] {
        assert_eq!(
            header(r, "authorization"),
            Some(format!("Bearer {}", token(1)).as_str())
        );
        assert_eq!(header(r, "x-genauth-userpool-id"), Some("pool-1"));
        assert_eq!(header(r, "x-genauth-lang"), Some("zh-CN"));
        assert_eq!(header(r, "x-genauth-app-id"), None);
        assert_eq!(r.uri().query(), Some("userIds%5B%5D=a&userIds%5B%5D=b"));
    }
}

#[tokio::test]
async fn a_rejected_token_is_fetched_again_once() {
    let t = Scripted {
        token_ttl: 7200,
        ..Default::default()
    };
    let c = client(ManagementAuthScheme::Token, &t);
    // Rejected (an envelope 401), then accepted with the new token.
    t.replies
        .lock()
        .unwrap()
        .extend([envelope(401, Value::Null), envelope(200, json!({"ok": 1}))]);
    assert_eq!(
        c.create_user(json!({"username": "u"})).await.unwrap(),
        json!({"ok": 1})
    );
    assert_eq!(t.token_requests.load(Ordering::SeqCst), 2);
    {
        let seen = t.seen.lock().unwrap();
        let calls: Vec<_> = seen
            .iter()
            .filter(|r| r.uri().path() == "/api/v3/create-user")
            .collect();
        assert_eq!(calls.len(), 2);
        assert_eq!(
            header(calls[1], "authorization"),
            Some(format!("Bearer {}", token(2)).as_str())
        );
    }
    // Rejected twice (HTTP 401): one refetch, then the error is the caller's.
    let mut rejected = http::Response::new(Bytes::from_static(b"Unauthorized"));
    *rejected.status_mut() = http::StatusCode::UNAUTHORIZED;
    let mut again = http::Response::new(Bytes::from_static(b"Unauthorized"));
    *again.status_mut() = http::StatusCode::UNAUTHORIZED;
    t.replies.lock().unwrap().extend([rejected, again]);
    let err = c.create_user(json!({})).await.unwrap_err();
    assert!(
        matches!(err, Error::HttpStatus { status: 401, .. }),
        "{err:?}"
    );
    assert_eq!(t.token_requests.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_token_is_replaced_before_it_expires() {
    // A 1 s token: used for nine tenths of its life, then fetched anew.
    let t = Scripted {
        token_ttl: 1,
        ..Default::default()
    };
    let c = client(ManagementAuthScheme::Token, &t);
    c.delete_ip("1.2.3.4").await.unwrap();
    c.delete_ip("1.2.3.4").await.unwrap();
    assert_eq!(t.token_requests.load(Ordering::SeqCst), 1);
    tokio::time::sleep(Duration::from_millis(950)).await;
    c.delete_ip("1.2.3.4").await.unwrap();
    assert_eq!(t.token_requests.load(Ordering::SeqCst), 2);
    // The path parameter is substituted (the official SDKs send a literal `{id}`).
    let seen = t.seen.lock().unwrap();
    assert_eq!(seen.last().unwrap().uri().path(), "/api/v3/ip-list/1.2.3.4");
}

#[tokio::test]
async fn a_token_without_a_pool_claim_needs_the_pool_id_option() {
    /// Answers the token request with an opaque token.
    #[derive(Clone)]
    struct Opaque;
    impl Transport for Opaque {
        async fn execute(
            &self,
            _: http::Request<Bytes>,
            _: RequestLimits,
        ) -> std::result::Result<http::Response<Bytes>, TransportError> {
            Ok(envelope(
                200,
                json!({"access_token": "opaque", "expires_in": 60}),
            ))
        }
    }
    let c = ManagementClient::with_transport(options(ManagementAuthScheme::Token), Opaque).unwrap();
    let err = c.create_user(json!({})).await.unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("scoped_userpool_id")),
        "{err}"
    );
}

/// The signature headers and the string they sign, against what the Node SDK signed for the
/// same call (`tests/data` of genauth-management holds all 811; two kinds here).
#[tokio::test]
async fn signature_scheme_signs_what_the_node_sdk_signs() {
    let t = Scripted::default();
    let opts = ManagementOptions::builder()
        .access_key_id("sample-access-key-id")
        .access_key_secret(SECRET)
        .host("http://127.0.0.1:1")
        .scheme(ManagementAuthScheme::Signature)
        .header_prefix(HeaderPrefix::Authing)
        .lang("zh-CN")
        .build()
        .unwrap();
    let c = ManagementClient::with_transport(opts, t.clone()).unwrap();
    c.get_user_batch(query()).await.unwrap();
    c.create_user(json!({"username": "u", "profile": {"age": 1.0}, "tags": ["x"], "n": null}))
        .await
        .unwrap();
    assert_eq!(t.token_requests.load(Ordering::SeqCst), 0, "no token");
    let seen = t.seen.lock().unwrap();
    let signer = Signer::new("sample-access-key-id", SECRET);
    // What node signed for `getUserBatch({userIds: ["a", "b"]})` (recorded), with this
    // request's date, nonce and SDK version in place of the recorded ones.
    let expected = |r: &http::Request<Bytes>, tail: &str| {
        format!(
            "{}\ndate:{}\nx-authing-lang:zh-CN\nx-authing-sdk-version:{}\n\
             x-authing-signature-method:HMAC-SHA1\nx-authing-signature-nonce:{}\n\
             x-authing-signature-version:1.0\n{tail}",
            r.method(),
            header(r, "date").unwrap(),
            header(r, "x-authing-sdk-version").unwrap(),
            header(r, "x-authing-signature-nonce").unwrap(),
        )
    };
    let get = &seen[0];
    let string = expected(get, r#"/api/v3/get-user-batch?userIds=["a","b"]"#);
    assert_eq!(
        header(get, "authorization").unwrap(),
        signer.authorization(&string)
    );
    // A POST signs its body's top-level members, sorted, JSON-stringified as JavaScript does
    // (`1.0` is `1`; `null` stays).
    let post = &seen[1];
    let string = expected(
        post,
        r#"/api/v3/create-user?n=null&profile={"age":1}&tags=["x"]&username=u"#,
    );
    assert_eq!(
        header(post, "authorization").unwrap(),
        signer.authorization(&string)
    );
    for r in seen.iter() {
        assert_eq!(header(r, "x-authing-signature-method"), Some("HMAC-SHA1"));
        assert_eq!(header(r, "x-authing-signature-version"), Some("1.0"));
        assert_eq!(header(r, "x-authing-signature-nonce").unwrap().len(), 32);
        assert_eq!(header(r, "x-authing-userpool-id"), None);
    }
    assert_ne!(
        header(get, "x-authing-signature-nonce"),
        header(post, "x-authing-signature-nonce"),
        "a fresh nonce per request"
    );
}

#[test]
fn secrets_stay_out_of_debug() {
    let o = options(ManagementAuthScheme::Token);
    let c = ManagementClient::with_transport(o.clone(), Scripted::default()).unwrap();
    for text in [
        format!("{o:?}"),
        format!("{c:?}"),
        format!(
            "{:?}",
            ManagementOptions::builder().access_key_secret(SECRET)
        ),
    ] {
        assert!(!text.contains(SECRET), "{text}");
        assert!(text.contains("redacted"), "{text}");
    }
    assert!(format!("{c:?}").contains("sample-access-key-id"));
}

#[test]
fn options_are_validated() {
    let err = ManagementOptions::builder()
        .access_key_secret("s")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("access_key_id")),
        "{err}"
    );
    let err = ManagementOptions::builder()
        .access_key_id("k")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("access_key_secret")),
        "{err}"
    );
    let o = ManagementOptions::builder()
        .access_key_id("k")
        .access_key_secret("s")
        .build()
        .unwrap();
    assert_eq!(o.host(), "https://api.genauth.ai");
    assert_eq!(o.scheme(), ManagementAuthScheme::Token);
    let env = |k: &str| match k {
        "GENAUTH_ACCESS_KEY_ID" => Some("k".to_owned()),
        "GENAUTH_ACCESS_KEY_SECRET" => Some("s".to_owned()),
        "GENAUTH_MANAGEMENT_SCHEME" => Some("signature".to_owned()),
        _ => None,
    };
    let o = ManagementOptions::from_env_with(env).unwrap();
    assert_eq!(o.scheme(), ManagementAuthScheme::Signature);
    let err = ManagementOptions::from_env_with(|k| {
        (k == "GENAUTH_MANAGEMENT_SCHEME")
            .then(|| "hmac".to_owned())
            .or_else(|| env(k))
    })
    .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("hmac")),
        "{err}"
    );
}
