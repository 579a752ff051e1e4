//! Static endpoint descriptions and the per-call request parts the generated code fills.
//!
//! `#[genauth_api]` turns each annotated trait method into one [`Endpoint`] constant and a
//! [`Call`] built from the method's arguments; [`crate::pipeline::execute`] does the rest.

use std::fmt;

use bytes::Bytes;
use serde::Serialize;

use crate::error::Error;

/// HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as an [`http::Method`].
    pub fn as_http(self) -> http::Method {
        match self {
            Method::Get => http::Method::GET,
            Method::Post => http::Method::POST,
            Method::Put => http::Method::PUT,
            Method::Patch => http::Method::PATCH,
            Method::Delete => http::Method::DELETE,
        }
    }

    /// Upper-case name, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which credentials an endpoint carries (api doc 1.3–1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Auth {
    /// Application credentials, per [`crate::TokenEndpointAuthMethod`].
    Client,
    /// The user's access token in `authorization`.
    User,
    /// Only the app-id header.
    None,
}

/// Body encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
}

/// How a response body is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResponseKind {
    /// `{statusCode, message, apiCode, requestId, data}`; success iff `statusCode == 200`; `data` → `T`.
    Envelope,
    /// The whole body is `T` (2xx only).
    Bare,
    /// Enveloped if the body has a `statusCode`, bare otherwise (e.g. `/api/v3/system`).
    Either,
    /// Bare `T` on 2xx; `{error, error_description}` on 4xx becomes [`Error::OAuth`].
    OAuth,
    /// Body ignored on 2xx; `T` is decoded from JSON `null` (use `()` or `Option<_>`).
    Empty,
}

/// Static description of one endpoint: plain data, one constant per annotated method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// Rust method name (used in tracing spans and errors).
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template, `{name}` placeholders included.
    pub path: &'static str,
    /// Credentials the endpoint carries.
    pub auth: Auth,
    /// Body encoding.
    pub encoding: Encoding,
    /// Response decoding.
    pub response: ResponseKind,
    /// Dotted wire paths of the body fields that carry a password to encrypt.
    pub passwords: &'static [&'static str],
    /// Dotted wire path of the `passwordEncryptType` flag.
    pub password_flag: Option<&'static str>,
}

impl Endpoint {
    /// Whether the password hook applies to this endpoint.
    pub fn has_passwords(&self) -> bool {
        !self.passwords.is_empty()
    }
}

/// The body of a call, serialised eagerly so the future borrows nothing.
#[derive(Clone, Default)]
pub(crate) enum CallBody {
    #[default]
    None,
    /// Serialised JSON bytes (no password fields).
    Json(Vec<u8>),
    /// Structured JSON: kept as a value because the password hook rewrites it.
    Value(serde_json::Value),
    /// Form pairs (encoded later, after client auth adds its fields).
    Form(Vec<(String, String)>),
}

/// One request being built by generated code: path, query and body from the method's arguments.
///
/// Each builder method records the first error it meets; [`crate::pipeline::execute`] returns it.
/// This keeps generated code free of `?` and lets the returned future own everything it needs.
pub struct Call {
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) path: String,
    pub(crate) query: String,
    pub(crate) body: CallBody,
    pub(crate) error: Option<Error>,
}

impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body may hold a password: never print it.
        f.debug_struct("Call")
            .field("endpoint", &self.endpoint.name)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &"<redacted>")
            .finish()
    }
}

/// Characters escaped in a path segment: everything but RFC 3986 unreserved.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

impl Call {
    /// Starts a call for `endpoint`.
    pub fn new(endpoint: &'static Endpoint) -> Self {
        Call {
            endpoint,
            path: endpoint.path.to_owned(),
            query: String::new(),
            body: CallBody::None,
            error: None,
        }
    }

    fn fail(&mut self, e: Error) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// Substitutes `{name}` in the path with `value`, percent-encoded as one segment.
    pub fn path_param(mut self, name: &str, value: &dyn fmt::Display) -> Self {
        let placeholder = format!("{{{name}}}");
        let value = value.to_string();
        if value.is_empty() {
            self.fail(Error::InvalidRequest(format!(
                "path parameter `{name}` of `{}` is empty",
                self.endpoint.name
            )));
            return self;
        }
        let encoded = percent_encoding::utf8_percent_encode(&value, SEGMENT).to_string();
        self.path = self.path.replace(&placeholder, &encoded);
        self
    }

