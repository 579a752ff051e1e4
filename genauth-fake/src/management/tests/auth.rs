//! Management credentials over loopback HTTP: the token endpoint, bearer tokens, signatures.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Method;
use serde_json::{Value, json};

use super::{
    Mgmt, assert_unauthorized, fetch_token, random_nonce, send, signature_headers, start,
    start_with, token_request,
};
use crate::{FakeManagementConfig, FakeServer};
use genauth_client::management::sign::Nonce;

/// `get-user` of alice, the demo user every server starts with, by user id.
const ALICE: &str = "/api/v3/get-user?userId=fake-user-1";

fn bearer(token: &str, userpool: &str) -> Vec<(String, String)> {
    vec![
        ("authorization".to_owned(), format!("Bearer {token}")),
        ("x-genauth-userpool-id".to_owned(), userpool.to_owned()),
    ]
}

#[tokio::test]
async fn token_endpoint_checks_the_access_key() {
    let server = start().await;
    assert_eq!(server.management_token_requests(), 0);
    for (id, secret) in [
        ("fake-access-key-id", "wrong-secret"),
        ("wrong-id", "fake-access-key-secret"),
    ] {
        let reply = token_request(&server, id, secret).await;
        assert_eq!(reply["statusCode"], 401, "{reply}");
        assert!(reply.get("data").is_none(), "{reply}");
        assert!(
            reply["message"]
                .as_str()
                .is_some_and(|m| m.contains("access key id or secret is wrong")),
            "{reply}"
        );
    }
    // A malformed request: 400.
    let headers = [("content-type".to_owned(), "application/json".to_owned())];
    let (_, reply) = send(
        &server,
        &Method::POST,
        "/api/v3/get-management-token",
        &headers,
        Some(br#"{"accessKeyId":"fake-access-key-id"}"#.to_vec()),
    )
    .await;
    assert_eq!(reply["statusCode"], 400, "{reply}");

    let reply = token_request(&server, "fake-access-key-id", "fake-access-key-secret").await;
    assert_eq!(reply["statusCode"], 200, "{reply}");
    assert_eq!(reply["data"]["expires_in"], 7200);
    let token = reply["data"]["access_token"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "JWT-shaped: {token}");
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["typ"], "JWT");
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(claims["sub"], "fake-access-key-id");
    assert_eq!(claims["scoped_userpool_id"], "fake-userpool-id");
    let (iat, exp) = (
        claims["iat"].as_u64().unwrap(),
        claims["exp"].as_u64().unwrap(),
    );
    assert_eq!(exp - iat, 7200);
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(iat.abs_diff(now) < 60, "iat {iat}, now {now}");
    assert_eq!(server.management_token_requests(), 4);
    server.shutdown().await;
}

