//! # genauth-macros
//!
//! Procedural macros behind [`genauth`](https://docs.rs/genauth)'s declarative endpoints. Use
//! them through `genauth`, which re-exports them and provides the runtime they expand to
//! (`genauth::__private`); this crate has no runtime of its own.
//!
//! - [`macro@genauth_api`] on a trait: one `#[genauth_endpoint(...)]` line per method becomes an
//!   implementation of the trait for `GenAuthClient`, a static endpoint description and a
//!   registry of every endpoint the trait declares.
//! - [`macro@genauth_endpoint`]: the per-method marker `#[genauth_api]` reads (a no-op alone).
//! - [`macro@WireSchema`]: a DTO's wire shape, so `password = "a.b"` is checked at compile time.
//!
//! ```text
//! #[genauth_api]
//! pub trait Authentication {
//!     /// Sign in with user credentials (`POST /api/v3/signin`).
//!     #[genauth_endpoint(path = "/api/v3/signin", method = POST, auth = client,
//!                        password = "passwordPayload.password",
//!                        password_flag = "options.passwordEncryptType")]
//!     async fn sign_in_by_credentials(&self, body: SignInByCredentialsDto) -> Result<LoginTokenSet>;
//! }
//! ```
//!
//! The contract (keys, markers, expansion, errors) is written down in `CONTRIBUTING.md` at the
//! root of the repository. Internally the crate is split into `parse` (tokens → typed IR with
//! spans), `validate` (cross-checks, errors accumulated), `expand` (IR → tokens) and `schema`
//! (the derive).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use proc_macro::TokenStream;

mod expand;
mod mock;
mod parse;
mod schema;
mod validate;

