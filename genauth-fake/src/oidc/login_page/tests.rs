//! The hosted login page over loopback: a bare reqwest client that follows no redirect and
//! keeps no cookie jar (cookies are carried by hand), and the SDK for the URLs and the code
//! exchange.

use genauth_client::oidc::{AuthorizeParams, AuthorizeRequest, CodeChallengeMethod, LogoutParams};
use genauth_client::{GenAuthClient, OidcExt, Profile as _, Protocol, Secret};
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};

use crate::{FakeOidcConfig, FakeServer, FakeServerConfig};

const REDIRECT: &str = "http://127.0.0.1:3000/callback";
const AFTER_LOGOUT: &str = "http://127.0.0.1:3000/";

async fn start() -> FakeServer {
    FakeServer::start(FakeServerConfig {
        oidc: FakeOidcConfig::default()
            .redirect_uri(REDIRECT)
            .post_logout_redirect_uri(AFTER_LOGOUT),
        ..Default::default()
    })
    .await
    .expect("fake server starts")
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

struct Answer {
    status: u16,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> Option<&str> {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok())
    }

    fn set_cookie(&self) -> Option<&str> {
        self.headers.get(SET_COOKIE).and_then(|v| v.to_str().ok())
    }

    /// The `name=value` part of the session cookie set, for a `cookie` header.
    fn session_cookie(&self) -> String {
        let set = self.set_cookie().expect("a set-cookie header");
        set.split(';').next().unwrap().to_owned()
    }

    /// The `name=value` part of the form's browser-binding cookie, for a `cookie` header.
    fn binding(&self) -> String {
        let set = self
            .headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("genauth_fake_login="))
            .expect("the binding cookie");
        set.split(';').next().unwrap().to_owned()
    }

    /// The value of the hidden input `name`.
    fn hidden(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker).expect("the hidden input") + marker.len();
        let len = self.body[start..].find('"').unwrap();
        self.body[start..start + len].to_owned()
    }
}

