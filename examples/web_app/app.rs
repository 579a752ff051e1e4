//! The web app of `examples/web_app`: an axum router that logs users in through GenAuth's
//! hosted login page (authorization code + PKCE), keeps their tokens in a [`Session`] on the
//! server, and protects an API with the bearer-token [`Guard`]. `tests/web_app.rs` drives this
//! same code, over HTTP and in headless Chromium.
//!
//! | route | what it does |
//! |---|---|
//! | `GET /` | "Log in", or the signed-in user's profile |
//! | `GET /login` | keeps state, nonce and PKCE verifier server-side (keyed by an `HttpOnly; SameSite=Lax` cookie) and redirects to the authorize URL |
//! | `GET /callback` | checks `state`, exchanges the code with the verifier, verifies the ID token and its nonce, starts a [`Session`] |
//! | `GET /call-api` | the server calls `/api/me` with the session's access token and shows the answer (the browser never sees a token) |
//! | `GET /api/me` | stands in for your API: bearer token required, checked offline by the guard |
//! | `POST /logout` | revokes the session's tokens and goes through GenAuth's logout URL back to `/` |
//!
//! Everything the browser holds is two random cookie values; tokens, the PKCE verifier and the
//! nonce stay in this process. The stores are in memory: a deployment with several instances
//! keeps them in a shared store (Redis, a database) instead.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{AppendHeaders, Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use genauth::guard::{BearerClaims, Guard};
use genauth::oidc::{
    AuthorizeParams, AuthorizeRequest, CodeChallengeMethod, IdTokenClaims, LogoutParams,
    TokenVerifier, random_token,
};
use genauth::session::Session;
use genauth::{GenAuthClient, GetProfileQuery, OidcExt as _, Profile as _};
use genauth_fake::dev_server::{DevApp, DevServer, DevServerArgs, DevServerFile};
use serde_json::{Value, json};

/// The cookie that ties a browser to its login in progress.
pub const LOGIN_COOKIE: &str = "webapp_login";
/// The cookie that ties a browser to its session.
pub const SESSION_COOKIE: &str = "webapp_session";
/// How long a login may stay in progress (the user is on the hosted page meanwhile).
const LOGIN_TTL: Duration = Duration::from_secs(600);
/// At most this many logins in progress: `/login` is unauthenticated, so the store is bounded
/// (the oldest is dropped first).
const MAX_PENDING: usize = 1024;
/// The scope asked for: `offline_access` brings a refresh token, so the session can refresh.
const SCOPE: &str = "openid profile email offline_access";

/// A login in progress: what `/callback` needs to finish it.
struct Pending {
    request: AuthorizeRequest,
    started: Instant,
}

/// A signed-in browser.
struct SignedIn {
    session: Session,
    claims: IdTokenClaims,
}

/// Starts the local GenAuth dev server on a free loopback port, with its demo user (`alice` /
/// `Passw0rd!`) and this app's callback and logout URLs registered.
pub async fn start_dev_server(base_url: &str) -> std::io::Result<DevServer> {
    let file = DevServerFile {
        app: DevApp {
            redirect_uris: vec![format!("{base_url}/callback")],
            post_logout_redirect_uris: vec![format!("{base_url}/")],
            ..DevApp::default()
        },
        ..DevServerFile::default()
    };
    let args = DevServerArgs {
        port: Some(0),
        ..DevServerArgs::default()
    };
    DevServer::start_with(file, &args).await
}

/// A client of the dev server's app for the web app served at `base_url`.
pub fn dev_client(dev: &DevServer, base_url: &str) -> genauth::Result<GenAuthClient> {
    let options = dev
        .server()
        .client_options()
        .redirect_uri(format!("{base_url}/callback"))
        .post_logout_redirect_uri(format!("{base_url}/"))
        .build()?;
    GenAuthClient::new(options)
}

