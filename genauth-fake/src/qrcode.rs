//! QR-code login on the fake server: a code's state machine and the ticket exchange.
//!
//! `PENDING` --SCAN--> `SCANNED` --CONFIRM--> `AUTHORIZED` (a single-use ticket is issued)
//! or `SCANNED` --CANCEL--> `CANCELLED`. A code still `PENDING` or `SCANNED` after
//! [`super::FakeOidcConfig::qr_code_ttl`] is `EXPIRED`; a ticket can be exchanged once, within
//! [`super::FakeOidcConfig::qr_ticket_ttl`] of the confirmation. Only the user who scanned can
//! confirm or cancel. Business errors use the envelope: unknown code statusCode 404, a
//! transition the state does not allow statusCode 400, a bad ticket statusCode 403.

use std::time::Instant;

use serde_json::{Value, json};

use super::handlers::{Ctx, Fields, Reply};
use super::oidc::{QrRecord, check_client, login_token_data, random_id};

const TYPES: [&str; 3] = [
    "MOBILE_APP",
    "WECHAT_MINIPROGRAM",
    "WECHAT_OFFICIAL_ACCOUNT",
];

/// `POST /api/v3/gene-qrcode`.
pub(super) fn gene(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&[
        "type",
        "extIdpConnId",
        "customData",
        "context",
        "autoMergeQrCode",
    ])?;
    let kind = fields.req_str("type")?;
    if !TYPES.contains(&kind) {
        return Err(Reply::error(
            400,
            format!("unknown type {kind:?}; expected one of {TYPES:?}"),
        ));
    }
    fields.opt_str("extIdpConnId")?;
    fields.opt_object("customData")?;
    fields.opt_object("context")?;
    let merge = fields.opt_bool("autoMergeQrCode")?;
    let id = random_id("qr_");
    ctx.state.protocol.store().qr_codes.push(QrRecord {
        id: id.clone(),
        created: Instant::now(),
        status: "PENDING",
        user: None,
        ticket: None,
        authorized_at: None,
        ticket_used: false,
    });
    let mut data = json!({
        "qrcodeId": id,
        "url": format!("https://fake.genauth.invalid/qrcode/{id}"),
    });
    if kind == "WECHAT_MINIPROGRAM" && merge == Some(false) {
        data["customLogoUrl"] = "https://fake.genauth.invalid/logo.png".into();
    }
    Ok(Reply::success(Some(data)))
}

/// Applies the TTL to a code that is still waiting.
fn refresh_expiry(ctx: &Ctx<'_>, record: &mut QrRecord) {
    if matches!(record.status, "PENDING" | "SCANNED")
        && record.created.elapsed() >= ctx.state.protocol.config.qr_code_ttl
    {
        record.status = "EXPIRED";
    }
}

fn unknown_code() -> Reply {
    Reply::error(404, "QR code does not exist")
}

/// `GET /api/v3/check-qrcode-status` and `GET /api/v3/get-qrcode-status` (`?qrcodeId=`).
pub(super) fn status(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let mut id = None;
    for (name, value) in ctx.req.query_pairs() {
        match name.as_str() {
            "qrcodeId" => id = Some(value),
            other => {
                return Err(Reply::error(
                    400,
                    format!("unknown query parameter `{other}`"),
                ));
            }
        }
    }
    let id = id
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Reply::error(400, "`qrcodeId` is required"))?;
    let (status, user, ticket) = {
        let mut store = ctx.state.protocol.store();
        let record = store
            .qr_codes
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or_else(unknown_code)?;
        refresh_expiry(ctx, record);
        (record.status, record.user.clone(), record.ticket.clone())
    };
    let mut data = json!({ "status": status });
    if let Some(user) = user
        && let Some(u) = ctx.state.store().user(&user)
    {
        let name = u
            .username
            .clone()
            .or_else(|| u.email.clone())
            .or_else(|| u.phone.clone());
        data["briefUserInfo"] = json!({"displayName": name.unwrap_or_default(), "photo": ""});
    }
    if status == "AUTHORIZED"
        && let Some(ticket) = ticket
    {
        data["ticket"] = ticket.into();
    }
    Ok(Reply::success(Some(data)))
}

fn change(ctx: &Ctx<'_>) -> Result<(), Reply> {
    let user = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["qrcodeId", "action"])?;
    let id = fields.req_str("qrcodeId")?;
    let action = fields.req_str("action")?;
    let mut store = ctx.state.protocol.store();
    let record = store
        .qr_codes
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(unknown_code)?;
    refresh_expiry(ctx, record);
    let not_now = |status: &str| {
        Reply::error(
            400,
            format!("action {action} is not allowed on a {status} QR code"),
        )
    };
    match (action, record.status) {
        ("SCAN", "PENDING") => {
            record.status = "SCANNED";
            record.user = Some(user);
        }
        ("CONFIRM" | "CANCEL", "SCANNED") => {
            if record.user.as_ref() != Some(&user) {
                return Err(Reply::error(
                    403,
                    "only the user who scanned the QR code can confirm or cancel it",
                ));
            }
            if action == "CONFIRM" {
                record.status = "AUTHORIZED";
                record.ticket = Some(random_id("fake_ticket_"));
                record.authorized_at = Some(Instant::now());
            } else {
                record.status = "CANCELLED";
            }
        }
        ("SCAN" | "CONFIRM" | "CANCEL", status) => return Err(not_now(status)),
        (other, _) => {
            return Err(Reply::error(
                400,
                format!("unknown action {other:?}; expected SCAN, CONFIRM or CANCEL"),
            ));
        }
    }
    Ok(())
}

/// `POST /api/v3/change-qrcode-status` (user token): envelope without `data`.
pub(super) fn change_status(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    change(ctx)?;
    Ok(Reply::success(None))
}

/// `POST /api/v3/set-qrcode-status` (user token): `data: {success: true}`.
pub(super) fn set_status(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    change(ctx)?;
    Ok(Reply::success(Some(json!({"success": true}))))
}

/// `POST /api/v3/exchange-tokenset-with-qrcode-ticket` `{ticket}` + client auth.
pub(super) fn exchange_ticket(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["ticket", "client_id", "client_secret"])?;
    check_client(
        ctx,
        ctx.state.auth_method,
        fields.opt_str("client_id")?,
        fields.opt_str("client_secret")?,
    )
    .map_err(|m| Reply::error(401, format!("client authentication failed: {m}")))?;
    let ticket = fields.req_str("ticket")?;
    let ttl = ctx.state.protocol.config.qr_ticket_ttl;
    let user = {
        let mut store = ctx.state.protocol.store();
        let record = store
            .qr_codes
            .iter_mut()
            .find(|r| r.ticket.as_deref() == Some(ticket))
            .ok_or_else(|| Reply::error(403, "invalid ticket"))?;
        if record.ticket_used {
            return Err(Reply::error(403, "the ticket was already used"));
        }
        if record.authorized_at.is_none_or(|t| t.elapsed() >= ttl) {
            return Err(Reply::error(403, "the ticket expired"));
        }
        record.ticket_used = true;
        record
            .user
            .clone()
            .ok_or_else(|| Reply::error(403, "invalid ticket"))?
    };
    let data: Value = login_token_data(ctx, user, "openid profile");
    Ok(Reply::success(Some(data)))
}
