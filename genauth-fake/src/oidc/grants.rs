//! The token endpoint: `client_credentials`, `authorization_code` (with PKCE), `refresh_token`
//! and `password` grants.

use serde_json::json;
use sha2::{Digest as _, Sha256};

use super::client::{authenticate_form, with_client_fields};
use super::form::{Form, has_scope, invalid_grant, invalid_request, oauth_error};
use super::keys::b64;
use super::mint::{access_token, user_token_response};
use super::now_secs;
use crate::FakeServer;
use crate::handlers::{AuthMethod, Ctx, Reply};
use crate::signin::parse_basic;
use crate::users::Identifier;

/// `POST /oidc/token` and `/oauth/token`.
pub(crate) fn token(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let form = Form::parse(ctx)?;
    match form.req("grant_type")? {
        "client_credentials" => client_credentials(ctx, &form),
        "authorization_code" => {
            form.allow_only(&with_client_fields(&[
                "grant_type",
                "code",
                "redirect_uri",
                "code_verifier",
            ]))?;
            authenticate_form(ctx, &form, ctx.state.auth_method)?;
            authorization_code(ctx, &form)
        }
        "refresh_token" => {
            form.allow_only(&with_client_fields(&[
                "grant_type",
                "refresh_token",
                "scope",
            ]))?;
            authenticate_form(ctx, &form, ctx.state.auth_method)?;
            refresh_token(ctx, &form)
        }
        "password" => {
            form.allow_only(&with_client_fields(&[
                "grant_type",
                "username",
                "email",
                "phone",
                "password",
                "scope",
            ]))?;
            authenticate_form(ctx, &form, ctx.state.auth_method)?;
            password_grant(ctx, &form)
        }
        other => Err(oauth_error(
            400,
            "unsupported_grant_type",
            format!("grant_type {other:?} is not supported"),
        )),
    }
}

fn client_credentials(ctx: &Ctx<'_>, form: &Form) -> Result<Reply, Reply> {
    form.allow_only(&with_client_fields(&["grant_type", "scope"]))?;
    let config = &ctx.state.protocol.config;
    if ctx.header("authorization").and_then(parse_basic).is_some() {
        return Err(oauth_error(
            401,
            "invalid_client",
            "client_credentials takes the AccessKey/SecretKey in the form, not as Basic",
        ));
    }
    match (form.get("client_id"), form.get("client_secret")) {
        (Some(ak), Some(sk)) if ak == config.m2m_access_key && sk == config.m2m_secret_key => {}
        _ => {
            return Err(oauth_error(
                401,
                "invalid_client",
                "unknown AccessKey or wrong SecretKey",
            ));
        }
    }
    let scope = form
        .get("scope")
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| oauth_error(400, "invalid_scope", "client_credentials requires a scope"))?;
    let token = access_token(ctx, None, &config.m2m_access_key, scope);
    Ok(Reply::Bare(json!({
        "access_token": token,
        "expires_in": ctx.state.token_ttl,
        "scope": scope,
        "token_type": "Bearer",
    })))
}

fn authorization_code(ctx: &Ctx<'_>, form: &Form) -> Result<Reply, Reply> {
    let code = form.req("code")?;
    let redirect_uri = form.req("redirect_uri")?;
    let record = {
        let mut store = ctx.state.protocol.store();
        let at = store.codes.iter().position(|c| c.code == code);
        // Single use: consumed whatever happens next.
        at.map(|i| store.codes.remove(i))
    };
    let record =
        record.ok_or_else(|| invalid_grant("authorization code is invalid or was already used"))?;
    if record.issued.elapsed() > ctx.state.protocol.config.authorization_code_ttl {
        return Err(invalid_grant("authorization code expired"));
    }
    if record.redirect_uri != redirect_uri {
        return Err(invalid_grant(
            "redirect_uri does not match the authorize request",
        ));
    }
    match (&record.challenge, form.get("code_verifier")) {
        (Some((challenge, method)), Some(verifier)) => {
            let computed = if method == "S256" {
                b64(&Sha256::digest(verifier.as_bytes()))
            } else {
                verifier.to_owned()
            };
            if &computed != challenge {
                return Err(invalid_grant("PKCE verification failed"));
            }
        }
        (Some(_), None) => return Err(invalid_grant("code_verifier required")),
        (None, Some(_)) => {
            return Err(invalid_grant(
                "code_verifier sent but the authorize request had no code_challenge",
            ));
        }
        (None, None) if ctx.state.auth_method == AuthMethod::None => {
            return Err(invalid_grant("public clients must use PKCE"));
        }
        (None, None) => {}
    }
    Ok(user_token_response(
        ctx,
        &record.user,
        &record.scope,
        record.nonce.as_deref(),
        None,
    ))
}

