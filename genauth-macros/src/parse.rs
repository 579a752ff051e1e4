//! Tokens → typed IR for `#[genauth_api]`.
//!
//! This module only *reads*: it turns the trait and its `#[genauth_endpoint(...)]` /
//! argument-marker attributes into [`Api`], keeping every span, and reports what cannot be
//! represented at all (unknown keys and values, malformed markers). Cross-checks between
//! the pieces (path placeholders vs. arguments, bodies, passwords, receivers, return types)
//! live in [`crate::validate`]; code generation lives in [`crate::expand`].

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{
    Attribute, FnArg, Ident, Item, ItemTrait, LitStr, Meta, Pat, Path, Signature, Token, TraitItem,
    Type,
};

/// Name of the method attribute `#[genauth_api]` reads.
pub(crate) const ENDPOINT_ATTR: &str = "genauth_endpoint";

/// Keys accepted by `#[genauth_endpoint(...)]`, in documentation order.
pub(crate) const ENDPOINT_KEYS: &[&str] = &[
    "path",
    "method",
    "auth",
    "password",
    "password_flag",
    "encoding",
    "response",
    "client_auth",
];

/// One attribute key: not given, given but unusable (already reported), or given.
#[derive(Clone)]
pub(crate) enum Slot<T> {
    Absent,
    Invalid,
    Present(T),
}

impl<T> Slot<T> {
    fn is_set(&self) -> bool {
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

/// Declares a keyword-valued enum with its accepted spellings and the variant name of the
/// matching enum in `genauth::endpoint`.
macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum $name { $($variant),* }

        impl $name {
            /// What the value is called in error messages.
            pub(crate) const WHAT: &'static str = $what;
            /// Every accepted spelling, in documentation order.
            pub(crate) const ALL: &'static [(&'static str, $name)] = &[$(($text, $name::$variant)),*];

            /// Name of the corresponding variant in `genauth::endpoint`.
            pub(crate) fn variant(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant)),* }
            }
        }
    };
}

keyword_enum!(
    /// `method = ...`
    HttpMethod, "method", {
        Get => "GET", Post => "POST", Put => "PUT", Patch => "PATCH", Delete => "DELETE",
    }
);
keyword_enum!(
    /// `auth = ...`
    AuthKind, "auth", { Client => "client", User => "user", None => "none" }
);
keyword_enum!(
    /// `client_auth = ...`: which configured method authenticates an `auth = client` call.
    ClientAuthOf, "client_auth", {
        Token => "token", Introspection => "introspection", Revocation => "revocation",
    }
);
keyword_enum!(
    /// `encoding = ...`
    BodyEncoding, "encoding", { Json => "json", Form => "form" }
);
keyword_enum!(
    /// `response = ...`
    ResponseKind, "response", {
        Envelope => "envelope", Bare => "bare", Either => "either", OAuth => "oauth", Empty => "empty",
        Text => "text",
    }
);

/// `a`, `b`, `c` — for "expected one of" messages.
pub(crate) fn one_of<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
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

/// Reads `#[genauth_api(attr)] item`.
///
/// `Err` means the item is not a trait: the caller re-emits it unchanged with the error.
pub(crate) fn parse_api(attr: TokenStream, item: TokenStream) -> Result<Api, syn::Error> {
    let item: Item = syn::parse2(item)?;
    let item = match item {
        Item::Trait(t) => t,
        other => return Err(not_a_trait(&other)),
    };
    let mut errors = Vec::new();
    let args = parse_api_args(attr, &mut errors);
    let mut item = item;
    let mut items = Vec::with_capacity(item.items.len());
    for trait_item in &mut item.items {
        items.push(parse_item(trait_item, &mut errors));
    }
    Ok(Api {
        args,
        item,
        items,
        errors,
    })
}

