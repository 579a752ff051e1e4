//! End to end over loopback: the real client (reqwest) against the in-repo GenAuth-compatible
//! server, every login variant under each client-auth method.

mod common;

use genauth::{
    Authentication, AuthenticationExt, ClientOptions, EmailChannel, Error, GenAuthClient,
    LoginTokenSet, SendEmailDto, SendSmsDto, SignInOptions, SmsChannel, TokenEndpointAuthMethod,
};
use genauth_fake::{FakeServer, FakeServerConfig, RecordedRequest};
use serde_json::{Value, json};

async fn setup(method: TokenEndpointAuthMethod) -> (FakeServer, GenAuthClient) {
    common::server_and_client(method).await
}

fn last_signin(server: &FakeServer) -> RecordedRequest {
    server
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.path == "/api/v3/signin")
        .expect("a signin request was recorded")
}

fn header<'a>(r: &'a RecordedRequest, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Asserts the client-auth part of a recorded signin per api doc 1.3 and returns the body
/// without `client_id`/`client_secret`.
fn check_client_auth(
    server: &FakeServer,
    method: TokenEndpointAuthMethod,
    r: &RecordedRequest,
) -> Value {
    let mut body = r.body_json().expect("JSON body");
    let obj = body.as_object_mut().unwrap();
    let id = obj.remove("client_id");
    let secret = obj.remove("client_secret");
    let auth = header(r, "authorization");
    match method {
        TokenEndpointAuthMethod::ClientSecretPost => {
            assert_eq!(id, Some(json!(server.app_id())));
            assert_eq!(secret, Some(json!(server.app_secret())));
            assert_eq!(auth, None);
        }
        TokenEndpointAuthMethod::ClientSecretBasic => {
            assert_eq!((id, secret), (None, None));
            use base64::Engine as _;
            let expected = base64::engine::general_purpose::STANDARD.encode(format!(
                "{}:{}",
                server.app_id(),
                server.app_secret()
            ));
            assert_eq!(auth, Some(format!("Basic {expected}").as_str()));
        }
        TokenEndpointAuthMethod::None => {
            assert_eq!((id, secret, auth), (None, None, None));
        }
    }
    assert_eq!(header(r, "x-genauth-app-id"), Some(server.app_id()));
    assert_eq!(header(r, "x-genauth-request-from"), Some("sdk"));
    assert_eq!(
        header(r, "x-genauth-sdk-version"),
        Some(concat!("rust:", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(header(r, "content-type"), Some("application/json"));
    body
}

fn check_tokens(t: &LoginTokenSet, with_refresh: bool) {
    assert!(t.access_token.as_ref().is_some_and(|a| !a.is_empty()));
    assert!(t.id_token.is_some());
    assert_eq!(t.refresh_token.is_some(), with_refresh);
    assert!(t.expires_in > 0);
}

async fn all_variants(method: TokenEndpointAuthMethod) {
    let (server, c) = setup(method).await;
    let scope = Some(SignInOptions {
        scope: Some("openid profile offline_access".into()),
        ..Default::default()
    });

    let t = c
        .sign_in_by_account_password("alice", "Passw0rd!", scope.clone())
        .await
        .unwrap();
    check_tokens(&t, true);
    let body = check_client_auth(&server, method, &last_signin(&server));
    assert_eq!(
        body,
        json!({"connection":"PASSWORD","passwordPayload":{"password":"Passw0rd!","account":"alice"},
               "options":{"scope":"openid profile offline_access"}})
    );

    let t = c
        .sign_in_by_username_password("alice", "Passw0rd!", None)
        .await
        .unwrap();
    check_tokens(&t, false);
    let body = check_client_auth(&server, method, &last_signin(&server));
    assert_eq!(
        body,
        json!({"connection":"PASSWORD","passwordPayload":{"password":"Passw0rd!","username":"alice"}})
    );

    c.sign_in_by_email_password("alice@example.com", "Passw0rd!", None)
        .await
        .unwrap();
    let body = check_client_auth(&server, method, &last_signin(&server));
    assert_eq!(
        body,
        json!({"connection":"PASSWORD","passwordPayload":{"password":"Passw0rd!","email":"alice@example.com"}})
    );

    c.sign_in_by_phone_password("13800000000", "Passw0rd!", None)
        .await
        .unwrap();
    let body = check_client_auth(&server, method, &last_signin(&server));
    assert_eq!(
        body,
        json!({"connection":"PASSWORD","passwordPayload":{"password":"Passw0rd!","phone":"13800000000"}})
    );

    c.sign_in_by_ldap("alice", "Passw0rd!", None).await.unwrap();
    let body = check_client_auth(&server, method, &last_signin(&server));
    assert_eq!(
        body,
        json!({"connection":"LDAP","ldapPayload":{"sAMAccountName":"alice","password":"Passw0rd!"}})
    );

    c.sign_in_by_ad("alice", "Passw0rd!", None).await.unwrap();
    let body = check_client_auth(&server, method, &last_signin(&server));
    assert_eq!(
        body,
        json!({"connection":"AD","adPayload":{"sAMAccountName":"alice","password":"Passw0rd!"}})
    );

    // Passcodes: request one, read what the server "sent", log in with it.
    c.send_sms(SendSmsDto {
        channel: SmsChannel::Login,
        phone_number: "13800000000".into(),
        phone_country_code: Some("+86".into()),
    })
    .await
    .unwrap();
    let code = server
        .sent_passcodes()
        .last()
        .expect("an SMS passcode")
        .code
        .clone();
    c.sign_in_by_phone_passcode("13800000000", code.as_str(), Some("+86"), None)
        .await
        .unwrap();
    let body = check_client_auth(&server, method, &last_signin(&server));
    assert_eq!(
        body,
        json!({"connection":"PASSCODE","passCodePayload":{"passCode":code,"phone":"13800000000","phoneCountryCode":"+86"}})
    );
    // Single use.
    let e = c
        .sign_in_by_phone_passcode("13800000000", code.as_str(), Some("+86"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 403,
                ..
            }
        ),
        "{e:?}"
    );

    c.send_email(SendEmailDto {
        channel: EmailChannel::Login,
        email: "alice@example.com".into(),
    })
    .await
    .unwrap();
    let code = server
        .sent_passcodes()
        .last()
        .expect("an email passcode")
        .code
        .clone();
    c.sign_in_by_email_passcode("alice@example.com", code.as_str(), None)
        .await
        .unwrap();
    let body = check_client_auth(&server, method, &last_signin(&server));
    assert_eq!(
        body,
        json!({"connection":"PASSCODE","passCodePayload":{"passCode":code,"email":"alice@example.com"}})
    );

    // Wrong password: statusCode 403 / apiCode 2333 inside HTTP 200.
    let e = c
        .sign_in_by_account_password("alice", "nope", None)
        .await
        .unwrap_err();
    assert_eq!(
        (e.status_code(), e.api_code()),
        (Some(403), Some(genauth::ApiCode::InvalidCredentials)),
        "{e:?}"
    );
    assert!(e.request_id().is_some());
}

#[tokio::test]
async fn every_login_variant_client_secret_post() {
    all_variants(TokenEndpointAuthMethod::ClientSecretPost).await;
}

#[tokio::test]
async fn every_login_variant_client_secret_basic() {
    all_variants(TokenEndpointAuthMethod::ClientSecretBasic).await;
}

#[tokio::test]
async fn every_login_variant_auth_none() {
    all_variants(TokenEndpointAuthMethod::None).await;
}

#[tokio::test]
async fn wrong_client_auth_is_rejected_by_the_server() {
    // The server wants Basic; the client sends post credentials.
    let server = FakeServer::start(FakeServerConfig {
        auth_method: "client_secret_basic".into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let c = GenAuthClient::new(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret("not-the-secret")
            .app_host(server.base_url())
            .build()
            .unwrap(),
    )
    .unwrap();
    let e = c
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Api { .. }), "{e:?}");
    assert!(!e.to_string().contains("not-the-secret"));
}

#[tokio::test]
async fn auto_register_false_is_sent_and_respected() {
    let (server, c) = setup(TokenEndpointAuthMethod::ClientSecretPost).await;
    let opts = |v| {
        Some(SignInOptions {
            auto_register: Some(v),
            ..Default::default()
        })
    };
    let e = c
        .sign_in_by_username_password("newbie", "N3w!pass", opts(false))
        .await
        .unwrap_err();
    assert_eq!(e.status_code(), Some(403));
    let body = last_signin(&server).body_json().unwrap();
    assert_eq!(body["options"]["autoRegister"], json!(false));
    c.sign_in_by_username_password("newbie", "N3w!pass", opts(true))
        .await
        .unwrap();
    c.sign_in_by_username_password("newbie", "N3w!pass", None)
        .await
        .unwrap();
}

#[tokio::test]
async fn system_info_from_the_server() {
    let (_server, c) = setup(TokenEndpointAuthMethod::ClientSecretPost).await;
    let info = c.get_system_info().await.unwrap();
    assert!(info.rsa.unwrap().public_key.contains("BEGIN PUBLIC KEY"));
    assert_eq!(info.sm2.unwrap().public_key.len(), 130);
}

/// `GET /api/v3/get-profile`, declared here so this test does not depend on the profile API.
#[genauth::genauth_api]
trait Me {
    #[genauth::genauth_endpoint(path = "/api/v3/get-profile", method = GET, auth = user)]
    async fn me(&self) -> genauth::Result<Value>;
}

/// 64 users, one client, 64 concurrent calls: each request carries its own user's token (the
/// server answers each with that user's profile). No shared mutable "current user" to race on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_for_64_users_carry_their_own_tokens() {
    let (server, client) = setup(TokenEndpointAuthMethod::ClientSecretPost).await;
    let mut handles = Vec::new();
    for i in 0..64 {
        let name = format!("user{i}");
        server.add_user(
            genauth_fake::FakeUser::new()
                .username(&name)
                .password("Pw-1234!"),
        );
        let tokens = client
            .sign_in_by_username_password(&name, "Pw-1234!", None)
            .await
            .unwrap();
        handles.push((name, client.with_user_token(tokens.access_token.unwrap())));
    }
    let tasks: Vec<_> = handles
        .into_iter()
        .map(|(name, user)| {
            tokio::spawn(async move {
                let profile = user.me().await.unwrap();
                (name, profile)
            })
        })
        .collect();
    for t in tasks {
        let (name, profile) = t.await.unwrap();
        assert_eq!(profile["username"], json!(name), "{profile}");
    }
    assert_eq!(server.request_count("/api/v3/get-profile"), 64);
    server.shutdown().await;
}
