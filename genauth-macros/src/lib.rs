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
//! Every key and value the attributes accept is listed on the macro that reads it; the contract
//! (keys, markers, expansion, errors) is also written down in `CONTRIBUTING.md` at the root of
//! the repository. Internally the crate is split into `vocab` (every key and keyword value, the
//! one list the parsers match against), `parse` (tokens → typed IR with spans), `validate`
//! (cross-checks, errors accumulated), `expand` (IR → tokens) and `schema` (the derive).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use proc_macro::TokenStream;

mod dto;
mod expand;
mod mock;
mod parse;
mod schema;
mod validate;
mod vocab;

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
/// # `#[genauth_api(...)]` keys
///
/// | key | what it does |
/// |---|---|
/// | `crate = path` | Path of the `genauth` crate: generated code calls `<path>::__private` (default `::genauth`). |
/// | `replay` | Each registry entry also gets a builder that rebuilds its call from a recorded request's wire parts (arguments deserialised by wire name), for recordings-driven wire tests; every argument type, made owned, must be `DeserializeOwned`. |
///
/// # `#[genauth_endpoint(...)]` keys
///
/// | key | values | default | what it does |
/// |---|---|---|---|
/// | `path` | string | required | Path template: `{name}` is filled by the argument `name` (`Display`, percent-encoded as one segment); a leading `{protocol}` becomes `/oidc` or `/oauth` per `ClientOptions::protocol`. Starts with `/` (after `{protocol}`). |
/// | `method` | `GET` `POST` `PUT` `PATCH` `DELETE` | required | HTTP method. |
/// | `auth` | `client` `user` `none` `management` | `none` | Which credentials the call carries. |
/// | `password` | string, repeatable | — | Dotted wire path of a body field the password hook encrypts (JSON bodies), checked at compile time against the body type's [`WireSchema`](macro@WireSchema). Needs a body and `password_flag`. |
/// | `password_flag` | string | required with `password` | Dotted wire path of the body's `passwordEncryptType`: the encryption is read there (else the client default) and the one applied is written back. |
/// | `encoding` | `json` `form` | `json` | How the body is encoded. |
/// | `response` | `envelope` `bare` `either` `oauth` `empty` `text` | `envelope` | How the reply is decoded into `T`. |
/// | `client_auth` | `token` `introspection` `revocation` | `token` | Which configured client-authentication method an `auth = client` call uses (an error with any other `auth`). |
///
/// | value | what it does |
/// |---|---|
/// | `method = GET` | `GET`; idempotent, so a configured retry policy also retries it after a timeout, a broken connection or a 502/504. |
/// | `method = POST` | `POST`; like every method but `GET`, retried only after a connect error, a 429 or a 503. |
/// | `method = PUT` | `PUT`. |
/// | `method = PATCH` | `PATCH`. |
/// | `method = DELETE` | `DELETE`. |
/// | `auth = client` | Application credentials, by the method `client_auth` selects: `client_secret_post` adds `client_id` and `client_secret` body fields, `client_secret_basic` a `Basic` header, `none` a `client_id` form field (nothing in JSON). |
/// | `auth = user` | The user's access token in `authorization` (raw or `Bearer`, per the options), from `client.with_user_token(t)` or the options; a call without one is an error. |
/// | `auth = none` | Only the app-id header. |
/// | `auth = management` | A Management API call: the trait is implemented for `ManagementClient` (feature `management`) instead of the app clients, and the call carries the management token (`Bearer`, with the user pool id header) or the per-request signature, as the client's options choose. A trait's endpoints are all `management` or none are. |
/// | `encoding = json` | `application/json`. |
/// | `encoding = form` | `application/x-www-form-urlencoded`; the body must serialise to a struct or map. |
/// | `response = envelope` | `{statusCode, message, apiCode, requestId, data}`: `data` → `T` when `statusCode` is 200, else `Error::Api`. |
/// | `response = bare` | The whole 2xx body (JSON) → `T`. |
/// | `response = either` | As `envelope` if the body has a `statusCode`, else as `bare` (e.g. `/api/v3/system`). |
/// | `response = oauth` | Decoded as `bare`, for OAuth / OIDC endpoints (an `{error, error_description}` error reply is `Error::OAuth` whatever the kind). |
/// | `response = empty` | The 2xx body is ignored; `T` is decoded from `null` (`()` or `Option<_>`). |
/// | `response = text` | The 2xx body is plain text; `T` is decoded from it as a JSON string (`String`). |
/// | `client_auth = token` | `ClientOptions::auth_method()` (token and sign-in endpoints). |
/// | `client_auth = introspection` | `ClientOptions::introspection_auth_method()` (defaults to `auth_method`). |
/// | `client_auth = revocation` | `ClientOptions::revocation_auth_method()` (defaults to `auth_method`). |
///
/// `#[genauth_endpoint]` must be in scope like any attribute (`use genauth::genauth_endpoint;`
/// or a path such as `#[genauth::genauth_endpoint(...)]`): the generated code applies it
/// once to a dummy item, so that import is not reported as unused.
///
/// # Argument markers
///
/// After `&self`, every argument must be used: named like a `{placeholder}` of `path` (then
/// unmarked), or one of:
///
/// | argument | what it does |
/// |---|---|
/// | `#[body] x: T` | The request body (`Serialize`), at most one; an unmarked argument named `body` is the body too. |
/// | `#[query] q: Q` | A `Serialize` struct or map flattened into the query string (`None` fields skipped). |
/// | `#[query = "wireName"] x: T` | One query parameter named `wireName` (`None` skipped, a sequence repeats the name). |
///
/// The return type must be `Result<T>` or `Result<T, E>` with `E: From<genauth::Error>`; with
/// `T = ()` whatever data the reply carries is ignored (errors are still decoded).
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
/// Structs with named fields list their serialised fields by wire name, computed the way serde
/// computes them. Newtype structs forward to their field; enums, unit and tuple structs are
/// leaves. Every field type must implement `WireSchema` itself (`String`, numbers, `bool`,
/// `Password`, `Option<T>`, `Vec<T>`, maps, ... do).
///
/// # `#[serde(...)]` keys it reads
///
/// Other serde keys are ignored.
///
/// | key | on | what it does |
/// |---|---|---|
/// | `rename_all` | type | Wire names of the fields, by rule: `lowercase` `UPPERCASE` `PascalCase` `camelCase` `snake_case` `SCREAMING_SNAKE_CASE` `kebab-case` `SCREAMING-KEBAB-CASE` (also as `rename_all(serialize = "...")`); another rule is an error. |
/// | `transparent` | type | A struct with one serialised field forwards to it. |
/// | `rename` | field | The field's wire name (also as `rename(serialize = "...")`). |
/// | `skip` | field | The field is left out. |
/// | `skip_serializing` | field | The field is left out. |
/// | `flatten` | field | The field is left out: the flattened type's wire fields are not known to the derive, so a `password` path through one fails the compile-time check. |
///
/// | rule | `password_encrypt_type` becomes |
/// |---|---|
/// | `rename_all = "lowercase"` | `password_encrypt_type` |
/// | `rename_all = "UPPERCASE"` | `PASSWORD_ENCRYPT_TYPE` |
/// | `rename_all = "PascalCase"` | `PasswordEncryptType` |
/// | `rename_all = "camelCase"` | `passwordEncryptType` |
/// | `rename_all = "snake_case"` | `password_encrypt_type` |
/// | `rename_all = "SCREAMING_SNAKE_CASE"` | `PASSWORD_ENCRYPT_TYPE` |
/// | `rename_all = "kebab-case"` | `password-encrypt-type` |
/// | `rename_all = "SCREAMING-KEBAB-CASE"` | `PASSWORD-ENCRYPT-TYPE` |
///
/// # `#[genauth(...)]` keys
///
/// | key | what it does |
/// |---|---|
/// | `crate = path` | Path of the `genauth` crate the impl names (default `::genauth`); also `crate = "path"`. |
///
/// # Example
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
/// // What `password = "passwordPayload.password"` is checked with, at compile time
/// // (`password_flag` is looked up when the call is made):
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
/// # DTO shape: `#[dto(...)]` keys
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
