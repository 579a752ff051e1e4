//! Roles: `create-role`, `get-role`, `list-roles`, `assign-role`, `revoke-role`,
//! `get-user-roles` and `list-role-members`.
//!
//! A role is unique by `(namespace, code)`; `namespace` defaults to `default` and any namespace
//! code is accepted (the fake keeps no permission namespaces of their own). Roles are answered
//! as `RoleDto`, `namespaceName` being the namespace code and `status` `ENABLE` until the
//! role's `disableTime` (milliseconds since the epoch) has passed, then `DISABLE`. Only `USER`
//! targets can be assigned (statusCode 400 for the others); an assignment holds between its
//! `enableTime` and `endTime` (milliseconds), and a disabled role is held by nobody.

use serde_json::{Value, json};

use super::directory::{Assignment, Role, now_millis};
use super::params::{self, Query, resolve_user};
use super::users::dto_of;
use crate::handlers::{Ctx, Fields, Reply};
use crate::users::{Store, UserId};

/// The namespace of a role when none is given.
pub(crate) const DEFAULT_NAMESPACE: &str = "default";

/// A role as the API answers it (`RoleDto`).
fn role_dto(role: &Role) -> Value {
    let mut dto = json!({
        "id": role.id,
        "code": role.code,
        "name": role.name,
        "description": role.description,
        "namespace": role.namespace,
        "namespaceName": role.namespace,
        "status": if role.is_enabled() { "ENABLE" } else { "DISABLE" },
    });
    if let Some(at) = role.disable_time {
        dto["disableTime"] = at.into();
    }
    dto
}

impl Role {
    /// Enabled until its `disableTime`.
    pub(crate) fn is_enabled(&self) -> bool {
        self.disable_time.is_none_or(|at| now_millis() < at)
    }
}

fn no_such_role(namespace: &str, code: &str) -> Reply {
    Reply::error(
        404,
        format!("role {code:?} does not exist in namespace {namespace:?}"),
    )
}

/// `POST /api/v3/create-role` `{code, name?, namespace?, description?, disableTime?}` →
/// `RoleSingleRespDto`. `name` defaults to the code; a code taken in the namespace is
/// statusCode 409.
pub(crate) fn create(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["code", "name", "namespace", "description", "disableTime"])?;
    let code = fields.req_str("code")?;
    let namespace = fields.opt_str("namespace")?.unwrap_or(DEFAULT_NAMESPACE);
    let name = fields.opt_str("name")?.unwrap_or(code);
    let description = fields.opt_str("description")?.unwrap_or_default();
    let disable_time = match fields.opt_str("disableTime")? {
        None => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| {
            Reply::error(
                400,
                format!("`disableTime` must be milliseconds since the epoch, got {text:?}"),
            )
        })?),
    };
    let mut store = ctx.state.store();
    let directory = &mut store.directory;
    if directory.role(namespace, code).is_some() {
        return Err(Reply::error(
            409,
            format!("role {code:?} already exists in namespace {namespace:?}"),
        ));
    }
    let role = Role {
        id: directory.new_id("role"),
        code: code.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        namespace: namespace.to_owned(),
        disable_time,
        members: Vec::new(),
    };
    let dto = role_dto(&role);
    directory.roles.push(role);
    Ok(Reply::success(Some(dto)))
}

/// `GET /api/v3/get-role?code=&namespace=` → `RoleSingleRespDto`; no such role is statusCode
/// 404.
pub(crate) fn get(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let query = Query::of(ctx, &["code", "namespace"])?;
    let code = query.required("code")?;
    let namespace = query.get("namespace").unwrap_or(DEFAULT_NAMESPACE);
    let store = ctx.state.store();
    let role = store
        .directory
        .role(namespace, code)
        .ok_or_else(|| no_such_role(namespace, code))?;
    Ok(Reply::success(Some(role_dto(role))))
}

/// `GET /api/v3/list-roles?page=&limit=&keywords=&namespace=` → `RolePaginatedRespDto`: the
/// roles of the namespace (default `default`), oldest first, whose code or name contains
/// `keywords` (case-insensitively).
pub(crate) fn list(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let query = Query::of(ctx, &["page", "limit", "keywords", "namespace"])?;
    let page = query.page()?;
    let namespace = query.get("namespace").unwrap_or(DEFAULT_NAMESPACE);
    let keywords = query
        .get("keywords")
        .filter(|k| !k.is_empty())
        .map(str::to_lowercase);
    let store = ctx.state.store();
    let roles: Vec<&Role> = store
        .directory
        .roles
        .iter()
        .filter(|r| r.namespace == namespace)
        .filter(|r| {
            keywords.as_deref().is_none_or(|k| {
                r.code.to_lowercase().contains(k) || r.name.to_lowercase().contains(k)
            })
        })
        .collect();
    Ok(Reply::success(Some(page.of(roles, role_dto))))
}

