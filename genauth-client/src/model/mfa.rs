//! MFA factors: enrol, list, reset, verify an OTP, and introspect an `mfa_token`.

use crate::dto;
use crate::secret::Secret;

open_enum! {
    /// An MFA factor type.
    pub enum MfaFactorType {
        /// Time-based one-time password (authenticator app).
        Otp = "OTP",
        /// SMS code.
        Sms = "SMS",
        /// Email code.
        Email = "EMAIL",
        /// Face recognition.
        Face = "FACE",
    }
}

/// Body of `POST /mfa/token/introspection`.
#[dto]
pub struct MfaTokenIntrospectionDto {
    /// The `mfa_token` to check (redacted in `Debug`).
    pub token: Secret,
}

/// The bare answer of `POST /mfa/token/introspection` (`MfaTokenIntrospectResponse`).
#[dto]
pub struct MfaTokenIntrospection {
    /// Whether the token is valid.
    pub active: bool,
    /// The issuing user pool (when active).
    pub user_pool_id: Option<String>,
    /// The user (when active).
    pub user_id: Option<String>,
    /// Expiry, seconds since the epoch (when active).
    pub exp: Option<i64>,
    /// Issue time, seconds since the epoch (when active).
    pub iat: Option<i64>,
}

/// `profile` of `send-enroll-factor-request` (`FactorProfile`): what the factor is bound to.
#[dto]
pub struct FactorProfile {
    /// For `SMS`: the phone number to bind (a code is sent to it).
    pub phone_number: Option<String>,
    /// For `SMS`: the country code (default `+86`).
    pub phone_country_code: Option<String>,
    /// For `EMAIL`: the email to bind (a code is sent to it).
    pub email: Option<String>,
}

/// Body of `POST /api/v3/send-enroll-factor-request`.
#[dto]
pub struct SendEnrollFactorRequestDto {
    /// Factor details; always sent (`{}` for `OTP` and `FACE`).
    pub profile: FactorProfile,
    /// The factor type to enrol.
    pub factor_type: MfaFactorType,
}

/// `otpData` of an `OTP` enrolment request. Every field carries the OTP seed, so all are
/// redacted in `Debug`.
#[dto]
pub struct OtpEnrollmentData {
    /// The `otpauth://` URI.
    pub qr_code_uri: Option<Secret>,
    /// The QR code as a base64 data URL.
    pub qr_code_data_url: Option<Secret>,
    /// The recovery code.
    pub recovery_code: Option<Secret>,
}

/// `data` of `send-enroll-factor-request` (`SendEnrollFactorRequestDataDto`).
#[dto]
pub struct FactorEnrollmentTicket {
    /// Token for `enroll-factor`, valid for one minute.
    pub enrollment_token: Secret,
    /// For `OTP`: the seed to show the user.
    pub otp_data: Option<OtpEnrollmentData>,
}

/// `enrollmentData` of `enroll-factor`: the proof for the factor being enrolled.
#[dto]
pub struct FactorEnrollmentData {
    /// For `SMS`, `EMAIL`, `OTP`: the code.
    pub pass_code: Option<Secret>,
    /// For `FACE`: the face photo URL.
    pub photo: Option<String>,
    /// For `FACE`: whether `photo` is an external URL.
    pub is_external_photo: Option<bool>,
}

/// Body of `POST /api/v3/enroll-factor`.
#[dto]
pub struct EnrollFactorDto {
    /// The proof; always sent.
    pub enrollment_data: FactorEnrollmentData,
    /// From `send-enroll-factor-request`.
    pub enrollment_token: Secret,
    /// The factor type being enrolled.
    pub factor_type: MfaFactorType,
}

/// Body of `POST /api/v3/reset-factor`.
#[dto]
pub struct ResetFactorDto {
    /// The enrolled factor's id.
    pub factor_id: String,
}

/// An enrolled factor (`FactorDto`).
#[dto]
pub struct MfaFactor {
    /// Factor id.
    pub factor_id: String,
    /// Factor type.
    pub factor_type: MfaFactorType,
    /// What the factor is bound to (free-form: phone, email, …).
    pub profile: Option<serde_json::Value>,
}

/// A factor the user may enrol (`FactorToEnrollDto`).
#[dto]
pub struct FactorToEnroll {
    /// Factor type.
    pub factor_type: MfaFactorType,
}

/// Body of `POST /api/v3/mfa-totp-verify`.
#[dto]
pub struct MfaOtpVerifyDto {
    /// The current TOTP code.
    pub totp: Secret,
}

/// `data` of `mfa-totp-verify`.
#[dto]
#[derive(Copy)]
pub struct OtpVerification {
    /// Whether the code was right.
    pub verified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enrol_request_always_sends_profile_and_redacts_otp_seed() {
        assert_eq!(
            serde_json::to_string(&SendEnrollFactorRequestDto {
                factor_type: MfaFactorType::Otp,
                ..Default::default()
            })
            .unwrap(),
            r#"{"profile":{},"factorType":"OTP"}"#
        );
        let t: FactorEnrollmentTicket = serde_json::from_str(
            r#"{"enrollmentToken":"ET","otpData":{"qrCodeUri":"otpauth://totp/x?secret=SEED","recoveryCode":"RC"}}"#,
        )
        .unwrap();
        let dbg = format!("{t:?}");
        assert!(!dbg.contains("SEED") && !dbg.contains("RC") && !dbg.contains("ET"));
        let f: FactorToEnroll = serde_json::from_str(r#"{"factorType":"WEBAUTHN"}"#).unwrap();
        assert_eq!(f.factor_type, MfaFactorType::Other("WEBAUTHN".into()));
    }
}
