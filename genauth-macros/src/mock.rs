//! `#[automock]` on a `#[genauth_api]` trait, without the noise.
//!
//! `mockall::automock` on a trait emits `MockTrait` next to a `pub mod __mock_MockTrait` of
//! expectation types; re-exported by the crate's glob `pub use`s, those modules fill the API
//! pages. When `#[genauth_api]` finds the trait's `#[automock]` (plain or inside
//! `#[cfg_attr(cond, …::automock)]`), it takes the attribute off and emits the same mock with
//! mockall's `mock!` inside a `#[doc(hidden)]` module, re-exporting only `MockTrait` (under
//! `cfg(cond)` when the attribute was conditional). The mock is the one `automock` would make:
//! `mock!` and `automock` share mockall's generator, given the same (already rewritten)
//! method signatures. Traits `mock!` would need more for (generics, supertraits, associated
//! types or consts) keep their attribute as written.

use proc_macro2::TokenStream;
use quote::{ToTokens as _, format_ident, quote};
use syn::punctuated::Punctuated;
use syn::{
    Attribute, FnArg, GenericArgument, ItemTrait, Meta, Path, PathArguments, ReturnType, Token,
    TraitItem, Type, TypeParamBound,
};

/// The trait's automock attribute, taken off the trait.
pub(crate) struct MockAttr {
    /// `cond` of `#[cfg_attr(cond, automock)]`; `None` for a plain `#[automock]`.
    cond: Option<Meta>,
    /// The attribute's path as written (`mockall::automock`).
    path: Path,
}

/// Removes the automock attribute from `item` when the mock can be emitted in a hidden module.
pub(crate) fn take_mock_attr(item: &mut ItemTrait) -> Option<MockAttr> {
    let simple = item.generics.params.is_empty()
        && item.generics.where_clause.is_none()
        && item.supertraits.is_empty()
        && item.items.iter().all(|i| matches!(i, TraitItem::Fn(_)));
    if !simple {
        return None;
    }
    let index = item.attrs.iter().position(|a| mock_attr(a).is_some())?;
    let attr = item.attrs.remove(index);
    mock_attr(&attr)
}

fn is_automock(path: &Path) -> bool {
    path.segments.last().is_some_and(|s| s.ident == "automock")
}

fn mock_attr(attr: &Attribute) -> Option<MockAttr> {
    match &attr.meta {
        Meta::Path(path) if is_automock(path) => Some(MockAttr {
            cond: None,
            path: path.clone(),
        }),
        Meta::List(list) if list.path.is_ident("cfg_attr") => {
            let metas = list
                .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .ok()?;
            let mut metas = metas.into_iter();
            let (cond, Some(Meta::Path(path)), None) = (metas.next()?, metas.next(), metas.next())
            else {
                return None;
            };
            is_automock(&path).then_some(MockAttr {
                cond: Some(cond),
                path,
            })
        }
        _ => None,
    }
}

