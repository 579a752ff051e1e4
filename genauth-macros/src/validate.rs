//! Cross-checks on the IR read by [`crate::parse`].
//!
//! Every problem becomes a `syn::Error` spanned at the offending token; checking goes on after
//! an error so that one run reports everything. The output, [`Checked`], holds a ready-to-expand
//! [`Plan`] for every endpoint that passed, so [`crate::expand`] never has to decide anything.

use std::collections::BTreeSet;

use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{FnArg, GenericArgument, Ident, LitStr, PathArguments, ReturnType, Type};

use crate::parse::{
    Api, AuthKind, BodyEncoding, ClientAuthOf, EndpointArgs, EndpointIr, HttpMethod, ItemIr,
    Marker, ResponseKind, Slot,
};

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

/// Result of validation.
#[derive(Default)]
pub(crate) struct Checked {
    /// Aligned with `Api::items`: `Some` for every endpoint that passed every check.
    pub plans: Vec<Option<Plan>>,
    /// Whether an `impl Trait for GenAuthClient<_>` can be emitted at all.
    pub impl_possible: bool,
    /// Every problem, in source order (reading errors first).
    pub errors: Vec<syn::Error>,
}

/// Checks everything `parse` could not check on its own.
pub(crate) fn validate(api: &Api) -> Checked {
    let mut errors = api.errors.clone();
    let mut impl_possible = true;

    if !api.item.generics.params.is_empty() || api.item.generics.where_clause.is_some() {
        errors.push(syn::Error::new_spanned(
            &api.item.generics,
            "#[genauth_api] does not support generic traits: the generated \
             `impl Trait for GenAuthClient<_>` could not name the parameters",
        ));
        impl_possible = false;
    }

    let mut plans = Vec::with_capacity(api.items.len());
    for item in &api.items {
        match item {
            ItemIr::Endpoint(ep) => plans.push(check_endpoint(ep, &mut errors)),
            ItemIr::Other { required } => {
                if let Some((span, what)) = required {
                    errors.push(syn::Error::new(
                        *span,
                        format!(
                            "{what} needs a default: #[genauth_api] implements the trait for \
                             GenAuthClient and can only implement methods marked \
                             #[genauth_endpoint(...)]"
                        ),
                    ));
                    impl_possible = false;
                }
                plans.push(None);
            }
        }
    }

    Checked {
        plans,
        impl_possible,
        errors,
    }
}

/// The protocol-relative path prefix, resolved by the client to `/oidc` or `/oauth`.
pub(crate) const PROTOCOL_PREFIX: &str = "{protocol}";

/// Checks one endpoint method, reporting every problem, and plans it when nothing was wrong.
///
/// Each check below reports into `errors` and goes on; the order of the calls is the order of
/// the diagnostics.
fn check_endpoint(ep: &EndpointIr, errors: &mut Vec<syn::Error>) -> Option<Plan> {
    let before = errors.len();
    // The attribute was unreadable: its error is already reported and any further check
    // (missing keys, unused arguments) would only repeat it.
    let args = ep.args.as_ref()?;

    check_attributes(ep, errors);
    check_declaration(ep, errors);
    check_receiver(ep, errors);
    let ok_ty = check_return_type(ep, errors);
    let path = check_path(ep, args, errors);
    let method = check_method(ep, args, errors);
    let (path_lit, names) = match &path {
        Some((lit, names)) => (Some(*lit), names.as_slice()),
        None => (None, &[][..]),
    };
    let mut arguments = check_arguments(ep, names, errors);
    check_bindings(path_lit, names, &mut arguments, errors);
    let password_flag = check_passwords(args, arguments.body.is_some(), errors);
    check_client_auth(ep, args, errors);

    if errors.len() != before || arguments.invalid_marker {
        return None;
    }
    Some(Plan {
        ident: ep.ident.clone(),
        method: method?,
        path: path_lit?.clone(),
        auth: args.auth.get().copied().unwrap_or(AuthKind::None),
        client_auth: args
            .client_auth
            .get()
            .copied()
            .unwrap_or(ClientAuthOf::Token),
        encoding: args.encoding.get().copied().unwrap_or(BodyEncoding::Json),
        response: args
            .response
            .get()
            .copied()
            .unwrap_or(ResponseKind::Envelope),
        passwords: args.passwords.clone(),
        password_flag,
        path_params: path_params(names, arguments.bound)?,
        queries: arguments.queries,
        query_types: arguments.query_types,
        body: arguments.body,
        ok_ty: ok_ty?,
    })
}

