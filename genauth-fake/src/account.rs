//! Account endpoints: sign-up, password update and reset, delete-account verification.
//!
//! Every password field is decrypted per its `passwordEncryptType` flag with the same helper as
//! sign-in ([`ServerState::decrypt_password`](super::handlers::ServerState::decrypt_password)),
//! before anything is consumed: a request that fails with apiCode 2016 leaves its passcode or
//! reset token usable, so a client that refetches the keys and retries succeeds.

use serde_json::{Map, Value, json};

use super::handlers::{Ctx, Fields, Reply, check_country_code, check_email, check_phone};
use super::signin::{pass_code_payload, wrong_passcode};
use super::users::{Identifier, PasscodeTarget, Store, TokenPurpose};
use super::{FakeUser, handlers};
use genauth_client::crypto::PasswordEncryptType;

/// Lifetime in seconds of `passwordResetToken`s and `deleteAccountToken`s (`tokenExpiresIn`).
pub(super) const ONE_TIME_TOKEN_TTL: u64 = 600;

/// Keys of `SignUpOptionsDto`.
const SIGN_UP_OPTIONS: &[&str] = &["clientIp", "context", "passwordEncryptType"];

/// Keys a sign-up `profile` may not set: they are the user's identity, which comes from the
/// payload, or server-assigned.
const RESERVED_PROFILE_KEYS: &[&str] = &[
    "userId",
    "username",
    "email",
    "phone",
    "phoneCountryCode",
    "password",
    "status",
    "createdAt",
];

/// statusCode 409, apiCode 2026 ("user already exists, do not register again").
fn already_exists(what: &str) -> Reply {
    Reply::api_error(409, 2026, format!("User already exists ({what} is taken)."))
}

/// statusCode 403, apiCode 2006.
fn wrong_password() -> Reply {
    Reply::api_error(403, 2006, "Wrong password.")
}

/// `POST /api/v3/signup` `{connection, passwordPayload | passCodePayload, profile?, options?}`:
/// creates the user and answers it (`data` shaped like `UserDto`, plus the `profile` fields).
pub(super) fn sign_up(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&[
        "connection",
        "passwordPayload",
        "passCodePayload",
        "profile",
        "options",
    ])?;
    let connection = fields.req_str("connection")?;
    let (own, other) = match connection {
        "PASSWORD" => ("passwordPayload", "passCodePayload"),
        "PASSCODE" => ("passCodePayload", "passwordPayload"),
        _ => {
            return Err(Reply::error(
                400,
                format!("unknown connection {connection:?}; expected PASSWORD or PASSCODE"),
            ));
        }
    };
    if fields.has(other) {
        return Err(Reply::error(
            400,
            format!("`{other}` does not belong to connection {connection}"),
        ));
    }
    let options = match fields.get("options") {
        Some(value) => Some(Fields::of(value, "options")?),
        None => None,
    };
    let encrypt = match &options {
        Some(options) => {
            options.allow_only(SIGN_UP_OPTIONS)?;
            options.opt_str("clientIp")?;
            options.opt_object("context")?;
            options.encrypt_type("passwordEncryptType")?
        }
        None => PasswordEncryptType::None,
    };
    let profile = sign_up_profile(fields.get("profile"))?;
    let payload = fields
        .get(own)
        .ok_or_else(|| Reply::error(400, format!("connection {connection} requires `{own}`")))?;
    let payload = Fields::of(payload, own)?;

    let id = if connection == "PASSWORD" {
        payload.allow_only(&["password", "username", "email"])?;
        let ciphertext = payload.req_str("password")?;
        let (ident, user) = match (payload.opt_str("username")?, payload.opt_str("email")?) {
            (Some(_), None) => {
                let username = payload.req_str("username")?;
                (
                    Identifier::Username(username),
                    FakeUser::new().username(username),
                )
            }
            (None, Some(email)) => {
                check_email(email, "passwordPayload.email")?;
                (Identifier::Email(email), FakeUser::new().email(email))
            }
            _ => {
                return Err(Reply::error(
                    400,
                    "`passwordPayload` needs exactly one of username, email",
                ));
            }
        };
        let password =
            ctx.state
                .decrypt_password(encrypt, "passwordPayload.password", ciphertext)?;
        let mut store = ctx.state.store();
        if store.find_by_identifier(ident).is_some() {
            let what = match ident {
                Identifier::Username(_) => "username",
                _ => "email",
            };
            return Err(already_exists(what));
        }
        store.add_user(user.password(password))
    } else {
        let (target, code) = pass_code_payload(&payload)?;
        let mut store = ctx.state.store();
        if target.is_taken(&store) {
            let what = match target {
                PasscodeTarget::Email(_) => "email",
                PasscodeTarget::Phone { .. } => "phone",
            };
            return Err(already_exists(what));
        }
        if !target.consume(&mut store, "CHANNEL_REGISTER", code) {
            return Err(wrong_passcode());
        }
        store.add_user(target.new_user())
    };

    let mut data = ctx
        .state
        .store()
        .user_json(&id)
        .ok_or_else(handlers::no_such_user)?;
    if let (Value::Object(data), Some(profile)) = (&mut data, profile) {
        data.extend(profile.clone());
    }
    Ok(Reply::success(Some(data)))
}

