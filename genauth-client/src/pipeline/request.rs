//! Building the HTTP request of one attempt: URI (protocol prefix, path, query), body (with the
//! credentials [`super::auth`] decides and the passwords [`super::password`] encrypts), headers.

use bytes::Bytes;
use http::{HeaderName, HeaderValue};

use super::management::Grant;
use super::{Pipeline, Who};
use crate::call::{Call, CallBody};
use crate::crypto::{PasswordEncryptType, ServerKeys};
use crate::endpoint::{Encoding, PROTOCOL_PREFIX, Protocol};
use crate::error::{Error, Result};
use crate::options::ClientOptions;

/// `rust:<crate version>`, sent as `x-genauth-sdk-version`.
pub(crate) const SDK_VERSION: &str = concat!("rust:", env!("CARGO_PKG_VERSION"));

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

/// `<prefix><name>`, e.g. `x-genauth-app-id`.
pub(crate) fn header_name(o: &ClientOptions, name: &str) -> Result<HeaderName> {
    let p = o.header_prefix.as_str();
    HeaderName::from_bytes(format!("{p}{name}").as_bytes())
        .map_err(|_| Error::Config(format!("invalid header name {p}{name}")))
}

fn header_value(what: &str, v: &str) -> Result<HeaderValue> {
    HeaderValue::from_str(v)
        .map_err(|_| Error::Config(format!("{what} is not a valid header value")))
}

/// Headers that are the same on every request, rendered once per client.
pub(crate) fn static_headers(o: &ClientOptions) -> Result<Vec<(HeaderName, HeaderValue)>> {
    let mut h = vec![
        (
            header_name(o, "app-id")?,
            header_value("app_id", &o.app_id)?,
        ),
        (
            header_name(o, "request-from")?,
            HeaderValue::from_static("sdk"),
        ),
    ];
    h.extend(management_headers(o)?);
    if let Some(ip) = &o.real_ip {
        h.push((
            HeaderName::from_static("x-real-ip"),
            header_value("real_ip", ip)?,
        ));
    }
    Ok(h)
}

/// The constant headers of a Management API client (and part of every client's): the SDK
/// version and, when set, the language.
pub(crate) fn management_headers(o: &ClientOptions) -> Result<Vec<(HeaderName, HeaderValue)>> {
    let mut h = vec![(
        header_name(o, "sdk-version")?,
        HeaderValue::from_static(SDK_VERSION),
    )];
    if let Some(lang) = &o.lang {
        h.push((header_name(o, "lang")?, header_value("lang", lang)?));
    }
    Ok(h)
}

/// Resolves a protocol-relative path (`{protocol}/token`) for the options' protocol, once per
/// call (attempts reuse it).
pub(crate) fn resolve_protocol(call: &mut Call<'_>, protocol: Protocol) {
    if let Some(rest) = call.path.strip_prefix(PROTOCOL_PREFIX) {
        call.path = std::borrow::Cow::Owned(format!("{}{rest}", protocol.path_prefix()));
    }
}

/// The request for one attempt: synchronous, everything it needs is at hand. `encrypt` is the
/// encryption this attempt applies to the body's passwords and the server keys to apply it with
/// (given exactly when [`super::password::to_encrypt`] named a kind).
pub(crate) fn build<Tr>(
    pipeline: &Pipeline<Tr>,
    who: Who<'_>,
    grant: Option<&Grant>,
    call: &mut Call<'_>,
    encrypt: Option<(PasswordEncryptType, &ServerKeys)>,
) -> Result<http::Request<Bytes>> {
    let ep = call.endpoint;
    let o = &pipeline.options;
    let creds = super::auth::credentials(ep, o, &pipeline.basic_auth, who.user_token)?;
    let fields = creds.fields();
    let (content_type, body) = match &mut call.body {
        CallBody::None if fields.is_empty() => (None, Bytes::new()),
        CallBody::None => match ep.encoding {
            Encoding::Json => {
                let map: serde_json::Map<String, serde_json::Value> = fields
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).into()))
                    .collect();
                (Some(JSON), json_bytes(&map)?)
            }
            Encoding::Form => (Some(FORM), form_bytes(&[], fields)),
        },
        CallBody::Json(bytes) if fields.is_empty() => (Some(JSON), bytes.clone()),
        CallBody::Json(_) => return Err(super::auth::cannot_carry(ep)),
        CallBody::Form(pairs) => (Some(FORM), form_bytes(pairs, fields)),
        CallBody::Typed(body) => {
            let with = encrypt.map(|(kind, keys)| (kind, keys, &*pipeline.encryptor));
            let bytes = super::password::serialise(ep, &mut **body, with, fields)?;
            (Some(JSON), Bytes::from(bytes))
        }
    };

    let path = &*call.path;
    let mut uri = String::with_capacity(o.app_host.len() + path.len() + call.query.len() + 1);
    uri.push_str(&o.app_host);
    uri.push_str(path);
    if !call.query.is_empty() {
        uri.push('?');
        uri.push_str(&call.query);
    }
    let mut req = http::Request::new(body);
    *req.method_mut() = ep.method.as_http();
    *req.uri_mut() = uri
        .parse()
        .map_err(|_| Error::InvalidRequest(format!("`{}` built an invalid URI", ep.name)))?;
    let headers = req.headers_mut();
    for (k, v) in &pipeline.static_headers {
        headers.insert(k.clone(), v.clone());
    }
    if let Some(ct) = content_type {
        headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    if let Some(a) = creds.header {
        headers.insert(http::header::AUTHORIZATION, a);
    }
    // Management credentials go on last: a signature covers the request as it is sent.
    if let (Some(grant), Some(auth)) = (grant, who.management) {
        super::management::apply(auth, grant, &pipeline.userpool_header, &mut req)?;
    }
    Ok(req)
}

fn json_bytes<B: serde::Serialize>(body: &B) -> Result<Bytes> {
    serde_json::to_vec(body)
        .map(Bytes::from)
        .map_err(|e| Error::InvalidRequest(format!("body does not serialise: {e}")))
}

/// Form pairs with the credential pairs replacing any of the same name.
fn form_bytes(pairs: &[(String, String)], fields: &[(&str, &str)]) -> Bytes {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        if !fields.iter().any(|(f, _)| f == k) {
            ser.append_pair(k, v);
        }
    }
    for (k, v) in fields {
        ser.append_pair(k, v);
    }
    Bytes::from(ser.finish())
}
