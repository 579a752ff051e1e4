//! The Node SDK's recorded requests are the test vectors of `genauth_management::sign`.
//!
//! `tests/data/node-management-requests.jsonl` (see `tests/data/README.md`) holds every request
//! `authing-node-sdk` 4.0.1 sent for each `ManagementClient` method, with the exact string the
//! SDK signed (`strings_to_sign`) and the `authorization` header it sent. For every one of the
//! 811 requests these tests
//!
//! * sign the recorded string with the recording's secret and compare with the recorded
//!   signature;
//! * rebuild the string from the wire request alone (method, path, query, body, headers) and
//!   compare with the recorded string; the 8 that the wire cannot determine (the trailing `?`
//!   and the `null` GET parameter) are listed and rebuilt with the missing information added;
//! * produce the signature headers from the recorded date and nonce and compare all of them
//!   with the recorded ones.

use std::collections::BTreeSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use genauth_management::sign::{
    Nonce, ParamValue, RequestToSign, Signer, WEBSOCKET_STRING_TO_SIGN, string_to_sign,
};
use serde_json::Value;

/// The access key the recording's client used (`README.md` of the recording).
const ACCESS_KEY_ID: &str = "sample-access-key-id";
const ACCESS_KEY_SECRET: &str = "sample-access-key-secret";

/// Where the Node SDK opens the event websocket.
const WEBSOCKET_PATH: &str = "/events/v1/management/sub";

/// GETs called with every optional `undefined` (the `required arguments only` variants): signed
/// `path?`, sent without `?`.
const TRAILING_QUESTION_MARK: [&str; 7] = [
    "getAccessKeyList",
    "getVerifyConfigApp",
    "importTenantHistory",
    "listExtIdp",
    "listMultipleTenantAdmin",
    "listTenantCooperators",
    "listTenants",
];
const REQUIRED_ONLY: &str = "required arguments only";

/// The GET with a `null` parameter: signed `withCustomData=null`, not sent.
const NULL_PARAMETER: (&str, &str) = ("getUser", "null query value (withCustomData: null)");

/// One recorded request with what the recording says about it.
struct Recorded {
    sdk_method: String,
    variant: Option<String>,
    /// The call's arguments (`args` of the line or variant).
    args: Value,
    /// The main call's request of the same method (for the names of parameters a variant
    /// leaves undefined).
    main_request: Value,
    request: Value,
    string_to_sign: String,
}

impl Recorded {
    fn label(&self) -> String {
        match &self.variant {
            Some(variant) => format!("{} [{variant}]", self.sdk_method),
            None => self.sdk_method.clone(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.request["headers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|pair| pair[0].as_str().unwrap().eq_ignore_ascii_case(name))
            .map(|pair| pair[1].as_str().unwrap())
    }

    /// The signature in the recorded `authorization: authing <id>:<signature>`.
    fn recorded_signature(&self) -> &str {
        let authorization = self.header("authorization").expect("authorization header");
        authorization
            .strip_prefix(&format!("authing {ACCESS_KEY_ID}:"))
            .unwrap_or_else(|| panic!("{}: unexpected authorization {authorization}", self.label()))
    }

    fn is_websocket(&self) -> bool {
        self.request["path"] == WEBSOCKET_PATH
    }
}

fn recordings() -> Vec<Recorded> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/node-management-requests.jsonl"
    ))
    .expect("vendored Node recording");
    let mut out = Vec::new();
    for line in text.lines() {
        let line: Value = serde_json::from_str(line).unwrap();
        let sdk_method = line["sdk_method"].as_str().unwrap().to_owned();
        let main_request = line["requests"][0].clone();
        let variants = line["variants"].as_array().cloned().unwrap_or_default();
        for call in std::iter::once(&line).chain(variants.iter()) {
            let requests = call["requests"].as_array().unwrap();
            let strings = call["strings_to_sign"].as_array().unwrap();
            assert_eq!(requests.len(), strings.len(), "{sdk_method}");
            for (request, string) in requests.iter().zip(strings) {
                out.push(Recorded {
                    sdk_method: sdk_method.clone(),
                    variant: call["variant"].as_str().map(str::to_owned),
                    args: call["args"].clone(),
                    main_request: main_request.clone(),
                    request: request.clone(),
                    string_to_sign: string.as_str().unwrap().to_owned(),
                });
            }
        }
    }
    out
}

/// An owned parameter value (the test builds them, then lends them as [`ParamValue`]).
enum Owned {
    Undefined,
    Null,
    Str(String),
    Json(String),
}

impl Owned {
    fn as_param(&self) -> ParamValue<'_> {
        match self {
            Owned::Undefined => ParamValue::Undefined,
            Owned::Null => ParamValue::Null,
            Owned::Str(text) => ParamValue::Str(text),
            Owned::Json(text) => ParamValue::Json(text),
        }
    }
}

/// The wire request, in the owned form of a [`RequestToSign`].
struct WireRequest {
    method: String,
    path: String,
    query: Vec<(String, Owned)>,
    body: Vec<(String, Owned)>,
    headers: Vec<(String, String)>,
}

