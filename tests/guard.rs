//! The server side of issue 13 over loopback: the axum guard (layer and extractor) in front of
//! a real axum app, offline (JWKS) and online (introspection cache), against the fake GenAuth
//! server. Every rejection path with its RFC 6750 status and `WWW-Authenticate`, the claims in
//! the request extensions, key rotation, alg confusion, and the introspection cache's hits,
//! negative answers, bound and TTL, counted at the fake server.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::{Extension, Json, Router, routing::get};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use genauth::guard::{BearerClaims, ClaimsSource, Guard};
use genauth::oidc::{IntrospectionCache, VerifyError};
use genauth::{
    AuthenticationExt, GenAuthClient, Oidc, OidcExt, PasswordGrantIdentity, SignInOptions,
};
use genauth_fake::{FakeServer, FakeServerConfig};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

const JWKS: &str = "/oidc/.well-known/jwks.json";
const INTROSPECT: &str = "/oidc/token/introspection";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

async fn start() -> (FakeServer, GenAuthClient) {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .expect("fake server starts");
    let client = server.client();
    (server, client)
}

/// The claims a handler saw, as JSON.
async fn echo(Extension(c): Extension<BearerClaims>) -> Json<Value> {
    Json(json!({
        "sub": c.subject, "client_id": c.client_id, "scopes": c.scopes, "roles": c.roles,
        "tenant": c.claim("tenant"), "jwt": c.source == ClaimsSource::Jwt,
    }))
}

/// The extractor, with the guard in the router state.
async fn extracted(c: BearerClaims) -> Json<Value> {
    Json(json!({ "sub": c.subject, "scopes": c.scopes }))
}

