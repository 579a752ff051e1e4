//! The small endpoints: `send-sms`, `send-email`, `get-profile` and `system`.

use serde_json::json;

use super::{Ctx, Fields, Reply, check_country_code, check_email, check_phone, no_such_user};

/// The channels `send-sms` accepts (TSV notes for `send_sms`).
const SMS_CHANNELS: &[&str] = &[
    "CHANNEL_LOGIN",
    "CHANNEL_REGISTER",
    "CHANNEL_RESET_PASSWORD",
    "CHANNEL_BIND_PHONE",
    "CHANNEL_UNBIND_PHONE",
    "CHANNEL_BIND_MFA",
    "CHANNEL_VERIFY_MFA",
    "CHANNEL_UNBIND_MFA",
    "CHANNEL_COMPLETE_PHONE",
    "CHANNEL_IDENTITY_VERIFICATION",
    "CHANNEL_DELETE_ACCOUNT",
];

/// The channels `send-email` accepts (TSV notes for `send_email`).
const EMAIL_CHANNELS: &[&str] = &[
    "CHANNEL_LOGIN",
    "CHANNEL_REGISTER",
    "CHANNEL_RESET_PASSWORD",
    "CHANNEL_VERIFY_EMAIL_LINK",
    "CHANNEL_UPDATE_EMAIL",
    "CHANNEL_BIND_EMAIL",
    "CHANNEL_UNBIND_EMAIL",
    "CHANNEL_VERIFY_MFA",
    "CHANNEL_UNLOCK_ACCOUNT",
    "CHANNEL_COMPLETE_EMAIL",
    "CHANNEL_DELETE_ACCOUNT",
];

/// `POST /api/v3/send-sms` `{channel, phoneNumber, phoneCountryCode?}`: "sends" a passcode.
pub(super) fn send_sms(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["channel", "phoneNumber", "phoneCountryCode"])?;
    let channel = check_channel(fields.req_str("channel")?, SMS_CHANNELS)?;
    let phone = fields.req_str("phoneNumber")?;
    check_phone(phone, "phoneNumber")?;
    let country_code = fields.opt_str("phoneCountryCode")?;
    if let Some(cc) = country_code {
        check_country_code(cc)?;
    }
    ctx.state
        .store()
        .issue_passcode(channel, phone, country_code);
    Ok(Reply::success(None))
}

/// `POST /api/v3/send-email` `{channel, email}`: "sends" a passcode.
pub(super) fn send_email(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["channel", "email"])?;
    let channel = check_channel(fields.req_str("channel")?, EMAIL_CHANNELS)?;
    let email = fields.req_str("email")?;
    check_email(email, "email")?;
    ctx.state.store().issue_passcode(channel, email, None);
    Ok(Reply::success(None))
}

/// `GET /api/v3/get-profile`: the signed-in user (`data` shaped like the user DTO).
pub(super) fn get_profile(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    for (name, value) in ctx.req.query_pairs() {
        if !["withCustomData", "withIdentities", "withDepartmentIds"].contains(&name.as_str()) {
            return Err(Reply::error(
                400,
                format!("unknown query parameter `{name}`"),
            ));
        }
        if value != "true" && value != "false" {
            return Err(Reply::error(
                400,
                format!("query parameter `{name}` must be `true` or `false`, got {value:?}"),
            ));
        }
    }
    let id = ctx.require_user()?;
    let data = ctx.state.store().user_json(&id).ok_or_else(no_such_user)?;
    Ok(Reply::success(Some(data)))
}

/// `GET /api/v3/system`: the public keys; bare unless configured enveloped.
pub(super) fn system(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let keys = ctx.state.keys();
    let info = json!({
        "rsa": { "publicKey": keys.rsa_public_pem() },
        "sm2": { "publicKey": keys.sm2_public_hex() },
        "version": { "server": "fake-0.1.0", "console": "fake-0.1.0", "login": "fake-0.1.0" },
        "publicIps": [],
    });
    Ok(if ctx.state.system_enveloped {
        Reply::success(Some(info))
    } else {
        Reply::Bare(info)
    })
}

fn check_channel<'a>(channel: &'a str, allowed: &[&str]) -> Result<&'a str, Reply> {
    if allowed.contains(&channel) {
        Ok(channel)
    } else {
        Err(Reply::error(
            400,
            format!("unknown channel {channel:?}; expected one of {allowed:?}"),
        ))
    }
}
