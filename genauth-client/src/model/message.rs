//! Passcode pre-check (`POST /api/v3/pre-check-code`).

use super::{EmailChannel, SmsChannel};
use crate::dto;
use crate::secret::Secret;

open_enum! {
    /// `codeType` of `pre-check-code`.
    pub enum PreCheckCodeType {
        /// An SMS code (`smsCodePayload`).
        Sms = "SMS",
        /// An email code (`emailCodePayload`).
        Email = "EMAIL",
    }
}

/// `smsCodePayload` of `pre-check-code`.
#[dto]
pub struct PreCheckSmsCodePayload {
    /// The phone the code was sent to, without country code.
    pub phone: String,
    /// The code.
    pub pass_code: Secret,
    /// Country code such as `+86`.
    pub phone_country_code: Option<String>,
    /// The channel the code was sent for.
    pub channel: SmsChannel,
}

/// `emailCodePayload` of `pre-check-code`.
#[dto]
pub struct PreCheckEmailCodePayload {
    /// The email the code was sent to.
    pub email: String,
    /// The code.
    pub pass_code: Secret,
    /// The channel the code was sent for.
    pub channel: EmailChannel,
}

/// Body of `POST /api/v3/pre-check-code` (`PreCheckCodeDto`).
#[dto]
pub struct PreCheckCodeDto {
    /// Which payload follows.
    pub code_type: PreCheckCodeType,
    /// For `SMS`.
    pub sms_code_payload: Option<PreCheckSmsCodePayload>,
    /// For `EMAIL`.
    pub email_code_payload: Option<PreCheckEmailCodePayload>,
}

// Constructors, not struct literals: each sets `codeType` to match the payload it is given.
impl PreCheckCodeDto {
    /// Check an SMS code (`codeType: SMS`).
    pub fn sms(payload: PreCheckSmsCodePayload) -> Self {
        PreCheckCodeDto {
            code_type: PreCheckCodeType::Sms,
            sms_code_payload: Some(payload),
            ..Default::default()
        }
    }

    /// Check an email code (`codeType: EMAIL`).
    pub fn email(payload: PreCheckEmailCodePayload) -> Self {
        PreCheckCodeDto {
            code_type: PreCheckCodeType::Email,
            email_code_payload: Some(payload),
            ..Default::default()
        }
    }
}

/// `data` of `pre-check-code` (`PreCheckCodeDataDto`).
#[dto]
pub struct PreCheckCodeResult {
    /// Whether the code is right and unexpired.
    pub is_valid: bool,
    /// Why not, when it is not.
    pub message: Option<String>,
}
