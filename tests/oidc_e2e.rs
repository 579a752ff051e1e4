//! OIDC / OAuth over loopback: every grant under each client-auth method, introspection,
//! revocation, userinfo, the `/oauth/*` variants, per-endpoint auth methods, and local token
//! verification (JWKS by `kid` with refetch, HS256), including the failure paths.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use genauth::oidc::{
    AuthorizeParams, AuthorizeRequest, CodeChallengeMethod, LogoutParams, VerifyError,
};
use genauth::{
    ClientOptions, ClientOptionsBuilder, Error, GenAuthClient, LoginTokenSet, Oidc, OidcExt,
    PasswordGrantIdentity, Protocol, TokenEndpointAuthMethod,
};
use genauth_fake::{FakeIdTokenAlg, FakeOidcConfig, FakeServer, FakeServerConfig, RecordedRequest};
use serde_json::{Value, json};

const REDIRECT: &str = "https://app.example/callback";

async fn start(method: TokenEndpointAuthMethod, oidc: FakeOidcConfig) -> FakeServer {
    FakeServer::start(FakeServerConfig {
        auth_method: method.as_str().to_owned(),
        oidc,
        ..Default::default()
    })
    .await
    .expect("fake server starts")
}

fn builder(server: &FakeServer, method: TokenEndpointAuthMethod) -> ClientOptionsBuilder {
    let mut b = ClientOptions::builder()
        .app_id(server.app_id())
        .app_host(server.base_url())
        .auth_method(method)
        .redirect_uri(REDIRECT);
    if method != TokenEndpointAuthMethod::None {
        b = b.app_secret(server.app_secret());
    }
    b
}

fn client(b: ClientOptionsBuilder) -> GenAuthClient {
    GenAuthClient::new(b.build().unwrap()).unwrap()
}

fn last(server: &FakeServer, path: &str) -> RecordedRequest {
    server
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.path == path)
        .expect("request recorded")
}

fn form(r: &RecordedRequest) -> Vec<(String, String)> {
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    form_pairs(&String::from_utf8(r.body.clone()).unwrap())
}

fn form_pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let s = s.replace('+', " ");
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn get<'a>(pairs: &'a [(String, String)], k: &str) -> Option<&'a str> {
    pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

/// Asserts the client auth of a recorded form request per api doc 1.3.
fn check_client_auth(server: &FakeServer, r: &RecordedRequest, method: TokenEndpointAuthMethod) {
    let f = form(r);
    let auth = r.header("authorization");
    match method {
        TokenEndpointAuthMethod::ClientSecretPost => {
            assert_eq!(get(&f, "client_id"), Some(server.app_id()));
            assert_eq!(get(&f, "client_secret"), Some(server.app_secret()));
            assert_eq!(auth, None);
        }
        TokenEndpointAuthMethod::ClientSecretBasic => {
            assert_eq!(
                (get(&f, "client_id"), get(&f, "client_secret")),
                (None, None)
            );
            assert!(auth.is_some_and(|a| a.starts_with("Basic ")));
        }
        TokenEndpointAuthMethod::None => {
            assert_eq!(get(&f, "client_id"), Some(server.app_id()));
            assert_eq!((get(&f, "client_secret"), auth), (None, None));
        }
    }
}

/// Authorize as alice and return the request and the code from the redirect.
fn authorize(
    server: &FakeServer,
    c: &GenAuthClient,
    params: AuthorizeParams,
) -> (AuthorizeRequest, String) {
    let login = c.build_authorize_url(params).unwrap();
    let redirect = server.approve_authorization(&login.url, "alice").unwrap();
    let (base, query) = redirect.split_once('?').unwrap();
    assert_eq!(base, REDIRECT);
    let q = form_pairs(query);
    assert_eq!(get(&q, "state"), login.state.as_deref());
    let code = get(&q, "code").unwrap().to_owned();
    (login, code)
}

