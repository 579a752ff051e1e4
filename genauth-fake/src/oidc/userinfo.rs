//! Userinfo (`/oidc/me`) and the lookup of the user behind a protocol access token.

use serde_json::{Map, Value};

use super::form::{Form, oauth_error};
use super::mint::profile_claims;
use super::now_secs;
use crate::handlers::{Ctx, Reply};
use crate::users::{UserId, strip_bearer};

/// The user of a protocol access token (from `/oidc/token`) that is unrevoked and unexpired,
/// raw or as `Bearer <token>`: user endpoints accept these as well as `/api/v3` login tokens.
pub(crate) fn protocol_token_user(ctx: &Ctx<'_>, authorization: &str) -> Option<UserId> {
    let token = strip_bearer(authorization.trim());
    let now = now_secs();
    let store = ctx.state.protocol.store();
    let grant = store
        .grants
        .iter()
        .find(|g| !g.refresh && g.token == token && !g.revoked && g.exp > now)?;
    grant.user.clone()
}

/// `GET|POST /oidc/me` and `/oauth/me`: the token as `Bearer`, form `access_token` (POST) or
/// query `access_token`. Accepts protocol access tokens and `/api/v3` login access tokens.
pub(crate) fn user_info(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let invalid = |d: &str| oauth_error(401, "invalid_token", d);
    let from_header = ctx.header("authorization").and_then(|h| {
        let (scheme, rest) = h.trim().split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| rest.trim().to_owned())
    });
    let from_body = if ctx.req.method == "POST" && !ctx.req.body.is_empty() {
        let form = Form::parse(ctx)?;
        form.allow_only(&["access_token"])?;
        form.get("access_token").map(str::to_owned)
    } else {
        None
    };
    let from_query = ctx
        .req
        .query_pairs()
        .into_iter()
        .find(|(k, _)| k == "access_token")
        .map(|(_, v)| v);
    let token = from_header
        .or(from_body)
        .or(from_query)
        .ok_or_else(|| invalid("no access token"))?;
    let now = now_secs();
    let grant = {
        let store = ctx.state.protocol.store();
        store
            .grants
            .iter()
            .find(|g| !g.refresh && g.token == token)
            .map(|g| (g.user.clone(), g.scope.clone(), g.revoked || g.exp <= now))
    };
    let (user, scope) = match grant {
        Some((_, _, true)) => return Err(invalid("access token expired or revoked")),
        Some((Some(user), scope, false)) => (user, scope),
        Some((None, _, false)) => {
            return Err(invalid("the token has no user (client credentials)"));
        }
        None => match ctx.state.store().user_for_token(&token) {
            Some(user) => (user, "openid profile email phone".to_owned()),
            None => return Err(invalid("access token is invalid")),
        },
    };
    let mut claims = Map::new();
    claims.insert("sub".into(), user.0.clone().into());
    profile_claims(ctx, &user, &scope, &mut claims);
    Ok(Reply::Bare(Value::Object(claims)))
}
