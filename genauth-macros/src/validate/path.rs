//! The `path` key: a well-formed template and its `{name}` placeholders.

use syn::LitStr;

use crate::parse::{EndpointArgs, EndpointIr, Slot};

/// The protocol-relative path prefix, resolved by the client to `/oidc` or `/oauth`.
pub(crate) const PROTOCOL_PREFIX: &str = "{protocol}";

/// The `path` key: present and a well-formed template. Returns it with its placeholders.
pub(super) fn check_path<'a>(
    ep: &EndpointIr,
    args: &'a EndpointArgs,
    errors: &mut Vec<syn::Error>,
) -> Option<(&'a LitStr, Vec<String>)> {
    match &args.path {
        Slot::Present(lit) => match placeholders(&lit.value()) {
            Ok(names) => Some((lit, names)),
            Err(msg) => {
                errors.push(syn::Error::new(lit.span(), msg));
                None
            }
        },
        Slot::Absent => {
            errors.push(syn::Error::new(
                ep.attr_span,
                "missing key `path`: add `path = \"/api/v3/...\"` to #[genauth_endpoint(...)]",
            ));
            None
        }
        Slot::Invalid => None,
    }
}

/// The `{name}` placeholders of a path template, in order of first appearance, or why the
/// template is malformed.
pub(crate) fn placeholders(path: &str) -> Result<Vec<String>, String> {
    // `{protocol}` as the first segment is the protocol-relative prefix (`/oidc` or `/oauth`,
    // chosen at run time from the client options), not an argument.
    let path = path.strip_prefix(PROTOCOL_PREFIX).unwrap_or(path);
    if !path.starts_with('/') {
        return Err(format!(
            "malformed path `{path}`: it must start with `/` (e.g. `/api/v3/users/{{id}}`)"
        ));
    }
    let mut names: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for c in path.chars() {
        match (c, &mut current) {
            ('{', Some(_)) => {
                return Err(format!(
                    "malformed path `{path}`: unbalanced braces (`{{` inside a placeholder)"
                ));
            }
            ('{', None) => current = Some(String::new()),
            ('}', None) => {
                return Err(format!(
                    "malformed path `{path}`: unbalanced braces (`}}` without `{{`)"
                ));
            }
            ('}', Some(name)) => {
                let name = std::mem::take(name);
                current = None;
                if !is_ident(&name) {
                    return Err(format!(
                        "malformed path `{path}`: placeholder `{{{name}}}` must be an argument name"
                    ));
                }
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            (c, Some(name)) => name.push(c),
            (_, None) => {}
        }
    }
    if current.is_some() {
        return Err(format!(
            "malformed path `{path}`: unbalanced braces (`{{` is never closed)"
        ));
    }
    Ok(names)
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
        && s != "_"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates() {
        assert_eq!(placeholders("/a/{id}/b/{x_1}/{id}").unwrap(), ["id", "x_1"]);
        assert_eq!(placeholders("/").unwrap(), Vec::<String>::new());
        for (path, err) in [
            ("a/b", "it must start with `/`"),
            ("/a/{id", "unbalanced braces (`{` is never closed)"),
            ("/a/id}", "unbalanced braces (`}` without `{`)"),
            ("/a/{{id}}", "unbalanced braces (`{` inside a placeholder)"),
            ("/a/{}", "placeholder `{}` must be an argument name"),
            ("/a/{a-b}", "placeholder `{a-b}` must be an argument name"),
            ("/a/{_}", "placeholder `{_}` must be an argument name"),
        ] {
            let e = placeholders(path).unwrap_err();
            assert!(e.starts_with(&format!("malformed path `{path}`: ")), "{e}");
            assert!(e.ends_with(err) || e.contains(err), "{path}: {e}");
        }
    }
}
