//! The typed password hook.
//!
//! The body type's `#[derive(WireSchema)]` knows where its password fields and its
//! `passwordEncryptType` flag are; the endpoint names them by dotted wire path. Once per call the
//! effective encryption is resolved (the body's flag, else the client default). Per attempt, a
//! copy of the typed body has every present password replaced by its ciphertext (the plaintext
//! copy is zeroized as it is dropped: [`crate::Password`] is `Zeroizing`), the flag set, and is
//! serialised once. No JSON value round trip, no byte scanning.

use crate::call::{Call, CallBody, TypedBody};
use crate::client::Ctx;
use crate::crypto::PasswordEncryptType;
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::transport::Transport;

/// The encryption this call's passwords get: the body's flag, else the client default. `None`
/// for endpoints without a password hook.
pub(crate) fn resolve(call: &mut Call, default: PasswordEncryptType) -> Option<PasswordEncryptType> {
    let ep = call.endpoint;
    let flag = ep.password_flag?;
    match &mut call.body {
        CallBody::Typed(body) => Some(body.flag(flag).unwrap_or(default)),
        _ => None,
    }
}

/// Serialises a typed body for one attempt, encrypting its passwords with `kind`. Returns the
/// bytes and whether keys fetched from the server were used.
pub(crate) async fn serialise<Tr: Transport>(
    ctx: &Ctx<'_, Tr>,
    ep: &Endpoint,
    body: &dyn TypedBody,
    kind: Option<PasswordEncryptType>,
    extra: &[(&str, &str)],
) -> Result<(Vec<u8>, bool)> {
    let plain = |body: &dyn TypedBody| {
        body.to_json(extra).map_err(|e| serialise_error(ep, e, !extra.is_empty()))
    };
    let kind = match kind {
        Some(k) if k != PasswordEncryptType::None && ep.has_passwords() => k,
        _ => return Ok((plain(body)?, false)),
    };
    let Some(mut copy) = body.clone_box() else {
        return Ok((plain(body)?, false));
    };
    let present: Vec<&str> = ep
        .passwords
        .iter()
        .copied()
        .filter(|p| copy.password_mut(p).is_some())
        .collect();
    if present.is_empty() {
        return Ok((plain(body)?, false));
    }
    let inner = &ctx.client.inner;
    let (keys, fetched) = inner.keys.get(ctx.client).await?;
    for path in present {
        if let Some(pw) = copy.password_mut(path) {
            let cipher = inner.encryptor.encrypt(kind, pw.expose(), &keys)?;
            // The plaintext copy is dropped here, and zeroized as it is.
            *pw = cipher.into();
        }
    }
    if let Some(flag) = ep.password_flag
        && !copy.set_flag(flag, kind)
    {
        return Err(Error::InvalidRequest(format!(
            "`{}`: the body has no place for `{flag}` (a required field on the way is absent)",
            ep.name
        )));
    }
    Ok((plain(&*copy)?, fetched))
}

fn serialise_error(ep: &Endpoint, e: serde_json::Error, with_fields: bool) -> Error {
    if with_fields {
        super::auth::cannot_carry(ep)
    } else {
        Error::InvalidRequest(format!("body of `{}` does not serialise: {e}", ep.name))
    }
}
