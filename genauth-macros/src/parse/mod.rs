//! Tokens → typed IR for `#[genauth_api]`.
//!
//! This module only *reads*: it turns the trait and its `#[genauth_endpoint(...)]` /
//! argument-marker attributes into [`Api`], keeping every span, and reports what cannot be
//! represented at all (unknown keys and values, malformed markers); the keys and values it
//! knows are those of [`crate::vocab`]. Cross-checks between
//! the pieces (path placeholders vs. arguments, bodies, passwords, receivers, return types)
//! live in [`crate::validate`]; code generation lives in [`crate::expand`].
//!
//! Submodules: `ir` (the IR types), `args` (attribute arguments) and `items` (trait items,
//! method signatures and argument markers).

mod args;
mod ir;
mod items;

use proc_macro2::TokenStream;
use syn::Item;
use syn::spanned::Spanned;

pub(crate) use crate::vocab::{AuthKind, BodyEncoding, ClientAuthOf, HttpMethod, ResponseKind};
use args::parse_api_args;
pub(crate) use ir::{Api, EndpointArgs, EndpointIr, ItemIr, Marker, Slot};
use items::parse_item;

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

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;
    use syn::LitStr;

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
                "unknown auth `admin`; expected one of: `client`, `user`, `none`, `management`",
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
