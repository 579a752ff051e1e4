//! MFA factor management: enrol (`send-enroll-factor-request` then `enroll-factor`), list, get,
//! reset, and TOTP verification (`mfa-totp-verify`).
//!
//! - `OTP`: the enrolment ticket's `otpData.qrCodeUri` is an
//!   `otpauth://totp/GenAuth:<account>?secret=<base32>&issuer=GenAuth&algorithm=SHA1&digits=6&period=30`
//!   URI with a fresh 20-byte secret; `enroll-factor` and `mfa-totp-verify` take RFC 6238 codes
//!   (HMAC-SHA1, 30-second steps, 6 digits) of the current step or one step either side.
//! - `SMS` / `EMAIL`: the server "sends" a 6-digit code to `profile.phoneNumber` /
//!   `profile.email` (channel `CHANNEL_BIND_MFA`, visible in `FakeServer::sent_passcodes`), which
//!   `enroll-factor` takes as `enrollmentData.passCode`.
//! - `FACE` is not simulated: statusCode 501 (UnsupportedOperationError).
//!
//! An enrolment token is bound to its user and factor type, lives 60 s, and is spent by a
//! successful `enroll-factor` (a wrong code leaves it usable). One factor per type: requesting a
//! second is statusCode 409. Errors: wrong TOTP on enrolment 403 / apiCode 6001, missing TOTP
//! 400 / apiCode 6003, wrong SMS/email code 403 / apiCode 2001, unknown factor id 404. A wrong
//! code on `mfa-totp-verify` is not an error: `data.verified` is `false`.

use std::time::{Duration, Instant};

use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha1::Sha1;

use super::handlers::{self, Ctx, Fields, Reply, check_country_code, check_email, check_phone};
use super::oidc::{now_secs, random_id};
use super::signin::wrong_passcode;
use super::users::{Store, UserId};

/// How long an enrolment token is valid ("valid for one minute" in the docs).
const ENROLLMENT_TTL: Duration = Duration::from_secs(60);

/// The channel of the codes the server sends for `SMS` / `EMAIL` enrolment.
const BIND_MFA_CHANNEL: &str = "CHANNEL_BIND_MFA";

/// The factor types the fake enrols, in `list-factors-to-enroll` order.
const ENROLLABLE: [&str; 3] = ["OTP", "SMS", "EMAIL"];

/// TOTP step (seconds) and digits (RFC 6238 defaults, what authenticator apps use).
const TOTP_STEP: u64 = 30;
const TOTP_DIGITS: u32 = 6;

/// What a factor is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FactorKind {
    Otp {
        secret: Vec<u8>,
    },
    Sms {
        phone: String,
        country_code: Option<String>,
    },
    Email {
        email: String,
    },
}

impl FactorKind {
    fn type_name(&self) -> &'static str {
        match self {
            FactorKind::Otp { .. } => "OTP",
            FactorKind::Sms { .. } => "SMS",
            FactorKind::Email { .. } => "EMAIL",
        }
    }

    /// `profile` of the factor as `list-enrolled-factors` answers it.
    fn profile(&self) -> Value {
        match self {
            FactorKind::Otp { .. } => json!({}),
            FactorKind::Sms {
                phone,
                country_code,
            } => json!({"phoneNumber": phone, "phoneCountryCode": country_code}),
            FactorKind::Email { email } => json!({ "email": email }),
        }
    }
}

#[derive(Debug)]
struct Enrollment {
    token: String,
    user: UserId,
    kind: FactorKind,
    issued: Instant,
}

#[derive(Debug)]
struct Factor {
    id: String,
    user: UserId,
    kind: FactorKind,
}

impl Factor {
    fn json(&self) -> Value {
        json!({
            "factorId": self.id,
            "factorType": self.kind.type_name(),
            "profile": self.kind.profile(),
        })
    }
}

/// Pending enrolments and enrolled factors, a field of the user store.
#[derive(Debug, Default)]
pub(super) struct MfaStore {
    pending: Vec<Enrollment>,
    factors: Vec<Factor>,
    next_factor: u64,
}

impl MfaStore {
    fn factor_of_type(&self, user: &UserId, type_name: &str) -> Option<&Factor> {
        self.factors
            .iter()
            .find(|f| &f.user == user && f.kind.type_name() == type_name)
    }
}

