//! End-to-end tests of the fake server over loopback, with a bare reqwest client.

use reqwest::Method;
use serde_json::{Value, json};

use super::{FakeServer, FakeServerConfig, FakeUser};
use genauth_client::crypto::{
    DefaultEncryptor, PasswordEncryptType, PasswordEncryptor, ServerKeys, Sm2Layout,
};

const SIGNIN: &str = "/api/v3/signin";

async fn start() -> FakeServer {
    start_with(|_| {}).await
}

async fn start_with(configure: impl FnOnce(&mut FakeServerConfig)) -> FakeServer {
    let mut config = FakeServerConfig::default();
    configure(&mut config);
    FakeServer::start(config).await.expect("fake server starts")
}

/// Sends one request with a fresh client; returns the HTTP status and the JSON body.
async fn send(
    server: &FakeServer,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> (u16, Value) {
    send_with(&reqwest::Client::new(), server, method, path, headers, body).await
}

async fn send_with(
    client: &reqwest::Client,
    server: &FakeServer,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> (u16, Value) {
    let mut request = client.request(method, format!("{}{path}", server.base_url()));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(body) = body {
        request = request.body(body);
    }
    let response = request
        .send()
        .await
        .expect("request reaches the fake server");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("response body");
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "response is not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, json)
}

/// POSTs JSON to a v3 endpoint with the app-id header (and `extra` headers).
async fn post(server: &FakeServer, path: &str, extra: &[(&str, &str)], body: &Value) -> Value {
    let app_id = server.app_id().to_owned();
    let mut headers = vec![
        ("x-genauth-app-id", app_id.as_str()),
        ("content-type", "application/json"),
    ];
    headers.extend_from_slice(extra);
    let (status, json) = send(server, Method::POST, path, &headers, Some(body.to_string())).await;
    assert_eq!(status, 200, "business answers are HTTP 200: {json}");
    json
}

/// `body` plus `client_id`/`client_secret` (client_secret_post).
fn with_secret(server: &FakeServer, mut body: Value) -> Value {
    body["client_id"] = server.app_id().into();
    body["client_secret"] = server.app_secret().into();
    body
}

async fn signin(server: &FakeServer, body: Value) -> Value {
    let body = with_secret(server, body);
    post(server, SIGNIN, &[], &body).await
}

fn password_body(key: &str, value: &str, password: &str) -> Value {
    json!({ "connection": "PASSWORD", "passwordPayload": { key: value, "password": password } })
}

#[track_caller]
fn assert_ok(reply: &Value) {
    assert_eq!(reply["statusCode"], 200, "{reply}");
    assert!(reply.get("apiCode").is_none(), "{reply}");
}

#[track_caller]
fn assert_error(reply: &Value, status_code: u16, api_code: Option<u32>) {
    assert_eq!(reply["statusCode"], status_code, "{reply}");
    assert_eq!(
        reply.get("apiCode").and_then(Value::as_u64),
        api_code.map(u64::from),
        "{reply}"
    );
    assert!(
        reply["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{reply}"
    );
    assert!(reply["requestId"].as_str().is_some(), "{reply}");
    assert!(reply.get("data").is_none(), "{reply}");
}

#[tokio::test]
async fn app_id_header_is_required_and_checked() {
    let server = start().await;
    let body = with_secret(&server, password_body("username", "alice", "Passw0rd!")).to_string();
    let json = [("content-type", "application/json")];

    let (_, reply) = send(&server, Method::POST, SIGNIN, &json, Some(body.clone())).await;
    assert_error(&reply, 400, None);

    let wrong = [
        ("content-type", "application/json"),
        ("x-genauth-app-id", "someone-else"),
    ];
    let (_, reply) = send(&server, Method::POST, SIGNIN, &wrong, Some(body.clone())).await;
    assert_error(&reply, 404, Some(2011));

    let authing = [
        ("content-type", "application/json"),
        ("x-authing-app-id", "fake-app-id"),
    ];
    let (_, reply) = send(&server, Method::POST, SIGNIN, &authing, Some(body.clone())).await;
    assert_error(&reply, 400, None);
    assert!(
        reply["message"].as_str().unwrap().contains("x-genauth-"),
        "{reply}"
    );

    let server = start_with(|c| c.header_prefix = "x-authing-".into()).await;
    let (_, reply) = send(&server, Method::POST, SIGNIN, &authing, Some(body)).await;
    assert_ok(&reply);
    assert_eq!(server.request_count(SIGNIN), 1);
}

#[tokio::test]
async fn start_rejects_unknown_settings() {
    for configure in [
        (|c: &mut FakeServerConfig| c.auth_method = "private_key_jwt".into())
            as fn(&mut FakeServerConfig),
        |c| c.header_prefix = "X-Genauth-".into(),
        |c| c.header_prefix = "x-genauth".into(),
    ] {
        let mut config = FakeServerConfig::default();
        configure(&mut config);
        let err = FakeServer::start(config).await.expect_err("invalid config");
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    }
}

#[tokio::test]
async fn system_is_bare_by_default_and_enveloped_on_request() {
    let server = start().await;
    let (status, info) = send(&server, Method::GET, "/api/v3/system", &[], None).await;
    assert_eq!(status, 200);
    assert!(info.get("statusCode").is_none(), "bare: {info}");
    let pem = info["rsa"]["publicKey"].as_str().expect("rsa.publicKey");
    assert!(
        pem.starts_with("-----BEGIN PUBLIC KEY-----\n")
            && pem.ends_with("-----END PUBLIC KEY-----\n")
    );
    let sm2 = info["sm2"]["publicKey"].as_str().expect("sm2.publicKey");
    assert!(sm2.starts_with("04") && sm2.len() == 130, "{sm2}");
    assert!(info["publicIps"].is_array() && info["version"]["server"].is_string());
    ServerKeys::parse(Some(pem), Some(sm2)).expect("published keys parse");

    let server = start_with(|c| c.system_enveloped = true).await;
    let headers = [("x-genauth-app-id", "fake-app-id")];
    let (_, reply) = send(&server, Method::GET, "/api/v3/system", &headers, None).await;
    assert_ok(&reply);
    assert!(reply["data"]["rsa"]["publicKey"].is_string(), "{reply}");
    assert!(reply["data"]["sm2"]["publicKey"].is_string(), "{reply}");
}

#[tokio::test]
async fn password_login_by_each_identifier() {
    let server = start().await;
    for (key, value) in [
        ("account", "alice"),
        ("account", "alice@example.com"),
        ("account", "13800000000"),
        ("username", "alice"),
        ("email", "Alice@Example.COM"),
        ("phone", "13800000000"),
    ] {
        let reply = signin(&server, password_body(key, value, "Passw0rd!")).await;
        assert_ok(&reply);
        let data = &reply["data"];
        assert_eq!(data["token_type"], "Bearer");
        assert_eq!(data["expire_in"], 7200);
        assert_eq!(data["scope"], "openid profile");
        assert!(data["access_token"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(data["id_token"].is_string());
        assert!(
            data.get("refresh_token").is_none(),
            "no offline_access, no refresh token"
        );
        let user = server
            .user_for_token(data["access_token"].as_str().unwrap())
            .expect("token known");
        assert_eq!(user.username.as_deref(), Some("alice"));
    }
}

#[tokio::test]
async fn offline_access_gives_a_refresh_token_and_ttl_is_configurable() {
    let server = start_with(|c| c.token_ttl = 60).await;
    let mut body = password_body("username", "alice", "Passw0rd!");
    body["options"] = json!({ "scope": "openid profile offline_access" });
    let reply = signin(&server, body).await;
    assert_ok(&reply);
    assert!(
        reply["data"]["refresh_token"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert_eq!(reply["data"]["scope"], "openid profile offline_access");
    assert_eq!(reply["data"]["expire_in"], 60);
}

#[tokio::test]
async fn wrong_credentials_are_403_2333() {
    let server = start().await;
    for body in [
        password_body("username", "alice", "wrong"),
        password_body("username", "nobody", "Passw0rd!"),
        password_body("account", "nobody@example.com", "Passw0rd!"),
        password_body("phone", "13900000000", "Passw0rd!"),
    ] {
        assert_error(&signin(&server, body).await, 403, Some(2333));
    }
}

#[tokio::test]
async fn client_secret_post() {
    let server = start().await;
    let plain = password_body("username", "alice", "Passw0rd!");
    let reply = post(&server, SIGNIN, &[], &plain).await;
    assert_error(&reply, 401, None);

    let mut body = with_secret(&server, plain.clone());
    body["client_secret"] = "not-the-secret".into();
    let reply = post(&server, SIGNIN, &[], &body).await;
    assert_error(&reply, 401, None);
    let text = reply.to_string();
    assert!(
        !text.contains("not-the-secret") && !text.contains("fake-app-secret"),
        "{text}"
    );

    let mut body = with_secret(&server, plain);
    body["client_id"] = "other-app".into();
    assert_error(&post(&server, SIGNIN, &[], &body).await, 401, None);
}

fn basic(id: &str, secret: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
    )
}

#[tokio::test]
async fn client_secret_basic() {
    let server = start_with(|c| c.auth_method = "client_secret_basic".into()).await;
    let plain = password_body("username", "alice", "Passw0rd!");
    let good = basic("fake-app-id", "fake-app-secret");

    assert_ok(&post(&server, SIGNIN, &[("authorization", &good)], &plain).await);
    // no header, wrong header, or credentials in the body as well
    assert_error(&post(&server, SIGNIN, &[], &plain).await, 401, None);
    let wrong = basic("fake-app-id", "nope");
    assert_error(
        &post(&server, SIGNIN, &[("authorization", &wrong)], &plain).await,
        401,
        None,
    );
    let both = with_secret(&server, plain.clone());
    assert_error(
        &post(&server, SIGNIN, &[("authorization", &good)], &both).await,
        401,
        None,
    );
    let mut id_only = plain;
    id_only["client_id"] = "fake-app-id".into();
    assert_error(
        &post(&server, SIGNIN, &[("authorization", &good)], &id_only).await,
        401,
        None,
    );
}

#[tokio::test]
async fn auth_method_none() {
    let server = start_with(|c| c.auth_method = "none".into()).await;
    let plain = password_body("username", "alice", "Passw0rd!");
    assert_ok(&post(&server, SIGNIN, &[], &plain).await);
    // a user token in `authorization` (as py/node send it) is not client auth
    assert_ok(
        &post(
            &server,
            SIGNIN,
            &[("authorization", "some-user-token")],
            &plain,
        )
        .await,
    );

    let with = with_secret(&server, plain.clone());
    assert_error(&post(&server, SIGNIN, &[], &with).await, 401, None);
    let good = basic("fake-app-id", "fake-app-secret");
    assert_error(
        &post(&server, SIGNIN, &[("authorization", &good)], &plain).await,
        401,
        None,
    );
}

#[tokio::test]
async fn malformed_sign_in_bodies_are_400() {
    let server = start().await;
    let bad = [
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "alice", "password": "x" }, "extra": 1 }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "alice", "email": "alice@example.com", "password": "x" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "password": "x" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "alice" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "alice", "password": "" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "alice", "password": "x", "nick": "a" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": null, "phone": "13800000000", "password": "x" } }),
        json!({ "connection": "PASSWORD", "passCodePayload": { "phone": "13800000000", "passCode": "123456" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "alice", "password": "x" }, "adPayload": {} }),
        json!({ "connection": "password", "passwordPayload": { "username": "alice", "password": "x" } }),
        json!({ "connection": "WECHAT" }),
        json!({ "passwordPayload": { "username": "alice", "password": "x" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": "alice:x" }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "phone": "+8613800000000", "password": "x" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "alice", "password": "x" }, "options": { "passwordEncryptType": "aes" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "alice", "password": "x" }, "options": { "autoRegister": "true" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "alice", "password": "x" }, "options": { "scope": "profile" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "alice", "password": "x" }, "options": { "unknown": true } }),
        json!({ "connection": "PASSCODE", "passCodePayload": { "phone": "13800000000", "email": "alice@example.com", "passCode": "1" } }),
        json!({ "connection": "PASSCODE", "passCodePayload": { "email": "alice@example.com", "phoneCountryCode": "+86", "passCode": "1" } }),
        json!({ "connection": "LDAP", "ldapPayload": { "sAMAccountName": "alice" } }),
        json!([1, 2, 3]),
    ];
    for body in bad {
        let body = match body {
            Value::Object(_) => with_secret(&server, body),
            other => other,
        };
        let reply = post(&server, SIGNIN, &[], &body).await;
        assert_error(&reply, 400, None);
    }
    // the full documented option set is accepted
    let mut body = password_body("username", "alice", "Passw0rd!");
    body["options"] = json!({
        "scope": "openid profile", "passwordEncryptType": "none", "autoRegister": false,
        "clientIp": "203.0.113.7", "context": { "k": "v" }, "tenantId": "t1",
        "customData": { "school": "x" }, "captchaCode": "abcd", "captchaToken": "tok",
    });
    assert_ok(&signin(&server, body).await);
}

#[tokio::test]
async fn malformed_json_wrong_content_type_and_huge_bodies() {
    let server = start().await;
    let app = ("x-genauth-app-id", "fake-app-id");
    let json = ("content-type", "application/json");
    for body in ["{\"connection\": ", "", "not json"] {
        let (status, reply) = send(
            &server,
            Method::POST,
            SIGNIN,
            &[app, json],
            Some(body.into()),
        )
        .await;
        assert_eq!(status, 200);
        assert_error(&reply, 400, None);
    }
    let form = ("content-type", "application/x-www-form-urlencoded");
    let (_, reply) = send(
        &server,
        Method::POST,
        SIGNIN,
        &[app, form],
        Some("connection=PASSWORD".into()),
    )
    .await;
    assert_error(&reply, 400, None);

    let huge = format!("{{\"connection\": \"{}\"}}", "x".repeat(1024 * 1024));
    let (_, reply) = send(&server, Method::POST, SIGNIN, &[app, json], Some(huge)).await;
    assert_error(&reply, 413, None);
    assert_eq!(
        server.request_count(SIGNIN),
        5,
        "every request is recorded, even rejected ones"
    );
}

#[tokio::test]
async fn unknown_routes_and_methods_are_404() {
    let server = start().await;
    let app = [("x-genauth-app-id", "fake-app-id")];
    for (method, path) in [
        (Method::GET, "/api/v3/nope"),
        (Method::GET, SIGNIN),
        (Method::POST, "/api/v3/system"),
        (Method::POST, "/api/v3/signin/"),
        (Method::GET, "//api/v3/system"),
    ] {
        let (status, reply) = send(&server, method, path, &app, None).await;
        assert_eq!(status, 404, "{path}");
        assert_error(&reply, 404, None);
    }
}

#[tokio::test]
async fn auto_register_creates_users() {
    let server = start().await;
    let before = server.users().len();
    let mut body = password_body("username", "carol", "S3cret!");
    assert_error(&signin(&server, body.clone()).await, 403, Some(2333));

    body["options"] = json!({ "autoRegister": true });
    assert_ok(&signin(&server, body).await);
    assert_ok(&signin(&server, password_body("username", "carol", "S3cret!")).await);
    assert_error(
        &signin(&server, password_body("username", "carol", "other")).await,
        403,
        Some(2333),
    );

    for (key, value) in [("email", "dave@example.com"), ("phone", "13912345678")] {
        let mut body = password_body(key, value, "pw-123456");
        body["options"] = json!({ "autoRegister": true });
        assert_ok(&signin(&server, body).await);
    }
    assert_eq!(server.users().len(), before + 3);

    // not for `account`
    let mut body = password_body("account", "erin", "pw");
    body["options"] = json!({ "autoRegister": true });
    assert_error(&signin(&server, body).await, 403, Some(2333));
}

#[tokio::test]
async fn sms_passcode_flow() {
    let server = start().await;
    let send_body = json!({ "channel": "CHANNEL_LOGIN", "phoneNumber": "13800000000", "phoneCountryCode": "+86" });
    let reply = post(&server, "/api/v3/send-sms", &[], &send_body).await;
    assert_ok(&reply);
    assert!(reply.get("data").is_none(), "{reply}");
    let sent = server.sent_passcodes();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].channel, "CHANNEL_LOGIN");
    assert_eq!(sent[0].target, "13800000000");
    assert_eq!(sent[0].phone_country_code.as_deref(), Some("+86"));
    let code = server
        .last_passcode("13800000000")
        .expect("a passcode was sent");
    assert!(
        code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
        "{code}"
    );

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let login = |pass_code: &str| json!({ "connection": "PASSCODE", "passCodePayload": { "phone": "13800000000", "passCode": pass_code } });
    assert_error(&signin(&server, login(wrong)).await, 403, Some(2001));
    let reply = signin(&server, login(&code)).await;
    assert_ok(&reply);
    let user = server
        .user_for_token(reply["data"]["access_token"].as_str().unwrap())
        .unwrap();
    assert_eq!(user.username.as_deref(), Some("alice"));
    assert_error(&signin(&server, login(&code)).await, 403, Some(2001));

    // a code for another channel does not log in
    let reset = json!({ "channel": "CHANNEL_RESET_PASSWORD", "phoneNumber": "13800000000" });
    assert_ok(&post(&server, "/api/v3/send-sms", &[], &reset).await);
    let code = server.last_passcode("13800000000").unwrap();
    assert_error(&signin(&server, login(&code)).await, 403, Some(2001));

    for bad in [
        json!({ "channel": "CHANNEL_SOMETHING", "phoneNumber": "13800000000" }),
        json!({ "channel": "CHANNEL_VERIFY_EMAIL_LINK", "phoneNumber": "13800000000" }),
        json!({ "phoneNumber": "13800000000" }),
        json!({ "channel": "CHANNEL_LOGIN" }),
        json!({ "channel": "CHANNEL_LOGIN", "phoneNumber": "13800000000", "phoneCountryCode": null }),
        json!({ "channel": "CHANNEL_LOGIN", "phoneNumber": "+86 138", "phoneCountryCode": "+86" }),
        json!({ "channel": "CHANNEL_LOGIN", "phoneNumber": "13800000000", "phoneCountryCode": "86" }),
        json!({ "channel": "CHANNEL_LOGIN", "phone": "13800000000" }),
    ] {
        assert_error(
            &post(&server, "/api/v3/send-sms", &[], &bad).await,
            400,
            None,
        );
    }
}

#[tokio::test]
async fn email_passcode_flow_and_auto_register() {
    let server = start().await;
    let body = json!({ "channel": "CHANNEL_LOGIN", "email": "Alice@Example.com" });
    let reply = post(&server, "/api/v3/send-email", &[], &body).await;
    assert_ok(&reply);
    assert!(reply.get("data").is_none());
    let code = server.last_passcode("alice@example.com").unwrap();
    let login = |email: &str, pass_code: &str| json!({ "connection": "PASSCODE", "passCodePayload": { "email": email, "passCode": pass_code } });
    assert_ok(&signin(&server, login("alice@example.com", &code)).await);

    // unknown user: a valid code, but no account (403 2004) unless autoRegister
    let code = server.issue_passcode("new@example.com");
    assert_error(
        &signin(&server, login("new@example.com", &code)).await,
        403,
        Some(2004),
    );
    let code = server.issue_passcode("new@example.com");
    let mut body = login("new@example.com", &code);
    body["options"] = json!({ "autoRegister": true });
    assert_ok(&signin(&server, body).await);
    assert!(
        server
            .users()
            .iter()
            .any(|u| u.email.as_deref() == Some("new@example.com"))
    );

    for bad in [
        json!({ "channel": "CHANNEL_BIND_PHONE", "email": "a@example.com" }),
        json!({ "channel": "CHANNEL_LOGIN", "email": "not-an-email" }),
        json!({ "channel": "CHANNEL_LOGIN", "email": "a@example.com", "phoneNumber": "1" }),
    ] {
        assert_error(
            &post(&server, "/api/v3/send-email", &[], &bad).await,
            400,
            None,
        );
    }
}

#[tokio::test]
async fn passcode_country_codes_must_agree() {
    let server = start().await;
    server.add_user(FakeUser::new().phone("2025550123").phone_country_code("+1"));
    let body = json!({ "channel": "CHANNEL_LOGIN", "phoneNumber": "2025550123", "phoneCountryCode": "+1" });
    assert_ok(&post(&server, "/api/v3/send-sms", &[], &body).await);
    let code = server.last_passcode("2025550123").unwrap();
    let login = |cc: Option<&str>| {
        let mut payload = json!({ "phone": "2025550123", "passCode": code });
        if let Some(cc) = cc {
            payload["phoneCountryCode"] = cc.into();
        }
        json!({ "connection": "PASSCODE", "passCodePayload": payload })
    };
    assert_error(&signin(&server, login(None)).await, 403, Some(2001));
    assert_error(&signin(&server, login(Some("+44"))).await, 403, Some(2001));
    assert_ok(&signin(&server, login(Some("+1"))).await);
}

#[tokio::test]
async fn ldap_and_ad_logins() {
    let server = start().await;
    server.add_user(
        FakeUser::new()
            .ad_sam_account_name("bob")
            .password("b0b-pass"),
    );
    for (connection, payload_key) in [("LDAP", "ldapPayload"), ("AD", "adPayload")] {
        let body = |name: &str, password: &str| json!({ "connection": connection, payload_key: { "sAMAccountName": name, "password": password } });
        assert_ok(&signin(&server, body("alice", "Passw0rd!")).await);
        assert_error(
            &signin(&server, body("alice", "wrong")).await,
            403,
            Some(2333),
        );
        assert_error(
            &signin(&server, body("nobody", "Passw0rd!")).await,
            403,
            Some(2333),
        );
    }
    let ad = json!({ "connection": "AD", "adPayload": { "sAMAccountName": "bob", "password": "b0b-pass" } });
    assert_ok(&signin(&server, ad).await);
    let ldap = json!({ "connection": "LDAP", "ldapPayload": { "sAMAccountName": "bob", "password": "b0b-pass" } });
    assert_error(&signin(&server, ldap).await, 403, Some(2333));
}

/// The keys a client would get from `GET /api/v3/system`.
async fn published_keys(server: &FakeServer) -> ServerKeys {
    let (_, info) = send(server, Method::GET, "/api/v3/system", &[], None).await;
    ServerKeys::parse(
        info["rsa"]["publicKey"].as_str(),
        info["sm2"]["publicKey"].as_str(),
    )
    .expect("published keys parse")
}

fn encrypted_login(connection: &str, password: &str, kind: PasswordEncryptType) -> Value {
    let mut body = match connection {
        "PASSWORD" => password_body("email", "alice@example.com", password),
        "LDAP" => {
            json!({ "connection": "LDAP", "ldapPayload": { "sAMAccountName": "alice", "password": password } })
        }
        _ => {
            json!({ "connection": "AD", "adPayload": { "sAMAccountName": "alice", "password": password } })
        }
    };
    body["options"] = json!({ "passwordEncryptType": kind.as_str() });
    body
}

#[tokio::test]
async fn rsa_and_sm2_passwords_are_decrypted() {
    for layout in [Sm2Layout::C1C3C2, Sm2Layout::MobileC1C2C3] {
        let server = start_with(|c| c.sm2_layout = layout).await;
        let keys = published_keys(&server).await;
        let encryptor = DefaultEncryptor { sm2_layout: layout };
        for kind in [PasswordEncryptType::Rsa, PasswordEncryptType::Sm2] {
            for connection in ["PASSWORD", "LDAP", "AD"] {
                let ciphertext = encryptor
                    .encrypt(kind, "Passw0rd!", &keys)
                    .expect("encrypts");
                assert_ok(&signin(&server, encrypted_login(connection, &ciphertext, kind)).await);
                let wrong = encryptor.encrypt(kind, "wrong", &keys).expect("encrypts");
                let reply = signin(&server, encrypted_login(connection, &wrong, kind)).await;
                assert_error(&reply, 403, Some(2333));
                // the plain password is not a ciphertext
                let reply = signin(&server, encrypted_login(connection, "Passw0rd!", kind)).await;
                assert_error(&reply, 400, Some(2016));
            }
        }
    }
}

#[tokio::test]
async fn sm2_layout_mismatch_and_rotated_keys_fail_with_2016() {
    let server = start().await;
    let keys = published_keys(&server).await;
    let mobile = DefaultEncryptor {
        sm2_layout: Sm2Layout::MobileC1C2C3,
    };
    let ciphertext = mobile
        .encrypt(PasswordEncryptType::Sm2, "Passw0rd!", &keys)
        .unwrap();
    let reply = signin(
        &server,
        encrypted_login("PASSWORD", &ciphertext, PasswordEncryptType::Sm2),
    )
    .await;
    assert_error(&reply, 400, Some(2016));

    let rsa = DefaultEncryptor::default()
        .encrypt(PasswordEncryptType::Rsa, "Passw0rd!", &keys)
        .unwrap();
    server.rotate_keys();
    let reply = signin(
        &server,
        encrypted_login("PASSWORD", &rsa, PasswordEncryptType::Rsa),
    )
    .await;
    assert_error(&reply, 400, Some(2016));
    let fresh = published_keys(&server).await;
    assert_ne!(fresh, keys, "/api/v3/system publishes the new keys");
    let rsa = DefaultEncryptor::default()
        .encrypt(PasswordEncryptType::Rsa, "Passw0rd!", &fresh)
        .unwrap();
    assert_ok(
        &signin(
            &server,
            encrypted_login("PASSWORD", &rsa, PasswordEncryptType::Rsa),
        )
        .await,
    );
}

#[tokio::test]
async fn requests_are_recorded_verbatim() {
    let server = start().await;
    let body = password_body("username", "alice", "Passw0rd!");
    let reply = post(
        &server,
        SIGNIN,
        &[("X-Genauth-SDK-Version", "rust:0.1.0")],
        &with_secret(&server, body),
    )
    .await;
    let app = [("x-genauth-app-id", "fake-app-id")];
    send(
        &server,
        Method::GET,
        "/api/v3/system?x=1&y=a%20b",
        &app,
        None,
    )
    .await;

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let first = &requests[0];
    assert_eq!(
        (
            first.method.as_str(),
            first.path.as_str(),
            first.query.as_str()
        ),
        ("POST", SIGNIN, "")
    );
    assert_eq!(first.header("x-genauth-sdk-version"), Some("rust:0.1.0"));
    assert!(
        first
            .headers
            .iter()
            .all(|(n, _)| *n == n.to_ascii_lowercase())
    );
    assert!(
        first
            .headers
            .iter()
            .any(|(n, v)| n == "x-genauth-app-id" && v == "fake-app-id")
    );
    assert_eq!(
        first.body_json().unwrap()["passwordPayload"]["username"],
        "alice"
    );
    assert_eq!(reply["requestId"].as_str(), Some(first.request_id.as_str()));
    let second = &requests[1];
    assert_eq!(second.query, "x=1&y=a%20b");
    assert_eq!(
        second.query_pairs(),
        vec![("x".into(), "1".into()), ("y".into(), "a b".into())]
    );
    assert!(second.body.is_empty());
    assert_ne!(first.request_id, second.request_id);
    assert_eq!(server.request_count(SIGNIN), 1);
    assert_eq!(server.request_count("/api/v3/system"), 1);

    server.clear_requests();
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn connections_are_counted() {
    let server = start().await;
    let client = reqwest::Client::new();
    for _ in 0..3 {
        send_with(&client, &server, Method::GET, "/api/v3/system", &[], None).await;
    }
    assert_eq!(
        server.connection_count(),
        1,
        "one keep-alive connection for sequential requests"
    );
    send(&server, Method::GET, "/api/v3/system", &[], None).await;
    assert_eq!(
        server.connection_count(),
        2,
        "a new client opens a new connection"
    );
}

async fn profile(server: &FakeServer, authorization: Option<&str>, query: &str) -> Value {
    let mut headers = vec![("x-genauth-app-id", "fake-app-id")];
    if let Some(a) = authorization {
        headers.push(("authorization", a));
    }
    let path = format!("/api/v3/get-profile{query}");
    send(server, Method::GET, &path, &headers, None).await.1
}

#[tokio::test]
async fn get_profile_needs_an_issued_token() {
    let server = start().await;
    let reply = signin(&server, password_body("username", "alice", "Passw0rd!")).await;
    let token = reply["data"]["access_token"].as_str().unwrap().to_owned();
    let bearer = format!("Bearer {token}");
    for authorization in [token.as_str(), bearer.as_str()] {
        let reply = profile(
            &server,
            Some(authorization),
            "?withCustomData=true&withIdentities=false",
        )
        .await;
        assert_ok(&reply);
        assert_eq!(reply["data"]["username"], "alice");
        assert_eq!(reply["data"]["email"], "alice@example.com");
    }
    assert_error(&profile(&server, None, "").await, 401, Some(2020));
    assert_error(
        &profile(&server, Some("Bearer fake_at_unknown"), "").await,
        401,
        Some(2020),
    );
    assert_error(
        &profile(&server, Some(&token), "?withCustomData=True").await,
        400,
        None,
    );
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let server = start().await;
    let url = format!("{}/api/v3/system", server.base_url());
    // an idle keep-alive connection must not hold shutdown up
    let client = reqwest::Client::new();
    client.get(&url).send().await.unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(5), server.shutdown())
        .await
        .expect("shutdown finishes");
    assert!(reqwest::Client::new().get(&url).send().await.is_err());
}

// ---- account endpoints -------------------------------------------------------------------

const SIGNUP: &str = "/api/v3/signup";
const UPDATE_PASSWORD: &str = "/api/v3/update-password";
const VERIFY_RESET: &str = "/api/v3/verify-reset-password-request";
const RESET_PASSWORD: &str = "/api/v3/reset-password";
const VERIFY_DELETE: &str = "/api/v3/verify-delete-account-request";

/// Encrypts `plain` for `server` as a client would (keys from `/api/v3/system`, default layout).
async fn encrypt(server: &FakeServer, kind: PasswordEncryptType, plain: &str) -> String {
    if matches!(kind, PasswordEncryptType::None) {
        return plain.to_owned();
    }
    let keys = published_keys(server).await;
    DefaultEncryptor::default()
        .encrypt(kind, plain, &keys)
        .expect("encrypts")
}

const ENCRYPTED: [PasswordEncryptType; 2] = [PasswordEncryptType::Rsa, PasswordEncryptType::Sm2];

/// Signs in by username or email with a plain password; returns the access token.
async fn login(server: &FakeServer, key: &str, value: &str, password: &str) -> String {
    let reply = signin(server, password_body(key, value, password)).await;
    assert_ok(&reply);
    reply["data"]["access_token"].as_str().unwrap().to_owned()
}

/// POSTs to a user endpoint with `authorization: <token>` (none when `token` is empty).
async fn post_as(server: &FakeServer, token: &str, path: &str, body: &Value) -> Value {
    if token.is_empty() {
        post(server, path, &[], body).await
    } else {
        post(server, path, &[("authorization", token)], body).await
    }
}

/// "Sends" a passcode on `channel` through the public endpoints and returns it.
async fn send_code(server: &FakeServer, channel: &str, target: &str, cc: Option<&str>) -> String {
    let (path, mut body) = if target.contains('@') {
        (
            "/api/v3/send-email",
            json!({ "channel": channel, "email": target }),
        )
    } else {
        (
            "/api/v3/send-sms",
            json!({ "channel": channel, "phoneNumber": target }),
        )
    };
    if let Some(cc) = cc {
        body["phoneCountryCode"] = cc.into();
    }
    assert_ok(&post(server, path, &[], &body).await);
    server.last_passcode(target).expect("passcode sent")
}

fn sign_up_body(key: &str, value: &str, password: &str, kind: PasswordEncryptType) -> Value {
    json!({
        "connection": "PASSWORD",
        "passwordPayload": { key: value, "password": password },
        "options": { "passwordEncryptType": kind.as_str() },
    })
}

#[tokio::test]
async fn sign_up_with_a_password_in_every_mode() {
    let server = start().await;
    for kind in [
        PasswordEncryptType::None,
        PasswordEncryptType::Rsa,
        PasswordEncryptType::Sm2,
    ] {
        let name = format!("new-{}", kind.as_str());
        let ciphertext = encrypt(&server, kind, "First#1pw").await;
        let reply = post(
            &server,
            SIGNUP,
            &[],
            &sign_up_body("username", &name, &ciphertext, kind),
        )
        .await;
        assert_ok(&reply);
        let user = &reply["data"];
        assert_eq!(user["username"], name.as_str(), "{reply}");
        assert!(
            user["userId"]
                .as_str()
                .is_some_and(|id| id.starts_with("fake-user-"))
        );
        assert_eq!(user["status"], "Activated");
        let created = user["createdAt"].as_str().unwrap();
        assert!(created.len() == 24 && created.ends_with('Z'), "{created}");
        assert!(user.get("password").is_none(), "{reply}");
        // the stored password is the plaintext
        login(&server, "username", &name, "First#1pw").await;
    }

    // email sign-up, options and a profile that is echoed back
    let body = json!({
        "connection": "PASSWORD",
        "passwordPayload": { "email": "Carol@Example.com", "password": "c4rol-pw" },
        "profile": { "nickname": "Caz", "customData": { "team": "blue" } },
        "options": { "clientIp": "10.0.0.1", "context": { "source": "test" } },
    });
    let reply = post(&server, SIGNUP, &[], &body).await;
    assert_ok(&reply);
    assert_eq!(reply["data"]["email"], "Carol@Example.com");
    assert_eq!(reply["data"]["nickname"], "Caz");
    assert_eq!(reply["data"]["customData"]["team"], "blue");
    assert!(reply["data"]["username"].is_null(), "{reply}");
    login(&server, "email", "carol@example.com", "c4rol-pw").await;
    assert_eq!(server.users().len(), 5);
}

#[tokio::test]
async fn sign_up_failures() {
    let server = start().await;
    let none = PasswordEncryptType::None;
    // taken identifiers: 409 / 2026 (email case-insensitively)
    for (key, value) in [("username", "alice"), ("email", "ALICE@example.com")] {
        let reply = post(
            &server,
            SIGNUP,
            &[],
            &sign_up_body(key, value, "x-pass", none),
        )
        .await;
        assert_error(&reply, 409, Some(2026));
    }
    assert!(
        server.users()[0].password.as_deref() == Some("Passw0rd!"),
        "alice untouched"
    );

    // a plaintext sent as ciphertext: 2016, and no user is created
    for kind in ENCRYPTED {
        let reply = post(
            &server,
            SIGNUP,
            &[],
            &sign_up_body("username", "dave", "First#1pw", kind),
        )
        .await;
        assert_error(&reply, 400, Some(2016));
    }
    assert_eq!(server.users().len(), 1);

    for body in [
        // bad flag, in the wrong place, or null
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "d", "password": "p" }, "options": { "passwordEncryptType": "RSA" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "d", "password": "p" }, "passwordEncryptType": "none" }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "d", "password": "p" }, "options": { "passwordEncryptType": null } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "d", "password": "p" }, "options": { "autoRegister": true } }),
        // identifiers: exactly one of username, email
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "d", "email": "d@example.com", "password": "p" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "password": "p" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "phone": "13911111111", "password": "p" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "", "password": "p" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "email": "not-an-email", "password": "p" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "d" } }),
        // connection and payload disagree
        json!({ "connection": "PASSWORD" }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "d", "password": "p" }, "passCodePayload": { "email": "d@example.com", "passCode": "123456" } }),
        json!({ "connection": "LDAP", "passwordPayload": { "username": "d", "password": "p" } }),
        // profile
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "d", "password": "p" }, "profile": { "username": "other" } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "d", "password": "p" }, "profile": { "nickname": null } }),
        json!({ "connection": "PASSWORD", "passwordPayload": { "username": "d", "password": "p" }, "profile": "d" }),
    ] {
        assert_error(&post(&server, SIGNUP, &[], &body).await, 400, None);
    }
    assert_eq!(server.users().len(), 1);

    // the app id is required here too
    let headers = [("content-type", "application/json")];
    let body = sign_up_body("username", "d", "p", none).to_string();
    let (_, reply) = send(&server, Method::POST, SIGNUP, &headers, Some(body)).await;
    assert_error(&reply, 400, None);
}