async fn answer(response: reqwest::Response) -> Answer {
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

async fn get(url: &str, cookie: Option<&str>) -> Answer {
    let mut request = browser().get(url);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    answer(request.send().await.unwrap()).await
}

async fn post(
    server: &FakeServer,
    path: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
) -> Answer {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let mut request = browser()
        .post(format!("{}{path}", server.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    answer(request.send().await.unwrap()).await
}

fn client(server: &FakeServer, protocol: Protocol) -> GenAuthClient {
    let options = server.client_options().protocol(protocol).build().unwrap();
    GenAuthClient::new(options).unwrap()
}

fn authorize_url(c: &GenAuthClient, prompt: Option<&str>) -> AuthorizeRequest {
    c.build_authorize_url(AuthorizeParams {
        redirect_uri: Some(REDIRECT.to_owned()),
        pkce: Some(CodeChallengeMethod::S256),
        prompt: prompt.map(str::to_owned),
        ..Default::default()
    })
    .unwrap()
}

/// Submits the form of `page` with these credentials (and its own pending id, CSRF token and
/// binding cookie).
async fn submit(server: &FakeServer, page: &Answer, account: &str, password: &str) -> Answer {
    let (pending, csrf) = (page.hidden("pending"), page.hidden("csrf"));
    let fields = [
        ("pending", pending.as_str()),
        ("csrf", csrf.as_str()),
        ("account", account),
        ("password", password),
    ];
    post(server, "/oidc/auth/login", &fields, Some(&page.binding())).await
}

/// Logs alice in through the form; returns the redirect answer.
async fn log_in(server: &FakeServer, login: &AuthorizeRequest) -> Answer {
    let page = get(&login.url, None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    submit(server, &page, "alice", "Passw0rd!").await
}

#[tokio::test]
async fn form_has_labelled_fields_a_csrf_token_and_no_script() {
    let server = start().await;
    let login = authorize_url(&client(&server, Protocol::Oidc), None);
    let page = get(&login.url, None).await;
    assert_eq!(page.status, 200);
    let content_type = page.headers["content-type"].to_str().unwrap();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    for needle in [
        "<form method=\"post\" action=\"/oidc/auth/login\">",
        "<label for=\"account\">",
        "id=\"account\" name=\"account\"",
        "<label for=\"password\">",
        "id=\"password\" name=\"password\" type=\"password\"",
    ] {
        assert!(page.body.contains(needle), "{needle} in {}", page.body);
    }
    assert!(page.hidden("csrf").len() >= 16);
    assert!(page.hidden("pending").starts_with("pending_"));
    assert!(!page.body.contains("<script"));
    // The request parameters stay server-side: the page carries no state, nonce or challenge.
    assert!(!page.body.contains(login.state.as_deref().unwrap()));
    assert_eq!(page.headers["cache-control"], "no-store");
    assert_eq!(page.headers["x-frame-options"], "DENY");
    // A second form in the same browser (another tab) keeps the browser's binding cookie.
    let second = get(&login.url, Some(&page.binding())).await;
    assert_eq!(second.binding(), page.binding());
    assert_ne!(second.hidden("csrf"), page.hidden("csrf"));
}

#[tokio::test]
async fn wrong_password_or_unknown_user_shows_the_error_on_the_page() {
    let server = start().await;
    let login = authorize_url(&client(&server, Protocol::Oidc), None);
    let page = get(&login.url, None).await;
    for (account, password) in [
        ("alice", "not-the-password"),
        ("nobody", "Passw0rd!"),
        ("", ""),
    ] {
        let again = submit(&server, &page, account, password).await;
        assert_eq!(again.status, 401, "{account}");
        assert_eq!(again.location(), None);
        assert!(again.body.contains("Wrong account or password."));
        assert!(again.body.contains("role=\"alert\""));
        assert!(!again.body.contains("not-the-password"));
        // The same pending authorization and token: the user can simply retry.
        assert_eq!(again.hidden("pending"), page.hidden("pending"));
        assert_eq!(again.hidden("csrf"), page.hidden("csrf"));
    }
    // Then the right password works on the same form, by email too (the signin `account` rule).
    let done = submit(&server, &page, "alice@example.com", "Passw0rd!").await;
    assert_eq!(done.status, 303, "{}", done.body);
}

#[tokio::test]
async fn right_password_redirects_with_code_and_state_and_the_code_redeems() {
    let server = start().await;
    let c = client(&server, Protocol::Oidc);
    let login = authorize_url(&c, None);
    let page = get(&login.url, None).await;
    let done = submit(&server, &page, "alice", "Passw0rd!").await;
    assert_eq!(done.status, 303, "{}", done.body);
    let location = done.location().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{REDIRECT}?code=")),
        "{location}"
    );
    let cookie = done.set_cookie().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");

    let tokens = c
        .get_access_token_by_callback(&location, &login)
        .await
        .unwrap();
    let access = tokens.access_token.expect("an access token");
    assert!(tokens.id_token.is_some());
    let me = browser()
        .get(format!("{}/oidc/me", server.base_url()))
        .bearer_auth(access.expose())
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    // The code is single-use, and the pending authorization is consumed by the login.
    assert!(
        c.get_access_token_by_callback(&location, &login)
            .await
            .is_err()
    );
    let again = submit(&server, &page, "alice", "Passw0rd!").await;
    assert_eq!((again.status, again.location()), (400, None));
}

#[tokio::test]
async fn a_post_without_or_with_a_wrong_csrf_token_is_refused() {
    let server = start().await;
    let login = authorize_url(&client(&server, Protocol::Oidc), None);
    let page = get(&login.url, None).await;
    let (pending, csrf, binding) = (page.hidden("pending"), page.hidden("csrf"), page.binding());
    let binding_cookie = page.headers[SET_COOKIE].to_str().unwrap();
    assert!(binding_cookie.contains("HttpOnly") && binding_cookie.contains("SameSite=Lax"));
    let creds = [("account", "alice"), ("password", "Passw0rd!")];
    let with = |extra: &[(&'static str, &str)]| {
        let mut fields: Vec<(&str, String)> = vec![("pending", pending.clone())];
        fields.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        fields.extend(creds.iter().map(|(k, v)| (*k, (*v).to_owned())));
        fields
    };
    let other = get(&login.url, None).await;
    let cases = [
        // No token, a forged one, another form's token: refused even from the right browser.
        (with(&[]), Some(binding.clone())),
        (with(&[("csrf", "forged")]), Some(binding.clone())),
        (
            with(&[("csrf", &other.hidden("csrf"))]),
            Some(binding.clone()),
        ),
        // The right token from a browser the form was not served to (login CSRF).
        (with(&[("csrf", &csrf)]), None),
        (with(&[("csrf", &csrf)]), Some(other.binding())),
    ];
    for (fields, cookie) in cases {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = post(&server, "/oidc/auth/login", &fields, cookie.as_deref()).await;
        assert_eq!(refused.status, 403, "{fields:?} {cookie:?}");
        assert_eq!(refused.location(), None);
        assert_eq!(refused.set_cookie(), None);
        assert!(refused.body.contains("CSRF"), "{}", refused.body);
    }
    // The real form still works after the refused attempts.
    assert_eq!(
        submit(&server, &page, "alice", "Passw0rd!").await.status,
        303
    );
    // An unknown pending id: a clear page, no redirect.
    let unknown = [("pending", "pending_nope"), ("csrf", "x")];
    let expired = post(&server, "/oidc/auth/login", &unknown, Some(&binding)).await;
    assert_eq!((expired.status, expired.location()), (400, None));
    assert!(expired.body.contains("expired"));
}

#[tokio::test]
async fn an_unregistered_redirect_uri_gets_an_error_page_never_a_redirect() {
    let server = start().await;
    let c = client(&server, Protocol::Oidc);
    let login = c
        .build_authorize_url(AuthorizeParams {
            redirect_uri: Some("https://evil.example/steal".to_owned()),
            ..Default::default()
        })
        .unwrap();
    let refused = get(&login.url, None).await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.location(), None);
    assert!(
        refused.body.contains("is not registered"),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("&quot;https://evil.example/steal&quot;")
    );
    // Even for a signed-in browser.
    let cookie = log_in(&server, &authorize_url(&c, None))
        .await
        .session_cookie();
    let refused = get(&login.url, Some(&cookie)).await;
    assert_eq!((refused.status, refused.location()), (400, None));
    // The test helper checks the registered list too, once there is one.
    assert!(server.approve_authorization(&login.url, "alice").is_err());
    assert!(
        server
            .approve_authorization(&authorize_url(&c, None).url, "alice")
            .is_ok()
    );
}

#[tokio::test]
async fn a_session_skips_the_form_unless_prompt_is_login() {
    let server = start().await;
    let c = client(&server, Protocol::Oidc);
    let cookie = log_in(&server, &authorize_url(&c, None))
        .await
        .session_cookie();

    let login = authorize_url(&c, None);
    let back = get(&login.url, Some(&cookie)).await;
    assert_eq!(back.status, 302, "{}", back.body);
    let location = back.location().unwrap();
    c.get_access_token_by_callback(location, &login)
        .await
        .unwrap();

    let forced = get(&authorize_url(&c, Some("login")).url, Some(&cookie)).await;
    assert_eq!(forced.status, 200);
    assert!(forced.body.contains("<label for=\"password\">"));

    // prompt=none without a session: back to the app with login_required.
    let silent = authorize_url(&c, Some("none"));
    let back = get(&silent.url, None).await;
    assert_eq!(back.status, 302);
    assert!(back.location().unwrap().contains("error=login_required"));
}

#[tokio::test]
async fn logout_clears_the_session_and_redirects() {
    let server = start().await;
    let c = client(&server, Protocol::Oidc);
    let login = authorize_url(&c, None);
    let done = log_in(&server, &login).await;
    let cookie = done.session_cookie();
    let tokens = c
        .get_access_token_by_callback(done.location().unwrap(), &login)
        .await
        .unwrap();

    let logout = c
        .build_logout_url(LogoutParams {
            id_token_hint: tokens.id_token.clone(),
            post_logout_redirect_uri: Some(AFTER_LOGOUT.to_owned()),
            state: Some("bye".to_owned()),
        })
        .unwrap();
    let out = get(&logout, Some(&cookie)).await;
    assert_eq!(out.status, 302, "{}", out.body);
    assert_eq!(out.location(), Some("http://127.0.0.1:3000/?state=bye"));
    let cleared = out.set_cookie().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");

    // The old cookie no longer signs in.
    let page = get(&authorize_url(&c, None).url, Some(&cookie)).await;
    assert_eq!(page.status, 200);

    // An unregistered post-logout target: an error page, no redirect.
    let evil = c
        .build_logout_url(LogoutParams {
            id_token_hint: tokens.id_token.clone(),
            post_logout_redirect_uri: Some("https://evil.example/".to_owned()),
            state: None,
        })
        .unwrap();
    let refused = get(&evil, None).await;
    assert_eq!((refused.status, refused.location()), (400, None));
    // Without a target: the signed-out page.
    let plain = c.build_logout_url(LogoutParams::default()).unwrap();
    let page = get(&plain, None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("signed out"));
}

#[tokio::test]
async fn oauth_paths_serve_the_same_page() {
    let server = start().await;
    let c = client(&server, Protocol::OAuth);
    let login = authorize_url(&c, None);
    assert!(login.url.contains("/oauth/auth?"));
    let page = get(&login.url, None).await;
    assert!(page.body.contains("action=\"/oauth/auth/login\""));
    let fields = [
        ("pending", page.hidden("pending")),
        ("csrf", page.hidden("csrf")),
        ("account", "alice".to_owned()),
        ("password", "Passw0rd!".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let done = post(&server, "/oauth/auth/login", &fields, Some(&page.binding())).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let tokens = c
        .get_access_token_by_callback(done.location().unwrap(), &login)
        .await
        .unwrap();
    assert!(tokens.access_token.is_some());
    let _: Option<Secret> = tokens.id_token;
}

/// The one-time-code form: a code for alice's email, shown on the page (a local server sends
/// nothing), signs her in and the code is redeemed through the SDK; a wrong code, a reused code
/// and a post without the form's CSRF token are refused.
#[tokio::test]
async fn a_one_time_code_signs_in_and_is_single_use() {
    let server = start().await;
    let c = client(&server, Protocol::Oidc);
    let request = authorize_url(&c, None);
    let form = get(&request.url, None).await;
    assert!(
        form.body
            .contains("<label for=\"target\">Email or phone number</label>")
    );
    let binding = form.binding();
    let pending = form.hidden("pending");
    let csrf = form.hidden("csrf");
    let send = "/oidc/auth/login/passcode";

    // Without the CSRF token: 403, nothing issued.
    let forged = post(
        &server,
        send,
        &[("pending", &pending), ("target", "alice@example.com")],
        Some(&binding),
    )
    .await;
    assert_eq!(forged.status, 403);

    let sent = post(
        &server,
        send,
        &[
            ("pending", &pending),
            ("csrf", &csrf),
            ("target", "alice@example.com"),
        ],
        Some(&binding),
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert!(sent.body.contains("<label for=\"passcode\">Code</label>"));
    let marker = "The code is <strong>";
    let at = sent.body.find(marker).expect("the code on the page") + marker.len();
    let code = sent.body[at..at + 6].to_owned();
    assert!(code.bytes().all(|b| b.is_ascii_digit()), "{code}");
    assert_eq!(sent.hidden("target"), "alice@example.com");

    let login = "/oidc/auth/login";
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let wrong = post(
        &server,
        login,
        &[
            ("pending", &pending),
            ("csrf", &csrf),
            ("target", "alice@example.com"),
            ("passcode", wrong_code),
        ],
        Some(&binding),
    )
    .await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("Wrong or expired code."));

    let fields = [
        ("pending", pending.as_str()),
        ("csrf", csrf.as_str()),
        ("target", "alice@example.com"),
        ("passcode", code.as_str()),
    ];
    let ok = post(&server, login, &fields, Some(&binding)).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let callback = ok.location().unwrap().to_owned();
    assert!(callback.starts_with(REDIRECT));
    let tokens = c
        .get_access_token_by_callback(&callback, &request)
        .await
        .unwrap();
    assert!(tokens.id_token.is_some());
    let me = c
        .with_user_token(tokens.access_token.unwrap())
        .get_profile(genauth_client::GetProfileQuery::default())
        .await
        .unwrap();
    assert_eq!(me.username.as_deref(), Some("alice"));

    // The code is used up (a new login with the same code fails).
    let again = get(&authorize_url(&c, Some("login")).url, None).await;
    let reuse = post(
        &server,
        login,
        &[
            ("pending", &again.hidden("pending")),
            ("csrf", &again.hidden("csrf")),
            ("target", "alice@example.com"),
            ("passcode", &code),
        ],
        Some(&again.binding()),
    )
    .await;
    assert_eq!(reuse.status, 401);
}
