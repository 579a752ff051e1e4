//! Token introspection (RFC 7662) and revocation (RFC 7009), for protocol and `/api/v3` login
//! tokens.

use serde_json::{Value, json};

use super::client::{auth_method, authenticate_form, with_client_fields};
use super::form::Form;
use super::mint::issuer;
use super::now_secs;
use crate::handlers::{Ctx, Reply};

/// `POST /oidc/token/introspection` and `/oauth/token/introspection`.
pub(crate) fn introspect(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let form = Form::parse(ctx)?;
    form.allow_only(&with_client_fields(&["token", "token_type_hint"]))?;
    let method = auth_method(
        ctx.state.protocol.config.introspection_auth_method,
        ctx.state.auth_method,
    );
    authenticate_form(ctx, &form, method)?;
    let token = form.req("token")?;
    let store = ctx.state.protocol.store();
    let now = now_secs();
    let found = store
        .grants
        .iter()
        .find(|g| g.token == token && !g.revoked && g.exp > now);
    Ok(Reply::Bare(match found {
        None => {
            drop(store);
            login_token_introspection(ctx, token)
        }
        Some(g) => {
            let mut body = json!({
                "active": true,
                "scope": g.scope,
                "client_id": g.client_id,
                "token_type": if g.refresh { "refresh_token" } else { "access_token" },
                "iat": g.iat,
                "iss": issuer(ctx),
                "aud": ctx.state.app_id,
            });
            if !g.refresh {
                body["exp"] = g.exp.into();
            }
            if let Some(u) = &g.user {
                body["sub"] = u.0.clone().into();
            }
            body
        }
    }))
}

/// Introspection of a token issued by an `/api/v3` login (sign-in, QR ticket, mobile), which
/// lives in the user store: `{"active": false}` unless it is valid.
fn login_token_introspection(ctx: &Ctx<'_>, token: &str) -> Value {
    let Some(info) = ctx.state.store().token_info(token) else {
        return json!({"active": false});
    };
    let mut body = json!({
        "active": true,
        "scope": info.scope,
        "client_id": ctx.state.app_id,
        "token_type": if info.refresh { "refresh_token" } else { "access_token" },
        "iat": info.iat,
        "iss": issuer(ctx),
        "aud": ctx.state.app_id,
        "sub": info.user_id.0,
    });
    if let Some(exp) = info.exp {
        body["exp"] = exp.into();
    }
    body
}

/// `POST /oidc/token/revocation` and `/oauth/token/revocation`: always 200 (RFC 7009). Revokes
/// protocol tokens and `/api/v3` login tokens alike, each token on its own: a revoked refresh
/// token no longer refreshes (`invalid_grant`), a revoked access token is inactive on
/// introspection and rejected by userinfo and every user endpoint (statusCode 401, apiCode 2020).
pub(crate) fn revoke(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let form = Form::parse(ctx)?;
    form.allow_only(&with_client_fields(&["token", "token_type_hint"]))?;
    let method = auth_method(
        ctx.state.protocol.config.revocation_auth_method,
        ctx.state.auth_method,
    );
    authenticate_form(ctx, &form, method)?;
    let token = form.req("token")?;
    {
        let mut store = ctx.state.protocol.store();
        for g in store.grants.iter_mut().filter(|g| g.token == token) {
            g.revoked = true;
        }
    }
    ctx.state.store().revoke_token(token);
    Ok(Reply::Bare(json!({})))
}
