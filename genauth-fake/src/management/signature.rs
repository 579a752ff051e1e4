//! The server side of the Node SDK's request signature: the string to sign recomputed from the
//! request as the server received it, the HMAC-SHA1 compared in constant time, the `date`
//! checked against the clock and the nonce against replays.
//!
//! This is the fake's own reading of the scheme, written from the wire (and checked against
//! every request the Node SDK was recorded sending, `tests.rs`), not a call into the client's
//! signer, so a mistake on one side cannot cancel one on the other. The string to sign is:
//!
//! 1. the method and `\n`;
//! 2. every header named `date` or `x-authing-…`, sorted by name, each as `name:value\n`
//!    (tabs, line feeds, carriage returns and form feeds in the value made spaces, then trimmed
//!    as JavaScript's `trim` does);
//! 3. the percent-decoded path and, when there are parameters, `?` and the parameters sorted
//!    by name as `name=value` joined by `&`. The parameters are the query of a GET (as a
//!    Node server's query parser reads it: a name with `[]`, or repeated, is an array, signed
//!    as its JSON text) and the top-level members of the JSON body of every other method
//!    (strings as themselves, `null` as `null`, anything else as `JSON.stringify` writes it).
//!    The query of a non-GET request is not signed, as the Node SDK does not sign it.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha1::Sha1;

use super::{js, unauthorized};
use crate::RecordedRequest;
use crate::handlers::{Ctx, Reply};

/// The `authorization` scheme of a signed request: `authing <accessKeyId>:<signature>`.
pub(crate) const SCHEME: &str = "authing";
const DATE: &str = "date";
const NONCE: &str = "x-authing-signature-nonce";
const METHOD: &str = "x-authing-signature-method";
const VERSION: &str = "x-authing-signature-version";

/// The string to sign of the event websocket upgrade (`GET /events/v1/management/sub`): the
/// same for every connection of an access key, so it is never accepted on an HTTP route; only
/// the management event websocket (`src/events.rs`) takes it.
pub(crate) const WEBSOCKET_STRING_TO_SIGN: &str = "websocket\n";

/// The string to sign of `req`, recomputed from the request as received, and the names of the
/// signed parameters (for error messages, which never echo values).
pub(crate) fn string_to_sign(req: &RecordedRequest) -> Result<(String, Vec<String>), String> {
    let mut out = String::with_capacity(256);
    out.push_str(&req.method);
    out.push('\n');

    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, value) in &req.headers {
        let name = name.to_ascii_lowercase();
        if name != DATE && !name.starts_with("x-authing-") {
            continue;
        }
        if headers.iter().any(|(seen, _)| *seen == name) {
            return Err(format!("the signed header `{name}` is sent twice"));
        }
        headers.push((name, header_value(value)));
    }
    headers.sort_by(|a, b| js::order(&a.0, &b.0));
    for (name, value) in &headers {
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }

    out.push_str(&percent_decode(&req.path));
    let mut params = if req.method == "GET" {
        query_params(&req.query)
    } else {
        body_params(&req.body)?
    };
    if !params.is_empty() {
        params.sort_by(|a, b| js::order(&a.0, &b.0));
        out.push('?');
        for (i, (name, value)) in params.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(name);
            out.push('=');
            out.push_str(value);
        }
    }
    Ok((out, params.into_iter().map(|(name, _)| name).collect()))
}

/// A header value as signed: tab, LF, CR and form feed become spaces, then JavaScript's `trim`.
fn header_value(value: &str) -> String {
    let replaced = value.replace(['\t', '\n', '\r', '\u{c}'], " ");
    replaced.trim_matches(is_js_whitespace).to_owned()
}

/// JavaScript's WhiteSpace and LineTerminator (what `String.prototype.trim` removes).
fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `%XX` sequences decoded (the rest kept as is), then read as UTF-8 (lossily).
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The query as a Node server reads it: form-decoded pairs; a name ending in `[]`, or given more
/// than once, is an array of its values, rendered as JSON text; any other value as itself.
fn query_params(query: &str) -> Vec<(String, String)> {
    let mut grouped: Vec<(String, bool, Vec<String>)> = Vec::new();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let (name, array) = match name.strip_suffix("[]") {
            Some(base) => (base.to_owned(), true),
            None => (name.into_owned(), false),
        };
        match grouped.iter_mut().find(|(seen, _, _)| *seen == name) {
            Some((_, is_array, values)) => {
                *is_array = true;
                values.push(value.into_owned());
            }
            None => grouped.push((name, array, vec![value.into_owned()])),
        }
    }
    grouped
        .into_iter()
        .map(|(name, array, mut values)| {
            if array {
                let items = values.into_iter().map(Value::String).collect();
                let mut text = String::new();
                js::stringify(&Value::Array(items), &mut text);
                (name, text)
            } else {
                (name, values.swap_remove(0))
            }
        })
        .collect()
}

