//! Response decoding: the `{statusCode, message, apiCode, requestId, data}` envelope, bare JSON,
//! and OAuth errors, into a typed `Result`.

use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::endpoint::ResponseKind;
use crate::error::{BODY_EXCERPT_LIMIT, Error, Result, excerpt};

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

/// Keys whose values never go into an error message.
const SENSITIVE_KEYS: &[&str] = &[
    "access_token",
    "id_token",
    "refresh_token",
    "token",
    "accessToken",
    "idToken",
    "refreshToken",
    "password",
    "client_secret",
    "passCode",
    "ticket",
    "code",
];

fn redact(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                if SENSITIVE_KEYS.contains(&k.as_str()) && !val.is_null() {
                    *val = serde_json::Value::String("<redacted>".into());
                } else {
                    redact(val);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// A bounded excerpt of a body for errors, with token-like JSON values redacted.
///
/// A body that does not parse (truncated JSON, HTML, form encoding) is redacted lexically:
/// the string value after any `"<sensitive key>":`, and the value after `<sensitive key>=`,
/// become `<redacted>`, so a token in a *truncated* login reply does not reach the error either.
pub(crate) fn safe_excerpt(body: &[u8]) -> String {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut v) => {
            redact(&mut v);
            excerpt(v.to_string().as_bytes())
        }
        Err(_) => {
            // Only the part an excerpt can show is scanned (plus slack for a key cut at the end).
            let window = &body[..body.len().min(BODY_EXCERPT_LIMIT * 4)];
            let text = redact_text(&String::from_utf8_lossy(window));
            let mut out: String = text.chars().take(BODY_EXCERPT_LIMIT).collect();
            if out.len() < text.len() || body.len() > window.len() {
                out.push('\u{2026}');
            }
            out
        }
    }
}

/// Scans the JSON string token that starts at `text[start] == '"'`; returns the index just past
/// its closing quote (or `text.len()` when it is unterminated) and its raw contents.
fn scan_string(text: &str, start: usize) -> (usize, &str) {
    let bytes = text.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return (i + 1, &text[start + 1..i]),
            _ => i += 1,
        }
    }
    (text.len(), &text[(start + 1).min(text.len())..])
}

