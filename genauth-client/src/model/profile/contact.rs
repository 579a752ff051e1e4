//! Binding, unbinding and changing the user's email and phone.

use crate::dto;
use crate::secret::Secret;

/// Body of `POST /api/v3/bind-email` (code from `send-email`, `CHANNEL_BIND_EMAIL`).
#[dto]
pub struct BindEmailDto {
    /// The code sent to `email`.
    pub pass_code: Secret,
    /// The email to bind.
    pub email: String,
}

/// Body of `POST /api/v3/unbind-email` (code from `send-email`, `CHANNEL_UNBIND_EMAIL`).
#[dto]
pub struct UnbindEmailDto {
    /// The code sent to the bound email.
    pub pass_code: Secret,
}

/// Body of `POST /api/v3/bind-phone` (code from `send-sms`, `CHANNEL_BIND_PHONE`).
#[dto]
pub struct BindPhoneDto {
    /// The code sent to `phone_number`.
    pub pass_code: Secret,
    /// The phone number to bind, without country code.
    pub phone_number: String,
    /// Country code such as `+86` (optional for mainland China).
    pub phone_country_code: Option<String>,
}

/// Body of `POST /api/v3/unbind-phone` (code from `send-sms`, `CHANNEL_UNBIND_PHONE`).
#[dto]
pub struct UnbindPhoneDto {
    /// The code sent to the bound phone.
    pub pass_code: Secret,
}

open_enum! {
    /// `verifyMethod` of `verify-update-email-request`.
    pub enum UpdateEmailVerifyMethod {
        /// Codes sent to the new (and old) email.
        EmailPasscode = "EMAIL_PASSCODE",
    }
}

open_enum! {
    /// `verifyMethod` of `verify-update-phone-request`.
    pub enum UpdatePhoneVerifyMethod {
        /// Codes sent to the new (and old) phone.
        PhonePasscode = "PHONE_PASSCODE",
    }
}

/// `emailPassCodePayload` of `verify-update-email-request` (`UpdateEmailByEmailPassCodeDto`).
#[dto]
pub struct UpdateEmailPassCodePayload {
    /// The new email.
    pub new_email: String,
    /// The code sent to the new email (`CHANNEL_UPDATE_EMAIL`).
    pub new_email_pass_code: Secret,
    /// The current email, when the user pool requires verifying it too.
    pub old_email: Option<String>,
    /// The code sent to the current email.
    pub old_email_pass_code: Option<Secret>,
}

/// Body of `POST /api/v3/verify-update-email-request`.
#[dto]
pub struct VerifyUpdateEmailRequestDto {
    /// The codes.
    pub email_pass_code_payload: UpdateEmailPassCodePayload,
    /// Always `EMAIL_PASSCODE` today.
    pub verify_method: UpdateEmailVerifyMethod,
}

impl VerifyUpdateEmailRequestDto {
    /// A body with `verifyMethod: EMAIL_PASSCODE`, the one method this request has (the
    /// field's `Default` is no method at all).
    pub fn new(payload: UpdateEmailPassCodePayload) -> Self {
        VerifyUpdateEmailRequestDto {
            email_pass_code_payload: payload,
            verify_method: UpdateEmailVerifyMethod::EmailPasscode,
        }
    }
}

/// `phonePassCodePayload` of `verify-update-phone-request` (`UpdatePhoneByPhonePassCodeDto`).
#[dto]
pub struct UpdatePhonePassCodePayload {
    /// The new phone number.
    pub new_phone_number: String,
    /// The code sent to the new phone.
    pub new_phone_pass_code: Secret,
    /// The new phone's country code.
    pub new_phone_country_code: Option<String>,
    /// The current phone number, when the user pool requires verifying it too.
    pub old_phone_number: Option<String>,
    /// The code sent to the current phone.
    pub old_phone_pass_code: Option<Secret>,
    /// The current phone's country code.
    pub old_phone_country_code: Option<String>,
}

/// Body of `POST /api/v3/verify-update-phone-request`.
#[dto]
pub struct VerifyUpdatePhoneRequestDto {
    /// The codes.
    pub phone_pass_code_payload: UpdatePhonePassCodePayload,
    /// Always `PHONE_PASSCODE` today.
    pub verify_method: UpdatePhoneVerifyMethod,
}

impl VerifyUpdatePhoneRequestDto {
    /// A body with `verifyMethod: PHONE_PASSCODE`, the one method this request has (the
    /// field's `Default` is no method at all).
    pub fn new(payload: UpdatePhonePassCodePayload) -> Self {
        VerifyUpdatePhoneRequestDto {
            phone_pass_code_payload: payload,
            verify_method: UpdatePhoneVerifyMethod::PhonePasscode,
        }
    }
}

/// `data` of `verify-update-email-request`.
#[dto]
pub struct UpdateEmailToken {
    /// Token for `update-email`.
    pub update_email_token: Secret,
    /// Lifetime in seconds.
    pub token_expires_in: Option<u64>,
}

/// `data` of `verify-update-phone-request`.
#[dto]
pub struct UpdatePhoneToken {
    /// Token for `update-phone`.
    pub update_phone_token: Secret,
    /// Lifetime in seconds.
    pub token_expires_in: Option<u64>,
}

/// Body of `POST /api/v3/update-email`.
#[dto]
pub struct UpdateEmailDto {
    /// From `verify-update-email-request`.
    pub update_email_token: Secret,
}

/// Body of `POST /api/v3/update-phone`.
#[dto]
pub struct UpdatePhoneDto {
    /// From `verify-update-phone-request`.
    pub update_phone_token: Secret,
}
