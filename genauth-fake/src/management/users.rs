//! Management user endpoints over the fake's one user store (a user created here signs in at
//! `/api/v3/signin`, and a user signed up there is listed here): `create-user`, `get-user`,
//! `list-users` (`POST`, and the older `GET`), `update-user`, `delete-users-batch`.
//!
//! Users are answered as the Node SDK's `UserDto`: the identifiers, the profile fields set
//! here or by `update-profile`, `status` (default `Activated`), `workStatus: "Active"`,
//! `gender` (default `U`), `emailVerified`/`phoneVerified` (default false), `userSourceType`
//! (`adminCreated` for users created here, else `register`), `createdAt`/`updatedAt`, and
//! `customData`, `identities` (always empty), `departmentIds`, `postIdList` (always empty)
//! when asked for with the `with*` switches (`flatCustomData` puts the custom data at the top
//! level instead).

use serde_json::{Map, Value, json};

use super::params::{self, Page, Query, With, resolve_user};
use crate::FakeUser;
use crate::handlers::{Ctx, Fields, Reply, check_country_code, check_email, check_phone};
use crate::users::{Identifier, Store, UserId, UserView, rfc3339};
use genauth_client::crypto::PasswordEncryptType;

/// Profile strings stored and answered as they are (wire names).
const PROFILE_STRINGS: &[&str] = &[
    "externalId",
    "name",
    "nickname",
    "photo",
    "birthdate",
    "country",
    "province",
    "city",
    "address",
    "streetAddress",
    "postalCode",
    "company",
    "browser",
    "device",
    "givenName",
    "familyName",
    "middleName",
    "profile",
    "preferredUsername",
    "website",
    "zoneinfo",
    "locale",
    "formatted",
    "region",
    "identityNumber",
];

/// Keys of `CreateUserReqDto`.
const CREATE_KEYS: &[&str] = &[
    "status",
    "email",
    "phone",
    "phoneCountryCode",
    "username",
    "externalId",
    "name",
    "nickname",
    "photo",
    "gender",
    "emailVerified",
    "phoneVerified",
    "birthdate",
    "country",
    "province",
    "city",
    "address",
    "streetAddress",
    "postalCode",
    "company",
    "browser",
    "device",
    "givenName",
    "familyName",
    "middleName",
    "profile",
    "preferredUsername",
    "website",
    "zoneinfo",
    "locale",
    "formatted",
    "region",
    "password",
    "salt",
    "tenantIds",
    "otp",
    "departmentIds",
    "customData",
    "metadataSource",
    "identities",
    "identityNumber",
    "options",
];

/// Keys of `CreateUserOptionsDto`.
const CREATE_OPTIONS: &[&str] = &[
    "keepPassword",
    "autoGeneratePassword",
    "resetPasswordOnFirstLogin",
    "departmentIdType",
    "sendNotification",
    "passwordEncryptType",
];

/// Keys of `UpdateUserReqDto`.
const UPDATE_KEYS: &[&str] = &[
    "userId",
    "phoneCountryCode",
    "name",
    "nickname",
    "photo",
    "externalId",
    "status",
    "emailVerified",
    "phoneVerified",
    "birthdate",
    "country",
    "province",
    "city",
    "address",
    "streetAddress",
    "postalCode",
    "gender",
    "username",
    "email",
    "phone",
    "password",
    "company",
    "browser",
    "device",
    "givenName",
    "familyName",
    "middleName",
    "profile",
    "preferredUsername",
    "website",
    "zoneinfo",
    "locale",
    "formatted",
    "region",
    "identityNumber",
    "customData",
    "metadata",
    "options",
];

/// Keys of `UpdateUserOptionsDto`.
const UPDATE_OPTIONS: &[&str] = &[
    "userIdType",
    "resetPasswordOnFirstLogin",
    "resetPasswordOnNextLogin",
    "passwordEncryptType",
    "autoGeneratePassword",
    "sendPasswordResetedNotification",
];

const STATUSES: &[&str] = &[
    "Suspended",
    "Resigned",
    "Activated",
    "Archived",
    "Deactivated",
];

/// Query of `GET /api/v3/get-user`.
const GET_QUERY: &[&str] = &[
    "userId",
    "userIdType",
    "flatCustomData",
    "withCustomData",
    "withPost",
    "withIdentities",
    "withDepartmentIds",
];

