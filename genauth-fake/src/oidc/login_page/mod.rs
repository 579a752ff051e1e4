//! The hosted login page: what a browser sees at `GET /oidc/auth` (and `/oauth/auth`).
//!
//! * `GET /oidc/auth?…` validates the authorize request ([`validate`], the registered
//!   `redirect_uri` required: anything else is an error page, never a redirect). A browser with
//!   a live session cookie is sent straight back with a code, unless `prompt=login`;
//!   `prompt=none` without a session goes back with `error=login_required`. Otherwise the
//!   request is kept server-side as a [`Pending`] authorization (opaque id, 10 minutes) and the
//!   login form is rendered with the pending id and a CSRF token bound to it, and bound to the
//!   browser by a cookie ([`BINDING_COOKIE`], `HttpOnly; SameSite=Lax`).
//! * `POST /oidc/auth/login` (form: `pending`, `csrf`, `account`, `password`) refuses a missing or
//!   wrong CSRF token or binding cookie (403 page), re-renders the form with "Wrong account or password." (401)
//!   for an unknown account or a wrong password (the `/api/v3/signin` `account` rule: username,
//!   email or phone, and the same stored password), and on success consumes the pending
//!   authorization, issues the code ([`issue_code`], the one `/oidc/token` redeems), sets the
//!   session cookie (`HttpOnly; SameSite=Lax; Path=/`, `Secure` over HTTPS) and answers 303 to
//!   `redirect_uri?code=…&state=…`.
//! * The same page has a one-time-code form: `POST /oidc/auth/login/passcode` (`pending`, `csrf`,
//!   `target`: an email address or a phone number) issues a code on the login channel, as
//!   `send-email`/`send-sms` would, and shows the code field, with the code itself on the page (a
//!   local server sends no email or SMS); posting it to `/oidc/auth/login` (`passcode`, `target`)
//!   signs in by the `/api/v3/signin` `PASSCODE` rules ("Wrong or expired code." otherwise).
//! * `GET /oidc/session/end` (`id_token_hint`, `post_logout_redirect_uri`, `state`) and the
//!   OAuth `GET /login/profile/logout` (`redirect_uri`) end the session, clear the cookie and
//!   redirect (302) to a registered post-logout URI, or show "Signed out"; an unregistered one
//!   gets an error page.

mod page;
#[cfg(test)]
mod tests;

use std::time::{Duration, Instant};

use axum::http::StatusCode;

use super::authorize::{AuthorizeQuery, Registration, issue_code, redirect_with, validate};
use super::random_id;
use crate::handlers::{Ctx, Reply};
use crate::users::{Identifier, PasscodeTarget, UserId};
use page::{CodeForm, LoginForm};

/// The session cookie the hosted page sets on a successful login.
pub(crate) const SESSION_COOKIE: &str = "genauth_fake_session";

/// The cookie that binds a rendered form to the browser it was served to (login CSRF: a form
/// fetched by someone else cannot be posted from this browser, and a cross-site post carries
/// no `SameSite=Lax` cookie).
pub(crate) const BINDING_COOKIE: &str = "genauth_fake_login";

/// How long a rendered login form stays usable.
const PENDING_TTL: Duration = Duration::from_secs(600);

/// At most this many pending authorizations are kept (the oldest are dropped).
const MAX_PENDING: usize = 1000;

/// An authorize request waiting for the login form.
#[derive(Debug)]
pub(crate) struct Pending {
    id: String,
    csrf: String,
    /// The [`BINDING_COOKIE`] value of the browser the form was served to.
    binding: String,
    query: AuthorizeQuery,
    created: Instant,
}

/// A browser signed in on the hosted page.
#[derive(Debug)]
pub(crate) struct BrowserSession {
    id: String,
    user: UserId,
}

