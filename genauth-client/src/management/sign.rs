//! The Management API request signature of the official Node SDK (`authing-node-sdk` 4.0.1).
//!
//! Instead of a management token, every Node SDK request carries
//!
//! ```text
//! authorization: authing <accessKeyId>:<base64(HMAC-SHA1(accessKeySecret, string to sign))>
//! date: Mon, 30 Nov 2026 03:45:35 GMT
//! x-authing-signature-nonce: <32 lowercase hex digits, fresh per request>
//! x-authing-signature-method: HMAC-SHA1
//! x-authing-signature-version: 1.0
//! ```
//!
//! next to its other `x-authing-*` headers (`x-authing-lang`, `x-authing-sdk-version`,
//! `x-authing-app-id`). [`string_to_sign`] builds the string to sign, [`Signer::sign`] signs
//! it, and [`Signer::sign_request_at`] / [`Signer::sign_request`] produce the five headers above
//! for one request.
//!
//! # The string to sign
//!
//! Three parts, concatenated with nothing in between:
//!
//! 1. the HTTP method as sent (upper case) and `\n`;
//! 2. every header named `date` or `x-authing-…`, sorted by name, each as `name:value\n`;
//! 3. the path, then `?` and the sorted `name=value` parameters joined by `&` (GET: the query;
//!    every other method: the top-level members of the JSON body).
//!
//! For example (a POST; the body was `{"sampleKey":"sample-data"}`):
//!
//! ```text
//! POST
//! date:Mon, 30 Nov 2026 03:45:35 GMT
//! x-authing-lang:zh-CN
//! x-authing-sdk-version:authing-node-sdk:4.0.1
//! x-authing-signature-method:HMAC-SHA1
//! x-authing-signature-nonce:7b80689d2111fd05703d07756ff38ba0
//! x-authing-signature-version:1.0
//! /api/v3/sample-url?sampleKey=sample-data
//! ```
//!
//! The rule for each part is written next to the code that applies it. All 811 requests the
//! Node SDK sent in the project's recording (`tests/data/`) are rebuilt and verified by
//! `tests/node_signatures.rs`.
//!
//! # The Node SDK's quirks, and what this module does with each
//!
//! The server recomputes the string from the request it receives, so what matters is agreeing
//! with that computation; the Node SDK is the only evidence of it. Where the Node SDK signs
//! something the wire cannot show, a server working from the wire cannot agree with it, and
//! this module signs what is on the wire instead, while still being able to reproduce the Node
//! string exactly (the tests do).
//!
//! * **Trailing `?`** (7 recorded cases, e.g. `listTenants()`): a GET whose parameters are all
//!   `undefined` is signed as `/api/v3/list-tenants?`, although the URL has no `?`. Not
//!   reproduced by the client: it leaves absent parameters out, so the list is empty and the
//!   path is signed bare. That is what the Node SDK itself signs for the 19 other recorded
//!   GETs without a query (wire requests of the same shape), and the only form a server
//!   rebuilding from the URL can compute. [`ParamValue::Undefined`] exists to reproduce the Node
//!   string when needed (tests).
//! * **`null` GET parameter** (1 recorded case): signed as `withCustomData=null` while axios
//!   leaves it out of the URL. Not reproduced by the client: an absent optional is left out of
//!   both the URL and the string. [`ParamValue::Null`] still renders `name=null`, which is right
//!   for JSON bodies, where a `null` member is on the wire (`listUsers` with a `null` option).
//! * **The query of a non-GET request is not signed** (`deleteAuth`'s `authIds`, `upload`'s
//!   `private`, `makeRequest`): reproduced, because the server has to agree with the Node SDK
//!   here (both pieces are on the wire, and a server that also signed the query would reject
//!   the official SDK on those endpoints). Consequence: such a query is not covered by the
//!   signature.
//! * **The websocket upgrade** is signed over the constant [`WEBSOCKET_STRING_TO_SIGN`]
//!   (`"websocket\n"`), with no date, nonce or event code: reproduced
//!   ([`Signer::websocket_authorization`]), as it is what both official SDKs send (the Python
//!   one with the prefix `genauth`). The value is therefore the same for every connection of
//!   one access key: a static credential, not a per-connection signature.
//! * **Header values** have tabs, line feeds, carriage returns and form feeds replaced by spaces
//!   and are trimmed (JavaScript's `trim`); **sorting** is JavaScript's default string order
//!   (UTF-16 code units). Both reproduced; for the ASCII names and values a client sends they
//!   change nothing.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

