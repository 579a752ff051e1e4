//! The web-app example (`examples/web_app`) end to end, against the GenAuth dev server and its
//! hosted login page, on loopback: the whole login over HTTP with cookies handled as a browser
//! does, every bad input the flow must refuse, and the same flow in headless Chromium
//! (`#[ignore]`d unless asked for: `.ci/run` installs Chromium and runs it with `--ignored`),
//! signing in with the password, then again with the hosted page's one-time code.

#[path = "../../examples/web_app/app.rs"]
mod app;
mod webdriver;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use genauth::OidcExt as _;
use genauth_fake::dev_server::DevServer;

/// The web app and the dev server, both on 127.0.0.1 (different ports, one cookie jar, as in a
/// browser: cookies ignore ports).
struct Stack {
    dev: DevServer,
    /// `http://127.0.0.1:<port>`, no trailing slash.
    app: String,
    /// The dev server's base URL.
    genauth: String,
}

async fn start() -> Stack {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = format!("http://{}", listener.local_addr().unwrap());
    let dev = app::start_dev_server(&app).await.unwrap();
    let client = app::dev_client(&dev, &app).unwrap();
    let router = app::WebApp::new(client, &app).router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let genauth = dev.server().base_url();
    Stack { dev, app, genauth }
}

/// One HTTP reply, redirects not followed.
struct Reply {
    status: u16,
    location: Option<String>,
    set_cookies: Vec<String>,
    body: String,
}

/// reqwest with a cookie jar shared by every 127.0.0.1 port, redirects by hand.
struct Agent {
    http: reqwest::Client,
    jar: Mutex<HashMap<String, String>>,
}

impl Agent {
    fn new() -> Agent {
        Agent {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap(),
            jar: Mutex::default(),
        }
    }

    fn cookie(&self, name: &str) -> Option<String> {
        self.jar.lock().unwrap().get(name).cloned()
    }

