//! Bounded excerpts of response bodies for error texts, with token-like values redacted.

use crate::error::{BODY_EXCERPT_LIMIT, excerpt};

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
pub(super) fn redact_text(text: &str) -> String {
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