/// The app's state.
pub struct WebApp {
    client: GenAuthClient,
    verifier: TokenVerifier<GenAuthClient>,
    /// This app's own address (`http://127.0.0.1:3000`), for `/call-api` and the logout return.
    base_url: String,
    /// Cookies get `Secure` when the app is served over HTTPS.
    secure_cookies: bool,
    pending: Mutex<HashMap<String, Pending>>,
    sessions: Mutex<HashMap<String, SignedIn>>,
    http: reqwest::Client,
}

impl WebApp {
    /// An app served at `base_url` whose `client` has `base_url/callback` as its redirect URI.
    pub fn new(client: GenAuthClient, base_url: impl Into<String>) -> Arc<WebApp> {
        let base_url = base_url.into();
        Arc::new(WebApp {
            verifier: client.token_verifier(),
            secure_cookies: base_url.starts_with("https://"),
            client,
            base_url,
            pending: Mutex::default(),
            sessions: Mutex::default(),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .expect("a reqwest client with a timeout builds"),
        })
    }

    /// The routes.
    pub fn router(self: &Arc<Self>) -> Router {
        let guard = Guard::offline(self.verifier.clone());
        Router::new()
            .route("/", get(index))
            .route("/login", get(login))
            .route("/callback", get(callback))
            .route("/call-api", get(call_api))
            .route("/logout", post(logout))
            .route("/api/me", get(api_me).layer(guard.layer()))
            .with_state(self.clone())
    }

    fn cookie(&self, name: &str, value: &str, max_age: Option<u64>) -> String {
        let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
        if let Some(age) = max_age {
            let _ = write!(c, "; Max-Age={age}");
        }
        if self.secure_cookies {
            c.push_str("; Secure");
        }
        c
    }

    fn signed_in(&self, headers: &HeaderMap) -> Option<(Session, IdTokenClaims)> {
        let key = cookie(headers, SESSION_COOKIE)?;
        // The key is 32 random bytes. A HashMap finds it by SipHash with a per-process random
        // key, so response timing says nothing an attacker can aim at; only then is the
        // stored string compared.
        let sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        let s = sessions.get(key)?;
        Some((s.session.clone(), s.claims.clone()))
    }
}

/// The value of cookie `name` in the request, if any.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(n, v)| (n == name && !v.is_empty()).then_some(v))
}

/// HTML-escapes text for an element or a double-quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page around `body` (already HTML).
fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · web app</title>\n<style>body{{font-family:system-ui,sans-serif;\
         max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}}\
         dt{{font-weight:600}}pre{{background:#f4f4f4;padding:.8rem;overflow:auto}}\
         .error{{color:#a40e26}}button,a.button{{display:inline-block;font:inherit;padding:.4rem 0}}</style>\n\
         </head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    ))
}

/// A page saying what went wrong, with `status`.
fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let body = format!(
        "<h1>{}</h1>\n<p class=\"error\" id=\"error\" role=\"alert\">{}</p>\n\
         <p><a href=\"/\">Back to the home page</a></p>\n",
        escape(title),
        escape(message)
    );
    (status, page(title, &body)).into_response()
}

/// A 303 to `location`, setting `cookies`.
fn see_other(location: &str, cookies: Vec<String>) -> Response {
    let headers: Vec<_> = cookies.into_iter().map(|c| (SET_COOKIE, c)).collect();
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, location.to_owned())],
        AppendHeaders(headers),
    )
        .into_response()
}

