//! Reading Management requests: query parameters ([`Query`]), JSON bodies ([`body`], `null`
//! read as absent), pagination ([`Page`]) and naming a user ([`resolve_user`]).

use serde_json::Value;

use crate::handlers::{Ctx, Fields, Reply, no_such_user};
use crate::users::{Identifier, Store, UserId};

/// The largest `limit` a page may have (the API's `PaginationDto`: "at most 50").
pub(super) const MAX_LIMIT: i64 = 50;

/// The query of a GET, checked against the names the endpoint takes.
pub(super) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// The decoded query: only `allowed` names, each at most once.
    pub(super) fn of(ctx: &Ctx<'_>, allowed: &[&str]) -> Result<Self, Reply> {
        let pairs = ctx.req.query_pairs();
        for (i, (name, _)) in pairs.iter().enumerate() {
            if !allowed.contains(&name.as_str()) {
                return Err(Reply::error(
                    400,
                    format!("unknown query parameter `{name}`; expected one of {allowed:?}"),
                ));
            }
            if pairs[..i].iter().any(|(seen, _)| seen == name) {
                return Err(Reply::error(
                    400,
                    format!("query parameter `{name}` is given twice"),
                ));
            }
        }
        Ok(Query { pairs })
    }

    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A present, non-empty parameter.
    pub(super) fn required(&self, name: &str) -> Result<&str, Reply> {
        match self.get(name) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(Reply::error(
                400,
                format!("query parameter `{name}` is required"),
            )),
        }
    }

    /// A boolean: `true`/`false` (the Node SDK) or `True`/`False` (the Python SDK); absent is
    /// false.
    pub(super) fn flag(&self, name: &str) -> Result<bool, Reply> {
        match self.get(name) {
            None | Some("false" | "False") => Ok(false),
            Some("true" | "True") => Ok(true),
            Some(other) => Err(Reply::error(
                400,
                format!("query parameter `{name}` must be `true` or `false`, got {other:?}"),
            )),
        }
    }

    pub(super) fn int(&self, name: &str) -> Result<Option<i64>, Reply> {
        self.get(name)
            .map(|v| {
                v.parse().map_err(|_| {
                    Reply::error(
                        400,
                        format!("query parameter `{name}` must be an integer, got {v:?}"),
                    )
                })
            })
            .transpose()
    }

    /// `page` and `limit`.
    pub(super) fn page(&self) -> Result<Page, Reply> {
        Page::new(self.int("page")?, self.int("limit")?)
    }

    /// The `with*`/`flatCustomData` switches of a user listing.
    pub(super) fn with(&self) -> Result<With, Reply> {
        Ok(With {
            custom_data: self.flag("withCustomData")?,
            flat_custom_data: self.flag("flatCustomData")?,
            identities: self.flag("withIdentities")?,
            department_ids: self.flag("withDepartmentIds")?,
            post: self.flag("withPost")?,
        })
    }
}

/// What a user answer includes beyond the fixed fields (`withCustomData`, …).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct With {
    pub(crate) custom_data: bool,
    pub(crate) flat_custom_data: bool,
    pub(crate) identities: bool,
    pub(crate) department_ids: bool,
    pub(crate) post: bool,
}

impl With {
    /// From a JSON options object (`ListUsersOptionsDto`).
    pub(super) fn of_options(options: &Fields<'_>) -> Result<Self, Reply> {
        Ok(With {
            custom_data: options.opt_bool("withCustomData")?.unwrap_or(false),
            flat_custom_data: options.opt_bool("flatCustomData")?.unwrap_or(false),
            identities: options.opt_bool("withIdentities")?.unwrap_or(false),
            department_ids: options.opt_bool("withDepartmentIds")?.unwrap_or(false),
            post: options.opt_bool("withPost")?.unwrap_or(false),
        })
    }
}

/// One page: `page` from 1 (default 1), `limit` from 1 to [`MAX_LIMIT`] (default 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Page {
    page: i64,
    limit: i64,
}

impl Page {
    pub(super) fn new(page: Option<i64>, limit: Option<i64>) -> Result<Self, Reply> {
        let page = page.unwrap_or(1);
        let limit = limit.unwrap_or(10);
        if page < 1 {
            return Err(Reply::error(400, format!("`page` starts at 1, got {page}")));
        }
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(Reply::error(
                400,
                format!("`limit` must be between 1 and {MAX_LIMIT}, got {limit}"),
            ));
        }
        Ok(Page { page, limit })
    }

    /// `{totalCount, list}` of this page of `items`, each rendered by `render`.
    pub(super) fn of<T>(&self, items: Vec<T>, render: impl FnMut(T) -> Value) -> Value {
        let total = items.len();
        let skip =
            usize::try_from((self.page - 1).saturating_mul(self.limit)).unwrap_or(usize::MAX);
        let take = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let list: Vec<Value> = items
            .into_iter()
            .skip(skip)
            .take(take)
            .map(render)
            .collect();
        serde_json::json!({ "totalCount": total, "list": list })
    }
}

