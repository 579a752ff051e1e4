//! `#[derive(WireSchema)]`: a type's wire shape, computed from its serde attributes.
//!
//! Structs with named fields become `Schema::Struct(&[(wire_name, &<FieldTy as
//! WireSchema>::SCHEMA), ..])` with wire names computed the way serde computes them for
//! serialisation (`rename_all` on the container, `rename` on the field, `skip` /
//! `skip_serializing` fields left out). Newtype structs and `#[serde(transparent)]` structs
//! forward to their one field; enums, unit and tuple structs are leaves. `#[serde(flatten)]`
//! fields are left out: the flattened type's fields are not known at macro time, so no
//! `password = "..."` path can go through one (naming one fails the compile-time check).
//!
//! The run-time accessors (`password_mut`, `flag_mut`, `wire_default`) get no arm for a field
//! whose type is, by its spelling, a plain leaf (`String`, numbers, `Vec`, JSON values, an
//! `Option` of one): the trait's defaults already answer `None` there. A struct of only such
//! fields, most response DTOs, gets none of them, which keeps `#[dto]` on every type cheap.

use proc_macro2::{TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, Fields, Generics, Ident, Item, LitStr, Path, Token, Type};

use crate::vocab::{Keyword, RenameRule, SchemaKey, SerdeContainerKey, SerdeFieldKey};

/// Applies a serde `rename_all` rule to a (snake_case) field name, exactly as serde does.
pub(crate) fn apply_rule(rule: RenameRule, field: &str) -> String {
    match rule {
        RenameRule::Uppercase | RenameRule::ScreamingSnakeCase => field.to_ascii_uppercase(),
        RenameRule::PascalCase => pascal(field),
        RenameRule::CamelCase => {
            let pascal = pascal(field);
            let mut chars = pascal.chars();
            match chars.next() {
                Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                None => pascal,
            }
        }
        RenameRule::KebabCase => field.replace('_', "-"),
        RenameRule::ScreamingKebabCase => field.to_ascii_uppercase().replace('_', "-"),
        // Field names are snake_case already.
        RenameRule::Lowercase | RenameRule::SnakeCase => field.to_owned(),
    }
}