/// `GET /`.
async fn index(State(app): State<Arc<WebApp>>, headers: HeaderMap) -> Response {
    let Some((session, claims)) = app.signed_in(&headers) else {
        return page(
            "Welcome",
            "<h1>Welcome</h1>\n<p id=\"status\">You are not signed in.</p>\n\
             <p><a class=\"button\" id=\"login\" href=\"/login\">Log in</a></p>\n",
        )
        .into_response();
    };
    // The profile, fetched with the session's access token (refreshed when it is due).
    let profile = match session.user_client().await {
        Ok(user) => user
            .get_profile(GetProfileQuery::default())
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    let claim = |name: &str| claims.extra.get(name).and_then(Value::as_str).unwrap_or("");
    let mut body = String::from("<h1>Signed in</h1>\n<dl id=\"profile\">\n");
    let mut row = |term: &str, id: &str, value: &str| {
        let _ = writeln!(
            body,
            "<dt>{term}</dt><dd id=\"{id}\">{}</dd>",
            escape(value)
        );
    };
    row("User id (ID token sub)", "sub", &claims.sub);
    match &profile {
        Ok(p) => {
            row("Username", "username", p.username.as_deref().unwrap_or(""));
            row(
                "Email",
                "email",
                p.email.as_deref().unwrap_or(claim("email")),
            );
        }
        Err(e) => row("Profile", "profile-error", e),
    }
    body.push_str("</dl>\n");
    body.push_str(
        "<p><a class=\"button\" id=\"call-api\" href=\"/call-api\">Call the API with my token</a></p>\n\
         <form method=\"post\" action=\"/logout\"><button id=\"logout\" type=\"submit\">Log out</button></form>\n",
    );
    page("Signed in", &body).into_response()
}

/// `GET /login`.
async fn login(State(app): State<Arc<WebApp>>) -> Response {
    let params = AuthorizeParams {
        scope: Some(SCOPE.to_owned()),
        pkce: Some(CodeChallengeMethod::S256),
        ..AuthorizeParams::default()
    };
    let (request, key) = match (app.client.build_authorize_url(params), random_token(32)) {
        (Ok(r), Ok(k)) => (r, k),
        (Err(e), _) | (_, Err(e)) => {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Cannot log in",
                &e.to_string(),
            );
        }
    };
    let url = request.url.clone();
    {
        let mut pending = app.pending.lock().unwrap_or_else(PoisonError::into_inner);
        pending.retain(|_, p| p.started.elapsed() < LOGIN_TTL);
        if pending.len() >= MAX_PENDING
            && let Some(oldest) = pending
                .iter()
                .min_by_key(|(_, p)| p.started)
                .map(|(k, _)| k.clone())
        {
            pending.remove(&oldest);
        }
        pending.insert(
            key.clone(),
            Pending {
                request,
                started: Instant::now(),
            },
        );
    }
    let cookie = app.cookie(LOGIN_COOKIE, &key, Some(LOGIN_TTL.as_secs()));
    see_other(&url, vec![cookie])
}

/// `GET /callback`: GenAuth sends the browser back here with `code` and `state`.
async fn callback(State(app): State<Arc<WebApp>>, headers: HeaderMap, uri: Uri) -> Response {
    // The login in progress, taken out: a callback is used once, whatever its outcome.
    let pending = cookie(&headers, LOGIN_COOKIE).and_then(|key| {
        let mut pending = app.pending.lock().unwrap_or_else(PoisonError::into_inner);
        pending.remove(key)
    });
    let Some(pending) = pending.filter(|p| p.started.elapsed() < LOGIN_TTL) else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Login failed",
            "No login in progress in this browser (its login cookie is missing, used or expired), \
             so there is no PKCE verifier to finish it with. Start again from the home page.",
        );
    };
    let clear_login = app.cookie(LOGIN_COOKIE, "", Some(0));
    let fail = |message: String| {
        let mut response = error_page(StatusCode::BAD_REQUEST, "Login failed", &message);
        if let Ok(v) = clear_login.parse() {
            response.headers_mut().append(SET_COOKIE, v);
        }
        response
    };
    // Checks `state` (constant time), exchanges the code with the PKCE verifier and the same
    // redirect_uri. Error texts carry no secret (no code, verifier or token).
    let tokens = match app
        .client
        .get_access_token_by_callback(uri.query().unwrap_or(""), &pending.request)
        .await
    {
        Ok(tokens) => tokens,
        Err(e) => return fail(format!("The login could not be completed: {e}")),
    };
    let Some(id_token) = tokens.id_token.clone() else {
        return fail("The login returned no ID token.".to_owned());
    };
    let claims = match app
        .verifier
        .verify_id_token(id_token.expose(), pending.request.nonce.as_deref())
        .await
    {
        Ok(claims) => claims,
        Err(e) => return fail(format!("The ID token was refused: {e}")),
    };
    let session = match Session::new(app.client.clone(), tokens) {
        Ok(s) => s,
        Err(e) => return fail(format!("The login could not start a session: {e}")),
    };
    let key = match random_token(32) {
        Ok(k) => k,
        Err(e) => return fail(e.to_string()),
    };
    {
        let mut sessions = app.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        sessions.retain(|_, s| s.session.ended().is_none());
        sessions.insert(key.clone(), SignedIn { session, claims });
    }
    see_other(
        "/",
        vec![clear_login, app.cookie(SESSION_COOKIE, &key, None)],
    )
}