#[tokio::test]
async fn a_token_works_until_expired() {
    let server = start().await;
    let token = fetch_token(&server).await;
    let target = ALICE;
    let userpool = server.management_userpool_id().to_owned();

    let (status, reply) = send(
        &server,
        &Method::GET,
        target,
        &bearer(&token, &userpool),
        None,
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["data"]["username"], "alice");
    // `bearer` in any case, no app id needed (a wrong one is not read either).
    let mut headers = bearer(&token, &userpool);
    headers[0].1 = format!("bearer {token}");
    headers.push(("x-genauth-app-id".to_owned(), "someone-else".to_owned()));
    let (status, _) = send(&server, &Method::GET, target, &headers, None).await;
    assert_eq!(status, 200);

    // The user pool header must be there and name the token's pool.
    let (status, reply) = send(
        &server,
        &Method::GET,
        target,
        &bearer(&token, &userpool)[..1],
        None,
    )
    .await;
    assert_unauthorized(status, &reply, "x-genauth-userpool-id");
    let (status, reply) = send(
        &server,
        &Method::GET,
        target,
        &bearer(&token, "other-pool"),
        None,
    )
    .await;
    assert_unauthorized(status, &reply, "does not name the user pool");
    // Tokens the server did not issue.
    let forged = format!("{token}x");
    let (status, reply) = send(
        &server,
        &Method::GET,
        target,
        &bearer(&forged, &userpool),
        None,
    )
    .await;
    assert_unauthorized(status, &reply, "unknown management token");
    // No credentials, or another scheme.
    let (status, reply) = send(&server, &Method::GET, target, &[], None).await;
    assert_unauthorized(status, &reply, "needs `authorization`");
    let basic = [("authorization".to_owned(), "Basic Zm9vOmJhcg==".to_owned())];
    let (status, reply) = send(&server, &Method::GET, target, &basic, None).await;
    assert_unauthorized(status, &reply, "neither");

    server.expire_management_tokens();
    let (status, reply) = send(
        &server,
        &Method::GET,
        target,
        &bearer(&token, &userpool),
        None,
    )
    .await;
    assert_unauthorized(status, &reply, "has expired");
    // A new token works; the old one stays expired.
    let fresh = fetch_token(&server).await;
    let (status, _) = send(
        &server,
        &Method::GET,
        target,
        &bearer(&fresh, &userpool),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = send(
        &server,
        &Method::GET,
        target,
        &bearer(&token, &userpool),
        None,
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(server.management_token_requests(), 2);
    server.shutdown().await;
}

#[tokio::test]
async fn token_lifetime_and_prefix_are_configurable() {
    let server = start_with(|c| {
        c.header_prefix = "x-authing-".into();
        c.management = FakeManagementConfig::default()
            .token_ttl(0)
            .userpool_id("pool-9");
    })
    .await;
    let reply = token_request(&server, "fake-access-key-id", "fake-access-key-secret").await;
    assert_eq!(reply["data"]["expires_in"], 0);
    let token = reply["data"]["access_token"].as_str().unwrap();
    let headers = [
        ("authorization".to_owned(), format!("Bearer {token}")),
        ("x-authing-userpool-id".to_owned(), "pool-9".to_owned()),
    ];
    let (status, reply) = send(&server, &Method::GET, ALICE, &headers, None).await;
    assert_unauthorized(status, &reply, "has expired");
    server.shutdown().await;

    let server = start_with(|c| {
        c.header_prefix = "x-authing-".into();
        c.management = FakeManagementConfig::default().userpool_id("pool-9");
    })
    .await;
    let token = fetch_token(&server).await;
    let mut headers = vec![
        ("authorization".to_owned(), format!("Bearer {token}")),
        ("x-authing-userpool-id".to_owned(), "pool-9".to_owned()),
    ];
    let (status, reply) = send(&server, &Method::GET, ALICE, &headers, None).await;
    assert_eq!(status, 200, "{reply}");
    // Only the configured prefix counts.
    headers[1].0 = "x-genauth-userpool-id".into();
    let (status, reply) = send(&server, &Method::GET, ALICE, &headers, None).await;
    assert_unauthorized(status, &reply, "x-authing-userpool-id");
    server.shutdown().await;
}

/// How a test request is signed: when, with which nonce and secret.
struct Sig<'a> {
    at: SystemTime,
    nonce: Nonce,
    secret: &'a str,
}

/// A signed request, sent: `mutate` may change the target, headers or body after signing.
async fn signed(
    server: &FakeServer,
    method: Method,
    target: &str,
    body: Option<&Value>,
    sig: Sig<'_>,
    mutate: impl FnOnce(&mut String, &mut Vec<(String, String)>, &mut Option<Vec<u8>>),
) -> (u16, Value) {
    let mut headers = signature_headers(
        server.management_access_key_id(),
        sig.secret,
        &method,
        target,
        body,
        sig.at,
        &sig.nonce,
    );
    if body.is_some() {
        headers.push(("content-type".to_owned(), "application/json".to_owned()));
    }
    let mut bytes = body.map(|b| b.to_string().into_bytes());
    let mut target = target.to_owned();
    mutate(&mut target, &mut headers, &mut bytes);
    send(server, &method, &target, &headers, bytes).await
}

#[tokio::test]
async fn signatures_are_checked_in_full() {
    let server = start().await;
    let secret = server.management_access_key_secret().to_owned();
    let now = SystemTime::now();
    let body = json!({"username": "sig-user", "password": "Passw0rd!", "emailVerified": true});
    let keep = |_: &mut String, _: &mut Vec<(String, String)>, _: &mut Option<Vec<u8>>| {};

    // A valid signed POST and GET.
    let (status, reply) = signed(
        &server,
        Method::POST,
        "/api/v3/create-user",
        Some(&body),
        Sig {
            at: now,
            nonce: random_nonce(),
            secret: &secret,
        },
        keep,
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    let id = reply["data"]["userId"].as_str().unwrap().to_owned();
    let target = format!("/api/v3/get-user?userId={id}&withCustomData=true");
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce: random_nonce(),
            secret: &secret,
        },
        keep,
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["data"]["username"], "sig-user");

    // One body byte changed after signing.
    let (status, reply) = signed(
        &server,
        Method::POST,
        "/api/v3/update-user",
        Some(&json!({"userId": id, "nickname": "bob"})),
        Sig {
            at: now,
            nonce: random_nonce(),
            secret: &secret,
        },
        |_, _, body| {
            let bytes = body.as_mut().unwrap();
            let at = bytes.iter().position(|b| *b == b'b').unwrap();
            bytes[at] = b'B';
        },
    )
    .await;
    assert_unauthorized(status, &reply, "does not match");
    // A query value changed after signing.
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce: random_nonce(),
            secret: &secret,
        },
        |t, _, _| {
            *t = t.replace("withCustomData=true", "withCustomData=false");
        },
    )
    .await;
    assert_unauthorized(status, &reply, "does not match");
    // A wrong secret.
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce: random_nonce(),
            secret: "wrong-secret",
        },
        keep,
    )
    .await;
    assert_unauthorized(status, &reply, "does not match");
    // An old date, a future one; within the skew is fine.
    let old = now - Duration::from_secs(16 * 60);
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: old,
            nonce: random_nonce(),
            secret: &secret,
        },
        keep,
    )
    .await;
    assert_unauthorized(status, &reply, "away from the server's clock");
    let future = now + Duration::from_secs(16 * 60);
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: future,
            nonce: random_nonce(),
            secret: &secret,
        },
        keep,
    )
    .await;
    assert_unauthorized(status, &reply, "away from the server's clock");
    let recent = now - Duration::from_secs(10 * 60);
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: recent,
            nonce: random_nonce(),
            secret: &secret,
        },
        keep,
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    // A replayed nonce: the same request twice, and the same nonce on another request.
    let nonce = random_nonce();
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce,
            secret: &secret,
        },
        keep,
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce,
            secret: &secret,
        },
        keep,
    )
    .await;
    assert_unauthorized(status, &reply, "nonce was already used");
    let (status, reply) = signed(
        &server,
        Method::GET,
        "/api/v3/list-roles",
        None,
        Sig {
            at: now,
            nonce,
            secret: &secret,
        },
        keep,
    )
    .await;
    assert_unauthorized(status, &reply, "nonce was already used");
    // A refused request does not spend its nonce.
    let nonce = random_nonce();
    let (status, _) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce,
            secret: "wrong-secret",
        },
        keep,
    )
    .await;
    assert_eq!(status, 401);
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce,
            secret: &secret,
        },
        keep,
    )
    .await;
    assert_eq!(status, 200, "{reply}");

    // Malformed signature headers.
    let drop_header = |name: &'static str| {
        move |_: &mut String, h: &mut Vec<(String, String)>, _: &mut Option<Vec<u8>>| {
            h.retain(|(n, _)| n != name);
        }
    };
    for (name, message) in [
        ("date", "`date` header"),
        (
            "x-authing-signature-nonce",
            "`x-authing-signature-nonce` header",
        ),
        (
            "x-authing-signature-method",
            "`x-authing-signature-method` header",
        ),
        (
            "x-authing-signature-version",
            "`x-authing-signature-version` header",
        ),
    ] {
        let (status, reply) = signed(
            &server,
            Method::GET,
            &target,
            None,
            Sig {
                at: now,
                nonce: random_nonce(),
                secret: &secret,
            },
            drop_header(name),
        )
        .await;
        assert_unauthorized(status, &reply, message);
    }
    let set = |name: &'static str, value: &'static str| {
        move |_: &mut String, h: &mut Vec<(String, String)>, _: &mut Option<Vec<u8>>| {
            for (n, v) in h.iter_mut() {
                if n == name {
                    *v = value.to_owned();
                }
            }
        }
    };
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce: random_nonce(),
            secret: &secret,
        },
        set("x-authing-signature-method", "HMAC-SHA256"),
    )
    .await;
    assert_unauthorized(status, &reply, "must be HMAC-SHA1");
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce: random_nonce(),
            secret: &secret,
        },
        set("date", "yesterday"),
    )
    .await;
    assert_unauthorized(status, &reply, "RFC 1123");
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce: random_nonce(),
            secret: &secret,
        },
        set("x-authing-signature-nonce", "not-hex"),
    )
    .await;
    assert_unauthorized(status, &reply, "32 hex digits");
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce: random_nonce(),
            secret: &secret,
        },
        |_, h, _| {
            for (n, v) in h.iter_mut() {
                if n == "authorization" {
                    *v = v.replace("fake-access-key-id", "other-key");
                }
            }
        },
    )
    .await;
    assert_unauthorized(status, &reply, "unknown access key id");
    // An extra x-authing-* header is signed: adding one after signing breaks the signature.
    let (status, reply) = signed(
        &server,
        Method::GET,
        &target,
        None,
        Sig {
            at: now,
            nonce: random_nonce(),
            secret: &secret,
        },
        |_, h, _| {
            h.push(("x-authing-lang".to_owned(), "en-US".to_owned()));
        },
    )
    .await;
    assert_unauthorized(status, &reply, "does not match");
    server.shutdown().await;
}