/// Query of `GET /api/v3/list-users`.
const LIST_QUERY: &[&str] = &[
    "page",
    "limit",
    "status",
    "updatedAtStart",
    "updatedAtEnd",
    "withCustomData",
    "withPost",
    "withIdentities",
    "withDepartmentIds",
    "withUserPasswordExpireTime",
];

/// The fields `keywords` searches by default.
const KEYWORD_FIELDS: &[&str] = &[
    "username",
    "email",
    "phone",
    "name",
    "nickname",
    "externalId",
];

/// A user as the Management API answers it (`UserDto`).
pub(crate) fn user_dto(view: &UserView<'_>, with: With) -> Value {
    let (user, profile) = (view.user, view.profile);
    let field = |key: &str| profile.get(key).cloned().unwrap_or(Value::Null);
    let or = |key: &str, default: Value| profile.get(key).cloned().unwrap_or(default);
    let mut dto = Map::new();
    dto.insert("userId".into(), view.id.0.clone().into());
    dto.insert("createdAt".into(), rfc3339(view.created_at).into());
    let updated = view.updated_at.unwrap_or(view.created_at);
    dto.insert("updatedAt".into(), rfc3339(updated).into());
    dto.insert("status".into(), or("status", "Activated".into()));
    dto.insert("workStatus".into(), "Active".into());
    dto.insert("email".into(), user.email.clone().into());
    dto.insert("phone".into(), user.phone.clone().into());
    dto.insert(
        "phoneCountryCode".into(),
        user.phone_country_code.clone().into(),
    );
    dto.insert("username".into(), user.username.clone().into());
    for key in PROFILE_STRINGS {
        dto.insert((*key).into(), field(key));
    }
    dto.insert("gender".into(), or("gender", "U".into()));
    dto.insert("emailVerified".into(), or("emailVerified", false.into()));
    dto.insert("phoneVerified".into(), or("phoneVerified", false.into()));
    dto.insert(
        "userSourceType".into(),
        or("userSourceType", "register".into()),
    );
    let custom = or("customData", json!({}));
    if with.flat_custom_data {
        if let Value::Object(custom) = custom {
            for (key, value) in custom {
                dto.entry(key).or_insert(value);
            }
        }
    } else if with.custom_data {
        dto.insert("customData".into(), custom);
    }
    if with.identities {
        dto.insert("identities".into(), json!([]));
    }
    if with.department_ids {
        dto.insert("departmentIds".into(), or("departmentIds", json!([])));
    }
    if with.post {
        dto.insert("postIdList".into(), json!([]));
    }
    Value::Object(dto)
}

/// [`user_dto`] of a stored user (who exists: ids come from the store under the same lock).
pub(crate) fn dto_of(store: &Store, id: &UserId, with: With) -> Value {
    store
        .user_view(id)
        .map(|view| user_dto(&view, with))
        .unwrap_or(Value::Null)
}

/// A user's identifiers and profile fields as sent to `create-user` or `update-user`, checked.
struct UserInput {
    username: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    phone_country_code: Option<String>,
    password: Option<String>,
    /// Profile fields to store (wire names).
    profile: Map<String, Value>,
}

/// Reads and checks the user fields of a create or update body; the password is decrypted per
/// `options.passwordEncryptType`.
fn user_input(
    ctx: &Ctx<'_>,
    fields: &Fields<'_>,
    options: Option<&Fields<'_>>,
) -> Result<UserInput, Reply> {
    let own = |key: &str| -> Result<Option<String>, Reply> {
        Ok(fields.opt_str(key)?.map(str::to_owned))
    };
    let input = UserInput {
        username: own("username")?,
        email: own("email")?,
        phone: own("phone")?,
        phone_country_code: own("phoneCountryCode")?,
        password: match fields.opt_str("password")? {
            Some(value) => {
                let kind = match options {
                    Some(options) => options.encrypt_type("passwordEncryptType")?,
                    None => PasswordEncryptType::None,
                };
                Some(ctx.state.decrypt_password(kind, "password", value)?)
            }
            None => None,
        },
        profile: profile_fields(fields)?,
    };
    if let Some(email) = &input.email {
        check_email(email, "email")?;
    }
    if let Some(phone) = &input.phone {
        check_phone(phone, "phone")?;
    }
    if let Some(cc) = &input.phone_country_code {
        check_country_code(cc)?;
    }
    Ok(input)
}

