//! Checks of the method itself: attributes, `async fn` declaration, `&self` receiver and
//! `Result` return type.

use syn::{FnArg, GenericArgument, PathArguments, ReturnType, Type};

use crate::parse::EndpointIr;

/// At most one `#[genauth_endpoint]`, and no `#[cfg]`.
pub(super) fn check_attributes(ep: &EndpointIr, errors: &mut Vec<syn::Error>) {
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
pub(super) fn check_declaration(ep: &EndpointIr, errors: &mut Vec<syn::Error>) {
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
pub(super) fn check_receiver(ep: &EndpointIr, errors: &mut Vec<syn::Error>) {
    match ep.sig.inputs.first() {
        Some(FnArg::Receiver(r))
            if matches!(r.kind, syn::ReceiverKind::Reference(_, _, None))
                && r.mutability.is_none() => {}
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
pub(super) fn check_return_type(ep: &EndpointIr, errors: &mut Vec<syn::Error>) -> Option<Type> {
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