fn page(status: StatusCode, headers: Vec<(&'static str, String)>, html: String) -> Reply {
    Reply::Page {
        http: status,
        headers,
        html: Some(html),
    }
}

fn error(status: StatusCode, title: &str, message: &str) -> Reply {
    page(status, Vec::new(), page::error_page(title, message))
}

fn redirect(status: StatusCode, location: String, cookie: Option<String>) -> Reply {
    let mut headers = vec![("location", location)];
    headers.extend(cookie.map(|c| ("set-cookie", c)));
    Reply::Page {
        http: status,
        headers,
        html: None,
    }
}

/// `/oidc/…` or `/oauth/…`, from the request path.
fn is_oidc(ctx: &Ctx<'_>) -> bool {
    ctx.req.path.starts_with("/oidc/")
}

/// The values of cookie `name`, from every `cookie` header.
fn cookies<'a>(ctx: &'a Ctx<'_>, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    ctx.req
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("cookie"))
        .flat_map(|(_, v)| v.split(';'))
        .filter_map(move |pair| {
            let (n, v) = pair.trim().split_once('=')?;
            (n == name).then_some(v)
        })
}

/// The user of the browser's session cookie, if it is live and the user still exists.
fn session_user(ctx: &Ctx<'_>) -> Option<UserId> {
    let user = {
        let store = ctx.state.protocol.store();
        cookies(ctx, SESSION_COOKIE).find_map(|id| {
            store
                .sessions
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.user.clone())
        })
    }?;
    ctx.state.store().user(&user).is_some().then_some(user)
}

fn cookie(ctx: &Ctx<'_>, name: &str, value: &str, max_age: Option<u64>) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if ctx.state.tls {
        cookie.push_str("; Secure");
    }
    cookie
}

/// Constant-time comparison of two tokens.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `GET /oidc/auth`, `GET /oauth/auth`.
pub(crate) fn authorize_page(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let query = validate(
        ctx.state,
        is_oidc(ctx),
        &ctx.req.query,
        Registration::Required,
    )
    .map_err(|m| {
        error(
            StatusCode::BAD_REQUEST,
            "This sign-in request is not valid",
            &m,
        )
    })?;
    if !query.prompts("login")
        && let Some(user) = session_user(ctx)
    {
        let location = issue_code(ctx.state, user, &query);
        return Ok(redirect(StatusCode::FOUND, location, None));
    }
    if query.prompts("none") {
        let location = redirect_with(
            &query,
            &[
                ("error", "login_required"),
                ("error_description", "the user is not signed in"),
            ],
        );
        return Ok(redirect(StatusCode::FOUND, location, None));
    }
    // One binding per browser, so forms open in several tabs all stay usable.
    let binding = cookies(ctx, BINDING_COOKIE)
        .find(|v| {
            (16..=64).contains(&v.len())
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map(str::to_owned)
        .unwrap_or_else(|| random_id(""));
    let set_binding = cookie(ctx, BINDING_COOKIE, &binding, Some(PENDING_TTL.as_secs()));
    let pending = Pending {
        id: random_id("pending_"),
        csrf: random_id(""),
        binding,
        query,
        created: Instant::now(),
    };
    let html = form_html(ctx, &pending, "", None);
    {
        let mut store = ctx.state.protocol.store();
        store.pending.retain(|p| p.created.elapsed() < PENDING_TTL);
        if store.pending.len() >= MAX_PENDING {
            store.pending.remove(0);
        }
        store.pending.push(pending);
    }
    Ok(page(
        StatusCode::OK,
        vec![("set-cookie", set_binding)],
        html,
    ))
}

fn login_action(pending: &Pending) -> &'static str {
    if pending.query.oidc {
        "/oidc/auth/login"
    } else {
        "/oauth/auth/login"
    }
}

fn form_html(ctx: &Ctx<'_>, pending: &Pending, account: &str, error: Option<&str>) -> String {
    page::login_form(&LoginForm {
        action: login_action(pending),
        pending: &pending.id,
        csrf: &pending.csrf,
        app: &ctx.state.app_id,
        account,
        error,
    })
}

/// The posted form's fields; a post that is not `application/x-www-form-urlencoded` is a 400
/// page.
fn form_fields(ctx: &Ctx<'_>) -> Result<Vec<(String, String)>, Reply> {
    let content_type = ctx.header("content-type").unwrap_or_default();
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "Sign-in failed",
            "the login form must be posted as application/x-www-form-urlencoded",
        ));
    }
    Ok(form_urlencoded::parse(&ctx.req.body).into_owned().collect())
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// Takes out the pending authorization a form post names, after checking the post came from the
/// page served to this browser: its CSRF token and the binding cookie (403 page otherwise; a
/// forged post leaves the user's real form usable). An unknown or expired one is a 400 page.
fn take_pending(ctx: &Ctx<'_>, fields: &[(String, String)]) -> Result<Pending, Reply> {
    let pending = {
        let mut store = ctx.state.protocol.store();
        store.pending.retain(|p| p.created.elapsed() < PENDING_TTL);
        let at = store
            .pending
            .iter()
            .position(|p| p.id == field(fields, "pending"));
        at.map(|i| store.pending.remove(i))
    }
    .ok_or_else(|| {
        error(
            StatusCode::BAD_REQUEST,
            "This sign-in form has expired",
            "the sign-in request is unknown, expired or already finished",
        )
    })?;
    let bound = cookies(ctx, BINDING_COOKIE).any(|v| same_token(&pending.binding, v));
    if !bound || !same_token(&pending.csrf, field(fields, "csrf")) {
        // Put it back: a forged post must not cancel the user's real form.
        ctx.state.protocol.store().pending.push(pending);
        return Err(error(
            StatusCode::FORBIDDEN,
            "Sign-in refused",
            "the form's security token (CSRF) or this browser's sign-in cookie is missing or wrong: this post did not come from the sign-in page served to this browser",
        ));
    }
    Ok(pending)
}

