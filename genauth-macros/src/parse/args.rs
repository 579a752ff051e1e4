//! Attribute arguments: the `key = value` list grammar, `#[genauth_api(...)]` and
//! `#[genauth_endpoint(...)]`.

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, LitStr, Meta, Path, Token};

use super::ir::{ApiArgs, EndpointArgs, Slot};
use crate::vocab::{
    ApiKey, AuthKind, BodyEncoding, ClientAuthOf, EndpointKey, HttpMethod, Keyword, ResponseKind,
};

/// One `key` or `key = value` entry of an attribute list.
struct Entry {
    key: Ident,
    /// The `=` and the tokens after it, up to the next top-level comma.
    value: Option<(Token![=], TokenStream)>,
}

fn parse_entries(input: ParseStream) -> syn::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    while !input.is_empty() {
        if !input.peek(Ident::peek_any) {
            return Err(input.error("expected `key = value`"));
        }
        let key = Ident::parse_any(input)?;
        let value = if input.peek(Token![=]) {
            let eq: Token![=] = input.parse()?;
            let mut tokens = TokenStream::new();
            while !input.is_empty() && !input.peek(Token![,]) {
                tokens.extend([input.parse::<TokenTree>()?]);
            }
            Some((eq, tokens))
        } else {
            None
        };
        entries.push(Entry { key, value });
        if input.is_empty() {
            break;
        }
        if !input.peek(Token![,]) {
            return Err(input.error("expected `,`"));
        }
        input.parse::<Token![,]>()?;
    }
    Ok(entries)
}

/// The value of `key = value`, or an error saying what shape it should have.
fn entry_value<'a>(entry: &'a Entry, example: &str) -> syn::Result<&'a TokenStream> {
    let key = &entry.key;
    match &entry.value {
        Some((_, tokens)) if !tokens.is_empty() => Ok(tokens),
        Some((eq, _)) => Err(syn::Error::new(
            eq.spans[0],
            format!("expected a value after `{key} =`, e.g. `{key} = {example}`"),
        )),
        None => Err(syn::Error::new(
            key.span(),
            format!("expected `{key} = {example}`"),
        )),
    }
}

fn string_value(entry: &Entry, example: &str) -> syn::Result<LitStr> {
    let key = &entry.key;
    let example = format!("\"{example}\"");
    let tokens = entry_value(entry, &example)?;
    syn::parse2::<LitStr>(tokens.clone()).map_err(|_| {
        syn::Error::new_spanned(
            tokens,
            format!("`{key}` expects a string literal, e.g. `{key} = {example}`"),
        )
    })
}

/// The value of `key = value` as one of `K`'s keywords.
fn keyword_value<K: Keyword>(entry: &Entry) -> syn::Result<K> {
    let tokens = entry_value(entry, K::ALL[0].0)?;
    let ident = Ident::parse_any.parse2(tokens.clone()).map_err(|_| {
        syn::Error::new_spanned(
            tokens,
            format!("expected one of: {} (without quotes)", K::expected()),
        )
    })?;
    let text = ident.to_string();
    K::lookup(&text).ok_or_else(|| {
        syn::Error::new(
            ident.span(),
            format!(
                "unknown {} `{text}`; expected one of: {}",
                K::WHAT,
                K::expected()
            ),
        )
    })
}

pub(super) fn parse_api_args(attr: TokenStream, errors: &mut Vec<syn::Error>) -> ApiArgs {
    let mut krate: Option<Path> = None;
    let entries = match parse_entries.parse2(attr) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    let mut seen_crate = false;
    let mut replay = false;
    for entry in entries {
        match ApiKey::lookup(&entry.key.to_string()) {
            Some(ApiKey::Replay) if entry.value.is_none() => {
                replay = true;
                continue;
            }
            Some(ApiKey::Crate) => {}
            Some(ApiKey::Replay) | None => {
                errors.push(syn::Error::new(
                    entry.key.span(),
                    format!(
                        "unknown key `{}`; expected `crate = path::to::genauth` or `replay`",
                        entry.key
                    ),
                ));
                continue;
            }
        }
        if seen_crate {
            errors.push(syn::Error::new(entry.key.span(), "duplicate key `crate`"));
            continue;
        }
        seen_crate = true;
        let parsed = entry_value(&entry, "path::to::genauth").and_then(|tokens| {
            Path::parse_mod_style.parse2(tokens.clone()).map_err(|_| {
                syn::Error::new_spanned(tokens, "`crate` expects a path, e.g. `crate = ::genauth`")
            })
        });
        match parsed {
            Ok(path) => krate = Some(path),
            Err(e) => errors.push(e),
        }
    }
    ApiArgs {
        krate: krate.unwrap_or_else(|| syn::parse_quote!(::genauth)),
        replay,
    }
}