/// The profile fields of a body, checked and in stored form.
fn profile_fields(fields: &Fields<'_>) -> Result<Map<String, Value>, Reply> {
    let mut profile = Map::new();
    for key in PROFILE_STRINGS {
        if let Some(value) = fields.opt_str(key)? {
            profile.insert((*key).into(), value.into());
        }
    }
    if let Some(status) = fields.opt_str("status")? {
        if !STATUSES.contains(&status) {
            return Err(Reply::error(
                400,
                format!("`status` must be one of {STATUSES:?}, got {status:?}"),
            ));
        }
        profile.insert("status".into(), status.into());
    }
    if let Some(gender) = fields.opt_str("gender")? {
        if !["M", "F", "U"].contains(&gender) {
            return Err(Reply::error(
                400,
                format!("`gender` must be M, F or U, got {gender:?}"),
            ));
        }
        profile.insert("gender".into(), gender.into());
    }
    for key in ["emailVerified", "phoneVerified"] {
        if let Some(b) = fields.opt_bool(key)? {
            profile.insert(key.into(), b.into());
        }
    }
    if let Some(custom) = fields.opt_object("customData")? {
        profile.insert("customData".into(), Value::Object(custom.clone()));
    }
    if let Some(ids) = params::opt_strings(fields, "departmentIds", "body")? {
        profile.insert("departmentIds".into(), ids.into());
    }
    // Accepted and checked for shape, not kept: the fake has no tenants, OTP import or identity
    // links (`metadataSource`/`metadata`, data-object fields of any shape, are not kept either).
    params::opt_strings(fields, "tenantIds", "body")?;
    fields.opt_str("salt")?;
    fields.opt_object("otp")?;
    if let Some(identities) = fields.get("identities")
        && !identities.is_array()
    {
        return Err(Reply::error(400, "`body.identities` must be an array"));
    }
    Ok(profile)
}

/// statusCode 409, apiCode 2026 (as sign-up answers a taken identifier).
fn taken(what: &str) -> Reply {
    Reply::api_error(409, 2026, format!("User already exists ({what} is taken)."))
}

/// Rejects identifiers another user (not `except`) already has.
fn check_unique(store: &Store, input: &UserInput, except: Option<&UserId>) -> Result<(), Reply> {
    let other = |found: Option<UserId>| found.filter(|id| Some(id) != except).is_some();
    if let Some(v) = &input.username
        && other(store.find_by_identifier(Identifier::Username(v)))
    {
        return Err(taken("username"));
    }
    if let Some(v) = &input.email
        && other(store.find_by_identifier(Identifier::Email(v)))
    {
        return Err(taken("email"));
    }
    if let Some(v) = &input.phone
        && other(store.find_by_identifier(Identifier::Phone(v)))
    {
        return Err(taken("phone"));
    }
    if let Some(Value::String(v)) = input.profile.get("externalId")
        && other(store.find_by_profile("externalId", v))
    {
        return Err(taken("externalId"));
    }
    Ok(())
}

fn options<'a>(fields: &Fields<'a>, allowed: &[&str]) -> Result<Option<Fields<'a>>, Reply> {
    match fields.get("options") {
        Some(value) => {
            let options = Fields::of(value, "options")?;
            options.allow_only(allowed)?;
            Ok(Some(options))
        }
        None => Ok(None),
    }
}

/// `POST /api/v3/create-user` (`CreateUserReqDto`) → `UserSingleRespDto`. Needs one of
/// `username`, `email`, `phone`; a taken one is statusCode 409, apiCode 2026. The password may
/// be plain or encrypted (`options.passwordEncryptType` `rsa`/`sm2`, as on sign-in); with
/// `options.autoGeneratePassword` and no password the user gets a random one.
pub(crate) fn create(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(CREATE_KEYS)?;
    let options = options(&fields, CREATE_OPTIONS)?;
    let mut auto_password = false;
    if let Some(options) = &options {
        for key in [
            "keepPassword",
            "autoGeneratePassword",
            "resetPasswordOnFirstLogin",
        ] {
            options.opt_bool(key)?;
        }
        auto_password = options.opt_bool("autoGeneratePassword")?.unwrap_or(false);
        options.opt_str("departmentIdType")?;
        options.opt_object("sendNotification")?;
    }
    let mut input = user_input(ctx, &fields, options.as_ref())?;
    if input.username.is_none() && input.email.is_none() && input.phone.is_none() {
        return Err(Reply::error(
            400,
            "create-user needs at least one of `username`, `email`, `phone`",
        ));
    }
    if input.password.is_none() && auto_password {
        input.password = Some(
            genauth_client::oidc::random_token(16)
                .map_err(|_| Reply::error(500, "no random password: the system RNG failed"))?,
        );
    }
    input
        .profile
        .insert("userSourceType".into(), "adminCreated".into());

    let mut store = ctx.state.store();
    check_unique(&store, &input, None)?;
    let user = FakeUser {
        username: input.username,
        email: input.email,
        phone: input.phone,
        phone_country_code: input.phone_country_code,
        password: input.password,
        ..FakeUser::default()
    };
    let id = store.add_user_with_profile(user, input.profile);
    Ok(Reply::success(Some(dto_of(&store, &id, With::default()))))
}

