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
//! - [`macro@dto`] on a request or response struct: its derives, serde attributes and optional
//!   fields in one line.
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

mod dto;
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
/// `#[serde(skip)]` or `#[serde(skip_serializing)]` are left out, and so are
/// `#[serde(flatten)]` fields (their fields are not known here, so a `password` path through
/// one fails the compile-time check). Newtype and `#[serde(transparent)]` structs forward to
/// their field; enums, unit and tuple structs are leaves. Every field type must implement
/// `WireSchema` itself (`String`, numbers, `bool`, `Password`, `Option<T>`, `Vec<T>`, maps, ... do).
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

/// The shape of a request or response DTO: a struct reads as its doc comment, its fields and
/// their docs.
///
/// On a struct with named fields, `#[dto]` emits:
///
/// - `#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, WireSchema)]`, all
///   through `genauth::__private` (the crate needs no `serde` dependency of its own);
/// - `#[serde(rename_all = "camelCase")]`, the Authentication API's wire convention;
/// - on every field whose type is `Option<..>` (by its last path segment):
///   `#[serde(default, skip_serializing_if = "Option::is_none")]`, i.e. `None` is omitted when
///   sending, and an absent field or `null` decodes as `None`. A field that spells `default` or
///   `skip_serializing_if` (or `skip`, `skip_serializing`) itself keeps its own;
/// - the struct's own attributes after those, unchanged: docs, `#[serde(...)]` container keys
///   such as `try_from`, more derives such as `Copy`, field renames, `deserialize_with`, ...
///
/// Plain fields (`T`) are required on the wire. Every DTO is `Default`, so callers build one
/// as a struct literal: `Dto { user_id: id, ..Default::default() }`, requests and responses
/// (in mock tests) alike. Unknown fields are ignored unless the struct asks for `extra`.
///
/// # Keys
///
/// | key | effect |
/// |---|---|
/// | `rename_all = "rule"` | another serde rule (`snake_case`, ...); `"none"`: no container rule (fields by their names or their own `rename`) |
/// | `extra` | appends `pub extra: serde_json::Map<String, serde_json::Value>` with `#[serde(flatten)]`: every field the struct does not name. Costs decode speed (serde buffers the object); for responses whose other fields callers may need |
/// | `eq` | also derives `Eq` |
/// | `crate = path` | where the runtime crate is (default `::genauth`), as in [`macro@genauth_api`] |
///
/// ```
/// use genauth::dto;
///
/// /// `data` of `GET /api/v3/example`.
/// #[dto(extra)]
/// pub struct Example {
///     /// Always sent.
///     pub user_id: String,
///     /// Sometimes sent.
///     pub nick_name: Option<String>,
/// }
///
/// let e: Example = serde_json::from_str(r#"{"userId":"u1","nickName":null,"age":3}"#).unwrap();
/// assert_eq!(e.nick_name, None);
/// assert_eq!(e.extra["age"], 3);
/// let sent = Example { user_id: "u2".into(), ..Default::default() };
/// assert_eq!(serde_json::to_string(&sent).unwrap(), r#"{"userId":"u2"}"#);
/// ```
///
/// # Errors
///
/// Compile errors at the offending token: on an enum, union, tuple or unit struct; an unknown,
/// duplicate or malformed key; an unknown `rename_all` rule; `extra` when the struct has a field
/// named `extra`; a `#[derive]` of something `#[dto]` derives (or of `Eq`: use `eq`); a
/// `#[serde(rename_all)]` or `#[serde(crate)]` of the struct's own; a second `#[dto]`.
#[proc_macro_attribute]
pub fn dto(attr: TokenStream, item: TokenStream) -> TokenStream {
    dto::expand(attr.into(), item.into()).into()
}