/// Reads one `#[genauth_endpoint(...)]`; `None` if its shape is unreadable.
pub(super) fn parse_endpoint_attr(
    attr: &Attribute,
    errors: &mut Vec<syn::Error>,
) -> Option<EndpointArgs> {
    let usage = "expected `#[genauth_endpoint(path = \"/api/v3/...\", method = GET)]`";
    let tokens = match &attr.meta {
        Meta::List(list) => list.tokens.clone(),
        Meta::Path(path) => {
            errors.push(syn::Error::new_spanned(path, usage));
            return None;
        }
        Meta::NameValue(nv) => {
            errors.push(syn::Error::new_spanned(nv, usage));
            return None;
        }
    };
    match parse_entries.parse2(tokens) {
        Ok(entries) => Some(endpoint_args(entries, errors)),
        Err(e) => {
            errors.push(syn::Error::new(e.span(), format!("{e}; {usage}")));
            None
        }
    }
}

fn endpoint_args(entries: Vec<Entry>, errors: &mut Vec<syn::Error>) -> EndpointArgs {
    let mut args = EndpointArgs {
        path: Slot::Absent,
        method: Slot::Absent,
        auth: Slot::Absent,
        passwords: Vec::new(),
        password_flag: Slot::Absent,
        encoding: Slot::Absent,
        response: Slot::Absent,
        client_auth: Slot::Absent,
    };

    fn set<T>(
        slot: &mut Slot<T>,
        entry: &Entry,
        value: syn::Result<T>,
        errors: &mut Vec<syn::Error>,
    ) {
        if slot.is_set() {
            errors.push(syn::Error::new(
                entry.key.span(),
                format!("duplicate key `{}`", entry.key),
            ));
            return;
        }
        *slot = match value {
            Ok(v) => Slot::Present(v),
            Err(e) => {
                errors.push(e);
                Slot::Invalid
            }
        };
    }

    for entry in &entries {
        let Some(key) = EndpointKey::lookup(&entry.key.to_string()) else {
            errors.push(syn::Error::new(
                entry.key.span(),
                format!(
                    "unknown key `{}`; expected one of: {}",
                    entry.key,
                    EndpointKey::expected()
                ),
            ));
            continue;
        };
        match key {
            EndpointKey::Path => set(
                &mut args.path,
                entry,
                string_value(entry, "/api/v3/..."),
                errors,
            ),
            EndpointKey::Method => set(
                &mut args.method,
                entry,
                keyword_value::<HttpMethod>(entry),
                errors,
            ),
            EndpointKey::Auth => set(
                &mut args.auth,
                entry,
                keyword_value::<AuthKind>(entry),
                errors,
            ),
            EndpointKey::Encoding => set(
                &mut args.encoding,
                entry,
                keyword_value::<BodyEncoding>(entry),
                errors,
            ),
            EndpointKey::Response => set(
                &mut args.response,
                entry,
                keyword_value::<ResponseKind>(entry),
                errors,
            ),
            EndpointKey::ClientAuth => set(
                &mut args.client_auth,
                entry,
                keyword_value::<ClientAuthOf>(entry),
                errors,
            ),
            EndpointKey::PasswordFlag => set(
                &mut args.password_flag,
                entry,
                string_value(entry, "options.passwordEncryptType"),
                errors,
            ),
            EndpointKey::Password => match string_value(entry, "passwordPayload.password") {
                Ok(lit) => args.passwords.push(lit),
                Err(e) => errors.push(e),
            },
        }
    }
    args
}