/// The JSON body (`content-type: application/json`) with every `null` object member dropped,
/// at any depth: the Management API reads `null` as absent (the Python SDK sends nested
/// `None`s as `null`; the Node SDK sends whatever it was given).
pub(super) fn body(ctx: &Ctx<'_>) -> Result<Value, Reply> {
    let mut body = ctx.json_body()?;
    drop_nulls(&mut body);
    Ok(body)
}

fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// An optional integer field.
pub(super) fn opt_i64(fields: &Fields<'_>, key: &str, what: &str) -> Result<Option<i64>, Reply> {
    match fields.get(key) {
        None => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| Reply::error(400, format!("`{what}.{key}` must be an integer"))),
    }
}

/// An array of non-empty strings; `None` when absent.
pub(super) fn opt_strings(
    fields: &Fields<'_>,
    key: &str,
    what: &str,
) -> Result<Option<Vec<String>>, Reply> {
    let Some(value) = fields.get(key) else {
        return Ok(None);
    };
    let bad = || {
        Reply::error(
            400,
            format!("`{what}.{key}` must be an array of non-empty strings"),
        )
    };
    let items = value.as_array().ok_or_else(bad)?;
    items
        .iter()
        .map(|item| match item {
            Value::String(s) if !s.is_empty() => Ok(s.clone()),
            _ => Err(bad()),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// A required, non-empty array of non-empty strings.
pub(super) fn strings(fields: &Fields<'_>, key: &str, what: &str) -> Result<Vec<String>, Reply> {
    match opt_strings(fields, key, what)? {
        Some(items) if !items.is_empty() => Ok(items),
        Some(_) => Err(Reply::error(
            400,
            format!("`{what}.{key}` must not be empty"),
        )),
        None => Err(Reply::error(400, format!("`{what}.{key}` is required"))),
    }
}

/// The user `id` names under `id_type` (`userIdType`, default `user_id`): the user id,
/// `username`, `email`, `phone` or `external_id`. Other types are a statusCode 400 (the fake
/// keeps no identities, sync relations or custom fields); no such user is statusCode 404,
/// apiCode 2004.
pub(super) fn resolve_user(
    store: &Store,
    id: &str,
    id_type: Option<&str>,
) -> Result<UserId, Reply> {
    let found = match id_type.unwrap_or("user_id") {
        "user_id" => store
            .user(&UserId(id.to_owned()))
            .map(|_| UserId(id.to_owned())),
        "username" => store.find_by_identifier(Identifier::Username(id)),
        "email" => store.find_by_identifier(Identifier::Email(id)),
        "phone" => store.find_by_identifier(Identifier::Phone(id)),
        "external_id" => store.find_by_profile("externalId", id),
        other @ ("identity" | "sync_relation" | "custom_field") => {
            return Err(Reply::error(
                400,
                format!("userIdType {other:?} is not supported by the fake server"),
            ));
        }
        other => {
            return Err(Reply::error(
                400,
                format!(
                    "unknown userIdType {other:?}; expected user_id, external_id, phone, email, \
                     username, identity, sync_relation or custom_field"
                ),
            ));
        }
    };
    found.ok_or_else(no_such_user)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pages() {
        let page = Page::new(Some(2), Some(3)).unwrap();
        assert_eq!(
            page.of((1..=7).collect(), Value::from),
            json!({"totalCount": 7, "list": [4, 5, 6]})
        );
        let last = Page::new(Some(3), Some(3)).unwrap();
        assert_eq!(last.of((1..=7).collect(), Value::from)["list"], json!([7]));
        let past = Page::new(Some(9), Some(3)).unwrap();
        assert_eq!(past.of((1..=7).collect(), Value::from)["list"], json!([]));
        assert_eq!(Page::new(None, None).unwrap(), Page { page: 1, limit: 10 });
        assert!(Page::new(Some(0), None).is_err());
        assert!(Page::new(None, Some(0)).is_err());
        assert!(Page::new(None, Some(MAX_LIMIT + 1)).is_err());
    }

    #[test]
    fn nulls_are_dropped_at_every_depth() {
        let mut v = json!({"a": null, "b": {"c": null, "d": 1}, "e": [{"f": null}, null]});
        drop_nulls(&mut v);
        assert_eq!(v, json!({"b": {"d": 1}, "e": [{}, null]}));
    }
}