/// `GET /api/v3/get-user?userId=&userIdType=&with…` → `UserSingleRespDto`; no such user is
/// statusCode 404, apiCode 2004.
pub(crate) fn get(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let query = Query::of(ctx, GET_QUERY)?;
    let with = query.with()?;
    let store = ctx.state.store();
    let id = resolve_user(&store, query.required("userId")?, query.get("userIdType"))?;
    Ok(Reply::success(Some(dto_of(&store, &id, with))))
}

/// `POST /api/v3/list-users` (`ListUsersRequestDto`) → `UserPaginatedRespDto`, oldest user
/// first: `keywords` (case-insensitive substring of username, email, phone, name, nickname,
/// externalId, or of the `options.fuzzySearchOn` fields), `options.pagination {page, limit}`
/// and the `with*` switches. `advancedFilter`, `searchQuery` and `options.sort` are refused
/// unless empty (statusCode 400): the fake does not evaluate them.
pub(crate) fn list(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["keywords", "advancedFilter", "searchQuery", "options"])?;
    let keywords = fields.opt_str("keywords")?.filter(|k| !k.is_empty());
    let unsupported = |key: &str| {
        Reply::error(
            400,
            format!("`{key}` is not supported by the fake server (send it empty or not at all)"),
        )
    };
    match fields.get("advancedFilter") {
        None => {}
        Some(Value::Array(items)) if items.is_empty() => {}
        Some(_) => return Err(unsupported("advancedFilter")),
    }
    match fields.get("searchQuery") {
        None => {}
        Some(Value::Object(map)) if map.is_empty() => {}
        Some(_) => return Err(unsupported("searchQuery")),
    }
    let mut page = Page::new(None, None)?;
    let mut with = With::default();
    let mut search_on: Vec<String> = KEYWORD_FIELDS.iter().map(|&k| k.to_owned()).collect();
    if let Some(options) = fields.get("options") {
        let options = Fields::of(options, "options")?;
        options.allow_only(&[
            "pagination",
            "sort",
            "fuzzySearchOn",
            "withCustomData",
            "withPost",
            "withIdentities",
            "withDepartmentIds",
            "flatCustomData",
        ])?;
        if let Some(pagination) = options.get("pagination") {
            let pagination = Fields::of(pagination, "options.pagination")?;
            pagination.allow_only(&["page", "limit"])?;
            page = Page::new(
                params::opt_i64(&pagination, "page", "options.pagination")?,
                params::opt_i64(&pagination, "limit", "options.pagination")?,
            )?;
        }
        match options.get("sort") {
            None => {}
            Some(Value::Array(items)) if items.is_empty() => {}
            Some(_) => return Err(unsupported("options.sort")),
        }
        if let Some(on) = params::opt_strings(&options, "fuzzySearchOn", "options")?
            && !on.is_empty()
        {
            search_on = on;
        }
        with = With::of_options(&options)?;
    }

    let store = ctx.state.store();
    let ids: Vec<UserId> = store
        .user_ids()
        .into_iter()
        .filter(|id| match keywords {
            None => true,
            Some(k) => store
                .user_view(id)
                .is_some_and(|view| matches_keywords(&view, k, &search_on)),
        })
        .collect();
    let data = page.of(ids, |id| dto_of(&store, &id, with));
    Ok(Reply::success(Some(data)))
}

