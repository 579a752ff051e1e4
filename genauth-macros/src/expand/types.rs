//! Type and span helpers for generated code and its messages.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::quote;
use syn::Type;

/// A span located at `span` (diagnostics point there) but resolved as macro output, so lints
/// (clippy's in particular) treat the code as generated rather than as the user's.
pub(super) fn located(span: Span) -> Span {
    Span::call_site().located_at(span)
}

/// `tokens` with every span (recursively) replaced by `span`.
pub(super) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let TokenTree::Group(group) = &tree {
                let mut new = Group::new(group.delimiter(), respan(group.stream(), span));
                new.set_span(span);
                tree = TokenTree::Group(new);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

/// Whether `ty` is `()` (the reply's `data` is then ignored rather than decoded).
pub(super) fn is_unit(ty: &Type) -> bool {
    matches!(strip_parens(ty), Type::Tuple(t) if t.elems.is_empty())
}

/// `(T)` → `T`.
pub(super) fn strip_parens(ty: &Type) -> &Type {
    match ty {
        Type::Paren(p) => strip_parens(&p.elem),
        Type::Group(g) => strip_parens(&g.elem),
        other => other,
    }
}

/// `&'a T` → `T` (the schema check names the type in a `const`, where lifetimes are not elided).
pub(super) fn strip_references(ty: &Type) -> &Type {
    match ty {
        Type::Reference(r) => strip_references(&r.elem),
        Type::Paren(p) => strip_references(&p.elem),
        Type::Group(g) => strip_references(&g.elem),
        other => other,
    }
}

/// A type as a human writes it (for messages): `Vec<u8>` rather than `Vec < u8 >`.
pub(crate) fn type_to_string(ty: &Type) -> String {
    let raw = quote!(#ty).to_string();
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if c == ' ' {
            let next = chars.peek().copied().unwrap_or(' ');
            let glue_before = matches!(next, '<' | '>' | ',' | ':' | ')' | ']');
            let glue_after = matches!(prev, '<' | '&' | ':' | '(' | '[');
            if glue_before || glue_after {
                continue;
            }
        }
        out.push(c);
        prev = c;
    }
    out
}
