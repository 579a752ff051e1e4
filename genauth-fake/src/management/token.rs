//! Management tokens: `POST /api/v3/get-management-token` issues them, [`check`] accepts them.
//!
//! A token is an HS256 JWT (keyed with a random per-server key) whose payload is
//! `{"sub": <accessKeyId>, "scoped_userpool_id": <user pool id>, "iat", "exp", "jti"}`. The
//! server also remembers each one it issued, so [`FakeServer::expire_management_tokens`]
//! can expire them early.
//!
//! [`FakeServer::expire_management_tokens`]: crate::FakeServer::expire_management_tokens

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::json;

use super::{TokenStatus, unauthorized};
use crate::handlers::{Ctx, Fields, Reply};

/// `POST /api/v3/get-management-token` `{accessKeyId, accessKeySecret}` →
/// `data: {access_token, expires_in}`. A wrong key id or secret is statusCode 401 (HTTP 200,
/// like every business error), a malformed body statusCode 400.
pub(crate) fn issue(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let state = &ctx.state.management;
    state.token_requests.fetch_add(1, Ordering::Relaxed);
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["accessKeyId", "accessKeySecret"])?;
    let id = fields.req_str("accessKeyId")?;
    let secret = fields.req_str("accessKeySecret")?;
    let config = &state.config;
    // Both compared whatever the outcome of the first; the secret in constant time.
    let id_ok = id == config.access_key_id;
    let secret_ok = constant_time_eq(secret.as_bytes(), config.access_key_secret.as_bytes());
    if !(id_ok && secret_ok) {
        return Err(Reply::error(
            401,
            "the access key id or secret is wrong: no management token",
        ));
    }

    let iat = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let jti = genauth_client::oidc::random_token(16).unwrap_or_else(|_| iat.to_string());
    let claims = json!({
        "sub": config.access_key_id,
        "scoped_userpool_id": config.userpool_id,
        "iat": iat,
        "exp": iat + config.token_ttl,
        "jti": jti,
    });
    let token = crate::oidc::sign_hs256(&state.token_key, &claims);
    let expires = Instant::now() + Duration::from_secs(config.token_ttl);
    state.remember_token(token.clone(), expires);
    Ok(Reply::success(Some(json!({
        "access_token": token,
        "expires_in": config.token_ttl,
    }))))
}

/// A bearer token: one this server issued, not expired, with `<prefix>userpool-id` naming the
/// user pool it is scoped to.
pub(super) fn check(ctx: &Ctx<'_>, token: &str) -> Result<(), Reply> {
    let state = &ctx.state.management;
    match state.token_status(token) {
        TokenStatus::Valid => {}
        TokenStatus::Expired => {
            return Err(unauthorized(
                "the management token has expired: get a new one from \
                 POST /api/v3/get-management-token",
            ));
        }
        TokenStatus::Unknown => {
            return Err(unauthorized(
                "unknown management token: get one from POST /api/v3/get-management-token",
            ));
        }
    }
    let name = format!("{}userpool-id", ctx.state.header_prefix);
    match ctx.header(&name) {
        Some(id) if id == state.config.userpool_id => Ok(()),
        Some(_) => Err(unauthorized(format!(
            "`{name}` does not name the user pool the management token is scoped to"
        ))),
        None => Err(unauthorized(format!(
            "a management token needs the `{name}` header (its `scoped_userpool_id` claim)"
        ))),
    }
}

/// Equality of two byte strings in time that depends on their lengths only.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = u8::from(a.len() != b.len());
    for (i, x) in a.iter().enumerate() {
        diff |= x ^ b.get(i).copied().unwrap_or(!x);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn constant_time_equality() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(constant_time_eq(b"", b""));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret!"));
        assert!(!constant_time_eq(b"secret!", b"secret"));
        assert!(!constant_time_eq(b"", b"x"));
    }
}
