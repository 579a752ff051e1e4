//! The one request pipeline every endpoint goes through:
//! build (path/query/body) → client auth → password hook → headers → send → decode.

use std::time::{Duration, Instant};

use base64::Engine as _;
use bytes::Bytes;
use http::{HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::client::GenAuthClient;
use crate::crypto::PasswordEncryptType;
use crate::endpoint::{Auth, Call, CallBody, Encoding, Endpoint, Method};
use crate::envelope;
use crate::error::{Error, Result};
use crate::options::{ClientOptions, TokenEndpointAuthMethod, UserTokenScheme};
use crate::retry::Retrier;
use crate::transport::{RequestLimits, Transport, TransportError};

/// The paths on which `client_secret_basic` sends `authorization: Basic …` (api doc 1.3; the same
/// list in every official SDK).
pub const BASIC_AUTH_PATHS: [&str; 9] = [
    "/oidc/token",
    "/oidc/token/revocation",
    "/oidc/token/introspection",
    "/oauth/token",
    "/oauth/token/revocation",
    "/oauth/token/introspection",
    "/api/v3/signin",
    "/api/v3/signin-by-mobile",
    "/api/v3/exchange-tokenset-with-qrcode-ticket",
];

/// `rust:<crate version>`, sent as `x-genauth-sdk-version`.
pub const SDK_VERSION: &str = concat!("rust:", env!("CARGO_PKG_VERSION"));

/// Headers that are the same on every request, rendered once per client.
pub(crate) fn static_headers(o: &ClientOptions) -> Result<Vec<(HeaderName, HeaderValue)>> {
    let p = o.header_prefix.as_str();
    let name = |s: &str| {
        HeaderName::from_bytes(format!("{p}{s}").as_bytes())
            .map_err(|_| Error::Config(format!("invalid header name {p}{s}")))
    };
    let value = |what: &str, v: &str| {
        HeaderValue::from_str(v)
            .map_err(|_| Error::Config(format!("{what} is not a valid header value")))
    };
    let mut h = vec![
        (name("app-id")?, value("app_id", &o.app_id)?),
        (name("request-from")?, HeaderValue::from_static("sdk")),
        (name("sdk-version")?, HeaderValue::from_static(SDK_VERSION)),
    ];
    if let Some(lang) = &o.lang {
        h.push((name("lang")?, value("lang", lang)?));
    }
    if let Some(ip) = &o.real_ip {
        h.push((HeaderName::from_static("x-real-ip"), value("real_ip", ip)?));
    }
    Ok(h)
}

/// `Basic base64(appId:appSecret)`, when the client uses `client_secret_basic`.
pub(crate) fn basic_auth_header(o: &ClientOptions) -> Result<Option<HeaderValue>> {
    if o.auth_method != TokenEndpointAuthMethod::ClientSecretBasic {
        return Ok(None);
    }
    let secret = o
        .app_secret
        .as_ref()
        .map(|s| s.expose())
        .unwrap_or_default();
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", o.app_id, secret));
    let mut v = HeaderValue::from_str(&format!("Basic {encoded}"))
        .map_err(|_| Error::Config("app credentials do not fit a header".into()))?;
    v.set_sensitive(true);
    Ok(Some(v))
}

/// Runs `call` through the pipeline and decodes the reply into `T`.
///
/// This is what every generated endpoint method calls. With a [`crate::RetryPolicy`] in the
/// options, the whole of build → client auth → password encryption → send is repeated for each
/// attempt (see the policy for what is retried).
pub async fn execute<T: DeserializeOwned, Tr: Transport>(
    client: &GenAuthClient<Tr>,
    call: Call,
) -> Result<T> {
    let ep = call.endpoint;
    // Fields are metadata only: never a body, a header value or a query string.
    let span = tracing::debug_span!(
        "genauth.call",
        op = ep.name,
        method = ep.method.as_str(),
        path = ep.path,
        status = tracing::field::Empty,
        http_status = tracing::field::Empty,
        api_code = tracing::field::Empty,
        request_id = tracing::field::Empty,
        attempts = tracing::field::Empty,
        elapsed_ms = tracing::field::Empty,
    );
    async move {
        let started = Instant::now();
        let result = execute_inner::<T, Tr>(client, call).await;
        let span = tracing::Span::current();
        span.record("elapsed_ms", started.elapsed().as_millis() as u64);
        // status / http_status / api_code / request_id were recorded from the reply itself
        // (success or failure) by `run_attempts`.
        match &result {
            Ok(_) => tracing::debug!("ok"),
            Err(e) => tracing::debug!(kind = e.kind().as_str(), "failed"),
        }
        result
    }
    .instrument(span)
    .await
}

async fn execute_inner<T: DeserializeOwned, Tr: Transport>(
    client: &GenAuthClient<Tr>,
    mut call: Call,
) -> Result<T> {
    if let Some(e) = call.error.take() {
        return Err(e);
    }
    let ep = call.endpoint;
    // Password hook: only for endpoints that declare password fields. The plaintext body is kept
    // until the call ends (then zeroed) so that every attempt encrypts afresh.
    let mut plain = match std::mem::take(&mut call.body) {
        CallBody::Json(mut bytes)
            if ep.has_passwords()
                && may_encrypt(ep, &bytes, client.inner.options.password_encrypt_type) =>
        {
            let parsed = serde_json::from_slice::<serde_json::Value>(&bytes);
            zeroize::Zeroize::zeroize(&mut bytes);
            Some(parsed.map_err(|e| Error::InvalidRequest(format!("body is not JSON: {e}")))?)
        }
        other => {
            call.body = other;
            None
        }
    };
    let result = run_attempts::<T, Tr>(client, &call, plain.as_ref()).await;
    if let Some(v) = plain.as_mut() {
        zeroize_paths(v, ep.passwords);
    }
    if let CallBody::Json(bytes) = &mut call.body
        && ep.has_passwords()
    {
        zeroize::Zeroize::zeroize(bytes);
    }
    result
}

/// Whether a password-bearing body may need encrypting: the client default is not `none`, or
/// the serialised body mentions the flag with anything but `"none"`. A false positive only costs
/// a parse: the exact decision is made on the parsed value (`effective_encrypt_type`).
fn may_encrypt(ep: &Endpoint, bytes: &[u8], default: PasswordEncryptType) -> bool {
    if default != PasswordEncryptType::None {
        return true;
    }
    let Some(flag) = ep.password_flag else {
        return false;
    };
    let key = flag.rsplit('.').next().unwrap_or(flag);
    let needle = format!("\"{key}\":");
    let mut rest = bytes;
    while let Some(i) = find(rest, needle.as_bytes()) {
        rest = &rest[i + needle.len()..];
        if !rest.starts_with(b"\"none\"") {
            return true;
        }
    }
    false
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The attempt loop: build (encrypting afresh) → send → retry decision → decode.
async fn run_attempts<T: DeserializeOwned, Tr: Transport>(
    client: &GenAuthClient<Tr>,
    call: &Call,
    plain: Option<&serde_json::Value>,
) -> Result<T> {
    let ep = call.endpoint;
    let inner = &client.inner;
    let o = &inner.options;
    let encrypt_type = match plain {
        Some(v) => Some(effective_encrypt_type(ep, v, o.password_encrypt_type)?),
        None => None,
    };
    let idempotent = ep.method == Method::Get;
    let mut retrier = Retrier::new(o.retry.as_ref());
    let mut refetched_keys = false;
    let span = tracing::Span::current();
    let result = loop {
        let (body, used_fetched_keys) = match (plain, encrypt_type) {
            // Nothing to encrypt: serialise straight to bytes (the same bytes the value path
            // would produce, without cloning the tree; see benches/build_decode.rs).
            (Some(value), Some(PasswordEncryptType::None)) => match serde_json::to_vec(value) {
                Ok(bytes) => (CallBody::Json(bytes), false),
                Err(e) => {
                    break Err(Error::InvalidRequest(format!(
                        "body does not serialise: {e}"
                    )));
                }
            },
            (Some(value), Some(kind)) => match encrypt_body(client, ep, value, kind).await {
                Ok((body, fetched)) => (CallBody::Value(body), fetched),
                Err(e) => break Err(e),
            },
            _ => (call.body.clone(), false),
        };
        let request = match build_request(client, call, body) {
            Ok(r) => r,
            Err(e) => break Err(e),
        };
        let timeout = retrier.begin(o.timeout);
        let outcome = transport_send(client, request, timeout).await;
        if let Some((delay, reason)) = retrier.next_delay(idempotent, &outcome) {
            tracing::debug!(
                attempt = retrier.attempts(),
                reason = reason.as_str(),
                delay_ms = delay.as_millis() as u64,
                "retrying"
            );
            tokio::time::sleep(delay).await;
            continue;
        }
        let response = match outcome {
            Ok(r) => r,
            Err(e) => break Err(retrier.error(e)),
        };
        let (result, meta) = envelope::decode_with_meta::<T>(ep.response, response);
        record_meta(&span, &meta);
        // The server could not decrypt: its key may have rotated. Refetch once.
        if !refetched_keys
            && used_fetched_keys
            && matches!(&result, Err(e) if is_decrypt_failure(e))
        {
            refetched_keys = true;
            inner.keys.invalidate();
            retrier.grant_extra_attempt();
            continue;
        }
        break result;
    };
    span.record("attempts", retrier.attempts());
    result
}

/// Records what the reply said about itself on the call's span (success or failure).
fn record_meta(span: &tracing::Span, meta: &envelope::ReplyMeta) {
    span.record("http_status", meta.http_status);
    span.record(
        "status",
        meta.status_code.unwrap_or(i64::from(meta.http_status)),
    );
    if let Some(c) = meta.api_code {
        span.record("api_code", c);
    }
    if let Some(r) = &meta.request_id {
        span.record("request_id", r.as_str());
    }
}

/// `apiCode` 2016 is "client password decryption error" (api doc 2.3).
fn is_decrypt_failure(e: &Error) -> bool {
    matches!(
        e,
        Error::Api {
            api_code: Some(2016),
            ..
        }
    )
}

/// The per-call `passwordEncryptType` in the body, else the client default.
fn effective_encrypt_type(
    ep: &Endpoint,
    body: &serde_json::Value,
    default: PasswordEncryptType,
) -> Result<PasswordEncryptType> {
    let Some(flag) = ep.password_flag else {
        return Ok(default);
    };
    match get_path(body, flag) {
        None | Some(serde_json::Value::Null) => Ok(default),
        Some(serde_json::Value::String(s)) => s.parse().map_err(|_| {
            Error::InvalidRequest(format!("{flag} must be one of none, rsa, sm2 (got {s:?})"))
        }),
        Some(_) => Err(Error::InvalidRequest(format!("{flag} must be a string"))),
    }
}

/// Returns the body with every present password field encrypted and the flag set, and whether
/// keys fetched from the server (rather than pinned ones) were used.
async fn encrypt_body<Tr: Transport>(
    client: &GenAuthClient<Tr>,
    ep: &Endpoint,
    plain: &serde_json::Value,
    kind: PasswordEncryptType,
) -> Result<(serde_json::Value, bool)> {
    let mut body = plain.clone();
    if kind == PasswordEncryptType::None {
        return Ok((body, false));
    }
    let present: Vec<&str> = ep
        .passwords
        .iter()
        .copied()
        .filter(|p| matches!(get_path(&body, p), Some(serde_json::Value::String(_))))
        .collect();
    if present.is_empty() {
        return Ok((body, false));
    }
    let (keys, fetched) = client.inner.keys.get(client).await?;
    for path in present {
        if let Some(serde_json::Value::String(s)) = get_path_mut(&mut body, path) {
            let cipher = client.inner.encryptor.encrypt(kind, s, &keys)?;
            zeroize::Zeroize::zeroize(s);
            *s = cipher;
        }
    }
    if let Some(flag) = ep.password_flag {
        set_path(
            &mut body,
            flag,
            serde_json::Value::String(kind.as_str().to_owned()),
        );
    }
    Ok((body, fetched))
}

fn get_path<'a>(v: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.').try_fold(v, |cur, seg| cur.get(seg))
}