fn pascal(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            out.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// Container-level attributes that matter here.
struct Container {
    rename_all: Option<RenameRule>,
    transparent: bool,
    krate: Path,
}

/// Field-level attributes that matter here.
#[derive(Default)]
struct FieldAttrs {
    rename: Option<String>,
    /// `skip`, `skip_serializing` or `flatten`: not a wire field of this type's own.
    skip: bool,
}

/// Entry point of the derive.
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let item: Item = match syn::parse2(input) {
        Ok(item) => item,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Vec::new();
    let (attrs, ident, generics) = match &item {
        Item::Struct(s) => (&s.attrs, &s.ident, &s.generics),
        Item::Enum(e) => (&e.attrs, &e.ident, &e.generics),
        Item::Union(u) => {
            return syn::Error::new(
                u.union_token.span,
                "WireSchema cannot be derived for unions",
            )
            .to_compile_error();
        }
        other => {
            return syn::Error::new(
                other.span(),
                "WireSchema can only be derived for structs and enums",
            )
            .to_compile_error();
        }
    };
    let container = container_attrs(attrs, &mut errors);
    let p = {
        let krate = &container.krate;
        quote!(#krate::__private)
    };

    // Run-time accessors: (wire name, field member) per serialised field, for the typed
    // password hook; `forward_member` for newtype/transparent structs.
    let mut accessors: Vec<(String, syn::Member)> = Vec::new();
    let mut forward_member: Option<syn::Member> = None;
    // Every field's member, and whether all of them are serialised (a default can be built).
    let mut all_members: Vec<syn::Member> = Vec::new();
    let mut has_skipped = false;
    // A required plain leaf (`String`, `bool`, ...) has no wire default, so neither has the type.
    let mut has_required_leaf = false;
    let schema = match &item {
        Item::Struct(s) => match &s.fields {
            Fields::Named(named) => {
                let mut entries = Vec::new();
                let mut kept = Vec::new();
                let mut kept_members = Vec::new();
                for field in &named.named {
                    let attrs = field_attrs(&field.attrs, &mut errors);
                    let Some(field_ident) = &field.ident else {
                        continue;
                    };
                    if attrs.skip {
                        has_skipped = true;
                        continue;
                    }
                    all_members.push(syn::Member::Named(field_ident.clone()));
                    let wire = attrs.rename.unwrap_or_else(|| {
                        let name = field_ident.unraw().to_string();
                        match &container.rename_all {
                            Some(rule) => apply_rule(*rule, &name),
                            None => name,
                        }
                    });
                    kept.push(&field.ty);
                    kept_members.push(syn::Member::Named(field_ident.clone()));
                    entries.push(field_entry(&wire, &field.ty, &p));
                    // No password and no flag can be under a plain leaf: no accessor arm.
                    match plain_leaf(&field.ty) {
                        Some(optional) => has_required_leaf |= !optional,
                        None => accessors.push((wire, syn::Member::Named(field_ident.clone()))),
                    }
                }
                if container.transparent && kept.len() == 1 {
                    forward_member = kept_members.pop();
                    accessors.clear();
                    forward(kept[0], &p)
                } else {
                    quote!(#p::Schema::Struct(&[#(#entries),*]))
                }
            }
            Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => {
                // Newtype structs serialise as their field.
                forward_member = Some(syn::Member::Unnamed(0.into()));
                forward(&unnamed.unnamed[0].ty, &p)
            }
            Fields::Unnamed(_) | Fields::Unit => quote!(#p::Schema::Leaf),
        },
        _ => quote!(#p::Schema::Leaf),
    };

    let generics = with_bounds(generics, &p);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let errors = errors.iter().map(syn::Error::to_compile_error);
    // Only a type something reachable can sit in needs the accessors: without them the trait's
    // defaults answer `None`, which is what every arm of a plain leaf would answer.
    let methods = accessor_methods(
        &accessors,
        forward_member.as_ref(),
        (!has_skipped
            && !has_required_leaf
            && !accessors.is_empty()
            && matches!(&item, Item::Struct(s) if matches!(s.fields, Fields::Named(_))))
        .then_some(all_members.as_slice()),
        &p,
    );
    quote! {
        #(#errors)*
        #[automatically_derived]
        impl #impl_generics #p::WireSchema for #ident #ty_generics #where_clause {
            const SCHEMA: #p::Schema = #schema;
            #methods
        }
    }
}

/// The typed password hook's accessors: `password_mut`, `flag_mut` by dotted wire path, and
/// `wire_default` (a value with every field at its own wire default, when one exists).
fn accessor_methods(
    fields: &[(String, syn::Member)],
    forward: Option<&syn::Member>,
    default_members: Option<&[syn::Member]>,
    p: &TokenStream,
) -> TokenStream {
    let wire_default = match default_members {
        Some(members) if !members.is_empty() => quote! {
            fn wire_default() -> #p::Option<Self> {
                #p::Option::Some(Self { #(#members: #p::WireSchema::wire_default()?),* })
            }
        },
        _ => TokenStream::new(),
    };
    if let Some(member) = forward {
        return quote! {
            fn password_mut(&mut self, path: &str) -> #p::Option<&mut #p::Password> {
                #p::WireSchema::password_mut(&mut self.#member, path)
            }
            fn flag_mut(&mut self, path: &str, create: bool) -> #p::Option<#p::FlagSlot<'_>> {
                #p::WireSchema::flag_mut(&mut self.#member, path, create)
            }
        };
    }
    if fields.is_empty() {
        return wire_default;
    }
    let wires: Vec<&String> = fields.iter().map(|(w, _)| w).collect();
    let members: Vec<&syn::Member> = fields.iter().map(|(_, m)| m).collect();
    quote! {
        fn password_mut(&mut self, path: &str) -> #p::Option<&mut #p::Password> {
            let (head, rest) = #p::split_wire_path(path);
            match head {
                #(#wires => #p::WireSchema::password_mut(&mut self.#members, rest),)*
                _ => #p::Option::None,
            }
        }
        fn flag_mut(&mut self, path: &str, create: bool) -> #p::Option<#p::FlagSlot<'_>> {
            let (head, rest) = #p::split_wire_path(path);
            match head {
                #(#wires => #p::WireSchema::flag_mut(&mut self.#members, rest, create),)*
                _ => #p::Option::None,
            }
        }
        #wire_default
    }
}