use crate::secret::Secret;

/// The `authorization` scheme: `authorization: authing <accessKeyId>:<signature>`.
pub const AUTHORIZATION_SCHEME: &str = "authing";
/// Name of the header carrying the request's date ([RFC 1123](rfc1123_date) format).
pub const DATE_HEADER: &str = "date";
/// Name of the header carrying the request's nonce (32 lowercase hex digits).
pub const NONCE_HEADER: &str = "x-authing-signature-nonce";
/// Name of the header naming the signature algorithm.
pub const METHOD_HEADER: &str = "x-authing-signature-method";
/// Name of the header carrying the signature scheme's version.
pub const VERSION_HEADER: &str = "x-authing-signature-version";
/// Value of [`METHOD_HEADER`].
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// Value of [`VERSION_HEADER`].
pub const SIGNATURE_VERSION: &str = "1.0";
/// What the websocket upgrade (`GET /events/v1/management/sub?code=…`) signs: the Node SDK's
/// string to sign for method `websocket`, an empty path, no headers and no parameters.
pub const WEBSOCKET_STRING_TO_SIGN: &str = "websocket\n";

/// The value of one signed parameter, as the Node SDK holds it before sending.
///
/// The rendering in the string to sign is JavaScript's `${value}` for scalars and
/// `JSON.stringify(value)` for objects and arrays, never URL-encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamValue<'a> {
    /// JavaScript `undefined`: never sent and never signed, but the parameter still counts as
    /// present, so a list of only `Undefined` values is signed as `path?` (the trailing-`?`
    /// quirk, see the [module docs](self)). Only for reproducing Node strings: a client leaves
    /// absent parameters out instead.
    Undefined,
    /// `null`, signed as `name=null`. On the wire only inside a JSON body (a `null` GET
    /// parameter is signed by Node but not sent; see the [module docs](self)).
    Null,
    /// A string, signed raw: the unescaped text, not URL-encoded, not quoted.
    Str(&'a str),
    /// Any other value (number, boolean, array, object), signed as its compact JSON text, which
    /// must be what JavaScript's `JSON.stringify` gives for the value the server parses:
    /// no whitespace, object members in sent order, numbers in JavaScript form (`1`, not
    /// `1.0`). An array GET parameter is signed `ids=["a","b"]` although the URL carries
    /// `ids[]=a&ids[]=b`.
    Json(&'a str),
}

impl ParamValue<'_> {
    /// The text after `name=`, or `None` for [`ParamValue::Undefined`] (skipped).
    fn rendered(&self) -> Option<&str> {
        match self {
            ParamValue::Undefined => None,
            ParamValue::Null => Some("null"),
            ParamValue::Str(text) | ParamValue::Json(text) => Some(text),
        }
    }
}

/// One request, as far as its signature is concerned.
#[derive(Clone, Copy, Debug)]
pub struct RequestToSign<'a> {
    /// The HTTP method as sent, upper case (`GET`, `POST`, `PUT`, `DELETE`).
    pub method: &'a str,
    /// The path as the API writes it, **not** percent-encoded and without the query: a
    /// placeholder such as `/api/v3/ip-list/{id}` is signed as written, although the URL
    /// carries `%7Bid%7D`.
    pub path: &'a str,
    /// The query parameters in any order, names unique (array names without the `[]` the URL
    /// adds). Signed for GET only.
    pub query: &'a [(&'a str, ParamValue<'a>)],
    /// The top-level members of the JSON body in any order; empty for no body. Signed for
    /// every method but GET.
    pub body: &'a [(&'a str, ParamValue<'a>)],
    /// The request's headers (any case, any order, names unique); only `date` and `x-authing-…`
    /// are signed, the rest is ignored. [`string_to_sign`] signs them as given;
    /// [`Signer::sign_request_at`] replaces the four it generates.
    pub headers: &'a [(&'a str, &'a str)],
}

