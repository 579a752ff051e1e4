//! A resource server protected by GenAuth tokens: starts the in-repo GenAuth-compatible server
//! and an axum app on 127.0.0.1, logs a user in through the SDK, and calls the app's
//! `GET /orders` (which requires the scope `orders:read`) six ways. Prints each status and exits
//! 0 only when every one is as expected; it stops by itself.
//!
//! ```text
//! cargo run --example resource_server
//! ```

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::{Extension, Json, Router, routing::get};
use genauth::guard::{BearerClaims, Guard};
use genauth::{ClientOptions, GenAuthClient, OidcExt, PasswordGrantIdentity};
use genauth_fake::{FakeServer, FakeServerConfig};
use serde_json::{Value, json};

/// The protected handler: the guard has verified the token and stored its claims.
async fn orders(Extension(claims): Extension<BearerClaims>) -> Json<Value> {
    Json(json!({
        "user": claims.subject,
        "scopes": claims.scopes,
        "orders": ["#1001", "#1002"],
    }))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<ExitCode, Box<dyn std::error::Error>> {
    // 1. The GenAuth side: a compatible server, in process, on a random loopback port.
    let server = FakeServer::start(FakeServerConfig::default()).await?;
    let client = GenAuthClient::new(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(server.base_url())
            .build()?,
    )?;

    // 2. The API: `/orders` requires `orders:read`; tokens are RS256 JWTs checked offline
    //    against the app's JWKS (fetched once, cached).
    let guard = Guard::offline(client.token_verifier());
    let app = Router::new().route(
        "/orders",
        get(orders).layer(guard.require_scope("orders:read")?),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let api = format!("http://{}/orders", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("GenAuth (fake) on {}, API on {api}", server.base_url());

    // 3. A user logs in through the SDK (password grant on /oidc/token), twice: once with the
    //    scope the API requires, once without it.
    let alice = PasswordGrantIdentity::Username("alice".into());
    let login = |scope: &'static str| {
        client.get_access_token_by_password(alice.clone(), "Passw0rd!", Some(scope))
    };
    let fresh = login("openid profile orders:read")
        .await?
        .access_token
        .ok_or("the login returned no access token")?;
    let fresh = fresh.expose().to_owned();
    let narrow = login("openid profile")
        .await?
        .access_token
        .ok_or("the login returned no access token")?;
    let narrow = narrow.expose().to_owned();

    // Tokens a client should never get through: signed by the real key but expired or minted
    // for another API, and the fresh one with its signature altered.
    let claims = |patch: Value| {
        let mut c = json!({
            "iss": server.issuer(), "aud": server.app_id(), "sub": "user-alice",
            "iat": now(), "exp": now() + 600, "scope": "openid orders:read",
        });
        for (k, v) in patch.as_object().into_iter().flatten() {
            c[k] = v.clone();
        }
        server.sign_jwt(&c)
    };
    let expired = claims(json!({"iat": now() - 7200, "exp": now() - 3600}));
    let other_audience = claims(json!({"aud": "another-api"}));
    let tampered = {
        let (signed, sig) = fresh.rsplit_once('.').ok_or("not a JWT")?;
        let mut sig: Vec<char> = sig.chars().collect();
        let mid = sig.len() / 2;
        sig[mid] = if sig[mid] == 'A' { 'B' } else { 'A' };
        format!("{signed}.{}", sig.into_iter().collect::<String>())
    };

    // 4. The six calls.
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()?;
    let cases: [(&str, Option<&str>, u16); 6] = [
        ("fresh access token", Some(&fresh), 200),
        ("expired token", Some(&expired), 401),
        ("token for another audience", Some(&other_audience), 401),
        ("tampered token", Some(&tampered), 401),
        ("token lacking orders:read", Some(&narrow), 403),
        ("no token", None, 401),
    ];
    let mut all_as_expected = true;
    for (what, token, want) in cases {
        let mut request = http.get(&api);
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let challenge = response
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.text().await?;
        let ok = status == want;
        all_as_expected &= ok;
        let detail = match challenge {
            Some(c) => format!("WWW-Authenticate: {c}"),
            None => body,
        };
        println!(
            "{:<28} -> {status} (expected {want}) {} {detail}",
            what,
            if ok { "ok  " } else { "FAIL" },
        );
    }
    server.shutdown().await;
    if all_as_expected {
        println!("all six calls answered as expected");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("some calls did not answer as expected");
        Ok(ExitCode::FAILURE)
    }
}
