//! Users mock the trait: no HTTP, and the convenience wrappers work on the mock too.

use genauth::{
    Authentication, AuthenticationExt, Connection, Error, LoginTokenSet, MockAuthentication, Secret,
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
