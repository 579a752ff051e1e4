//! No secret leaks into `Debug` output or logs: logins in all three encryption modes under every
//! client-auth method, with a `tracing` subscriber at TRACE for every target (and `log` records
//! from reqwest, hyper-util, rustls bridged into it), plus the `Debug` of options, calls,
//! clients, token sets and errors. Asserts that no password, app secret, access/refresh/id
//! token, passcode or `Basic` credential appears anywhere.

mod common;

use base64::Engine as _;
use common::logs;
use genauth::{
    AuthenticationExt, ClientOptions, Connection, Error, GenAuthClient, PasswordEncryptType,
    PasswordPayload, RetryPolicy, SignInByCredentialsDto, SignInOptions, TokenEndpointAuthMethod,
};
use genauth::{genauth_api, genauth_endpoint};
use genauth_fake::{FakeServer, FakeServerConfig, FakeUser, Fault};

const PASSWORD: &str = "pw-S3CRET-correct-horse";
const WRONG_PASSWORD: &str = "pw-S3CRET-wrong-battery";
const APP_SECRET: &str = "app-S3CRET-7f3a9c1e";

/// A user-auth endpoint declared here, as a user of the SDK would, to send the access token.
#[genauth_api]
pub trait Profile {
    /// `GET /api/v3/get-profile` with the user's access token.
    #[genauth_endpoint(path = "/api/v3/get-profile", method = GET, auth = user)]
    async fn get_profile(&self) -> genauth::Result<serde_json::Value>;
}

/// Every secret seen in a run, checked against all captured text at the end.
#[derive(Default)]
struct Secrets(Vec<(String, String)>);

impl Secrets {
    fn add(&mut self, what: &str, value: &str) {
        assert!(value.len() >= 6, "{what} too short to search for");
        self.0.push((what.to_owned(), value.to_owned()));
    }

    fn assert_absent(&self, place: &str, text: &str) {
        for (what, value) in &self.0 {
            assert!(
                !contains_token(text, value),
                "{what} leaked into {place}:\n{}",
                context(text, value)
            );
        }
    }
}

/// `value` occurs in `text` not as part of a longer alphanumeric run (6-digit passcodes must not
/// match inside request ids or ciphertexts).
fn contains_token(text: &str, value: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.match_indices(value).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + value.len()..].chars().next();
        !(is_word(before) || is_word(after))
    })
}

fn context(text: &str, value: &str) -> String {
    let i = text.find(value).unwrap_or(0);
    let start = text[..i]
        .char_indices()
        .rev()
        .nth(200)
        .map_or(0, |(p, _)| p);
    text[start..(i + value.len() + 100).min(text.len())].to_owned()
}