/// The users of `targets` (`[{targetType: "USER", targetIdentifier: <user id>}]`).
fn user_targets(store: &Store, fields: &Fields<'_>) -> Result<Vec<UserId>, Reply> {
    let targets = match fields.get("targets") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) => return Err(Reply::error(400, "`body.targets` must not be empty")),
        Some(_) => return Err(Reply::error(400, "`body.targets` must be an array")),
        None => return Err(Reply::error(400, "`body.targets` is required")),
    };
    targets
        .iter()
        .map(|target| {
            let target = Fields::of(target, "targets[]")?;
            target.allow_only(&["targetType", "targetIdentifier"])?;
            match target.req_str("targetType")? {
                "USER" => resolve_user(store, target.req_str("targetIdentifier")?, None),
                other @ ("ROLE" | "GROUP" | "DEPARTMENT") => Err(Reply::error(
                    400,
                    format!("the fake server assigns roles to USER targets only, not {other}"),
                )),
                other => Err(Reply::error(
                    400,
                    format!(
                        "unknown targetType {other:?}; expected USER, ROLE, GROUP or DEPARTMENT"
                    ),
                )),
            }
        })
        .collect()
}

/// `POST /api/v3/assign-role` `{targets, code, namespace?, enableTime?, endTime?}` →
/// `IsSuccessRespDto`. Every target must be a user that exists (statusCode 404, apiCode 2004
/// otherwise, and nothing is assigned); assigning a held role again replaces its window.
pub(crate) fn assign(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["targets", "code", "endTime", "enableTime", "namespace"])?;
    let code = fields.req_str("code")?;
    let namespace = fields.opt_str("namespace")?.unwrap_or(DEFAULT_NAMESPACE);
    let enable_time = params::opt_i64(&fields, "enableTime", "body")?;
    let end_time = params::opt_i64(&fields, "endTime", "body")?;
    let mut store = ctx.state.store();
    let users = user_targets(&store, &fields)?;
    let role = store
        .directory
        .role_mut(namespace, code)
        .ok_or_else(|| no_such_role(namespace, code))?;
    for user in users {
        role.members.retain(|a| a.user != user);
        role.members.push(Assignment {
            user,
            enable_time,
            end_time,
        });
    }
    Ok(Reply::success(Some(json!({ "success": true }))))
}

/// `POST /api/v3/revoke-role` `{targets, code, namespace?}` → `IsSuccessRespDto`.
pub(crate) fn revoke(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["targets", "code", "namespace"])?;
    let code = fields.req_str("code")?;
    let namespace = fields.opt_str("namespace")?.unwrap_or(DEFAULT_NAMESPACE);
    let mut store = ctx.state.store();
    let users = user_targets(&store, &fields)?;
    let role = store
        .directory
        .role_mut(namespace, code)
        .ok_or_else(|| no_such_role(namespace, code))?;
    role.members.retain(|a| !users.contains(&a.user));
    Ok(Reply::success(Some(json!({ "success": true }))))
}

/// `GET /api/v3/get-user-roles?userId=&userIdType=&namespace=` → `RolePaginatedRespDto`: the
/// roles the user holds now (of `namespace` when given), oldest role first.
pub(crate) fn user_roles(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let query = Query::of(ctx, &["userId", "userIdType", "namespace"])?;
    let namespace = query.get("namespace").filter(|n| !n.is_empty());
    let store = ctx.state.store();
    let id = resolve_user(&store, query.required("userId")?, query.get("userIdType"))?;
    let roles: Vec<Value> = store
        .directory
        .roles_of(&id)
        .filter(|r| namespace.is_none_or(|n| r.namespace == n))
        .map(role_dto)
        .collect();
    Ok(Reply::success(Some(
        json!({ "totalCount": roles.len(), "list": roles }),
    )))
}

/// `GET /api/v3/list-role-members?code=&namespace=&page=&limit=&with…` →
/// `UserPaginatedRespDto`: the users holding the role now, in assignment order.
pub(crate) fn members(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let query = Query::of(
        ctx,
        &[
            "page",
            "limit",
            "withCustomData",
            "withIdentities",
            "withDepartmentIds",
            "code",
            "namespace",
        ],
    )?;
    let page = query.page()?;
    let with = query.with()?;
    let code = query.required("code")?;
    let namespace = query.get("namespace").unwrap_or(DEFAULT_NAMESPACE);
    let store = ctx.state.store();
    let role = store
        .directory
        .role(namespace, code)
        .ok_or_else(|| no_such_role(namespace, code))?;
    let members: Vec<&UserId> = if role.is_enabled() {
        role.members
            .iter()
            .filter(|a| a.in_effect())
            .map(|a| &a.user)
            .collect()
    } else {
        Vec::new()
    };
    Ok(Reply::success(Some(
        page.of(members, |id| dto_of(&store, id, with)),
    )))
}