impl<'a> RequestToSign<'a> {
    /// The parameters whose names and values are signed.
    ///
    /// Rule: GET signs its query, every other method its body, because that is what the Node
    /// SDK passes (`config.method === "GET" ? config.params : config.data`). The query of a
    /// DELETE or POST is therefore not signed (a quirk, reproduced: see the
    /// [module docs](self)). The comparison is exact, like Node's: methods are upper case.
    fn signed_params(&self) -> &'a [(&'a str, ParamValue<'a>)] {
        if self.method == "GET" {
            self.query
        } else {
            self.body
        }
    }
}

/// The exact string the Node SDK would HMAC-sign for `request` (see the [module docs](self)).
///
/// `request.headers` must already hold the `date` and `x-authing-signature-*` headers the
/// request is sent with; [`Signer::sign_request_at`] adds them itself.
pub fn string_to_sign(request: &RequestToSign<'_>) -> String {
    build_string_to_sign(
        request.method,
        request.path,
        request.signed_params(),
        request.headers.iter().copied(),
    )
}

/// The three parts of the string to sign.
fn build_string_to_sign<'h>(
    method: &str,
    path: &str,
    params: &[(&str, ParamValue<'_>)],
    headers: impl Iterator<Item = (&'h str, &'h str)>,
) -> String {
    let mut out = String::with_capacity(256);

    // Part 1: the method and a line feed.
    out.push_str(method);
    out.push('\n');

    // Part 2: the canonical headers. Only `date` and names starting with `x-authing-` are
    // signed. Node compares the names of its own header object, all lower case; a server sees
    // lower-case names too (header names are case-insensitive), so names are lower-cased here.
    // Sorted by name, each written `name:value\n`, where the value has `\t`, `\n`, `\r` and
    // form feed replaced by spaces and is then trimmed as JavaScript's `trim` does.
    let mut signed: Vec<(String, &str)> = headers
        .filter_map(|(name, value)| {
            let name = name.to_ascii_lowercase();
            (name == DATE_HEADER || name.starts_with("x-authing-")).then_some((name, value))
        })
        .collect();
    signed.sort_by(|a, b| js_string_order(&a.0, &b.0));
    for (name, value) in &signed {
        out.push_str(name);
        out.push(':');
        out.push_str(canonical_header_value(value).trim_matches(is_js_whitespace));
        out.push('\n');
    }

    // Part 3: the canonical resource. The path as written; with no parameter at all, nothing
    // more. Otherwise `?` and the parameters sorted by name, `name=value` joined by `&`, where
    // `Undefined` ones are skipped after deciding that there is a `?` (hence `path?` when every
    // parameter is undefined: the trailing-`?` quirk). Values are not URL-encoded.
    out.push_str(path);
    if !params.is_empty() {
        let mut sorted: Vec<&(&str, ParamValue<'_>)> = params.iter().collect();
        sorted.sort_by(|a, b| js_string_order(a.0, b.0));
        out.push('?');
        let mut first = true;
        for (name, value) in sorted {
            let Some(text) = value.rendered() else {
                continue;
            };
            if !first {
                out.push('&');
            }
            first = false;
            out.push_str(name);
            out.push('=');
            out.push_str(text);
        }
    }
    out
}

/// JavaScript's default `Array.prototype.sort` order for strings: by UTF-16 code units (which
/// differs from Rust's `str` order only above U+FFFF against U+E000–U+FFFF).
fn js_string_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// A header value with tab, line feed, carriage return and form feed replaced by spaces.
fn canonical_header_value(value: &str) -> std::borrow::Cow<'_, str> {
    if value.contains(['\t', '\n', '\r', '\x0c']) {
        value.replace(['\t', '\n', '\r', '\x0c'], " ").into()
    } else {
        value.into()
    }
}

/// What JavaScript's `String.prototype.trim` removes: WhiteSpace (tab, vertical tab, form
/// feed, U+FEFF and the `Zs` spaces) and LineTerminator (LF, CR, U+2028, U+2029). Unlike Rust's
/// `char::is_whitespace`, that includes U+FEFF and excludes U+0085.
fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// A signature nonce: 16 bytes, sent as 32 lowercase hex digits (`Display`).
///
/// The Node SDK sends the MD5 of host name, process id and a random number, which has the same
/// form; the server only sees 32 hex digits, so 16 random bytes serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nonce([u8; 16]);

impl Nonce {
    /// A nonce of the given bytes (tests, or another randomness source).
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Nonce(bytes)
    }

    /// A nonce of 16 bytes from the operating system's random number generator.
    pub fn random() -> Result<Self, NonceError> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(NonceError)?;
        Ok(Nonce(bytes))
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Display for Nonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

/// The operating system's random number generator failed, so no nonce could be made.
#[derive(Debug)]
pub struct NonceError(getrandom::Error);

impl fmt::Display for NonceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no signature nonce: the system random number generator failed: {}",
            self.0
        )
    }
}