/// `POST /oidc/auth/login`, `POST /oauth/auth/login`: account and password, or (with
/// `passcode`) the one-time code sent to `target`.
pub(crate) fn login(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let fields = form_fields(ctx)?;
    let pending = take_pending(ctx, &fields)?;
    if !field(&fields, "passcode").is_empty() {
        return passcode_login(ctx, &fields, pending);
    }
    let account = field(&fields, "account").trim().to_owned();
    let user = {
        let store = ctx.state.store();
        store
            .find_by_identifier(Identifier::Account(&account))
            .filter(|id| {
                !account.is_empty() && store.password_matches(id, field(&fields, "password"))
            })
    };
    let Some(user) = user else {
        let html = form_html(ctx, &pending, &account, Some("Wrong account or password."));
        ctx.state.protocol.store().pending.push(pending);
        return Ok(page(StatusCode::UNAUTHORIZED, Vec::new(), html));
    };
    Ok(signed_in(ctx, user, &pending))
}

/// Where a one-time code goes: an email address, else a phone number (country code `+86`).
fn passcode_target(target: &str) -> PasscodeTarget<'_> {
    if target.contains('@') {
        PasscodeTarget::Email(target)
    } else {
        PasscodeTarget::Phone {
            number: target,
            country_code: None,
        }
    }
}

fn code_html(pending: &Pending, target: &str, code: Option<&str>, error: Option<&str>) -> String {
    page::code_form(&CodeForm {
        action: login_action(pending),
        pending: &pending.id,
        csrf: &pending.csrf,
        target,
        code,
        error,
    })
}

/// The code step of [`login`]: the `/api/v3/signin` `PASSCODE` rules (the code issued for the
/// target on the login channel, used once; the user whose email or phone it is).
fn passcode_login(
    ctx: &Ctx<'_>,
    fields: &[(String, String)],
    pending: Pending,
) -> Result<Reply, Reply> {
    let target = field(fields, "target").trim().to_owned();
    let user = {
        let mut store = ctx.state.store();
        let t = passcode_target(&target);
        let code = field(fields, "passcode").trim();
        (!target.is_empty() && t.consume(&mut store, "CHANNEL_LOGIN", code))
            .then(|| t.find_user(&store))
            .flatten()
    };
    let Some(user) = user else {
        let html = code_html(&pending, &target, None, Some("Wrong or expired code."));
        ctx.state.protocol.store().pending.push(pending);
        return Ok(page(StatusCode::UNAUTHORIZED, Vec::new(), html));
    };
    Ok(signed_in(ctx, user, &pending))
}

