//! `#[dto]`: the one shape of a request or response type.
//!
//! Parses `#[dto(crate = path, rename_all = "rule", extra, eq)]`, checks the struct and
//! re-emits it with the derives, the container's serde attributes, the optional-field serde
//! attributes and (with `extra`) the catch-all field. Mistakes are spanned compile errors; the
//! struct is then emitted unchanged, so one mistake gives one message.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::spanned::Spanned;
use syn::{Attribute, Fields, Item, ItemStruct, LitStr, Path};

use crate::schema::{option_inner, skip_value};
use crate::vocab::{DtoKey, Keyword, RenameRule, one_of};

/// The derives `#[dto]` adds, by the name a user would write them with.
const DERIVED: &[&str] = &[
    "Debug",
    "Clone",
    "Default",
    "PartialEq",
    "Serialize",
    "Deserialize",
    "WireSchema",
];

/// The `rename_all` value that turns the container rule off.
const NO_RULE: &str = "none";

/// The parsed `#[dto(...)]` arguments.
struct Args {
    krate: Path,
    /// `None`: no container rule (`rename_all = "none"`).
    rename_all: Option<String>,
    extra: bool,
    eq: bool,
}

/// What the struct already says itself (kept, and not said again by the expansion).
#[derive(Default)]
struct Own {
    /// Derives of the struct's own that `#[dto]` would add (an error each).
    derives: Vec<String>,
    /// A `#[serde(rename_all)]` of its own (an error).
    rename_all: bool,
    /// A `#[serde(crate)]` of its own (an error).
    serde_crate: bool,
}

