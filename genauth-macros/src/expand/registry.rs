//! The endpoint registry: the `<TRAIT>_ENDPOINTS` name, one static `Endpoint` per plan and
//! its replay builder.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{Ident, Type};

use super::method::{BodyMethod, body_method};
use super::types::is_unit;
use crate::validate::{Plan, QueryUse};

/// `Authentication` → `AUTHENTICATION_ENDPOINTS`, `OIDCApi` → `OIDC_API_ENDPOINTS`.
pub(crate) fn registry_ident(trait_ident: &Ident) -> Ident {
    format_ident!(
        "{}_ENDPOINTS",
        screaming_snake(&trait_ident.unraw().to_string()),
        span = trait_ident.span()
    )
}

pub(crate) fn screaming_snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = prev.is_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_uppercase() && next_is_lower);
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// `&Endpoint { .. }` for one plan.
pub(super) fn endpoint(plan: &Plan, p: &TokenStream) -> TokenStream {
    let name = plan.ident.unraw().to_string();
    let method = Ident::new(plan.method.variant(), Span::call_site());
    let path = &plan.path;
    let auth = Ident::new(plan.auth.variant(), Span::call_site());
    let encoding = Ident::new(plan.encoding.variant(), Span::call_site());
    let response = Ident::new(plan.response.variant(), Span::call_site());
    let client_auth = Ident::new(plan.client_auth.variant(), Span::call_site());
    let passwords = &plan.passwords;
    let password_flag = match &plan.password_flag {
        Some(flag) => quote!(#p::Option::Some(#flag)),
        None => quote!(#p::Option::None),
    };
    quote! {
        &#p::Endpoint {
            name: #name,
            method: #p::Method::#method,
            path: #path,
            auth: #p::Auth::#auth,
            client_auth: #p::ClientAuthOf::#client_auth,
            encoding: #p::Encoding::#encoding,
            response: #p::ResponseKind::#response,
            passwords: &[#(#passwords),*],
            password_flag: #password_flag,
        }
    }
}

/// For `#[genauth_api(replay)]`: the trait's replay builders, submitted to the replay inventory
/// inside `__private::if_replay!`, which keeps them only when the runtime crate's `replay`
/// feature is on (test machinery: without the feature the tokens are dropped unchecked, so a
/// user's build compiles none of it).
pub(super) fn replay_registry<'a>(
    plans: impl Iterator<Item = &'a Plan>,
    registry: &Ident,
    trait_name: &str,
    p: &TokenStream,
) -> TokenStream {
    let entries = plans.enumerate().map(|(index, plan)| {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let f = replay_fn(plan, p);
        quote!(#p::ReplayEntry::new(#registry[#index], #f))
    });
    quote! {
        #p::if_replay! {
            const _: () = {
                const __ENTRIES: &[#p::ReplayEntry] = &[#(#entries),*];
                #p::inventory::submit! { #p::ReplayRegistry::new(#trait_name, __ENTRIES) }
            };
        }
    }
}

/// `|ep, r| Ok(Call::new(ep).path_param(..).query_param(..).body(..))` with every argument
/// deserialised from the recorded wire parts `r` by its wire name (owned types throughout), the
/// decoder of the declared type, and its sampler.
fn replay_fn(plan: &Plan, p: &TokenStream) -> TokenStream {
    let mut builder = Vec::new();
    for param in &plan.path_params {
        let name = &param.name;
        builder
            .push(quote! { .path_param(#name, &__r.path_param::<::std::string::String>(#name)?) });
    }
    for (query, ty) in plan.queries.iter().zip(&plan.query_types) {
        let ty = owned(ty);
        builder.push(match query {
            QueryUse::Flatten(_) => quote! { .query(&__r.query::<#ty>()?) },
            QueryUse::Param(lit, _) => {
                quote! { .query_param(#lit, &__r.query_param::<#ty>(#lit)?) }
            }
        });
    }
    if let Some((_, ty)) = &plan.body {
        let ty = owned(ty);
        builder.push(match body_method(plan) {
            BodyMethod::Borrowed => quote! { .body(&__r.body::<#ty>()?) },
            BodyMethod::Owned => quote! { .owned_body(__r.body::<#ty>()?) },
            BodyMethod::Passwords => quote! { .password_body(__r.body::<#ty>()?) },
        });
    }
    let ok_ty = &plan.ok_ty;
    let unit = is_unit(ok_ty);
    let decoded = if unit {
        quote!(#p::serde::de::IgnoredAny)
    } else {
        let ty = owned(ok_ty);
        quote!(#ty)
    };
    let sample = if unit {
        quote!(|| #p::Option::None)
    } else {
        quote!(#p::sample_of::<#decoded>)
    };
    quote! {
        |__ep: &'static #p::Endpoint, __r: &#p::Replay| -> #p::Result<#p::Call, #p::Error> {
            #p::Result::Ok(#p::Call::new(__ep) #(#builder)*)
        },
        #p::decode_as::<#decoded>,
        #sample
    }
}

/// `&str` → `String`, `&[T]` → `Vec<T>`, `&T` → `T`, recursively through generic arguments;
/// lifetimes become `'static`.
fn owned(ty: &Type) -> Type {
    match ty {
        Type::Reference(r) => match &*r.elem {
            Type::Path(tp) if tp.qself.is_none() && tp.path.is_ident("str") => {
                syn::parse_quote!(::std::string::String)
            }
            Type::Slice(sl) => {
                let elem = owned(&sl.elem);
                syn::parse_quote!(::std::vec::Vec<#elem>)
            }
            other => owned(other),
        },
        Type::Paren(pt) => owned(&pt.elem),
        Type::Group(g) => owned(&g.elem),
        Type::Path(tp) => {
            let mut tp = tp.clone();
            for seg in &mut tp.path.segments {
                if let syn::PathArguments::AngleBracketed(args) = &mut seg.arguments {
                    for arg in &mut args.args {
                        match arg {
                            syn::GenericArgument::Type(t) => *t = owned(t),
                            syn::GenericArgument::Lifetime(l) => {
                                *l = syn::Lifetime::new("'static", l.span());
                            }
                            _ => {}
                        }
                    }
                }
            }
            Type::Path(tp)
        }
        other => other.clone(),
    }
}