/// `grant_type=refresh_token`: a protocol refresh token, or one from an `/api/v3` login
/// (`offline_access`); either way it is kept, and the new access token is a protocol one.
fn refresh_token(ctx: &Ctx<'_>, form: &Form) -> Result<Reply, Reply> {
    let token = form.req("refresh_token")?;
    let protocol = {
        let store = ctx.state.protocol.store();
        store
            .grants
            .iter()
            .find(|g| g.refresh && g.token == token)
            .map(|g| (g.user.clone(), g.scope.clone(), g.revoked))
    };
    let login = || {
        let found = ctx.state.store().refresh_grant(token);
        found.map(|(user, scope, revoked)| (Some(user), scope, revoked))
    };
    let (user, scope) = match protocol.or_else(login) {
        None => return Err(invalid_grant("refresh token is invalid")),
        Some((_, _, true)) => return Err(invalid_grant("refresh token was revoked")),
        Some((user, scope, false)) => (user, scope),
    };
    let user = user.ok_or_else(|| invalid_grant("refresh token has no user"))?;
    let scope = match form.get("scope") {
        Some(s) if s.split_whitespace().all(|w| has_scope(&scope, w)) => s.to_owned(),
        Some(_) => {
            return Err(oauth_error(
                400,
                "invalid_scope",
                "scope exceeds the original grant",
            ));
        }
        None => scope,
    };
    Ok(user_token_response(
        ctx,
        &user,
        &scope,
        None,
        Some(token.to_owned()),
    ))
}

fn password_grant(ctx: &Ctx<'_>, form: &Form) -> Result<Reply, Reply> {
    let given: Vec<(&str, &str)> = ["username", "email", "phone"]
        .into_iter()
        .filter_map(|k| form.get(k).map(|v| (k, v)))
        .collect();
    let &[(key, value)] = given.as_slice() else {
        return Err(invalid_request(
            "exactly one of username, email, phone is required",
        ));
    };
    let password = form.req("password")?;
    let ident = match key {
        "username" => Identifier::Username(value),
        "email" => Identifier::Email(value),
        _ => Identifier::Phone(value),
    };
    let user = {
        let store = ctx.state.store();
        store
            .find_by_identifier(ident)
            .filter(|id| store.password_matches(id, password))
    };
    let user = user.ok_or_else(|| invalid_grant("invalid credentials provided"))?;
    let scope = form.get("scope").unwrap_or("openid profile").to_owned();
    Ok(user_token_response(ctx, &user, &scope, None, None))
}

/// Protocol helpers for tests: the token endpoint.
impl FakeServer {
    /// Expires now every access token issued to the user whose username, email or phone is
    /// `account`, however it was issued (`/api/v3` logins and `/oidc/token` grants alike): user
    /// endpoints answer 401 (apiCode 2020), introspection says `active: false`, userinfo
    /// refuses them. Refresh tokens stay valid, so a `Session` refreshes as it would against
    /// GenAuth after expiry. Returns how many tokens it expired (0 for an unknown account).
    ///
    /// A JWT's `exp` claim cannot change afterwards: a verifier that checks tokens offline (the
    /// SDK's `TokenVerifier`, `Guard::offline`) accepts one until that time. To test expiry
    /// there, start the server with a short [`FakeServerConfig::token_ttl`](crate::FakeServerConfig::token_ttl).
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use genauth_client::{AuthenticationExt as _, GenAuthClient, GetProfileQuery, Profile as _};
    /// use genauth_fake::{FakeServer, FakeServerConfig};
    ///
    /// let server = FakeServer::start(FakeServerConfig::default()).await.unwrap();
    /// let client = GenAuthClient::new(server.client_options().build().unwrap()).unwrap();
    /// let tokens = client.sign_in_by_account_password("alice", "Passw0rd!", None).await.unwrap();
    /// let alice = client.with_user_token(tokens.access_token.unwrap());
    /// assert!(alice.get_profile(GetProfileQuery::default()).await.is_ok());
    ///
    /// assert_eq!(server.expire_access_tokens("alice"), 1);
    /// let err = alice.get_profile(GetProfileQuery::default()).await.unwrap_err();
    /// assert_eq!(err.status_code(), Some(401));
    /// # });
    /// ```
    pub fn expire_access_tokens(&self, account: &str) -> usize {
        let Some(user) = self
            .state
            .store()
            .find_by_identifier(Identifier::Account(account))
        else {
            return 0;
        };
        let from_logins = self.state.store().expire_access_tokens(&user);
        let now = now_secs();
        let mut protocol = self.state.protocol.store();
        let mut from_grants = 0;
        for grant in protocol
            .grants
            .iter_mut()
            .filter(|g| !g.refresh && g.user.as_ref() == Some(&user) && g.exp > now)
        {
            grant.exp = now;
            from_grants += 1;
        }
        from_logins + from_grants
    }

    /// How many requests reached the token endpoint (`/oidc/token` or `/oauth/token`) with
    /// form field `grant_type` equal to `grant_type` (e.g. `"refresh_token"`), whatever their
    /// outcome: faulted, rejected and successful requests all count, like
    /// [`FakeServer::request_count`].
    pub fn token_grant_count(&self, grant_type: &str) -> usize {
        self.state
            .requests()
            .iter()
            .filter(|r| r.path == "/oidc/token" || r.path == "/oauth/token")
            .filter(|r| {
                form_urlencoded::parse(&r.body).any(|(k, v)| k == "grant_type" && v == grant_type)
            })
            .count()
    }
}