/// The hidden module with the `mock!` and the re-export of `Mock<Trait>`.
pub(crate) fn expand_mock(item: &ItemTrait, attr: &MockAttr) -> TokenStream {
    let trait_ident = &item.ident;
    let vis = &item.vis;
    let module = format_ident!("__genauth_mock_{}", trait_ident);
    let mock_ident = format_ident!("Mock{}", trait_ident);
    let mut mock_macro = attr.path.clone();
    if let Some(last) = mock_macro.segments.last_mut() {
        last.ident = format_ident!("mock", span = last.ident.span());
    }
    let cfg = attr.cond.as_ref().map(|c| quote!(#[cfg(#c)]));
    // The feature badge on docs.rs (`docsrs` is a well-known cfg: no lint in user crates).
    let doc_cfg = attr
        .cond
        .as_ref()
        .map(|c| quote!(#[cfg_attr(docsrs, doc(cfg(#c)))]));
    let doc = mock_doc(item);
    let methods = item.items.iter().filter_map(|i| match i {
        TraitItem::Fn(m) => {
            let cfgs = m.attrs.iter().filter(|a| a.path().is_ident("cfg"));
            let sig = &m.sig;
            Some(quote!(#(#cfgs)* #sig;))
        }
        _ => None,
    });
    let unsafety = &item.unsafety;
    quote! {
        #cfg
        #[doc(hidden)]
        #[allow(non_snake_case, missing_docs)]
        #vis mod #module {
            use super::*;
            #mock_macro! {
                #[doc = #doc]
                pub #trait_ident {}
                #unsafety impl super::#trait_ident for #trait_ident {
                    #(#methods)*
                }
            }
        }
        #cfg
        #doc_cfg
        #vis use #module::#mock_ident;
    }
}

/// The mock's doc comment: what each `expect_…` closure takes and what its future yields,
/// which mockall's own (hidden) expectation types do not show.
fn mock_doc(item: &ItemTrait) -> String {
    let trait_ident = &item.ident;
    let mut doc = format!(
        " Mock of [`{trait_ident}`] (mockall), for tests.\n\n \
         Each method `m` has an `expect_m()`; its `returning` closure takes the method's \
         arguments (without `&self`) and returns the future boxed, \
         `Box::pin(async move {{ … }})`. Response DTOs are `Default`, so a reply is \
         `Ok(Dto {{ field: value, ..Default::default() }})`.\n\n \
         | expectation | closure arguments | the future's output |\n \
         |---|---|---|\n"
    );
    for m in item.items.iter().filter_map(|i| match i {
        TraitItem::Fn(m) => Some(m),
        _ => None,
    }) {
        let args: Vec<String> = m
            .sig
            .inputs
            .iter()
            .filter_map(|arg| match arg {
                FnArg::Typed(t) => Some(format!(
                    "`{}: {}`",
                    pretty(&t.pat.to_token_stream()),
                    pretty(&t.ty.to_token_stream())
                )),
                FnArg::Receiver(_) => None,
            })
            .collect();
        let output = match &m.sig.output {
            ReturnType::Default => "`()`".to_owned(),
            ReturnType::Type(_, ty) => format!("`{}`", pretty(&future_output(ty))),
        };
        doc.push_str(&format!(
            " | `expect_{}()` | {} | {} |\n",
            m.sig.ident,
            if args.is_empty() {
                "none".to_owned()
            } else {
                args.join(", ")
            },
            output
        ));
    }
    doc
}

/// `R` of `impl Future<Output = R> + Send` (the rewritten `async fn`), else the type itself.
fn future_output(ty: &Type) -> TokenStream {
    if let Type::ImplTrait(t) = ty {
        for bound in &t.bounds {
            let TypeParamBound::Trait(tb) = bound else {
                continue;
            };
            let Some(last) = tb.path.segments.last() else {
                continue;
            };
            if last.ident != "Future" {
                continue;
            }
            if let PathArguments::AngleBracketed(args) = &last.arguments {
                for arg in &args.args {
                    if let GenericArgument::AssocType(a) = arg
                        && a.ident == "Output"
                    {
                        return a.ty.to_token_stream();
                    }
                }
            }
        }
    }
    ty.to_token_stream()
}

/// Tokens as a reader writes them: `Result<UserProfile>`, not `Result < UserProfile >`.
fn pretty(tokens: &TokenStream) -> String {
    let mut s = tokens.to_string();
    for (from, to) in [
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" :: ", "::"),
        (":: ", "::"),
        (" ,", ","),
        ("& ", "&"),
        ("( ", "("),
        (" )", ")"),
    ] {
        while s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(t: TokenStream) -> String {
        t.to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_conditional_automock_moves_into_a_hidden_module() {
        let mut item: ItemTrait = syn::parse_quote! {
            #[doc = "T."]
            #[cfg_attr(feature = "mock", mockall::automock)]
            pub trait T {
                fn a(&self, x: u8) -> u8;
                #[cfg(unix)]
                fn b(&self);
            }
        };
        let attr = take_mock_attr(&mut item).expect("found");
        assert_eq!(item.attrs.len(), 1, "the automock attribute is taken off");
        let out = norm(expand_mock(&item, &attr));
        for wanted in [
            "# [cfg (feature = \"mock\")] # [doc (hidden)]",
            "pub mod __genauth_mock_T { use super :: * ; mockall :: mock !",
            "pub T { } impl super :: T for T { fn a (& self , x : u8) -> u8 ; # [cfg (unix)] fn b (& self) ; }",
            "# [cfg (feature = \"mock\")] # [cfg_attr (docsrs , doc (cfg (feature = \"mock\")))] pub use __genauth_mock_T :: MockT ;",
        ] {
            let wanted = wanted.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(out.contains(&wanted), "{wanted}\n in {out}");
        }
    }

    #[test]
    fn the_mock_documents_each_expectation() {
        let item: ItemTrait = syn::parse_quote! {
            pub trait Profile {
                fn get_profile(&self, query: GetProfileQuery) -> impl ::core::future::Future<Output = Result<UserProfile>> + Send;
                fn ping(&self) -> u8;
            }
        };
        let doc = mock_doc(&item);
        assert!(
            doc.starts_with(" Mock of [`Profile`] (mockall), for tests."),
            "{doc}"
        );
        assert!(
            doc.contains(
                " | `expect_get_profile()` | `query: GetProfileQuery` | `Result<UserProfile>` |"
            ),
            "{doc}"
        );
        assert!(doc.contains(" | `expect_ping()` | none | `u8` |"), "{doc}");
    }

    #[test]
    fn a_plain_automock_is_unconditional() {
        let mut item: ItemTrait = syn::parse_quote! {
            #[automock]
            trait T { fn a(&self); }
        };
        let attr = take_mock_attr(&mut item).expect("found");
        let out = norm(expand_mock(&item, &attr));
        assert!(!out.contains("cfg"), "{out}");
        assert!(out.contains("mock ! {"), "{out}");
        assert!(out.contains("use __genauth_mock_T :: MockT"), "{out}");
    }

    #[test]
    fn what_mock_cannot_express_keeps_its_attribute() {
        let items: [ItemTrait; 5] = [
            syn::parse_quote! { #[automock] trait T: Clone { fn a(&self); } },
            syn::parse_quote! { #[automock] trait T<X> { fn a(&self, x: X); } },
            syn::parse_quote! { #[automock] trait T { type A; fn a(&self); } },
            syn::parse_quote! { #[cfg_attr(test, automock, other)] trait T { fn a(&self); } },
            syn::parse_quote! { #[cfg_attr(test, other)] trait T { fn a(&self); } },
        ];
        for mut item in items {
            let before = item.attrs.len();
            assert!(take_mock_attr(&mut item).is_none());
            assert_eq!(item.attrs.len(), before);
        }
    }
}
