//! Wire tests: a fake transport records the exact request (method, URI, headers, body bytes)
//! and returns a canned reply. No network.

use std::sync::Arc;

use bytes::Bytes;
use genauth_client::{
    Authentication, AuthenticationExt, ClientOptions, EmailChannel, Error, GenAuthClient,
    HeaderPrefix, OidcExt, PasswordEncryptType, SendEmailDto, SendSmsDto, SignInOptions,
    SmsChannel, TokenEndpointAuthMethod, UserTokenScheme, genauth_api, genauth_endpoint,
};

/// The shared recording transport (genauth-fake), under the name these tests always used.
type FakeTransport = genauth_fake::RecordingTransport;

const TOKENS: &str = r#"{"statusCode":200,"message":"Success","requestId":"r-1","data":{"scope":"openid profile","access_token":"AT","id_token":"IT","token_type":"bearer","expire_in":7200}}"#;

fn options(method: TokenEndpointAuthMethod) -> genauth_client::ClientOptionsBuilder {
    ClientOptions::builder()
        .app_id("app-123")
        .app_secret("sec-456")
        .app_host("https://tenant.genauth.ai/")
        .auth_method(method)
}

fn client(
    b: genauth_client::ClientOptionsBuilder,
    t: &FakeTransport,
) -> GenAuthClient<FakeTransport> {
    GenAuthClient::with_transport(b.build().unwrap(), t.clone()).unwrap()
}

fn headers(req: &http::Request<Bytes>) -> Vec<(String, String)> {
    let mut h: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    h.sort();
    h
}

fn body(req: &http::Request<Bytes>) -> &str {
    std::str::from_utf8(req.body()).unwrap()
}