    /// Adds one query parameter. `None` (or any value serialising to `null`) is skipped;
    /// booleans are written `true`/`false`; sequences repeat the key.
    pub fn query_param<V: Serialize + ?Sized>(mut self, name: &str, value: &V) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => push_query_value(&mut self.query, name, &v),
            Err(e) => self.fail(Error::InvalidRequest(format!(
                "query parameter `{name}` of `{}` does not serialise: {e}",
                self.endpoint.name
            ))),
        }
        self
    }

    /// Flattens a `Serialize` struct into the query string (`None` fields skipped).
    pub fn query<Q: Serialize + ?Sized>(mut self, value: &Q) -> Self {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(map)) => {
                for (k, v) in &map {
                    push_query_value(&mut self.query, k, v);
                }
            }
            Ok(serde_json::Value::Null) => {}
            Ok(_) => self.fail(Error::InvalidRequest(format!(
                "the #[query] argument of `{}` must serialise to a struct or map",
                self.endpoint.name
            ))),
            Err(e) => self.fail(Error::InvalidRequest(format!(
                "query of `{}` does not serialise: {e}",
                self.endpoint.name
            ))),
        }
        self
    }

    /// Sets the body. JSON bodies are serialised straight to bytes (the pipeline parses a
    /// password-bearing one into a value only when a password is to be encrypted); form bodies
    /// are kept as pairs so client authentication can add its fields.
    pub fn body<B: Serialize + ?Sized>(mut self, value: &B) -> Self {
        let ep = self.endpoint;
        let result = match ep.encoding {
            // Password-bearing bodies too: the pipeline parses them into a value only when a
            // password is to be encrypted.
            Encoding::Json => serde_json::to_vec(value).map(CallBody::Json),
            Encoding::Form => serde_json::to_value(value).map(|v| CallBody::Form(form_pairs(&v))),
        };
        match result {
            Ok(body) => self.body = body,
            Err(e) => self.fail(Error::InvalidRequest(format!(
                "body of `{}` does not serialise: {e}",
                ep.name
            ))),
        }
        self
    }

    /// The endpoint this call is for.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }
}

/// Renders a JSON scalar the way a query string or form wants it (`None` for null).
fn scalar_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        // Nested objects/arrays inside a scalar slot: send their JSON text.
        other => Some(other.to_string()),
    }
}

fn push_query_value(query: &mut String, name: &str, v: &serde_json::Value) {
    let mut push = |text: &str| {
        let mut ser = form_urlencoded::Serializer::for_suffix(std::mem::take(query), 0);
        ser.append_pair(name, text);
        *query = ser.finish();
    };
    match v {
        serde_json::Value::Array(items) => {
            for item in items {
                if let Some(t) = scalar_text(item) {
                    push(&t);
                }
            }
        }
        other => {
            if let Some(t) = scalar_text(other) {
                push(&t);
            }
        }
    }
}

fn form_pairs(v: &serde_json::Value) -> Vec<(String, String)> {
    match v {
        serde_json::Value::Object(map) => map
            .iter()
            .filter_map(|(k, v)| scalar_text(v).map(|t| (k.clone(), t)))
            .collect(),
        _ => Vec::new(),
    }
}

impl CallBody {
    /// Final bytes and content type, after the pipeline is done rewriting.
    pub(crate) fn into_bytes(self) -> Result<(Option<&'static str>, Bytes), Error> {
        Ok(match self {
            CallBody::None => (None, Bytes::new()),
            CallBody::Json(b) => (Some("application/json"), Bytes::from(b)),
            CallBody::Value(v) => {
                (
                    Some("application/json"),
                    Bytes::from(serde_json::to_vec(&v).map_err(|e| {
                        Error::InvalidRequest(format!("body does not serialise: {e}"))
                    })?),
                )
            }
            CallBody::Form(pairs) => {
                let mut ser = form_urlencoded::Serializer::new(String::new());
                for (k, v) in &pairs {
                    ser.append_pair(k, v);
                }
                (
                    Some("application/x-www-form-urlencoded"),
                    Bytes::from(ser.finish()),
                )
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EP: Endpoint = Endpoint {
        name: "t",
        method: Method::Get,
        path: "/api/v3/things/{id}/x",
        auth: Auth::None,
        encoding: Encoding::Json,
        response: ResponseKind::Envelope,
        passwords: &[],
        password_flag: None,
    };

    #[test]
    fn path_params_are_one_encoded_segment() {
        let c = Call::new(&EP).path_param("id", &"a/b c?");
        assert_eq!(c.path, "/api/v3/things/a%2Fb%20c%3F/x");
        assert!(c.error.is_none());
    }

    #[test]
    fn empty_path_param_is_an_error() {
        let c = Call::new(&EP).path_param("id", &"");
        assert!(matches!(c.error, Some(Error::InvalidRequest(_))));
    }

    #[test]
    fn query_skips_none_and_lowercases_booleans() {
        let c = Call::new(&EP)
            .query_param("a", &Some("x y&z"))
            .query_param("b", &None::<String>)
            .query_param("c", &false)
            .query_param("d", &vec![1, 2]);
        assert_eq!(c.query, "a=x+y%26z&c=false&d=1&d=2");
    }
}