/// `/me`: verify only. `/orders`: verify, require `orders:read`. `/reports`: a router-wide
/// guard plus a route requiring two scopes. `/extract`: the extractor, no layer.
async fn serve(guard: &Guard) -> String {
    let app = Router::new()
        .route("/me", get(echo).layer(guard.layer()))
        .route(
            "/orders",
            get(echo).layer(guard.require_scope("orders:read").unwrap()),
        )
        .route("/extract", get(extracted))
        .with_state(guard.clone())
        .nest(
            "/reports",
            Router::new()
                .route(
                    "/",
                    get(echo).layer(guard.require_scopes(["reports", "orders:read"]).unwrap()),
                )
                .layer(guard.layer()),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

struct Reply {
    status: u16,
    challenge: Option<String>,
    body: Value,
}

async fn call(url: &str, authorization: &[&[u8]]) -> Reply {
    let mut headers = reqwest::header::HeaderMap::new();
    for a in authorization {
        headers.append(
            "authorization",
            reqwest::header::HeaderValue::from_bytes(a).unwrap(),
        );
    }
    let r = reqwest::Client::new()
        .get(url)
        .headers(headers)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let challenge = r
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned());
    let text = r.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply {
        status,
        challenge,
        body,
    }
}

async fn bearer(url: &str, token: &str) -> Reply {
    call(url, &[format!("Bearer {token}").as_bytes()]).await
}

fn access_claims(server: &FakeServer, patch: Value) -> Value {
    let mut c = json!({
        "iss": server.issuer(), "aud": server.app_id(), "sub": "user-1",
        "iat": now(), "exp": now() + 600, "scope": "openid orders:read",
        "client_id": server.app_id(),
    });
    for (k, v) in patch.as_object().unwrap() {
        if v.is_null() {
            c.as_object_mut().unwrap().remove(k);
        } else {
            c[k] = v.clone();
        }
    }
    c
}

fn hs256(key: &[u8], header: &Value, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(input.as_bytes());
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

fn invalid_token(description: &str) -> Option<String> {
    Some(format!(
        r#"Bearer error="invalid_token", error_description="{description}""#
    ))
}

#[tokio::test]
async fn offline_guard_accepts_valid_tokens_with_typed_claims() {
    let (server, client) = start().await;
    let guard = Guard::offline(client.token_verifier());
    let base = serve(&guard).await;

    // A token from a real login through the SDK.
    let tokens = client
        .get_access_token_by_password(
            PasswordGrantIdentity::Username("alice".into()),
            "Passw0rd!",
            Some("openid profile orders:read"),
        )
        .await
        .unwrap();
    let at = tokens.access_token.unwrap();
    let r = bearer(&format!("{base}/orders"), at.expose()).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(
        r.body["scopes"],
        json!(["openid", "profile", "orders:read"])
    );
    assert_eq!(r.body["client_id"], json!(server.app_id()));
    assert_eq!(r.body["jwt"], json!(true));
    assert!(r.body["sub"].as_str().is_some_and(|s| !s.is_empty()));

    // Roles and custom claims reach the handler.
    let custom = server.sign_jwt(&access_claims(
        &server,
        json!({"roles": [{"code": "admin"}, "auditor"], "tenant": {"id": "t-9"}}),
    ));
    let r = bearer(&format!("{base}/me"), &custom).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["roles"], json!(["admin", "auditor"]));
    assert_eq!(r.body["tenant"], json!({"id": "t-9"}));
    assert_eq!(r.body["sub"], json!("user-1"));

    // The extractor, with the guard in the state.
    let r = bearer(&format!("{base}/extract"), &custom).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["sub"], json!("user-1"));
    let r = call(&format!("{base}/extract"), &[]).await;
    assert_eq!((r.status, r.challenge.as_deref()), (401, Some("Bearer")));

    // Nested: the router-wide guard verifies, the route checks both scopes.
    let both = server.sign_jwt(&access_claims(
        &server,
        json!({"scope": "orders:read reports"}),
    ));
    assert_eq!(bearer(&format!("{base}/reports"), &both).await.status, 200);
    let r = bearer(&format!("{base}/reports"), &custom).await;
    assert_eq!(r.status, 403);
    assert!(
        r.challenge
            .unwrap()
            .ends_with(r#"scope="reports orders:read""#)
    );
    assert_eq!(
        server.request_count(JWKS),
        1,
        "one JWKS fetch for everything"
    );
}

#[tokio::test]
async fn every_rejection_path_answers_per_rfc_6750() {
    let (server, client) = start().await;
    let guard = Guard::offline(client.token_verifier());
    let base = serve(&guard).await;
    let orders = format!("{base}/orders");
    let good = server.sign_jwt(&access_claims(&server, json!({})));
    assert_eq!(bearer(&orders, &good).await.status, 200);

    // No credentials, or not Bearer ones: 401 with a bare challenge.
    for auth in [&[][..], &[&b""[..]], &[&b"Basic YWxpY2U6cHc="[..]]] {
        let r = call(&orders, auth).await;
        assert_eq!(r.status, 401);
        assert_eq!(r.challenge.as_deref(), Some("Bearer"));
    }

    // Tokens that do not verify: 401 invalid_token with a fixed description.
    let parts: Vec<&str> = good.split('.').collect();
    let tampered_sig = {
        let mut s: Vec<char> = parts[2].chars().collect();
        let mid = s.len() / 2;
        s[mid] = if s[mid] == 'A' { 'B' } else { 'A' };
        format!(
            "{}.{}.{}",
            parts[0],
            parts[1],
            s.into_iter().collect::<String>()
        )
    };
    let forged_payload = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(
            access_claims(&server, json!({"scope": "openid orders:read admin"})).to_string()
        ),
        parts[2]
    );
    let kid = server.signing_kid();
    let jwks = client.get_jwks().await.unwrap();
    let jwk_json = serde_json::to_vec(&jwks.keys[0]).unwrap();
    let modulus = URL_SAFE_NO_PAD
        .decode(jwks.keys[0].n.as_deref().unwrap())
        .unwrap();
    let hs_header = json!({"alg": "HS256", "typ": "JWT", "kid": kid});
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
        parts[1]
    );
    let sig_invalid = "the token signature is invalid";
    let not_jwt = "the token is not a well-formed JWT";
    let bad_alg = "the token signing algorithm is not accepted";
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "expired",
            server.sign_jwt(&access_claims(
                &server,
                json!({"iat": now() - 7200, "exp": now() - 3600}),
            )),
            "the token has expired",
        ),
        (
            "other audience",
            server.sign_jwt(&access_claims(&server, json!({"aud": "another-api"}))),
            "the token audience is not accepted",
        ),
        (
            "other issuer",
            server.sign_jwt(&access_claims(
                &server,
                json!({"iss": "https://evil.example/oidc"}),
            )),
            "the token issuer is not accepted",
        ),
        (
            "not yet valid",
            server.sign_jwt(&access_claims(&server, json!({"nbf": now() + 3600}))),
            "the token is not valid yet",
        ),
        (
            "no exp",
            server.sign_jwt(&access_claims(&server, json!({"exp": null}))),
            "the token lacks a required claim",
        ),
        ("tampered signature", tampered_sig, sig_invalid),
        ("forged payload", forged_payload, sig_invalid),
        (
            "signature of another key, same kid",
            format!(
                "{}.{}.{}",
                parts[0],
                parts[1],
                server
                    .sign_jwt_with_unpublished_key(&access_claims(&server, json!({})))
                    .rsplit('.')
                    .next()
                    .unwrap()
            ),
            sig_invalid,
        ),
        (
            "unknown kid",
            server.sign_jwt_with_unpublished_key(&access_claims(&server, json!({}))),
            "the token signing key is unknown",
        ),
        (
            "HS256 with the app secret",
            server.sign_jwt_hs256(&access_claims(&server, json!({}))),
            bad_alg,
        ),
        (
            "alg confusion: HS256 keyed with the JWK",
            hs256(&jwk_json, &hs_header, &access_claims(&server, json!({}))),
            bad_alg,
        ),
        (
            "alg confusion: HS256 keyed with the modulus",
            hs256(&modulus, &hs_header, &access_claims(&server, json!({}))),
            bad_alg,
        ),
        ("alg none", none, bad_alg),
        // b64token characters (so the header is well-formed) that are not valid base64url.
        (
            "bad base64 header",
            format!("A.{}.{}", parts[1], parts[2]),
            not_jwt,
        ),
        (
            "bad base64 signature",
            format!("{}.{}.{}AAA", parts[0], parts[1], parts[2]),
            not_jwt,
        ),
        (
            "padded base64",
            format!("{}.{}.{}==", parts[0], parts[1], parts[2]),
            not_jwt,
        ),
        ("two parts", format!("{}.{}", parts[0], parts[1]), not_jwt),
        ("opaque", "fake_at_0123456789abcdef".into(), not_jwt),
    ];
    for (what, token, description) in &cases {
        let r = bearer(&orders, token).await;
        assert_eq!(r.status, 401, "{what}: {:?}", r.body);
        assert_eq!(r.challenge, invalid_token(description), "{what}");
        assert_eq!(r.body["error"], "invalid_token", "{what}");
        // Nothing the client sent comes back.
        let echoed = format!("{:?} {}", r.challenge, r.body);
        assert!(!echoed.contains(&token[..token.len().min(20)]), "{what}");
    }

    // Valid, but without the required scope: 403 insufficient_scope naming it.
    let narrow = server.sign_jwt(&access_claims(&server, json!({"scope": "openid profile"})));
    let r = bearer(&orders, &narrow).await;
    assert_eq!(r.status, 403);
    assert_eq!(
        r.challenge.as_deref(),
        Some(
            r#"Bearer error="insufficient_scope", error_description="the token lacks a scope this resource requires", scope="orders:read""#
        )
    );
    let no_scope = server.sign_jwt(&access_claims(&server, json!({"scope": null})));
    assert_eq!(bearer(&orders, &no_scope).await.status, 403);
    // The same token passes where no scope is required.
    assert_eq!(bearer(&format!("{base}/me"), &narrow).await.status, 200);

    // Malformed Authorization headers: 400 invalid_request, never a panic.
    let huge = format!("Bearer {}", "a".repeat(20_000));
    let twice = format!("Bearer {good}");
    let malformed: [&[&[u8]]; 7] = [
        &[b"Bearer"],
        &[b"Bearer    "],
        &[b"Bearer caf\xc3\xa9"],
        &[b"Bearer \xff\xfe\xfd"],
        &[b"Bearer a\"b"],
        &[huge.as_bytes()],
        &[twice.as_bytes(), twice.as_bytes()],
    ];
    for auth in malformed {
        let r = call(&orders, auth).await;
        assert_eq!(r.status, 400, "{:?}", String::from_utf8_lossy(auth[0]));
        assert!(
            r.challenge
                .unwrap()
                .starts_with(r#"Bearer error="invalid_request", error_description=""#)
        );
    }
    // The server is still serving.
    assert_eq!(bearer(&orders, &good).await.status, 200);
    assert_eq!(
        server.request_count(JWKS),
        3,
        "the verifier's fetch, the test's own get_jwks, and one refetch for the unknown kid"
    );
}

