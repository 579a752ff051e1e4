//! The signed-in user's own profile and contact bindings: `update-profile` (read back by
//! `get-profile`), and `bind-email` / `unbind-email` / `bind-phone` / `unbind-phone`, each with a
//! passcode sent by `send-email` / `send-sms` on its own channel.
//!
//! Every endpoint needs the user's access token (statusCode 401, apiCode 2020). Bodies are
//! strict (unknown or `null` field: 400). A wrong, used or never-sent passcode, or one sent on
//! another channel or to another address, is statusCode 403, apiCode 2001. Conflicts with other
//! users (an email, phone or username they already have) and binding a second email or phone are
//! statusCode 409 (the docs' ConflictError); checks come before the passcode is consumed, so a
//! refused request leaves it usable.

use serde_json::{Map, Value};

use super::FakeUser;
use super::handlers::{self, Ctx, Fields, Reply, check_country_code, check_email, check_phone};
use super::signin::wrong_passcode;
use super::users::{DEFAULT_COUNTRY_CODE, Identifier, Store, UserId};

/// String fields of `UpdateUserProfileDto` that are stored as given (camelCase wire names).
const PROFILE_STRINGS: &[&str] = &[
    "name",
    "nickname",
    "photo",
    "externalId",
    "birthdate",
    "country",
    "province",
    "city",
    "address",
    "streetAddress",
    "postalCode",
    "company",
    "identityNumber",
];

/// Every key `update-profile` accepts: the strings above, `gender`, `username` (an identity,
/// unique in the user pool) and `customData` (an object, merged key by key).
const UPDATE_PROFILE_KEYS: &[&str] = &[
    "name",
    "nickname",
    "photo",
    "externalId",
    "birthdate",
    "country",
    "province",
    "city",
    "address",
    "streetAddress",
    "postalCode",
    "company",
    "identityNumber",
    "gender",
    "username",
    "customData",
];

/// `gender` values (`M`, `F`, `U`).
const GENDERS: &[&str] = &["M", "F", "U"];

/// statusCode 409 (ConflictError), no apiCode.
fn conflict(message: impl Into<String>) -> Reply {
    Reply::error(409, message)
}

/// The signed-in user's record, or statusCode 404 / apiCode 2004 when the token's user is gone.
fn current(store: &Store, id: &UserId) -> Result<FakeUser, Reply> {
    store.user(id).cloned().ok_or_else(handlers::no_such_user)
}

/// `POST /api/v3/update-profile` (user token): sets the fields sent (the others are kept) and
/// answers the updated user, shaped like `get-profile`, which reads the change back. A taken
/// `username` is statusCode 409, apiCode 2026.
pub(super) fn update_profile(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(UPDATE_PROFILE_KEYS)?;
    let mut set = Map::new();
    for &key in PROFILE_STRINGS {
        if let Some(value) = fields.opt_str(key)? {
            set.insert(key.to_owned(), value.into());
        }
    }
    if let Some(gender) = fields.opt_str("gender")? {
        if !GENDERS.contains(&gender) {
            return Err(Reply::error(
                400,
                format!("`body.gender` must be one of {GENDERS:?}, got {gender:?}"),
            ));
        }
        set.insert("gender".into(), gender.into());
    }
    let custom = fields.opt_object("customData")?;
    let username = match fields.has("username") {
        true => Some(fields.req_str("username")?),
        false => None,
    };

    let mut store = ctx.state.store();
    if let Some(name) = username
        && store
            .find_by_identifier(Identifier::Username(name))
            .is_some_and(|owner| owner != id)
    {
        return Err(Reply::api_error(
            409,
            2026,
            "User already exists (username is taken).",
        ));
    }
    let updated = store.update_user(&id, |user, profile| {
        if let Some(name) = username {
            user.username = Some(name.to_owned());
        }
        profile.extend(set);
        if let Some(custom) = custom {
            let merged = profile
                .entry("customData")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(merged) = merged {
                merged.extend(custom.clone());
            }
        }
    });
    if !updated {
        return Err(handlers::no_such_user());
    }
    let data = store.user_json(&id).ok_or_else(handlers::no_such_user)?;
    Ok(Reply::success(Some(data)))
}

