//! The authorization-code flow's front half: validating an authorize request and issuing the
//! code, shared by the hosted login page (`login_page/`) and the test helper
//! [`FakeServer::approve_authorization`], which plays the browser.

use std::time::Instant;

use super::form::has_scope;
use super::{AuthCode, random_id};
use crate::FakeServer;
use crate::handlers::ServerState;
use crate::users::{Identifier, UserId};

/// A validated authorize request: what the code and the redirect need.
#[derive(Debug, Clone)]
pub(super) struct AuthorizeQuery {
    /// `/oidc/auth` (true) or `/oauth/auth`.
    pub(super) oidc: bool,
    pub(super) redirect_uri: String,
    pub(super) scope: String,
    pub(super) state: Option<String>,
    pub(super) nonce: Option<String>,
    pub(super) challenge: Option<(String, String)>,
    /// The `prompt` values (space-separated on the wire).
    pub(super) prompt: Vec<String>,
}

impl AuthorizeQuery {
    pub(super) fn prompts(&self, value: &str) -> bool {
        self.prompt.iter().any(|p| p == value)
    }
}

/// Whether a `redirect_uri` must be one of [`super::FakeOidcConfig::redirect_uris`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Registration {
    /// Always (the hosted login page): an empty list refuses everything.
    Required,
    /// Only when the list is not empty (the test helper, which predates the list).
    IfConfigured,
}

/// Validates the query of an authorize request: `response_type=code`, this app's `client_id`,
/// a (registered) `redirect_uri`, `openid` in the scope for OIDC, an optional PKCE challenge
/// (`S256` or `plain`), no repeated parameter. The error text is for a human and never echoes
/// a secret (the request has none).
pub(super) fn validate(
    state: &ServerState,
    oidc: bool,
    query: &str,
    registration: Registration,
) -> Result<AuthorizeQuery, String> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    for (i, (k, _)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(other, _)| other == k) {
            return Err(format!("parameter `{k}` is repeated"));
        }
    }
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    // client_id and redirect_uri first: until both are known good, nothing may redirect.
    if get("client_id").as_deref() != Some(state.app_id.as_str()) {
        return Err("client_id is not this application".into());
    }
    let redirect_uri = get("redirect_uri").ok_or("redirect_uri is required")?;
    let registered = &state.protocol.config.redirect_uris;
    let must_match = registration == Registration::Required || !registered.is_empty();
    if must_match && !registered.contains(&redirect_uri) {
        return Err(format!(
            "redirect_uri {redirect_uri:?} is not registered for this application (FakeOidcConfig::redirect_uris)"
        ));
    }
    if get("response_type").as_deref() != Some("code") {
        return Err("response_type must be code".into());
    }
    let scope = get("scope").unwrap_or_default();
    if oidc && !has_scope(&scope, "openid") {
        return Err("scope must include openid".into());
    }
    let challenge = match (get("code_challenge"), get("code_challenge_method")) {
        (Some(c), m) => {
            let m = m.unwrap_or_else(|| "plain".to_owned());
            if m != "S256" && m != "plain" {
                return Err(format!("unsupported code_challenge_method {m}"));
            }
            Some((c, m))
        }
        (None, Some(_)) => return Err("code_challenge_method without code_challenge".into()),
        (None, None) => None,
    };
    let prompt = get("prompt")
        .map(|p| p.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    Ok(AuthorizeQuery {
        oidc,
        redirect_uri,
        scope,
        state: get("state"),
        nonce: get("nonce"),
        challenge,
        prompt,
    })
}

/// Issues a code for `user` and returns the redirect: `<redirect_uri>?code=…&state=…`.
pub(super) fn issue_code(state: &ServerState, user: UserId, query: &AuthorizeQuery) -> String {
    let code = random_id("fake_code_");
    state.protocol.store().codes.push(AuthCode {
        code: code.clone(),
        user,
        redirect_uri: query.redirect_uri.clone(),
        scope: query.scope.clone(),
        nonce: query.nonce.clone(),
        challenge: query.challenge.clone(),
        issued: Instant::now(),
    });
    redirect_with(query, &[("code", &code)])
}

/// `<redirect_uri>?<params>&state=…` (the query joined with `&` when the URI has one).
pub(super) fn redirect_with(query: &AuthorizeQuery, params: &[(&str, &str)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        out.append_pair(k, v);
    }
    if let Some(state) = &query.state {
        out.append_pair("state", state);
    }
    let uri = &query.redirect_uri;
    let sep = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{sep}{}", out.finish())
}

/// Protocol helpers for tests: the authorize endpoint.
impl FakeServer {
    /// Plays the browser and the login page for an authorize URL (from `build_authorize_url`):
    /// validates it, signs in the user whose username is `username` with consent, and returns
    /// the redirect the browser would follow (`<redirect_uri>?code=…&state=…`).
    ///
    /// Accepted: `/oidc/auth` or `/oauth/auth`, `response_type=code`, this app's `client_id`, a
    /// `redirect_uri` (one of [`FakeOidcConfig::redirect_uris`](crate::FakeOidcConfig) when
    /// that list is not empty), `openid` in the scope for OIDC, and an optional PKCE challenge
    /// (`S256` or `plain`). Errors are descriptive strings. A real browser uses the hosted
    /// login page instead (`GET /oidc/auth`).
    pub fn approve_authorization(
        &self,
        authorize_url: &str,
        username: &str,
    ) -> Result<String, String> {
        let (path, query) = authorize_url
            .split_once('?')
            .ok_or("the authorize URL has no query")?;
        let oidc = path.ends_with("/oidc/auth");
        if !oidc && !path.ends_with("/oauth/auth") {
            return Err(format!("not an authorize URL: {path}"));
        }
        let query = validate(&self.state, oidc, query, Registration::IfConfigured)?;
        let user = self
            .state
            .store()
            .find_by_identifier(Identifier::Username(username))
            .ok_or_else(|| format!("no user named {username}"))?;
        Ok(issue_code(&self.state, user, &query))
    }
}