fn opts(enc: PasswordEncryptType) -> Option<SignInOptions> {
    Some(SignInOptions {
        password_encrypt_type: Some(enc),
        scope: Some("openid profile offline_access".into()),
        ..Default::default()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_in_debug_output_or_trace_logs() {
    let logs = logs();
    let mut secrets = Secrets::default();
    let mut debug_text = String::new();
    secrets.add("password", PASSWORD);
    secrets.add("wrong password", WRONG_PASSWORD);
    secrets.add("app secret", APP_SECRET);

    for method in [
        TokenEndpointAuthMethod::ClientSecretPost,
        TokenEndpointAuthMethod::ClientSecretBasic,
    ] {
        let server = FakeServer::start(FakeServerConfig {
            app_secret: APP_SECRET.into(),
            auth_method: method.as_str().into(),
            ..Default::default()
        })
        .await
        .unwrap();
        server.add_user(
            FakeUser::new()
                .username("bob")
                .email("bob@example.com")
                .phone("13900000000")
                .password(PASSWORD),
        );
        let basic = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{APP_SECRET}", server.app_id()));
        secrets.add("basic credentials", &basic);

        let options = ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(APP_SECRET)
            .app_host(server.base_url())
            .auth_method(method)
            .access_token("at-S3CRET-preset-token")
            .retry(RetryPolicy::new(2))
            .build()
            .unwrap();
        secrets.add("preset access token", "at-S3CRET-preset-token");
        debug_text.push_str(&format!("{options:?}\n"));
        let client = GenAuthClient::new(options).unwrap();
        debug_text.push_str(&format!("{client:?}\n"));

        for enc in [
            PasswordEncryptType::None,
            PasswordEncryptType::Rsa,
            PasswordEncryptType::Sm2,
        ] {
            // Password login, with a retried 503 first so retry logging is covered too.
            server.inject_fault(
                "/api/v3/signin",
                Fault::Status {
                    status: 503,
                    retry_after: None,
                },
            );
            let tokens = client
                .sign_in_by_username_password("bob", PASSWORD, opts(enc))
                .await
                .unwrap();
            debug_text.push_str(&format!("{tokens:?}\n"));
            for (what, t) in [
                ("access token", &tokens.access_token),
                ("id token", &tokens.id_token),
                ("refresh token", &tokens.refresh_token),
            ] {
                secrets.add(what, t.as_ref().expect(what).expose());
            }

            // The access token goes out in `authorization` on a user endpoint.
            let access = tokens.access_token.clone().unwrap();
            client.with_user_token(access).get_profile().await.unwrap();

            // Passcode login.
            let code = server.issue_passcode("bob@example.com");
            secrets.add("passcode", &code);
            let tokens = client
                .sign_in_by_email_passcode("bob@example.com", code.as_str(), opts(enc))
                .await
                .unwrap();
            secrets.add(
                "access token",
                tokens.access_token.as_ref().unwrap().expose(),
            );

            // Failures: wrong password (an API error), and a truncated success reply (a decode
            // error built from a body that carries tokens).
            let e = client
                .sign_in_by_username_password("bob", WRONG_PASSWORD, opts(enc))
                .await
                .unwrap_err();
            assert_eq!(e.api_code(), Some(genauth::ApiCode::InvalidCredentials));
            debug_text.push_str(&format!("{e:?}\n{e}\n"));
            for fault in [
                Fault::TruncatedJson,
                Fault::MissingStatusCode,
                Fault::WrongDataType,
            ] {
                server.inject_fault("/api/v3/signin", fault);
                let e = client
                    .sign_in_by_username_password("bob", PASSWORD, opts(enc))
                    .await
                    .unwrap_err();
                assert!(matches!(e, Error::Decode { .. }), "{e:?}");
                debug_text.push_str(&format!("{e:?}\n{e}\n"));
            }

            // The call a generated method builds, as `Debug` shows it.
            let dto = SignInByCredentialsDto {
                connection: Connection::Password,
                password_payload: Some(PasswordPayload {
                    password: PASSWORD.into(),
                    username: Some("bob".into()),
                    ..Default::default()
                }),
                options: opts(enc),
                ..Default::default()
            };
            let call = genauth::__private::Call::new(genauth::api::AUTHENTICATION_ENDPOINTS[0])
                .password_body(dto.clone());
            debug_text.push_str(&format!("{dto:?}\n{call:?}\n"));
        }
        // The server saw what it should (the test is not vacuous).
        assert!(server.request_count("/api/v3/signin") >= 12);
        server.shutdown().await;
    }

    let log_text = logs.text();
    // The logs are real: the call span with its metadata recorded on success, retries, and
    // records from the HTTP stack below the SDK.
    assert!(
        log_text.contains("genauth.call") && log_text.contains("op=\"sign_in_by_credentials\""),
        "{log_text}"
    );
    assert!(
        log_text.contains("http_status=200 "),
        "no success status recorded"
    );
    assert!(
        log_text.contains("status=200 "),
        "no success statusCode recorded"
    );
    assert!(log_text.contains("request_id=\""), "no requestId recorded");
    assert!(log_text.contains("reason=\"http_503\""), "no retry logged");
    assert!(log_text.contains("status=403 ") && log_text.contains("api_code=2333"));
    let stack_lines = log_text
        .lines()
        .filter(|l| l.contains("reqwest") || l.contains("hyper") || l.contains("h2"))
        .count();
    assert!(stack_lines > 0, "no HTTP-stack records captured");

    // The detector itself: finds a secret, ignores a passcode-like run inside a longer token.
    assert!(contains_token(&format!("password={PASSWORD}&"), PASSWORD));
    assert!(contains_token("code 123456.", "123456"));
    assert!(!contains_token("id a1234567 b123456c", "123456"));

    secrets.assert_absent("Debug output", &debug_text);
    secrets.assert_absent("TRACE logs", &log_text);
    println!(
        "checked {} secrets against {} bytes of Debug output and {} lines of TRACE logs ({stack_lines} from the HTTP stack)",
        secrets.0.len(),
        debug_text.len(),
        log_text.lines().count()
    );
}
