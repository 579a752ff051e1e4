//! What validation produces: a checked [`Plan`] per endpoint, collected in [`Checked`].

use syn::{Ident, LitStr, Type};

use crate::parse::{AuthKind, BodyEncoding, ClientAuthOf, HttpMethod, ResponseKind};

/// How one query argument is passed.
#[derive(Clone)]
pub(crate) enum QueryUse {
    /// `#[query] q`: `.query(&q)`.
    Flatten(Ident),
    /// `#[query = "wire"] x`: `.query_param("wire", &x)`.
    Param(LitStr, Ident),
}

/// A path placeholder and the argument that fills it.
#[derive(Clone)]
pub(crate) struct PathParam {
    pub name: String,
    pub ident: Ident,
}

/// Everything needed to generate one endpoint, all checked.
#[derive(Clone)]
pub(crate) struct Plan {
    pub ident: Ident,
    pub method: HttpMethod,
    pub path: LitStr,
    pub auth: AuthKind,
    pub client_auth: ClientAuthOf,
    pub encoding: BodyEncoding,
    pub response: ResponseKind,
    pub passwords: Vec<LitStr>,
    pub password_flag: Option<LitStr>,
    /// In order of first appearance in the path.
    pub path_params: Vec<PathParam>,
    /// In argument order.
    pub queries: Vec<QueryUse>,
    /// The declared type of each entry of `queries`.
    pub query_types: Vec<Type>,
    /// The body argument and its declared type.
    pub body: Option<(Ident, Type)>,
    /// `T` of the declared `Result<T>` / `Result<T, E>`.
    pub ok_ty: Type,
}

/// Which client types a trait is implemented for, decided by its endpoints' `auth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Clients {
    /// `GenAuthClient` and `UserClient` (`auth = client | user | none`).
    #[default]
    App,
    /// `ManagementClient` (every endpoint `auth = management`).
    Management,
}

/// Result of validation.
#[derive(Default)]
pub(crate) struct Checked {
    /// Aligned with `Api::items`: `Some` for every endpoint that passed every check.
    pub plans: Vec<Option<Plan>>,
    /// Whether an `impl Trait for GenAuthClient<_>` can be emitted at all.
    pub impl_possible: bool,
    /// The client types the trait is implemented for.
    pub clients: Clients,
    /// Every problem, in source order (reading errors first).
    pub errors: Vec<syn::Error>,
}