fn matches_keywords(view: &UserView<'_>, keywords: &str, on: &[String]) -> bool {
    let needle = keywords.to_lowercase();
    let user = view.user;
    on.iter().any(|field| {
        let value = match field.as_str() {
            "username" => user.username.as_deref(),
            "email" => user.email.as_deref(),
            "phone" => user.phone.as_deref(),
            other => view.profile.get(other).and_then(Value::as_str),
        };
        value.is_some_and(|v| v.to_lowercase().contains(&needle))
    })
}

/// `GET /api/v3/list-users?page=&limit=&status=&updatedAtStart=&updatedAtEnd=&with…` (the
/// older listing) → `UserPaginatedRespDto`: by `status`, and by last change (`updatedAt`, in
/// milliseconds since the epoch) within `[updatedAtStart, updatedAtEnd]`.
pub(crate) fn list_legacy(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let query = Query::of(ctx, LIST_QUERY)?;
    let page = query.page()?;
    let with = query.with()?;
    query.flag("withUserPasswordExpireTime")?;
    let status = query.get("status").filter(|s| !s.is_empty());
    let (start, end) = (query.int("updatedAtStart")?, query.int("updatedAtEnd")?);
    let store = ctx.state.store();
    let ids: Vec<UserId> = store
        .user_ids()
        .into_iter()
        .filter(|id| {
            let Some(view) = store.user_view(id) else {
                return false;
            };
            let own_status = view
                .profile
                .get("status")
                .and_then(Value::as_str)
                .unwrap_or("Activated");
            let changed = millis(view.updated_at.unwrap_or(view.created_at));
            status.is_none_or(|s| s == own_status)
                && start.is_none_or(|t| t <= changed)
                && end.is_none_or(|t| changed <= t)
        })
        .collect();
    let data = page.of(ids, |id| dto_of(&store, &id, with));
    Ok(Reply::success(Some(data)))
}

fn millis(time: std::time::SystemTime) -> i64 {
    time.duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// `POST /api/v3/update-user` (`UpdateUserReqDto`) → `UserSingleRespDto`: the user named by
/// `userId` (and `options.userIdType`) gets the fields sent; identifiers stay unique
/// (statusCode 409, apiCode 2026); a password may be encrypted as on `create-user`.
pub(crate) fn update(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(UPDATE_KEYS)?;
    let options = options(&fields, UPDATE_OPTIONS)?;
    let mut id_type = None;
    if let Some(options) = &options {
        id_type = options.opt_str("userIdType")?;
        for key in [
            "resetPasswordOnFirstLogin",
            "resetPasswordOnNextLogin",
            "autoGeneratePassword",
        ] {
            options.opt_bool(key)?;
        }
        options.opt_object("sendPasswordResetedNotification")?;
    }
    let user_id = fields.req_str("userId")?;
    let input = user_input(ctx, &fields, options.as_ref())?;

    let mut store = ctx.state.store();
    let id = resolve_user(&store, user_id, id_type)?;
    check_unique(&store, &input, Some(&id))?;
    store.update_user(&id, |user, profile| {
        if input.username.is_some() {
            user.username = input.username;
        }
        if input.email.is_some() {
            user.email = input.email;
        }
        if input.phone.is_some() {
            user.phone = input.phone;
        }
        if input.phone_country_code.is_some() {
            user.phone_country_code = input.phone_country_code;
        }
        if input.password.is_some() {
            user.password = input.password;
        }
        profile.extend(input.profile);
    });
    Ok(Reply::success(Some(dto_of(&store, &id, With::default()))))
}

/// `POST /api/v3/delete-users-batch` `{userIds, options?: {userIdType}}` → `IsSuccessRespDto`.
/// Ids that name no user are skipped; the deleted users' role assignments, group memberships
/// and grants go with them.
pub(crate) fn delete_batch(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = params::body(ctx)?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["userIds", "options"])?;
    let user_ids = params::strings(&fields, "userIds", "body")?;
    let id_type = match options(&fields, &["userIdType"])? {
        Some(options) => options.opt_str("userIdType")?.map(str::to_owned),
        None => None,
    };
    let mut store = ctx.state.store();
    let mut found = Vec::new();
    for user_id in &user_ids {
        match resolve_user(&store, user_id, id_type.as_deref()) {
            Ok(id) => found.push(id),
            // No such user: nothing to delete.
            Err(Reply::Envelope {
                status_code: 404, ..
            }) => {}
            Err(other) => return Err(other),
        }
    }
    for id in &found {
        store.remove_user(id);
    }
    Ok(Reply::success(Some(json!({ "success": true }))))
}