/// The 401 never echoes a signed value: the error names the parameters, not their values.
#[tokio::test]
async fn refusals_do_not_echo_secrets() {
    let server = start().await;
    let body = json!({"username": "quiet", "password": "S3cret-Value-1"});
    let (status, reply) = signed(
        &server,
        Method::POST,
        "/api/v3/create-user",
        Some(&body),
        Sig {
            at: SystemTime::now(),
            nonce: random_nonce(),
            secret: "wrong-secret",
        },
        |_, _, _| {},
    )
    .await;
    assert_unauthorized(status, &reply, "\"password\"");
    let text = reply.to_string();
    assert!(!text.contains("S3cret-Value-1"), "{text}");
    assert!(!text.contains("fake-access-key-secret"), "{text}");
    let token = fetch_token(&server).await;
    let debug = format!("{server:?} {:?}", crate::FakeServerConfig::default());
    assert!(!debug.contains("fake-access-key-secret"), "{debug}");
    assert!(!debug.contains(&token), "{debug}");
    server.shutdown().await;
}

/// Both schemes reach the same endpoints.
#[tokio::test]
async fn both_schemes_reach_the_stateful_endpoints() {
    let server = start().await;
    for mgmt in [Mgmt::token(&server).await, Mgmt::signature(&server)] {
        let reply = mgmt
            .get("/api/v3/get-user?userId=alice&userIdType=username")
            .await;
        assert_eq!(reply["data"]["userId"], "fake-user-1", "{:?}", mgmt.cred);
    }
    server.shutdown().await;
}