#[tokio::test]
async fn key_rotation_is_followed_through_the_guard() {
    let (server, client) = start().await;
    let verifier = client
        .token_verifier()
        .with_refetch_cooldown(Duration::ZERO);
    let base = serve(&Guard::offline(verifier)).await;
    let orders = format!("{base}/orders");
    let before = server.sign_jwt(&access_claims(&server, json!({})));
    assert_eq!(bearer(&orders, &before).await.status, 200);
    assert_eq!(server.request_count(JWKS), 1);

    server.rotate_signing_key();
    let after = server.sign_jwt(&access_claims(&server, json!({})));
    assert_eq!(bearer(&orders, &after).await.status, 200);
    assert_eq!(server.request_count(JWKS), 2, "one refetch for the new kid");
    assert_eq!(bearer(&orders, &after).await.status, 200);
    assert_eq!(server.request_count(JWKS), 2, "cached again");
    // The JWKS no longer publishes the old key: tokens signed with it are refused.
    let r = bearer(&orders, &before).await;
    assert_eq!(
        r.challenge,
        invalid_token("the token signing key is unknown")
    );
}

#[tokio::test]
async fn a_failed_jwks_refresh_keeps_the_cached_keys() {
    let (server, client) = start().await;
    let verifier = client
        .token_verifier()
        .with_jwks_ttl(Duration::from_millis(200))
        .with_refetch_cooldown(Duration::from_secs(30));
    let base = serve(&Guard::offline(verifier)).await;
    let orders = format!("{base}/orders");
    let token = server.sign_jwt(&access_claims(&server, json!({})));
    assert_eq!(bearer(&orders, &token).await.status, 200);
    assert_eq!(server.request_count(JWKS), 1);

    // The TTL passes and the refresh meets a 502: tokens still verify with the cached keys,
    // and the next requests do not hammer the endpoint.
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.inject_fault(JWKS, genauth_fake::Fault::Html502);
    for _ in 0..3 {
        assert_eq!(bearer(&orders, &token).await.status, 200);
    }
    assert_eq!(
        server.request_count(JWKS),
        2,
        "one failed refresh, then the cooldown"
    );
    assert_eq!(server.pending_faults(), 0);
}

