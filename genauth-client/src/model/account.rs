use serde::{Deserialize, Serialize};

use super::PassCodePayload;
use crate::WireSchema;
use crate::crypto::PasswordEncryptType;
use crate::dto;
use crate::secret::{Password, Secret};

/// `connection` of `POST /api/v3/signup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, WireSchema)]
pub enum SignUpConnection {
    /// Password with username or email (`passwordPayload`).
    #[default]
    #[serde(rename = "PASSWORD")]
    Password,
    /// Passcode by SMS or email (`passCodePayload`).
    #[serde(rename = "PASSCODE")]
    Passcode,
}

/// Body of `POST /api/v3/signup` (`SignUpDto`).
#[dto]
pub struct SignUpDto {
    /// Which credential kind follows.
    pub connection: SignUpConnection,
    /// For [`SignUpConnection::Password`].
    pub password_payload: Option<SignUpPasswordPayload>,
    /// For [`SignUpConnection::Passcode`] (code from `CHANNEL_REGISTER`).
    pub pass_code_payload: Option<PassCodePayload>,
    /// Profile fields (`nickname`, `givenName`, …, custom data).
    pub profile: Option<serde_json::Value>,
    /// Sign-up options.
    pub options: Option<SignUpOptions>,
}

/// `passwordPayload` of a sign-up: a password and a username or email.
#[dto]
pub struct SignUpPasswordPayload {
    /// The password (encrypted on the wire per `passwordEncryptType`).
    pub password: Password,
    /// Username.
    pub username: Option<String>,
    /// Email.
    pub email: Option<String>,
}

/// `options` of a sign-up (`SignUpOptionsDto`).
#[dto]
pub struct SignUpOptions {
    /// The end user's IP.
    pub client_ip: Option<String>,
    /// A passcode sent to the phone, to complete the profile's phone at sign-up.
    pub phone_pass_code_for_information_completion: Option<Secret>,
    /// A passcode sent to the email, to complete the profile's email at sign-up.
    pub email_pass_code_for_information_completion: Option<Secret>,
    /// A password to set when signing up with a phone passcode. Sent as given: whether the
    /// server decrypts this field per `passwordEncryptType` is not documented, so it is not
    /// encrypted (redacted in `Debug` all the same).
    pub password_for_phone_pass_code: Option<Password>,
    /// Passed to pipeline `context`.
    pub context: Option<serde_json::Value>,
    /// `none` / `rsa` / `sm2` (client default when unset).
    pub password_encrypt_type: Option<PasswordEncryptType>,
}

/// A user as returned by sign-up (`UserSingleRespDto.data`). Unknown fields are kept in `extra`.
#[dto(extra)]
pub struct UserInfo {
    /// User id.
    pub user_id: String,
    /// Username.
    pub username: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// Body of `POST /api/v3/update-password` (user token required).
#[dto]
pub struct UpdatePasswordDto {
    /// The new password (encrypted per `passwordEncryptType`).
    pub new_password: Password,
    /// The current password (encrypted too, as the mobile SDKs do).
    pub old_password: Option<Password>,
    /// `none` / `rsa` / `sm2` (client default when unset).
    pub password_encrypt_type: Option<PasswordEncryptType>,
    /// A password-reset token (from `verify-reset-password-request`), as node's DTO allows.
    pub password_reset_token: Option<Secret>,
}

/// `verifyMethod` of the reset / delete-account verification requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, WireSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VerifyMethod {
    /// A code sent by email.
    #[default]
    EmailPasscode,
    /// A code sent by SMS.
    PhonePasscode,
    /// The account password (delete-account only).
    Password,
}

/// `emailPassCodePayload`.
#[dto]
pub struct EmailPassCodePayload {
    /// Email.
    pub email: String,
    /// The code.
    pub pass_code: Secret,
}

/// `phonePassCodePayload`.
#[dto]
pub struct PhonePassCodePayload {
    /// Phone number.
    pub phone_number: String,
    /// The code.
    pub pass_code: Secret,
    /// Country code such as `+86`.
    pub phone_country_code: Option<String>,
}

/// Body of `POST /api/v3/verify-reset-password-request`.
#[dto]
pub struct VerifyResetPasswordRequestDto {
    /// `EMAIL_PASSCODE` or `PHONE_PASSCODE`.
    pub verify_method: VerifyMethod,
    /// For `PHONE_PASSCODE`.
    pub phone_pass_code_payload: Option<PhonePassCodePayload>,
    /// For `EMAIL_PASSCODE`.
    pub email_pass_code_payload: Option<EmailPassCodePayload>,
}

/// `data` of the reset-password verification.
#[dto]
pub struct PasswordResetToken {
    /// Token for `reset-password`.
    pub password_reset_token: Secret,
    /// Lifetime in seconds.
    pub token_expires_in: Option<u64>,
}

/// Body of `POST /api/v3/reset-password`.
#[dto]
pub struct ResetPasswordDto {
    /// The new password (encrypted per `passwordEncryptType`).
    pub password: Password,
    /// From `verify-reset-password-request`.
    pub password_reset_token: Secret,
    /// `none` / `rsa` / `sm2` (client default when unset).
    pub password_encrypt_type: Option<PasswordEncryptType>,
}

/// `data` of endpoints answering `IsSuccessRespDto`.
#[dto]
#[derive(Copy)]
pub struct IsSuccess {
    /// Whether the operation succeeded.
    pub success: bool,
}

/// `passwordPayload` of the delete-account verification (the flag sits inside it).
#[dto]
pub struct DeleteAccountPasswordPayload {
    /// The account password (encrypted per `passwordEncryptType`).
    pub password: Password,
    /// `none` / `rsa` / `sm2` (client default when unset).
    pub password_encrypt_type: Option<PasswordEncryptType>,
}

/// Body of `POST /api/v3/verify-delete-account-request` (user token required).
#[dto]
pub struct VerifyDeleteAccountRequestDto {
    /// `PHONE_PASSCODE`, `EMAIL_PASSCODE` or `PASSWORD`.
    pub verify_method: VerifyMethod,
    /// For `PHONE_PASSCODE`.
    pub phone_pass_code_payload: Option<PhonePassCodePayload>,
    /// For `EMAIL_PASSCODE`.
    pub email_pass_code_payload: Option<EmailPassCodePayload>,
    /// For `PASSWORD`.
    pub password_payload: Option<DeleteAccountPasswordPayload>,
}

/// `data` of the delete-account verification.
#[dto]
pub struct DeleteAccountToken {
    /// Token for `delete-account`.
    pub delete_account_token: Secret,
    /// Lifetime in seconds.
    pub token_expires_in: Option<u64>,
}