/// At most one `#[genauth_endpoint]`, and no `#[cfg]`.
fn check_attributes(ep: &EndpointIr, errors: &mut Vec<syn::Error>) {
    for span in &ep.duplicate_attrs {
        errors.push(syn::Error::new(
            *span,
            "duplicate #[genauth_endpoint] attribute: an endpoint method takes exactly one",
        ));
    }
    for span in &ep.cfg_attrs {
        errors.push(syn::Error::new(
            *span,
            "#[cfg] on an endpoint method is not supported: the endpoint registry cannot \
             leave entries out; put the endpoint in a trait of its own and put #[cfg] on that trait",
        ));
    }
}

/// A bodiless `async fn` declaration.
fn check_declaration(ep: &EndpointIr, errors: &mut Vec<syn::Error>) {
    if let Some(span) = ep.default_body {
        errors.push(syn::Error::new(
            span,
            "an endpoint method has no body: #[genauth_api] generates it; end the declaration with `;`",
        ));
    }
    if ep.sig.asyncness.is_none() {
        errors.push(syn::Error::new(
            ep.sig.fn_token.span,
            "endpoint methods must be declared `async fn`",
        ));
    }
}

/// `&self` first.
fn check_receiver(ep: &EndpointIr, errors: &mut Vec<syn::Error>) {
    match ep.sig.inputs.first() {
        Some(FnArg::Receiver(r))
            if r.reference.is_some() && r.mutability.is_none() && r.colon_token.is_none() => {}
        Some(FnArg::Receiver(r)) => errors.push(syn::Error::new_spanned(
            r,
            "endpoint methods take `&self`: the generated future borrows the client",
        )),
        _ => errors.push(syn::Error::new(
            ep.sig.ident.span(),
            "endpoint methods take `&self` as their first argument",
        )),
    }
}

/// `T` of the declared `Result<T>` / `Result<T, E>` (any path ending in `Result`).
fn check_return_type(ep: &EndpointIr, errors: &mut Vec<syn::Error>) -> Option<Type> {
    let msg = "endpoint methods must return `Result<T>` or `Result<T, E>` (with `E: From<genauth::Error>`)";
    let ty = match &ep.sig.output {
        ReturnType::Type(_, ty) => ty,
        ReturnType::Default => {
            errors.push(syn::Error::new(
                ep.sig.paren_token.span.close(),
                format!("{msg}; add `-> Result<...>`"),
            ));
            return None;
        }
    };
    let found = ok_type_of(ty);
    if found.is_none() {
        errors.push(syn::Error::new_spanned(ty, msg));
    }
    found
}

/// The `path` key: present and a well-formed template. Returns it with its placeholders.
fn check_path<'a>(
    ep: &EndpointIr,
    args: &'a EndpointArgs,
    errors: &mut Vec<syn::Error>,
) -> Option<(&'a LitStr, Vec<String>)> {
    match &args.path {
        Slot::Present(lit) => match placeholders(&lit.value()) {
            Ok(names) => Some((lit, names)),
            Err(msg) => {
                errors.push(syn::Error::new(lit.span(), msg));
                None
            }
        },
        Slot::Absent => {
            errors.push(syn::Error::new(
                ep.attr_span,
                "missing key `path`: add `path = \"/api/v3/...\"` to #[genauth_endpoint(...)]",
            ));
            None
        }
        Slot::Invalid => None,
    }
}