#[tokio::test]
async fn an_unreachable_genauth_is_503_not_401() {
    let (server, _) = start().await;
    let down = unreachable_client(&server);
    let token = server.sign_jwt(&access_claims(&server, json!({})));
    for guard in [
        Guard::offline(down.token_verifier()),
        Guard::online(down.introspection_cache()),
    ] {
        let base = serve(&guard).await;
        let r = bearer(&format!("{base}/orders"), &token).await;
        assert_eq!(r.status, 503);
        assert_eq!(r.challenge, None);
    }
}

#[tokio::test]
async fn alg_confusion_and_hs256_at_the_verifier() {
    let (server, client) = start().await;
    let v = client.token_verifier();
    let jwks = client.get_jwks().await.unwrap();
    let jwk_json = serde_json::to_vec(&jwks.keys[0]).unwrap();
    let claims = json!({
        "iss": server.issuer(), "aud": server.app_id(), "sub": "user-1",
        "iat": now(), "exp": now() + 600,
    });
    let header = json!({"alg": "HS256", "kid": server.signing_kid()});
    let confused = hs256(&jwk_json, &header, &claims);
    // ID tokens may be HS256, but only with the app secret: the public key is no HMAC key.
    assert!(matches!(
        v.verify_id_token(&confused, None).await,
        Err(VerifyError::BadSignature)
    ));
    assert!(matches!(
        v.verify_access_token(&confused).await,
        Err(VerifyError::UnsupportedAlgorithm(_))
    ));
    // HS256 with the app secret is a valid ID token, never an access token.
    let hs = hs256(server.app_secret().as_bytes(), &header, &claims);
    assert_eq!(v.verify_id_token(&hs, None).await.unwrap().sub, "user-1");
    assert!(matches!(
        v.verify_access_token(&hs).await,
        Err(VerifyError::UnsupportedAlgorithm(_))
    ));
    // RS256 signed with the published key verifies as an access token.
    let rs = server.sign_jwt(&claims);
    let at = v.verify_access_token(&rs).await.unwrap();
    assert_eq!(at.sub.as_deref(), Some("user-1"));
}