/// Lexical redaction for bodies that are not valid JSON (see [`safe_excerpt`]).
fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(pos) = rest.find(['"', '=']) else {
            out.push_str(rest);
            break;
        };
        let at = i + pos;
        if text.as_bytes()[at] == b'=' {
            // `key=value` (form or query encoding): redact up to the next separator.
            out.push_str(&text[i..=at]);
            i = at + 1;
            let key_start = text[..at]
                .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_')
                .len();
            if SENSITIVE_KEYS.contains(&&text[key_start..at]) {
                let value_len = text[i..]
                    .find(|c: char| c == '&' || c == '"' || c == '<' || c.is_whitespace())
                    .unwrap_or(text.len() - i);
                if value_len > 0 {
                    out.push_str("<redacted>");
                    i += value_len;
                }
            }
            continue;
        }
        out.push_str(&text[i..at]);
        let (end, token) = scan_string(text, at);
        out.push_str(&text[at..end]);
        i = end;
        if !SENSITIVE_KEYS.contains(&token) {
            continue;
        }
        let after_key = text[i..].trim_start();
        let Some(after_colon) = after_key.strip_prefix(':') else {
            continue;
        };
        let value = after_colon.trim_start();
        let value_start = text.len() - value.len();
        if value.starts_with('"') {
            out.push_str(&text[i..value_start]);
            out.push_str("\"<redacted>\"");
            i = scan_string(text, value_start).0;
        }
    }
    out
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
                serde_json::from_value(serde_json::Value::String(text))
                    .map_err(|e| decode_error(e, &body))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> http::Response<Bytes> {
        let mut r = http::Response::new(Bytes::from(body.to_owned()));
        *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
        r
    }

    #[test]
    fn envelope_success_and_errors() {
        let v: serde_json::Value = decode(
            ResponseKind::Envelope,
            resp(200, r#"{"statusCode":200,"message":"ok","data":{"a":1}}"#),
        )
        .unwrap();
        assert_eq!(v, serde_json::json!({"a": 1}));
        let () = decode(
            ResponseKind::Envelope,
            resp(200, r#"{"statusCode":200,"message":"ok"}"#),
        )
        .unwrap();
        let e = decode::<()>(
            ResponseKind::Envelope,
            resp(
                200,
                r#"{"statusCode":403,"apiCode":2333,"message":"bad","requestId":"r1"}"#,
            ),
        )
        .unwrap_err();
        assert_eq!(
            (e.status_code(), e.api_code(), e.request_id()),
            (Some(403), Some(2333), Some("r1"))
        );
        let e = decode::<()>(
            ResponseKind::Envelope,
            resp(200, r#"{"statusCode":429,"message":"slow"}"#),
        )
        .unwrap_err();
        assert!(matches!(
            e,
            Error::Api {
                status_code: 429,
                api_code: None,
                request_id: None,
                ..
            }
        ));
    }

    #[test]
    fn bad_bodies_are_typed_errors() {
        let e = decode::<()>(
            ResponseKind::Envelope,
            resp(400, r#"{"statusCode":200,"data":null}"#),
        )
        .unwrap_err();
        assert!(matches!(e, Error::HttpStatus { status: 400, .. }), "{e:?}");
        let e = decode::<()>(
            ResponseKind::Envelope,
            resp(502, "<html>Bad Gateway</html>"),
        )
        .unwrap_err();
        assert!(matches!(e, Error::HttpStatus { status: 502, .. }), "{e:?}");
        let e = decode::<()>(ResponseKind::Envelope, resp(200, r#"{"statusCode":20"#)).unwrap_err();
        assert!(matches!(e, Error::Decode { .. }));
        let e = decode::<()>(ResponseKind::Envelope, resp(200, "")).unwrap_err();
        assert!(matches!(e, Error::Decode { .. }));
        let e = decode::<u32>(
            ResponseKind::Envelope,
            resp(200, r#"{"statusCode":200,"data":"x"}"#),
        )
        .unwrap_err();
        assert!(matches!(e, Error::Decode { .. }));
        let e = decode::<()>(
            ResponseKind::OAuth,
            resp(
                400,
                r#"{"error":"invalid_grant","error_description":"nope"}"#,
            ),
        )
        .unwrap_err();
        assert!(matches!(e, Error::OAuth { status: 400, .. }));
    }

    #[test]
    fn either_accepts_bare_and_enveloped() {
        let bare: serde_json::Value = decode(
            ResponseKind::Either,
            resp(200, r#"{"rsa":{"publicKey":"k"}}"#),
        )
        .unwrap();
        assert_eq!(bare["rsa"]["publicKey"], "k");
        let env: serde_json::Value = decode(
            ResponseKind::Either,
            resp(
                200,
                r#"{"statusCode":200,"data":{"rsa":{"publicKey":"k"}}}"#,
            ),
        )
        .unwrap();
        assert_eq!(env["rsa"]["publicKey"], "k");
    }

    #[test]
    fn excerpts_redact_tokens() {
        let e = decode::<u32>(
            ResponseKind::Envelope,
            resp(
                200,
                r#"{"statusCode":200,"data":{"access_token":"SECRET-AT","x":1}}"#,
            ),
        )
        .unwrap_err();
        let text = format!("{e} {e:?}");
        assert!(!text.contains("SECRET-AT"), "{text}");
    }

    #[test]
    fn excerpts_of_broken_bodies_redact_tokens_lexically() {
        for body in [
            r#"{"statusCode":200,"data":{"access_token":"SECRET-AT","id_token" : "SECRET-ID"#,
            r#"{"statusCode":200,"data":{"x":"a\"b","refresh_token":"SECRET-RT\"more"#,
            r#"<html>access_token=SECRET-AT&x=1 code=SECRET-CODE</html>"#,
            r#"{"passCode":"SECRET-PC"  "#,
        ] {
            let e = decode::<u32>(ResponseKind::Envelope, resp(200, body)).unwrap_err();
            let text = format!("{e} {e:?}");
            assert!(!text.contains("SECRET"), "{text}");
            assert!(text.contains("<redacted>"), "{text}");
        }
        // Not a key: kept.
        assert_eq!(
            redact_text(r#"{"type":"token","a":"b"#),
            r#"{"type":"token","a":"b"#
        );
        assert_eq!(redact_text("é=1 token=é"), "é=1 token=<redacted>");
        assert_eq!(redact_text(r#""access_token":"#), r#""access_token":"#);
    }
}