fn not_a_trait(item: &Item) -> syn::Error {
    let (span, what) = match item {
        Item::Struct(i) => (i.struct_token.span, "a struct"),
        Item::Enum(i) => (i.enum_token.span, "an enum"),
        Item::Union(i) => (i.union_token.span, "a union"),
        Item::Fn(i) => (i.sig.fn_token.span, "a function"),
        Item::Impl(i) => (i.impl_token.span, "an impl block"),
        Item::Mod(i) => (i.mod_token.span, "a module"),
        Item::Type(i) => (i.type_token.span, "a type alias"),
        Item::Const(i) => (i.const_token.span, "a constant"),
        Item::Static(i) => (i.static_token.span, "a static"),
        Item::TraitAlias(i) => (i.trait_token.span, "a trait alias"),
        other => (other.span(), "this item"),
    };
    syn::Error::new(
        span,
        format!("#[genauth_api] can only be applied to a trait, not to {what}"),
    )
}

/// One `key` or `key = value` entry of an attribute list.
struct Entry {
    key: Ident,
    /// The `=` and the tokens after it, up to the next top-level comma.
    value: Option<(Token![=], TokenStream)>,
}

fn parse_entries(input: ParseStream) -> syn::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    while !input.is_empty() {
        if !input.peek(Ident::peek_any) {
            return Err(input.error("expected `key = value`"));
        }
        let key = Ident::parse_any(input)?;
        let value = if input.peek(Token![=]) {
            let eq: Token![=] = input.parse()?;
            let mut tokens = TokenStream::new();
            while !input.is_empty() && !input.peek(Token![,]) {
                tokens.extend([input.parse::<TokenTree>()?]);
            }
            Some((eq, tokens))
        } else {
            None
        };
        entries.push(Entry { key, value });
        if input.is_empty() {
            break;
        }
        if !input.peek(Token![,]) {
            return Err(input.error("expected `,`"));
        }
        input.parse::<Token![,]>()?;
    }
    Ok(entries)
}

/// The value of `key = value`, or an error saying what shape it should have.
fn entry_value<'a>(entry: &'a Entry, example: &str) -> syn::Result<&'a TokenStream> {
    let key = &entry.key;
    match &entry.value {
        Some((_, tokens)) if !tokens.is_empty() => Ok(tokens),
        Some((eq, _)) => Err(syn::Error::new(
            eq.spans[0],
            format!("expected a value after `{key} =`, e.g. `{key} = {example}`"),
        )),
        None => Err(syn::Error::new(
            key.span(),
            format!("expected `{key} = {example}`"),
        )),
    }
}

fn string_value(entry: &Entry, example: &str) -> syn::Result<LitStr> {
    let key = &entry.key;
    let example = format!("\"{example}\"");
    let tokens = entry_value(entry, &example)?;
    syn::parse2::<LitStr>(tokens.clone()).map_err(|_| {
        syn::Error::new_spanned(
            tokens,
            format!("`{key}` expects a string literal, e.g. `{key} = {example}`"),
        )
    })
}