/// A user token from `/api/v3/signin`: a JWT, as GenAuth issues (the online guard introspects it
/// like any token, whatever its form).
async fn login_token(client: &GenAuthClient, scope: &str) -> String {
    let t = client
        .sign_in_by_account_password(
            "alice",
            "Passw0rd!",
            Some(SignInOptions {
                scope: Some(scope.into()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    t.access_token.unwrap().expose().to_owned()
}

#[tokio::test]
async fn online_guard_uses_the_introspection_cache() {
    let (server, client) = start().await;
    let cache = client.introspection_cache();
    let base = serve(&Guard::online(cache.clone())).await;
    let orders = format!("{base}/orders");
    let token = login_token(&client, "openid profile orders:read").await;
    assert_eq!(
        token.split('.').count(),
        3,
        "a JWT, yet introspected, not verified locally"
    );

    for _ in 0..3 {
        let r = bearer(&orders, &token).await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        assert_eq!(r.body["jwt"], json!(false));
        assert_eq!(
            r.body["scopes"],
            json!(["openid", "profile", "orders:read"])
        );
    }
    assert_eq!(
        server.request_count(INTROSPECT),
        1,
        "hits do not call the server"
    );

    // Scope checks apply to introspected tokens too.
    let narrow = login_token(&client, "openid profile").await;
    assert_eq!(bearer(&orders, &narrow).await.status, 403);
    assert_eq!(server.request_count(INTROSPECT), 2);

    // Unknown tokens: 401, and the negative answer is cached.
    for _ in 0..3 {
        let r = bearer(&orders, "fake_at_unknown").await;
        assert_eq!(r.challenge, invalid_token("the token is not active"));
    }
    assert_eq!(
        server.request_count(INTROSPECT),
        3,
        "negative answers cached"
    );

    // Revocation is seen once the cached answer is gone.
    client.revoke_token(token.clone()).await.unwrap();
    assert_eq!(bearer(&orders, &token).await.status, 200, "still cached");
    cache.clear();
    assert_eq!(bearer(&orders, &token).await.status, 401);
    assert_eq!(server.request_count(INTROSPECT), 4);
    assert!(
        !format!("{cache:?}").contains(&token),
        "the token is not in Debug"
    );
}

#[tokio::test]
async fn introspection_cache_bound_and_ttls() {
    let (server, client) = start().await;
    let calls = || server.request_count(INTROSPECT);
    let tokens = [
        login_token(&client, "openid").await,
        login_token(&client, "openid").await,
        login_token(&client, "openid").await,
    ];

    // Bound: capacity 2, three tokens; the oldest is evicted and asked again.
    let cache = IntrospectionCache::new(client.clone()).with_capacity(2);
    for t in &tokens {
        assert!(cache.introspect(t).await.unwrap().active);
    }
    assert_eq!(calls(), 3);
    assert_eq!(cache.len(), 2);
    cache.introspect(&tokens[2]).await.unwrap();
    assert_eq!(calls(), 3, "a kept entry is a hit");
    cache.introspect(&tokens[0]).await.unwrap();
    assert_eq!(calls(), 4, "the evicted entry is asked again");
    assert_eq!(cache.len(), 2);
    for i in 0..50 {
        cache.introspect(&format!("unknown-{i}")).await.unwrap();
        assert!(cache.len() <= 2);
    }

    // TTLs: positive and negative answers are asked again once they expire.
    let short = client
        .introspection_cache()
        .with_positive_ttl(Duration::from_millis(300))
        .with_negative_ttl(Duration::from_millis(300));
    let base = calls();
    assert!(short.introspect(&tokens[1]).await.unwrap().active);
    assert!(!short.introspect("nope").await.unwrap().active);
    assert!(short.introspect(&tokens[1]).await.unwrap().active);
    assert!(!short.introspect("nope").await.unwrap().active);
    assert_eq!(calls(), base + 2, "both answers cached");
    tokio::time::sleep(Duration::from_millis(450)).await;
    assert!(short.introspect(&tokens[1]).await.unwrap().active);
    assert!(!short.introspect("nope").await.unwrap().active);
    assert_eq!(calls(), base + 4, "both asked again after their TTL");

    // Capacity 0 disables caching; a failed call is an error and is not cached.
    let none = client.introspection_cache().with_capacity(0);
    none.introspect(&tokens[1]).await.unwrap();
    none.introspect(&tokens[1]).await.unwrap();
    assert_eq!(calls(), base + 6);
    let down = unreachable_client(&server).introspection_cache();
    assert!(down.introspect(&tokens[1]).await.is_err());
    assert!(down.is_empty());
    // Through the trait: the same endpoint the cache uses.
    assert!(
        client
            .introspect(genauth::TokenRequestBody {
                token: tokens[1].clone().into(),
                ..Default::default()
            })
            .await
            .unwrap()
            .active
    );
}

/// A client of `server`'s app whose host refuses connections (GenAuth down).
fn unreachable_client(server: &FakeServer) -> GenAuthClient {
    GenAuthClient::new(
        server
            .client_options()
            .app_host(genauth_fake::refused_base_url())
            .build()
            .unwrap(),
    )
    .unwrap()
}

/// A burst of requests carrying one fresh token makes one introspection call; different tokens
/// do not wait for each other; a caller cancelled while it asks leaves no stuck gate behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn introspection_is_single_flight_per_token() {
    let (server, client) = start().await;
    let calls = || server.request_count(INTROSPECT);
    let (a, b) = (
        login_token(&client, "openid").await,
        login_token(&client, "openid").await,
    );
    let cache = client.introspection_cache();
    // Hold the first answer back so that every caller misses the cache while it is asked.
    server.inject_fault(
        INTROSPECT,
        genauth_fake::Fault::Delay(Duration::from_millis(200)),
    );
    let burst: Vec<_> = (0..64)
        .map(|i| {
            let (cache, token) = (
                cache.clone(),
                if i % 2 == 0 { a.clone() } else { b.clone() },
            );
            tokio::spawn(async move { cache.introspect(&token).await.unwrap().active })
        })
        .collect();
    for task in burst {
        assert!(task.await.unwrap());
    }
    assert_eq!(
        calls(),
        2,
        "64 concurrent lookups of 2 tokens: one call per token"
    );

    // Cancelled mid-call: the next caller for that token asks again, without waiting forever.
    let c = login_token(&client, "openid").await;
    server.inject_fault(
        INTROSPECT,
        genauth_fake::Fault::Delay(Duration::from_secs(30)),
    );
    let slow = {
        let (cache, c) = (cache.clone(), c.clone());
        tokio::spawn(async move { cache.introspect(&c).await })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    slow.abort();
    assert!(slow.await.unwrap_err().is_cancelled());
    let answer = tokio::time::timeout(Duration::from_secs(5), cache.introspect(&c))
        .await
        .expect("no stuck gate")
        .unwrap();
    assert!(answer.active);
    assert_eq!(calls(), 4);
    server.shutdown().await;
}