fn get_path_mut<'a>(v: &'a mut serde_json::Value, path: &str) -> Option<&'a mut serde_json::Value> {
    path.split('.').try_fold(v, |cur, seg| cur.get_mut(seg))
}

fn set_path(v: &mut serde_json::Value, path: &str, new: serde_json::Value) {
    let mut cur = v;
    let mut segs = path.split('.').peekable();
    while let Some(seg) = segs.next() {
        let serde_json::Value::Object(map) = cur else {
            return;
        };
        if segs.peek().is_none() {
            map.insert(seg.to_owned(), new);
            return;
        }
        let entry = map
            .entry(seg.to_owned())
            .or_insert_with(|| serde_json::Value::Object(Default::default()));
        if entry.is_null() {
            *entry = serde_json::Value::Object(Default::default());
        }
        cur = entry;
    }
}

fn zeroize_paths(v: &mut serde_json::Value, paths: &[&str]) {
    for p in paths {
        if let Some(serde_json::Value::String(s)) = get_path_mut(v, p) {
            zeroize::Zeroize::zeroize(s);
        }
    }
}

/// Builds the final HTTP request (client auth applied).
pub(crate) fn build_request<Tr: Transport>(
    client: &GenAuthClient<Tr>,
    call: &Call,
    mut body: CallBody,
) -> Result<http::Request<Bytes>> {
    let ep = call.endpoint;
    let inner = &client.inner;
    let o = &inner.options;
    let mut auth_header: Option<HeaderValue> = None;

    match ep.auth {
        Auth::Client => match o.auth_method {
            TokenEndpointAuthMethod::ClientSecretPost => {
                let secret = o
                    .app_secret
                    .as_ref()
                    .map(|s| s.expose())
                    .unwrap_or_default();
                add_body_fields(
                    &mut body,
                    ep.encoding,
                    &[("client_id", &o.app_id), ("client_secret", secret)],
                );
            }
            TokenEndpointAuthMethod::ClientSecretBasic => {
                if BASIC_AUTH_PATHS.contains(&ep.path) {
                    auth_header = inner.basic_auth.clone();
                }
            }
            TokenEndpointAuthMethod::None => {
                if ep.encoding == Encoding::Form {
                    add_body_fields(&mut body, ep.encoding, &[("client_id", &o.app_id)]);
                }
            }
        },
        Auth::User => {
            let token = client.access_token().ok_or_else(|| {
                Error::Config(format!(
                    "`{}` needs a user access token: set one with GenAuthClient::set_access_token",
                    ep.name
                ))
            })?;
            let text = match o.user_token_scheme {
                UserTokenScheme::Raw => token.expose().to_owned(),
                UserTokenScheme::Bearer => format!("Bearer {}", token.expose()),
            };
            let mut v = HeaderValue::from_str(&text).map_err(|_| {
                Error::Config("the access token is not a valid header value".into())
            })?;
            v.set_sensitive(true);
            auth_header = Some(v);
        }
        Auth::None => {}
    }

    let mut uri = String::with_capacity(o.app_host.len() + call.path.len() + call.query.len() + 1);
    uri.push_str(&o.app_host);
    uri.push_str(&call.path);
    if !call.query.is_empty() {
        uri.push('?');
        uri.push_str(&call.query);
    }
    let (content_type, bytes) = body.into_bytes()?;
    let mut req = http::Request::new(bytes);
    *req.method_mut() = ep.method.as_http();
    *req.uri_mut() = uri
        .parse()
        .map_err(|_| Error::InvalidRequest(format!("`{}` built an invalid URI", ep.name)))?;
    let headers = req.headers_mut();
    for (k, v) in &inner.static_headers {
        headers.insert(k.clone(), v.clone());
    }
    if let Some(ct) = content_type {
        headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    if let Some(a) = auth_header {
        headers.insert(http::header::AUTHORIZATION, a);
    }
    Ok(req)
}

/// Appends fields to a body (creating a JSON object / form when there is none).
fn add_body_fields(body: &mut CallBody, encoding: Encoding, fields: &[(&str, &str)]) {
    match body {
        CallBody::None => {
            *body = match encoding {
                Encoding::Json => {
                    let mut map = serde_json::Map::new();
                    for (k, v) in fields {
                        map.insert((*k).to_owned(), serde_json::Value::String((*v).to_owned()));
                    }
                    CallBody::Value(serde_json::Value::Object(map))
                }
                Encoding::Form => CallBody::Form(
                    fields
                        .iter()
                        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                        .collect(),
                ),
            };
        }
        CallBody::Json(bytes) => {
            // Splice into the serialised object: `{…}` → `{…,"k":"v"}`. Cheaper than a re-parse.
            if bytes.last() == Some(&b'}') {
                bytes.pop();
                let mut first = bytes.last() == Some(&b'{');
                for (k, v) in fields {
                    if !first {
                        bytes.push(b',');
                    }
                    first = false;
                    // serde_json string escaping of plain strings cannot fail.
                    serde_json::to_writer(&mut *bytes, k).expect("string serialises");
                    bytes.push(b':');
                    serde_json::to_writer(&mut *bytes, v).expect("string serialises");
                }
                bytes.push(b'}');
            }
        }
        CallBody::Value(serde_json::Value::Object(map)) => {
            for (k, v) in fields {
                map.insert((*k).to_owned(), serde_json::Value::String((*v).to_owned()));
            }
        }
        CallBody::Value(_) => {}
        CallBody::Form(pairs) => {
            pairs.retain(|(k, _)| !fields.iter().any(|(f, _)| f == k));
            pairs.extend(
                fields
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
            );
        }
    }
}

/// Sends a prebuilt request (the key cache's `/api/v3/system` fetch) with the client's limits,
/// retrying per the client's [`crate::RetryPolicy`].
pub(crate) async fn send<Tr: Transport>(
    client: &GenAuthClient<Tr>,
    request: http::Request<Bytes>,
) -> Result<http::Response<Bytes>> {
    let o = &client.inner.options;
    let idempotent = request.method() == http::Method::GET;
    let mut retrier = Retrier::new(o.retry.as_ref());
    loop {
        let timeout = retrier.begin(o.timeout);
        let outcome = transport_send(client, clone_request(&request), timeout).await;
        if let Some((delay, reason)) = retrier.next_delay(idempotent, &outcome) {
            tracing::debug!(
                attempt = retrier.attempts(),
                reason = reason.as_str(),
                delay_ms = delay.as_millis() as u64,
                "retrying"
            );
            tokio::time::sleep(delay).await;
            continue;
        }
        return outcome.map_err(|e| retrier.error(e));
    }
}

/// One attempt through the transport.
async fn transport_send<Tr: Transport>(
    client: &GenAuthClient<Tr>,
    request: http::Request<Bytes>,
    timeout: Duration,
) -> std::result::Result<http::Response<Bytes>, TransportError> {
    let limits = RequestLimits {
        timeout,
        max_response_bytes: client.inner.options.max_response_bytes,
    };
    client.inner.transport.execute(request, limits).await
}

fn clone_request(r: &http::Request<Bytes>) -> http::Request<Bytes> {
    let mut c = http::Request::new(r.body().clone());
    *c.method_mut() = r.method().clone();
    *c.uri_mut() = r.uri().clone();
    *c.version_mut() = r.version();
    *c.headers_mut() = r.headers().clone();
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splices_fields_into_serialised_json() {
        let mut b = CallBody::Json(br#"{"a":1}"#.to_vec());
        add_body_fields(
            &mut b,
            Encoding::Json,
            &[("client_id", "id"), ("client_secret", "s\"x")],
        );
        let CallBody::Json(bytes) = b else { panic!() };
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap(),
            r#"{"a":1,"client_id":"id","client_secret":"s\"x"}"#
        );
        let mut b = CallBody::Json(b"{}".to_vec());
        add_body_fields(&mut b, Encoding::Json, &[("client_id", "id")]);
        let CallBody::Json(bytes) = b else { panic!() };
        assert_eq!(bytes, br#"{"client_id":"id"}"#);
    }

    #[test]
    fn may_encrypt_reads_the_flag_conservatively() {
        let ep = Endpoint {
            name: "t",
            method: Method::Post,
            path: "/x",
            auth: Auth::None,
            encoding: Encoding::Json,
            response: crate::endpoint::ResponseKind::Envelope,
            passwords: &["password"],
            password_flag: Some("options.passwordEncryptType"),
        };
        let none = PasswordEncryptType::None;
        assert!(!may_encrypt(&ep, br#"{"password":"p"}"#, none));
        assert!(!may_encrypt(
            &ep,
            br#"{"password":"p","options":{"passwordEncryptType":"none"}}"#,
            none
        ));
        assert!(may_encrypt(
            &ep,
            br#"{"password":"p","options":{"passwordEncryptType":"sm2"}}"#,
            none
        ));
        assert!(may_encrypt(
            &ep,
            br#"{"options":{"passwordEncryptType":null}}"#,
            none
        ));
        assert!(may_encrypt(
            &ep,
            br#"{"context":{"passwordEncryptType":"none"},"options":{"passwordEncryptType":"rsa"}}"#,
            none
        ));
        assert!(may_encrypt(
            &ep,
            br#"{"password":"p"}"#,
            PasswordEncryptType::Rsa
        ));
    }

    #[test]
    fn set_path_creates_objects() {
        let mut v = serde_json::json!({"options": null, "x": {}});
        set_path(&mut v, "options.passwordEncryptType", "rsa".into());
        set_path(&mut v, "x.y.z", 1.into());
        assert_eq!(
            v,
            serde_json::json!({"options": {"passwordEncryptType": "rsa"}, "x": {"y": {"z": 1}}})
        );
    }
}
