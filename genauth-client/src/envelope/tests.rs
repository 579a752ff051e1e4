use bytes::Bytes;

use super::redact::redact_text;
use super::*;
use crate::endpoint::ResponseKind;
use crate::error::Error;

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
        (
            Some(403),
            Some(crate::ApiCode::InvalidCredentials),
            Some("r1")
        )
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