fn oauth_error(e: &Error) -> (u16, &str) {
    match e {
        Error::OAuth { status, error, .. } => (*status, error.as_str()),
        other => panic!("expected an OAuth error, got {other:?}"),
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn code_flow_with_pkce_refresh_introspect_revoke_under_each_method() {
    for method in [
        TokenEndpointAuthMethod::ClientSecretPost,
        TokenEndpointAuthMethod::ClientSecretBasic,
        TokenEndpointAuthMethod::None,
    ] {
        let server = start(method, FakeOidcConfig::default()).await;
        let c = client(builder(&server, method));
        let (login, code) = authorize(
            &server,
            &c,
            AuthorizeParams {
                scope: Some("openid profile email offline_access".into()),
                pkce: Some(CodeChallengeMethod::S256),
                ..Default::default()
            },
        );
        assert!(login.url.contains("prompt=consent"));
        let verifier = login.code_verifier.as_ref().unwrap().expose();
        // The request keeps the redirect_uri its URL carries; the exchange sends it again.
        let redirect_uri = login.redirect_uri.as_deref().unwrap();
        assert_eq!(redirect_uri, REDIRECT);
        let tokens = c
            .get_access_token_by_code(code.as_str(), redirect_uri, Some(verifier))
            .await
            .unwrap();
        let r = last(&server, "/oidc/token");
        check_client_auth(&server, &r, method);
        let f = form(&r);
        assert_eq!(get(&f, "grant_type"), Some("authorization_code"));
        assert_eq!(get(&f, "code"), Some(code.as_str()));
        assert_eq!(get(&f, "redirect_uri"), Some(REDIRECT));
        assert_eq!(get(&f, "code_verifier"), Some(verifier));
        assert!(tokens.expires_in > 0 && tokens.token_type == "Bearer");

        // The code is single use.
        let e = c
            .get_access_token_by_code(code.as_str(), redirect_uri, Some(verifier))
            .await
            .unwrap_err();
        assert_eq!(oauth_error(&e), (400, "invalid_grant"));

        // ID token: RS256 by kid, nonce checked; access token too.
        let v = c.token_verifier();
        let id = v
            .verify_id_token(
                tokens.id_token.as_ref().unwrap().expose(),
                login.nonce.as_deref(),
            )
            .await
            .unwrap();
        assert_eq!(id.iss, server.issuer());
        assert_eq!(id.extra["email"], "alice@example.com");
        let at = tokens.access_token.as_ref().unwrap().expose().to_owned();
        let access = v.verify_access_token(&at).await.unwrap();
        assert_eq!(access.sub.as_deref(), Some(id.sub.as_str()));
        assert_eq!(
            server.request_count("/oidc/.well-known/jwks.json"),
            1,
            "JWKS cached"
        );

        // Userinfo with the token in the form body.
        let info = c.get_user_info_by_access_token(at.as_str()).await.unwrap();
        assert_eq!(
            (info.sub.as_str(), info.email.as_deref()),
            (id.sub.as_str(), Some("alice@example.com"))
        );
        assert_eq!(
            form(&last(&server, "/oidc/me")),
            vec![("access_token".to_owned(), at.clone())]
        );

        // Introspection.
        let i = c.introspect_token(at.as_str()).await.unwrap();
        assert!(i.active);
        assert_eq!(i.sub.as_deref(), Some(id.sub.as_str()));
        check_client_auth(&server, &last(&server, "/oidc/token/introspection"), method);

        // Refresh, then revoke the refresh token: it stops working.
        let rt = tokens.refresh_token.clone().unwrap();
        let refreshed = c
            .get_new_access_token_by_refresh_token(rt.clone())
            .await
            .unwrap();
        assert_ne!(refreshed.access_token, tokens.access_token);
        let f = form(&last(&server, "/oidc/token"));
        assert_eq!(get(&f, "grant_type"), Some("refresh_token"));
        assert_eq!(get(&f, "refresh_token"), Some(rt.expose()));
        c.revoke_token(rt.clone()).await.unwrap();
        check_client_auth(&server, &last(&server, "/oidc/token/revocation"), method);
        let e = c
            .get_new_access_token_by_refresh_token(rt.clone())
            .await
            .unwrap_err();
        assert_eq!(oauth_error(&e), (400, "invalid_grant"));
        assert!(!format!("{e} {e:?}").contains(rt.expose()));
        assert!(!c.introspect_token(rt).await.unwrap().active);

        // A revoked access token is rejected by userinfo.
        c.revoke_token(at.as_str()).await.unwrap();
        let e = c
            .get_user_info_by_access_token(at.as_str())
            .await
            .unwrap_err();
        assert_eq!(oauth_error(&e), (401, "invalid_token"));
        server.shutdown().await;
    }
}

#[tokio::test]
async fn pkce_failures_and_plain() {
    let server = start(TokenEndpointAuthMethod::None, FakeOidcConfig::default()).await;
    let c = client(builder(&server, TokenEndpointAuthMethod::None));
    let pkce = AuthorizeParams {
        pkce: Some(CodeChallengeMethod::S256),
        ..Default::default()
    };
    let (_, code) = authorize(&server, &c, pkce.clone());
    let e = c
        .get_access_token_by_code(
            code.as_str(),
            REDIRECT,
            Some("not-the-verifier-0123456789-0123456789-0123"),
        )
        .await
        .unwrap_err();
    assert_eq!(oauth_error(&e), (400, "invalid_grant"));
    let (_, code) = authorize(&server, &c, pkce);
    let e = c
        .get_access_token_by_code(code.as_str(), REDIRECT, None)
        .await
        .unwrap_err();
    assert_eq!(oauth_error(&e), (400, "invalid_grant"));
    let (login, code) = authorize(
        &server,
        &c,
        AuthorizeParams {
            pkce: Some(CodeChallengeMethod::Plain),
            ..Default::default()
        },
    );
    let t = c
        .get_access_token_by_code(
            code.as_str(),
            REDIRECT,
            login.code_verifier.as_ref().map(|v| v.expose()),
        )
        .await
        .unwrap();
    assert!(t.id_token.is_some() && t.refresh_token.is_none());
}

#[tokio::test]
async fn password_and_client_credentials_grants() {
    let server = start(
        TokenEndpointAuthMethod::ClientSecretBasic,
        FakeOidcConfig::default(),
    )
    .await;
    let c = client(builder(&server, TokenEndpointAuthMethod::ClientSecretBasic));
    let t = c
        .get_access_token_by_password(
            PasswordGrantIdentity::Email("alice@example.com".into()),
            "Passw0rd!",
            Some("openid email"),
        )
        .await
        .unwrap();
    assert!(t.id_token.is_some());
    let r = last(&server, "/oidc/token");
    check_client_auth(&server, &r, TokenEndpointAuthMethod::ClientSecretBasic);
    let f = form(&r);
    assert_eq!(
        f.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        ["grant_type", "email", "password", "scope"]
    );
    let e = c
        .get_access_token_by_password(
            PasswordGrantIdentity::Username("alice".into()),
            "wrong-pass",
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(oauth_error(&e), (400, "invalid_grant"));
    assert!(!format!("{e} {e:?}").contains("wrong-pass"));

    // M2M: AccessKey/SecretKey in the form, never Basic, even for a basic app.
    let m2m = FakeOidcConfig::default();
    let t: LoginTokenSet = c
        .get_access_token_by_client_credentials(
            "orders:read",
            &m2m.m2m_access_key,
            m2m.m2m_secret_key.as_str(),
        )
        .await
        .unwrap();
    assert!(t.id_token.is_none() && t.refresh_token.is_none());
    let r = last(&server, "/oidc/token");
    assert_eq!(r.header("authorization"), None);
    assert_eq!(
        form(&r),
        vec![
            ("grant_type".to_owned(), "client_credentials".to_owned()),
            ("scope".to_owned(), "orders:read".to_owned()),
            ("client_id".to_owned(), m2m.m2m_access_key.clone()),
            ("client_secret".to_owned(), m2m.m2m_secret_key.clone()),
        ]
    );
    let claims = c
        .token_verifier()
        .verify_access_token(t.access_token.as_ref().unwrap().expose())
        .await
        .unwrap();
    assert_eq!(claims.sub, None);
    assert_eq!(claims.scope.as_deref(), Some("orders:read"));
    let e = c
        .get_access_token_by_client_credentials("x", &m2m.m2m_access_key, "bad-sk")
        .await
        .unwrap_err();
    assert_eq!(oauth_error(&e), (401, "invalid_client"));
    assert!(matches!(
        c.get_access_token_by_client_credentials(" ", "a", "b")
            .await,
        Err(Error::InvalidRequest(_))
    ));
}

#[tokio::test]
async fn oauth_protocol_uses_oauth_paths() {
    let server = start(
        TokenEndpointAuthMethod::ClientSecretPost,
        FakeOidcConfig::default(),
    )
    .await;
    let c = client(
        builder(&server, TokenEndpointAuthMethod::ClientSecretPost).protocol(Protocol::OAuth),
    );
    let (login, code) = authorize(
        &server,
        &c,
        AuthorizeParams {
            scope: Some("openid offline_access".into()),
            ..Default::default()
        },
    );
    assert!(
        login
            .url
            .starts_with(&format!("{}/oauth/auth?", server.base_url()))
    );
    let t = c
        .get_access_token_by_code(code.as_str(), REDIRECT, None)
        .await
        .unwrap();
    let at = t.access_token.unwrap();
    c.get_user_info_by_access_token(at.clone()).await.unwrap();
    assert!(c.introspect_token(at.clone()).await.unwrap().active);
    c.revoke_token(t.refresh_token.unwrap()).await.unwrap();
    let m2m = FakeOidcConfig::default();
    c.get_access_token_by_client_credentials("s", &m2m.m2m_access_key, m2m.m2m_secret_key.as_str())
        .await
        .unwrap();
    for path in [
        "/oauth/token",
        "/oauth/me",
        "/oauth/token/introspection",
        "/oauth/token/revocation",
    ] {
        assert!(server.request_count(path) >= 1, "{path}");
    }
    assert_eq!(server.request_count("/oidc/token"), 0);
}

#[tokio::test]
async fn per_endpoint_auth_methods() {
    let server = start(
        TokenEndpointAuthMethod::ClientSecretPost,
        FakeOidcConfig {
            introspection_auth_method: Some(TokenEndpointAuthMethod::ClientSecretBasic),
            revocation_auth_method: Some(TokenEndpointAuthMethod::None),
            ..Default::default()
        },
    )
    .await;
    // The same method as the token endpoint: rejected by this server.
    let plain = client(builder(&server, TokenEndpointAuthMethod::ClientSecretPost));
    let e = plain.introspect_token("whatever").await.unwrap_err();
    assert_eq!(oauth_error(&e), (401, "invalid_client"));

    let c = client(
        builder(&server, TokenEndpointAuthMethod::ClientSecretPost)
            .introspection_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
            .revocation_auth_method(TokenEndpointAuthMethod::None),
    );
    let (_, code) = authorize(&server, &c, AuthorizeParams::default());
    let t = c
        .get_access_token_by_code(code.as_str(), REDIRECT, None)
        .await
        .unwrap();
    check_client_auth(
        &server,
        &last(&server, "/oidc/token"),
        TokenEndpointAuthMethod::ClientSecretPost,
    );
    let at = t.access_token.unwrap();
    assert!(c.introspect_token(at.clone()).await.unwrap().active);
    check_client_auth(
        &server,
        &last(&server, "/oidc/token/introspection"),
        TokenEndpointAuthMethod::ClientSecretBasic,
    );
    c.revoke_token(at.clone()).await.unwrap();
    check_client_auth(
        &server,
        &last(&server, "/oidc/token/revocation"),
        TokenEndpointAuthMethod::None,
    );
    assert!(!c.introspect_token(at).await.unwrap().active);
}

fn id_claims(server: &FakeServer) -> Value {
    json!({
        "iss": server.issuer(),
        "aud": server.app_id(),
        "sub": "user-1",
        "iat": now(),
        "exp": now() + 600,
        "nonce": "n-1",
    })
}

/// [`id_claims`] with `patch` applied: each key set to its value, or removed when it is `null`.
fn patched_claims(server: &FakeServer, patch: Value) -> Value {
    let mut claims = id_claims(server);
    for (k, val) in patch.as_object().unwrap() {
        if val.is_null() {
            claims.as_object_mut().unwrap().remove(k);
        } else {
            claims[k] = val.clone();
        }
    }
    claims
}

fn verify_err(r: Result<impl std::fmt::Debug, VerifyError>) -> VerifyError {
    r.expect_err("verification must fail")
}

#[tokio::test]
async fn token_verification_failures() {
    let server = start(
        TokenEndpointAuthMethod::ClientSecretPost,
        FakeOidcConfig::default(),
    )
    .await;
    let c = client(builder(&server, TokenEndpointAuthMethod::ClientSecretPost));
    let v = c.token_verifier();
    let good = server.sign_jwt(&id_claims(&server));
    v.verify_id_token(&good, Some("n-1")).await.unwrap();
    v.verify_id_token(&good, None).await.unwrap();

    let with = |patch: Value| server.sign_jwt(&patched_claims(&server, patch));
    let cases = [
        (json!({"aud": "another-app"}), "WrongAudience"),
        (json!({"aud": ["x", "y"]}), "WrongAudience"),
        (json!({"iss": "https://evil.example/oidc"}), "WrongIssuer"),
        (json!({"exp": now() - 3600}), "Expired"),
        (json!({"iat": now() + 3600}), "IssuedInFuture"),
        (json!({"nbf": now() + 3600}), "NotYetValid"),
        (json!({"iat": null}), "MissingClaim"),
        (json!({"exp": null}), "MissingClaim"),
    ];
    for (patch, want) in cases {
        let e = verify_err(v.verify_id_token(&with(patch.clone()), None).await);
        assert!(format!("{e:?}").starts_with(want), "{patch}: {e:?}");
    }
    // An audience array containing the app id is fine, with `azp` = the app id (several
    // audiences need one: see `id_token_azp_and_fractional_dates`).
    v.verify_id_token(
        &with(json!({"aud": ["x", server.app_id()], "azp": server.app_id()})),
        None,
    )
    .await
    .unwrap();
    // Nonce.
    assert!(matches!(
        verify_err(v.verify_id_token(&good, Some("other")).await),
        VerifyError::NonceMismatch
    ));
    assert!(matches!(
        verify_err(
            v.verify_id_token(&with(json!({"nonce": null})), Some("n-1"))
                .await
        ),
        VerifyError::NonceMismatch
    ));
    // Tampered payload and tampered signature.
    let parts: Vec<&str> = good.split('.').collect();
    let forged_claims = {
        use base64::Engine as _;
        let mut c = id_claims(&server);
        c["sub"] = "admin".into();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(c.to_string())
    };
    let tampered = format!("{}.{}.{}", parts[0], forged_claims, parts[2]);
    assert!(matches!(
        verify_err(v.verify_id_token(&tampered, None).await),
        VerifyError::BadSignature
    ));
    // Flip a character in the middle: the last one may only carry padding bits.
    let mut sig: Vec<char> = parts[2].chars().collect();
    let mid = sig.len() / 2;
    sig[mid] = if sig[mid] == 'A' { 'B' } else { 'A' };
    let sig: String = sig.into_iter().collect();
    let bad_sig = format!("{}.{}.{}", parts[0], parts[1], sig);
    assert!(matches!(
        verify_err(v.verify_id_token(&bad_sig, None).await),
        VerifyError::BadSignature
    ));
    // alg none, garbage.
    let none = {
        use base64::Engine as _;
        let e = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!(
            "{}.{}.",
            e(r#"{"alg":"none","typ":"JWT"}"#),
            e(&id_claims(&server).to_string())
        )
    };
    assert!(v.verify_id_token(&none, None).await.is_err());
    assert!(matches!(
        verify_err(v.verify_id_token("not-a-jwt", None).await),
        VerifyError::Malformed(_)
    ));
    // HS256 with the app secret: ID tokens only, and only with a secret.
    let hs = server.sign_jwt_hs256(&id_claims(&server));
    v.verify_id_token(&hs, Some("n-1")).await.unwrap();
    assert!(matches!(
        verify_err(v.verify_access_token(&hs).await),
        VerifyError::UnsupportedAlgorithm(_)
    ));
    let hs_tampered = format!(
        "{}.{}.{}",
        hs.split('.').next().unwrap(),
        forged_claims,
        hs.split('.').nth(2).unwrap()
    );
    assert!(matches!(
        verify_err(v.verify_id_token(&hs_tampered, None).await),
        VerifyError::BadSignature
    ));
    let public = client(builder(&server, TokenEndpointAuthMethod::None));
    assert!(matches!(
        verify_err(public.token_verifier().verify_id_token(&hs, None).await),
        VerifyError::MissingSecret
    ));
    // Errors never carry the token.
    let e = verify_err(
        v.verify_id_token(&with(json!({"aud": "another-app"})), None)
            .await,
    );
    assert!(!format!("{e} {e:?}").contains(parts[1]));
    assert_eq!(server.request_count("/oidc/.well-known/jwks.json"), 1);
}

/// `header.claims.signature` with HS256 over raw claims JSON, for numbers `serde_json::Value`
/// cannot hold (`1e400`).
fn sign_hs256_raw(secret: &str, claims: &str) -> String {
    use base64::Engine as _;
    use hmac::{KeyInit, Mac};
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let input = format!("{}.{}", b64(br#"{"alg":"HS256"}"#), b64(claims.as_bytes()));
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

#[tokio::test]
async fn id_token_azp_and_fractional_dates() {
    let server = start(
        TokenEndpointAuthMethod::ClientSecretPost,
        FakeOidcConfig::default(),
    )
    .await;
    let c = client(builder(&server, TokenEndpointAuthMethod::ClientSecretPost));
    let v = c.token_verifier();
    let app = server.app_id();
    let with = |patch: Value| patched_claims(&server, patch);

    // azp (OIDC Core §3.1.3.7 items 4-5), for ID tokens.
    for ok in [
        json!({"aud": [app, "other-app"], "azp": app}),
        json!({"aud": app}),
        json!({"aud": [app]}),
        json!({"aud": app, "azp": app}),
    ] {
        let claims = with(ok.clone());
        v.verify_id_token(&server.sign_jwt(&claims), Some("n-1"))
            .await
            .unwrap_or_else(|e| panic!("{ok}: {e:?}"));
        // HS256 ID tokens follow the same rule.
        v.verify_id_token(&server.sign_jwt_hs256(&claims), Some("n-1"))
            .await
            .unwrap_or_else(|e| panic!("{ok} (HS256): {e:?}"));
    }
    let rejected = [
        (
            json!({"aud": [app, "other-app"], "azp": "other-app"}),
            "WrongAudience",
        ),
        (json!({"aud": [app, "other-app"]}), "MissingClaim(\"azp\")"),
        (json!({"aud": app, "azp": "other-app"}), "WrongAudience"),
        (json!({"aud": app, "azp": 7}), "Malformed"),
    ];
    for (patch, want) in rejected {
        let e = verify_err(
            v.verify_id_token(&server.sign_jwt(&with(patch.clone())), None)
                .await,
        );
        assert!(format!("{e:?}").starts_with(want), "{patch}: {e:?}");
    }

    // Not for access tokens: their audience is the resource, and their azp the client that
    // obtained them.
    let access = json!({
        "iss": server.issuer(), "aud": [app, "other-api"], "azp": "other-app", "sub": "user-1",
        "iat": now(), "exp": now() + 600,
    });
    v.verify_access_token(&server.sign_jwt(&access))
        .await
        .unwrap();

    // Fractional NumericDates (RFC 7519 §2), compared unrounded; the claims report whole
    // seconds, truncated.
    let t = now() as f64;
    let claims = v
        .verify_id_token(
            &server.sign_jwt(&with(
                json!({"exp": t + 600.5, "iat": t - 0.25, "nbf": t - 0.75}),
            )),
            None,
        )
        .await
        .unwrap();
    assert_eq!(claims.exp, t as u64 + 600);
    assert_eq!(claims.iat, t as u64 - 1);
    // exp a second and a half from now (read to the microsecond), no leeway: still valid. (The
    // half-second case at a fixed clock is in the claims unit tests.)
    let strict = c.token_verifier().with_leeway(Duration::ZERO);
    let precise = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    strict
        .verify_id_token(
            &server.sign_jwt(&with(json!({"iat": precise, "exp": precise + 1.5}))),
            None,
        )
        .await
        .unwrap();
    // A fractional exp in the past beyond the (default, 60 s) leeway; nbf and iat in the future
    // beyond it.
    let cases = [
        (json!({"exp": t - 60.5}), "Expired"),
        (json!({"nbf": t + 120.5}), "NotYetValid"),
        (json!({"iat": t + 120.5}), "IssuedInFuture"),
        (json!({"exp": "4102444800"}), "Malformed"),
        (json!({"exp": -1}), "Malformed"),
        (json!({"exp": -0.5}), "Malformed"),
        (json!({"iat": 1.8446744073709552e19}), "Malformed"),
    ];
    for (patch, want) in cases {
        let e = verify_err(
            v.verify_id_token(&server.sign_jwt(&with(patch.clone())), None)
                .await,
        );
        assert!(format!("{e:?}").starts_with(want), "{patch}: {e:?}");
    }
    // Numbers beyond f64 (serde_json::Value cannot hold them, so the claims are signed raw).
    for dates in [
        format!(r#""iat":{t},"exp":1e400"#),
        format!(r#""iat":1e400,"exp":{}"#, t + 600.0),
        format!(r#""iat":{t},"exp":{},"nbf":-1e400"#, t + 600.0),
    ] {
        let raw = format!(
            r#"{{"iss":"{}","aud":"{app}","sub":"user-1",{dates}}}"#,
            server.issuer()
        );
        let token = sign_hs256_raw(server.app_secret(), &raw);
        assert!(
            matches!(
                verify_err(v.verify_id_token(&token, None).await),
                VerifyError::Malformed(_)
            ),
            "{dates}"
        );
    }
    // The raw signer is right: the same claims with ordinary numbers verify.
    let raw = format!(
        r#"{{"iss":"{}","aud":"{app}","sub":"user-1","iat":{t},"exp":{}}}"#,
        server.issuer(),
        t + 600.5
    );
    v.verify_id_token(&sign_hs256_raw(server.app_secret(), &raw), None)
        .await
        .unwrap();
}

#[tokio::test]
async fn unknown_kid_refetches_once_and_rotation_is_followed() {
    let server = start(
        TokenEndpointAuthMethod::ClientSecretPost,
        FakeOidcConfig::default(),
    )
    .await;
    let c = client(builder(&server, TokenEndpointAuthMethod::ClientSecretPost));
    let jwks = "/oidc/.well-known/jwks.json";
    let v = c.token_verifier().with_refetch_cooldown(Duration::ZERO);
    let first_kid = server.signing_kid();
    v.verify_id_token(&server.sign_jwt(&id_claims(&server)), None)
        .await
        .unwrap();
    assert_eq!(server.request_count(jwks), 1);

    // A kid the JWKS never had: one refetch, then UnknownKid.
    let stranger = server.sign_jwt_with_unpublished_key(&id_claims(&server));
    let e = verify_err(v.verify_id_token(&stranger, None).await);
    assert!(
        matches!(e, VerifyError::UnknownKid(ref k) if k != first_kid),
        "{e:?}"
    );
    assert_eq!(server.request_count(jwks), 2);

    // Rotation: the new kid is unknown to the cache, found after one refetch.
    server.rotate_signing_key();
    assert_ne!(server.signing_kid(), first_kid);
    v.verify_id_token(&server.sign_jwt(&id_claims(&server)), None)
        .await
        .unwrap();
    assert_eq!(server.request_count(jwks), 3);
    v.verify_id_token(&server.sign_jwt(&id_claims(&server)), None)
        .await
        .unwrap();
    assert_eq!(server.request_count(jwks), 3, "cached again");

    // With the default cooldown, a second unknown kid right after a refetch is not fetched.
    let guarded = c.token_verifier();
    guarded
        .verify_id_token(&server.sign_jwt(&id_claims(&server)), None)
        .await
        .unwrap();
    let before = server.request_count(jwks);
    let e = verify_err(
        guarded
            .verify_id_token(
                &server.sign_jwt_with_unpublished_key(&id_claims(&server)),
                None,
            )
            .await,
    );
    assert!(matches!(e, VerifyError::UnknownKid(_)));
    assert_eq!(server.request_count(jwks), before + 1);
    let e = verify_err(
        guarded
            .verify_id_token(
                &server.sign_jwt_with_unpublished_key(&id_claims(&server)),
                None,
            )
            .await,
    );
    assert!(matches!(e, VerifyError::UnknownKid(_)));
    assert_eq!(
        server.request_count(jwks),
        before + 1,
        "cooldown: no second refetch"
    );
}

#[tokio::test]
async fn hs256_id_tokens_from_the_server_and_jwks_failure() {
    let server = start(
        TokenEndpointAuthMethod::ClientSecretPost,
        FakeOidcConfig {
            id_token_alg: FakeIdTokenAlg::Hs256,
            ..Default::default()
        },
    )
    .await;
    let c = client(builder(&server, TokenEndpointAuthMethod::ClientSecretPost));
    let (login, code) = authorize(&server, &c, AuthorizeParams::default());
    let t = c
        .get_access_token_by_code(code.as_str(), REDIRECT, None)
        .await
        .unwrap();
    let v = c.token_verifier();
    v.verify_id_token(
        t.id_token.as_ref().unwrap().expose(),
        login.nonce.as_deref(),
    )
    .await
    .unwrap();
    assert_eq!(
        server.request_count("/oidc/.well-known/jwks.json"),
        0,
        "HS256 needs no JWKS"
    );

    // The JWKS endpoint is unreachable: a typed error wrapping the transport failure.
    let down = client(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(genauth_fake::refused_base_url()),
    );
    let token = server.sign_jwt(&id_claims(&server));
    assert!(matches!(
        verify_err(down.token_verifier().verify_id_token(&token, None).await),
        VerifyError::Jwks(_)
    ));
    // Via the trait directly.
    assert_eq!(
        c.get_jwks().await.unwrap().keys[0].kid.as_deref(),
        Some(server.signing_kid())
    );
}

#[tokio::test]
async fn url_builders_against_options() {
    let server = start(
        TokenEndpointAuthMethod::ClientSecretPost,
        FakeOidcConfig::default(),
    )
    .await;
    let c = client(
        builder(&server, TokenEndpointAuthMethod::ClientSecretPost)
            .post_logout_redirect_uri("https://app.example/bye"),
    );
    let url = c
        .build_logout_url(LogoutParams {
            id_token_hint: Some("h.i.j".into()),
            state: Some("st".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        url,
        format!(
            "{}/oidc/session/end?id_token_hint=h.i.j&post_logout_redirect_uri=https%3A%2F%2Fapp.example%2Fbye&state=st",
            server.base_url()
        )
    );
    // Building URLs sends nothing.
    assert!(server.requests().is_empty());
    let no_redirect = client(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(server.base_url()),
    );
    assert!(matches!(
        no_redirect.build_authorize_url(AuthorizeParams::default()),
        Err(Error::InvalidRequest(_))
    ));
    // The code exchange needs the authorize request's redirect_uri: refused before any call.
    assert!(matches!(
        c.get_access_token_by_code("c", " ", None).await,
        Err(Error::InvalidRequest(_))
    ));
    let hand_built = AuthorizeRequest {
        url: format!("{}/oidc/auth", server.base_url()),
        redirect_uri: None,
        state: Some("st".into()),
        nonce: None,
        code_verifier: None,
    };
    assert!(matches!(
        c.get_access_token_by_callback("?code=c&state=st", &hand_built)
            .await,
        Err(Error::InvalidRequest(_))
    ));
    assert!(server.requests().is_empty());
}

/// Logout revokes the refresh token and the access token through the declared revocation
/// endpoint: the refresh grant then fails with `invalid_grant`, introspection says inactive.
#[tokio::test]
async fn logout_revokes_refresh_and_access_tokens() {
    for method in [
        TokenEndpointAuthMethod::ClientSecretPost,
        TokenEndpointAuthMethod::ClientSecretBasic,
    ] {
        let server = start(method, FakeOidcConfig::default()).await;
        let c = client(builder(&server, method));
        let t = c
            .get_access_token_by_password(
                PasswordGrantIdentity::Username("alice".into()),
                "Passw0rd!",
                Some("openid offline_access"),
            )
            .await
            .unwrap();
        let refresh = t
            .refresh_token
            .clone()
            .expect("offline_access gives a refresh token");
        let access = t.access_token.clone().unwrap();
        assert!(c.introspect_token(access.clone()).await.unwrap().active);
        c.logout(&t).await.unwrap();
        assert_eq!(server.request_count("/oidc/token/revocation"), 2);
        let e = c
            .get_new_access_token_by_refresh_token(refresh)
            .await
            .unwrap_err();
        assert_eq!(oauth_error(&e), (400, "invalid_grant"));
        assert!(!c.introspect_token(access).await.unwrap().active);
        server.shutdown().await;
    }
}

#[tokio::test]
async fn the_callback_url_finishes_the_code_flow_after_checking_state() {
    let method = TokenEndpointAuthMethod::ClientSecretPost;
    let server = start(method, FakeOidcConfig::default()).await;
    let c = client(builder(&server, method));
    let params = || AuthorizeParams {
        pkce: Some(CodeChallengeMethod::S256),
        ..Default::default()
    };
    let login = c.build_authorize_url(params()).unwrap();
    let redirect = server.approve_authorization(&login.url, "alice").unwrap();

    // A redirect that belongs to another login (its state) is refused before any exchange.
    let other = c.build_authorize_url(params()).unwrap();
    let token_calls = |s: &FakeServer| {
        s.requests()
            .iter()
            .filter(|r| r.path == "/oidc/token")
            .count()
    };
    let e = c
        .get_access_token_by_callback(&redirect, &other)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Callback(genauth::oidc::CallbackError::StateMismatch)
        ),
        "{e:?}"
    );
    assert_eq!(e.kind().as_str(), "callback");
    assert_eq!(token_calls(&server), 0);

    // The user declining comes back as a typed error, also without an exchange.
    let state = login.state.as_deref().unwrap();
    let denied =
        format!("{REDIRECT}?error=access_denied&error_description=no+thanks&state={state}");
    let e = c
        .get_access_token_by_callback(&denied, &login)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Callback(genauth::oidc::CallbackError::Denied { error, description, .. })
            if error == "access_denied" && description.as_deref() == Some("no thanks")),
        "{e:?}"
    );
    assert_eq!(token_calls(&server), 0);

    // The real redirect: code out, state checked, PKCE verifier sent, tokens back.
    let tokens = c
        .get_access_token_by_callback(&redirect, &login)
        .await
        .unwrap();
    assert!(
        tokens
            .access_token
            .as_ref()
            .is_some_and(|t| !t.expose().is_empty())
    );
    let f = form(&last(&server, "/oidc/token"));
    assert_eq!(get(&f, "grant_type"), Some("authorization_code"));
    assert_eq!(
        get(&f, "code_verifier"),
        login.code_verifier.as_ref().map(|v| v.expose())
    );
    assert_eq!(token_calls(&server), 1);
}

/// A per-user handle has every convenience: the builders (from its app client's options) and
/// the `OidcExt` token calls (through the declared endpoints, with the app's client auth, not
/// the user's token).
#[tokio::test]
async fn a_user_client_has_every_oidc_convenience() {
    let method = TokenEndpointAuthMethod::ClientSecretBasic;
    let server = start(method, FakeOidcConfig::default()).await;
    let c = client(builder(&server, method));

    // The whole code flow on a handle.
    let handle = c.with_user_token("not-logged-in-yet");
    let login = handle
        .build_authorize_url(AuthorizeParams {
            scope: Some("openid profile email offline_access".into()),
            pkce: Some(CodeChallengeMethod::S256),
            ..Default::default()
        })
        .unwrap();
    let redirect = server.approve_authorization(&login.url, "alice").unwrap();
    let tokens = handle
        .get_access_token_by_callback(&redirect, &login)
        .await
        .unwrap();
    let r = last(&server, "/oidc/token");
    check_client_auth(&server, &r, method);
    let f = form(&r);
    assert_eq!(get(&f, "grant_type"), Some("authorization_code"));
    assert_eq!(get(&f, "redirect_uri"), Some(REDIRECT));
    assert_eq!(
        get(&f, "code_verifier"),
        login.code_verifier.as_ref().map(|v| v.expose())
    );
    let id = handle
        .token_verifier()
        .verify_id_token(
            tokens.id_token.as_ref().unwrap().expose(),
            login.nonce.as_deref(),
        )
        .await
        .unwrap();

    // The logged-in user's handle.
    let at = tokens.access_token.clone().unwrap();
    let rt = tokens.refresh_token.clone().unwrap();
    let user = c.with_user_token(at.clone());
    let info = user
        .get_user_info_by_access_token(user.access_token().clone())
        .await
        .unwrap();
    assert_eq!(
        (info.sub.as_str(), info.email.as_deref()),
        (id.sub.as_str(), Some("alice@example.com"))
    );
    let cached = user.introspection_cache();
    assert!(cached.introspect(at.expose()).await.unwrap().active);

    // Logout on the handle: the refresh token is revoked first, then the access token.
    user.logout(&tokens).await.unwrap();
    let revocations: Vec<RecordedRequest> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/oidc/token/revocation")
        .collect();
    assert_eq!(revocations.len(), 2);
    assert_eq!(get(&form(&revocations[0]), "token"), Some(rt.expose()));
    assert_eq!(get(&form(&revocations[1]), "token"), Some(at.expose()));
    for r in &revocations {
        check_client_auth(&server, r, method);
    }
    assert!(!user.introspect_token(at).await.unwrap().active);
    let e = user
        .get_new_access_token_by_refresh_token(rt)
        .await
        .unwrap_err();
    assert_eq!(oauth_error(&e), (400, "invalid_grant"));
    assert_eq!(
        user.build_logout_url(LogoutParams::default()).unwrap(),
        format!("{}/oidc/session/end", server.base_url())
    );
}

/// GenAuth issues JWTs on every login path, and so does the fake: the `/api/v3` sign-ins
/// (password and passcode) return an ID token `verify_id_token` accepts, signed as the app is
/// set (RS256 with the JWKS key, or HS256 with the app secret), and an RS256 access token
/// `verify_access_token` accepts, which user endpoints and introspection know too.
#[tokio::test]
async fn api_v3_sign_ins_issue_jwts_the_verifier_accepts() {
    use genauth::{AuthenticationExt as _, GetProfileQuery, Profile as _};

    for alg in [FakeIdTokenAlg::Rs256, FakeIdTokenAlg::Hs256] {
        let server = FakeServer::start(
            FakeServerConfig::default().oidc(FakeOidcConfig::default().id_token_alg(alg)),
        )
        .await
        .unwrap();
        let c = client(server.client_options());
        let verifier = c.token_verifier();
        let by_password = c
            .sign_in_by_account_password("alice", "Passw0rd!", None)
            .await
            .unwrap();
        let code = server.issue_passcode("alice@example.com");
        let by_passcode = c
            .sign_in_by_email_passcode("alice@example.com", code, None)
            .await
            .unwrap();
        for (how, tokens) in [("password", by_password), ("passcode", by_passcode)] {
            let id_token = tokens.id_token.expect("an ID token");
            let claims = verifier
                .verify_id_token(id_token.expose(), None)
                .await
                .unwrap_or_else(|e| panic!("{alg:?} {how}: {e}"));
            assert_eq!(claims.aud, json!(server.app_id()), "{how}");
            assert_eq!(claims.iss, server.issuer(), "{how}");
            let access = tokens.access_token.expect("an access token");
            let access_claims = verifier.verify_access_token(access.expose()).await.unwrap();
            assert_eq!(
                access_claims.sub.as_deref(),
                Some(claims.sub.as_str()),
                "{how}"
            );
            // The same token on a user endpoint and in introspection.
            let me = c.with_user_token(access.clone());
            let profile = me.get_profile(GetProfileQuery::default()).await.unwrap();
            assert_eq!(profile.username.as_deref(), Some("alice"));
            let info = c.introspect_token(access).await.unwrap();
            assert!(info.active, "{how}");
        }
    }
}

/// `expire_access_tokens` ends every access token of a user at once, however issued; the
/// refresh token still works, and a new login's tokens do.
#[tokio::test]
async fn expiring_a_users_access_tokens_now() {
    use genauth::{AuthenticationExt as _, GetProfileQuery, Profile as _};

    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    let c = client(server.client_options());
    let v3 = c
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .unwrap();
    let grant = c
        .get_access_token_by_password(
            PasswordGrantIdentity::Username("alice".into()),
            "Passw0rd!",
            Some("openid profile offline_access"),
        )
        .await
        .unwrap();
    assert_eq!(server.expire_access_tokens("nobody"), 0);
    assert_eq!(server.expire_access_tokens("alice@example.com"), 2);
    for tokens in [&v3, &grant] {
        let access = tokens.access_token.clone().unwrap();
        let err = c
            .with_user_token(access.clone())
            .get_profile(GetProfileQuery::default())
            .await
            .unwrap_err();
        assert_eq!(err.status_code(), Some(401), "{err}");
        assert!(!c.introspect_token(access).await.unwrap().active);
    }
    let refreshed = c
        .refresh_token(genauth::RefreshTokenRequest {
            refresh_token: grant.refresh_token.clone().unwrap(),
            scope: None,
        })
        .await
        .unwrap();
    let fresh = c.with_user_token(refreshed.access_token);
    assert!(fresh.get_profile(GetProfileQuery::default()).await.is_ok());
}
