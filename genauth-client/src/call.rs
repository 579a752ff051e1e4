//! One request being built by generated code: path, query and body from the method's arguments.
//!
//! Each builder method records the first error it meets; the pipeline returns it. This keeps
//! generated code free of `?` and lets the returned future own everything it needs.

use std::fmt;

use bytes::Bytes;
use serde::Serialize;

use crate::crypto::PasswordEncryptType;
use crate::endpoint::{Encoding, Endpoint};
use crate::error::Error;
use crate::secret::Password;
use crate::wire::WireSchema;

/// The body of a call.
#[derive(Default)]
pub(crate) enum CallBody<'a> {
    #[default]
    None,
    /// Serialised at build time: nothing rewrites it.
    Json(Bytes),
    /// Form pairs (encoded when sent, after client authentication adds its pairs).
    Form(Vec<(String, String)>),
    /// A typed JSON body the pipeline rewrites per attempt (passwords, client credentials).
    Typed(Box<dyn TypedBody + 'a>),
}

/// A typed request body, as the pipeline sees it: serialisable with extra top-level fields and,
/// for password-bearing bodies, reachable through the `WireSchema` accessors.
pub(crate) trait TypedBody: Send {
    /// JSON bytes, with `extra` string fields appended to the top-level object. Errors when
    /// `extra` is not empty and the body is not an object.
    fn to_json(&self, extra: &[(&str, &str)]) -> serde_json::Result<Vec<u8>>;
    /// The `passwordEncryptType` set in the body at `flag`, if any.
    fn flag(&mut self, flag: &str) -> Option<PasswordEncryptType>;
    /// The password at a dotted wire path, if present.
    fn password_mut(&mut self, path: &str) -> Option<&mut Password>;
    /// Sets the flag (creating absent optional parents); false if it cannot be set.
    fn set_flag(&mut self, flag: &str, value: PasswordEncryptType) -> bool;
}

/// Appends string fields to a serialised object (through serde's flatten, so a body that is
/// not an object is an error, never a silent drop).
#[derive(Serialize)]
struct WithFields<'a, B: ?Sized + Serialize> {
    #[serde(flatten)]
    body: &'a B,
    #[serde(flatten)]
    extra: Fields<'a>,
}

struct Fields<'a>(&'a [(&'a str, &'a str)]);

impl Serialize for Fields<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (*k, *v)))
    }
}

fn json_with<B: Serialize + ?Sized>(
    body: &B,
    extra: &[(&str, &str)],
) -> serde_json::Result<Vec<u8>> {
    if extra.is_empty() {
        serde_json::to_vec(body)
    } else {
        serde_json::to_vec(&WithFields {
            body,
            extra: Fields(extra),
        })
    }
}

/// A body without password fields (owned or borrowed).
struct Plain<B>(B);

impl<B: Serialize + Send> TypedBody for Plain<B> {
    fn to_json(&self, extra: &[(&str, &str)]) -> serde_json::Result<Vec<u8>> {
        json_with(&self.0, extra)
    }
    fn flag(&mut self, _: &str) -> Option<PasswordEncryptType> {
        None
    }
    fn password_mut(&mut self, _: &str) -> Option<&mut Password> {
        None
    }
    fn set_flag(&mut self, _: &str, _: PasswordEncryptType) -> bool {
        false
    }
}

/// A body whose password fields and flag the derive made reachable.
struct WithPasswords<B>(B);

impl<B: Serialize + WireSchema + Send> TypedBody for WithPasswords<B> {
    fn to_json(&self, extra: &[(&str, &str)]) -> serde_json::Result<Vec<u8>> {
        json_with(&self.0, extra)
    }
    fn flag(&mut self, flag: &str) -> Option<PasswordEncryptType> {
        self.0.flag_mut(flag, false).and_then(|slot| slot.get())
    }
    fn password_mut(&mut self, path: &str) -> Option<&mut Password> {
        self.0.password_mut(path)
    }
    fn set_flag(&mut self, flag: &str, value: PasswordEncryptType) -> bool {
        match self.0.flag_mut(flag, true) {
            Some(mut slot) => {
                slot.set(value);
                true
            }
            None => false,
        }
    }
}

/// One request being built by generated code: path, query and body from the method's
/// arguments. Not public API: generated code builds it, the pipeline consumes it.
#[doc(hidden)]
pub struct Call<'a> {
    pub(crate) endpoint: &'static Endpoint,
    /// The path template until a path parameter fills it (no allocation for fixed paths).
    pub(crate) path: std::borrow::Cow<'static, str>,
    pub(crate) query: String,
    pub(crate) body: CallBody<'a>,
    pub(crate) error: Option<Error>,
    /// The password encryption resolved for this call (set by the pipeline).
    pub(crate) encrypt: Option<PasswordEncryptType>,
}

