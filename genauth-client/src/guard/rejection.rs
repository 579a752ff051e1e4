//! Why a request was refused, and the RFC 6750 response for it.

use std::fmt;
use std::sync::Arc;

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::header::{CACHE_CONTROL, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{HeaderValue, StatusCode};

use crate::oidc::VerifyError;

/// Why the guard refused a request. As a response (`IntoResponse`) it follows RFC 6750 §3:
///
/// | variant | status | `WWW-Authenticate` |
/// |---|---|---|
/// | [`MissingToken`](Self::MissingToken) | 401 | `Bearer` |
/// | [`InvalidRequest`](Self::InvalidRequest) | 400 | `Bearer error="invalid_request", error_description="…"` |
/// | [`InvalidToken`](Self::InvalidToken) | 401 | `Bearer error="invalid_token", error_description="…"` |
/// | [`InsufficientScope`](Self::InsufficientScope) | 403 | `Bearer error="insufficient_scope", error_description="…", scope="…"` |
/// | [`Unavailable`](Self::Unavailable) | 503 | — |
///
/// Descriptions are fixed texts chosen by the kind of failure: they never echo the token or
/// anything else the client sent. The body is the same as JSON (`{"error", "error_description"}`).
#[derive(Debug)]
#[non_exhaustive]
pub enum GuardRejection {
    /// No `Authorization: Bearer` credentials (no header, or another scheme).
    MissingToken,
    /// The `Authorization` header is not a well-formed bearer credential (repeated, not visible
    /// ASCII, empty or oversized token, characters outside RFC 6750's `b64token`).
    InvalidRequest(&'static str),
    /// The token did not verify (signature, `kid`, expiry, issuer, audience, …) or the server
    /// reports it inactive. Offline, the cause is kept for logging.
    InvalidToken(Option<VerifyError>),
    /// The token is valid but lacks a scope the route requires (space-separated list).
    InsufficientScope {
        /// The scopes the route requires.
        required: Arc<str>,
    },
    /// The token could not be checked: the JWKS or the introspection endpoint was unreachable.
    /// Not the client's fault, so not a 401.
    Unavailable(crate::Error),
}

impl GuardRejection {
    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        match self {
            GuardRejection::MissingToken | GuardRejection::InvalidToken(_) => {
                StatusCode::UNAUTHORIZED
            }
            GuardRejection::InvalidRequest(_) => StatusCode::BAD_REQUEST,
            GuardRejection::InsufficientScope { .. } => StatusCode::FORBIDDEN,
            GuardRejection::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The RFC 6750 error code (`invalid_token`, …); `None` for a missing token.
    pub fn error_code(&self) -> Option<&'static str> {
        match self {
            GuardRejection::MissingToken => None,
            GuardRejection::InvalidRequest(_) => Some("invalid_request"),
            GuardRejection::InvalidToken(_) => Some("invalid_token"),
            GuardRejection::InsufficientScope { .. } => Some("insufficient_scope"),
            GuardRejection::Unavailable(_) => Some("temporarily_unavailable"),
        }
    }

    /// The fixed, client-safe description.
    pub fn description(&self) -> &'static str {
        match self {
            GuardRejection::MissingToken => "no bearer token",
            GuardRejection::InvalidRequest(d) => d,
            GuardRejection::InvalidToken(None) => "the token is not active",
            GuardRejection::InvalidToken(Some(e)) => describe(e),
            GuardRejection::InsufficientScope { .. } => {
                "the token lacks a scope this resource requires"
            }
            GuardRejection::Unavailable(_) => "the token could not be checked; try again later",
        }
    }

    fn www_authenticate(&self) -> Option<HeaderValue> {
        let code = match self {
            GuardRejection::Unavailable(_) => return None,
            GuardRejection::MissingToken => return Some(HeaderValue::from_static("Bearer")),
            other => other.error_code()?,
        };
        let mut value = format!(
            "Bearer error=\"{code}\", error_description=\"{}\"",
            self.description()
        );
        if let GuardRejection::InsufficientScope { required } = self {
            // Scopes are checked against RFC 6749's scope-token grammar when the route is
            // configured (`Guard::require_scopes`): no quote, backslash or control character.
            value.push_str(&format!(", scope=\"{required}\""));
        }
        Some(HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("Bearer")))
    }
}

