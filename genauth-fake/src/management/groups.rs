//! Groups: `create-group`, `get-group`, `add-group-members`, `remove-group-members`,
//! `list-group-members` and `get-user-groups`.
//!
//! A group is unique by `code`. Groups are answered as `GroupDto` / `ResGroupDto`, with their
//! members as `UserDto`s and an empty `metadataSource`.

use serde_json::{Value, json};

use super::directory::Group;
use super::params::{self, Query, With, resolve_user};
use super::users::dto_of;
use crate::handlers::{Ctx, Fields, Reply};
use crate::users::{Store, UserId};

/// A group as the API answers it (`GroupDto`, the same shape as `ResGroupDto`).
fn group_dto(store: &Store, group: &Group, with: With) -> Value {
    let members: Vec<Value> = group
        .members
        .iter()
        .map(|id| dto_of(store, id, With::default()))
        .collect();
    let mut dto = json!({
        "id": group.id,
        "code": group.code,
        "name": group.name,
        "description": group.description,
        "type": group.kind,
        "metadataSource": [],
        "members": members,
    });
    if with.custom_data {
        dto["customData"] = group.custom_data.clone().unwrap_or_else(|| json!({}));
    }
    dto
}

fn no_such_group(code: &str) -> Reply {
    Reply::error(404, format!("group {code:?} does not exist"))
}

/// `POST /api/v3/create-group` `{code, name, type, description, customData?}` →
/// `GroupSingleRespDto`. `code` and `name` must not be empty; `type` and `description` are
/// required strings (`CreateGroupReqDto`), possibly empty; a taken code is statusCode 409.
pub(crate) fn create(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["type", "description", "name", "code", "customData"])?;
    let code = fields.req_str("code")?;
    let name = fields.req_str("name")?;
    let present = |key: &str| {
        fields
            .opt_str(key)?
            .ok_or_else(|| Reply::error(400, format!("`body.{key}` is required")))
    };
    let kind = present("type")?;
    let description = present("description")?;
    let custom_data = fields.opt_object("customData")?.cloned().map(Value::Object);
    let mut store = ctx.state.store();
    if store.directory.group(code).is_some() {
        return Err(Reply::error(409, format!("group {code:?} already exists")));
    }
    let group = Group {
        id: store.directory.new_id("group"),
        code: code.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        kind: kind.to_owned(),
        custom_data,
        members: Vec::new(),
    };
    let dto = group_dto(&store, &group, With::default());
    store.directory.groups.push(group);
    Ok(Reply::success(Some(dto)))
}

/// `GET /api/v3/get-group?code=&withCustomData=` → `GroupSingleRespDto`; no such group is
/// statusCode 404.
pub(crate) fn get(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let query = Query::of(ctx, &["code", "withCustomData"])?;
    let code = query.required("code")?;
    let with = With {
        custom_data: query.flag("withCustomData")?,
        ..With::default()
    };
    let store = ctx.state.store();
    let group = store
        .directory
        .group(code)
        .ok_or_else(|| no_such_group(code))?;
    Ok(Reply::success(Some(group_dto(&store, group, with))))
}

/// `{userIds, code}`: the group's code and the users (by user id), all of whom must exist
/// (statusCode 404, apiCode 2004).
fn members_body(store: &Store, fields: &Fields<'_>) -> Result<(String, Vec<UserId>), Reply> {
    fields.allow_only(&["userIds", "code"])?;
    let code = fields.req_str("code")?.to_owned();
    let users = params::strings(fields, "userIds", "body")?
        .iter()
        .map(|id| resolve_user(store, id, None))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((code, users))
}

/// `POST /api/v3/add-group-members` `{userIds, code}` → `IsSuccessRespDto`. Members already in
/// the group stay where they are.
pub(crate) fn add_members(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    let mut store = ctx.state.store();
    let (code, users) = members_body(&store, &fields)?;
    let group = store
        .directory
        .group_mut(&code)
        .ok_or_else(|| no_such_group(&code))?;
    for user in users {
        if !group.members.contains(&user) {
            group.members.push(user);
        }
    }
    Ok(Reply::success(Some(json!({ "success": true }))))
}

/// `POST /api/v3/remove-group-members` `{userIds, code}` → `IsSuccessRespDto`.
pub(crate) fn remove_members(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    let mut store = ctx.state.store();
    let (code, users) = members_body(&store, &fields)?;
    let group = store
        .directory
        .group_mut(&code)
        .ok_or_else(|| no_such_group(&code))?;
    group.members.retain(|m| !users.contains(m));
    Ok(Reply::success(Some(json!({ "success": true }))))
}

/// `GET /api/v3/list-group-members?code=&page=&limit=&with…` → `UserPaginatedRespDto`, in the
/// order members were added.
pub(crate) fn members(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let query = Query::of(
        ctx,
        &[
            "code",
            "page",
            "limit",
            "withCustomData",
            "withIdentities",
            "withDepartmentIds",
            "flatCustomData",
        ],
    )?;
    let page = query.page()?;
    let with = query.with()?;
    let code = query.required("code")?;
    let store = ctx.state.store();
    let group = store
        .directory
        .group(code)
        .ok_or_else(|| no_such_group(code))?;
    let data = page.of(group.members.iter().collect(), |id| {
        dto_of(&store, id, with)
    });
    Ok(Reply::success(Some(data)))
}

/// `GET /api/v3/get-user-groups?userId=&userIdType=` → `GroupPaginatedRespDto`: the groups the
/// user is in, oldest group first.
pub(crate) fn user_groups(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let query = Query::of(ctx, &["userId", "userIdType"])?;
    let store = ctx.state.store();
    let id = resolve_user(&store, query.required("userId")?, query.get("userIdType"))?;
    let groups: Vec<Value> = store
        .directory
        .groups_of(&id)
        .map(|g| group_dto(&store, g, With::default()))
        .collect();
    Ok(Reply::success(Some(
        json!({ "totalCount": groups.len(), "list": groups }),
    )))
}