fn keyword_value<T: Copy>(
    entry: &Entry,
    what: &str,
    table: &[(&'static str, T)],
) -> syn::Result<T> {
    let accepted = one_of(table.iter().map(|(text, _)| *text));
    let tokens = entry_value(entry, table[0].0)?;
    let ident = Ident::parse_any.parse2(tokens.clone()).map_err(|_| {
        syn::Error::new_spanned(
            tokens,
            format!("expected one of: {accepted} (without quotes)"),
        )
    })?;
    let text = ident.to_string();
    table
        .iter()
        .find(|(t, _)| *t == text)
        .map(|(_, value)| *value)
        .ok_or_else(|| {
            syn::Error::new(
                ident.span(),
                format!("unknown {what} `{text}`; expected one of: {accepted}"),
            )
        })
}

fn parse_api_args(attr: TokenStream, errors: &mut Vec<syn::Error>) -> ApiArgs {
    let mut krate: Option<Path> = None;
    let entries = match parse_entries.parse2(attr) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    let mut seen_crate = false;
    let mut replay = false;
    for entry in entries {
        if entry.key == "replay" && entry.value.is_none() {
            replay = true;
            continue;
        }
        if entry.key != "crate" {
            errors.push(syn::Error::new(
                entry.key.span(),
                format!(
                    "unknown key `{}`; expected `crate = path::to::genauth` or `replay`",
                    entry.key
                ),
            ));
            continue;
        }
        if seen_crate {
            errors.push(syn::Error::new(entry.key.span(), "duplicate key `crate`"));
            continue;
        }
        seen_crate = true;
        let parsed = entry_value(&entry, "path::to::genauth").and_then(|tokens| {
            Path::parse_mod_style.parse2(tokens.clone()).map_err(|_| {
                syn::Error::new_spanned(tokens, "`crate` expects a path, e.g. `crate = ::genauth`")
            })
        });
        match parsed {
            Ok(path) => krate = Some(path),
            Err(e) => errors.push(e),
        }
    }
    ApiArgs {
        krate: krate.unwrap_or_else(|| syn::parse_quote!(::genauth)),
        replay,
    }
}

/// Whether `attr` is `#[genauth_endpoint...]` (also accepted with a path prefix).
fn is_endpoint_attr(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == ENDPOINT_ATTR)
}

fn parse_item(trait_item: &mut TraitItem, errors: &mut Vec<syn::Error>) -> ItemIr {
    let method = match trait_item {
        TraitItem::Fn(method) => method,
        TraitItem::Const(c) => {
            return ItemIr::Other {
                required: c
                    .default
                    .is_none()
                    .then(|| (c.ident.span(), format!("associated constant `{}`", c.ident))),
            };
        }
        TraitItem::Type(t) => {
            return ItemIr::Other {
                required: t
                    .default
                    .is_none()
                    .then(|| (t.ident.span(), format!("associated type `{}`", t.ident))),
            };
        }
        _ => return ItemIr::Other { required: None },
    };
    if !method.attrs.iter().any(is_endpoint_attr) {
        return ItemIr::Other {
            required: method.default.is_none().then(|| {
                (
                    method.sig.ident.span(),
                    format!("method `{}`", method.sig.ident),
                )
            }),
        };
    }

    let mut attr_span = None;
    let mut attr_path = None;
    let mut args = None;
    let mut duplicate_attrs = Vec::new();
    let mut cfg_attrs = Vec::new();
    let mut kept = Vec::with_capacity(method.attrs.len());
    for attr in std::mem::take(&mut method.attrs) {
        if is_endpoint_attr(&attr) {
            let span = attr
                .path()
                .segments
                .last()
                .map_or_else(|| attr.path().span(), |s| s.ident.span());
            if attr_span.is_some() {
                duplicate_attrs.push(span);
            } else {
                attr_span = Some(span);
                attr_path = Some(attr.path().clone());
                args = parse_endpoint_attr(&attr, errors);
            }
            continue;
        }
        if attr.path().is_ident("cfg") {
            cfg_attrs.push(attr.path().span());
        }
        kept.push(attr);
    }
    method.attrs = kept;

    let mut params = Vec::new();
    for input in method.sig.inputs.iter_mut() {
        let FnArg::Typed(arg) = input else { continue };
        let marker = take_marker(&mut arg.attrs, errors);
        let (ident, pat_span) = match &*arg.pat {
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                (Some(p.ident.clone()), p.ident.span())
            }
            other => (None, other.span()),
        };
        params.push(Param {
            ident,
            pat_span,
            ty: (*arg.ty).clone(),
            marker,
        });
    }

    ItemIr::Endpoint(Box::new(EndpointIr {
        ident: method.sig.ident.clone(),
        attr_span: attr_span.unwrap_or_else(Span::call_site),
        attr_path: attr_path.unwrap_or_else(|| syn::parse_quote!(genauth_endpoint)),
        args,
        duplicate_attrs,
        cfg_attrs,
        sig: method.sig.clone(),
        default_body: method.default.as_ref().map(|b| b.brace_token.span.join()),
        params,
    }))
}

/// Reads one `#[genauth_endpoint(...)]`; `None` if its shape is unreadable.
fn parse_endpoint_attr(attr: &Attribute, errors: &mut Vec<syn::Error>) -> Option<EndpointArgs> {
    let usage = "expected `#[genauth_endpoint(path = \"/api/v3/...\", method = GET)]`";
    let tokens = match &attr.meta {
        Meta::List(list) => list.tokens.clone(),
        Meta::Path(path) => {
            errors.push(syn::Error::new_spanned(path, usage));
            return None;
        }
        Meta::NameValue(nv) => {
            errors.push(syn::Error::new_spanned(nv, usage));
            return None;
        }
    };
    match parse_entries.parse2(tokens) {
        Ok(entries) => Some(endpoint_args(entries, errors)),
        Err(e) => {
            errors.push(syn::Error::new(e.span(), format!("{e}; {usage}")));
            None
        }
    }
}

