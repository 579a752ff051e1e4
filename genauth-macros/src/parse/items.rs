//! Trait items: endpoint methods, their `#[genauth_endpoint]` / `#[cfg]` attributes, signatures
//! and argument markers.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, Meta, Pat, TraitItem};

use super::args::parse_endpoint_attr;
use super::ir::{EndpointIr, ItemIr, Marker, Param};
use crate::vocab::{Keyword, MarkerKey};

/// Name of the method attribute `#[genauth_api]` reads.
pub(crate) const ENDPOINT_ATTR: &str = "genauth_endpoint";

/// Whether `attr` is `#[genauth_endpoint...]` (also accepted with a path prefix).
fn is_endpoint_attr(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == ENDPOINT_ATTR)
}

pub(super) fn parse_item(trait_item: &mut TraitItem, errors: &mut Vec<syn::Error>) -> ItemIr {
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

/// Removes `#[body]` / `#[query]` / `#[query = "..."]` from an argument and reads them.
fn take_marker(attrs: &mut Vec<Attribute>, errors: &mut Vec<syn::Error>) -> Marker {
    let mut marker = Marker::None;
    let mut first: Option<Span> = None;
    let mut invalid = false;
    attrs.retain(|attr| {
        let Some(kind) = attr
            .path()
            .get_ident()
            .and_then(|ident| MarkerKey::lookup(&ident.to_string()))
        else {
            return true;
        };
        let span = attr.path().span();
        let this = match (&attr.meta, kind) {
            (Meta::Path(_), MarkerKey::Body) => Some(Marker::Body(span)),
            (_, MarkerKey::Body) => {
                errors.push(syn::Error::new_spanned(
                    &attr.meta,
                    "`#[body]` takes no arguments",
                ));
                None
            }
            (Meta::Path(_), MarkerKey::Query) => Some(Marker::Query(span)),
            (Meta::NameValue(nv), MarkerKey::Query) => match &nv.value {
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
            (Meta::List(list), MarkerKey::Query) => {
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