fn hv(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = pairs
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn sign_in_client_secret_post_byte_for_byte() {
    let t = FakeTransport::default().reply(200, TOKENS);
    let c = client(options(TokenEndpointAuthMethod::ClientSecretPost), &t);
    let tokens = c
        .sign_in_by_email_password(
            "test@example.com",
            "pa ss\"word",
            Some(SignInOptions {
                scope: Some("openid profile offline_access".into()),
                password_encrypt_type: Some(PasswordEncryptType::None),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    assert_eq!(tokens.expires_in, 7200);
    assert_eq!(tokens.access_token.unwrap().expose(), "AT");

    let reqs = t.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.method(), http::Method::POST);
    assert_eq!(
        r.uri().to_string(),
        "https://tenant.genauth.ai/api/v3/signin"
    );
    assert_eq!(
        headers(r),
        hv(&[
            ("content-type", "application/json"),
            ("x-genauth-app-id", "app-123"),
            ("x-genauth-request-from", "sdk"),
            (
                "x-genauth-sdk-version",
                concat!("rust:", env!("CARGO_PKG_VERSION"))
            ),
        ])
    );
    assert_eq!(
        body(r),
        r#"{"connection":"PASSWORD","passwordPayload":{"password":"pa ss\"word","email":"test@example.com"},"options":{"scope":"openid profile offline_access","passwordEncryptType":"none"},"client_id":"app-123","client_secret":"sec-456"}"#
    );
}

#[tokio::test]
async fn sign_in_client_secret_basic_sends_header_not_body_credentials() {
    let t = FakeTransport::default().reply(200, TOKENS);
    let c = client(options(TokenEndpointAuthMethod::ClientSecretBasic), &t);
    c.sign_in_by_account_password("alice", "pw", None)
        .await
        .unwrap();
    let r = &t.requests()[0];
    // base64("app-123:sec-456")
    assert_eq!(r.headers()["authorization"], "Basic YXBwLTEyMzpzZWMtNDU2");
    assert_eq!(
        body(r),
        r#"{"connection":"PASSWORD","passwordPayload":{"password":"pw","account":"alice"}}"#
    );
}

#[tokio::test]
async fn sign_in_auth_none_sends_no_credentials() {
    let t = FakeTransport::default().reply(200, TOKENS);
    let c = client(
        ClientOptions::builder()
            .app_id("app-123")
            .app_host("tenant.genauth.ai")
            .auth_method(TokenEndpointAuthMethod::None),
        &t,
    );
    c.sign_in_by_ldap("bob", "pw", None).await.unwrap();
    let r = &t.requests()[0];
    assert!(r.headers().get("authorization").is_none());
    assert_eq!(
        body(r),
        r#"{"connection":"LDAP","ldapPayload":{"sAMAccountName":"bob","password":"pw"}}"#
    );
}

#[tokio::test]
async fn every_login_variant_fills_the_documented_payload() {
    let t = FakeTransport::default();
    for _ in 0..8 {
        t.push_reply(200, TOKENS);
    }
    let c = client(options(TokenEndpointAuthMethod::ClientSecretBasic), &t);
    c.sign_in_by_account_password("a", "p", None).await.unwrap();
    c.sign_in_by_username_password("u", "p", None)
        .await
        .unwrap();
    c.sign_in_by_email_password("e@x.io", "p", None)
        .await
        .unwrap();
    c.sign_in_by_phone_password("138", "p", None).await.unwrap();
    c.sign_in_by_email_passcode("e@x.io", "123456", None)
        .await
        .unwrap();
    c.sign_in_by_phone_passcode("138", "654321", Some("+86"), None)
        .await
        .unwrap();
    c.sign_in_by_ldap("l", "p", None).await.unwrap();
    c.sign_in_by_ad("d", "p", None).await.unwrap();
    let bodies: Vec<String> = t.requests().iter().map(|r| body(r).to_owned()).collect();
    assert_eq!(
        bodies,
        [
            r#"{"connection":"PASSWORD","passwordPayload":{"password":"p","account":"a"}}"#,
            r#"{"connection":"PASSWORD","passwordPayload":{"password":"p","username":"u"}}"#,
            r#"{"connection":"PASSWORD","passwordPayload":{"password":"p","email":"e@x.io"}}"#,
            r#"{"connection":"PASSWORD","passwordPayload":{"password":"p","phone":"138"}}"#,
            r#"{"connection":"PASSCODE","passCodePayload":{"passCode":"123456","email":"e@x.io"}}"#,
            r#"{"connection":"PASSCODE","passCodePayload":{"passCode":"654321","phone":"138","phoneCountryCode":"+86"}}"#,
            r#"{"connection":"LDAP","ldapPayload":{"sAMAccountName":"l","password":"p"}}"#,
            r#"{"connection":"AD","adPayload":{"sAMAccountName":"d","password":"p"}}"#,
        ]
    );
}

#[tokio::test]
async fn send_sms_and_email_and_optional_headers() {
    let t = FakeTransport::default()
        .reply(200, r#"{"statusCode":200,"message":"ok"}"#)
        .reply(200, r#"{"statusCode":200,"message":"ok"}"#);
    let c = client(
        options(TokenEndpointAuthMethod::ClientSecretPost)
            .lang("en-US")
            .real_ip("203.0.113.7")
            .header_prefix(HeaderPrefix::Authing),
        &t,
    );
    c.send_sms(SendSmsDto {
        channel: SmsChannel::Login,
        phone_number: "13800000000".into(),
        phone_country_code: None,
    })
    .await
    .unwrap();
    c.send_email(SendEmailDto {
        channel: EmailChannel::Login,
        email: "a@b.c".into(),
    })
    .await
    .unwrap();
    let reqs = t.requests();
    assert_eq!(reqs[0].uri().path(), "/api/v3/send-sms");
    assert_eq!(
        body(&reqs[0]),
        r#"{"channel":"CHANNEL_LOGIN","phoneNumber":"13800000000"}"#
    );
    assert_eq!(
        body(&reqs[1]),
        r#"{"channel":"CHANNEL_LOGIN","email":"a@b.c"}"#
    );
    assert_eq!(
        headers(&reqs[0]),
        hv(&[
            ("content-type", "application/json"),
            ("x-authing-app-id", "app-123"),
            ("x-authing-lang", "en-US"),
            ("x-authing-request-from", "sdk"),
            (
                "x-authing-sdk-version",
                concat!("rust:", env!("CARGO_PKG_VERSION"))
            ),
            ("x-real-ip", "203.0.113.7"),
        ])
    );
}

#[tokio::test]
async fn system_info_bare_and_enveloped() {
    let t = FakeTransport::default()
        .reply(
            200,
            r#"{"rsa":{"publicKey":"R"},"sm2":{"publicKey":"S"},"publicIps":["1.2.3.4"]}"#,
        )
        .reply(
            200,
            r#"{"statusCode":200,"message":"ok","data":{"rsa":{"publicKey":"R2"}}}"#,
        );
    let c = client(options(TokenEndpointAuthMethod::ClientSecretPost), &t);
    let a = c.get_system_info().await.unwrap();
    assert_eq!(a.rsa.unwrap().public_key, "R");
    assert_eq!(a.public_ips.unwrap(), ["1.2.3.4"]);
    let b = c.get_system_info().await.unwrap();
    assert_eq!(b.rsa.unwrap().public_key, "R2");
    let r = &t.requests()[0];
    assert_eq!(r.method(), http::Method::GET);
    assert!(r.body().is_empty());
    assert!(r.headers().get("content-type").is_none());
}

#[tokio::test]
async fn api_error_inside_http_200_is_typed() {
    let t = FakeTransport::default().reply(
        200,
        r#"{"statusCode":403,"apiCode":2333,"message":"Account not exists or password is incorrect.","requestId":"req-9"}"#,
    );
    let c = client(options(TokenEndpointAuthMethod::ClientSecretPost), &t);
    let e = c
        .sign_in_by_account_password("a", "secret-pw", None)
        .await
        .unwrap_err();
    match &e {
        Error::Api {
            status_code,
            api_code,
            message,
            request_id,
        } => {
            assert_eq!(*status_code, 403);
            assert_eq!(*api_code, Some(2333));
            assert_eq!(message, "Account not exists or password is incorrect.");
            assert_eq!(request_id.as_deref(), Some("req-9"));
        }
        other => panic!("unexpected {other:?}"),
    }
    let text = format!("{e} {e:?}");
    assert!(!text.contains("secret-pw") && !text.contains("sec-456"));
}

// A contributor's own trait: path params, query params and a user-auth endpoint.
#[derive(serde::Serialize)]
struct Page {
    page: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    archived: bool,
}

#[genauth_api(crate = ::genauth_client)]
trait Extra {
    #[genauth_endpoint(path = "/api/v3/things/{thing_id}/items", method = GET, auth = user)]
    async fn list_items(
        &self,
        thing_id: &str,
        #[query] page: Page,
        #[query = "q"] q: Option<&str>,
    ) -> genauth_client::Result<serde_json::Value>;
}

#[tokio::test]
async fn path_query_and_user_token() {
    let t = FakeTransport::default()
        .reply(200, r#"{"statusCode":200,"message":"ok","data":[1]}"#)
        .reply(200, r#"{"statusCode":200,"message":"ok","data":[2]}"#);
    let c = client(options(TokenEndpointAuthMethod::ClientSecretPost), &t);
    // No token yet: a clear configuration error, nothing sent.
    let e = c
        .list_items(
            "x",
            Page {
                page: 1,
                limit: None,
                archived: false,
            },
            None,
        )
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Config(_)), "{e:?}");
    assert!(t.requests().is_empty());

    let c = c.with_user_token("user-token");
    let v = c
        .list_items(
            "a/b c",
            Page {
                page: 2,
                limit: Some(10),
                archived: false,
            },
            Some("é&x"),
        )
        .await
        .unwrap();
    assert_eq!(v, serde_json::json!([1]));
    let r = &t.requests()[0];
    assert_eq!(
        r.uri().to_string(),
        "https://tenant.genauth.ai/api/v3/things/a%2Fb%20c/items?page=2&limit=10&archived=false&q=%C3%A9%26x"
    );
    assert_eq!(r.headers()["authorization"], "user-token");

    let c2 = client(
        options(TokenEndpointAuthMethod::ClientSecretPost)
            .user_token_scheme(UserTokenScheme::Bearer)
            .access_token("tok2"),
        &t,
    );
    c2.list_items(
        "x",
        Page {
            page: 1,
            limit: None,
            archived: true,
        },
        None,
    )
    .await
    .unwrap();
    assert_eq!(t.requests()[1].headers()["authorization"], "Bearer tok2");
}

#[test]
fn registry_lists_every_endpoint() {
    let names: Vec<&str> = genauth_client::api::AUTHENTICATION_ENDPOINTS
        .iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(
        names,
        [
            "sign_in_by_credentials",
            "send_sms",
            "send_email",
            "get_system_info"
        ]
    );
    let signin = genauth_client::api::AUTHENTICATION_ENDPOINTS[0];
    assert_eq!(signin.path, "/api/v3/signin");
    assert_eq!(
        signin.passwords,
        [
            "passwordPayload.password",
            "ldapPayload.password",
            "adPayload.password"
        ]
    );
}

/// A deployment's own scheme plugs in through `PasswordEncryptor`.
#[derive(Debug)]
struct Reverse;

impl genauth_client::PasswordEncryptor for Reverse {
    fn encrypt(
        &self,
        kind: PasswordEncryptType,
        password: &str,
        _keys: &genauth_client::crypto::ServerKeys,
    ) -> genauth_client::Result<String> {
        Ok(format!(
            "{}:{}",
            kind.as_str(),
            password.chars().rev().collect::<String>()
        ))
    }
}

#[tokio::test]
async fn custom_encryptor_and_pinned_keys() {
    let t = FakeTransport::default().reply(200, TOKENS);
    let c = client(
        options(TokenEndpointAuthMethod::ClientSecretBasic)
            .encryptor(Arc::new(Reverse))
            .rsa_public_key(genauth_client::crypto::DEFAULT_RSA_PUBLIC_KEY)
            .password_encrypt_type(PasswordEncryptType::Rsa),
        &t,
    );
    c.sign_in_by_ad("bob", "abc", None).await.unwrap();
    let reqs = t.requests();
    // Pinned key: no /api/v3/system request, only the login.
    assert_eq!(reqs.len(), 1);
    assert_eq!(
        body(&reqs[0]),
        r#"{"connection":"AD","adPayload":{"sAMAccountName":"bob","password":"rsa:cba"},"options":{"passwordEncryptType":"rsa"}}"#
    );
}

/// Records every request and answers every one with the same success envelope.
fn recorder() -> FakeTransport {
    FakeTransport::new().default_reply(200, r#"{"statusCode":200,"message":"ok","data":{}}"#)
}

/// The body fields of a JSON or form request, as (name, value) text.
fn body_fields(req: &http::Request<Bytes>) -> Vec<(String, String)> {
    let ct = req
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    if ct.starts_with("application/x-www-form-urlencoded") {
        return form_urlencoded::parse(req.body())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    }
    if req.body().is_empty() {
        return Vec::new();
    }
    let v: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .collect()
}

/// Every declared endpoint × every client auth method: the credentials on the wire are exactly
/// what the one rule says, from the endpoint's declared `auth` (and `client_auth`) alone.
#[tokio::test]
async fn client_auth_rule_sweeps_every_endpoint_and_method() {
    use TokenEndpointAuthMethod::{
        ClientSecretBasic as Basic, ClientSecretPost as Post, None as NoAuth,
    };
    use genauth_client::__private::{Call, Caller, execute};
    use genauth_client::endpoint::{Auth, ClientAuthOf, Encoding, endpoints};

    let basic = "Basic YXBwLTEyMzpzZWMtNDU2"; // base64("app-123:sec-456")
    let mut checked = 0;
    // (token, introspection, revocation) methods: every method in every slot.
    for (tok, intro, revo) in [
        (Post, Basic, NoAuth),
        (Basic, NoAuth, Post),
        (NoAuth, Post, Basic),
    ] {
        let rec = recorder();
        let opts = options(tok)
            .introspection_auth_method(intro)
            .revocation_auth_method(revo)
            .build()
            .unwrap();
        let client = GenAuthClient::with_transport(opts, rec.clone()).unwrap();
        let user = client.with_user_token("user-tok");
        for (trait_name, ep) in endpoints() {
            let mut call = Call::new(ep);
            for name in ep.path.split('{').skip(1).filter_map(|s| s.split_once('}')) {
                if name.0 != "protocol" {
                    call = call.path_param(name.0, &"p");
                }
            }
            let probe = serde_json::json!({"probe": "x"});
            call = match ep.encoding {
                Encoding::Json => call.owned_body(probe),
                Encoding::Form => call.body(&probe),
            };
            rec.clear();
            let _ = execute::<serde::de::IgnoredAny, _>(Caller::ctx(&user), call).await;
            let seen = rec.requests();
            assert_eq!(
                seen.len(),
                1,
                "{trait_name}::{} sent {} requests",
                ep.name,
                seen.len()
            );
            let req = &seen[0];
            let fields = body_fields(req);
            let field = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
            let authz = req
                .headers()
                .get("authorization")
                .map(|v| v.to_str().unwrap());
            let what = format!(
                "{trait_name}::{} under ({tok:?}, {intro:?}, {revo:?})",
                ep.name
            );
            assert_eq!(field("probe"), Some("x"), "{what}: the body was lost");
            match ep.auth {
                Auth::Client => {
                    let method = match ep.client_auth {
                        ClientAuthOf::Token => tok,
                        ClientAuthOf::Introspection => intro,
                        ClientAuthOf::Revocation => revo,
                    };
                    match method {
                        Post => {
                            assert_eq!(field("client_id"), Some("app-123"), "{what}");
                            assert_eq!(field("client_secret"), Some("sec-456"), "{what}");
                            assert_eq!(authz, None, "{what}");
                        }
                        Basic => {
                            assert_eq!(authz, Some(basic), "{what}");
                            assert_eq!(field("client_secret"), None, "{what}");
                            assert_eq!(field("client_id"), None, "{what}");
                        }
                        NoAuth => {
                            let id = (ep.encoding == Encoding::Form).then_some("app-123");
                            assert_eq!(field("client_id"), id, "{what}");
                            assert_eq!(field("client_secret"), None, "{what}");
                            assert_eq!(authz, None, "{what}");
                        }
                    }
                }
                Auth::User => {
                    assert_eq!(authz, Some("user-tok"), "{what}");
                    assert_eq!(field("client_secret"), None, "{what}");
                }
                Auth::None => {
                    assert_eq!(authz, None, "{what}");
                    assert_eq!(field("client_secret"), None, "{what}");
                }
                // Not declared in this crate (genauth-management checks its own).
                Auth::Management => unreachable!("{what}: a Management endpoint"),
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 3 * 20,
        "only {checked} (endpoint, method) pairs checked"
    );
}

/// A call that must carry client credentials in a body that cannot hold them is an error and
/// nothing is sent — never a request without credentials.
#[tokio::test]
async fn client_credentials_in_a_non_object_body_are_an_invalid_request() {
    use genauth_client::__private::{Call, Caller, execute};
    let rec = recorder();
    let client = GenAuthClient::with_transport(
        options(TokenEndpointAuthMethod::ClientSecretPost)
            .build()
            .unwrap(),
        rec.clone(),
    )
    .unwrap();
    let ep = genauth_client::api::AUTHENTICATION_ENDPOINTS[0];
    assert_eq!(ep.name, "sign_in_by_credentials");
    let call = Call::new(ep).owned_body(serde_json::json!(["not", "an", "object"]));
    let e = execute::<serde_json::Value, _>(Caller::ctx(&client), call)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidRequest(_)), "{e:?}");
    assert!(rec.requests().is_empty());
    // Under client_secret_basic the same body is fine: the credentials go in the header.
    let client = GenAuthClient::with_transport(
        options(TokenEndpointAuthMethod::ClientSecretBasic)
            .build()
            .unwrap(),
        rec.clone(),
    )
    .unwrap();
    let call = Call::new(ep).owned_body(serde_json::json!(["x"]));
    execute::<serde_json::Value, _>(Caller::ctx(&client), call)
        .await
        .unwrap();
    assert_eq!(rec.requests().len(), 1);
}

/// One declaration serves both protocols: the prefix comes from the options.
#[tokio::test]
async fn protocol_relative_paths_follow_the_options() {
    for (protocol, prefix) in [("oidc", "/oidc"), ("oauth", "/oauth")] {
        let rec = recorder();
        let client = GenAuthClient::with_transport(
            options(TokenEndpointAuthMethod::ClientSecretPost)
                .protocol(protocol.parse().unwrap())
                .build()
                .unwrap(),
            rec.clone(),
        )
        .unwrap();
        let _ = client.revoke_token("t").await;
        let _ = client.introspect_token("t").await;
        let paths: Vec<String> = rec
            .requests()
            .iter()
            .map(|r| r.uri().path().to_owned())
            .collect();
        assert_eq!(
            paths,
            [
                format!("{prefix}/token/revocation"),
                format!("{prefix}/token/introspection")
            ]
        );
    }
}