/// The top-level members of a JSON object body: strings as themselves, `null` as `null`, the
/// rest as `JSON.stringify` writes them. An empty body has none.
fn body_params(body: &[u8]) -> Result<Vec<(String, String)>, String> {
    if body.is_empty() {
        return Ok(Vec::new());
    }
    let map = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err("a signed request body must be a JSON object".to_owned()),
        Err(e) => return Err(format!("a signed request body must be JSON: {e}")),
    };
    Ok(map
        .into_iter()
        .map(|(name, value)| {
            let text = match value {
                Value::String(s) => s,
                other => {
                    let mut text = String::new();
                    js::stringify(&other, &mut text);
                    text
                }
            };
            (name, text)
        })
        .collect())
}

/// The signature alone: `authorization` is `authing <key_id>:<base64 signature>` and the
/// signature is HMAC-SHA1(`secret`, the string to sign), compared in constant time. The date and
/// the nonce are not looked at (see [`check`]).
pub(crate) fn verify(req: &RecordedRequest, key_id: &str, secret: &str) -> Result<(), String> {
    let string = string_to_sign(req)?;
    verify_string(req, key_id, secret, &string.0).map_err(|e| match e {
        Mismatch::Refused(message) => message,
        Mismatch::Signature => format!(
            "the request signature does not match the request as received: method {}, the \
             `date` and `x-authing-*` headers, path {:?}{}",
            req.method,
            percent_decode(&req.path),
            if string.1.is_empty() {
                " and no parameters".to_owned()
            } else {
                format!(" and the parameters {:?}", string.1)
            }
        ),
    })
}

/// The websocket upgrade's signature: HMAC-SHA1(`secret`, [`WEBSOCKET_STRING_TO_SIGN`]). The
/// Python SDK writes the scheme `genauth` where the Node SDK writes `authing`: both accepted.
pub(crate) fn verify_websocket(
    req: &RecordedRequest,
    key_id: &str,
    secret: &str,
) -> Result<(), String> {
    let py = req
        .header("authorization")
        .and_then(|a| a.trim().strip_prefix("genauth "))
        .map(|rest| {
            let mut req = req.clone();
            for (name, value) in &mut req.headers {
                if name.eq_ignore_ascii_case("authorization") {
                    *value = format!("{SCHEME} {rest}");
                }
            }
            req
        });
    verify_string(
        py.as_ref().unwrap_or(req),
        key_id,
        secret,
        WEBSOCKET_STRING_TO_SIGN,
    )
    .map_err(|e| match e {
        Mismatch::Refused(message) => message,
        Mismatch::Signature => "the websocket signature does not match".to_owned(),
    })
}

enum Mismatch {
    Refused(String),
    Signature,
}

fn verify_string(
    req: &RecordedRequest,
    key_id: &str,
    secret: &str,
    string: &str,
) -> Result<(), Mismatch> {
    let refused = |m: &str| Mismatch::Refused(m.to_owned());
    let authorization = req
        .header("authorization")
        .ok_or_else(|| refused("no `authorization` header"))?;
    let credential = authorization
        .trim()
        .strip_prefix(SCHEME)
        .and_then(|rest| rest.strip_prefix(' '))
        .ok_or_else(|| refused("`authorization` is not `authing <accessKeyId>:<signature>`"))?;
    let (id, signature) = credential
        .split_once(':')
        .ok_or_else(|| refused("`authorization` is not `authing <accessKeyId>:<signature>`"))?;
    if id != key_id {
        return Err(refused("unknown access key id"));
    }
    let signature = STANDARD
        .decode(signature.trim())
        .map_err(|_| refused("the signature is not base64"))?;
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(string.as_bytes());
    // `verify_slice` compares in constant time.
    mac.verify_slice(&signature)
        .map_err(|_| Mismatch::Signature)
}

/// The full check of a signed HTTP request: the signature headers, the signature, the `date`
/// within the allowed skew of the server's clock, and a nonce not accepted before.
pub(super) fn check(ctx: &Ctx<'_>) -> Result<(), Reply> {
    let state = &ctx.state.management;
    let config = &state.config;
    let header = |name: &str| {
        ctx.header(name)
            .ok_or_else(|| unauthorized(format!("a signed request needs the `{name}` header")))
    };
    let method = header(METHOD)?;
    if method != "HMAC-SHA1" {
        return Err(unauthorized(format!(
            "`{METHOD}` must be HMAC-SHA1, got {method:?}"
        )));
    }
    let version = header(VERSION)?;
    if version != "1.0" {
        return Err(unauthorized(format!(
            "`{VERSION}` must be 1.0, got {version:?}"
        )));
    }
    let nonce = header(NONCE)?;
    if nonce.len() != 32 || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(unauthorized(format!("`{NONCE}` must be 32 hex digits")));
    }
    let date = header(DATE)?;
    let sent = parse_http_date(date).ok_or_else(|| {
        unauthorized(format!(
            "`date` must be an RFC 1123 date such as \"Mon, 30 Nov 2026 03:45:35 GMT\", got {date:?}"
        ))
    })?;

    verify(ctx.req, &config.access_key_id, &config.access_key_secret).map_err(unauthorized)?;

    let now = unix_now();
    let skew = i64::try_from(config.signature_skew.as_secs()).unwrap_or(i64::MAX);
    if (now - sent).abs() > skew {
        return Err(unauthorized(format!(
            "the request's `date` is {} s away from the server's clock; at most {skew} s are allowed",
            (now - sent).abs()
        )));
    }
    if !state.accept_nonce(nonce) {
        return Err(unauthorized(
            "the signature nonce was already used: a replayed request",
        ));
    }
    Ok(())
}