fn endpoint_args(entries: Vec<Entry>, errors: &mut Vec<syn::Error>) -> EndpointArgs {
    let mut args = EndpointArgs {
        path: Slot::Absent,
        method: Slot::Absent,
        auth: Slot::Absent,
        passwords: Vec::new(),
        password_flag: Slot::Absent,
        encoding: Slot::Absent,
        response: Slot::Absent,
        client_auth: Slot::Absent,
    };

    fn set<T>(
        slot: &mut Slot<T>,
        entry: &Entry,
        value: syn::Result<T>,
        errors: &mut Vec<syn::Error>,
    ) {
        if slot.is_set() {
            errors.push(syn::Error::new(
                entry.key.span(),
                format!("duplicate key `{}`", entry.key),
            ));
            return;
        }
        *slot = match value {
            Ok(v) => Slot::Present(v),
            Err(e) => {
                errors.push(e);
                Slot::Invalid
            }
        };
    }

    for entry in &entries {
        match entry.key.to_string().as_str() {
            "path" => set(
                &mut args.path,
                entry,
                string_value(entry, "/api/v3/..."),
                errors,
            ),
            "method" => set(
                &mut args.method,
                entry,
                keyword_value(entry, HttpMethod::WHAT, HttpMethod::ALL),
                errors,
            ),
            "auth" => set(
                &mut args.auth,
                entry,
                keyword_value(entry, AuthKind::WHAT, AuthKind::ALL),
                errors,
            ),
            "encoding" => set(
                &mut args.encoding,
                entry,
                keyword_value(entry, BodyEncoding::WHAT, BodyEncoding::ALL),
                errors,
            ),
            "response" => set(
                &mut args.response,
                entry,
                keyword_value(entry, ResponseKind::WHAT, ResponseKind::ALL),
                errors,
            ),
            "client_auth" => set(
                &mut args.client_auth,
                entry,
                keyword_value(entry, ClientAuthOf::WHAT, ClientAuthOf::ALL),
                errors,
            ),
            "password_flag" => set(
                &mut args.password_flag,
                entry,
                string_value(entry, "options.passwordEncryptType"),
                errors,
            ),
            "password" => match string_value(entry, "passwordPayload.password") {
                Ok(lit) => args.passwords.push(lit),
                Err(e) => errors.push(e),
            },
            other => errors.push(syn::Error::new(
                entry.key.span(),
                format!(
                    "unknown key `{other}`; expected one of: {}",
                    one_of(ENDPOINT_KEYS.iter().copied())
                ),
            )),
        }
    }
    args
}