/// A fixed description per verification failure; nothing from the token (such as an unknown
/// `kid` or `alg`) goes into a header.
fn describe(e: &VerifyError) -> &'static str {
    match e {
        VerifyError::Malformed(_) => "the token is not a well-formed JWT",
        VerifyError::UnsupportedAlgorithm(_) => "the token signing algorithm is not accepted",
        VerifyError::UnknownKid(_) | VerifyError::MissingKid => "the token signing key is unknown",
        VerifyError::BadSignature | VerifyError::MissingSecret => "the token signature is invalid",
        VerifyError::Expired => "the token has expired",
        VerifyError::NotYetValid => "the token is not valid yet",
        VerifyError::IssuedInFuture => "the token was issued in the future",
        VerifyError::WrongIssuer => "the token issuer is not accepted",
        VerifyError::WrongAudience => "the token audience is not accepted",
        VerifyError::MissingClaim(_) => "the token lacks a required claim",
        VerifyError::NonceMismatch => "the token nonce does not match",
        VerifyError::Jwks(_) => "the token could not be checked; try again later",
    }
}

impl fmt::Display for GuardRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status(), self.description())?;
        match self {
            GuardRejection::InvalidToken(Some(e)) => write!(f, " ({e})"),
            GuardRejection::InsufficientScope { required } => write!(f, " (needs {required})"),
            GuardRejection::Unavailable(e) => write!(f, " ({e})"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for GuardRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GuardRejection::InvalidToken(Some(e)) => Some(e),
            GuardRejection::Unavailable(e) => Some(e),
            _ => None,
        }
    }
}

impl IntoResponse for GuardRejection {
    fn into_response(self) -> Response {
        if let GuardRejection::Unavailable(e) = &self {
            tracing::warn!(error = %e, "bearer token could not be checked");
        } else {
            tracing::debug!(rejection = %self, "bearer token refused");
        }
        let body = match self.error_code() {
            Some(code) => serde_json::json!({
                "error": code,
                "error_description": self.description(),
            })
            .to_string(),
            None => String::new(),
        };
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status();
        let headers = response.headers_mut();
        if let Some(v) = self.www_authenticate() {
            headers.insert(WWW_AUTHENTICATE, v);
        }
        if self.error_code().is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(r: GuardRejection) -> (StatusCode, Option<String>) {
        let resp = r.into_response();
        let h = resp
            .headers()
            .get(WWW_AUTHENTICATE)
            .map(|v| v.to_str().unwrap().to_owned());
        (resp.status(), h)
    }

    #[test]
    fn responses_follow_rfc_6750() {
        assert_eq!(
            header(GuardRejection::MissingToken),
            (StatusCode::UNAUTHORIZED, Some("Bearer".into()))
        );
        assert_eq!(
            header(GuardRejection::InvalidToken(Some(VerifyError::Expired))),
            (
                StatusCode::UNAUTHORIZED,
                Some(
                    r#"Bearer error="invalid_token", error_description="the token has expired""#
                        .into()
                )
            )
        );
        // Attacker-controlled parts of the error never reach the header.
        let (_, h) = header(GuardRejection::InvalidToken(Some(VerifyError::UnknownKid(
            "\"evil\r\nX: y".into(),
        ))));
        assert_eq!(
            h.unwrap(),
            r#"Bearer error="invalid_token", error_description="the token signing key is unknown""#
        );
        assert_eq!(
            header(GuardRejection::InsufficientScope {
                required: "orders:write admin".into()
            }),
            (
                StatusCode::FORBIDDEN,
                Some(
                    r#"Bearer error="insufficient_scope", error_description="the token lacks a scope this resource requires", scope="orders:write admin""#
                        .into()
                )
            )
        );
        let (status, h) = header(GuardRejection::InvalidRequest("empty bearer token"));
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(h.unwrap().starts_with(r#"Bearer error="invalid_request""#));
        let (status, h) = header(GuardRejection::Unavailable(crate::Error::Config(
            "x".into(),
        )));
        assert_eq!((status, h), (StatusCode::SERVICE_UNAVAILABLE, None));
    }
}