#[tokio::test]
async fn sign_up_with_a_passcode() {
    let server = start().await;
    let code = send_code(&server, "CHANNEL_REGISTER", "Erin@example.com", None).await;
    let body = |email: &str, code: &str| json!({ "connection": "PASSCODE", "passCodePayload": { "email": email, "passCode": code } });
    let reply = post(&server, SIGNUP, &[], &body("erin@EXAMPLE.com", &code)).await;
    assert_ok(&reply);
    assert_eq!(reply["data"]["email"], "erin@EXAMPLE.com");
    let erin = server
        .users()
        .into_iter()
        .find(|u| u.email.as_deref() == Some("erin@EXAMPLE.com"))
        .expect("erin is stored");
    assert_eq!(erin.password, None, "passcode users have no password");
    // the same address again: taken
    let again = send_code(&server, "CHANNEL_REGISTER", "erin@example.com", None).await;
    assert_error(
        &post(&server, SIGNUP, &[], &body("erin@example.com", &again)).await,
        409,
        Some(2026),
    );

    // only unused CHANNEL_REGISTER codes for that address work
    let login_code = send_code(&server, "CHANNEL_LOGIN", "fred@example.com", None).await;
    assert_error(
        &post(&server, SIGNUP, &[], &body("fred@example.com", &login_code)).await,
        403,
        Some(2001),
    );
    let other = send_code(&server, "CHANNEL_REGISTER", "gina@example.com", None).await;
    assert_error(
        &post(&server, SIGNUP, &[], &body("fred@example.com", &other)).await,
        403,
        Some(2001),
    );
    assert_error(
        &post(&server, SIGNUP, &[], &body("fred@example.com", "000000x")).await,
        403,
        Some(2001),
    );

    // phones, with a country code that is stored
    let code = send_code(&server, "CHANNEL_REGISTER", "15500000000", Some("+1")).await;
    let phone = json!({ "connection": "PASSCODE", "passCodePayload": { "phone": "15500000000", "phoneCountryCode": "+1", "passCode": code } });
    let reply = post(&server, SIGNUP, &[], &phone).await;
    assert_ok(&reply);
    assert_eq!(reply["data"]["phone"], "15500000000");
    assert_eq!(reply["data"]["phoneCountryCode"], "+1");
    assert_error(&post(&server, SIGNUP, &[], &phone).await, 409, Some(2026));
    // alice's number is taken whatever the country code
    let code = send_code(&server, "CHANNEL_REGISTER", "13800000000", Some("+1")).await;
    let taken = json!({ "connection": "PASSCODE", "passCodePayload": { "phone": "13800000000", "phoneCountryCode": "+1", "passCode": code } });
    assert_error(&post(&server, SIGNUP, &[], &taken).await, 409, Some(2026));

    let bad = json!({ "connection": "PASSCODE", "passCodePayload": { "email": "h@example.com", "phone": "1", "passCode": "123456" } });
    assert_error(&post(&server, SIGNUP, &[], &bad).await, 400, None);
    assert_eq!(server.users().len(), 3);
}

