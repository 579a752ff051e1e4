//! What verification returns: the claims of a verified token, or why it was rejected.

use jsonwebtoken::errors::ErrorKind as JwtErrorKind;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Why a token was rejected. Messages never contain the token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// Not three base64url parts, bad JSON, or a claim of the wrong type.
    #[error("the token is not a well-formed JWT: {0}")]
    Malformed(String),
    /// `alg` is not RS256 (or HS256 for an ID token), e.g. `none`.
    #[error("unsupported signing algorithm {0}")]
    UnsupportedAlgorithm(String),
    /// No JWKS key has the token's `kid`, even after fetching the JWKS again.
    #[error("no key with kid {0:?} in the JWKS")]
    UnknownKid(String),
    /// The token has no `kid` and the JWKS has more than one key.
    #[error("the token has no kid and the JWKS does not have exactly one key")]
    MissingKid,
    /// An HS256 token, but the client has no app secret.
    #[error("an HS256 token needs the app secret, and none is configured")]
    MissingSecret,
    /// The signature does not verify with the selected key.
    #[error("the token signature is invalid")]
    BadSignature,
    /// `exp` has passed (beyond the leeway).
    #[error("the token has expired")]
    Expired,
    /// `nbf` is in the future (beyond the leeway).
    #[error("the token is not valid yet (nbf)")]
    NotYetValid,
    /// `iat` is in the future (beyond the leeway).
    #[error("the token was issued in the future (iat)")]
    IssuedInFuture,
    /// `iss` is not `{app_host}/oidc`.
    #[error("the token issuer is not the expected one")]
    WrongIssuer,
    /// `aud` does not contain the expected audience.
    #[error("the token audience is not the expected one")]
    WrongAudience,
    /// A required claim is absent.
    #[error("the token has no `{0}` claim")]
    MissingClaim(String),
    /// A nonce was expected and the token's differs or is absent.
    #[error("the token nonce does not match")]
    NonceMismatch,
    /// The JWKS could not be fetched or decoded.
    #[error("could not fetch the JWKS: {0}")]
    Jwks(#[source] Error),
}

/// Claims of a verified ID token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdTokenClaims {
    /// Issuer, `{app_host}/oidc`.
    pub iss: String,
    /// Subject: the user id.
    pub sub: String,
    /// Audience: the app id (a string, or an array containing it).
    pub aud: serde_json::Value,
    /// Expiry, seconds since the epoch.
    pub exp: u64,
    /// Issued at, seconds since the epoch.
    pub iat: u64,
    /// The nonce of the authorize request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// Time of the authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_time: Option<u64>,
    /// Every other claim (profile claims per scope, `at_hash`, …).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Claims of a verified access token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessTokenClaims {
    /// Issuer, `{app_host}/oidc`.
    pub iss: String,
    /// Subject: the user id (absent for client-credentials tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    /// Audience.
    pub aud: serde_json::Value,
    /// Expiry, seconds since the epoch.
    pub exp: u64,
    /// Issued at, seconds since the epoch.
    pub iat: u64,
    /// Granted scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Every other claim.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

pub(super) fn map_jwt_error(e: jsonwebtoken::errors::Error) -> VerifyError {
    match e.kind() {
        JwtErrorKind::InvalidSignature => VerifyError::BadSignature,
        JwtErrorKind::ExpiredSignature => VerifyError::Expired,
        JwtErrorKind::ImmatureSignature => VerifyError::NotYetValid,
        JwtErrorKind::InvalidIssuer => VerifyError::WrongIssuer,
        JwtErrorKind::InvalidAudience => VerifyError::WrongAudience,
        JwtErrorKind::MissingRequiredClaim(c) => VerifyError::MissingClaim(c.clone()),
        JwtErrorKind::InvalidAlgorithm | JwtErrorKind::InvalidAlgorithmName => {
            VerifyError::UnsupportedAlgorithm("mismatched or unknown alg".into())
        }
        _ => VerifyError::Malformed(e.to_string()),
    }
}
