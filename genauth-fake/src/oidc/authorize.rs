//! The browser side of the authorization-code flow: [`FakeServer::approve_authorization`]
//! validates an authorize URL and issues the code.

use std::time::Instant;

use super::form::has_scope;
use super::{AuthCode, random_id};
use crate::FakeServer;
use crate::users::Identifier;

/// Protocol helpers for tests: the authorize endpoint.
impl FakeServer {
    /// Plays the browser and the login page for an authorize URL (from `build_authorize_url`):
    /// validates it, signs in the user whose username is `username` with consent, and returns
    /// the redirect the browser would follow (`<redirect_uri>?code=…&state=…`).
    ///
    /// Accepted: `/oidc/auth` or `/oauth/auth`, `response_type=code`, this app's `client_id`, a
    /// `redirect_uri`, `openid` in the scope for OIDC, and an optional PKCE challenge (`S256`
    /// or `plain`). Errors are descriptive strings.
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
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        if get("response_type").as_deref() != Some("code") {
            return Err("response_type must be code".into());
        }
        if get("client_id").as_deref() != Some(self.app_id()) {
            return Err("client_id is not this application".into());
        }
        let redirect_uri = get("redirect_uri").ok_or("redirect_uri is required")?;
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
        let user = self
            .state
            .store()
            .find_by_identifier(Identifier::Username(username))
            .ok_or_else(|| format!("no user named {username}"))?;
        let code = random_id("fake_code_");
        self.state.protocol.store().codes.push(AuthCode {
            code: code.clone(),
            user,
            redirect_uri: redirect_uri.clone(),
            scope,
            nonce: get("nonce"),
            challenge,
            issued: Instant::now(),
        });
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("code", &code);
        if let Some(state) = get("state") {
            out.append_pair("state", &state);
        }
        let sep = if redirect_uri.contains('?') { '&' } else { '?' };
        Ok(format!("{redirect_uri}{sep}{}", out.finish()))
    }
}
