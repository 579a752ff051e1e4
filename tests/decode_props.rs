//! Properties of response decoding (`genauth::envelope::decode`) over arbitrary input:
//! arbitrary bytes, arbitrary JSON, envelope-shaped JSON and truncations of it, with any HTTP
//! status, for every `ResponseKind` and the SDK's response types. Decoding never panics, every
//! failure is one of the decoding errors (`Decode`, `Api`, `OAuth`, `HttpStatus`) with a bounded
//! message, and a token in the body never reaches an error message.
//!
//! The same decoder is fuzzed by `fuzz/fuzz_targets/decode.rs` (`scripts/fuzz.sh`).

use bytes::Bytes;
use genauth::endpoint::ResponseKind;
use genauth::envelope::decode;
use genauth::{Error, ErrorKind, IsSuccess, LoginTokenSet, SystemInfo, UserInfo};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

const KINDS: [ResponseKind; 6] = [
    ResponseKind::Envelope,
    ResponseKind::Bare,
    ResponseKind::Either,
    ResponseKind::OAuth,
    ResponseKind::Empty,
    ResponseKind::Text,
];

/// Longest error text: excerpts are capped at 512 characters (escaped once by `Debug`).
const MAX_MESSAGE: usize = 4_096;

fn response(status: u16, body: Vec<u8>) -> http::Response<Bytes> {
    let mut r = http::Response::new(Bytes::from(body));
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
    r
}

fn check_one<T: DeserializeOwned>(kind: ResponseKind, status: u16, body: &[u8]) -> Option<String> {
    match decode::<T>(kind, response(status, body.to_vec())) {
        Ok(_) => {
            // Success only on 2xx (an envelope may still say otherwise, but HTTP must agree).
            assert!(
                (200..300).contains(&status),
                "{kind:?} accepted HTTP {status}"
            );
            None
        }
        Err(e) => {
            assert!(
                matches!(
                    e.kind(),
                    ErrorKind::Decode | ErrorKind::Api | ErrorKind::OAuth | ErrorKind::HttpStatus
                ),
                "{kind:?}: unexpected error kind {e:?}"
            );
            if let Error::HttpStatus { status: s, .. } = &e {
                assert_eq!(*s, status);
            }
            let text = format!("{e} | {e:?}");
            assert!(text.len() <= MAX_MESSAGE, "{} bytes: {text}", text.len());
            Some(text)
        }
    }
}

/// Decodes `body` under every kind into every response type; returns all error texts.
fn check_all(status: u16, body: &[u8]) -> Vec<String> {
    let mut texts = Vec::new();
    for kind in KINDS {
        texts.extend(check_one::<Value>(kind, status, body));
        texts.extend(check_one::<LoginTokenSet>(kind, status, body));
        texts.extend(check_one::<SystemInfo>(kind, status, body));
        texts.extend(check_one::<UserInfo>(kind, status, body));
        texts.extend(check_one::<IsSuccess>(kind, status, body));
        texts.extend(check_one::<()>(kind, status, body));
        texts.extend(check_one::<Option<u64>>(kind, status, body));
    }
    texts
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => Just(200u16),
        1 => prop::sample::select(vec![201u16, 204, 400, 401, 403, 404, 413, 429, 500, 502, 503, 504]),
        1 => 100u16..600,
    ]
}

/// Keys the decoders look at, plus noise.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "statusCode",
            "message",
            "apiCode",
            "requestId",
            "data",
            "error",
            "error_description",
            "access_token",
            "id_token",
            "refresh_token",
            "expires_in",
            "expire_in",
            "token_type",
            "scope",
            "rsa",
            "sm2",
            "publicKey",
            "userId",
            "success",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z_]{0,8}",
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(vec![200i64, 400, 403, 429, 500, 2333]).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// An envelope or OAuth-error shape with a token inside.
fn tokened_body() -> impl Strategy<Value = (String, String)> {
    let token = "[A-Za-z0-9]{16,32}";
    (
        token,
        prop::sample::select(vec![
            "access_token",
            "id_token",
            "refresh_token",
            "accessToken",
        ]),
        json(),
        prop::option::of(prop::sample::select(vec![200i64, 400, 403, 500])),
    )
        .prop_map(|(token, key, extra, code)| {
            let mut data = Map::new();
            data.insert("scope".into(), "openid".into());
            data.insert(key.into(), Value::String(format!("TOK{token}")));
            data.insert("extra".into(), extra);
            let mut env = Map::new();
            if let Some(c) = code {
                env.insert("statusCode".into(), c.into());
            }
            env.insert("message".into(), "m".into());
            env.insert("data".into(), Value::Object(data));
            (Value::Object(env).to_string(), format!("TOK{token}"))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(status in status(), body in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_all(status, &body);
    }

    #[test]
    fn arbitrary_json_never_panics(status in status(), v in json()) {
        check_all(status, v.to_string().as_bytes());
    }

    #[test]
    fn truncated_and_corrupted_json_never_panics(
        status in status(),
        v in json(),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let text = v.to_string().into_bytes();
        let cut = cut.index(text.len() + 1);
        check_all(status, &text[..cut]);
        if !text.is_empty() {
            let mut corrupted = text.clone();
            corrupted[flip.index(text.len())] = byte;
            check_all(status, &corrupted);
        }
    }

    #[test]
    fn tokens_never_reach_error_messages(
        status in status(),
        (body, token) in tokened_body(),
        cut in any::<prop::sample::Index>(),
    ) {
        let bytes = body.as_bytes();
        for end in [bytes.len(), cut.index(bytes.len() + 1)] {
            for text in check_all(status, &bytes[..end]) {
                prop_assert!(!text.contains(&token), "token leaked: {}", text);
            }
        }
    }
}

#[test]
fn deep_nesting_and_huge_numbers_are_errors_not_crashes() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    check_all(200, deep.as_bytes());
    let deep_env = format!(
        r#"{{"statusCode":200,"data":{}{}}}"#,
        "{\"a\":".repeat(10_000),
        "}".repeat(10_000)
    );
    check_all(200, deep_env.as_bytes());
    check_all(200, br#"{"statusCode":1e999999,"data":1}"#);
    check_all(
        200,
        br#"{"statusCode":200,"data":{"expires_in":-1,"access_token":7}}"#,
    );
    check_all(200, "\u{feff}{\"statusCode\":200}".as_bytes());
    check_all(200, &[0xff, 0xfe, b'{', 0x80]);
}
