//! The IR `parse` produces: attribute slots and the trait's items (the keyword values it holds
//! are declared in [`crate::vocab`]).

use proc_macro2::Span;
use syn::{Ident, ItemTrait, LitStr, Path, Signature, Type};

use crate::vocab::{AuthKind, BodyEncoding, ClientAuthOf, HttpMethod, ResponseKind};

/// One attribute key: not given, given but unusable (already reported), or given.
#[derive(Clone)]
pub(crate) enum Slot<T> {
    Absent,
    Invalid,
    Present(T),
}

impl<T> Slot<T> {
    pub(super) fn is_set(&self) -> bool {
        !matches!(self, Slot::Absent)
    }

    /// The value if present and valid.
    pub(crate) fn get(&self) -> Option<&T> {
        match self {
            Slot::Present(v) => Some(v),
            Slot::Absent | Slot::Invalid => None,
        }
    }
}

/// The parsed arguments of `#[genauth_api(...)]`.
#[derive(Clone)]
pub(crate) struct ApiArgs {
    /// Path of the `genauth-client` crate; generated code uses `<krate>::__private`.
    pub krate: Path,
    /// `replay`: also generate, per endpoint, a builder from recorded wire parts (arguments
    /// deserialised by wire name), for recordings-driven wire tests. Needs every argument type
    /// to be `DeserializeOwned` once references are made owned.
    pub replay: bool,
}

/// The parsed contents of one `#[genauth_endpoint(...)]`.
#[derive(Clone)]
pub(crate) struct EndpointArgs {
    pub path: Slot<LitStr>,
    pub method: Slot<HttpMethod>,
    pub auth: Slot<AuthKind>,
    pub passwords: Vec<LitStr>,
    pub password_flag: Slot<LitStr>,
    pub encoding: Slot<BodyEncoding>,
    pub response: Slot<ResponseKind>,
    pub client_auth: Slot<ClientAuthOf>,
}

/// How an argument is marked.
#[derive(Clone)]
pub(crate) enum Marker {
    /// No marker: a path parameter, or the body if named `body`.
    None,
    /// `#[body]`
    Body(Span),
    /// `#[query]`: a struct flattened into the query string.
    Query(Span),
    /// `#[query = "wireName"]`: one query parameter.
    QueryParam(LitStr),
    /// Malformed or conflicting markers (already reported).
    Invalid,
}

/// One non-receiver argument of an endpoint method.
#[derive(Clone)]
pub(crate) struct Param {
    /// The argument's name; `None` when its pattern is not a plain identifier.
    pub ident: Option<Ident>,
    /// Span of the pattern (for errors about it).
    pub pat_span: Span,
    pub ty: Type,
    pub marker: Marker,
}

/// A trait method carrying `#[genauth_endpoint(...)]`.
#[derive(Clone)]
pub(crate) struct EndpointIr {
    pub ident: Ident,
    /// Span of the attribute's path (`genauth_endpoint`), for "missing key" errors.
    pub attr_span: Span,
    /// The attribute's path as written (`genauth_endpoint`, `genauth::genauth_endpoint`).
    pub attr_path: Path,
    /// `None` if the attribute could not be read at all (already reported).
    pub args: Option<EndpointArgs>,
    /// Further `#[genauth_endpoint]` attributes on the same method.
    pub duplicate_attrs: Vec<Span>,
    /// `#[cfg(...)]` attributes on the method.
    pub cfg_attrs: Vec<Span>,
    /// The signature with argument markers removed.
    pub sig: Signature,
    /// Span of a default body, if the method has one.
    pub default_body: Option<Span>,
    /// Arguments after the receiver, in order.
    pub params: Vec<Param>,
}

/// One item of the trait, aligned with `Api::item.items`.
#[derive(Clone)]
pub(crate) enum ItemIr {
    Endpoint(Box<EndpointIr>),
    /// Anything else. `required` items (no default) cannot be implemented by the macro.
    Other {
        required: Option<(Span, String)>,
    },
}

/// Everything `#[genauth_api]` read.
#[derive(Clone)]
pub(crate) struct Api {
    pub args: ApiArgs,
    /// The trait with `#[genauth_endpoint]` and argument markers stripped (otherwise as written).
    pub item: ItemTrait,
    /// One entry per `item.items` element.
    pub items: Vec<ItemIr>,
    /// Problems found while reading (unknown keys/values, malformed markers, ...).
    pub errors: Vec<syn::Error>,
}