/// `POST /api/v3/send-enroll-factor-request` `{profile: {phoneNumber?, phoneCountryCode?,
/// email?}, factorType}` (user token): answers `{enrollmentToken, otpData?}`.
pub(super) fn send_enroll_factor_request(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["profile", "factorType"])?;
    let factor_type = fields.req_str("factorType")?;
    let profile = fields
        .get("profile")
        .ok_or_else(|| Reply::error(400, "`body.profile` is required (`{}` for OTP)"))?;
    let profile = Fields::of(profile, "profile")?;
    profile.allow_only(&["phoneNumber", "phoneCountryCode", "email"])?;
    let phone = profile.opt_str("phoneNumber")?;
    let country_code = profile.opt_str("phoneCountryCode")?;
    let email = profile.opt_str("email")?;

    let kind = match factor_type {
        "OTP" => {
            let mut secret = vec![0u8; 20];
            getrandom::fill(&mut secret)
                .map_err(|e| Reply::error(500, format!("no randomness for the OTP secret: {e}")))?;
            FactorKind::Otp { secret }
        }
        "SMS" => {
            let phone = phone.ok_or_else(|| {
                Reply::error(400, "factorType SMS requires `profile.phoneNumber`")
            })?;
            check_phone(phone, "profile.phoneNumber")?;
            if let Some(cc) = country_code {
                check_country_code(cc)?;
            }
            FactorKind::Sms {
                phone: phone.to_owned(),
                country_code: country_code.map(str::to_owned),
            }
        }
        "EMAIL" => {
            let email = email
                .ok_or_else(|| Reply::error(400, "factorType EMAIL requires `profile.email`"))?;
            check_email(email, "profile.email")?;
            FactorKind::Email {
                email: email.to_owned(),
            }
        }
        "FACE" => {
            return Err(Reply::error(
                501,
                "factorType FACE is not simulated by the fake server",
            ));
        }
        other => {
            return Err(Reply::error(
                400,
                format!("unknown factorType {other:?}; expected OTP, SMS, EMAIL or FACE"),
            ));
        }
    };

    let mut store = ctx.state.store();
    let account = account_label(&store, &id)?;
    if store.mfa.factor_of_type(&id, factor_type).is_some() {
        return Err(Reply::error(
            409,
            format!("A {factor_type} factor is already enrolled; reset it first."),
        ));
    }
    let token = random_id("fake_mfa_et_");
    let mut data = json!({ "enrollmentToken": token });
    match &kind {
        FactorKind::Otp { secret } => {
            let uri = format!(
                "otpauth://totp/GenAuth:{account}?secret={}&issuer=GenAuth&algorithm=SHA1&digits={TOTP_DIGITS}&period={TOTP_STEP}",
                base32(secret)
            );
            data["otpData"] = json!({
                "qrCodeUri": uri,
                "recoveryCode": random_id("fake_rc_"),
            });
        }
        FactorKind::Sms {
            phone,
            country_code,
        } => {
            store.issue_passcode(BIND_MFA_CHANNEL, phone, country_code.as_deref());
        }
        FactorKind::Email { email } => {
            store.issue_passcode(BIND_MFA_CHANNEL, email, None);
        }
    }
    store.mfa.pending.push(Enrollment {
        token,
        user: id,
        kind,
        issued: Instant::now(),
    });
    Ok(Reply::success(Some(data)))
}

/// The `otpauth://` label's account: username, email, phone or id, percent-encoded.
fn account_label(store: &Store, id: &UserId) -> Result<String, Reply> {
    let user = store.user(id).ok_or_else(handlers::no_such_user)?;
    let name = [&user.username, &user.email, &user.phone]
        .into_iter()
        .find_map(|v| v.as_deref())
        .unwrap_or(&id.0);
    Ok(form_urlencoded::byte_serialize(name.as_bytes()).collect())
}

