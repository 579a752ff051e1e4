//! Token minting: the issuer, profile claims, signed ID tokens, recorded access tokens, and the
//! token responses of protocol grants and `/api/v3` logins.

use serde_json::{Map, Value, json};

use super::form::has_scope;
use super::keys::{sign_hs256, sign_rs256};
use super::{FakeIdTokenAlg, TokenGrant, now_secs, random_id};
use crate::FakeServer;
use crate::handlers::{Ctx, Reply};
use crate::users::UserId;

/// `http://<host>/oidc`, from the request's `Host` header.
pub(super) fn issuer(ctx: &Ctx<'_>) -> String {
    format!("http://{}/oidc", ctx.header("host").unwrap_or("127.0.0.1"))
}

/// Profile claims of `user` allowed by `scope`.
pub(super) fn profile_claims(
    ctx: &Ctx<'_>,
    user: &UserId,
    scope: &str,
    claims: &mut Map<String, Value>,
) {
    let store = ctx.state.store();
    let Some(u) = store.user(user) else {
        return;
    };
    if (has_scope(scope, "profile") || has_scope(scope, "username"))
        && let Some(n) = &u.username
    {
        claims.insert("preferred_username".into(), n.clone().into());
        claims.insert("name".into(), n.clone().into());
    }
    if has_scope(scope, "email")
        && let Some(e) = &u.email
    {
        claims.insert("email".into(), e.clone().into());
        claims.insert("email_verified".into(), false.into());
    }
    if has_scope(scope, "phone")
        && let Some(p) = &u.phone
    {
        claims.insert("phone_number".into(), p.clone().into());
        claims.insert("phone_number_verified".into(), false.into());
    }
}

/// A signed ID token for `user`.
fn id_token(ctx: &Ctx<'_>, user: &UserId, scope: &str, nonce: Option<&str>) -> String {
    let now = now_secs();
    let mut claims = Map::new();
    claims.insert("iss".into(), issuer(ctx).into());
    claims.insert("sub".into(), user.0.clone().into());
    claims.insert("aud".into(), ctx.state.app_id.clone().into());
    claims.insert("iat".into(), now.into());
    claims.insert("exp".into(), (now + ctx.state.token_ttl).into());
    claims.insert("auth_time".into(), now.into());
    if let Some(n) = nonce {
        claims.insert("nonce".into(), n.into());
    }
    profile_claims(ctx, user, scope, &mut claims);
    let claims = Value::Object(claims);
    match ctx.state.protocol.config.id_token_alg {
        FakeIdTokenAlg::Rs256 => sign_rs256(ctx.state.protocol.store().key_index, &claims),
        FakeIdTokenAlg::Hs256 => sign_hs256(&ctx.state.app_secret, &claims),
    }
}

/// An RS256 access token's claims, signed, valid `ctx.state.token_ttl` seconds from `now`.
fn signed_access_token(
    ctx: &Ctx<'_>,
    user: Option<&UserId>,
    client_id: &str,
    scope: &str,
    now: u64,
) -> String {
    let mut claims = json!({
        "iss": issuer(ctx),
        "aud": ctx.state.app_id,
        "iat": now,
        "exp": now + ctx.state.token_ttl,
        "scope": scope,
        "client_id": client_id,
        "jti": random_id(""),
    });
    if let Some(u) = user {
        claims["sub"] = u.0.clone().into();
    }
    let key_index = ctx.state.protocol.store().key_index;
    sign_rs256(key_index, &claims)
}

/// Mints and records an RS256 access token.
pub(super) fn access_token(
    ctx: &Ctx<'_>,
    user: Option<&UserId>,
    client_id: &str,
    scope: &str,
) -> String {
    let now = now_secs();
    let token = signed_access_token(ctx, user, client_id, scope, now);
    ctx.state.protocol.store().grants.push(TokenGrant {
        token: token.clone(),
        refresh: false,
        user: user.cloned(),
        client_id: client_id.to_owned(),
        scope: scope.to_owned(),
        iat: now,
        exp: now + ctx.state.token_ttl,
        revoked: false,
    });
    token
}

/// The protocol token response for a user grant (code, refresh, password).
pub(super) fn user_token_response(
    ctx: &Ctx<'_>,
    user: &UserId,
    scope: &str,
    nonce: Option<&str>,
    refresh_token: Option<String>,
) -> Reply {
    let app_id = ctx.state.app_id.clone();
    let mut body = Map::new();
    body.insert(
        "access_token".into(),
        access_token(ctx, Some(user), &app_id, scope).into(),
    );
    body.insert("expires_in".into(), ctx.state.token_ttl.into());
    if has_scope(scope, "openid") {
        body.insert("id_token".into(), id_token(ctx, user, scope, nonce).into());
    }
    let refresh = refresh_token.or_else(|| {
        has_scope(scope, "offline_access").then(|| {
            let token = random_id("fake_rt_");
            ctx.state.protocol.store().grants.push(TokenGrant {
                token: token.clone(),
                refresh: true,
                user: Some(user.clone()),
                client_id: app_id.clone(),
                scope: scope.to_owned(),
                iat: now_secs(),
                exp: u64::MAX,
                revoked: false,
            });
            token
        })
    });
    if let Some(r) = refresh {
        body.insert("refresh_token".into(), r.into());
    }
    body.insert("scope".into(), scope.into());
    body.insert("token_type".into(), "Bearer".into());
    Reply::Bare(Value::Object(body))
}

/// The enveloped `data` of every `/api/v3/*` login (password and passcode sign-in, QR ticket
/// exchange, mobile and WebAuthn sign-in): an RS256 JWT access token and an ID token signed as
/// the app is set ([`FakeOidcConfig::id_token_alg`](crate::FakeOidcConfig)), as GenAuth issues
/// them, so `TokenVerifier` and the bearer guard accept them; both are recorded in the user
/// store, so user endpoints, introspection and revocation know them; a refresh token with
/// `offline_access`.
pub(crate) fn login_token_data(ctx: &Ctx<'_>, user: UserId, scope: &str) -> Value {
    let id = id_token(ctx, &user, scope, None);
    let app_id = ctx.state.app_id.clone();
    let access = signed_access_token(ctx, Some(&user), &app_id, scope, now_secs());
    let tokens = ctx
        .state
        .store()
        .record_tokens(user, scope, ctx.state.token_ttl, access, id);
    let mut data = Map::new();
    data.insert("scope".into(), tokens.scope.into());
    data.insert("access_token".into(), tokens.access_token.into());
    data.insert("id_token".into(), tokens.id_token.into());
    if let Some(refresh) = tokens.refresh_token {
        data.insert("refresh_token".into(), refresh.into());
    }
    data.insert("token_type".into(), "Bearer".into());
    data.insert("expire_in".into(), ctx.state.token_ttl.into());
    Value::Object(data)
}

/// Protocol helpers for tests: the issuer.
impl FakeServer {
    /// The issuer in tokens the server signs for a client that uses [`FakeServer::base_url`]:
    /// `http://127.0.0.1:<port>/oidc`.
    pub fn issuer(&self) -> String {
        format!("{}/oidc", self.base_url())
    }
}