impl WireRequest {
    /// What the wire shows: the decoded path; the query with `name[]` repeats gathered into one
    /// JSON array of strings (axios sends `ids: ["a"]` as `ids[]=a`); the JSON body's top-level
    /// members, strings unescaped and everything else as its JSON text; all headers.
    fn from_wire(request: &Value) -> Self {
        let mut query: Vec<(String, Owned)> = Vec::new();
        let mut arrays: Vec<(String, Vec<String>)> = Vec::new();
        for pair in request["query"].as_array().unwrap() {
            let (name, value) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            if let Some(base) = name.strip_suffix("[]") {
                match arrays.iter_mut().find(|(name, _)| name == base) {
                    Some((_, values)) => values.push(value.to_owned()),
                    None => arrays.push((base.to_owned(), vec![value.to_owned()])),
                }
            } else {
                query.push((name.to_owned(), Owned::Str(value.to_owned())));
            }
        }
        for (name, values) in arrays {
            query.push((name, Owned::Json(serde_json::to_string(&values).unwrap())));
        }
        let body = request["body"].as_str().unwrap();
        let body = if body.is_empty() {
            Vec::new()
        } else {
            top_level_members(body)
                .into_iter()
                .map(|(name, raw)| {
                    let value = if raw.starts_with('"') {
                        Owned::Str(serde_json::from_str(raw).unwrap())
                    } else if raw == "null" {
                        Owned::Null
                    } else {
                        Owned::Json(raw.to_owned())
                    };
                    (name, value)
                })
                .collect()
        };
        let headers = request["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|pair| {
                (
                    pair[0].as_str().unwrap().to_owned(),
                    pair[1].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        WireRequest {
            method: request["method"].as_str().unwrap().to_owned(),
            path: percent_decode(request["path"].as_str().unwrap()),
            query,
            body,
            headers,
        }
    }

    /// Lends the request as a [`RequestToSign`] to `f`.
    fn with<R>(&self, f: impl FnOnce(&RequestToSign<'_>) -> R) -> R {
        let query: Vec<(&str, ParamValue<'_>)> = self
            .query
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_param()))
            .collect();
        let body: Vec<(&str, ParamValue<'_>)> = self
            .body
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_param()))
            .collect();
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        f(&RequestToSign {
            method: &self.method,
            path: &self.path,
            query: &query,
            body: &body,
            headers: &headers,
        })
    }
}

/// Rebuilds the wire request of `recorded`, adding what the wire does not show for the 8 known
/// cases: the parameters Node held as `undefined` (named after the main call's query, where
/// every optional was given) and the `null` GET parameters of the call's arguments.
fn with_missing_information(recorded: &Recorded) -> WireRequest {
    let mut wire = WireRequest::from_wire(&recorded.request);
    let variant = recorded.variant.as_deref();
    if variant == Some(REQUIRED_ONLY)
        && TRAILING_QUESTION_MARK.contains(&recorded.sdk_method.as_str())
    {
        assert!(wire.query.is_empty());
        let main = WireRequest::from_wire(&recorded.main_request);
        assert!(!main.query.is_empty(), "{}", recorded.label());
        wire.query = main
            .query
            .into_iter()
            .map(|(name, _)| (name, Owned::Undefined))
            .collect();
    } else if (recorded.sdk_method.as_str(), variant) == (NULL_PARAMETER.0, Some(NULL_PARAMETER.1))
    {
        let args = recorded.args[0].as_object().unwrap();
        let nulls: Vec<&String> = args
            .iter()
            .filter(|(_, value)| value.is_null())
            .map(|(name, _)| name)
            .collect();
        assert_eq!(nulls, ["withCustomData"]);
        wire.query
            .extend(nulls.into_iter().map(|name| (name.clone(), Owned::Null)));
    } else {
        panic!("{}: no missing information known", recorded.label());
    }
    wire
}

fn signer() -> Signer {
    Signer::new(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
}

#[test]
fn every_recorded_signature_verifies() {
    let signer = signer();
    let recordings = recordings();
    assert_eq!(recordings.len(), 811);
    let mismatched: Vec<String> = recordings
        .iter()
        .filter(|r| signer.sign(&r.string_to_sign) != r.recorded_signature())
        .map(Recorded::label)
        .collect();
    assert!(
        mismatched.is_empty(),
        "signatures that differ: {mismatched:#?}"
    );
}

#[test]
fn every_recorded_string_to_sign_is_rebuilt() {
    let signer = signer();
    let mut from_wire = 0;
    let mut websocket = 0;
    let mut not_from_wire = BTreeSet::new();
    for recorded in recordings() {
        if recorded.is_websocket() {
            // The upgrade signs a constant (`buildStringToSign("websocket", "", {}, {})`).
            assert_eq!(recorded.string_to_sign, WEBSOCKET_STRING_TO_SIGN);
            assert_eq!(
                Some(signer.websocket_authorization().as_str()),
                recorded.header("authorization")
            );
            websocket += 1;
            continue;
        }
        let rebuilt = WireRequest::from_wire(&recorded.request).with(string_to_sign);
        if rebuilt == recorded.string_to_sign {
            from_wire += 1;
            continue;
        }
        // Not determined by the wire: rebuild with the missing information and record which.
        let rebuilt = with_missing_information(&recorded).with(string_to_sign);
        assert_eq!(rebuilt, recorded.string_to_sign, "{}", recorded.label());
        assert_eq!(signer.sign(&rebuilt), recorded.recorded_signature());
        not_from_wire.insert(recorded.label());
    }
    let expected: BTreeSet<String> = TRAILING_QUESTION_MARK
        .iter()
        .map(|method| format!("{method} [{REQUIRED_ONLY}]"))
        .chain([format!("{} [{}]", NULL_PARAMETER.0, NULL_PARAMETER.1)])
        .collect();
    assert_eq!(not_from_wire, expected);
    assert_eq!((from_wire, websocket, not_from_wire.len()), (802, 1, 8));
}

#[test]
fn every_recorded_header_set_is_reproduced() {
    let signer = signer();
    let mut reproduced = 0;
    for recorded in recordings() {
        if recorded.is_websocket() {
            continue;
        }
        let date = recorded.header("date").unwrap();
        let nonce = recorded.header("x-authing-signature-nonce").unwrap();
        let wire = WireRequest::from_wire(&recorded.request);
        let wire = if wire.with(string_to_sign) == recorded.string_to_sign {
            wire
        } else {
            with_missing_information(&recorded)
        };
        let headers = wire.with(|request| {
            signer.sign_request_at(request, parse_rfc1123(date), &parse_nonce(nonce))
        });
        for (name, value) in headers.pairs() {
            assert_eq!(
                Some(value),
                recorded.header(name),
                "{}: {name}",
                recorded.label()
            );
        }
        reproduced += 1;
    }
    assert_eq!(reproduced, 810);
}

/// The top-level members of a JSON object text, in order: (unescaped name, raw value text).
/// Enough JSON for the recorded bodies, which are `JSON.stringify` output (no whitespace); the
/// raw text of a nested value is then exactly what `JSON.stringify` gives for it.
fn top_level_members(json: &str) -> Vec<(String, &str)> {
    let bytes = json.as_bytes();
    assert_eq!(bytes.first(), Some(&b'{'), "{json}");
    let mut members = Vec::new();
    let mut at = 1;
    if bytes[at] == b'}' {
        return members;
    }
    loop {
        let name_end = end_of_string(bytes, at);
        let name: String = serde_json::from_str(&json[at..name_end]).unwrap();
        assert_eq!(bytes[name_end], b':', "{json}");
        let value_start = name_end + 1;
        let value_end = end_of_value(bytes, value_start);
        members.push((name, &json[value_start..value_end]));
        match bytes[value_end] {
            b',' => at = value_end + 1,
            b'}' => {
                assert_eq!(value_end + 1, bytes.len(), "{json}");
                return members;
            }
            other => panic!("unexpected {:?} in {json}", other as char),
        }
    }
}

/// The index just past the JSON string starting at `start` (a `"`).
fn end_of_string(bytes: &[u8], start: usize) -> usize {
    assert_eq!(bytes[start], b'"');
    let mut at = start + 1;
    loop {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
}

/// The index just past the JSON value starting at `start`.
fn end_of_value(bytes: &[u8], start: usize) -> usize {
    match bytes[start] {
        b'"' => end_of_string(bytes, start),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut at = start;
            loop {
                match bytes[at] {
                    b'"' => {
                        at = end_of_string(bytes, at);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return at + 1;
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
        }
        _ => {
            let mut at = start;
            while !matches!(bytes[at], b',' | b'}' | b']') {
                at += 1;
            }
            at
        }
    }
}

/// `%XX` decoding of a URL path (the recording keeps paths raw: `{id}` is `%7Bid%7D`).
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            out.push(u8::from_str_radix(&path[at + 1..at + 3], 16).unwrap());
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// A recorded `date` header (`Mon, 30 Nov 2026 03:45:35 GMT`) as a time.
fn parse_rfc1123(date: &str) -> SystemTime {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = date.split([' ', ':']).collect();
    let [_, day, month, year, hour, minute, second, "GMT"] = parts[..] else {
        panic!("unexpected date {date}");
    };
    let month = MONTHS.iter().position(|m| *m == month).unwrap() as i64 + 1;
    let (year, day): (i64, i64) = (year.parse().unwrap(), day.parse().unwrap());
    // Howard Hinnant's days_from_civil, for years after 1970.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let seconds = days * 86_400
        + hour.parse::<i64>().unwrap() * 3600
        + minute.parse::<i64>().unwrap() * 60
        + second.parse::<i64>().unwrap();
    UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap())
}

/// A recorded nonce (32 hex digits) as its 16 bytes.
fn parse_nonce(hex: &str) -> Nonce {
    assert_eq!(hex.len(), 32, "{hex}");
    let mut bytes = [0u8; 16];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    let nonce = Nonce::from_bytes(bytes);
    assert_eq!(nonce.to_string(), hex);
    nonce
}