/// `POST /api/v3/enroll-factor` `{enrollmentData: {passCode?, photo?, isExternalPhoto?},
/// enrollmentToken, factorType}` (user token): checks the proof and enrols the factor.
pub(super) fn enroll_factor(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["enrollmentData", "enrollmentToken", "factorType"])?;
    let token = fields.req_str("enrollmentToken")?;
    let factor_type = fields.req_str("factorType")?;
    let data = fields
        .get("enrollmentData")
        .ok_or_else(|| Reply::error(400, "`body.enrollmentData` is required"))?;
    let data = Fields::of(data, "enrollmentData")?;
    data.allow_only(&["passCode", "photo", "isExternalPhoto"])?;
    let pass_code = data.opt_str("passCode")?.filter(|c| !c.is_empty());
    data.opt_str("photo")?;
    data.opt_bool("isExternalPhoto")?;

    let mut store = ctx.state.store();
    let kind = store
        .mfa
        .pending
        .iter()
        .find(|e| e.token == token && e.user == id && e.issued.elapsed() < ENROLLMENT_TTL)
        .map(|e| e.kind.clone())
        .ok_or_else(|| Reply::error(403, "`enrollmentToken` is unknown, used or expired"))?;
    if kind.type_name() != factor_type {
        return Err(Reply::error(
            400,
            format!(
                "`enrollmentToken` was issued for factorType {}, not {factor_type:?}",
                kind.type_name()
            ),
        ));
    }
    match &kind {
        FactorKind::Otp { secret } => {
            let code = pass_code.ok_or_else(no_totp)?;
            if !totp_matches(secret, code, now_secs()) {
                return Err(wrong_totp());
            }
        }
        FactorKind::Sms {
            phone,
            country_code,
        } => {
            let code = pass_code.ok_or_else(|| {
                Reply::error(400, "`enrollmentData.passCode` is required for SMS")
            })?;
            if !store.consume_passcode(BIND_MFA_CHANNEL, phone, country_code.as_deref(), code) {
                return Err(wrong_passcode());
            }
        }
        FactorKind::Email { email } => {
            let code = pass_code.ok_or_else(|| {
                Reply::error(400, "`enrollmentData.passCode` is required for EMAIL")
            })?;
            if !store.consume_passcode(BIND_MFA_CHANNEL, email, None, code) {
                return Err(wrong_passcode());
            }
        }
    }
    let mfa = &mut store.mfa;
    mfa.pending.retain(|e| e.token != token);
    mfa.next_factor += 1;
    let factor_id = format!("fake-factor-{}", mfa.next_factor);
    mfa.factors.push(Factor {
        id: factor_id,
        user: id,
        kind,
    });
    Ok(Reply::success(None))
}

/// `GET /api/v3/list-enrolled-factors` (user token): `[{factorId, factorType, profile}]`.
pub(super) fn list_enrolled_factors(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    query(ctx, &[])?;
    let id = ctx.require_user()?;
    let store = ctx.state.store();
    let list: Vec<Value> = store
        .mfa
        .factors
        .iter()
        .filter(|f| f.user == id)
        .map(Factor::json)
        .collect();
    Ok(Reply::success(Some(Value::Array(list))))
}

/// `GET /api/v3/get-factor?factorId=` (user token): one of the user's factors, else 404.
pub(super) fn get_factor(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let factor_id = query(ctx, &["factorId"])?
        .into_iter()
        .next()
        .ok_or_else(|| Reply::error(400, "query parameter `factorId` is required"))?
        .1;
    let id = ctx.require_user()?;
    let store = ctx.state.store();
    let factor = store
        .mfa
        .factors
        .iter()
        .find(|f| f.user == id && f.id == factor_id)
        .ok_or_else(unknown_factor)?;
    Ok(Reply::success(Some(factor.json())))
}

/// `GET /api/v3/list-factors-to-enroll` (user token): `[{factorType}]` for each type the fake
/// enrols (`OTP`, `SMS`, `EMAIL`) that the user has not enrolled.
pub(super) fn list_factors_to_enroll(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    query(ctx, &[])?;
    let id = ctx.require_user()?;
    let store = ctx.state.store();
    let list: Vec<Value> = ENROLLABLE
        .into_iter()
        .filter(|t| store.mfa.factor_of_type(&id, t).is_none())
        .map(|t| json!({ "factorType": t }))
        .collect();
    Ok(Reply::success(Some(Value::Array(list))))
}

/// `POST /api/v3/mfa-totp-verify` `{totp}` (user token): `{verified}` against the user's OTP
/// factor. No OTP factor: statusCode 400; empty `totp`: 400 / apiCode 6003.
pub(super) fn totp_verify(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["totp"])?;
    let code = fields
        .opt_str("totp")?
        .filter(|c| !c.is_empty())
        .ok_or_else(no_totp)?;
    let store = ctx.state.store();
    let Some(Factor {
        kind: FactorKind::Otp { secret },
        ..
    }) = store.mfa.factor_of_type(&id, "OTP")
    else {
        return Err(Reply::error(
            400,
            "No OTP factor is enrolled for this user.",
        ));
    };
    let verified = totp_matches(secret, code, now_secs());
    Ok(Reply::success(Some(json!({ "verified": verified }))))
}