/// The `method` key: present.
fn check_method(
    ep: &EndpointIr,
    args: &EndpointArgs,
    errors: &mut Vec<syn::Error>,
) -> Option<HttpMethod> {
    match &args.method {
        Slot::Present(m) => Some(*m),
        Slot::Absent => {
            errors.push(syn::Error::new(
                ep.attr_span,
                "missing key `method`: add `method = GET` (or `POST`, `PUT`, `PATCH`, `DELETE`) \
                 to #[genauth_endpoint(...)]",
            ));
            None
        }
        Slot::Invalid => None,
    }
}

/// What each argument of an endpoint is for, as [`check_arguments`] sorted them.
struct Arguments<'a> {
    /// Aligned with the path's placeholders: the argument that fills each.
    bound: Vec<Option<Ident>>,
    /// In argument order.
    queries: Vec<QueryUse>,
    /// The declared type of each entry of `queries`.
    query_types: Vec<Type>,
    /// The body argument and its declared type.
    body: Option<(Ident, Type)>,
    /// Unmarked arguments that match nothing; reported by [`check_bindings`].
    unused: Vec<&'a Ident>,
    /// A malformed marker was reported while parsing (or unmarked arguments were left
    /// unreported): no plan, but no further error either.
    invalid_marker: bool,
}

/// Sorts the arguments into path parameters, queries and the body: plain identifiers only, no
/// marker on a path parameter, at most one body.
fn check_arguments<'a>(
    ep: &'a EndpointIr,
    names: &[String],
    errors: &mut Vec<syn::Error>,
) -> Arguments<'a> {
    let mut arguments = Arguments {
        bound: vec![None; names.len()],
        queries: Vec::new(),
        query_types: Vec::new(),
        body: None,
        unused: Vec::new(),
        invalid_marker: false,
    };
    for param in &ep.params {
        let Some(ident) = &param.ident else {
            errors.push(syn::Error::new(
                param.pat_span,
                "endpoint arguments must be plain identifiers (`name: Type`)",
            ));
            continue;
        };
        let name = ident.to_string();
        let name = name.strip_prefix("r#").unwrap_or(&name);
        if let Some(pos) = names.iter().position(|n| n == name) {
            check_path_argument(name, &param.marker, errors);
            // Bound either way, so the placeholder is not reported a second time.
            arguments.bound[pos] = Some(ident.clone());
            continue;
        }
        match &param.marker {
            Marker::Invalid => arguments.invalid_marker = true,
            Marker::Body(_) => check_body(&mut arguments.body, ident, &param.ty, errors),
            Marker::None if name == "body" => {
                check_body(&mut arguments.body, ident, &param.ty, errors);
            }
            Marker::None => arguments.unused.push(ident),
            Marker::Query(_) => {
                arguments.queries.push(QueryUse::Flatten(ident.clone()));
                arguments.query_types.push(param.ty.clone());
            }
            Marker::QueryParam(lit) => {
                arguments
                    .queries
                    .push(QueryUse::Param(lit.clone(), ident.clone()));
                arguments.query_types.push(param.ty.clone());
            }
        }
    }
    arguments
}

/// A path parameter carries no `#[body]` / `#[query]` marker.
fn check_path_argument(name: &str, marker: &Marker, errors: &mut Vec<syn::Error>) {
    let marker = match marker {
        Marker::None | Marker::Invalid => None,
        Marker::Body(span) => Some(("#[body]", *span)),
        Marker::Query(span) => Some(("#[query]", *span)),
        Marker::QueryParam(lit) => Some(("#[query = \"...\"]", lit.span())),
    };
    if let Some((marker, span)) = marker {
        errors.push(syn::Error::new(
            span,
            format!("argument `{name}` fills `{{{name}}}` in the path; remove its {marker} marker"),
        ));
    }
}

/// Makes `ident` the body, unless there already is one.
fn check_body(
    body: &mut Option<(Ident, Type)>,
    ident: &Ident,
    ty: &Type,
    errors: &mut Vec<syn::Error>,
) {
    match body {
        Some((first, _)) => errors.push(syn::Error::new(
            ident.span(),
            format!(
                "more than one body: `{first}` is already the request body; \
                 an endpoint takes at most one #[body] argument"
            ),
        )),
        None => *body = Some((ident.clone(), ty.clone())),
    }
}