    fn set_cookie(&self, name: &str, value: &str) {
        self.jar
            .lock()
            .unwrap()
            .insert(name.to_owned(), value.to_owned());
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let cookies = {
            let jar = self.jar.lock().unwrap();
            jar.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let request = if cookies.is_empty() {
            request
        } else {
            request.header("cookie", cookies)
        };
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get_all(name)
                .iter()
                .map(|v| v.to_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        let location = header("location").into_iter().next();
        let set_cookies = header("set-cookie");
        {
            let mut jar = self.jar.lock().unwrap();
            for c in &set_cookies {
                let (pair, attributes) = c.split_once(';').unwrap_or((c, ""));
                let (name, value) = pair.split_once('=').unwrap();
                if attributes.contains("Max-Age=0") || value.is_empty() {
                    jar.remove(name);
                } else {
                    jar.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        let body = response.text().await.unwrap();
        Reply {
            status,
            location,
            set_cookies,
            body,
        }
    }

    async fn get(&self, url: &str) -> Reply {
        self.send(self.http.get(url)).await
    }

    async fn post(&self, url: &str, form: &[(&str, &str)]) -> Reply {
        self.send(self.http.post(url).form(form)).await
    }
}

/// The value of the hidden input `name` in a form.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[start..][..html[start..].find('"').unwrap()].to_owned()
}

/// `/login` → the hosted page: returns the authorize URL and the form's page.
async fn open_login_page(stack: &Stack, agent: &Agent) -> (String, Reply) {
    let login = agent.get(&format!("{}/login", stack.app)).await;
    assert_eq!(login.status, 303, "{}", login.body);
    let authorize = login.location.unwrap();
    let form = agent.get(&authorize).await;
    assert_eq!(form.status, 200, "{}", form.body);
    (authorize, form)
}

/// Posts the hosted page's form.
async fn submit(stack: &Stack, agent: &Agent, form: &Reply, password: &str) -> Reply {
    let pending = hidden(&form.body, "pending");
    let csrf = hidden(&form.body, "csrf");
    let fields = [
        ("pending", pending.as_str()),
        ("csrf", csrf.as_str()),
        ("account", "alice"),
        ("password", password),
    ];
    agent
        .post(&format!("{}/oidc/auth/login", stack.genauth), &fields)
        .await
}

/// A query parameter of `url`, decoded.
fn param(url: &str, name: &str) -> Option<String> {
    reqwest::Url::parse(url)
        .ok()?
        .query_pairs()
        .find_map(|(k, v)| (k == name).then(|| v.into_owned()))
}

/// A fresh code for the login in progress of `agent` (the dev server approves it as the hosted
/// page would), without following the redirect: the callback URL.
async fn approved_callback(stack: &Stack, agent: &Agent) -> String {
    let login = agent.get(&format!("{}/login", stack.app)).await;
    let authorize = login.location.unwrap();
    stack
        .dev
        .server()
        .approve_authorization(&authorize, "alice")
        .unwrap()
}

#[tokio::test]
async fn a_user_logs_in_on_the_hosted_page_calls_the_api_and_logs_out() {
    let stack = start().await;
    let agent = Agent::new();

    let home = agent.get(&format!("{}/", stack.app)).await;
    assert!(
        home.body.contains("You are not signed in."),
        "{}",
        home.body
    );

    // /login keeps the login server-side, behind an HttpOnly, SameSite cookie.
    let login = agent.get(&format!("{}/login", stack.app)).await;
    assert_eq!(login.status, 303);
    let cookie = &login.set_cookies[0];
    assert!(cookie.starts_with(&format!("{}=", app::LOGIN_COOKIE)));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let authorize = login.location.unwrap();
    assert!(authorize.starts_with(&format!("{}/oidc/auth?", stack.genauth)));
    assert_eq!(
        param(&authorize, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert!(param(&authorize, "nonce").is_some() && param(&authorize, "state").is_some());
    let login_key = agent.cookie(app::LOGIN_COOKIE).unwrap();
    assert!(
        !authorize.contains(&login_key),
        "the cookie is not in the URL"
    );

    // The hosted page: a wrong password is shown on the page, the right one goes back.
    let form = agent.get(&authorize).await;
    assert!(form.body.contains("<label for=\"password\">"));
    let wrong = submit(&stack, &agent, &form, "not-the-password").await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("Wrong account or password."));
    let right = submit(&stack, &agent, &wrong, "Passw0rd!").await;
    assert_eq!(right.status, 303, "{}", right.body);
    let callback = right.location.unwrap();
    assert!(
        callback.starts_with(&format!("{}/callback?", stack.app)),
        "{callback}"
    );

    // The callback signs the browser in: a session cookie, the login cookie cleared.
    let signed_in = agent.get(&callback).await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    assert_eq!(signed_in.location.as_deref(), Some("/"));
    let session_cookie = signed_in
        .set_cookies
        .iter()
        .find(|c| c.starts_with(&format!("{}=", app::SESSION_COOKIE)))
        .expect("a session cookie");
    assert!(session_cookie.contains("HttpOnly") && session_cookie.contains("SameSite=Lax"));
    assert_eq!(agent.cookie(app::LOGIN_COOKIE), None);

    let home = agent.get(&format!("{}/", stack.app)).await;
    assert!(home.body.contains("<h1>Signed in</h1>"), "{}", home.body);
    assert!(
        home.body.contains("<dd id=\"username\">alice</dd>"),
        "{}",
        home.body
    );
    assert!(
        home.body
            .contains("<dd id=\"email\">alice@example.com</dd>"),
        "{}",
        home.body
    );

    // The API answers the session's token, and nobody without one.
    let api = agent.get(&format!("{}/call-api", stack.app)).await;
    assert!(
        api.body.contains("<strong id=\"api-status\">200</strong>"),
        "{}",
        api.body
    );
    assert!(api.body.contains("&quot;openid&quot;"), "{}", api.body);
    let bare = Agent::new().get(&format!("{}/api/me", stack.app)).await;
    assert_eq!(bare.status, 401);

    // Logout: through GenAuth's logout URL and back home, signed out on both sides.
    let logout = agent.post(&format!("{}/logout", stack.app), &[]).await;
    assert_eq!(logout.status, 303);
    let end = logout.location.unwrap();
    assert!(
        end.starts_with(&format!("{}/oidc/session/end?", stack.genauth)),
        "{end}"
    );
    let back = agent.get(&end).await;
    assert_eq!(
        back.location.as_deref(),
        Some(format!("{}/", stack.app).as_str())
    );
    let home = agent.get(&format!("{}/", stack.app)).await;
    assert!(
        home.body.contains("You are not signed in."),
        "{}",
        home.body
    );
    // GenAuth forgot the login too: the next login shows the form again.
    let (_, form) = open_login_page(&stack, &agent).await;
    assert!(form.body.contains("<label for=\"password\">"));
}

#[tokio::test]
async fn a_tampered_state_is_refused() {
    let stack = start().await;
    let agent = Agent::new();
    let callback = approved_callback(&stack, &agent).await;
    let state = param(&callback, "state").unwrap();
    let tampered = callback.replace(&format!("state={state}"), "state=forged");
    let reply = agent.get(&tampered).await;
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("state"), "{}", reply.body);
    assert_eq!(agent.cookie(app::SESSION_COOKIE), None);
    // The login was used up: the genuine callback cannot be replayed after the forgery.
    let reply = agent.get(&callback).await;
    assert_eq!(reply.status, 400);
    assert!(
        reply.body.contains("No login in progress"),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn replayed_and_foreign_codes_are_refused() {
    let stack = start().await;

    // A foreign code: issued for another browser's login (another PKCE challenge), delivered
    // to this browser's callback with this browser's own state.
    let other = Agent::new();
    let foreign = approved_callback(&stack, &other).await;
    let agent = Agent::new();
    let mine = approved_callback(&stack, &agent).await;
    let forged = format!(
        "{}/callback?code={}&state={}",
        stack.app,
        param(&foreign, "code").unwrap(),
        param(&mine, "state").unwrap()
    );
    let reply = agent.get(&forged).await;
    assert_eq!(reply.status, 400);
    assert!(
        reply.body.contains("could not be completed"),
        "{}",
        reply.body
    );
    assert_eq!(agent.cookie(app::SESSION_COOKIE), None);

    // The failed exchange used the code up: its own browser cannot redeem it either (a code is
    // single-use, RFC 6749 §4.1.2).
    let burnt = other.get(&foreign).await;
    assert_eq!(burnt.status, 400, "{}", burnt.body);

    // A replayed code: redeemed once, then sent again with a new login's state.
    let first = Agent::new();
    let redeemed = approved_callback(&stack, &first).await;
    let ok = first.get(&redeemed).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert!(first.cookie(app::SESSION_COOKIE).is_some());
    let replay_agent = Agent::new();
    let fresh = approved_callback(&stack, &replay_agent).await;
    let replayed = format!(
        "{}/callback?code={}&state={}",
        stack.app,
        param(&redeemed, "code").unwrap(),
        param(&fresh, "state").unwrap()
    );
    let reply = replay_agent.get(&replayed).await;
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("invalid_grant"), "{}", reply.body);
    assert_eq!(replay_agent.cookie(app::SESSION_COOKIE), None);
}

#[tokio::test]
async fn a_code_without_its_pkce_verifier_is_refused() {
    let stack = start().await;
    let agent = Agent::new();
    let callback = approved_callback(&stack, &agent).await;
    // The app holds the verifier behind the login cookie: without it there is nothing to
    // finish the login with.
    let stranger = Agent::new();
    let reply = stranger.get(&callback).await;
    assert_eq!(reply.status, 400);
    assert!(
        reply.body.contains("No login in progress"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("PKCE verifier"), "{}", reply.body);
    // And GenAuth refuses the code without the verifier (the challenge was S256).
    let client = app::dev_client(&stack.dev, &stack.app).unwrap();
    let exchange = client
        .get_access_token_by_code(
            param(&callback, "code").unwrap(),
            &format!("{}/callback", stack.app),
            None,
        )
        .await;
    let err = exchange.expect_err("a PKCE code without its verifier");
    assert!(err.to_string().contains("invalid_grant"), "{err}");
}

#[tokio::test]
async fn an_unregistered_redirect_uri_gets_an_error_page_not_a_redirect() {
    let stack = start().await;
    let agent = Agent::new();
    let login = agent.get(&format!("{}/login", stack.app)).await;
    let authorize = login.location.unwrap();
    let mut evil = reqwest::Url::parse(&authorize).unwrap();
    let pairs: Vec<(String, String)> = evil
        .query_pairs()
        .map(|(k, v)| match &*k {
            "redirect_uri" => (k.into_owned(), "https://evil.example/callback".to_owned()),
            _ => (k.into_owned(), v.into_owned()),
        })
        .collect();
    evil.query_pairs_mut().clear().extend_pairs(pairs);
    assert_eq!(
        param(evil.as_str(), "redirect_uri").as_deref(),
        Some("https://evil.example/callback")
    );
    let reply = agent.get(evil.as_str()).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.location, None);
    assert!(reply.body.contains("redirect_uri"), "{}", reply.body);
}

#[tokio::test]
async fn a_login_post_without_the_forms_csrf_token_is_refused() {
    let stack = start().await;
    let agent = Agent::new();
    let (_, form) = open_login_page(&stack, &agent).await;
    let pending = hidden(&form.body, "pending");
    let fields = [
        ("pending", pending.as_str()),
        ("account", "alice"),
        ("password", "Passw0rd!"),
    ];
    let reply = agent
        .post(&format!("{}/oidc/auth/login", stack.genauth), &fields)
        .await;
    assert_eq!(reply.status, 403);
    assert_eq!(reply.location, None);
    // From another browser (no binding cookie), even with the form's token.
    let csrf = hidden(&form.body, "csrf");
    let fields = [
        ("pending", pending.as_str()),
        ("csrf", csrf.as_str()),
        ("account", "alice"),
        ("password", "Passw0rd!"),
    ];
    let reply = Agent::new()
        .post(&format!("{}/oidc/auth/login", stack.genauth), &fields)
        .await;
    assert_eq!(reply.status, 403);
}

#[tokio::test]
async fn a_denied_login_and_a_forged_session_cookie_are_handled() {
    let stack = start().await;
    let agent = Agent::new();
    let callback = approved_callback(&stack, &agent).await;
    let state = param(&callback, "state").unwrap();
    let denied = format!(
        "{}/callback?error=access_denied&error_description=the+user+said+no&state={state}",
        stack.app
    );
    let reply = agent.get(&denied).await;
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("access_denied"), "{}", reply.body);

    // A made-up session cookie is a signed-out browser, and cannot reach the API.
    let forged = Agent::new();
    forged.set_cookie(app::SESSION_COOKIE, "made-up");
    let home = forged.get(&format!("{}/", stack.app)).await;
    assert!(home.body.contains("You are not signed in."));
    let api = forged.get(&format!("{}/call-api", stack.app)).await;
    assert_eq!(api.status, 303);
}

/// Where the browser test leaves its screenshots: `$WEB_APP_SCREENSHOTS`, else the test
/// target's temporary directory. The README's `docs/web_app.png` is the three of them side by
/// side: `convert web_app-wrong-password.png web_app-signed-in.png web_app-api.png -crop
/// 900x480+0+0 +repage -resize 55% -bordercolor '#999' -border 1 -bordercolor white -border 6
/// +append -strip docs/web_app.png` (ImageMagick).
fn screenshot_dir() -> std::path::PathBuf {
    std::env::var_os("WEB_APP_SCREENSHOTS")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_TARGET_TMPDIR").into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Chromium and ChromeDriver (Debian: chromium, chromium-driver); .ci/run installs them and runs it with --ignored"]
async fn a_real_browser_logs_in_and_out() {
    let started = Instant::now();
    let stack = start().await;
    let driver = webdriver::ChromeDriver::start().await.unwrap();
    let browser = driver.session().await.unwrap();
    let outcome = browser_flow(&stack, &browser).await;
    // Close the browser whatever happened, then report.
    let quit = browser.quit().await;
    drop(driver);
    outcome.unwrap();
    quit.unwrap();
    eprintln!(
        "browser test: {:.1} s (Chromium start included)",
        started.elapsed().as_secs_f64()
    );
}

async fn browser_flow(stack: &Stack, browser: &webdriver::Browser) -> Result<(), String> {
    let shots = screenshot_dir();
    std::fs::create_dir_all(&shots).map_err(|e| e.to_string())?;
    let save = |name: &str, png: Vec<u8>| {
        let path = shots.join(name);
        std::fs::write(&path, png).map_err(|e| format!("{}: {e}", path.display()))
    };
    let expect = |what: &str, got: &str, want: &str| {
        if got.contains(want) {
            Ok(())
        } else {
            Err(format!("{what}: {got:?} does not contain {want:?}"))
        }
    };

    browser.goto(&format!("{}/", stack.app)).await?;
    expect(
        "home",
        &browser.text("#status").await?,
        "You are not signed in.",
    )?;
    browser.click("#login").await?;

    // GenAuth's hosted page.
    expect("login page", &browser.current_url().await?, &stack.genauth)?;
    browser.fill("#account", "alice").await?;
    browser.fill("#password", "not-the-password").await?;
    browser.click("button[type=submit]").await?;
    expect(
        "wrong password",
        &browser.text("#login-error").await?,
        "Wrong account or password.",
    )?;
    save("web_app-wrong-password.png", browser.screenshot().await?)?;
    browser.fill("#account", "alice").await?;
    browser.fill("#password", "Passw0rd!").await?;
    browser.click("button[type=submit]").await?;

    // Back on the app, signed in.
    expect("signed in", &browser.text("#username").await?, "alice")?;
    expect(
        "after login",
        &browser.current_url().await?,
        &format!("{}/", stack.app),
    )?;
    save("web_app-signed-in.png", browser.screenshot().await?)?;

    // The API: 200 with the session's token (the server calls it), 401 without one.
    browser.click("#call-api").await?;
    expect("API status", &browser.text("#api-status").await?, "200")?;
    save("web_app-api.png", browser.screenshot().await?)?;
    let status = browser
        .execute("return fetch('/api/me').then(r => r.status)")
        .await?;
    if status != 401 {
        return Err(format!("/api/me without a token answered {status}"));
    }
    // The cookies are out of the page's reach (HttpOnly).
    let visible = browser.execute("return document.cookie").await?;
    if visible.as_str().is_some_and(|c| c.contains("webapp_")) {
        return Err(format!("document.cookie shows {visible}"));
    }

    browser.goto(&format!("{}/", stack.app)).await?;
    browser.click("#logout").await?;
    expect(
        "logged out",
        &browser.text("#status").await?,
        "You are not signed in.",
    )?;
    // Logging in again shows GenAuth's form: the hosted login ended too. This time with a
    // one-time code (the dev server shows it on the page instead of sending it).
    browser.click("#login").await?;
    browser.find("#password").await?;
    browser.fill("#target", "alice@example.com").await?;
    browser.click("#send-code").await?;
    let shown = browser.text("#dev-code strong").await?;
    if shown.len() != 6 || !shown.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("no code on the page: {shown:?}"));
    }
    browser.fill("#passcode", &shown).await?;
    browser.click("button[type=submit]").await?;
    expect(
        "signed in by code",
        &browser.text("#username").await?,
        "alice",
    )?;
    Ok(())
}
