//! Fuzzes response decoding: `genauth_client::envelope::decode` for every `ResponseKind`, into
//! the SDK's response types (the token set, system info, plain JSON, `()`), under any HTTP
//! status. Input: byte 0 picks the kind, bytes 1-2 the status, the rest is the body.
//!
//! Checks: no panic; every failure is a decoding error (`Decode`, `Api`, `OAuth`,
//! `HttpStatus`); error texts stay bounded; a success only under a 2xx status.
#![no_main]

use bytes::Bytes;
use genauth_client::endpoint::ResponseKind;
use genauth_client::envelope::decode_with_meta;
use genauth_client::{ErrorKind, LoginTokenSet, SystemInfo};
use libfuzzer_sys::fuzz_target;

const KINDS: [ResponseKind; 6] = [
    ResponseKind::Envelope,
    ResponseKind::Bare,
    ResponseKind::Either,
    ResponseKind::OAuth,
    ResponseKind::Empty,
    ResponseKind::Text,
];

fn check<T: serde::de::DeserializeOwned>(kind: ResponseKind, status: u16, body: &[u8]) {
    let mut resp = http::Response::new(Bytes::copy_from_slice(body));
    *resp.status_mut() = http::StatusCode::from_u16(status).expect("100..=999");
    let (result, meta) = decode_with_meta::<T>(kind, resp);
    assert_eq!(meta.http_status, status);
    match result {
        Ok(_) => assert!(
            (200..300).contains(&status),
            "{kind:?} accepted HTTP {status}"
        ),
        Err(e) => {
            assert!(
                matches!(
                    e.kind(),
                    ErrorKind::Decode | ErrorKind::Api | ErrorKind::OAuth | ErrorKind::HttpStatus
                ),
                "unexpected error {e:?}"
            );
            let text = format!("{e} {e:?}");
            assert!(
                text.len() <= 4096,
                "unbounded error text: {} bytes",
                text.len()
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let (status, body) = match rest {
        [a, b, body @ ..] => (100 + u16::from_le_bytes([*a, *b]) % 500, body),
        _ => (200, rest),
    };
    let kind = KINDS[usize::from(k) % KINDS.len()];
    check::<serde_json::Value>(kind, status, body);
    check::<LoginTokenSet>(kind, status, body);
    check::<SystemInfo>(kind, status, body);
    check::<()>(kind, status, body);
});
