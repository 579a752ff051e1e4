//! Cross-checks on the IR read by [`crate::parse`].
//!
//! Every problem becomes a `syn::Error` spanned at the offending token; checking goes on after
//! an error so that one run reports everything. The output, [`Checked`], holds a ready-to-expand
//! [`Plan`] for every endpoint that passed, so [`crate::expand`] never has to decide anything.
//!
//! The checks live by what they check: `signature` (the method itself), `path` (the path
//! template), `arguments` (arguments vs. placeholders, queries, body) and `keys` (`method`,
//! passwords, `client_auth`); `plan` holds the output types.

mod arguments;
mod keys;
mod path;
mod plan;
mod signature;

use crate::parse::{Api, AuthKind, BodyEncoding, ClientAuthOf, EndpointIr, ItemIr, ResponseKind};

use arguments::{check_arguments, check_bindings, path_params};
use keys::{check_client_auth, check_method, check_passwords};
use path::check_path;
pub(crate) use plan::{Checked, Clients, Plan, QueryUse};
use signature::{check_attributes, check_declaration, check_receiver, check_return_type};

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

    let clients = check_clients(api, &mut errors);
    Checked {
        plans,
        impl_possible,
        clients,
        errors,
    }
}

/// The client types the trait is implemented for: `ManagementClient` when its endpoints say
/// `auth = management`, the app clients otherwise. A trait cannot mix the two: each method is
/// implemented once per client type, and a Management endpoint has no app credentials (nor an
/// Authentication endpoint management ones).
fn check_clients(api: &Api, errors: &mut Vec<syn::Error>) -> Clients {
    let mut first: Option<(Clients, &EndpointIr)> = None;
    for item in &api.items {
        let ItemIr::Endpoint(ep) = item else { continue };
        let Some(args) = ep.args.as_ref() else {
            continue;
        };
        let clients = match args.auth.get() {
            Some(AuthKind::Management) => Clients::Management,
            _ => Clients::App,
        };
        match first {
            None => first = Some((clients, ep)),
            Some((expected, head)) if expected != clients => {
                let (this, that) = match clients {
                    Clients::Management => ("is `auth = management`", "is not"),
                    Clients::App => ("is not `auth = management`", "is"),
                };
                errors.push(syn::Error::new(
                    ep.ident.span(),
                    format!(
                        "`{}` {this} but `{}`, the trait's first endpoint, {that}: a trait's \
                         endpoints are all Management API endpoints (implemented for \
                         ManagementClient) or none are; declare them in separate traits",
                        ep.ident, head.ident
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    first.map_or(Clients::App, |(c, _)| c)
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{HttpMethod, parse_api};
    use proc_macro2::TokenStream;
    use quote::quote;

    fn check(item: TokenStream) -> Checked {
        let api = parse_api(quote!(), item).expect("a trait");
        validate(&api)
    }

    fn errors(item: TokenStream) -> Vec<String> {
        check(item).errors.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn management_traits_are_all_management() {
        let all = check(quote! {
            trait M {
                #[genauth_endpoint(path = "/a", method = GET, auth = management)]
                async fn a(&self) -> Result<()>;
                #[genauth_endpoint(path = "/b", method = POST, auth = management)]
                async fn b(&self) -> Result<()>;
            }
        });
        assert!(all.errors.is_empty());
        assert_eq!(all.clients, Clients::Management);
        let app = check(quote! {
            trait A {
                #[genauth_endpoint(path = "/a", method = GET, auth = user)]
                async fn a(&self) -> Result<()>;
            }
        });
        assert_eq!(app.clients, Clients::App);
        let mixed = errors(quote! {
            trait X {
                #[genauth_endpoint(path = "/a", method = GET)]
                async fn a(&self) -> Result<()>;
                #[genauth_endpoint(path = "/b", method = GET, auth = management)]
                async fn b(&self) -> Result<()>;
            }
        });
        assert_eq!(mixed.len(), 1, "{mixed:?}");
        assert!(
            mixed[0].starts_with("`b` is `auth = management` but `a`"),
            "{mixed:?}"
        );
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
}
