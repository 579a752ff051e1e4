//! Endpoint method implementations: the call builder of a valid method, its password-path
//! assertions, and the stand-in for a method that failed validation.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, ReturnType, Signature, TraitItemFn, Type};

use super::types::{is_unit, located, respan, strip_parens, strip_references, type_to_string};
use crate::parse::{AuthKind, BodyEncoding};
use crate::validate::{Plan, QueryUse};

/// How the pipeline takes a body.
pub(super) enum BodyMethod {
    /// Serialised at build time (`.body(&b)`).
    Borrowed,
    /// Typed, for client credentials (`.owned_body(b)`).
    Owned,
    /// Typed, with the password hook (`.password_body(b)`).
    Passwords,
}

/// A JSON body that the pipeline must rewrite per attempt (passwords to encrypt, client
/// credentials to add) is kept typed and owned; any other body is serialised at once.
pub(super) fn body_method(plan: &Plan) -> BodyMethod {
    let json = plan.encoding == BodyEncoding::Json;
    if json && !plan.passwords.is_empty() {
        BodyMethod::Passwords
    } else if json && plan.auth == AuthKind::Client {
        BodyMethod::Owned
    } else {
        BodyMethod::Borrowed
    }
}

/// The implementation of one valid endpoint method.
pub(super) fn method_body(
    method: &TraitItemFn,
    plan: &Plan,
    registry: &Ident,
    index: usize,
    p: &TokenStream,
) -> TokenStream {
    let sig = &method.sig;
    let index = Literal::usize_unsuffixed(index);
    let ok_ty = &plan.ok_ty;

    let mut builder = Vec::new();
    for param in &plan.path_params {
        let name = &param.name;
        let ident = &param.ident;
        builder.push(quote_spanned! {located(ident.span())=> .path_param(#name, &#ident) });
    }
    for query in &plan.queries {
        builder.push(match query {
            QueryUse::Flatten(ident) => quote_spanned! {located(ident.span())=> .query(&#ident) },
            QueryUse::Param(lit, ident) => {
                quote_spanned! {located(ident.span())=> .query_param(#lit, &#ident) }
            }
        });
    }
    if let Some((ident, ty)) = &plan.body {
        builder.push(match body_method(plan) {
            // The hook encrypts in place: a body passed by reference is cloned once per call.
            BodyMethod::Passwords if matches!(strip_parens(ty), Type::Reference(_)) => {
                quote_spanned! {located(ident.span())=>
                    .password_body(::core::clone::Clone::clone(#ident))
                }
            }
            BodyMethod::Passwords => {
                quote_spanned! {located(ident.span())=> .password_body(#ident) }
            }
            BodyMethod::Owned => quote_spanned! {located(ident.span())=> .owned_body(#ident) },
            BodyMethod::Borrowed => quote_spanned! {located(ident.span())=> .body(&#ident) },
        });
    }

    // Located at `T`, so a `T` that does not deserialise is reported at the return type (and
    // only there). `T` itself keeps its own spans, so an error inside it (an unknown type)
    // is the same diagnostic as in the signature, which rustc reports once.
    let span = located(ok_ty.span());
    // `Result<()>`: the reply's `data` (whatever it is) is ignored rather than decoded as `()`.
    let execute = if is_unit(ok_ty) {
        let execute_fn = respan(quote!(#p::execute_unit), span);
        quote_spanned! {span=>
            async move {
                #execute_fn::<_>(#p::Caller::ctx(self), __call)
                    .await
                    .map_err(::core::convert::Into::into)
            }
        }
    } else {
        let execute_fn = respan(quote!(#p::execute), span);
        quote_spanned! {span=>
            async move {
                #execute_fn::<#ok_ty, _>(#p::Caller::ctx(self), __call)
                    .await
                    .map_err(::core::convert::Into::into)
            }
        }
    };
    quote! {
        #sig {
            const __EP: &'static #p::Endpoint = #registry[#index];
            let __call = #p::Call::new(__EP) #(#builder)*;
            #execute
        }
    }
}

/// One `const` assertion per password path: the path must exist in the body's `WireSchema`.
pub(super) fn password_asserts(plan: &Plan, p: &TokenStream) -> Vec<TokenStream> {
    let Some((_, body_ty)) = &plan.body else {
        return Vec::new();
    };
    let schema_ty = strip_references(body_ty);
    plan.passwords
        .iter()
        .map(|lit| {
            let message = format!(
                "password field `{}` does not exist in the body type `{}`",
                lit.value(),
                type_to_string(schema_ty)
            )
            .replace('{', "{{")
            .replace('}', "}}");
            // The body type keeps its own spans (a missing `WireSchema` impl is reported
            // there); everything else is located at the password literal.
            quote_spanned! {located(lit.span())=>
                const _: () = ::core::assert!(
                    #p::schema_has_path(&<#schema_ty as #p::WireSchema>::SCHEMA, #lit),
                    #message
                );
            }
        })
        .collect()
}

/// Stands in for an endpoint method that failed validation, so the trait stays implemented
/// and the only errors are the ones already reported.
pub(super) fn fallback_method(method: &TraitItemFn, original: &Signature) -> TokenStream {
    let sig = &method.sig;
    let body = if original.asyncness.is_some() {
        // Rewritten from `async fn`: produce the declared output inside an `async` block.
        let ret = match &original.output {
            ReturnType::Type(_, ty) => quote!(#ty),
            ReturnType::Default => quote!(()),
        };
        quote! {
            async move {
                let __unreachable: #ret = ::core::unreachable!();
                __unreachable
            }
        }
    } else {
        quote!(::core::unreachable!())
    };
    // `#[cfg]` on an endpoint is an error, but keeping it here means the error is the only one.
    let cfgs = method.attrs.iter().filter(|a| a.path().is_ident("cfg"));
    quote! {
        #(#cfgs)*
        #[allow(unused_variables, unreachable_code, clippy::diverging_sub_expression)]
        #sig {
            #body
        }
    }
}
