//! The typed password hook.
//!
//! The body type's `#[derive(WireSchema)]` knows where its password fields and its
//! `passwordEncryptType` flag are; the endpoint names them by dotted wire path. Once per call the
//! effective encryption is resolved (the body's flag, else the client default). Per attempt, each
//! present password is swapped for a fresh ciphertext in place, the flag is set, the body is
//! serialised once, and the plaintexts are swapped back (the typed body owns them until the call
//! ends, when [`crate::Password`]'s `Zeroizing` wipes them). No clone of the body, no JSON value
//! round trip, no byte scanning.

use crate::call::{Call, CallBody, TypedBody};
use crate::crypto::{PasswordEncryptType, PasswordEncryptor, ServerKeys};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::secret::Password;

/// The encryption this call's passwords get: the body's flag, else the client default. `None`
/// for endpoints without a password hook.
pub(crate) fn resolve(
    call: &mut Call<'_>,
    default: PasswordEncryptType,
) -> Option<PasswordEncryptType> {
    let ep = call.endpoint;
    let flag = ep.password_flag?;
    match &mut call.body {
        CallBody::Typed(body) => Some(body.flag(flag).unwrap_or(default)),
        _ => None,
    }
}

/// The encryption this attempt applies, when it encrypts anything (so the server keys are
/// needed): the call's resolved kind unless it is `none` or no password field is present.
pub(crate) fn to_encrypt(call: &mut Call<'_>) -> Option<PasswordEncryptType> {
    let ep = call.endpoint;
    let kind = call.encrypt.filter(|k| *k != PasswordEncryptType::None)?;
    match &mut call.body {
        CallBody::Typed(body) => ep
            .passwords
            .iter()
            .any(|p| body.password_mut(p).is_some())
            .then_some(kind),
        _ => None,
    }
}

/// Serialises a typed body for one attempt, encrypting its passwords with `kind` and `keys`
/// (given exactly when [`to_encrypt`] named a kind).
pub(crate) fn serialise(
    ep: &Endpoint,
    body: &mut dyn TypedBody,
    encrypt: Option<(PasswordEncryptType, &ServerKeys, &dyn PasswordEncryptor)>,
    extra: &[(&str, &str)],
) -> Result<Vec<u8>> {
    let Some((kind, keys, encryptor)) = encrypt else {
        return to_json(ep, body, extra);
    };
    // Swap each present plaintext for its ciphertext, remembering the plaintexts.
    let mut taken: Vec<(&str, Password)> = Vec::with_capacity(ep.passwords.len());
    let mut result = Ok(());
    for path in ep.passwords {
        let Some(pw) = body.password_mut(path) else {
            continue;
        };
        match encryptor.encrypt(kind, pw.expose(), keys) {
            Ok(cipher) => taken.push((path, std::mem::replace(pw, cipher.into()))),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    let result = result.and_then(|()| {
        if let Some(flag) = ep.password_flag
            && !body.set_flag(flag, kind)
        {
            return Err(Error::InvalidRequest(format!(
                "`{}`: the body has no place for `{flag}` (a required field on the way is absent)",
                ep.name
            )));
        }
        to_json(ep, body, extra)
    });
    // Put the plaintexts back for the next attempt, whatever happened (the ciphertexts drop).
    for (path, plain) in taken {
        if let Some(pw) = body.password_mut(path) {
            *pw = plain;
        }
    }
    result
}

fn to_json(ep: &Endpoint, body: &dyn TypedBody, extra: &[(&str, &str)]) -> Result<Vec<u8>> {
    body.to_json(extra).map_err(|e| {
        if extra.is_empty() {
            Error::InvalidRequest(format!("body of `{}` does not serialise: {e}", ep.name))
        } else {
            super::auth::cannot_carry(ep)
        }
    })
}
