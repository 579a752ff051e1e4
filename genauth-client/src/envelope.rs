//! Response decoding: the `{statusCode, message, apiCode, requestId, data}` envelope, bare JSON,
//! and OAuth errors, into a typed `Result`.

use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::endpoint::ResponseKind;
use crate::error::{Error, Result, excerpt};

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
pub(crate) fn safe_excerpt(body: &[u8]) -> String {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut v) => {
            redact(&mut v);
            excerpt(v.to_string().as_bytes())
        }
        Err(_) => excerpt(body),
    }
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
pub fn decode<T: DeserializeOwned>(kind: ResponseKind, response: http::Response<Bytes>) -> Result<T> {
    let status = response.status();
    let body = response.into_body();
    match kind {
        ResponseKind::Envelope => decode_envelope(status, &body),
        ResponseKind::Either => {
            if let Ok(env) = serde_json::from_slice::<RawEnvelope<'_>>(&body)
                && env.status_code.is_some()
            {
                return decode_envelope(status, &body);
            }
            decode_bare(status, &body)
        }
        ResponseKind::Bare | ResponseKind::OAuth => decode_bare(status, &body),
        ResponseKind::Empty => {
            if status.is_success() {
                serde_json::from_slice(b"null").map_err(|e| decode_error(e, &body))
            } else {
                Err(non_success(status.as_u16(), &body))
            }
        }
    }
}

fn decode_envelope<T: DeserializeOwned>(status: http::StatusCode, body: &Bytes) -> Result<T> {
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
    if code != 200 {
        return Err(Error::Api {
            status_code: code,
            api_code: env.api_code,
            message: env.message.unwrap_or_default(),
            request_id: env.request_id,
        });
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
        let v: serde_json::Value =
            decode(ResponseKind::Envelope, resp(200, r#"{"statusCode":200,"message":"ok","data":{"a":1}}"#)).unwrap();
        assert_eq!(v, serde_json::json!({"a": 1}));
        let () = decode(ResponseKind::Envelope, resp(200, r#"{"statusCode":200,"message":"ok"}"#)).unwrap();
        let e = decode::<()>(
            ResponseKind::Envelope,
            resp(200, r#"{"statusCode":403,"apiCode":2333,"message":"bad","requestId":"r1"}"#),
        )
        .unwrap_err();
        assert_eq!((e.status_code(), e.api_code(), e.request_id()), (Some(403), Some(2333), Some("r1")));
        let e = decode::<()>(ResponseKind::Envelope, resp(200, r#"{"statusCode":429,"message":"slow"}"#)).unwrap_err();
        assert!(matches!(e, Error::Api { status_code: 429, api_code: None, request_id: None, .. }));
    }

    #[test]
    fn bad_bodies_are_typed_errors() {
        let e = decode::<()>(ResponseKind::Envelope, resp(502, "<html>Bad Gateway</html>")).unwrap_err();
        assert!(matches!(e, Error::HttpStatus { status: 502, .. }), "{e:?}");
        let e = decode::<()>(ResponseKind::Envelope, resp(200, r#"{"statusCode":20"#)).unwrap_err();
        assert!(matches!(e, Error::Decode { .. }));
        let e = decode::<()>(ResponseKind::Envelope, resp(200, "")).unwrap_err();
        assert!(matches!(e, Error::Decode { .. }));
        let e = decode::<u32>(ResponseKind::Envelope, resp(200, r#"{"statusCode":200,"data":"x"}"#)).unwrap_err();
        assert!(matches!(e, Error::Decode { .. }));
        let e = decode::<()>(ResponseKind::OAuth, resp(400, r#"{"error":"invalid_grant","error_description":"nope"}"#))
            .unwrap_err();
        assert!(matches!(e, Error::OAuth { status: 400, .. }));
    }

    #[test]
    fn either_accepts_bare_and_enveloped() {
        let bare: serde_json::Value = decode(ResponseKind::Either, resp(200, r#"{"rsa":{"publicKey":"k"}}"#)).unwrap();
        assert_eq!(bare["rsa"]["publicKey"], "k");
        let env: serde_json::Value =
            decode(ResponseKind::Either, resp(200, r#"{"statusCode":200,"data":{"rsa":{"publicKey":"k"}}}"#)).unwrap();
        assert_eq!(env["rsa"]["publicKey"], "k");
    }

    #[test]
    fn excerpts_redact_tokens() {
        let e = decode::<u32>(
            ResponseKind::Envelope,
            resp(200, r#"{"statusCode":200,"data":{"access_token":"SECRET-AT","x":1}}"#),
        )
        .unwrap_err();
        let text = format!("{e} {e:?}");
        assert!(!text.contains("SECRET-AT"), "{text}");
    }
}
