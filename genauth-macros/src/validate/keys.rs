//! Checks of the attribute's keys: `method` present, `password` / `password_flag`, and
//! `client_auth`.

use std::collections::BTreeSet;

use syn::LitStr;

use crate::parse::{AuthKind, BodyEncoding, EndpointArgs, EndpointIr, HttpMethod, Slot};

/// The `method` key: present.
pub(super) fn check_method(
    ep: &EndpointIr,
    args: &EndpointArgs,
    errors: &mut Vec<syn::Error>,
) -> Option<HttpMethod> {
    match &args.method {
        Slot::Present(m) => Some(*m),
        Slot::Absent => {
            errors.push(syn::Error::new(
                ep.attr_span,
                "missing key `method`: add `method = GET` (or `POST`, `PUT`, `PATCH`, `DELETE`) \
                 to #[genauth_endpoint(...)]",
            ));
            None
        }
        Slot::Invalid => None,
    }
}

/// `password` and `password_flag`: well-formed wire paths, no duplicate, each needing the
/// other, and a body to encrypt in. Returns the flag path.
pub(super) fn check_passwords(
    args: &EndpointArgs,
    has_body: bool,
    errors: &mut Vec<syn::Error>,
) -> Option<LitStr> {
    let password_flag = match &args.password_flag {
        Slot::Present(lit) => {
            check_wire_path(lit, "password_flag", errors);
            if args.passwords.is_empty() {
                errors.push(syn::Error::new(
                    lit.span(),
                    "`password_flag` without `password`: name the password field(s) with \
                     `password = \"...\"`, or remove `password_flag`",
                ));
            }
            Some(lit.clone())
        }
        Slot::Absent | Slot::Invalid => None,
    };
    let mut seen = BTreeSet::new();
    for lit in &args.passwords {
        check_wire_path(lit, "password", errors);
        if !seen.insert(lit.value()) {
            errors.push(syn::Error::new(
                lit.span(),
                format!("duplicate password path `{}`", lit.value()),
            ));
        }
    }
    if let Some(first) = args.passwords.first() {
        if matches!(args.password_flag, Slot::Absent) {
            errors.push(syn::Error::new(
                first.span(),
                "`password` requires `password_flag = \"...\"`: the dotted wire path of \
                 `passwordEncryptType` in the body (e.g. `options.passwordEncryptType`)",
            ));
        }
        if !has_body {
            errors.push(syn::Error::new(
                first.span(),
                "`password` needs a request body, but this endpoint has none: add a #[body] \
                 argument (or one named `body`)",
            ));
        }
        // The password hook rewrites typed JSON bodies only: a form body would carry the
        // password in clear, which must never compile.
        if matches!(args.encoding.get(), Some(BodyEncoding::Form)) {
            errors.push(syn::Error::new(
                first.span(),
                "`password` needs a JSON body (`encoding = json`, the default): the password \
                 hook encrypts typed JSON bodies only, and a form body would send it in clear",
            ));
        }
    }
    password_flag
}

/// `client_auth` only with `auth = client`.
pub(super) fn check_client_auth(
    ep: &EndpointIr,
    args: &EndpointArgs,
    errors: &mut Vec<syn::Error>,
) {
    if let (Slot::Present(_), Some(auth)) = (&args.client_auth, args.auth.get())
        && *auth != AuthKind::Client
    {
        errors.push(syn::Error::new(
            ep.attr_span,
            "`client_auth` only applies to `auth = client` endpoints",
        ));
    }
}

/// Checks a dotted wire path such as `passwordPayload.password`.
fn check_wire_path(lit: &LitStr, key: &str, errors: &mut Vec<syn::Error>) {
    let value = lit.value();
    let ok = !value.is_empty()
        && value
            .split('.')
            .all(|seg| !seg.is_empty() && !seg.chars().any(|c| c.is_whitespace()));
    if !ok {
        errors.push(syn::Error::new(
            lit.span(),
            format!(
                "malformed `{key}` path `{value}`: expected dot-separated wire field names, \
                 e.g. `passwordPayload.password`"
            ),
        ));
    }
}