#[tokio::test]
async fn update_password() {
    let server = start().await;
    let token = login(&server, "username", "alice", "Passw0rd!").await;
    let body = json!({ "newPassword": "N3w-pass", "oldPassword": "Passw0rd!" });
    assert_error(
        &post_as(&server, "", UPDATE_PASSWORD, &body).await,
        401,
        Some(2020),
    );
    assert_error(
        &post_as(&server, "Bearer fake_at_nope", UPDATE_PASSWORD, &body).await,
        401,
        Some(2020),
    );

    let wrong = json!({ "newPassword": "N3w-pass", "oldPassword": "nope" });
    assert_error(
        &post_as(&server, &token, UPDATE_PASSWORD, &wrong).await,
        403,
        Some(2006),
    );
    let missing = json!({ "newPassword": "N3w-pass" });
    assert_error(
        &post_as(&server, &token, UPDATE_PASSWORD, &missing).await,
        403,
        Some(2019),
    );
    for body in [
        json!({ "newPassword": "N3w-pass", "oldPassword": "Passw0rd!", "passwordResetToken": "t" }),
        json!({ "newPassword": "N3w-pass", "oldPassword": "Passw0rd!", "passwordEncryptType": "SM2" }),
        json!({ "newPassword": "", "oldPassword": "Passw0rd!" }),
        json!({ "newPassword": "N3w-pass", "oldPassword": "" }),
        json!({ "oldPassword": "Passw0rd!" }),
    ] {
        assert_error(
            &post_as(&server, &token, UPDATE_PASSWORD, &body).await,
            400,
            None,
        );
    }

    // both passwords are decrypted per the top-level flag; either failing is 2016
    let mut current = "Passw0rd!".to_owned();
    for kind in ENCRYPTED {
        let next = format!("after-{}", kind.as_str());
        let new_ct = encrypt(&server, kind, &next).await;
        let old_ct = encrypt(&server, kind, &current).await;
        let flag = kind.as_str();
        for body in [
            json!({ "newPassword": next, "oldPassword": old_ct, "passwordEncryptType": flag }),
            json!({ "newPassword": new_ct, "oldPassword": current, "passwordEncryptType": flag }),
        ] {
            let reply = post_as(&server, &token, UPDATE_PASSWORD, &body).await;
            assert_error(&reply, 400, Some(2016));
        }
        let wrong_old = encrypt(&server, kind, "not-it").await;
        let body =
            json!({ "newPassword": new_ct, "oldPassword": wrong_old, "passwordEncryptType": flag });
        assert_error(
            &post_as(&server, &token, UPDATE_PASSWORD, &body).await,
            403,
            Some(2006),
        );

        let body =
            json!({ "newPassword": new_ct, "oldPassword": old_ct, "passwordEncryptType": flag });
        let bearer = format!("Bearer {token}");
        let reply = post_as(&server, &bearer, UPDATE_PASSWORD, &body).await;
        assert_ok(&reply);
        assert!(reply.get("data").is_none(), "{reply}");
        let old_login = signin(&server, password_body("username", "alice", &current)).await;
        assert_error(&old_login, 403, Some(2333));
        login(&server, "username", "alice", &next).await;
        current = next;
    }

    // a user without a password sets one without `oldPassword`
    let code = server.issue_passcode("pat@example.com");
    let reply = signin(&server, json!({ "connection": "PASSCODE", "passCodePayload": { "email": "pat@example.com", "passCode": code }, "options": { "autoRegister": true } })).await;
    let pat = reply["data"]["access_token"].as_str().unwrap().to_owned();
    let with_old = json!({ "newPassword": "p4t-pass", "oldPassword": "anything" });
    assert_error(
        &post_as(&server, &pat, UPDATE_PASSWORD, &with_old).await,
        403,
        Some(2006),
    );
    assert_ok(
        &post_as(
            &server,
            &pat,
            UPDATE_PASSWORD,
            &json!({ "newPassword": "p4t-pass" }),
        )
        .await,
    );
    login(&server, "email", "pat@example.com", "p4t-pass").await;
}