/// Entry point of the attribute.
///
/// On a mistake the errors are emitted next to the closest item to the intended one (the
/// expansion without what the mistake said twice), so one mistake gives one message.
pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Vec::new();
    let args = parse_args(attr, &mut errors);
    let mut item: ItemStruct = match syn::parse2::<Item>(item.clone()) {
        Ok(Item::Struct(s)) => s,
        Ok(other) => {
            errors.push(syn::Error::new(
                item_keyword_span(&other),
                "`#[dto]` applies to structs with named fields; declare an enum with \
                 `open_enum!` (values the server may add) or plain derives (a closed set)",
            ));
            return emit_errors(&errors, item);
        }
        Err(e) => return e.to_compile_error(),
    };
    let named = match &mut item.fields {
        Fields::Named(named) => named,
        other => {
            let span = match other {
                Fields::Unnamed(f) => f.paren_token.span.join(),
                _ => item.ident.span(),
            };
            errors.push(syn::Error::new(
                span,
                "`#[dto]` applies to structs with named fields",
            ));
            return emit_errors(&errors, item.to_token_stream());
        }
    };
    let own = check_container(&mut item.attrs, &args, &mut errors);

    let mut add_extra = args.extra;
    for field in named.named.iter_mut() {
        if args.extra && field.ident.as_ref().is_some_and(|i| i == "extra") {
            add_extra = false;
            errors.push(syn::Error::new(
                field.ident.span(),
                "`#[dto(extra)]` adds a field named `extra`; this struct already has one \
                 (rename it, or drop `extra` from `#[dto]`)",
            ));
        }
        if option_inner(&field.ty).is_some() {
            let own = field_serde_keys(&field.attrs, &mut errors);
            let default = (!own.default).then(|| quote!(default));
            let skip = (!own.skips_serializing)
                .then(|| quote!(skip_serializing_if = "::core::option::Option::is_none"));
            let keys: Vec<TokenStream> = default.into_iter().chain(skip).collect();
            if !keys.is_empty() {
                field.attrs.push(syn::parse_quote!(#[serde(#(#keys),*)]));
            }
        }
    }

    let krate = &args.krate;
    let p = quote!(#krate::__private);
    if add_extra {
        named.named.push(
            syn::Field::parse_named
                .parse2(quote! {
                    /// Every other field the server sent.
                    #[serde(flatten)]
                    pub extra: #p::serde_json::Map<
                        ::std::string::String,
                        #p::serde_json::Value,
                    >
                })
                .expect("the extra field parses"),
        );
    }
    let eq = args.eq.then(|| quote!(::core::cmp::Eq));
    let derives = [
        ("Debug", quote!(::core::fmt::Debug)),
        ("Clone", quote!(::core::clone::Clone)),
        ("Default", quote!(::core::default::Default)),
        ("PartialEq", quote!(::core::cmp::PartialEq)),
    ]
    .into_iter()
    .chain(eq.map(|eq| ("Eq", eq)))
    .chain([
        ("Serialize", quote!(#p::serde::Serialize)),
        ("Deserialize", quote!(#p::serde::Deserialize)),
        ("WireSchema", quote!(#p::WireSchema)),
    ])
    .filter(|(name, _)| !own.derives.iter().any(|d| d == name))
    .map(|(_, path)| path);
    // serde's derives name their runtime through `crate = "..."`, a string.
    let serde_path = LitStr::new(&quote!(#p::serde).to_string(), krate.span());
    let serde_crate = (!own.serde_crate).then(|| quote!(#[serde(crate = #serde_path)]));
    let rename_all = args
        .rename_all
        .as_deref()
        .filter(|_| !own.rename_all)
        .map(|rule| quote!(#[serde(rename_all = #rule)]));
    let attrs = std::mem::take(&mut item.attrs);
    item.attrs = syn::parse_quote! {
        #[derive(#(#derives),*)]
        #serde_crate
        #rename_all
        #[genauth(crate = #krate)]
    };
    item.attrs.extend(attrs);
    emit_errors(&errors, item.to_token_stream())
}

fn emit_errors(errors: &[syn::Error], item: TokenStream) -> TokenStream {
    let errors = errors.iter().map(syn::Error::to_compile_error);
    quote!(#(#errors)* #item)
}

fn item_keyword_span(item: &Item) -> proc_macro2::Span {
    match item {
        Item::Enum(e) => e.enum_token.span,
        Item::Union(u) => u.union_token.span,
        Item::Trait(t) => t.trait_token.span,
        Item::Fn(f) => f.sig.fn_token.span,
        Item::Type(t) => t.type_token.span,
        Item::Impl(i) => i.impl_token.span,
        other => other.span(),
    }
}

fn parse_args(attr: TokenStream, errors: &mut Vec<syn::Error>) -> Args {
    let mut args = Args {
        krate: syn::parse_quote!(::genauth),
        rename_all: Some("camelCase".to_owned()),
        extra: false,
        eq: false,
    };
    let mut seen: Vec<String> = Vec::new();
    let parser = syn::meta::parser(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(|i| syn::ext::IdentExt::unraw(i).to_string())
            .unwrap_or_default();
        let Some(known) = DtoKey::lookup(&key) else {
            skip_value(&meta)?;
            errors.push(meta.error(format!(
                "unknown key `{}`; expected one of: {}",
                meta.path.to_token_stream(),
                DtoKey::expected()
            )));
            return Ok(());
        };
        if seen.contains(&key) {
            skip_value(&meta)?;
            errors.push(meta.error(format!("duplicate key `{key}`")));
            return Ok(());
        }
        seen.push(key.clone());
        match known {
            DtoKey::Crate => {
                if !meta.input.peek(syn::Token![=]) {
                    skip_value(&meta)?;
                    errors.push(meta.error("`crate` expects a path: `crate = path::to::genauth`"));
                    return Ok(());
                }
                let value = meta.value()?;
                args.krate = if value.peek(LitStr) {
                    value.parse::<LitStr>()?.parse_with(Path::parse_mod_style)?
                } else {
                    value.call(Path::parse_mod_style)?
                };
            }
            DtoKey::RenameAll => {
                if !meta.input.peek(syn::Token![=]) {
                    skip_value(&meta)?;
                    errors.push(
                        meta.error("`rename_all` expects a rule: `rename_all = \"snake_case\"`"),
                    );
                    return Ok(());
                }
                let lit: LitStr = meta.value()?.parse()?;
                let rule = lit.value();
                if rule == NO_RULE {
                    args.rename_all = None;
                } else if RenameRule::lookup(&rule).is_some() {
                    args.rename_all = Some(rule);
                } else {
                    errors.push(syn::Error::new(
                        lit.span(),
                        format!(
                            "unknown rename_all rule `{rule}`; expected one of: {}",
                            one_of(
                                RenameRule::ALL
                                    .iter()
                                    .map(|(text, _)| *text)
                                    .chain([NO_RULE])
                            )
                        ),
                    ));
                }
            }
            DtoKey::Extra => args.extra = no_value(&meta, errors)?,
            DtoKey::Eq => args.eq = no_value(&meta, errors)?,
        }
        Ok(())
    });
    if let Err(e) = parser.parse2(attr) {
        errors.push(e);
    }
    args
}

/// A flag key: `true`, or an error (and `false`) when a value follows it.
fn no_value(meta: &ParseNestedMeta, errors: &mut Vec<syn::Error>) -> syn::Result<bool> {
    if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
        let key = meta.path.to_token_stream();
        errors.push(meta.error(format!("`{key}` takes no value: write `#[dto({key})]`")));
        skip_value(meta)?;
        return Ok(false);
    }
    Ok(true)
}

/// Rejects what `#[dto]` already says: its derives, a serde `rename_all`/`crate`, a second
/// `#[dto]` (removed, so that it does not expand twice).
fn check_container(attrs: &mut Vec<Attribute>, args: &Args, errors: &mut Vec<syn::Error>) -> Own {
    let mut own = Own::default();
    attrs.retain(|attr| {
        let path = attr.path();
        if path.segments.last().is_some_and(|s| s.ident == "dto") {
            errors.push(syn::Error::new_spanned(path, "duplicate `#[dto]`"));
            return false;
        }
        if path.is_ident("derive") {
            let parsed = attr.parse_args_with(
                syn::punctuated::Punctuated::<Path, syn::Token![,]>::parse_terminated,
            );
            for derived in parsed.into_iter().flatten() {
                let Some(name) = derived.segments.last().map(|s| s.ident.to_string()) else {
                    continue;
                };
                if DERIVED.contains(&name.as_str()) || (name == "Eq" && args.eq) {
                    errors.push(syn::Error::new_spanned(
                        &derived,
                        format!("`#[dto]` already derives `{name}`; remove it here"),
                    ));
                    own.derives.push(name);
                } else if name == "Eq" {
                    errors.push(syn::Error::new_spanned(
                        &derived,
                        "derive `Eq` with `#[dto(eq)]`",
                    ));
                }
            }
        } else if path.is_ident("serde") {
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename_all") {
                    own.rename_all = true;
                    errors.push(meta.error(
                        "`#[dto]` sets `rename_all` (camelCase unless told otherwise): write \
                         `#[dto(rename_all = \"...\")]` instead",
                    ));
                } else if meta.path.is_ident("crate") {
                    own.serde_crate = true;
                    errors.push(meta.error(
                        "`#[dto]` sets serde's `crate`: write `#[dto(crate = path::to::genauth)]` \
                         instead",
                    ));
                }
                skip_value(&meta)
            });
            if let Err(e) = result {
                errors.push(e);
            }
        }
        true
    });
    own
}

/// What a field's own serde attributes already say about the two keys `#[dto]` adds.
#[derive(Default)]
struct OwnKeys {
    default: bool,
    skips_serializing: bool,
}

fn field_serde_keys(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> OwnKeys {
    let mut own = OwnKeys::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let result = attr.parse_nested_meta(|meta| {
            let path = &meta.path;
            if path.is_ident("default") {
                own.default = true;
            } else if path.is_ident("skip_serializing_if")
                || path.is_ident("skip_serializing")
                || path.is_ident("skip")
            {
                own.skips_serializing = true;
            }
            skip_value(&meta)
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    own
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_str(attr: TokenStream, item: TokenStream) -> String {
        expand(attr, item).to_string()
    }

    #[test]
    fn default_shape() {
        let out = expand_str(
            quote!(),
            quote! {
                /// Docs stay.
                pub struct Dto {
                    /// Required.
                    pub user_id: String,
                    pub nickname: Option<String>,
                    #[serde(rename = "type", default)]
                    pub kind: std::option::Option<Kind>,
                    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "f")]
                    pub custom: Option<u8>,
                    pub list: Vec<Option<u8>>,
                }
            },
        );
        let p = quote!(::genauth::__private);
        let expected_head = quote! {
            #[derive(
                ::core::fmt::Debug,
                ::core::clone::Clone,
                ::core::default::Default,
                ::core::cmp::PartialEq,
                #p::serde::Serialize,
                #p::serde::Deserialize,
                #p::WireSchema
            )]
            #[serde(crate = ":: genauth :: __private :: serde")]
            #[serde(rename_all = "camelCase")]
            #[genauth(crate = ::genauth)]
            #[doc = r" Docs stay."]
            pub struct Dto
        };
        assert!(out.starts_with(&expected_head.to_string()), "{out}");
        let both = quote!(#[serde(default, skip_serializing_if = "::core::option::Option::is_none")] pub nickname);
        assert!(out.contains(&both.to_string()), "{out}");
        // A field's own `default` is not repeated; its own `skip_serializing_if` wins.
        let skip_only =
            quote!(#[serde(skip_serializing_if = "::core::option::Option::is_none")] pub kind);
        assert!(out.contains(&skip_only.to_string()), "{out}");
        let default_only = quote!(#[serde(default)] pub custom);
        assert!(out.contains(&default_only.to_string()), "{out}");
        // Not an `Option` field: untouched.
        assert!(
            out.contains(", pub list : Vec < Option < u8 > > ,"),
            "{out}"
        );
        assert!(!out.contains(&quote!(::core::cmp::Eq).to_string()), "{out}");
        assert!(!out.contains("extra"), "{out}");
    }

    #[test]
    fn keys() {
        let out = expand_str(
            quote!(crate = sdk, rename_all = "none", extra, eq),
            quote!(
                struct S {
                    a_b: u8,
                }
            ),
        );
        assert!(
            out.contains(&quote!(::core::cmp::Eq, sdk::__private::serde::Serialize).to_string()),
            "{out}"
        );
        assert!(out.contains("\"sdk :: __private :: serde\""), "{out}");
        assert!(!out.contains("rename_all"), "{out}");
        assert!(
            out.contains(&quote!(#[genauth(crate = sdk)]).to_string()),
            "{out}"
        );
        let extra = quote! {
            #[doc = r" Every other field the server sent."]
            #[serde(flatten)]
            pub extra: sdk::__private::serde_json::Map<::std::string::String, sdk::__private::serde_json::Value,>
        };
        assert!(out.contains(&extra.to_string()), "{out}");

        let out = expand_str(
            quote!(rename_all = "snake_case"),
            quote!(
                struct S {
                    a_b: u8,
                }
            ),
        );
        assert!(
            out.contains(&quote!(#[serde(rename_all = "snake_case")]).to_string()),
            "{out}"
        );
    }

    #[test]
    fn errors() {
        let cases: &[(TokenStream, TokenStream, &str)] = &[
            (
                quote!(),
                quote!(
                    enum E {
                        A,
                    }
                ),
                "`#[dto]` applies to structs with named fields; declare an enum",
            ),
            (
                quote!(),
                quote!(
                    struct T(u8);
                ),
                "`#[dto]` applies to structs with named fields",
            ),
            (
                quote!(),
                quote!(
                    struct U;
                ),
                "`#[dto]` applies to structs with named fields",
            ),
            (
                quote!(camel),
                quote!(
                    struct S {
                        a: u8,
                    }
                ),
                "unknown key `camel`; expected one of: `crate`, `rename_all`, `extra`, `eq`",
            ),
            (
                quote!(eq, eq),
                quote!(
                    struct S {
                        a: u8,
                    }
                ),
                "duplicate key `eq`",
            ),
            (
                quote!(extra = true),
                quote!(
                    struct S {
                        a: u8,
                    }
                ),
                "`extra` takes no value",
            ),
            (
                quote!(rename_all = "Title"),
                quote!(
                    struct S {
                        a: u8,
                    }
                ),
                "unknown rename_all rule `Title`; expected one of: `lowercase`",
            ),
            (
                quote!(extra),
                quote!(
                    struct S {
                        extra: u8,
                    }
                ),
                "already has one",
            ),
            (
                quote!(),
                quote!(
                    #[derive(Clone, Copy)]
                    struct S {
                        a: u8,
                    }
                ),
                "`#[dto]` already derives `Clone`",
            ),
            (
                quote!(),
                quote!(
                    #[derive(Eq)]
                    struct S {
                        a: u8,
                    }
                ),
                "derive `Eq` with `#[dto(eq)]`",
            ),
            (
                quote!(),
                quote!(
                    #[serde(rename_all = "camelCase")]
                    struct S {
                        a: u8,
                    }
                ),
                "write `#[dto(rename_all",
            ),
            (
                quote!(),
                quote!(
                    #[genauth::dto]
                    struct S {
                        a: u8,
                    }
                ),
                "duplicate `#[dto]`",
            ),
        ];
        for (attr, item, message) in cases {
            let out = expand_str(attr.clone(), item.clone());
            assert!(out.contains("compile_error"), "{item}: {out}");
            assert!(out.contains(message), "{item}: {message}: {out}");
        }
        // Several mistakes, several messages; the rest of the list is still read.
        let out = expand_str(
            quote!(eq = true, eq, crate),
            quote!(
                struct S {
                    a: u8,
                }
            ),
        );
        assert!(out.contains("`eq` takes no value"), "{out}");
        assert!(out.contains("duplicate key `eq`"), "{out}");
        assert!(out.contains("`crate` expects a path"), "{out}");
        // Next to an error, the closest item: what the struct says itself is not said again.
        let out = expand_str(
            quote!(extra),
            quote!(
                #[derive(Clone)]
                #[serde(rename_all = "snake_case")]
                struct S {
                    extra: u8,
                }
            ),
        );
        assert_eq!(out.matches("Clone").count(), 2, "{out}");
        assert!(
            !out.contains("\"camelCase\"") && !out.contains("flatten"),
            "{out}"
        );
        assert!(
            out.contains(&quote!(::genauth::__private::WireSchema).to_string()),
            "{out}"
        );
        let out = expand_str(
            quote!(),
            quote!(
                #[dto]
                struct S {
                    a: u8,
                }
            ),
        );
        assert_eq!(out.matches("dto").count(), 1, "{out}");
        // Not a struct with named fields: the item as written.
        let out = expand_str(
            quote!(),
            quote!(
                enum E {
                    A,
                }
            ),
        );
        assert!(
            out.ends_with(
                &quote!(
                    enum E {
                        A,
                    }
                )
                .to_string()
            ),
            "{out}"
        );
        // `Copy` and other derives `#[dto]` does not add are fine.
        assert!(
            !expand_str(
                quote!(),
                quote!(
                    #[derive(Copy)]
                    struct S {
                        a: u8,
                    }
                )
            )
            .contains("compile_error")
        );
    }
}