/// `Some(optional)` when `ty` is, by its spelling, a type whose `WireSchema` is a leaf with the
/// default accessors (no password, no flag, no wire default) — `String`, `bool`, numbers, `Vec`,
/// maps, JSON values — or an `Option` of one. `None`: anything else (the accessors are kept).
fn plain_leaf(ty: &Type) -> Option<bool> {
    const LEAVES: &[&str] = &[
        "String", "str", "bool", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32",
        "f64", "Vec", "HashMap", "BTreeMap",
    ];
    match ty {
        Type::Group(g) => plain_leaf(&g.elem),
        Type::Paren(p) => plain_leaf(&p.elem),
        Type::Reference(r) => plain_leaf(&r.elem),
        Type::Path(tp) if tp.qself.is_none() => {
            let segments = &tp.path.segments;
            let last = segments.last()?;
            let name = last.ident.to_string();
            let json = segments.len() == 2 && segments[0].ident == "serde_json";
            if let Some(inner) = option_inner(ty) {
                return plain_leaf(inner).map(|_| true);
            }
            (LEAVES.contains(&name.as_str()) || (json && (name == "Value" || name == "Map")))
                .then_some(false)
        }
        _ => None,
    }
}

/// `T` of `Option<T>` (or `std::option::Option<T>`, …: the last path segment is `Option`), by
/// spelling; `None` for any other type.
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    match ty {
        Type::Group(g) => option_inner(&g.elem),
        Type::Paren(p) => option_inner(&p.elem),
        Type::Path(tp) if tp.qself.is_none() => {
            let last = tp.path.segments.last()?;
            let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
                return None;
            };
            match args.args.first() {
                Some(syn::GenericArgument::Type(inner)) if last.ident == "Option" => Some(inner),
                _ => None,
            }
        }
        _ => None,
    }
}

fn field_entry(wire: &str, ty: &Type, p: &TokenStream) -> TokenStream {
    // Spanned at the field type, so a type without `WireSchema` is reported there.
    quote_spanned! {ty.span()=> (#wire, &<#ty as #p::WireSchema>::SCHEMA) }
}

fn forward(ty: &Type, p: &TokenStream) -> TokenStream {
    quote_spanned! {ty.span()=> <#ty as #p::WireSchema>::SCHEMA }
}

/// Adds `T: WireSchema` to every type parameter.
fn with_bounds(generics: &Generics, p: &TokenStream) -> Generics {
    let mut generics = generics.clone();
    for param in generics.type_params_mut() {
        param.bounds.push(syn::parse_quote!(#p::WireSchema));
    }
    generics
}

/// Consumes the value of a serde key this derive does not care about.
pub(crate) fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.input.parse::<Token![=]>()?;
        meta.input.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// `key = "x"` or `key(serialize = "x", ..)`: the serialisation name, if any.
fn serialize_name(meta: &ParseNestedMeta) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse()?));
    }
    let mut found = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            found = Some(inner.value()?.parse()?);
            Ok(())
        } else {
            skip_value(&inner)
        }
    })?;
    Ok(found)
}

/// The key of one nested `#[serde(..)]` / `#[genauth(..)]` entry, if it is one of `K`'s.
fn key_of<K: Keyword>(meta: &ParseNestedMeta) -> Option<K> {
    meta.path
        .get_ident()
        .and_then(|ident| K::lookup(&ident.to_string()))
}

