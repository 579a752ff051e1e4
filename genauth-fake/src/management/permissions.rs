//! Resource authorization: `authorize-resources` grants actions on resources to users, roles
//! and groups; `is-action-allowed` and `check-permission` answer from those grants.
//!
//! A grant lives in a namespace (`namespace` of `authorize-resources`, default `default`) and
//! names a resource by its code. A user may do an action on a resource in a namespace when a
//! grant there names that resource code exactly and lists that action exactly, and is for the
//! user (`USER`, by user id), for a role of that namespace the user holds now (`ROLE`, by role
//! code) or for a group the user is in (`GROUP`, by group code). `DEPARTMENT` targets are
//! refused (statusCode 400): the fake has no departments. Resource codes are not registered
//! first (`create-resource` is answered by the default handler), and data-resource paths
//! (`tree/node`) are matched as plain codes.

use serde_json::{Value, json};

use super::directory::{Grant, Target};
use super::params::{self, resolve_user};
use super::roles::DEFAULT_NAMESPACE;
use crate::handlers::{Ctx, Fields, Reply};
use crate::users::Store;

const RESOURCE_TYPES: &[&str] = &["DATA", "API", "MENU", "BUTTON", "UI"];

/// `POST /api/v3/authorize-resources` `{list: [{targetType, targetIdentifiers,
/// resources: [{code, actions, resourceType}]}], namespace?}` → `IsSuccessRespDto`. Every
/// target must exist (a user: statusCode 404, apiCode 2004; a role of the namespace or a group:
/// statusCode 404); nothing is granted unless all of the list is valid. Actions add up.
pub(crate) fn authorize(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["list", "namespace"])?;
    let namespace = fields.opt_str("namespace")?.unwrap_or(DEFAULT_NAMESPACE);
    let list = match fields.get("list") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) => return Err(Reply::error(400, "`body.list` must not be empty")),
        Some(_) => return Err(Reply::error(400, "`body.list` must be an array")),
        None => return Err(Reply::error(400, "`body.list` is required")),
    };
    let mut store = ctx.state.store();
    let mut grants = Vec::new();
    for item in list {
        let item = Fields::of(item, "list[]")?;
        item.allow_only(&["targetType", "targetIdentifiers", "resources"])?;
        let kind = item.req_str("targetType")?;
        let mut targets = Vec::new();
        for identifier in params::strings(&item, "targetIdentifiers", "list[]")? {
            targets.push(target(&store, namespace, kind, &identifier)?);
        }
        let resources = match item.get("resources") {
            Some(Value::Array(items)) if !items.is_empty() => items,
            _ => {
                return Err(Reply::error(
                    400,
                    "`list[].resources` must be a non-empty array",
                ));
            }
        };
        for resource in resources {
            let resource = Fields::of(resource, "list[].resources[]")?;
            resource.allow_only(&["code", "actions", "resourceType"])?;
            let code = resource.req_str("code")?;
            let actions = params::strings(&resource, "actions", "list[].resources[]")?;
            let resource_type = resource.req_str("resourceType")?;
            if !RESOURCE_TYPES.contains(&resource_type) {
                return Err(Reply::error(
                    400,
                    format!(
                        "`resourceType` must be one of {RESOURCE_TYPES:?}, got {resource_type:?}"
                    ),
                ));
            }
            for target in &targets {
                grants.push(Grant {
                    namespace: namespace.to_owned(),
                    target: target.clone(),
                    code: code.to_owned(),
                    resource_type: resource_type.to_owned(),
                    actions: actions.clone(),
                });
            }
        }
    }
    for grant in grants {
        store.directory.grant(grant);
    }
    Ok(Reply::success(Some(json!({ "success": true }))))
}

/// One `targetType` + identifier, checked to exist.
fn target(store: &Store, namespace: &str, kind: &str, identifier: &str) -> Result<Target, Reply> {
    match kind {
        "USER" => resolve_user(store, identifier, None).map(Target::User),
        "ROLE" => match store.directory.role(namespace, identifier) {
            Some(_) => Ok(Target::Role(identifier.to_owned())),
            None => Err(Reply::error(
                404,
                format!("role {identifier:?} does not exist in namespace {namespace:?}"),
            )),
        },
        "GROUP" => match store.directory.group(identifier) {
            Some(_) => Ok(Target::Group(identifier.to_owned())),
            None => Err(Reply::error(
                404,
                format!("group {identifier:?} does not exist"),
            )),
        },
        "DEPARTMENT" => Err(Reply::error(
            400,
            "the fake server has no departments: grant to USER, ROLE or GROUP targets",
        )),
        other => Err(Reply::error(
            400,
            format!("unknown targetType {other:?}; expected USER, ROLE, GROUP or DEPARTMENT"),
        )),
    }
}

/// `POST /api/v3/is-action-allowed` `{userId, action, resource, namespace?}` →
/// `IsActionAllowedRespDtp` `data: {allowed}`. An unknown user is statusCode 404, apiCode 2004.
pub(crate) fn is_action_allowed(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["userId", "action", "resource", "namespace"])?;
    let user = fields.req_str("userId")?;
    let action = fields.req_str("action")?;
    let resource = fields.req_str("resource")?;
    let namespace = fields.opt_str("namespace")?.unwrap_or(DEFAULT_NAMESPACE);
    let store = ctx.state.store();
    let id = resolve_user(&store, user, None)?;
    let allowed = store.directory.allows(&id, namespace, resource, action);
    Ok(Reply::success(Some(json!({ "allowed": allowed }))))
}

/// `POST /api/v3/check-permission` `{resources, action, userId, namespaceCode,
/// judgeConditionEnabled?, authEnvParams?}` → `CheckPermissionRespDto`
/// `data: {checkResultList: [{namespaceCode, action, resource, enabled}]}`, one per resource in
/// request order. Conditions are not evaluated (the fake's grants have none).
pub(crate) fn check(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&[
        "resources",
        "action",
        "userId",
        "namespaceCode",
        "judgeConditionEnabled",
        "authEnvParams",
    ])?;
    let resources = params::strings(&fields, "resources", "body")?;
    let action = fields.req_str("action")?;
    let user = fields.req_str("userId")?;
    let namespace = fields.req_str("namespaceCode")?;
    fields.opt_bool("judgeConditionEnabled")?;
    fields.opt_object("authEnvParams")?;
    let store = ctx.state.store();
    let id = resolve_user(&store, user, None)?;
    let list: Vec<Value> = resources
        .iter()
        .map(|resource| {
            json!({
                "namespaceCode": namespace,
                "action": action,
                "resource": resource,
                "enabled": store.directory.allows(&id, namespace, resource, action),
            })
        })
        .collect();
    Ok(Reply::success(Some(json!({ "checkResultList": list }))))
}