impl std::error::Error for NonceError {}

/// The five headers that sign one request (add them to the request's other headers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureHeaders {
    /// `authorization`: `authing <accessKeyId>:<signature>`.
    pub authorization: String,
    /// `date`, RFC 1123 ([`rfc1123_date`]).
    pub date: String,
    /// `x-authing-signature-nonce`, 32 lowercase hex digits.
    pub nonce: String,
}

impl SignatureHeaders {
    /// All five as `(name, value)` pairs, names lower case: `authorization`, `date`,
    /// `x-authing-signature-nonce`, `x-authing-signature-method: HMAC-SHA1` and
    /// `x-authing-signature-version: 1.0`.
    pub fn pairs(&self) -> [(&'static str, &str); 5] {
        [
            ("authorization", &self.authorization),
            (DATE_HEADER, &self.date),
            (NONCE_HEADER, &self.nonce),
            (METHOD_HEADER, SIGNATURE_METHOD),
            (VERSION_HEADER, SIGNATURE_VERSION),
        ]
    }
}

/// Signs Management API requests with an access key, as the Node SDK does.
///
/// `Debug` shows the access key id, never the secret.
#[derive(Clone)]
pub struct Signer {
    access_key_id: String,
    access_key_secret: Secret,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .finish()
    }
}

impl Signer {
    /// A signer for one access key (the user pool's or an application's AccessKey id and
    /// secret). Nothing is checked here; an unknown key is rejected by the server.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<Secret>) -> Self {
        Signer {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
        }
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret, for the management token request's body (the one other place it is sent).
    pub(crate) fn access_key_secret(&self) -> &Secret {
        &self.access_key_secret
    }

    /// The signature: standard base64 (with padding) of HMAC-SHA1 keyed with the UTF-8 bytes
    /// of the secret, over the UTF-8 bytes of `string_to_sign`.
    pub fn sign(&self, string_to_sign: &str) -> String {
        hmac_sha1_base64(
            self.access_key_secret.expose().as_bytes(),
            string_to_sign.as_bytes(),
        )
    }

    /// The `authorization` header value for `string_to_sign`:
    /// `authing <accessKeyId>:<signature>`.
    pub fn authorization(&self, string_to_sign: &str) -> String {
        format!(
            "{AUTHORIZATION_SCHEME} {}:{}",
            self.access_key_id,
            self.sign(string_to_sign)
        )
    }

    /// The `authorization` header of the event websocket upgrade: the signature of
    /// [`WEBSOCKET_STRING_TO_SIGN`], the same for every connection. (The Python SDK sends the
    /// same signature with the prefix `genauth` instead of `authing`.)
    pub fn websocket_authorization(&self) -> String {
        self.authorization(WEBSOCKET_STRING_TO_SIGN)
    }