/// Removes `#[body]` / `#[query]` / `#[query = "..."]` from an argument and reads them.
fn take_marker(attrs: &mut Vec<Attribute>, errors: &mut Vec<syn::Error>) -> Marker {
    let mut marker = Marker::None;
    let mut first: Option<Span> = None;
    let mut invalid = false;
    attrs.retain(|attr| {
        let is_body = attr.path().is_ident("body");
        let is_query = attr.path().is_ident("query");
        if !is_body && !is_query {
            return true;
        }
        let span = attr.path().span();
        let this = match (&attr.meta, is_body) {
            (Meta::Path(_), true) => Some(Marker::Body(span)),
            (_, true) => {
                errors.push(syn::Error::new_spanned(
                    &attr.meta,
                    "`#[body]` takes no arguments",
                ));
                None
            }
            (Meta::Path(_), false) => Some(Marker::Query(span)),
            (Meta::NameValue(nv), false) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(lit),
                    ..
                }) => Some(Marker::QueryParam(lit.clone())),
                other => {
                    errors.push(syn::Error::new_spanned(
                        other,
                        "expected a string literal: `#[query = \"wireName\"]`",
                    ));
                    None
                }
            },
            (Meta::List(list), false) => {
                errors.push(syn::Error::new_spanned(
                    list,
                    "expected `#[query]` or `#[query = \"wireName\"]`",
                ));
                None
            }
        };
        match (this, first) {
            (None, _) => invalid = true,
            (Some(_), Some(_)) => {
                errors.push(syn::Error::new(
                    span,
                    "an argument takes at most one marker: `#[body]`, `#[query]` or `#[query = \"...\"]`",
                ));
                invalid = true;
            }
            (Some(m), None) => {
                first = Some(span);
                marker = m;
            }
        }
        false
    });
    if invalid { Marker::Invalid } else { marker }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn api(attr: TokenStream, item: TokenStream) -> Api {
        parse_api(attr, item).expect("a trait")
    }

    fn messages(api: &Api) -> Vec<String> {
        api.errors.iter().map(|e| e.to_string()).collect()
    }

    fn endpoint(api: &Api, index: usize) -> &EndpointIr {
        match &api.items[index] {
            ItemIr::Endpoint(ep) => ep,
            ItemIr::Other { .. } => panic!("item {index} is not an endpoint"),
        }
    }

    #[test]
    fn reads_every_key_and_marker() {
        let api = api(
            quote!(),
            quote! {
                pub trait Users {
                    /// Docs survive.
                    #[genauth_endpoint(path = "/api/v3/users/{id}", method = POST, auth = user,
                        password = "a.password", password = "b.password", password_flag = "options.flag",
                        encoding = form, response = oauth)]
                    async fn update(&self, id: &str, #[query] q: Q, #[query = "withCustomData"] c: bool, #[body] b: Dto) -> Result<User>;
                }
            },
        );
        assert!(api.errors.is_empty(), "{:?}", messages(&api));
        let krate = &api.args.krate;
        assert_eq!(quote!(#krate).to_string(), quote!(::genauth).to_string());
        let ep = endpoint(&api, 0);
        let args = ep.args.as_ref().unwrap();
        assert_eq!(args.path.get().unwrap().value(), "/api/v3/users/{id}");
        assert_eq!(args.method.get().copied().unwrap(), HttpMethod::Post);
        assert_eq!(args.auth.get().copied().unwrap(), AuthKind::User);
        assert_eq!(args.encoding.get().copied().unwrap(), BodyEncoding::Form);
        assert_eq!(args.response.get().copied().unwrap(), ResponseKind::OAuth);
        let pw: Vec<_> = args.passwords.iter().map(LitStr::value).collect();
        assert_eq!(pw, ["a.password", "b.password"]);
        assert_eq!(args.password_flag.get().unwrap().value(), "options.flag");
        let markers: Vec<_> = ep
            .params
            .iter()
            .map(|p| match &p.marker {
                Marker::None => "none".to_owned(),
                Marker::Body(_) => "body".to_owned(),
                Marker::Query(_) => "query".to_owned(),
                Marker::QueryParam(l) => format!("query={}", l.value()),
                Marker::Invalid => "invalid".to_owned(),
            })
            .collect();
        assert_eq!(markers, ["none", "query", "query=withCustomData", "body"]);
        // The re-emitted trait keeps docs and loses the endpoint attribute and markers.
        let item = api.item.clone();
        let text = quote!(#item).to_string();
        assert!(text.contains("Docs survive"));
        assert!(!text.contains("genauth_endpoint"));
        assert!(!text.contains("# [body]") && !text.contains("# [query"));
    }

    #[test]
    fn crate_argument() {
        let api = api(
            quote!(crate = crate::inner),
            quote!(
                trait T {}
            ),
        );
        assert!(api.errors.is_empty());
        let krate = &api.args.krate;
        assert_eq!(quote!(#krate).to_string(), quote!(crate::inner).to_string());
        let api2 = api_errors(
            quote!(krate = x),
            quote!(
                trait T {}
            ),
        );
        assert_eq!(
            api2,
            ["unknown key `krate`; expected `crate = path::to::genauth` or `replay`"]
        );
    }

    fn api_errors(attr: TokenStream, item: TokenStream) -> Vec<String> {
        messages(&api(attr, item))
    }

    #[test]
    fn rejects_non_traits() {
        let Err(err) = parse_api(
            quote!(),
            quote!(
                pub struct S;
            ),
        ) else {
            panic!("a struct is not a trait");
        };
        assert_eq!(
            err.to_string(),
            "#[genauth_api] can only be applied to a trait, not to a struct"
        );
    }

    #[test]
    fn unknown_and_duplicate_keys_and_values() {
        let errs = api_errors(
            quote!(),
            quote! {
                trait T {
                    #[genauth_endpoint(path = "/a", method = FETCH, method = GET, foo = 1, auth = admin,
                        encoding = xml, response = raw, path = 3)]
                    async fn m(&self) -> Result<()>;
                }
            },
        );
        assert_eq!(
            errs,
            [
                "unknown method `FETCH`; expected one of: `GET`, `POST`, `PUT`, `PATCH`, `DELETE`",
                "duplicate key `method`",
                "unknown key `foo`; expected one of: `path`, `method`, `auth`, `password`, `password_flag`, `encoding`, `response`, `client_auth`",
                "unknown auth `admin`; expected one of: `client`, `user`, `none`",
                "unknown encoding `xml`; expected one of: `json`, `form`",
                "unknown response `raw`; expected one of: `envelope`, `bare`, `either`, `oauth`, `empty`, `text`",
                "duplicate key `path`",
            ]
        );
    }

    #[test]
    fn value_shapes() {
        let errs = api_errors(
            quote!(),
            quote! {
                trait T {
                    #[genauth_endpoint(path = 3, method = "GET", auth, password =)]
                    async fn m(&self) -> Result<()>;
                }
            },
        );
        assert_eq!(
            errs,
            [
                "`path` expects a string literal, e.g. `path = \"/api/v3/...\"`",
                "expected one of: `GET`, `POST`, `PUT`, `PATCH`, `DELETE` (without quotes)",
                "expected `auth = client`",
                "expected a value after `password =`, e.g. `password = \"passwordPayload.password\"`",
            ]
        );
    }

    #[test]
    fn malformed_attribute_shapes() {
        let errs = api_errors(
            quote!(),
            quote! {
                trait T {
                    #[genauth_endpoint]
                    async fn a(&self) -> Result<()>;
                    #[genauth_endpoint("/x")]
                    async fn b(&self) -> Result<()>;
                }
            },
        );
        assert_eq!(errs.len(), 2);
        assert!(errs[0].starts_with("expected `#[genauth_endpoint(path"));
        assert!(errs[1].starts_with("expected `key = value`"));
    }

    #[test]
    fn marker_errors() {
        let errs = api_errors(
            quote!(),
            quote! {
                trait T {
                    #[genauth_endpoint(path = "/a", method = GET)]
                    async fn m(&self, #[body(x)] a: A, #[query(y)] b: B, #[query = 1] c: C, #[body] #[query] d: D) -> Result<()>;
                }
            },
        );
        assert_eq!(
            errs,
            [
                "`#[body]` takes no arguments",
                "expected `#[query]` or `#[query = \"wireName\"]`",
                "expected a string literal: `#[query = \"wireName\"]`",
                "an argument takes at most one marker: `#[body]`, `#[query]` or `#[query = \"...\"]`",
            ]
        );
    }

    #[test]
    fn classifies_other_items() {
        let api = api(
            quote!(),
            quote! {
                trait T {
                    type A;
                    type B = u8;
                    const C: u8;
                    fn d(&self);
                    fn e(&self) {}
                }
            },
        );
        let required: Vec<_> = api
            .items
            .iter()
            .map(|i| match i {
                ItemIr::Other { required } => required.as_ref().map(|(_, what)| what.clone()),
                ItemIr::Endpoint(_) => panic!("no endpoints here"),
            })
            .collect();
        assert_eq!(
            required,
            [
                Some("associated type `A`".to_owned()),
                None,
                Some("associated constant `C`".to_owned()),
                Some("method `d`".to_owned()),
                None
            ]
        );
    }

    #[test]
    fn records_duplicates_cfg_and_bodies() {
        let api = api(
            quote!(),
            quote! {
                trait T {
                    #[cfg(feature = "x")]
                    #[genauth_endpoint(path = "/a", method = GET)]
                    #[genauth::genauth_endpoint(path = "/b", method = GET)]
                    async fn m(&self) -> Result<()> { todo!() }
                }
            },
        );
        let ep = endpoint(&api, 0);
        assert_eq!(ep.duplicate_attrs.len(), 1);
        assert_eq!(ep.cfg_attrs.len(), 1);
        assert!(ep.default_body.is_some());
        assert_eq!(ep.args.as_ref().unwrap().path.get().unwrap().value(), "/a");
    }
}
