//! Form bodies of the protocol endpoints, scope matching, and RFC 6749 error replies.

use axum::http::StatusCode;
use serde_json::json;

use crate::handlers::{Ctx, Reply};

/// An RFC 6749 error reply.
pub(super) fn oauth_error(status: u16, error: &str, description: impl Into<String>) -> Reply {
    Reply::Status(
        StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
        json!({"error": error, "error_description": description.into()}),
    )
}

pub(super) fn invalid_request(description: impl Into<String>) -> Reply {
    oauth_error(400, "invalid_request", description)
}

pub(super) fn invalid_grant(description: impl Into<String>) -> Reply {
    oauth_error(400, "invalid_grant", description)
}

/// A form body: `content-type: application/x-www-form-urlencoded`, no repeated keys.
pub(super) struct Form(Vec<(String, String)>);

impl Form {
    pub(super) fn parse(ctx: &Ctx<'_>) -> Result<Form, Reply> {
        let content_type = ctx.header("content-type").unwrap_or_default();
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        if !essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            return Err(invalid_request(format!(
                "expected content-type application/x-www-form-urlencoded, got {content_type:?}"
            )));
        }
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(&ctx.req.body).into_owned().collect();
        for (i, (k, _)) in pairs.iter().enumerate() {
            if pairs[..i].iter().any(|(other, _)| other == k) {
                return Err(invalid_request(format!("parameter `{k}` is repeated")));
            }
        }
        Ok(Form(pairs))
    }

    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn req(&self, key: &str) -> Result<&str, Reply> {
        match self.get(key) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(invalid_request(format!("missing parameter `{key}`"))),
        }
    }

    pub(super) fn allow_only(&self, allowed: &[&str]) -> Result<(), Reply> {
        match self.0.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            Some((k, _)) => Err(invalid_request(format!(
                "unknown parameter `{k}`; expected one of {allowed:?}"
            ))),
            None => Ok(()),
        }
    }
}

pub(super) fn has_scope(scope: &str, wanted: &str) -> bool {
    scope.split_whitespace().any(|s| s == wanted)
}