/// `GET /call-api`: the server calls the API with the session's access token.
async fn call_api(State(app): State<Arc<WebApp>>, headers: HeaderMap) -> Response {
    let Some((session, _)) = app.signed_in(&headers) else {
        return see_other("/", Vec::new());
    };
    let token = match session.access_token().await {
        Ok(t) => t,
        Err(e) => return error_page(StatusCode::BAD_GATEWAY, "No access token", &e.to_string()),
    };
    let answer = app
        .http
        .get(format!("{}/api/me", app.base_url))
        .bearer_auth(token.expose())
        .send()
        .await;
    let (status, text) = match answer {
        Ok(r) => {
            let status = r.status().as_u16();
            let text = r.text().await.unwrap_or_default();
            // Pretty-printed when it is JSON, as is otherwise.
            let pretty = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| serde_json::to_string_pretty(&v).ok());
            (status, pretty.unwrap_or(text))
        }
        Err(e) => {
            return error_page(
                StatusCode::BAD_GATEWAY,
                "The API did not answer",
                &e.to_string(),
            );
        }
    };
    let body = format!(
        "<h1>The API answered</h1>\n<p>GET /api/me with the session's access token: \
         <strong id=\"api-status\">{status}</strong></p>\n<pre id=\"api-body\">{}</pre>\n\
         <p><a href=\"/\">Back</a></p>\n",
        escape(&text)
    );
    page("API", &body).into_response()
}

/// `GET /api/me`: reached only with a valid access token (the guard checked it offline).
async fn api_me(Extension(claims): Extension<BearerClaims>) -> Json<Value> {
    Json(json!({
        "sub": claims.subject,
        "client_id": claims.client_id,
        "scopes": claims.scopes,
        "expires_at": claims.expires_at,
    }))
}

/// `POST /logout`: a form post, so another site cannot log the user out with a link (the
/// session cookie is `SameSite=Lax`, which cross-site POSTs do not carry).
async fn logout(State(app): State<Arc<WebApp>>, headers: HeaderMap) -> Response {
    let signed_in = cookie(&headers, SESSION_COOKIE).and_then(|key| {
        let mut sessions = app.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        sessions.remove(key)
    });
    let clear = app.cookie(SESSION_COOKIE, "", Some(0));
    let Some(signed_in) = signed_in else {
        return see_other("/", vec![clear]);
    };
    let id_token = signed_in.session.id_token();
    // Revokes the refresh token, then the access token. A failure is logged and the user is
    // logged out here all the same.
    if let Err(e) = signed_in.session.logout().await {
        eprintln!("web_app: revoking the session's tokens failed: {e}");
    }
    // Ends the login on GenAuth's side too, and comes back to `/`.
    let url = app.client.build_logout_url(LogoutParams {
        id_token_hint: id_token,
        post_logout_redirect_uri: Some(format!("{}/", app.base_url)),
        state: None,
    });
    match url {
        Ok(url) => see_other(&url, vec![clear]),
        Err(_) => see_other("/", vec![clear]),
    }
}
