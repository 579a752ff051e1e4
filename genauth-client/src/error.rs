//! The SDK's error type: one enum callers can branch on.

use std::time::Duration;

use crate::api_code::ApiCode;

/// `Result` with the SDK's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Longest excerpt of a response body an error keeps.
pub(crate) const BODY_EXCERPT_LIMIT: usize = 512;

/// Everything that can go wrong in a call.
///
/// Messages never contain a password, app secret, passcode or token: bodies are kept only as
/// bounded excerpts of what the *server* sent, and requests are never echoed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an envelope whose `statusCode` is not 200.
    #[error("GenAuth API error: statusCode={status_code}{} message={message:?}{}",
        api_code.map(|c| format!(" apiCode={c}")).unwrap_or_default(),
        request_id.as_deref().map(|r| format!(" requestId={r}")).unwrap_or_default())]
    Api {
        /// Business status (`statusCode`), e.g. 403.
        status_code: i64,
        /// Fine-grained code (`apiCode`), e.g. 2333, when the server sent one.
        api_code: Option<i64>,
        /// Server message (localised by `lang`).
        message: String,
        /// Server request id, when sent.
        request_id: Option<String>,
    },
    /// An OAuth/OIDC endpoint answered `{error, error_description}`.
    #[error("OAuth error (HTTP {status}): {error}{}", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    OAuth {
        /// HTTP status.
        status: u16,
        /// `error` code, e.g. `invalid_grant`.
        error: String,
        /// `error_description`.
        description: Option<String>,
    },
    /// The server answered a non-success HTTP status without a decodable body.
    #[error("HTTP status {status}: {body_excerpt:?}")]
    HttpStatus {
        /// HTTP status code.
        status: u16,
        /// Bounded excerpt of the response body.
        body_excerpt: String,
    },
    /// The response body could not be decoded into the expected type.
    #[error("could not decode response ({reason}): body starts {body_excerpt:?}")]
    Decode {
        /// What went wrong (serde's message, or a shape problem).
        reason: String,
        /// Bounded excerpt of the raw body.
        body_excerpt: String,
    },
    /// The response body exceeded the configured maximum.
    #[error("response body larger than the {limit}-byte limit")]
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The call did not complete within the timeout.
    #[error("request timed out after {0:?}")]
    Timeout(Duration),
    /// Connection failure, TLS failure, connection closed, …
    #[error("transport error: {0}")]
    Transport(String),
    /// The request could not be built (a parameter did not serialise, an empty path parameter…).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The client is misconfigured (missing app id, malformed public key, bad host…).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// Password encryption failed (password too long for the key, …).
    #[error("password encryption failed: {0}")]
    Encrypt(String),
    /// The OIDC/OAuth redirect did not yield an authorization code (the user declined, the
    /// `state` does not match, …); see [`crate::oidc::parse_callback`].
    #[error(transparent)]
    Callback(#[from] CallbackError),
}

/// The kind of an [`Error`], for logging and exit-code mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::Api`]
    Api,
    /// [`Error::OAuth`]
    OAuth,
    /// [`Error::HttpStatus`]
    HttpStatus,
    /// [`Error::Decode`]
    Decode,
    /// [`Error::BodyTooLarge`]
    BodyTooLarge,
    /// [`Error::Timeout`]
    Timeout,
    /// [`Error::Transport`]
    Transport,
    /// [`Error::InvalidRequest`]
    InvalidRequest,
    /// [`Error::Config`]
    Config,
    /// [`Error::Encrypt`]
    Encrypt,
    /// [`Error::Callback`]
    Callback,
}

impl ErrorKind {
    /// Stable snake_case name, e.g. `api`, `timeout`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Api => "api",
            ErrorKind::OAuth => "oauth",
            ErrorKind::HttpStatus => "http_status",
            ErrorKind::Decode => "decode",
            ErrorKind::BodyTooLarge => "body_too_large",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Transport => "transport",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::Config => "config",
            ErrorKind::Encrypt => "encrypt",
            ErrorKind::Callback => "callback",
        }
    }
}

impl Error {
    /// The error's kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Api { .. } => ErrorKind::Api,
            Error::OAuth { .. } => ErrorKind::OAuth,
            Error::HttpStatus { .. } => ErrorKind::HttpStatus,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::BodyTooLarge { .. } => ErrorKind::BodyTooLarge,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::Transport(_) => ErrorKind::Transport,
            Error::InvalidRequest(_) => ErrorKind::InvalidRequest,
            Error::Config(_) => ErrorKind::Config,
            Error::Encrypt(_) => ErrorKind::Encrypt,
            Error::Callback(_) => ErrorKind::Callback,
        }
    }

    /// `apiCode` of an API error, by name ([`ApiCode::Unknown`] for numbers without one):
    /// `err.api_code() == Some(ApiCode::InvalidCredentials)`. The raw number stays in
    /// [`Error::Api`]'s `api_code` field.
    pub fn api_code(&self) -> Option<ApiCode> {
        match self {
            Error::Api { api_code, .. } => api_code.map(ApiCode::from),
            _ => None,
        }
    }

    /// `statusCode` of an API error.
    pub fn status_code(&self) -> Option<i64> {
        match self {
            Error::Api { status_code, .. } => Some(*status_code),
            _ => None,
        }
    }

    /// `requestId` of an API error.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status of an [`Error::HttpStatus`] or [`Error::OAuth`] reply (an [`Error::Api`]
    /// envelope usually arrives with HTTP 200 and carries its status in
    /// [`Error::status_code`]).
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::HttpStatus { status, .. } | Error::OAuth { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// A bounded, char-boundary-safe excerpt of a body for error messages.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(BODY_EXCERPT_LIMIT * 4)]);
    let mut out: String = text.chars().take(BODY_EXCERPT_LIMIT).collect();
    if text.chars().count() > BODY_EXCERPT_LIMIT || body.len() > BODY_EXCERPT_LIMIT * 4 {
        out.push('…');
    }
    out
}

/// Why a callback did not yield an authorization code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The authorization server answered with an error (RFC 6749 §4.1.2.1), e.g.
    /// `access_denied` when the user declined.
    #[error("authorization failed: {error}{}", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Denied {
        /// `error`, e.g. `access_denied`, `invalid_scope`, `login_required`.
        error: String,
        /// `error_description`, when sent.
        description: Option<String>,
        /// `error_uri`, when sent.
        uri: Option<String>,
    },
    /// The `state` that came back is not the one sent with the authorize request (or one is
    /// missing): the redirect may be forged (CSRF). Do not exchange anything.
    #[error("the callback's state does not match the authorize request's")]
    StateMismatch,
    /// Neither `code` nor `error` is in the callback.
    #[error("the callback carries no authorization code")]
    MissingCode,
    /// The callback is not a well-formed authorization response (a parameter given twice, or
    /// the input is too long).
    #[error("malformed callback: {0}")]
    Malformed(String),
}