fn container_attrs(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> Container {
    let mut container = Container {
        rename_all: None,
        transparent: false,
        krate: syn::parse_quote!(::genauth),
    };
    for attr in attrs {
        if attr.path().is_ident("serde") {
            let result = attr.parse_nested_meta(|meta| match key_of::<SerdeContainerKey>(&meta) {
                Some(SerdeContainerKey::RenameAll) => {
                    if let Some(lit) = serialize_name(&meta)? {
                        let rule = lit.value();
                        match RenameRule::lookup(&rule) {
                            Some(rule) => container.rename_all = Some(rule),
                            None => errors.push(syn::Error::new(
                                lit.span(),
                                format!(
                                    "unknown {} `{rule}`; expected one of: {}",
                                    RenameRule::WHAT,
                                    RenameRule::expected()
                                ),
                            )),
                        }
                    }
                    Ok(())
                }
                Some(SerdeContainerKey::Transparent) => {
                    container.transparent = true;
                    Ok(())
                }
                None => skip_value(&meta),
            });
            if let Err(e) = result {
                errors.push(e);
            }
        } else if attr.path().is_ident("genauth") {
            let result = attr.parse_nested_meta(|meta| match key_of::<SchemaKey>(&meta) {
                Some(SchemaKey::Crate) => {
                    let value = meta.value()?;
                    container.krate = if value.peek(LitStr) {
                        value.parse::<LitStr>()?.parse_with(Path::parse_mod_style)?
                    } else {
                        value.call(Path::parse_mod_style)?
                    };
                    Ok(())
                }
                None => Err(meta.error(format!(
                    "unknown key `{}`; expected `crate = path::to::genauth`",
                    meta.path
                        .get_ident()
                        .map_or_else(|| "?".to_owned(), Ident::to_string)
                ))),
            });
            if let Err(e) = result {
                errors.push(e);
            }
        }
    }
    container
}

fn field_attrs(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs {
        if !attr.path().is_ident("serde") {
            continue;
        }
        let result = attr.parse_nested_meta(|meta| match key_of::<SerdeFieldKey>(&meta) {
            Some(SerdeFieldKey::Rename) => {
                if let Some(lit) = serialize_name(&meta)? {
                    out.rename = Some(lit.value());
                }
                Ok(())
            }
            Some(SerdeFieldKey::Skip | SerdeFieldKey::SkipSerializing | SerdeFieldKey::Flatten) => {
                out.skip = true;
                Ok(())
            }
            None => skip_value(&meta),
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derive_str(input: TokenStream) -> String {
        derive(input).to_string()
    }

    #[test]
    fn serde_rules_match_serde() {
        let cases = [
            ("lowercase", "password_encrypt_type"),
            ("UPPERCASE", "PASSWORD_ENCRYPT_TYPE"),
            ("PascalCase", "PasswordEncryptType"),
            ("camelCase", "passwordEncryptType"),
            ("snake_case", "password_encrypt_type"),
            ("SCREAMING_SNAKE_CASE", "PASSWORD_ENCRYPT_TYPE"),
            ("kebab-case", "password-encrypt-type"),
            ("SCREAMING-KEBAB-CASE", "PASSWORD-ENCRYPT-TYPE"),
        ];
        for (rule, expected) in cases {
            let rule = RenameRule::lookup(rule).expect(rule);
            assert_eq!(
                apply_rule(rule, "password_encrypt_type"),
                expected,
                "{rule:?}"
            );
        }
        assert_eq!(apply_rule(RenameRule::CamelCase, "id"), "id");
        assert_eq!(apply_rule(RenameRule::CamelCase, "ad_payload"), "adPayload");
    }

    #[test]
    fn named_struct() {
        let out = derive_str(quote! {
            #[derive(Serialize)]
            #[serde(rename_all = "camelCase", deny_unknown_fields)]
            struct Dto<'a, T> {
                password_payload: Option<Inner>,
                #[serde(rename = "flag", skip_serializing_if = "Option::is_none")]
                options: Opts,
                #[serde(skip)]
                cache: u8,
                #[serde(skip_serializing, default)]
                other: u8,
                #[serde(rename(serialize = "ser", deserialize = "de"))]
                both: &'a str,
                r#type: T,
            }
        });
        let p = quote!(::genauth::__private);
        let expected = quote! {
            #[automatically_derived]
            impl<'a, T: #p::WireSchema> #p::WireSchema for Dto<'a, T> {
                const SCHEMA: #p::Schema = #p::Schema::Struct(&[
                    ("passwordPayload", &<Option<Inner> as #p::WireSchema>::SCHEMA),
                    ("flag", &<Opts as #p::WireSchema>::SCHEMA),
                    ("ser", &<&'a str as #p::WireSchema>::SCHEMA),
                    ("type", &<T as #p::WireSchema>::SCHEMA)
                ]);
            }
        };
        let schema_part = expected.to_string();
        let schema_part = schema_part.trim_end_matches('}').trim_end();
        assert!(out.starts_with(schema_part), "{out}");
        // The run-time accessors: one arm per serialised field, by wire name.
        let arm = quote!("passwordPayload" => #p::WireSchema::password_mut(&mut self.password_payload, rest),);
        assert!(out.contains(&arm.to_string()), "{out}");
        let arm = quote!("type" => #p::WireSchema::flag_mut(&mut self.r#type, rest, create),);
        assert!(out.contains(&arm.to_string()), "{out}");
        // Skipped fields: no `wire_default` (their default is not known).
        assert!(!out.contains("wire_default"), "{out}");
    }

    #[test]
    fn rename_all_serialize_form_and_crate_override() {
        let out = derive_str(quote! {
            #[serde(rename_all(serialize = "SCREAMING-KEBAB-CASE"))]
            #[genauth(crate = crate::x)]
            struct S { a_b: u8 }
        });
        assert!(out.contains("\"A-B\""), "{out}");
        assert!(out.contains(&quote!(crate::x::__private::WireSchema).to_string()));
        let out = derive_str(quote! {
            #[genauth(crate = "other")]
            struct S { a_b: u8 }
        });
        assert!(
            out.contains(&quote!(other::__private::Schema::Struct).to_string()),
            "{out}"
        );
    }

    #[test]
    fn plain_leaves_get_no_accessors() {
        // Only leaves: the trait's defaults (`None`) are the whole answer.
        let out = derive_str(quote! {
            struct Reply {
                user_id: String,
                nick: Option<std::string::String>,
                tags: Vec<Tag>,
                extra: Option<serde_json::Map<String, serde_json::Value>>,
                count: &'static u64,
            }
        });
        assert!(out.contains("(\"user_id\" ,"), "{out}");
        for method in ["password_mut", "flag_mut", "wire_default"] {
            assert!(!out.contains(method), "{method}: {out}");
        }
        // A field that may hold a password keeps its arm; a leaf next to it has none, and a
        // required leaf means there is no wire default.
        let out = derive_str(quote! {
            struct Body { account: String, payload: Option<Payload>, secret: Secret }
        });
        assert!(out.contains("\"payload\" =>"), "{out}");
        assert!(out.contains("\"secret\" =>"), "{out}");
        assert!(!out.contains("\"account\" =>"), "{out}");
        assert!(!out.contains("wire_default"), "{out}");
        let out = derive_str(quote! {
            struct Options { scope: Option<String>, flag: Option<PasswordEncryptType> }
        });
        assert!(out.contains("wire_default"), "{out}");
        assert!(!out.contains("\"scope\" =>"), "{out}");
    }

    #[test]
    fn leaves_and_forwarding() {
        let p = quote!(::genauth::__private);
        let leaf = quote!(const SCHEMA: #p::Schema = #p::Schema::Leaf;).to_string();
        assert!(
            derive_str(quote!(
                enum E {
                    A,
                    B(u8),
                }
            ))
            .contains(&leaf)
        );
        assert!(
            derive_str(quote!(
                struct U;
            ))
            .contains(&leaf)
        );
        assert!(
            derive_str(quote!(
                struct P(u8, u8);
            ))
            .contains(&leaf)
        );
        let newtype =
            quote!(const SCHEMA: #p::Schema = <Inner as #p::WireSchema>::SCHEMA;).to_string();
        assert!(
            derive_str(quote!(
                struct N(Inner);
            ))
            .contains(&newtype)
        );
        assert!(
            derive_str(quote!(
                #[serde(transparent)]
                struct N {
                    inner: Inner,
                }
            ))
            .contains(&newtype)
        );
    }

    #[test]
    fn errors() {
        let out = derive_str(quote! {
            #[serde(rename_all = "Title Case")]
            struct S { #[serde(flatten)] rest: Rest, a: u8 }
        });
        assert!(out.contains("unknown rename_all rule `Title Case`; expected one of: `lowercase`"));
        // The impl is still emitted; the flattened field is left out of the schema.
        assert!(out.contains("(\"a\" ,"), "{out}");
        assert!(!out.contains("\"rest\""), "{out}");
        assert!(derive_str(quote!(union U { a: u8 })).contains("cannot be derived for unions"));
        assert!(
            derive_str(quote!(
                #[genauth(krate = x)]
                struct S;
            ))
            .contains("unknown key `krate`")
        );
    }
}