/// `POST /api/v3/reset-factor` `{factorId}` (user token): removes one of the user's factors.
pub(super) fn reset_factor(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let id = ctx.require_user()?;
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["factorId"])?;
    let factor_id = fields.req_str("factorId")?;
    let mut store = ctx.state.store();
    let factors = &mut store.mfa.factors;
    let before = factors.len();
    factors.retain(|f| !(f.user == id && f.id == factor_id));
    if factors.len() == before {
        return Err(unknown_factor());
    }
    Ok(Reply::success(None))
}

/// The query pairs, each name in `allowed` (at most once); otherwise statusCode 400.
fn query(ctx: &Ctx<'_>, allowed: &[&str]) -> Result<Vec<(String, String)>, Reply> {
    let pairs = ctx.req.query_pairs();
    for (i, (name, _)) in pairs.iter().enumerate() {
        if !allowed.contains(&name.as_str()) {
            return Err(Reply::error(
                400,
                format!("unknown query parameter `{name}`; expected one of {allowed:?}"),
            ));
        }
        if pairs[..i].iter().any(|(n, _)| n == name) {
            return Err(Reply::error(
                400,
                format!("query parameter `{name}` is repeated"),
            ));
        }
    }
    Ok(pairs)
}

fn unknown_factor() -> Reply {
    Reply::error(404, "No such factor for this user.")
}

/// statusCode 400, apiCode 6003 ("no TOTP code entered").
fn no_totp() -> Reply {
    Reply::api_error(400, 6003, "No TOTP code entered.")
}

/// statusCode 403, apiCode 6001 ("wrong TOTP code").
fn wrong_totp() -> Reply {
    Reply::api_error(403, 6001, "Wrong TOTP code.")
}

/// Whether `code` is the 6-digit TOTP of `secret` at `unix_time`, one step before or after.
fn totp_matches(secret: &[u8], code: &str, unix_time: u64) -> bool {
    if code.len() != TOTP_DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let step = unix_time / TOTP_STEP;
    [step.checked_sub(1), Some(step), step.checked_add(1)]
        .into_iter()
        .flatten()
        .any(|counter| format!("{:06}", hotp(secret, counter, TOTP_DIGITS)) == code)
}

/// RFC 4226 HOTP with HMAC-SHA1: the `digits`-digit code for `counter`.
fn hotp(secret: &[u8], counter: u64, digits: u32) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes any key size");
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let bin = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    bin % 10u32.pow(digits)
}

/// RFC 4648 base32 (upper case, no padding), the encoding of `otpauth://` secrets.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u16, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u16::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[usize::from((buffer >> bits) & 31)]));
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(
            ALPHABET[usize::from((buffer << (5 - bits)) & 31)],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, 8 digits: T = 59 s is counter 1.
    #[test]
    fn hotp_matches_the_rfc_vectors() {
        let seed = b"12345678901234567890";
        assert_eq!(hotp(seed, 59 / 30, 8), 94_287_082);
        assert_eq!(hotp(seed, 1_111_111_109 / 30, 8), 7_081_804);
        // RFC 4226 appendix D, 6 digits.
        assert_eq!(hotp(seed, 0, 6), 755_224);
        assert_eq!(hotp(seed, 9, 6), 520_489);
    }

    #[test]
    fn totp_window_is_one_step_either_side() {
        let seed = b"12345678901234567890";
        let at = |t: u64| format!("{:06}", hotp(seed, t / 30, 6));
        let now = 1_700_000_000;
        assert!(totp_matches(seed, &at(now), now));
        assert!(totp_matches(seed, &at(now - 30), now));
        assert!(totp_matches(seed, &at(now + 30), now));
        assert!(!totp_matches(seed, &at(now - 60), now));
        assert!(!totp_matches(seed, &at(now + 60), now));
        assert!(!totp_matches(seed, "12345", now));
        assert!(!totp_matches(seed, "abcdef", now));
    }

    #[test]
    fn base32_is_rfc4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(
            base32(b"12345678901234567890"),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
    }
}
