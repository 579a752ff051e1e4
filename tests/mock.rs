//! Users mock the trait: no HTTP, and the convenience wrappers (`AuthenticationExt`,
//! `OidcExt`) work on the mock too.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use genauth::oidc::AuthorizeRequest;
use genauth::{
    Authentication, AuthenticationExt, Connection, Error, LoginTokenSet, MockAuthentication,
    MockOidc, Oidc, OidcExt, Secret, TokenIntrospection, TokenRequest,
};

/// User code under test: generic over the trait, so production passes a `GenAuthClient`.
async fn login_and_describe(auth: &impl Authentication, user: &str) -> String {
    match auth.sign_in_by_account_password(user, "pw", None).await {
        Ok(t) => format!("ok:{}", t.expires_in),
        Err(e) => format!("err:{}", e.kind().as_str()),
    }
}

#[tokio::test]
async fn a_mock_replaces_the_client() {
    let mut mock = MockAuthentication::new();
    mock.expect_sign_in_by_credentials()
        .withf(|b| {
            b.connection == Connection::Password
                && b.password_payload
                    .as_ref()
                    .and_then(|p| p.account.as_deref())
                    == Some("alice")
                && b.password_payload.as_ref().map(|p| p.password.expose()) == Some("pw")
        })
        .times(1)
        .returning(|_| {
            Box::pin(async {
                Ok(LoginTokenSet {
                    access_token: Some(Secret::new("at")),
                    id_token: None,
                    refresh_token: None,
                    token_type: "Bearer".into(),
                    expires_in: 42,
                    scope: None,
                })
            })
        });
    mock.expect_sign_in_by_credentials().returning(|_| {
        Box::pin(async {
            Err(Error::Api {
                status_code: 403,
                api_code: Some(2333),
                message: "bad".into(),
                request_id: None,
            })
        })
    });
    assert_eq!(login_and_describe(&mock, "alice").await, "ok:42");
    assert_eq!(login_and_describe(&mock, "bob").await, "err:api");
}

#[tokio::test]
async fn mock_futures_are_send_and_spawnable() {
    let mut mock = MockAuthentication::new();
    mock.expect_get_system_info()
        .returning(|| Box::pin(async { Ok(Default::default()) }));
    let mock = std::sync::Arc::new(mock);
    let m = mock.clone();
    let info = tokio::spawn(async move { m.get_system_info().await })
        .await
        .unwrap()
        .unwrap();
    assert!(info.rsa.is_none());
}

fn token_set(access: &str, refresh: Option<&str>) -> LoginTokenSet {
    LoginTokenSet {
        access_token: Some(Secret::new(access)),
        id_token: None,
        refresh_token: refresh.map(Secret::new),
        token_type: "Bearer".into(),
        expires_in: 3600,
        scope: None,
    }
}

/// User code under test, generic over the trait: production passes a `GenAuthClient` or a
/// `UserClient`.
async fn refresh_and_check(oidc: &impl Oidc, refresh_token: &str) -> genauth::Result<bool> {
    let fresh = oidc
        .get_new_access_token_by_refresh_token(refresh_token)
        .await?;
    let at = fresh.access_token.expect("an access token");
    Ok(oidc.introspect_token(at).await?.active)
}