/// `POST /oidc/auth/login/passcode`, `POST /oauth/auth/login/passcode`: issues a one-time code
/// for the email address or phone number in `target` (as `send-email`/`send-sms` with the login
/// channel would; whether a user has it is not revealed) and shows the code form. A local
/// server sends nothing, so the page shows the code.
pub(crate) fn send_passcode(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let fields = form_fields(ctx)?;
    let pending = take_pending(ctx, &fields)?;
    let target = field(&fields, "target").trim().to_owned();
    if target.is_empty() {
        let html = form_html(
            ctx,
            &pending,
            "",
            Some("Enter an email address or a phone number."),
        );
        ctx.state.protocol.store().pending.push(pending);
        return Ok(page(StatusCode::BAD_REQUEST, Vec::new(), html));
    }
    let code = ctx
        .state
        .store()
        .issue_passcode("CHANNEL_LOGIN", &target, None);
    let html = code_html(&pending, &target, Some(&code), None);
    ctx.state.protocol.store().pending.push(pending);
    Ok(page(StatusCode::OK, Vec::new(), html))
}

/// A successful sign-in on the page: the code for `redirect_uri`, and a new browser session.
fn signed_in(ctx: &Ctx<'_>, user: UserId, pending: &Pending) -> Reply {
    let location = issue_code(ctx.state, user.clone(), &pending.query);
    let session = random_id("sess_");
    {
        // A new session id on every login; the browser's old one ends.
        let old: Vec<&str> = cookies(ctx, SESSION_COOKIE).collect();
        let mut store = ctx.state.protocol.store();
        store.sessions.retain(|s| !old.contains(&s.id.as_str()));
        store.sessions.push(BrowserSession {
            id: session.clone(),
            user,
        });
    }
    let set = cookie(ctx, SESSION_COOKIE, &session, None);
    redirect(StatusCode::SEE_OTHER, location, Some(set))
}

/// `GET /oidc/session/end`, `GET /login/profile/logout`.
pub(crate) fn logout(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let pairs = ctx.req.query_pairs();
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let oidc = is_oidc(ctx);
    {
        let ids: Vec<&str> = cookies(ctx, SESSION_COOKIE).collect();
        let mut store = ctx.state.protocol.store();
        store.sessions.retain(|s| !ids.contains(&s.id.as_str()));
    }
    let clear = vec![("set-cookie", cookie(ctx, SESSION_COOKIE, "", Some(0)))];
    let target = if oidc {
        get("post_logout_redirect_uri")
    } else {
        get("redirect_uri")
    };
    let Some(target) = target else {
        return Ok(page(StatusCode::OK, clear, page::logged_out_page()));
    };
    let refused = |message: String| {
        page(
            StatusCode::BAD_REQUEST,
            clear.clone(),
            page::error_page("You are signed out, but cannot be sent back", &message),
        )
    };
    let registered = &ctx.state.protocol.config.post_logout_redirect_uris;
    if !registered.iter().any(|r| r == target) {
        return Ok(refused(format!(
            "{target:?} is not a registered post-logout redirect URI (FakeOidcConfig::post_logout_redirect_uris)"
        )));
    }
    if oidc && get("id_token_hint").is_none_or(str::is_empty) {
        return Ok(refused(
            "post_logout_redirect_uri needs id_token_hint".to_owned(),
        ));
    }
    let mut location = target.to_owned();
    if oidc && let Some(state) = get("state") {
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.append_pair("state", state);
        location.push(if location.contains('?') { '&' } else { '?' });
        location.push_str(&q.finish());
    }
    let mut headers = clear;
    headers.push(("location", location));
    Ok(Reply::Page {
        http: StatusCode::FOUND,
        headers,
        html: None,
    })
}