/// The optional sign-up `profile`: an object without `null`s or identity keys. Its fields are
/// echoed in the answer, not stored.
fn sign_up_profile(value: Option<&Value>) -> Result<Option<&Map<String, Value>>, Reply> {
    let Some(value) = value else {
        return Ok(None);
    };
    let Value::Object(map) = value else {
        return Err(Reply::error(400, "`profile` must be a JSON object"));
    };
    for (key, value) in map {
        if RESERVED_PROFILE_KEYS.contains(&key.as_str()) {
            return Err(Reply::error(
                400,
                format!("`profile.{key}` cannot be set at sign-up through `profile`"),
            ));
        }
        if value.is_null() {
            return Err(Reply::error(
                400,
                format!("`profile.{key}` is null; omit absent fields instead"),
            ));
        }
    }
    Ok(Some(map))
}

/// `POST /api/v3/update-password` `{newPassword, oldPassword?, passwordEncryptType?}` (user
/// token): both passwords are decrypted per the top-level flag. A user who has a password must
/// send the right `oldPassword`.
pub(super) fn update_password(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["newPassword", "oldPassword", "passwordEncryptType"])?;
    let encrypt = fields.encrypt_type("passwordEncryptType")?;
    let new_ciphertext = fields.req_str("newPassword")?;
    let old_ciphertext = match fields.has("oldPassword") {
        true => Some(fields.req_str("oldPassword")?),
        false => None,
    };
    let new_password = ctx
        .state
        .decrypt_password(encrypt, "newPassword", new_ciphertext)?;
    let old_password = old_ciphertext
        .map(|c| ctx.state.decrypt_password(encrypt, "oldPassword", c))
        .transpose()?;

    let mut store = ctx.state.store();
    let user = store.user(&id).ok_or_else(handlers::no_such_user)?;
    match (user.password.as_deref(), old_password.as_deref()) {
        (Some(current), Some(old)) if current == old => {}
        (Some(_), None) => {
            return Err(Reply::api_error(
                403,
                2019,
                "Verification is required to change the password: send `oldPassword`.",
            ));
        }
        (None, None) => {}
        _ => return Err(wrong_password()),
    }
    store.set_password(&id, new_password);
    Ok(Reply::success(None))
}

/// `POST /api/v3/verify-reset-password-request` `{verifyMethod: EMAIL_PASSCODE | PHONE_PASSCODE,
/// emailPassCodePayload | phonePassCodePayload}`: checks a `CHANNEL_RESET_PASSWORD` passcode and
/// issues a `passwordResetToken`.
pub(super) fn verify_reset_password_request(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&[
        "verifyMethod",
        "emailPassCodePayload",
        "phonePassCodePayload",
    ])?;
    let method = fields.req_str("verifyMethod")?;
    let payload = verify_method_payload(&fields, method, &["EMAIL_PASSCODE", "PHONE_PASSCODE"])?;
    let VerifyPayload::Passcode(target, code) = payload else {
        return Err(Reply::error(
            400,
            "verifyMethod PASSWORD is not accepted here",
        ));
    };
    let mut store = ctx.state.store();
    if !target.consume(&mut store, "CHANNEL_RESET_PASSWORD", code) {
        return Err(wrong_passcode());
    }
    let id = target
        .find_user(&store)
        .ok_or_else(|| Reply::api_error(403, 2004, "User does not exist."))?;
    let token = store.issue_one_time_token(TokenPurpose::PasswordReset, id, ONE_TIME_TOKEN_TTL);
    Ok(Reply::success(Some(json!({
        "passwordResetToken": token,
        "tokenExpiresIn": ONE_TIME_TOKEN_TTL,
    }))))
}

/// `POST /api/v3/reset-password` `{password, passwordResetToken, passwordEncryptType?}`: sets the
/// password of the token's user; the token works once.
pub(super) fn reset_password(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["password", "passwordResetToken", "passwordEncryptType"])?;
    let encrypt = fields.encrypt_type("passwordEncryptType")?;
    let ciphertext = fields.req_str("password")?;
    let token = fields.req_str("passwordResetToken")?;
    let password = ctx
        .state
        .decrypt_password(encrypt, "password", ciphertext)?;
    let mut store = ctx.state.store();
    let id = store
        .consume_one_time_token(TokenPurpose::PasswordReset, token)
        .ok_or_else(|| {
            Reply::error(
                403,
                "`passwordResetToken` is unknown, already used or expired",
            )
        })?;
    if !store.set_password(&id, password) {
        return Err(handlers::no_such_user());
    }
    Ok(Reply::success(Some(json!({ "success": true }))))
}