#[tokio::test]
async fn oidc_conveniences_fill_the_declared_calls_of_a_mock() {
    const CB: &str = "https://app.example/cb";
    let mut mock = MockOidc::new();
    mock.expect_token()
        .withf(|b| {
            matches!(b, TokenRequest::RefreshToken { refresh_token, scope: None }
                if refresh_token.expose() == "rt-1")
        })
        .times(1)
        .returning(|_| Box::pin(async { Ok(token_set("at-2", None)) }));
    mock.expect_introspect()
        .withf(|b| b.token.expose() == "at-2" && b.token_type_hint.is_none())
        .times(1)
        .returning(|_| {
            Box::pin(async {
                Ok(TokenIntrospection {
                    active: true,
                    ..Default::default()
                })
            })
        });
    // The code exchange, by code and by callback: the redirect_uri and verifier are the
    // authorize request's, with no client options anywhere.
    mock.expect_token()
        .withf(|b| {
            matches!(b, TokenRequest::AuthorizationCode { code, redirect_uri, code_verifier }
                if code.expose() == "c-1"
                    && redirect_uri == CB
                    && code_verifier.as_ref().map(Secret::expose) == Some("v-1"))
        })
        .times(2)
        .returning(|_| Box::pin(async { Ok(token_set("at-3", Some("rt-3"))) }));

    assert!(refresh_and_check(&mock, "rt-1").await.unwrap());
    let t = mock
        .get_access_token_by_code("c-1", CB, Some("v-1"))
        .await
        .unwrap();
    assert_eq!(t.refresh_token.as_ref().map(Secret::expose), Some("rt-3"));
    let mut login = AuthorizeRequest {
        url: "https://example.genauth.ai/oidc/auth?…".into(),
        redirect_uri: Some(CB.into()),
        state: Some("st".into()),
        nonce: None,
        code_verifier: Some(Secret::new("v-1")),
    };
    let t = mock
        .get_access_token_by_callback(&format!("{CB}?code=c-1&state=st"), &login)
        .await
        .unwrap();
    assert_eq!(t.access_token.as_ref().map(Secret::expose), Some("at-3"));

    // Refused before any call (the mock has no expectation they could meet): a forged state,
    // a request without a redirect_uri, an empty redirect_uri.
    let forged = mock
        .get_access_token_by_callback(&format!("{CB}?code=c-1&state=other"), &login)
        .await;
    assert_eq!(forged.unwrap_err().kind().as_str(), "callback");
    login.redirect_uri = None;
    let missing = mock
        .get_access_token_by_callback(&format!("{CB}?code=c-1&state=st"), &login)
        .await;
    assert!(
        matches!(missing, Err(Error::InvalidRequest(_))),
        "{missing:?}"
    );
    let empty = mock.get_access_token_by_code("c-1", "", None).await;
    assert!(matches!(empty, Err(Error::InvalidRequest(_))), "{empty:?}");
}

/// A mock `revoke` that records each token when its future runs (the order the revocations
/// are sent in) and fails for the tokens in `failing`.
fn recording_revoke(
    mock: &mut MockOidc,
    failing: &'static [&'static str],
) -> Arc<Mutex<Vec<String>>> {
    let sent = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&sent);
    mock.expect_revoke().returning(move |b| {
        let log = Arc::clone(&log);
        let token = b.token.expose().to_owned();
        Box::pin(async move {
            let fail = failing.contains(&token.as_str());
            log.lock().unwrap().push(token);
            if fail {
                Err(Error::Timeout(Duration::from_secs(1)))
            } else {
                Ok(())
            }
        })
    });
    sent
}

#[tokio::test]
async fn logout_on_a_mock_revokes_the_refresh_token_then_the_access_token() {
    let mut mock = MockOidc::new();
    let sent = recording_revoke(&mut mock, &[]);
    mock.logout(&token_set("at", Some("rt"))).await.unwrap();
    assert_eq!(*sent.lock().unwrap(), ["rt", "at"]);

    // No refresh token: the access token alone.
    sent.lock().unwrap().clear();
    mock.logout(&token_set("at", None)).await.unwrap();
    assert_eq!(*sent.lock().unwrap(), ["at"]);
}

#[tokio::test]
async fn logout_on_a_mock_still_revokes_the_access_token_when_the_refresh_revocation_fails() {
    let mut mock = MockOidc::new();
    let sent = recording_revoke(&mut mock, &["rt"]);
    let e = mock.logout(&token_set("at", Some("rt"))).await.unwrap_err();
    assert_eq!(e.kind().as_str(), "timeout");
    assert_eq!(*sent.lock().unwrap(), ["rt", "at"]);
}