    /// The signature headers for `request` sent at `now` with `nonce`: deterministic, for
    /// tests and for callers with their own clock and randomness.
    ///
    /// The string signed is [`string_to_sign`] over `request.headers` (minus any `date` and
    /// `x-authing-signature-*` they hold) plus the four generated headers: `date` ([`rfc1123_date`]
    /// of `now`), the nonce, `x-authing-signature-method: HMAC-SHA1` and
    /// `x-authing-signature-version: 1.0`. `request.headers` must hold every other `x-authing-*`
    /// header the request is sent with (`x-authing-lang`, `x-authing-sdk-version`, …).
    pub fn sign_request_at(
        &self,
        request: &RequestToSign<'_>,
        now: SystemTime,
        nonce: &Nonce,
    ) -> SignatureHeaders {
        let date = rfc1123_date(now);
        let nonce = nonce.to_string();
        let generated = [
            (DATE_HEADER, date.as_str()),
            (NONCE_HEADER, nonce.as_str()),
            (METHOD_HEADER, SIGNATURE_METHOD),
            (VERSION_HEADER, SIGNATURE_VERSION),
        ];
        let given = request.headers.iter().copied().filter(|(name, _)| {
            !generated
                .iter()
                .any(|(generated, _)| name.eq_ignore_ascii_case(generated))
        });
        let string = build_string_to_sign(
            request.method,
            request.path,
            request.signed_params(),
            given.chain(generated.iter().copied()),
        );
        SignatureHeaders {
            authorization: self.authorization(&string),
            date,
            nonce,
        }
    }

    /// The signature headers for `request` sent now: [`Signer::sign_request_at`] with the
    /// system clock and a [`Nonce::random`].
    pub fn sign_request(
        &self,
        request: &RequestToSign<'_>,
    ) -> Result<SignatureHeaders, NonceError> {
        Ok(self.sign_request_at(request, SystemTime::now(), &Nonce::random()?))
    }
}

