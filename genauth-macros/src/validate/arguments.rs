//! Arguments: sorted into path parameters, queries and the body, and bound to the path's
//! placeholders.

use syn::ext::IdentExt;
use syn::{Ident, LitStr, Type};

use super::plan::{PathParam, QueryUse};
use crate::parse::{EndpointIr, Marker};

/// What each argument of an endpoint is for, as [`check_arguments`] sorted them.
pub(super) struct Arguments<'a> {
    /// Aligned with the path's placeholders: the argument that fills each.
    pub(super) bound: Vec<Option<Ident>>,
    /// In argument order.
    pub(super) queries: Vec<QueryUse>,
    /// The declared type of each entry of `queries`.
    pub(super) query_types: Vec<Type>,
    /// The body argument and its declared type.
    pub(super) body: Option<(Ident, Type)>,
    /// Unmarked arguments that match nothing; reported by [`check_bindings`].
    unused: Vec<&'a Ident>,
    /// A malformed marker was reported while parsing (or unmarked arguments were left
    /// unreported): no plan, but no further error either.
    pub(super) invalid_marker: bool,
}

/// Sorts the arguments into path parameters, queries and the body: plain identifiers only, no
/// marker on a path parameter, at most one body.
pub(super) fn check_arguments<'a>(
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
pub(super) fn check_bindings(
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

/// The path parameters in order of first appearance, when every placeholder is bound.
pub(super) fn path_params(names: &[String], bound: Vec<Option<Ident>>) -> Option<Vec<PathParam>> {
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