impl fmt::Debug for Call<'_> {
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

impl<'a> Call<'a> {
    /// Starts a call for `endpoint`.
    pub fn new(endpoint: &'static Endpoint) -> Self {
        Call {
            endpoint,
            path: std::borrow::Cow::Borrowed(endpoint.path),
            query: String::new(),
            body: CallBody::None,
            error: None,
            encrypt: None,
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
        self.path = std::borrow::Cow::Owned(self.path.replace(&placeholder, &encoded));
        self
    }

    /// What an array query parameter's name gets on each element: nothing (`ids=a&ids=b`, as
    /// the Authentication API's official SDKs send), or `[]` for Management API endpoints
    /// (`ids[]=a&ids[]=b`, as the Node SDK sends them: the form a server can read back as one
    /// array, which the request signature is computed over).
    fn array_suffix(&self) -> &'static str {
        match self.endpoint.auth {
            crate::endpoint::Auth::Management => "[]",
            _ => "",
        }
    }

    /// Adds one query parameter. `None` (or any value serialising to `null`) is skipped;
    /// booleans are written `true`/`false`; sequences repeat the key (see `array_suffix`).
    pub fn query_param<V: Serialize + ?Sized>(mut self, name: &str, value: &V) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => {
                let suffix = self.array_suffix();
                push_query_value(&mut self.query, name, &v, suffix);
            }
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
                let suffix = self.array_suffix();
                for (k, v) in &map {
                    push_query_value(&mut self.query, k, v, suffix);
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

    /// Sets a body nothing rewrites: JSON is serialised now, a form is kept as pairs (client
    /// authentication may add its own).
    pub fn body<B: Serialize + ?Sized>(mut self, value: &B) -> Self {
        let ep = self.endpoint;
        let result = match ep.encoding {
            Encoding::Json => serde_json::to_vec(value).map(|b| Ok(CallBody::Json(Bytes::from(b)))),
            Encoding::Form => serde_json::to_value(value).map(|v| match v {
                serde_json::Value::Object(map) => Ok(CallBody::Form(form_pairs(&map))),
                serde_json::Value::Null => Ok(CallBody::Form(Vec::new())),
                _ => Err(Error::InvalidRequest(format!(
                    "the form body of `{}` must serialise to a struct or map",
                    ep.name
                ))),
            }),
        };
        match result {
            Ok(Ok(body)) => self.body = body,
            Ok(Err(e)) => self.fail(e),
            Err(e) => self.fail(Error::InvalidRequest(format!(
                "body of `{}` does not serialise: {e}",
                ep.name
            ))),
        }
        self
    }

    /// Sets a JSON body kept typed (owned, or borrowed for the call), so client credentials are
    /// added as fields when it is sent.
    pub fn owned_body<B: Serialize + Send + 'a>(mut self, value: B) -> Self {
        self.body = CallBody::Typed(Box::new(Plain(value)));
        self
    }

    /// Sets a JSON body whose password fields the pipeline encrypts per attempt, in place (the
    /// plaintext is put back after each serialisation, and zeroized when the call ends).
    pub fn password_body<B>(mut self, value: B) -> Self
    where
        B: Serialize + WireSchema + Send + 'a,
    {
        self.body = CallBody::Typed(Box::new(WithPasswords(value)));
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

fn push_query_value(query: &mut String, name: &str, v: &serde_json::Value, array_suffix: &str) {
    let mut push = |name: &str, text: &str| {
        let mut ser = form_urlencoded::Serializer::for_suffix(std::mem::take(query), 0);
        ser.append_pair(name, text);
        *query = ser.finish();
    };
    match v {
        serde_json::Value::Array(items) => {
            let name = format!("{name}{array_suffix}");
            for item in items {
                if let Some(t) = scalar_text(item) {
                    push(&name, &t);
                }
            }
        }
        other => {
            if let Some(t) = scalar_text(other) {
                push(name, &t);
            }
        }
    }
}

fn form_pairs(map: &serde_json::Map<String, serde_json::Value>) -> Vec<(String, String)> {
    map.iter()
        .filter_map(|(k, v)| scalar_text(v).map(|t| (k.clone(), t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::{Auth, ClientAuthOf, Method, ResponseKind};

    const EP: Endpoint = Endpoint {
        name: "t",
        method: Method::Get,
        path: "/api/v3/things/{id}/x",
        auth: Auth::None,
        client_auth: ClientAuthOf::Token,
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
