//! The decoders: envelope, bare JSON, empty replies and non-2xx replies.

use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::{ReplyMeta, safe_excerpt};
use crate::endpoint::ResponseKind;
use crate::error::{Error, Result};

/// The envelope with `data` left raw until `statusCode` says it is a success.
#[derive(Deserialize)]
struct RawEnvelope<'a> {
    #[serde(rename = "statusCode")]
    status_code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
    #[serde(rename = "apiCode", default)]
    api_code: Option<i64>,
    #[serde(rename = "requestId", default)]
    request_id: Option<String>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct OAuthError {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

fn decode_error(reason: impl std::fmt::Display, body: &[u8]) -> Error {
    Error::Decode {
        reason: reason.to_string(),
        body_excerpt: safe_excerpt(body),
    }
}

fn http_error(status: u16, body: &[u8]) -> Error {
    Error::HttpStatus {
        status,
        body_excerpt: safe_excerpt(body),
    }
}

/// Decodes `response` according to `kind`.
///
/// Never panics, whatever the bytes: every failure is an [`Error`] (`Decode`, `Api`, `OAuth` or
/// `HttpStatus`), and error texts carry only a bounded, redacted excerpt of the body.
pub fn decode<T: DeserializeOwned>(
    kind: ResponseKind,
    response: http::Response<Bytes>,
) -> Result<T> {
    decode_with_meta(kind, response).0
}

/// Like [`decode`], and also returns what the reply said about itself ([`ReplyMeta`]).
pub fn decode_with_meta<T: DeserializeOwned>(
    kind: ResponseKind,
    response: http::Response<Bytes>,
) -> (Result<T>, ReplyMeta) {
    let status = response.status();
    let mut meta = ReplyMeta {
        http_status: status.as_u16(),
        request_id: response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        ..ReplyMeta::default()
    };
    let body = response.into_body();
    let result = match kind {
        ResponseKind::Envelope => decode_envelope(status, &body, &mut meta),
        ResponseKind::Either => {
            if let Ok(env) = serde_json::from_slice::<RawEnvelope<'_>>(&body)
                && env.status_code.is_some()
            {
                decode_envelope(status, &body, &mut meta)
            } else {
                decode_bare(status, &body)
            }
        }
        ResponseKind::Bare | ResponseKind::OAuth => decode_bare(status, &body),
        ResponseKind::Text => {
            if status.is_success() {
                let text = String::from_utf8_lossy(&body).into_owned();
                // serde's message would quote the whole text (tokens included): say what failed
                // without it; the body excerpt is redacted as everywhere else.
                serde_json::from_value(serde_json::Value::String(text)).map_err(|_| {
                    decode_error(
                        "the text reply does not decode into the declared type",
                        &body,
                    )
                })
            } else {
                Err(non_success(status.as_u16(), &body))
            }
        }
        ResponseKind::Empty => {
            if status.is_success() {
                serde_json::from_slice(b"null").map_err(|e| decode_error(e, &body))
            } else {
                Err(non_success(status.as_u16(), &body))
            }
        }
    };
    if let Err(Error::Api {
        status_code,
        api_code,
        request_id,
        ..
    }) = &result
    {
        meta.status_code = Some(*status_code);
        meta.api_code = *api_code;
        if request_id.is_some() {
            meta.request_id.clone_from(request_id);
        }
    }
    (result, meta)
}

/// The common case in one pass: `statusCode` 200 with a `data` that decodes as `T`.
#[derive(Deserialize)]
struct TypedEnvelope<T> {
    #[serde(rename = "statusCode")]
    status_code: i64,
    #[serde(rename = "apiCode", default)]
    api_code: Option<i64>,
    #[serde(rename = "requestId", default)]
    request_id: Option<String>,
    #[serde(default = "Option::default")]
    data: Option<T>,
}

fn decode_envelope<T: DeserializeOwned>(
    status: http::StatusCode,
    body: &Bytes,
    meta: &mut ReplyMeta,
) -> Result<T> {
    // Fast path: a 2xx success envelope whose `data` is a `T`, decoded in one pass. Anything
    // else (errors, absent/null `data`, shape problems) takes the careful path below, which
    // decides what the error is.
    if status.is_success()
        && let Ok(TypedEnvelope {
            status_code: 200,
            api_code,
            request_id,
            data: Some(data),
        }) = serde_json::from_slice::<TypedEnvelope<T>>(body)
    {
        meta.status_code = Some(200);
        meta.api_code = api_code;
        if request_id.is_some() {
            meta.request_id = request_id;
        }
        return Ok(data);
    }
    let env: RawEnvelope<'_> = match serde_json::from_slice(body) {
        Ok(env) => env,
        Err(e) => {
            return Err(if status.is_success() {
                decode_error(format!("not a GenAuth envelope: {e}"), body)
            } else {
                non_success(status.as_u16(), body)
            });
        }
    };
    let Some(code) = env.status_code else {
        return Err(if status.is_success() {
            decode_error("the envelope has no statusCode", body)
        } else {
            non_success(status.as_u16(), body)
        });
    };
    meta.status_code = Some(code);
    meta.api_code = env.api_code;
    if env.request_id.is_some() {
        meta.request_id.clone_from(&env.request_id);
    }
    if code != 200 {
        return Err(Error::Api {
            status_code: code,
            api_code: env.api_code,
            message: env.message.unwrap_or_default(),
            request_id: env.request_id,
        });
    }
    if !status.is_success() {
        // A "success" envelope under an HTTP error status: trust neither; report the HTTP error.
        return Err(http_error(status.as_u16(), body));
    }
    let data = env.data.map(RawValue::get).unwrap_or("null");
    serde_json::from_str(data).map_err(|e| decode_error(format!("unexpected `data`: {e}"), body))
}

fn decode_bare<T: DeserializeOwned>(status: http::StatusCode, body: &Bytes) -> Result<T> {
    if !status.is_success() {
        return Err(non_success(status.as_u16(), body));
    }
    serde_json::from_slice(body).map_err(|e| decode_error(e, body))
}

/// A non-2xx reply: an OAuth error, an envelope error, or a plain HTTP status error.
fn non_success(status: u16, body: &[u8]) -> Error {
    if let Ok(e) = serde_json::from_slice::<OAuthError>(body) {
        return Error::OAuth {
            status,
            error: e.error,
            description: e.error_description,
        };
    }
    if let Ok(env) = serde_json::from_slice::<RawEnvelope<'_>>(body)
        && let Some(code) = env.status_code
    {
        return Error::Api {
            status_code: code,
            api_code: env.api_code,
            message: env.message.unwrap_or_default(),
            request_id: env.request_id,
        };
    }
    http_error(status, body)
}