/// Standard base64 (with padding) of HMAC-SHA1(`key`, `data`).
fn hmac_sha1_base64(key: &[u8], data: &[u8]) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(data);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// `time` as JavaScript's `Date.prototype.toUTCString` writes it, the RFC 1123 form of HTTP
/// dates: `Mon, 30 Nov 2026 03:45:35 GMT`. The day has two digits (`Tue, 01 Dec 2026 …`),
/// the year at least four, and fractions of a second are dropped.
pub fn rfc1123_date(time: SystemTime) -> String {
    const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    // Whole seconds since the epoch, rounded down (also before 1970).
    let seconds: i64 = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => {
            let before = before.duration();
            let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
            -whole - i64::from(before.subsec_nanos() > 0)
        }
    };
    let days = seconds.div_euclid(86_400);
    let of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = WEEKDAYS[(days + 4).rem_euclid(7) as usize];
    let month = MONTHS[(month - 1) as usize];
    // JavaScript pads the absolute year to four digits and puts a `-` before negative ones.
    let sign = if year < 0 { "-" } else { "" };
    format!(
        "{weekday}, {day:02} {month} {sign}{:04} {:02}:{:02}:{:02} GMT",
        year.unsigned_abs(),
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

/// The proleptic Gregorian (year, month 1–12, day 1–31) of a day count from 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097); // [0, 146096]
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365; // [0, 399]
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // [0, 365]
    let mp = (5 * day_of_year + 2) / 153; // [0, 11], March-based
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(seconds: i64) -> SystemTime {
        if seconds >= 0 {
            UNIX_EPOCH + Duration::from_secs(seconds as u64)
        } else {
            UNIX_EPOCH - Duration::from_secs(seconds.unsigned_abs())
        }
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let signer = Signer::new("my-key-id", "top-secret-value");
        let debug = format!("{signer:?}");
        assert_eq!(
            debug,
            r#"Signer { access_key_id: "my-key-id", access_key_secret: <redacted> }"#
        );
        let pretty = format!("{signer:#?}");
        assert!(!pretty.contains("top-secret"), "{pretty}");
        assert_eq!(format!("{:?}", Secret::new("x")), "<redacted>");
    }

    /// RFC 2202 (HMAC-SHA1 test cases): the digests as the RFC prints them in hex, and their
    /// base64 worked out by hand from the hex (6-bit groups; `=` pads the 20-byte digest).
    #[test]
    fn hmac_sha1_rfc2202() {
        // Case 2, through the signer (an ASCII key, as access key secrets are):
        // key "Jefe", data "what do ya want for nothing?",
        // digest effcdf6ae5eb2fa2d27416d5f184df9c259a7c79.
        assert_eq!(
            Signer::new("id", "Jefe").sign("what do ya want for nothing?"),
            "7/zfauXrL6LSdBbV8YTfnCWafHk="
        );
        // Case 1: key 20 × 0x0b, data "Hi There",
        // digest b617318655057264e28bc0b6fb378c8ef146be00.
        assert_eq!(
            hmac_sha1_base64(&[0x0b; 20], b"Hi There"),
            "thcxhlUFcmTii8C2+zeMjvFGvgA="
        );
        // Case 6: a key longer than the 64-byte block (80 × 0xaa, hashed first),
        // digest aa4ae5e15272d00e95705637ce8a3b55ed402112.
        assert_eq!(
            hmac_sha1_base64(
                &[0xaa; 80],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            ),
            "qkrl4VJy0A6VcFY3zoo7Ve1AIRI="
        );
    }

    #[test]
    fn rfc1123_dates() {
        assert_eq!(rfc1123_date(at(0)), "Thu, 01 Jan 1970 00:00:00 GMT");
        // The recording's first date.
        assert_eq!(
            rfc1123_date(at(1_796_010_335)),
            "Mon, 30 Nov 2026 03:45:35 GMT"
        );
        // Single-digit days, a leap day, a year end, fractions dropped.
        assert_eq!(
            rfc1123_date(at(1_796_097_600)),
            "Tue, 01 Dec 2026 04:00:00 GMT"
        );
        assert_eq!(
            rfc1123_date(at(951_782_400)),
            "Tue, 29 Feb 2000 00:00:00 GMT"
        );
        assert_eq!(
            rfc1123_date(at(1_709_251_199)),
            "Thu, 29 Feb 2024 23:59:59 GMT"
        );
        assert_eq!(
            rfc1123_date(at(1_704_067_199)),
            "Sun, 31 Dec 2023 23:59:59 GMT"
        );
        assert_eq!(
            rfc1123_date(at(1_000_000_000)),
            "Sun, 09 Sep 2001 01:46:40 GMT"
        );
        assert_eq!(
            rfc1123_date(at(1_000_000_000) + Duration::from_millis(999)),
            "Sun, 09 Sep 2001 01:46:40 GMT"
        );
        // Before the epoch: rounded down, as JavaScript does.
        assert_eq!(rfc1123_date(at(-1)), "Wed, 31 Dec 1969 23:59:59 GMT");
        assert_eq!(
            rfc1123_date(at(0) - Duration::from_millis(1)),
            "Wed, 31 Dec 1969 23:59:59 GMT"
        );
        assert_eq!(
            rfc1123_date(at(-2_208_988_800)),
            "Mon, 01 Jan 1900 00:00:00 GMT"
        );
        // Years of five digits, as `new Date(253402300800000).toUTCString()`.
        assert_eq!(
            rfc1123_date(at(253_402_300_800)),
            "Sat, 01 Jan 10000 00:00:00 GMT"
        );
        // Before year 1: JavaScript writes the year as `-0001`.
        assert_eq!(
            rfc1123_date(at(-62_198_755_200)),
            "Fri, 01 Jan -0001 00:00:00 GMT"
        );
    }

    #[test]
    fn nonce_is_32_lowercase_hex_digits() {
        let fixed = Nonce::from_bytes([
            0x7b, 0x80, 0x68, 0x9d, 0x21, 0x11, 0xfd, 0x05, 0x70, 0x3d, 0x07, 0x75, 0x6f, 0xf3,
            0x8b, 0xa0,
        ]);
        assert_eq!(fixed.to_string(), "7b80689d2111fd05703d07756ff38ba0");
        let a = Nonce::random().unwrap().to_string();
        let b = Nonce::random().unwrap().to_string();
        for nonce in [&a, &b] {
            assert_eq!(nonce.len(), 32);
            assert!(
                nonce
                    .bytes()
                    .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')),
                "{nonce}"
            );
        }
        assert_ne!(a, b);
    }

    #[test]
    fn string_to_sign_rules() {
        let headers = [
            ("X-Authing-Lang", " zh-CN\t"),
            ("Content-Type", "application/json"),
            ("date", "Mon, 30 Nov 2026 03:45:35 GMT"),
            ("x-authing-sdk-version", "a\nb"),
        ];
        let query = [
            ("b", ParamValue::Str("x y&z")),
            ("a", ParamValue::Json(r#"["1","2"]"#)),
            ("c", ParamValue::Undefined),
            ("n", ParamValue::Null),
        ];
        let body = [("z", ParamValue::Json("1"))];
        let get = RequestToSign {
            method: "GET",
            path: "/api/v3/x/{id}",
            query: &query,
            body: &body,
            headers: &headers,
        };
        assert_eq!(
            string_to_sign(&get),
            "GET\ndate:Mon, 30 Nov 2026 03:45:35 GMT\nx-authing-lang:zh-CN\n\
             x-authing-sdk-version:a b\n/api/v3/x/{id}?a=[\"1\",\"2\"]&b=x y&z&n=null"
        );
        // Not GET: the body is signed, the query is not.
        let delete = RequestToSign {
            method: "DELETE",
            ..get
        };
        assert!(string_to_sign(&delete).ends_with("\n/api/v3/x/{id}?z=1"));
        // No parameters: the bare path; only undefined ones: the trailing `?`.
        let bare = RequestToSign { query: &[], ..get };
        assert!(string_to_sign(&bare).ends_with("\n/api/v3/x/{id}"));
        let undefined = [("page", ParamValue::Undefined)];
        let trailing = RequestToSign {
            query: &undefined,
            ..get
        };
        assert!(string_to_sign(&trailing).ends_with("\n/api/v3/x/{id}?"));
        // UTF-16 order: U+FF61 sorts after U+10000 in JavaScript, before it in Rust.
        let wide = [
            ("\u{ff61}", ParamValue::Str("1")),
            ("\u{10000}", ParamValue::Str("2")),
        ];
        let wide = RequestToSign {
            query: &wide,
            ..bare
        };
        assert!(string_to_sign(&wide).ends_with("?\u{10000}=2&\u{ff61}=1"));
        // JavaScript's trim removes U+FEFF and keeps U+0085.
        let odd = [("date", "\u{feff}d\u{85}")];
        let odd = RequestToSign {
            headers: &odd,
            ..bare
        };
        assert_eq!(string_to_sign(&odd), "GET\ndate:d\u{85}\n/api/v3/x/{id}");
    }

    #[test]
    fn websocket_signature_is_constant() {
        let signer = Signer::new("sample-access-key-id", "sample-access-key-secret");
        // Recorded from the Node SDK's `sub`.
        assert_eq!(
            signer.websocket_authorization(),
            "authing sample-access-key-id:Phn0ZaMFz2Ca0tRk4FUBVlojoPk="
        );
    }

    #[test]
    fn sign_request_replaces_generated_headers() {
        let signer = Signer::new("id", "secret");
        let nonce = Nonce::from_bytes([0xab; 16]);
        let stale = [
            ("DATE", "yesterday"),
            ("x-authing-signature-nonce", "0"),
            ("x-authing-lang", "en-US"),
        ];
        let fresh = [("x-authing-lang", "en-US")];
        let request = RequestToSign {
            method: "POST",
            path: "/api/v3/p",
            query: &[],
            body: &[],
            headers: &stale,
        };
        let a = signer.sign_request_at(&request, at(0), &nonce);
        let b = signer.sign_request_at(
            &RequestToSign {
                headers: &fresh,
                ..request
            },
            at(0),
            &nonce,
        );
        assert_eq!(a, b);
        let expected = "POST\ndate:Thu, 01 Jan 1970 00:00:00 GMT\nx-authing-lang:en-US\n\
             x-authing-signature-method:HMAC-SHA1\nx-authing-signature-nonce:abababababababababababababababab\n\
             x-authing-signature-version:1.0\n/api/v3/p";
        assert_eq!(a.authorization, signer.authorization(expected));
        assert_eq!(a.date, "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(a.nonce, "ab".repeat(16));
        assert_eq!(a.pairs()[3], ("x-authing-signature-method", "HMAC-SHA1"));
        assert_eq!(a.pairs()[4], ("x-authing-signature-version", "1.0"));
        // The real clock and nonce: a well-formed, fresh set.
        let live = signer.sign_request(&request).unwrap();
        assert!(live.authorization.starts_with("authing id:"));
        assert!(live.date.ends_with(" GMT"));
        assert_ne!(live.nonce, signer.sign_request(&request).unwrap().nonce);
    }
}