/// Implements an API trait for `GenAuthClient` from one `#[genauth_endpoint(...)]` per method.
///
/// ```no_run
/// use genauth::{GenAuthClient, Result, genauth_api, genauth_endpoint};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Deserialize)]
/// pub struct UserDto {
///     pub user_id: String,
/// }
///
/// #[derive(Serialize)]
/// pub struct UpdateUserDto {
///     pub nickname: Option<String>,
/// }
///
/// #[derive(Serialize)]
/// pub struct ListOptions {
///     pub page: Option<u32>,
///     pub limit: Option<u32>,
/// }
///
/// #[genauth_api] // or #[genauth_api(crate = path::to::genauth)]
/// pub trait Users {
///     /// Get a user (`GET /api/v3/users/{id}`).
///     #[genauth_endpoint(path = "/api/v3/users/{id}", method = GET, auth = user)]
///     async fn get_user(
///         &self,
///         id: &str,
///         #[query = "withCustomData"] custom: Option<bool>,
///     ) -> Result<UserDto>;
///
///     /// Update a user (`PUT /api/v3/users/{id}`).
///     #[genauth_endpoint(path = "/api/v3/users/{id}", method = PUT, auth = user)]
///     async fn update_user(
///         &self,
///         id: &str,
///         #[query] options: &ListOptions,
///         #[body] dto: &UpdateUserDto,
///     ) -> Result<UserDto>;
/// }
///
/// # async fn run() -> Result<()> {
/// let client = GenAuthClient::new(genauth::ClientOptions::from_env()?)?;
/// let user = client.get_user("6f1c", Some(true)).await?;
/// println!("{}", user.user_id);
/// // Every endpoint the trait declares, in declaration order:
/// assert_eq!(USERS_ENDPOINTS[1].path, "/api/v3/users/{id}");
/// # Ok(()) }
/// ```
///
/// # What it generates
///
/// 1. **The trait**, re-emitted with all of its attributes (docs, `cfg_attr(.., automock)`, ...).
///    Only `#[genauth_endpoint]` and the argument markers are removed, and every endpoint
///    `async fn m(&self, ..) -> R` becomes `fn m(&self, ..) -> impl Future<Output = R> + Send`,
///    so callers can spawn the futures from generic code. Methods without the attribute are
///    left as written (they need a default body).
/// 2. **`<TRAIT_NAME>_ENDPOINTS`** (`USERS_ENDPOINTS` above), a `&[&Endpoint]` with the trait's
///    visibility listing every endpoint in declaration order.
/// 3. **`impl<T: Transport> Users for GenAuthClient<T>`**: each method builds a `Call` from its
///    arguments (path parameters, query, body: all serialised before the future is created) and
///    returns `async move { execute::<T, _>(self, call).await.map_err(Into::into) }`. For every
///    `password = "..."` a `const` assertion checks that the path exists in the body type's
///    [`WireSchema`](macro@WireSchema).
///
/// # `#[genauth_endpoint(...)]` keys
///
/// | key | values | default |
/// |---|---|---|
/// | `path` | string, `{name}` placeholders filled by the argument `name` (`Display`) | required |
/// | `method` | `GET` `POST` `PUT` `PATCH` `DELETE` | required |
/// | `auth` | `client` `user` `none` | `none` |
/// | `password` | dotted wire path into the body, repeatable | — |
/// | `password_flag` | dotted wire path of `passwordEncryptType` | required with `password` |
/// | `encoding` | `json` `form` | `json` |
/// | `response` | `envelope` `bare` `either` `oauth` `empty` | `envelope` |
///
/// `#[genauth_endpoint]` must be in scope like any attribute (`use genauth::genauth_endpoint;`
/// or a path such as `#[genauth::genauth_endpoint(...)]`): the generated code applies it
/// once to a dummy item, so that import is not reported as unused.
///
/// # Arguments
///
/// After `&self`, every argument must be used: named like a `{placeholder}` in the path,
/// `#[body]` (or named `body`, at most one body), `#[query]` (a struct flattened into the
/// query string) or `#[query = "wireName"]` (one query parameter). The return type must be
/// `Result<T>` or `Result<T, E>` with `E: From<genauth::Error>`.
///
/// # Errors
///
/// Mistakes are reported as compile errors at the offending token (unknown or duplicate keys,
/// unknown values, missing `path`/`method`, malformed paths, placeholders without an argument,
/// unused arguments, two bodies, a non-`Result` return type, a receiver other than `&self`,
/// `password` without `password_flag` or without a body, a password path missing from the body
/// type). The trait is still emitted, so one mistake gives one message.
#[proc_macro_attribute]
pub fn genauth_api(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    let api = match parse::parse_api(attr.into(), item.clone()) {
        Ok(api) => api,
        Err(error) => {
            let error = error.to_compile_error();
            return quote::quote!(#error #item).into();
        }
    };
    let checked = validate::validate(&api);
    expand::expand(&api, &checked).into()
}

/// Declares one endpoint of a [`macro@genauth_api`] trait.
///
/// This attribute is *read* by `#[genauth_api]` on the enclosing trait, which removes it and
/// generates the method's implementation; see [`macro@genauth_api`] for the keys. On its own
/// (outside a `#[genauth_api]` trait) it does nothing and returns the item unchanged.
///
/// ```text
/// #[genauth_endpoint(path = "/api/v3/signin", method = POST, auth = client,
///                    password = "passwordPayload.password",
///                    password_flag = "options.passwordEncryptType")]
/// async fn sign_in_by_credentials(&self, body: SignInByCredentialsDto) -> Result<LoginTokenSet>;
/// ```
#[proc_macro_attribute]
pub fn genauth_endpoint(_attr: TokenStream, item: TokenStream) -> TokenStream {
    item
}

/// Derives `genauth::wire::WireSchema`: the type's fields by their wire names.
///
/// Wire names follow serde: `#[serde(rename_all = "...")]` on the type (`lowercase`,
/// `UPPERCASE`, `PascalCase`, `camelCase`, `snake_case`, `SCREAMING_SNAKE_CASE`, `kebab-case`,
/// `SCREAMING-KEBAB-CASE`) and `#[serde(rename = "...")]` on a field; fields with
/// `#[serde(skip)]` or `#[serde(skip_serializing)]` are left out. `#[serde(flatten)]` is not
/// supported. Newtype and `#[serde(transparent)]` structs forward to their field; enums, unit
/// and tuple structs are leaves. Every field type must implement `WireSchema` itself
/// (`String`, numbers, `bool`, `Password`, `Option<T>`, `Vec<T>`, maps, ... do).
///
/// `#[genauth(crate = path)]` changes the path of the runtime crate (default `::genauth`).
///
/// ```
/// use genauth::wire::{WireSchema as _, schema_has_path};
/// use genauth::{Password, WireSchema};
/// use serde::Serialize;
///
/// #[derive(Serialize, WireSchema)]
/// #[serde(rename_all = "camelCase")]
/// pub struct SignInDto {
///     #[serde(skip_serializing_if = "Option::is_none")]
///     pub password_payload: Option<PasswordPayload>, // wire name `passwordPayload`
///     #[serde(rename = "options")]
///     pub sign_in_options: Option<SignInOptions>,
/// }
///
/// #[derive(Serialize, WireSchema)]
/// pub struct PasswordPayload {
///     pub account: String,
///     pub password: Password,
/// }
///
/// #[derive(Serialize, WireSchema)]
/// #[serde(rename_all = "camelCase")]
/// pub struct SignInOptions {
///     pub password_encrypt_type: Option<String>,
/// }
///
/// // What `password = "passwordPayload.password"` and
/// // `password_flag = "options.passwordEncryptType"` are checked with, at compile time:
/// const _: () = assert!(schema_has_path(&SignInDto::SCHEMA, "passwordPayload.password"));
/// const _: () = assert!(schema_has_path(&SignInDto::SCHEMA, "options.passwordEncryptType"));
/// const _: () = assert!(!schema_has_path(&SignInDto::SCHEMA, "password_payload.password"));
/// ```
#[proc_macro_derive(WireSchema, attributes(serde, genauth))]
pub fn derive_wire_schema(input: TokenStream) -> TokenStream {
    schema::derive(input.into()).into()
}
