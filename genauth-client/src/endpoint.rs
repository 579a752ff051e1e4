//! Static endpoint descriptions: plain data, one constant per annotated trait method, and the
//! inventory of every endpoint declared anywhere in the program.
//!
//! `#[genauth_api]` turns each annotated trait method into one [`Endpoint`] constant (in the
//! trait's registry, e.g. `AUTHENTICATION_ENDPOINTS`) and submits the registry to the
//! inventory ([`registries`], [`endpoints`]): the endpoint-table test, the wire tests and the
//! fake server read it, so nobody keeps a list of endpoints by hand.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

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
    /// The method as an [`http::Method`](https://docs.rs/http/1/http/method/struct.Method.html).
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

/// Which credentials an endpoint carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Auth {
    /// Application credentials, per the [`crate::TokenEndpointAuthMethod`] that
    /// [`Endpoint::client_auth`] names.
    Client,
    /// The user's access token in `authorization`.
    User,
    /// Only the app-id header.
    None,
    /// A Management API call, made by a `ManagementClient` (feature `management`): a
    /// management token obtained with the user pool's access key, or a per-request signature
    /// with that key, as its options choose.
    Management,
}

/// Which configured client authentication method an `auth = client` endpoint uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientAuthOf {
    /// [`crate::ClientOptions::auth_method`] (token endpoint; sign-in endpoints).
    Token,
    /// [`crate::ClientOptions::introspection_auth_method`].
    Introspection,
    /// [`crate::ClientOptions::revocation_auth_method`].
    Revocation,
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
    /// A `text/plain` body on 2xx; `T` is decoded from it as a JSON string (use `String`).
    Text,
}

/// Static description of one endpoint: plain data, one constant per annotated method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// Rust method name (used in tracing spans and errors).
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template, `{name}` placeholders included. A leading `{protocol}` is
    /// protocol-relative: `/oidc` or `/oauth`, chosen from [`crate::ClientOptions::protocol`].
    pub path: &'static str,
    /// Credentials the endpoint carries.
    pub auth: Auth,
    /// For `auth = client`: which configured method authenticates the call.
    pub client_auth: ClientAuthOf,
    /// Body encoding.
    pub encoding: Encoding,
    /// Response decoding.
    pub response: ResponseKind,
    /// Dotted wire paths of the body fields that carry a password to encrypt.
    pub passwords: &'static [&'static str],
    /// Dotted wire path of the `passwordEncryptType` flag.
    pub password_flag: Option<&'static str>,
}

/// The application protocol: which token endpoints are called
/// (`/oidc/*` or `/oauth/*`) and how authorize/logout URLs are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Protocol {
    /// OpenID Connect: `/oidc/*` (the default).
    #[default]
    Oidc,
    /// OAuth 2.0: `/oauth/*`.
    OAuth,
    /// SAML 2.0: only the URL builders differ; token calls use `/oidc/*`.
    Saml,
    /// CAS: only the URL builders differ; token calls use `/oidc/*`.
    Cas,
}

impl Protocol {
    /// Wire name: `oidc`, `oauth`, `saml`, `cas`.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Oidc => "oidc",
            Protocol::OAuth => "oauth",
            Protocol::Saml => "saml",
            Protocol::Cas => "cas",
        }
    }

    /// The prefix of the protocol endpoints this protocol calls (`{protocol}` in an endpoint
    /// path): `/oauth` for OAuth, `/oidc` for the others.
    pub fn path_prefix(self) -> &'static str {
        match self {
            Protocol::OAuth => "/oauth",
            Protocol::Oidc | Protocol::Saml | Protocol::Cas => "/oidc",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Protocol {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "oidc" => Ok(Protocol::Oidc),
            "oauth" => Ok(Protocol::OAuth),
            "saml" => Ok(Protocol::Saml),
            "cas" => Ok(Protocol::Cas),
            other => Err(Error::Config(format!(
                "unknown protocol `{other}`; expected oidc, oauth, saml or cas"
            ))),
        }
    }
}

/// The leading segment of a protocol-relative [`Endpoint::path`].
pub const PROTOCOL_PREFIX: &str = "{protocol}";

impl Endpoint {
    /// Whether the password hook applies to this endpoint.
    pub fn has_passwords(&self) -> bool {
        !self.passwords.is_empty()
    }

    /// Whether the path is protocol-relative (`{protocol}/token` → `/oidc/token` or `/oauth/token`).
    pub fn is_protocol_relative(&self) -> bool {
        self.path.starts_with(PROTOCOL_PREFIX)
    }

    /// The concrete path templates this endpoint can be sent to: both protocol prefixes for a
    /// protocol-relative path, else the path itself.
    pub fn path_variants(&self) -> Vec<String> {
        match self.path.strip_prefix(PROTOCOL_PREFIX) {
            Some(rest) => [Protocol::Oidc, Protocol::OAuth]
                .iter()
                .map(|p| format!("{}{rest}", p.path_prefix()))
                .collect(),
            None => vec![self.path.to_owned()],
        }
    }
}

/// One trait's registry, as submitted by `#[genauth_api]` to the program-wide inventory.
#[derive(Debug)]
pub struct ApiRegistry {
    /// The trait's name.
    pub trait_name: &'static str,
    /// Its endpoints, in declaration order.
    pub endpoints: &'static [&'static Endpoint],
}

impl ApiRegistry {
    /// Used by generated code.
    pub const fn new(trait_name: &'static str, endpoints: &'static [&'static Endpoint]) -> Self {
        ApiRegistry {
            trait_name,
            endpoints,
        }
    }
}

inventory::collect!(ApiRegistry);

/// Every `#[genauth_api]` trait linked into the program, sorted by trait name (the SDK's own
/// and any a user declares). Collected once: the inventory is fixed when the program starts.
pub fn registries() -> &'static [&'static ApiRegistry] {
    static ALL: std::sync::OnceLock<Vec<&'static ApiRegistry>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static ApiRegistry> =
            inventory::iter::<ApiRegistry>.into_iter().collect();
        all.sort_by_key(|r| r.trait_name);
        all
    })
}

/// Every declared endpoint with its trait's name, in [`registries`] order.
pub fn endpoints() -> impl Iterator<Item = (&'static str, &'static Endpoint)> {
    registries()
        .iter()
        .flat_map(|r| r.endpoints.iter().map(move |e| (r.trait_name, *e)))
}
