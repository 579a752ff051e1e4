//! Data-resource permission checks: `check-permission-string-resource`,
//! `check-permission-array-resource` and `check-permission-tree-resource`, answered from the
//! grants a test sets up with [`FakeServer::grant_permission`](crate::FakeServer::grant_permission).
//!
//! Each check takes `{resources, action}` (user token) and answers one
//! `{namespaceCode, action, resource, enabled}` per resource, in request order. A resource is
//! enabled when the user holds a grant of the endpoint's resource type on it that lists the
//! action. String and array resources match by code exactly; a tree grant on `code/a` also
//! covers the nodes below it (`code/a/b`), and one on `code` the whole tree. The fake's one
//! application sees every namespace; `namespaceCode` is the namespace of the matching grant, of
//! any grant on that resource when the user has none, or the app id (the application's default
//! namespace) when the resource is granted to nobody.

use serde_json::{Value, json};

use super::handlers::{Ctx, Fields, Reply};
use super::users::UserId;

/// The type of a data resource (`STRING`, `ARRAY` or `TREE`), which decides the check endpoint
/// that sees a grant ([`FakeServer::grant_permission`](crate::FakeServer::grant_permission)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FakeResourceType {
    /// A string resource: `check-permission-string-resource`.
    String,
    /// An array resource: `check-permission-array-resource`.
    Array,
    /// A tree resource, named by its path (`code/node/child`): `check-permission-tree-resource`.
    Tree,
}

impl FakeResourceType {
    /// Whether a grant on `granted` covers the checked path `resource`.
    fn covers(self, granted: &str, resource: &str) -> bool {
        match self {
            FakeResourceType::String | FakeResourceType::Array => granted == resource,
            FakeResourceType::Tree => {
                resource == granted
                    || resource
                        .strip_prefix(granted)
                        .is_some_and(|rest| rest.starts_with('/'))
            }
        }
    }
}

#[derive(Debug)]
struct Grant {
    user: UserId,
    namespace: String,
    kind: FakeResourceType,
    resource: String,
    actions: Vec<String>,
}

/// Every grant, a field of the user store.
#[derive(Debug, Default)]
pub(super) struct Grants(Vec<Grant>);

impl Grants {
    pub(super) fn grant(
        &mut self,
        user: UserId,
        namespace: &str,
        kind: FakeResourceType,
        resource: &str,
        actions: &[&str],
    ) {
        self.0.push(Grant {
            user,
            namespace: namespace.to_owned(),
            kind,
            resource: resource.to_owned(),
            actions: actions.iter().map(|&a| a.to_owned()).collect(),
        });
    }

    /// `(enabled, namespace)` of one check.
    fn check(
        &self,
        user: &UserId,
        kind: FakeResourceType,
        resource: &str,
        action: &str,
    ) -> (bool, Option<&str>) {
        let mut on_resource = self
            .0
            .iter()
            .filter(|g| g.kind == kind && kind.covers(&g.resource, resource));
        let allowed = on_resource
            .clone()
            .find(|g| &g.user == user && g.actions.iter().any(|a| a == action));
        match allowed {
            Some(g) => (true, Some(&g.namespace)),
            None => (false, on_resource.next().map(|g| g.namespace.as_str())),
        }
    }
}

/// `POST /api/v3/check-permission-string-resource` (user token).
pub(super) fn check_string(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    check(ctx, FakeResourceType::String)
}

/// `POST /api/v3/check-permission-array-resource` (user token).
pub(super) fn check_array(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    check(ctx, FakeResourceType::Array)
}

/// `POST /api/v3/check-permission-tree-resource` (user token).
pub(super) fn check_tree(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    check(ctx, FakeResourceType::Tree)
}

/// `{resources: [non-empty string, ...] (at least one), action}` → `{checkResultList}`.
fn check(ctx: &Ctx<'_>, kind: FakeResourceType) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["resources", "action"])?;
    let action = fields.req_str("action")?;
    let resources = match fields.get("resources") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) => {
            return Err(Reply::error(400, "`body.resources` must not be empty"));
        }
        Some(_) => return Err(Reply::error(400, "`body.resources` must be an array")),
        None => return Err(Reply::error(400, "`body.resources` is required")),
    };
    let resources: Vec<&str> = resources
        .iter()
        .map(|r| match r {
            Value::String(s) if !s.is_empty() => Ok(s.as_str()),
            _ => Err(Reply::error(
                400,
                "`body.resources` must hold non-empty strings",
            )),
        })
        .collect::<Result<_, _>>()?;

    let store = ctx.state.store();
    let list: Vec<Value> = resources
        .into_iter()
        .map(|resource| {
            let (enabled, namespace) = store.permissions.check(&id, kind, resource, action);
            json!({
                "namespaceCode": namespace.unwrap_or(&ctx.state.app_id),
                "action": action,
                "resource": resource,
                "enabled": enabled,
            })
        })
        .collect();
    Ok(Reply::success(Some(json!({ "checkResultList": list }))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_grants_cover_their_subtree_only() {
        let tree = FakeResourceType::Tree;
        assert!(tree.covers("docs/a", "docs/a"));
        assert!(tree.covers("docs/a", "docs/a/b"));
        assert!(tree.covers("docs", "docs/a/b"));
        assert!(!tree.covers("docs/a", "docs/ab"));
        assert!(!tree.covers("docs/a/b", "docs/a"));
        assert!(!FakeResourceType::String.covers("docs", "docs/a"));
    }

    #[test]
    fn checks_match_user_type_resource_and_action() {
        let (alice, bob) = (UserId("a".into()), UserId("b".into()));
        let mut grants = Grants::default();
        let string = FakeResourceType::String;
        grants.grant(alice.clone(), "ns1", string, "orders", &["read", "write"]);
        assert_eq!(
            grants.check(&alice, string, "orders", "read"),
            (true, Some("ns1"))
        );
        assert_eq!(
            grants.check(&alice, string, "orders", "delete"),
            (false, Some("ns1"))
        );
        assert_eq!(
            grants.check(&bob, string, "orders", "read"),
            (false, Some("ns1"))
        );
        let array = FakeResourceType::Array;
        assert_eq!(grants.check(&alice, array, "orders", "read"), (false, None));
    }
}
