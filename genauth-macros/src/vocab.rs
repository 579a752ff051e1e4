//! The attribute vocabulary: every key and keyword value the macros accept, in one place.
//!
//! Each closed set of names is an enum implementing [`Keyword`]: the parsers look names up in
//! its [`Keyword::ALL`] table and decide what a name does by an exhaustive `match` on the enum,
//! so a key or value exists exactly when it is listed here. The test at the bottom checks that
//! every entry is described in the macros' docs (`lib.rs`) and in `CONTRIBUTING.md`: adding a
//! key or value without documenting it fails `cargo test -p genauth-macros`.

/// A closed set of names an attribute accepts: its keys, or the values of one keyword key.
pub(crate) trait Keyword: Copy + 'static {
    /// What one name of the set is called in error messages (`key`, `method`, ...).
    const WHAT: &'static str;
    /// Every accepted spelling with its meaning, in documentation order.
    const ALL: &'static [(&'static str, Self)];

    /// The entry spelled `text`, if any.
    fn lookup(text: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(t, _)| *t == text)
            .map(|(_, value)| *value)
    }

    /// The accepted spellings as "`a`, `b`, `c`", for "expected one of" messages.
    fn expected() -> String {
        one_of(Self::ALL.iter().map(|(text, _)| *text))
    }
}

/// `a`, `b`, `c` — for "expected one of" messages.
pub(crate) fn one_of<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Declares a [`Keyword`] enum from its spellings. With `endpoint` after the name used in
/// messages, the enum also gets `variant()`: the name of the matching variant of the enum of
/// the same role in `genauth::endpoint`, which the generated `Endpoint` constant names.
macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum $name {
            $(
                #[doc = concat!("`", $text, "`")]
                $variant
            ),*
        }

        impl Keyword for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [(&'static str, $name)] = &[$(($text, $name::$variant)),*];
        }
    };
    ($(#[$meta:meta])* $name:ident, $what:literal, endpoint, { $($variant:ident => $text:literal),* $(,)? }) => {
        keyword_enum!($(#[$meta])* $name, $what, { $($variant => $text),* });

        impl $name {
            /// Name of the corresponding variant in `genauth::endpoint`.
            pub(crate) fn variant(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant)),* }
            }
        }
    };
}

keyword_enum!(
    /// Keys of `#[genauth_api(...)]`.
    ApiKey, "key", { Crate => "crate", Replay => "replay" }
);
keyword_enum!(
    /// Keys of `#[genauth_endpoint(...)]`, in documentation order.
    EndpointKey, "key", {
        Path => "path", Method => "method", Auth => "auth", Password => "password",
        PasswordFlag => "password_flag", Encoding => "encoding", Response => "response",
        ClientAuth => "client_auth",
    }
);
keyword_enum!(
    /// Argument markers of an endpoint method: `#[body]`, `#[query]`, `#[query = "..."]`.
    MarkerKey, "marker", { Body => "body", Query => "query" }
);
keyword_enum!(
    /// Keys of `#[genauth(...)]` on a `#[derive(WireSchema)]` type.
    SchemaKey, "key", { Crate => "crate" }
);
keyword_enum!(
    /// Keys of `#[dto(...)]`.
    DtoKey, "key", { Crate => "crate", RenameAll => "rename_all", Extra => "extra", Eq => "eq" }
);
keyword_enum!(
    /// Container keys of `#[serde(...)]` that `#[derive(WireSchema)]` reads (others are ignored).
    SerdeContainerKey, "serde key", { RenameAll => "rename_all", Transparent => "transparent" }
);
keyword_enum!(
    /// Field keys of `#[serde(...)]` that `#[derive(WireSchema)]` reads (others are ignored).
    SerdeFieldKey, "serde key", {
        Rename => "rename", Skip => "skip", SkipSerializing => "skip_serializing",
        Flatten => "flatten",
    }
);
keyword_enum!(
    /// serde's `rename_all` rules, by their serde spelling.
    RenameRule, "rename_all rule", {
        Lowercase => "lowercase", Uppercase => "UPPERCASE", PascalCase => "PascalCase",
        CamelCase => "camelCase", SnakeCase => "snake_case",
        ScreamingSnakeCase => "SCREAMING_SNAKE_CASE", KebabCase => "kebab-case",
        ScreamingKebabCase => "SCREAMING-KEBAB-CASE",
    }
);
keyword_enum!(
    /// `method = ...`
    HttpMethod, "method", endpoint, {
        Get => "GET", Post => "POST", Put => "PUT", Patch => "PATCH", Delete => "DELETE",
    }
);
keyword_enum!(
    /// `auth = ...`
    AuthKind, "auth", endpoint, {
        Client => "client", User => "user", None => "none", Management => "management",
    }
);
keyword_enum!(
    /// `client_auth = ...`: which configured method authenticates an `auth = client` call.
    ClientAuthOf, "client_auth", endpoint, {
        Token => "token", Introspection => "introspection", Revocation => "revocation",
    }
);
keyword_enum!(
    /// `encoding = ...`
    BodyEncoding, "encoding", endpoint, { Json => "json", Form => "form" }
);
keyword_enum!(
    /// `response = ...`
    ResponseKind, "response", endpoint, {
        Envelope => "envelope", Bare => "bare", Either => "either", OAuth => "oauth", Empty => "empty",
        Text => "text",
    }
);