fn unix_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Seconds since the epoch of an RFC 1123 date, `Mon, 30 Nov 2026 03:45:35 GMT` (two-digit
/// day, four-digit year, the weekday consistent with the date); `None` for anything else.
pub(crate) fn parse_http_date(s: &str) -> Option<i64> {
    let rest = s.strip_suffix(" GMT")?;
    let (weekday, rest) = rest.split_once(", ")?;
    let mut parts = rest.split(' ');
    let (day, month, year, time) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || day.len() != 2 || year.len() != 4 || time.len() != 8 {
        return None;
    }
    let number = |s: &str| -> Option<i64> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (day, year) = (number(day)?, number(year)?);
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let mut hms = time.split(':');
    let (h, m, sec) = (
        number(hms.next()?)?,
        number(hms.next()?)?,
        number(hms.next()?)?,
    );
    if h > 23 || m > 59 || sec > 59 || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    if WEEKDAYS[days.rem_euclid(7) as usize] != weekday {
        return None;
    }
    Some(days * 86_400 + h * 3_600 + m * 60 + sec)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Mon, 30 Nov 2026 03:45:35 GMT"),
            Some(1_796_010_335)
        );
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2000 00:00:00 GMT"),
            Some(951_782_400)
        );
        assert_eq!(
            parse_http_date("Sun, 31 Dec 2023 23:59:59 GMT"),
            Some(1_704_067_199)
        );
        for bad in [
            "Tue, 30 Nov 2026 03:45:35 GMT",  // wrong weekday
            "Mon, 30 Nov 2026 03:45:35 UTC",  // not GMT
            "Mon, 30 Nov 2026 3:45:35 GMT",   // one-digit hour
            "Mon, 31 Nov 2026 03:45:35 GMT",  // no such day
            "Thu, 29 Feb 2001 00:00:00 GMT",  // not a leap year
            "Mon, 30 Nov 2026 24:00:00 GMT",  // no such hour
            "Mon,  30 Nov 2026 03:45:35 GMT", // extra space
            "2026-11-30T03:45:35Z",
            "",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn paths_are_percent_decoded() {
        assert_eq!(
            percent_decode("/api/v3/ip-list/%7Bid%7D"),
            "/api/v3/ip-list/{id}"
        );
        assert_eq!(percent_decode("/a%2"), "/a%2");
        assert_eq!(percent_decode("/%e4%b8%ad"), "/中");
    }

    #[test]
    fn query_arrays_and_repeats_are_json_arrays() {
        let params = query_params("b=x+y%26z&ids%5B%5D=a&ids%5B%5D=b&one%5B%5D=c&r=1&r=2");
        assert_eq!(
            params,
            vec![
                ("b".to_owned(), "x y&z".to_owned()),
                ("ids".to_owned(), r#"["a","b"]"#.to_owned()),
                ("one".to_owned(), r#"["c"]"#.to_owned()),
                ("r".to_owned(), r#"["1","2"]"#.to_owned()),
            ]
        );
    }

    #[test]
    fn body_members_render_as_javascript_does() {
        let params =
            body_params(br#"{"s":"raw text","n":null,"i":1.0,"o":{"b":2,"a":[1,"x"]}}"#).unwrap();
        assert_eq!(
            params,
            vec![
                ("s".to_owned(), "raw text".to_owned()),
                ("n".to_owned(), "null".to_owned()),
                ("i".to_owned(), "1".to_owned()),
                ("o".to_owned(), r#"{"b":2,"a":[1,"x"]}"#.to_owned()),
            ]
        );
        assert!(body_params(b"[1]").is_err());
        assert!(body_params(b"{").is_err());
        assert_eq!(body_params(b"").unwrap(), vec![]);
    }

    #[test]
    fn header_values_are_trimmed_like_javascript() {
        assert_eq!(header_value(" a\tb \u{feff}"), "a b");
        assert_eq!(header_value("x\u{85}"), "x\u{85}");
    }
}