/// `POST /api/v3/bind-email` `{passCode, email}` (user token): binds `email` with a
/// `CHANNEL_BIND_EMAIL` passcode sent to it. Afterwards `get-profile` shows it and the user signs
/// in with it (password or `CHANNEL_LOGIN` passcode). The user must have no email yet, and no
/// other user may have this one (statusCode 409).
pub(super) fn bind_email(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["passCode", "email"])?;
    let code = fields.req_str("passCode")?;
    let email = fields.req_str("email")?;
    check_email(email, "email")?;

    let mut store = ctx.state.store();
    if let Some(bound) = current(&store, &id)?.email {
        return Err(conflict(format!(
            "An email ({bound}) is already bound: unbind it first, or change it with update-email."
        )));
    }
    if store.find_by_email(email).is_some_and(|owner| owner != id) {
        return Err(conflict("This email is already bound to another account."));
    }
    if !store.consume_passcode("CHANNEL_BIND_EMAIL", email, None, code) {
        return Err(wrong_passcode());
    }
    store.update_user(&id, |user, _| user.email = Some(email.to_owned()));
    Ok(Reply::success(None))
}

/// `POST /api/v3/unbind-email` `{passCode}` (user token): unbinds the user's email with a
/// `CHANNEL_UNBIND_EMAIL` passcode sent to it. Refused with statusCode 400 when no email is
/// bound, and with 422 (InvalidOperationError) when it is the user's last identifier.
pub(super) fn unbind_email(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["passCode"])?;
    let code = fields.req_str("passCode")?;

    let mut store = ctx.state.store();
    let user = current(&store, &id)?;
    let Some(email) = user.email.as_deref() else {
        return Err(Reply::error(400, "No email is bound to this account."));
    };
    if user.username.is_none() && user.phone.is_none() {
        return Err(last_identifier("email"));
    }
    if !store.consume_passcode("CHANNEL_UNBIND_EMAIL", email, None, code) {
        return Err(wrong_passcode());
    }
    store.update_user(&id, |user, _| user.email = None);
    Ok(Reply::success(None))
}

/// `POST /api/v3/bind-phone` `{passCode, phoneNumber, phoneCountryCode?}` (user token): binds the
/// phone with a `CHANNEL_BIND_PHONE` passcode sent to it (country codes must agree, absent meaning
/// `+86`). The user must have no phone yet, and no other user may have this number, whatever its
/// country code (statusCode 409).
pub(super) fn bind_phone(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["passCode", "phoneNumber", "phoneCountryCode"])?;
    let code = fields.req_str("passCode")?;
    let number = fields.req_str("phoneNumber")?;
    check_phone(number, "phoneNumber")?;
    let country_code = fields.opt_str("phoneCountryCode")?;
    if let Some(cc) = country_code {
        check_country_code(cc)?;
    }

    let mut store = ctx.state.store();
    if let Some(bound) = current(&store, &id)?.phone {
        return Err(conflict(format!(
            "A phone ({bound}) is already bound: unbind it first, or change it with update-phone."
        )));
    }
    if store
        .find_by_identifier(Identifier::Phone(number))
        .is_some_and(|owner| owner != id)
    {
        return Err(conflict("This phone is already bound to another account."));
    }
    if !store.consume_passcode("CHANNEL_BIND_PHONE", number, country_code, code) {
        return Err(wrong_passcode());
    }
    store.update_user(&id, |user, _| {
        user.phone = Some(number.to_owned());
        user.phone_country_code = country_code.map(str::to_owned);
    });
    Ok(Reply::success(None))
}

/// `POST /api/v3/unbind-phone` `{passCode}` (user token): unbinds the user's phone with a
/// `CHANNEL_UNBIND_PHONE` passcode sent to it (with its country code). Refused like
/// `unbind-email` when no phone is bound or it is the last identifier.
pub(super) fn unbind_phone(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["passCode"])?;
    let code = fields.req_str("passCode")?;

    let mut store = ctx.state.store();
    let user = current(&store, &id)?;
    let Some(phone) = user.phone.as_deref() else {
        return Err(Reply::error(400, "No phone is bound to this account."));
    };
    if user.username.is_none() && user.email.is_none() {
        return Err(last_identifier("phone"));
    }
    let country_code = user
        .phone_country_code
        .as_deref()
        .unwrap_or(DEFAULT_COUNTRY_CODE);
    if !store.consume_passcode("CHANNEL_UNBIND_PHONE", phone, Some(country_code), code) {
        return Err(wrong_passcode());
    }
    store.update_user(&id, |user, _| {
        user.phone = None;
        user.phone_country_code = None;
    });
    Ok(Reply::success(None))
}

/// statusCode 422 (InvalidOperationError): unbinding would leave the user with no identifier.
fn last_identifier(what: &str) -> Reply {
    Reply::error(
        422,
        format!("The {what} is the account's only identifier and cannot be unbound."),
    )
}