/// Every placeholder has an argument and every argument a use. With no usable `path` (already
/// reported), unmarked arguments may well be meant as path parameters: they are not reported on
/// top of it, but they still prevent a plan.
fn check_bindings(
    path: Option<&LitStr>,
    names: &[String],
    arguments: &mut Arguments<'_>,
    errors: &mut Vec<syn::Error>,
) {
    let Some(lit) = path else {
        arguments.invalid_marker |= !arguments.unused.is_empty();
        return;
    };
    let unmatched: Vec<&String> = names
        .iter()
        .zip(&arguments.bound)
        .filter(|(_, ident)| ident.is_none())
        .map(|(name, _)| name)
        .collect();
    if arguments.unused.is_empty() {
        for name in &unmatched {
            errors.push(syn::Error::new(
                lit.span(),
                format!(
                    "path parameter `{{{name}}}` has no matching argument: add an argument \
                     named `{name}` (any `Display` type)"
                ),
            ));
        }
    }
    for ident in &arguments.unused {
        let hint = if unmatched.is_empty() {
            String::new()
        } else {
            let list = unmatched
                .iter()
                .map(|n| format!("`{{{n}}}`"))
                .collect::<Vec<_>>()
                .join(", ");
            format!(" (the path has {list} with no matching argument)")
        };
        errors.push(syn::Error::new(
            ident.span(),
            format!(
                "argument `{}` is not used: mark it #[body], #[query] or name it in the path{hint}",
                ident.unraw()
            ),
        ));
    }
}

/// `password` and `password_flag`: well-formed wire paths, no duplicate, each needing the
/// other, and a body to encrypt in. Returns the flag path.
fn check_passwords(
    args: &EndpointArgs,
    has_body: bool,
    errors: &mut Vec<syn::Error>,
) -> Option<LitStr> {
    let password_flag = match &args.password_flag {
        Slot::Present(lit) => {
            check_wire_path(lit, "password_flag", errors);
            if args.passwords.is_empty() {
                errors.push(syn::Error::new(
                    lit.span(),
                    "`password_flag` without `password`: name the password field(s) with \
                     `password = \"...\"`, or remove `password_flag`",
                ));
            }
            Some(lit.clone())
        }
        Slot::Absent | Slot::Invalid => None,
    };
    let mut seen = BTreeSet::new();
    for lit in &args.passwords {
        check_wire_path(lit, "password", errors);
        if !seen.insert(lit.value()) {
            errors.push(syn::Error::new(
                lit.span(),
                format!("duplicate password path `{}`", lit.value()),
            ));
        }
    }
    if let Some(first) = args.passwords.first() {
        if matches!(args.password_flag, Slot::Absent) {
            errors.push(syn::Error::new(
                first.span(),
                "`password` requires `password_flag = \"...\"`: the dotted wire path of \
                 `passwordEncryptType` in the body (e.g. `options.passwordEncryptType`)",
            ));
        }
        if !has_body {
            errors.push(syn::Error::new(
                first.span(),
                "`password` needs a request body, but this endpoint has none: add a #[body] \
                 argument (or one named `body`)",
            ));
        }
    }
    password_flag
}

/// `client_auth` only with `auth = client`.
fn check_client_auth(ep: &EndpointIr, args: &EndpointArgs, errors: &mut Vec<syn::Error>) {
    if let (Slot::Present(_), Some(auth)) = (&args.client_auth, args.auth.get())
        && *auth != AuthKind::Client
    {
        errors.push(syn::Error::new(
            ep.attr_span,
            "`client_auth` only applies to `auth = client` endpoints",
        ));
    }
}

/// The path parameters in order of first appearance, when every placeholder is bound.
fn path_params(names: &[String], bound: Vec<Option<Ident>>) -> Option<Vec<PathParam>> {
    names
        .iter()
        .zip(bound)
        .map(|(name, ident)| {
            ident.map(|ident| PathParam {
                name: name.clone(),
                ident,
            })
        })
        .collect()
}

