//! Response decoding: the `{statusCode, message, apiCode, requestId, data}` envelope, bare JSON,
//! and OAuth errors, into a typed `Result`.

// `decode`: `decode` and `decode_with_meta`, per `ResponseKind`; `redact`: the bounded,
// redacted body excerpts that error texts carry.
mod decode;
mod redact;
#[cfg(test)]
mod tests;

pub use decode::{decode, decode_with_meta};
pub(crate) use redact::safe_excerpt;

/// What a reply said about itself, whether or not it decoded: for tracing spans and logs.
///
/// Holds no body data, only the HTTP status and the envelope's `statusCode`, `apiCode` and
/// `requestId` (the latter falling back to an `x-request-id` header).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplyMeta {
    /// HTTP status of the reply.
    pub http_status: u16,
    /// Envelope `statusCode`, when the body is an envelope.
    pub status_code: Option<i64>,
    /// Envelope `apiCode`, when sent.
    pub api_code: Option<i64>,
    /// Envelope `requestId`, else the `x-request-id` header, when sent.
    pub request_id: Option<String>,
}
