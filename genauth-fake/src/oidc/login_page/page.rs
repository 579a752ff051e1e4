//! The hosted pages' HTML: the login form, the error page and the logged-out page. Plain
//! server-rendered HTML, no script; every interpolated value goes through [`escape`].

use std::fmt::Write;

/// HTML-escapes text for element content and double-quoted attribute values.
pub(super) fn escape(text: &str) -> String {
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

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0}\
main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;\
box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:1.4rem;margin-top:0}\
h2{font-size:1rem;margin:2rem 0 0;padding-top:1.2rem;border-top:1px solid #ddd}\
label{display:block;margin:1rem 0 .3rem;font-weight:600}\
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}\
button{margin-top:1.5rem;width:100%;padding:.6rem;font-size:1rem;background:#215ae5;color:#fff;\
border:0;border-radius:4px;cursor:pointer}\
.error{color:#a40e26;background:#fde7ea;padding:.6rem;border-radius:4px}\
.hint{color:#555;font-size:.85rem}";

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · GenAuth (dev)</title>\n<style>{STYLE}</style>\n</head>\n\
         <body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        title = escape(title),
    )
}

/// What the login form shows.
pub(super) struct LoginForm<'a> {
    /// Where the form posts (`/oidc/auth/login` or `/oauth/auth/login`).
    pub(super) action: &'a str,
    /// The pending authorization's opaque id.
    pub(super) pending: &'a str,
    /// Its CSRF token.
    pub(super) csrf: &'a str,
    /// The application's name (its id).
    pub(super) app: &'a str,
    /// The account typed before, kept on an error (never the password).
    pub(super) account: &'a str,
    /// The error to show above the form.
    pub(super) error: Option<&'a str>,
}

/// Appends `error` as an alert paragraph; returns the attributes that tie the form's fields to
/// it (none without an error).
fn error_alert(body: &mut String, error: Option<&str>) -> &'static str {
    let Some(error) = error else {
        return "";
    };
    let _ = writeln!(
        body,
        "<p class=\"error\" id=\"login-error\" role=\"alert\">{}</p>",
        escape(error)
    );
    " aria-invalid=\"true\" aria-describedby=\"login-error\""
}

/// The hidden inputs every form of a pending sign-in posts back: its id and CSRF token.
fn hidden_fields(pending: &str, csrf: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"pending\" value=\"{}\">\n\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\n",
        escape(pending),
        escape(csrf)
    )
}

/// The login form: account and password with labels, the pending id and CSRF token hidden.
pub(super) fn login_form(form: &LoginForm<'_>) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>Sign in</h1>\n<p>to continue to <strong>{}</strong></p>\n",
        escape(form.app)
    );
    let described = error_alert(&mut body, form.error);
    let _ = write!(
        body,
        "<form method=\"post\" action=\"{action}\">\n{hidden}\
         <label for=\"account\">Account</label>\n\
         <input id=\"account\" name=\"account\" type=\"text\" autocomplete=\"username\" \
         required value=\"{account}\"{described}>\n\
         <p class=\"hint\" id=\"account-hint\">Username, email or phone number.</p>\n\
         <label for=\"password\">Password</label>\n\
         <input id=\"password\" name=\"password\" type=\"password\" \
         autocomplete=\"current-password\" required{described}>\n\
         <button type=\"submit\">Sign in</button>\n</form>\n\
         <h2>Or sign in with a one-time code</h2>\n\
         <form method=\"post\" action=\"{action}/passcode\">\n{hidden}\
         <label for=\"target\">Email or phone number</label>\n\
         <input id=\"target\" name=\"target\" type=\"text\" autocomplete=\"email\" required>\n\
         <button type=\"submit\" id=\"send-code\">Send a code</button>\n</form>\n",
        action = escape(form.action),
        hidden = hidden_fields(form.pending, form.csrf),
        account = escape(form.account),
    );
    layout("Sign in", &body)
}

/// What the one-time-code form shows.
pub(super) struct CodeForm<'a> {
    /// Where the form posts (`/oidc/auth/login` or `/oauth/auth/login`).
    pub(super) action: &'a str,
    /// The pending authorization's opaque id.
    pub(super) pending: &'a str,
    /// Its CSRF token.
    pub(super) csrf: &'a str,
    /// The email address or phone number the code went to.
    pub(super) target: &'a str,
    /// The code itself, shown on the page: a local server sends no email or SMS.
    pub(super) code: Option<&'a str>,
    /// The error to show above the form.
    pub(super) error: Option<&'a str>,
}

/// The second step of a one-time-code sign-in: the code field.
pub(super) fn code_form(form: &CodeForm<'_>) -> String {
    let mut body = format!(
        "<h1>Enter your code</h1>\n<p>A one-time code was issued for <strong>{}</strong>.</p>\n",
        escape(form.target)
    );
    if let Some(code) = form.code {
        let _ = writeln!(
            body,
            "<p class=\"hint\" id=\"dev-code\">This is a local GenAuth-compatible server: \
             it sends no email or SMS. The code is <strong>{}</strong>.</p>",
            escape(code)
        );
    }
    let described = error_alert(&mut body, form.error);
    let _ = write!(
        body,
        "<form method=\"post\" action=\"{action}\">\n{hidden}\
         <input type=\"hidden\" name=\"target\" value=\"{target}\">\n\
         <label for=\"passcode\">Code</label>\n\
         <input id=\"passcode\" name=\"passcode\" type=\"text\" inputmode=\"numeric\" \
         autocomplete=\"one-time-code\" required{described}>\n\
         <button type=\"submit\">Sign in</button>\n</form>\n",
        action = escape(form.action),
        hidden = hidden_fields(form.pending, form.csrf),
        target = escape(form.target),
    );
    layout("Enter your code", &body)
}

/// An error page: a heading and what went wrong, no link to follow.
pub(super) fn error_page(title: &str, message: &str) -> String {
    let body = format!(
        "<h1>{}</h1>\n<p class=\"error\" role=\"alert\">{}</p>\n\
         <p>Go back to the application and start again.</p>\n",
        escape(title),
        escape(message)
    );
    layout(title, &body)
}

/// The page after a logout without a (registered) place to return to.
pub(super) fn logged_out_page() -> String {
    layout(
        "Signed out",
        "<h1>Signed out</h1>\n<p>You have been signed out. You can close this window.</p>\n",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn form_keeps_the_account_escaped_and_never_the_password() {
        let html = login_form(&LoginForm {
            action: "/oidc/auth/login",
            pending: "p1",
            csrf: "c1",
            app: "app",
            account: "\"><script>",
            error: Some("Wrong account or password."),
        });
        assert!(html.contains("value=\"&quot;&gt;&lt;script&gt;\""));
        assert!(!html.contains("<script>"));
        assert!(html.contains("role=\"alert\""));
    }
}