fn ok_type_of(ty: &Type) -> Option<Type> {
    let path = match ty {
        Type::Path(p) if p.qself.is_none() => &p.path,
        Type::Group(g) => return ok_type_of(&g.elem),
        Type::Paren(p) => return ok_type_of(&p.elem),
        _ => return None,
    };
    let last = path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(t) if args.args.len() <= 2 => Some(t.clone()),
        _ => None,
    }
}

/// Checks a dotted wire path such as `passwordPayload.password`.
fn check_wire_path(lit: &LitStr, key: &str, errors: &mut Vec<syn::Error>) {
    let value = lit.value();
    let ok = !value.is_empty()
        && value
            .split('.')
            .all(|seg| !seg.is_empty() && !seg.chars().any(|c| c.is_whitespace()));
    if !ok {
        errors.push(syn::Error::new(
            lit.span(),
            format!(
                "malformed `{key}` path `{value}`: expected dot-separated wire field names, \
                 e.g. `passwordPayload.password`"
            ),
        ));
    }
}

/// The `{name}` placeholders of a path template, in order of first appearance, or why the
/// template is malformed.
pub(crate) fn placeholders(path: &str) -> Result<Vec<String>, String> {
    // `{protocol}` as the first segment is the protocol-relative prefix (`/oidc` or `/oauth`,
    // chosen at run time from the client options), not an argument.
    let path = path.strip_prefix(PROTOCOL_PREFIX).unwrap_or(path);
    if !path.starts_with('/') {
        return Err(format!(
            "malformed path `{path}`: it must start with `/` (e.g. `/api/v3/users/{{id}}`)"
        ));
    }
    let mut names: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for c in path.chars() {
        match (c, &mut current) {
            ('{', Some(_)) => {
                return Err(format!(
                    "malformed path `{path}`: unbalanced braces (`{{` inside a placeholder)"
                ));
            }
            ('{', None) => current = Some(String::new()),
            ('}', None) => {
                return Err(format!(
                    "malformed path `{path}`: unbalanced braces (`}}` without `{{`)"
                ));
            }
            ('}', Some(name)) => {
                let name = std::mem::take(name);
                current = None;
                if !is_ident(&name) {
                    return Err(format!(
                        "malformed path `{path}`: placeholder `{{{name}}}` must be an argument name"
                    ));
                }
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            (c, Some(name)) => name.push(c),
            (_, None) => {}
        }
    }
    if current.is_some() {
        return Err(format!(
            "malformed path `{path}`: unbalanced braces (`{{` is never closed)"
        ));
    }
    Ok(names)
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
        && s != "_"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_api;
    use proc_macro2::TokenStream;
    use quote::quote;

    fn check(item: TokenStream) -> Checked {
        let api = parse_api(quote!(), item).expect("a trait");
        validate(&api)
    }

    fn errors(item: TokenStream) -> Vec<String> {
        check(item).errors.iter().map(|e| e.to_string()).collect()
    }

    /// One endpoint method in a trait; returns its errors.
    fn endpoint_errors(method: TokenStream) -> Vec<String> {
        errors(quote!(trait T { #method }))
    }

    #[test]
    fn a_full_endpoint_plans() {
        let checked = check(quote! {
            pub trait Users {
                fn helper(&self) -> u8 { 1 }
                #[genauth_endpoint(path = "/api/v3/orgs/{org}/users/{id}", method = PUT, auth = client,
                    password = "p.password", password_flag = "options.passwordEncryptType")]
                async fn update(&self, id: &str, org: u32, #[query] q: Q,
                    #[query = "withCustomData"] custom: bool, body: Dto) -> Result<User, MyError>;
            }
        });
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        assert!(checked.impl_possible);
        assert!(checked.plans[0].is_none());
        let plan = checked.plans[1].as_ref().unwrap();
        assert_eq!(plan.method, HttpMethod::Put);
        assert_eq!(plan.auth, AuthKind::Client);
        assert_eq!(plan.encoding, BodyEncoding::Json);
        assert_eq!(plan.response, ResponseKind::Envelope);
        let params: Vec<_> = plan
            .path_params
            .iter()
            .map(|p| (p.name.as_str(), p.ident.to_string()))
            .collect();
        assert_eq!(params, [("org", "org".to_owned()), ("id", "id".to_owned())]);
        assert_eq!(plan.queries.len(), 2);
        assert!(matches!(&plan.queries[0], QueryUse::Flatten(i) if i == "q"));
        assert!(
            matches!(&plan.queries[1], QueryUse::Param(l, i) if l.value() == "withCustomData" && i == "custom")
        );
        assert_eq!(plan.body.as_ref().unwrap().0, "body");
        let ok = &plan.ok_ty;
        assert_eq!(quote!(#ok).to_string(), "User");
    }

    #[test]
    fn missing_keys() {
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(auth = user)]
                async fn m(&self) -> Result<()>;
            }),
            [
                "missing key `path`: add `path = \"/api/v3/...\"` to #[genauth_endpoint(...)]",
                "missing key `method`: add `method = GET` (or `POST`, `PUT`, `PATCH`, `DELETE`) to #[genauth_endpoint(...)]",
            ]
        );
    }

    #[test]
    fn path_and_argument_cross_checks() {
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/users/{id}/{other}", method = GET)]
                async fn m(&self, id: u32, stray: u8, #[query] id2: Q) -> Result<()>;
            }),
            [
                "argument `stray` is not used: mark it #[body], #[query] or name it in the path (the path has `{other}` with no matching argument)"
            ]
        );
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/users/{id}", method = GET)]
                async fn m(&self, #[query] id: u32) -> Result<()>;
            }),
            ["argument `id` fills `{id}` in the path; remove its #[query] marker"]
        );
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/users", method = GET)]
                async fn m(&self, (a, b): (u8, u8)) -> Result<()>;
            }),
            ["endpoint arguments must be plain identifiers (`name: Type`)"]
        );
    }

    #[test]
    fn unmatched_placeholders_and_arguments() {
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/users/{user_id}/{x}", method = GET)]
                async fn m(&self, x: u8) -> Result<()>;
            }),
            [
                "path parameter `{user_id}` has no matching argument: add an argument named `user_id` (any `Display` type)"
            ]
        );
        // A malformed or missing path hides unmarked arguments (they may be path parameters).
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/users/{id", method = GET)]
                async fn m(&self, id: u8) -> Result<()>;
            }),
            ["malformed path `/users/{id`: unbalanced braces (`{` is never closed)"]
        );
        // A malformed marker gives no plan and nothing more than its own error.
        let checked = check(quote! {
            trait T {
                #[genauth_endpoint(path = "/users", method = GET)]
                async fn m(&self, #[body(x)] a: u8) -> Result<()>;
            }
        });
        assert_eq!(checked.errors.len(), 1);
        assert!(checked.plans[0].is_none());
    }

    #[test]
    fn bodies() {
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/x", method = POST)]
                async fn m(&self, body: A, #[body] other: B) -> Result<()>;
            }),
            [
                "more than one body: `body` is already the request body; an endpoint takes at most one #[body] argument"
            ]
        );
    }

    #[test]
    fn passwords() {
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/x", method = POST, password = "a.password")]
                async fn m(&self, body: A) -> Result<()>;
            }),
            [
                "`password` requires `password_flag = \"...\"`: the dotted wire path of `passwordEncryptType` in the body (e.g. `options.passwordEncryptType`)"
            ]
        );
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/x", method = POST, password = "a.password", password_flag = "f")]
                async fn m(&self) -> Result<()>;
            }),
            [
                "`password` needs a request body, but this endpoint has none: add a #[body] argument (or one named `body`)"
            ]
        );
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/x", method = POST, password_flag = "f")]
                async fn m(&self, body: A) -> Result<()>;
            }),
            [
                "`password_flag` without `password`: name the password field(s) with `password = \"...\"`, or remove `password_flag`"
            ]
        );
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/x", method = POST, password = "a..b", password = "p", password = "p", password_flag = "f")]
                async fn m(&self, body: A) -> Result<()>;
            }),
            [
                "malformed `password` path `a..b`: expected dot-separated wire field names, e.g. `passwordPayload.password`",
                "duplicate password path `p`",
            ]
        );
    }

    #[test]
    fn receivers_and_returns() {
        for receiver in [
            quote!(self),
            quote!(&mut self),
            quote!(self: Box<Self>),
            quote!(mut self),
        ] {
            assert_eq!(
                endpoint_errors(quote! {
                    #[genauth_endpoint(path = "/x", method = GET)]
                    async fn m(#receiver) -> Result<()>;
                }),
                ["endpoint methods take `&self`: the generated future borrows the client"],
                "{receiver}"
            );
        }
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/x", method = GET)]
                async fn m() -> Result<()>;
            }),
            ["endpoint methods take `&self` as their first argument"]
        );
        assert!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/x", method = GET)]
                async fn m<'a>(&'a self) -> std::result::Result<u8, E>;
            })
            .is_empty()
        );
        for ret in [
            quote!(-> u8),
            quote!(-> Option<u8>),
            quote!(-> Result),
            quote!(),
        ] {
            let errs = endpoint_errors(quote! {
                #[genauth_endpoint(path = "/x", method = GET)]
                async fn m(&self) #ret;
            });
            assert_eq!(errs.len(), 1, "{ret}");
            assert!(
                errs[0].starts_with("endpoint methods must return `Result<T>` or `Result<T, E>`")
            );
        }
    }

    #[test]
    fn method_shape() {
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/x", method = GET)]
                fn m(&self) -> Result<()>;
            }),
            ["endpoint methods must be declared `async fn`"]
        );
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint(path = "/x", method = GET)]
                async fn m(&self) -> Result<()> { todo!() }
            }),
            [
                "an endpoint method has no body: #[genauth_api] generates it; end the declaration with `;`"
            ]
        );
        let errs = endpoint_errors(quote! {
            #[cfg(test)]
            #[genauth_endpoint(path = "/x", method = GET)]
            #[genauth_endpoint(path = "/x", method = GET)]
            async fn m(&self) -> Result<()>;
        });
        assert_eq!(errs.len(), 2);
        assert!(errs[0].starts_with("duplicate #[genauth_endpoint] attribute"));
        assert!(errs[1].starts_with("#[cfg] on an endpoint method is not supported"));
    }

    #[test]
    fn trait_level() {
        let checked = check(quote! {
            trait T<X> {
                type A;
                fn plain(&self);
            }
        });
        assert!(!checked.impl_possible);
        let errs: Vec<_> = checked.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 3);
        assert!(errs[0].starts_with("#[genauth_api] does not support generic traits"));
        assert!(errs[1].starts_with("associated type `A` needs a default"));
        assert!(errs[2].starts_with("method `plain` needs a default"));
    }

    #[test]
    fn unreadable_attribute_reports_once() {
        assert_eq!(
            endpoint_errors(quote! {
                #[genauth_endpoint]
                async fn m(&self, stray: u8) -> u8;
            })
            .len(),
            1
        );
    }

    #[test]
    fn path_templates() {
        assert_eq!(placeholders("/a/{id}/b/{x_1}/{id}").unwrap(), ["id", "x_1"]);
        assert_eq!(placeholders("/").unwrap(), Vec::<String>::new());
        for (path, err) in [
            ("a/b", "it must start with `/`"),
            ("/a/{id", "unbalanced braces (`{` is never closed)"),
            ("/a/id}", "unbalanced braces (`}` without `{`)"),
            ("/a/{{id}}", "unbalanced braces (`{` inside a placeholder)"),
            ("/a/{}", "placeholder `{}` must be an argument name"),
            ("/a/{a-b}", "placeholder `{a-b}` must be an argument name"),
            ("/a/{_}", "placeholder `{_}` must be an argument name"),
        ] {
            let e = placeholders(path).unwrap_err();
            assert!(e.starts_with(&format!("malformed path `{path}`: ")), "{e}");
            assert!(e.ends_with(err) || e.contains(err), "{path}: {e}");
        }
    }
}