#[cfg(test)]
mod tests {
    //! The documentation check: every key and keyword value above is described in the macros'
    //! docs and in `CONTRIBUTING.md`.
    //!
    //! A document describes the keys of an attribute in a section: the text from a heading
    //! that contains the attribute's [`Documented::section`] to the next heading. In it, the
    //! key's own table row, whose first code span names the key (`` | `key` | ``,
    //! `` | `key = path` | ``, `` | `#[key ..]` | ``), must exist and mention every value of
    //! the key as `` `value` ``. The macros' docs must also explain every value on a row of its
    //! own, starting with `` `key = value` `` (or `` `key = "value"` ``).

    use super::*;

    /// The rustdoc of the proc macros, as users read it on docs.rs.
    const LIB_RS: &str = include_str!("lib.rs");
    /// The contributor's contract at the repository root.
    const CONTRIBUTING: &str = include_str!("../../CONTRIBUTING.md");

    /// One key as the documents must show it.
    struct Documented {
        /// Text of the heading of the section that documents the key.
        section: &'static str,
        key: &'static str,
        /// The key's accepted keyword values (empty when it takes a string, a path or nothing).
        values: Vec<&'static str>,
    }

    fn texts<K: Keyword>() -> Vec<&'static str> {
        K::ALL.iter().map(|(text, _)| *text).collect()
    }

    fn keys<K: Keyword>(
        section: &'static str,
        values: impl Fn(K) -> Vec<&'static str>,
    ) -> Vec<Documented> {
        K::ALL
            .iter()
            .map(|&(key, k)| Documented {
                section,
                key,
                values: values(k),
            })
            .collect()
    }

    /// Every key of every attribute, with its values. The `match`es are exhaustive, so a new
    /// key has to say here whether it takes keyword values.
    fn vocabulary() -> Vec<Documented> {
        let mut all = keys::<ApiKey>("`#[genauth_api(...)]`", |k| match k {
            ApiKey::Crate | ApiKey::Replay => Vec::new(),
        });
        all.extend(keys::<EndpointKey>(
            "`#[genauth_endpoint(...)]`",
            |k| match k {
                EndpointKey::Path | EndpointKey::Password | EndpointKey::PasswordFlag => Vec::new(),
                EndpointKey::Method => texts::<HttpMethod>(),
                EndpointKey::Auth => texts::<AuthKind>(),
                EndpointKey::Encoding => texts::<BodyEncoding>(),
                EndpointKey::Response => texts::<ResponseKind>(),
                EndpointKey::ClientAuth => texts::<ClientAuthOf>(),
            },
        ));
        all.extend(keys::<MarkerKey>("argument markers", |k| match k {
            MarkerKey::Body | MarkerKey::Query => Vec::new(),
        }));
        all.extend(keys::<SchemaKey>("`#[genauth(...)]`", |k| match k {
            SchemaKey::Crate => Vec::new(),
        }));
        // `rename_all` takes a string: any serde rule, or `"none"`.
        all.extend(keys::<DtoKey>("DTO shape", |k| match k {
            DtoKey::Crate | DtoKey::RenameAll | DtoKey::Extra | DtoKey::Eq => Vec::new(),
        }));
        all.extend(keys::<SerdeContainerKey>("`#[serde(...)]`", |k| match k {
            SerdeContainerKey::RenameAll => texts::<RenameRule>(),
            SerdeContainerKey::Transparent => Vec::new(),
        }));
        all.extend(keys::<SerdeFieldKey>("`#[serde(...)]`", |k| match k {
            SerdeFieldKey::Rename
            | SerdeFieldKey::Skip
            | SerdeFieldKey::SkipSerializing
            | SerdeFieldKey::Flatten => Vec::new(),
        }));
        all
    }

    /// The `///` and `//!` doc text of a Rust source file, one line per doc line.
    fn doc_text(source: &str) -> String {
        source
            .lines()
            .filter_map(|line| {
                let line = line.trim_start();
                let doc = line
                    .strip_prefix("///")
                    .or_else(|| line.strip_prefix("//!"))?;
                Some(doc.strip_prefix(' ').unwrap_or(doc))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Lines of the sections whose heading contains `heading` (code blocks are not headings).
    fn section<'a>(doc: &'a str, heading: &str) -> Vec<&'a str> {
        let heading = heading.to_lowercase();
        let mut out = Vec::new();
        let mut fenced = false;
        let mut inside = false;
        for line in doc.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") {
                fenced = !fenced;
            }
            if !fenced
                && trimmed.starts_with('#')
                && trimmed.trim_start_matches('#').starts_with(' ')
            {
                inside = trimmed.to_lowercase().contains(&heading);
                continue;
            }
            if inside {
                out.push(line);
            }
        }
        out
    }

    /// A table row's first code span as `(key, value)`: `` `key` ``, `` `key = value` `` or
    /// `` `#[key ..]` ``, the value without quotes.
    fn row_key(line: &str) -> Option<(&str, Option<&str>)> {
        let rest = line.trim_start().strip_prefix('|')?.trim_start();
        let span = rest.strip_prefix('`')?;
        let span = &span[..span.find('`')?];
        let span = span.strip_prefix("#[").unwrap_or(span);
        let end = span
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(span.len());
        let (key, rest) = span.split_at(end);
        let value = rest.trim_start().strip_prefix('=').map(|v| {
            let v = v.trim_start();
            match v.strip_prefix('"') {
                Some(quoted) => quoted.split('"').next().unwrap_or(quoted),
                None => v.split([']', ' ']).next().unwrap_or(v),
            }
        });
        Some((key, value))
    }

    /// What `doc` fails to document, one message per missing key or value.
    fn missing(doc_name: &str, doc: &str, explain_values: bool) -> Vec<String> {
        let mut out = Vec::new();
        for d in vocabulary() {
            let lines = section(doc, d.section);
            if lines.is_empty() {
                out.push(format!("{doc_name}: no section headed {}", d.section));
                continue;
            }
            // The key's own rows, not the rows explaining one of its values.
            let rows: Vec<&str> = lines
                .iter()
                .copied()
                .filter(|l| {
                    row_key(l).is_some_and(|(k, v)| {
                        k == d.key && !v.is_some_and(|v| d.values.contains(&v))
                    })
                })
                .collect();
            if rows.is_empty() {
                out.push(format!(
                    "{doc_name}: key `{}` has no table row under {}",
                    d.key, d.section
                ));
                continue;
            }
            for value in &d.values {
                let code = format!("`{value}`");
                if !rows.iter().any(|r| r.contains(&code)) {
                    out.push(format!(
                        "{doc_name}: `{value}` is not listed on the row of key `{}` under {}",
                        d.key, d.section
                    ));
                }
                let explained = lines
                    .iter()
                    .any(|r| row_key(r) == Some((d.key, Some(*value))));
                if explain_values && !explained {
                    out.push(format!(
                        "{doc_name}: value `{} = {value}` has no row of its own under {}",
                        d.key, d.section
                    ));
                }
            }
        }
        out
    }

    #[test]
    fn every_key_and_value_is_documented() {
        let mut problems = missing("lib.rs docs", &doc_text(LIB_RS), true);
        problems.extend(missing("CONTRIBUTING.md", CONTRIBUTING, false));
        assert!(
            problems.is_empty(),
            "undocumented attribute keys or values:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn the_check_sees_rows() {
        assert_eq!(row_key("| `path` | string |"), Some(("path", None)));
        assert_eq!(
            row_key("| `response = text` | ... |"),
            Some(("response", Some("text")))
        );
        assert_eq!(
            row_key("| `rename_all = \"camelCase\"` | ... |"),
            Some(("rename_all", Some("camelCase")))
        );
        assert_eq!(
            row_key("| `#[query = \"wireName\"] x: T` | ... |"),
            Some(("query", Some("wireName")))
        );
        assert_eq!(row_key("| `#[body] x: T` | ... |"), Some(("body", None)));
        assert_eq!(row_key("|---|---|"), None);
        assert_eq!(row_key("not a row"), None);
        let doc = "# A\n| `x` |\n```\n# not a heading\n```\n## `B` keys\n| `y` |\n";
        assert_eq!(
            section(doc, "a"),
            ["| `x` |", "```", "# not a heading", "```"]
        );
        assert_eq!(section(doc, "`B`"), ["| `y` |"]);
    }

    #[test]
    fn lookup_and_messages() {
        assert_eq!(
            EndpointKey::lookup("client_auth"),
            Some(EndpointKey::ClientAuth)
        );
        assert_eq!(EndpointKey::lookup("timeout"), None);
        assert_eq!(
            AuthKind::expected(),
            "`client`, `user`, `none`, `management`"
        );
        assert_eq!(ResponseKind::Text.variant(), "Text");
    }
}