fn reset_body(password: &str, token: &str, kind: PasswordEncryptType) -> Value {
    json!({ "password": password, "passwordResetToken": token, "passwordEncryptType": kind.as_str() })
}

#[tokio::test]
async fn password_reset_by_email_and_phone_passcode() {
    let server = start().await;
    let email = |code: &str| json!({ "verifyMethod": "EMAIL_PASSCODE", "emailPassCodePayload": { "email": "Alice@example.com", "passCode": code } });
    // only CHANNEL_RESET_PASSWORD codes count
    let login_code = server.issue_passcode("alice@example.com");
    assert_error(
        &post(&server, VERIFY_RESET, &[], &email(&login_code)).await,
        403,
        Some(2001),
    );
    let code = send_code(&server, "CHANNEL_RESET_PASSWORD", "alice@example.com", None).await;
    let reply = post(&server, VERIFY_RESET, &[], &email(&code)).await;
    assert_ok(&reply);
    assert_eq!(reply["data"]["tokenExpiresIn"], 600);
    let token = reply["data"]["passwordResetToken"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_error(
        &post(&server, VERIFY_RESET, &[], &email(&code)).await,
        403,
        Some(2001),
    );

    // the new password is decrypted before the token is spent: 2016 leaves it usable
    let rsa = PasswordEncryptType::Rsa;
    let reply = post(
        &server,
        RESET_PASSWORD,
        &[],
        &reset_body("R3set-pw", &token, rsa),
    )
    .await;
    assert_error(&reply, 400, Some(2016));
    let ciphertext = encrypt(&server, rsa, "R3set-pw").await;
    let reply = post(
        &server,
        RESET_PASSWORD,
        &[],
        &reset_body(&ciphertext, &token, rsa),
    )
    .await;
    assert_ok(&reply);
    assert_eq!(reply["data"], json!({ "success": true }));
    login(&server, "username", "alice", "R3set-pw").await;
    // single use
    let reply = post(
        &server,
        RESET_PASSWORD,
        &[],
        &reset_body(&ciphertext, &token, rsa),
    )
    .await;
    assert_error(&reply, 403, None);

    // by phone (country codes must agree), then sm2
    let code = send_code(
        &server,
        "CHANNEL_RESET_PASSWORD",
        "13800000000",
        Some("+86"),
    )
    .await;
    let phone = |cc: &str| json!({ "verifyMethod": "PHONE_PASSCODE", "phonePassCodePayload": { "phoneNumber": "13800000000", "phoneCountryCode": cc, "passCode": code } });
    assert_error(
        &post(&server, VERIFY_RESET, &[], &phone("+1")).await,
        403,
        Some(2001),
    );
    let reply = post(&server, VERIFY_RESET, &[], &phone("+86")).await;
    assert_ok(&reply);
    let token = reply["data"]["passwordResetToken"].as_str().unwrap();
    let sm2 = PasswordEncryptType::Sm2;
    let ciphertext = encrypt(&server, sm2, "Sm2-reset").await;
    assert_ok(
        &post(
            &server,
            RESET_PASSWORD,
            &[],
            &reset_body(&ciphertext, token, sm2),
        )
        .await,
    );
    login(&server, "email", "alice@example.com", "Sm2-reset").await;

    // a valid code for an address nobody has: 2004
    let code = send_code(
        &server,
        "CHANNEL_RESET_PASSWORD",
        "nobody@example.com",
        None,
    )
    .await;
    let nobody = json!({ "verifyMethod": "EMAIL_PASSCODE", "emailPassCodePayload": { "email": "nobody@example.com", "passCode": code } });
    assert_error(
        &post(&server, VERIFY_RESET, &[], &nobody).await,
        403,
        Some(2004),
    );

    for body in [
        json!({ "verifyMethod": "PASSWORD", "passwordPayload": { "password": "x" } }),
        json!({ "verifyMethod": "EMAIL_PASSCODE" }),
        json!({ "verifyMethod": "EMAIL_PASSCODE", "phonePassCodePayload": { "phoneNumber": "13800000000", "passCode": "123456" } }),
        json!({ "verifyMethod": "email_passcode", "emailPassCodePayload": { "email": "alice@example.com", "passCode": "123456" } }),
        json!({ "verifyMethod": "EMAIL_PASSCODE", "emailPassCodePayload": { "email": "alice@example.com" } }),
        json!({ "verifyMethod": "PHONE_PASSCODE", "phonePassCodePayload": { "phone": "13800000000", "passCode": "123456" } }),
        json!({ "verifyMethod": "PHONE_PASSCODE", "phonePassCodePayload": { "phoneNumber": "+8613800000000", "passCode": "123456" } }),
    ] {
        assert_error(&post(&server, VERIFY_RESET, &[], &body).await, 400, None);
    }
    for body in [
        json!({ "password": "p", "passwordResetToken": "t", "passwordEncryptType": "Rsa" }),
        json!({ "password": "p" }),
        json!({ "passwordResetToken": "t" }),
        json!({ "password": "p", "passwordResetToken": "t", "oldPassword": "o" }),
    ] {
        assert_error(&post(&server, RESET_PASSWORD, &[], &body).await, 400, None);
    }
}

#[tokio::test]
async fn issued_reset_tokens() {
    let server = start().await;
    server.add_user(
        FakeUser::new()
            .username("bob")
            .email("bob@example.com")
            .phone("13911111111")
            .password("b0b"),
    );
    let none = PasswordEncryptType::None;
    for (identifier, password) in [
        ("bob", "one"),
        ("BOB@example.com", "two"),
        ("13911111111", "three"),
    ] {
        let token = server.issue_password_reset_token(identifier);
        assert!(token.starts_with("fake_prt_"), "{token}");
        assert_ok(
            &post(
                &server,
                RESET_PASSWORD,
                &[],
                &reset_body(password, &token, none),
            )
            .await,
        );
        login(&server, "username", "bob", password).await;
    }
    // an unknown identifier gets a token that does not work
    let token = server.issue_password_reset_token("nobody");
    assert!(token.starts_with("fake_prt_"));
    assert_error(
        &post(&server, RESET_PASSWORD, &[], &reset_body("p", &token, none)).await,
        403,
        None,
    );
    // a delete-account token is no reset token
    let alice = login(&server, "username", "alice", "Passw0rd!").await;
    let body =
        json!({ "verifyMethod": "PASSWORD", "passwordPayload": { "password": "Passw0rd!" } });
    let reply = post_as(&server, &alice, VERIFY_DELETE, &body).await;
    let delete_token = reply["data"]["deleteAccountToken"].as_str().unwrap();
    assert_error(
        &post(
            &server,
            RESET_PASSWORD,
            &[],
            &reset_body("p", delete_token, none),
        )
        .await,
        403,
        None,
    );
}

#[tokio::test]
async fn verify_delete_account_request() {
    let server = start().await;
    server.add_user(
        FakeUser::new()
            .email("bob@example.com")
            .phone("13911111111")
            .password("b0b"),
    );
    let token = login(&server, "username", "alice", "Passw0rd!").await;
    let by_password = |password: &str, kind: PasswordEncryptType| json!({ "verifyMethod": "PASSWORD", "passwordPayload": { "password": password, "passwordEncryptType": kind.as_str() } });
    let none = PasswordEncryptType::None;
    assert_error(
        &post_as(&server, "", VERIFY_DELETE, &by_password("Passw0rd!", none)).await,
        401,
        Some(2020),
    );

    let reply = post_as(
        &server,
        &token,
        VERIFY_DELETE,
        &by_password("Passw0rd!", none),
    )
    .await;
    assert_ok(&reply);
    assert!(
        reply["data"]["deleteAccountToken"]
            .as_str()
            .is_some_and(|t| t.starts_with("fake_dat_"))
    );
    assert_eq!(reply["data"]["tokenExpiresIn"], 600);
    assert_error(
        &post_as(&server, &token, VERIFY_DELETE, &by_password("b0b", none)).await,
        403,
        Some(2006),
    );

    // the flag lives inside passwordPayload
    for kind in ENCRYPTED {
        let ciphertext = encrypt(&server, kind, "Passw0rd!").await;
        assert_ok(
            &post_as(
                &server,
                &token,
                VERIFY_DELETE,
                &by_password(&ciphertext, kind),
            )
            .await,
        );
        let wrong = encrypt(&server, kind, "Passw0rd?").await;
        assert_error(
            &post_as(&server, &token, VERIFY_DELETE, &by_password(&wrong, kind)).await,
            403,
            Some(2006),
        );
        let reply = post_as(
            &server,
            &token,
            VERIFY_DELETE,
            &by_password("Passw0rd!", kind),
        )
        .await;
        assert_error(&reply, 400, Some(2016));
        let top_level = json!({ "verifyMethod": "PASSWORD", "passwordPayload": { "password": ciphertext }, "passwordEncryptType": kind.as_str() });
        assert_error(
            &post_as(&server, &token, VERIFY_DELETE, &top_level).await,
            400,
            None,
        );
    }

    // passcodes: CHANNEL_DELETE_ACCOUNT, sent to the signed-in user's own email or phone
    let email = |address: &str, code: &str| json!({ "verifyMethod": "EMAIL_PASSCODE", "emailPassCodePayload": { "email": address, "passCode": code } });
    let code = send_code(&server, "CHANNEL_RESET_PASSWORD", "alice@example.com", None).await;
    assert_error(
        &post_as(
            &server,
            &token,
            VERIFY_DELETE,
            &email("alice@example.com", &code),
        )
        .await,
        403,
        Some(2001),
    );
    let bobs = send_code(&server, "CHANNEL_DELETE_ACCOUNT", "bob@example.com", None).await;
    assert_error(
        &post_as(
            &server,
            &token,
            VERIFY_DELETE,
            &email("bob@example.com", &bobs),
        )
        .await,
        403,
        Some(2001),
    );
    let code = send_code(&server, "CHANNEL_DELETE_ACCOUNT", "alice@example.com", None).await;
    assert_ok(
        &post_as(
            &server,
            &token,
            VERIFY_DELETE,
            &email("ALICE@example.com", &code),
        )
        .await,
    );
    assert_error(
        &post_as(
            &server,
            &token,
            VERIFY_DELETE,
            &email("alice@example.com", &code),
        )
        .await,
        403,
        Some(2001),
    );
    let code = send_code(&server, "CHANNEL_DELETE_ACCOUNT", "13800000000", None).await;
    let phone = json!({ "verifyMethod": "PHONE_PASSCODE", "phonePassCodePayload": { "phoneNumber": "13800000000", "passCode": code } });
    assert_ok(&post_as(&server, &token, VERIFY_DELETE, &phone).await);

    for body in [
        json!({ "verifyMethod": "PASSWORD" }),
        json!({ "verifyMethod": "PASSWORD", "passwordPayload": { "password": "Passw0rd!", "passwordEncryptType": "RSA" } }),
        json!({ "verifyMethod": "PASSWORD", "passwordPayload": { "password": "Passw0rd!", "account": "alice" } }),
        json!({ "verifyMethod": "PASSWORD", "passwordPayload": { "password": "Passw0rd!" }, "emailPassCodePayload": { "email": "alice@example.com", "passCode": "123456" } }),
        json!({ "verifyMethod": "FACE", "passwordPayload": { "password": "Passw0rd!" } }),
        json!({ "passwordPayload": { "password": "Passw0rd!" } }),
    ] {
        assert_error(
            &post_as(&server, &token, VERIFY_DELETE, &body).await,
            400,
            None,
        );
    }
}