/// `POST /api/v3/verify-delete-account-request` `{verifyMethod: PHONE_PASSCODE | EMAIL_PASSCODE |
/// PASSWORD, phonePassCodePayload | emailPassCodePayload | passwordPayload}` (user token): the
/// passcode (`CHANNEL_DELETE_ACCOUNT`, sent to the user's own email or phone) or the password
/// (flag inside `passwordPayload`) proves it is the user; answers a `deleteAccountToken`.
pub(super) fn verify_delete_account_request(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&[
        "verifyMethod",
        "phonePassCodePayload",
        "emailPassCodePayload",
        "passwordPayload",
    ])?;
    let method = fields.req_str("verifyMethod")?;
    let payload = verify_method_payload(
        &fields,
        method,
        &["PHONE_PASSCODE", "EMAIL_PASSCODE", "PASSWORD"],
    )?;
    let mut store = match payload {
        VerifyPayload::Password(payload) => {
            payload.allow_only(&["password", "passwordEncryptType"])?;
            let encrypt = payload.encrypt_type("passwordEncryptType")?;
            let ciphertext = payload.req_str("password")?;
            let password =
                ctx.state
                    .decrypt_password(encrypt, "passwordPayload.password", ciphertext)?;
            let store = ctx.state.store();
            if !store.password_matches(&id, &password) {
                return Err(wrong_password());
            }
            store
        }
        VerifyPayload::Passcode(target, code) => {
            let mut store = ctx.state.store();
            let user = store.user(&id).ok_or_else(handlers::no_such_user)?;
            if !target.belongs_to(user)
                || !target.consume(&mut store, "CHANNEL_DELETE_ACCOUNT", code)
            {
                return Err(wrong_passcode());
            }
            store
        }
    };
    let token = store.issue_one_time_token(TokenPurpose::DeleteAccount, id, ONE_TIME_TOKEN_TTL);
    Ok(Reply::success(Some(json!({
        "deleteAccountToken": token,
        "tokenExpiresIn": ONE_TIME_TOKEN_TTL,
    }))))
}

/// The payload a `verifyMethod` selects, validated.
enum VerifyPayload<'a> {
    Passcode(PasscodeTarget<'a>, &'a str),
    Password(Fields<'a>),
}

/// `(verifyMethod, payload key)`.
const VERIFY_METHODS: &[(&str, &str)] = &[
    ("EMAIL_PASSCODE", "emailPassCodePayload"),
    ("PHONE_PASSCODE", "phonePassCodePayload"),
    ("PASSWORD", "passwordPayload"),
];

/// Checks `verifyMethod` against `allowed`, requires its payload and rejects the others, and
/// validates a passcode payload (`emailPassCodePayload {email, passCode}` or
/// `phonePassCodePayload {phoneNumber, passCode, phoneCountryCode?}`).
fn verify_method_payload<'a>(
    fields: &Fields<'a>,
    method: &str,
    allowed: &[&str],
) -> Result<VerifyPayload<'a>, Reply> {
    let Some(&(_, key)) = VERIFY_METHODS
        .iter()
        .find(|(m, _)| *m == method && allowed.contains(m))
    else {
        return Err(Reply::error(
            400,
            format!("unknown verifyMethod {method:?}; expected one of {allowed:?}"),
        ));
    };
    for &(_, other) in VERIFY_METHODS {
        if other != key && fields.has(other) {
            return Err(Reply::error(
                400,
                format!("`{other}` does not belong to verifyMethod {method}"),
            ));
        }
    }
    let payload = fields
        .get(key)
        .ok_or_else(|| Reply::error(400, format!("verifyMethod {method} requires `{key}`")))?;
    match key {
        "emailPassCodePayload" => {
            let payload = Fields::of(payload, "emailPassCodePayload")?;
            payload.allow_only(&["email", "passCode"])?;
            let email = payload.req_str("email")?;
            check_email(email, "emailPassCodePayload.email")?;
            let code = payload.req_str("passCode")?;
            Ok(VerifyPayload::Passcode(PasscodeTarget::Email(email), code))
        }
        "phonePassCodePayload" => {
            let payload = Fields::of(payload, "phonePassCodePayload")?;
            payload.allow_only(&["phoneNumber", "passCode", "phoneCountryCode"])?;
            let number = payload.req_str("phoneNumber")?;
            check_phone(number, "phonePassCodePayload.phoneNumber")?;
            let country_code = payload.opt_str("phoneCountryCode")?;
            if let Some(cc) = country_code {
                check_country_code(cc)?;
            }
            let code = payload.req_str("passCode")?;
            let target = PasscodeTarget::Phone {
                number,
                country_code,
            };
            Ok(VerifyPayload::Passcode(target, code))
        }
        _ => Ok(VerifyPayload::Password(Fields::of(
            payload,
            "passwordPayload",
        )?)),
    }
}

/// Issues a password-reset token for the user whose username, email or phone is `identifier`
/// (see `FakeServer::issue_password_reset_token`).
pub(super) fn issue_password_reset_token(store: &mut Store, identifier: &str) -> String {
    match store.find_by_identifier(Identifier::Account(identifier)) {
        Some(id) => store.issue_one_time_token(TokenPurpose::PasswordReset, id, ONE_TIME_TOKEN_TTL),
        None => store.unbound_token(TokenPurpose::PasswordReset),
    }
}
