//! The signed-in user's own profile, contact bindings, security info, devices and switchable
//! public accounts.

use serde::{Deserialize, Serialize};

use super::Identity;
use crate::secret::Secret;

open_enum! {
    /// A user's gender.
    pub enum Gender {
        /// Male.
        Male = "M",
        /// Female.
        Female = "F",
        /// Unknown.
        Unknown = "U",
    }
}

open_enum! {
    /// `status` of a user account.
    pub enum UserStatus {
        /// Normal.
        Activated = "Activated",
        /// Suspended.
        Suspended = "Suspended",
        /// Disabled.
        Deactivated = "Deactivated",
        /// Resigned.
        Resigned = "Resigned",
        /// Archived.
        Archived = "Archived",
    }
}

open_enum! {
    /// `workStatus` of a user account.
    pub enum WorkStatus {
        /// Employed.
        Active = "Active",
        /// Left.
        Closed = "Closed",
    }
}

open_enum! {
    /// `userSourceType`: how the account was created.
    pub enum UserSourceType {
        /// Imported from a spreadsheet.
        Excel = "excel",
        /// Self-registered.
        Register = "register",
        /// Created by an administrator (console or management API).
        AdminCreated = "adminCreated",
        /// Created by a synchronisation task.
        Sync = "sync",
    }
}

/// Query of `GET /api/v3/get-profile`: which optional parts to include. Absent flags are
/// omitted (the server's default is `false`; node fills `false` explicitly).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetProfileQuery {
    /// Include `customData`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_custom_data: Option<bool>,
    /// Include `identities`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_identities: Option<bool>,
    /// Include `departmentIds` (node SDK only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_department_ids: Option<bool>,
}

/// The user as returned by `get-profile` and `update-profile` (`UserDto`). Every field but
/// `userId` may be absent; unknown fields are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserProfile {
    /// User id.
    pub user_id: String,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Account status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
    /// Work status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_status: Option<WorkStatus>,
    /// Third-party external id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Email (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number, without country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Phone country code such as `+86`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_country_code: Option<String>,
    /// Username (unique in the user pool).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Real name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// Avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    /// Number of logins so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logins_count: Option<u64>,
    /// Last login time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login: Option<String>,
    /// Last login IP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_ip: Option<String>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Whether the email is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// Whether the phone is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_verified: Option<bool>,
    /// When the password was last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_last_set_at: Option<String>,
    /// Date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Browser user agent of the last login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<String>,
    /// Device of the last login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Profile page URL (OIDC `profile` claim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Preferred username.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_username: Option<String>,
    /// Personal website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zoneinfo: Option<String>,
    /// Locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Full formatted address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted: Option<String>,
    /// Region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// How the account was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_source_type: Option<UserSourceType>,
    /// Application id or synchronisation task id the account came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_source_id: Option<String>,
    /// Application of the last login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login_app: Option<String>,
    /// Main department id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_department_id: Option<String>,
    /// Last MFA authentication time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_mfa_time: Option<String>,
    /// Password strength level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_security_level: Option<i64>,
    /// The password must be reset at next login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_password_on_next_login: Option<bool>,
    /// Registration methods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_source: Option<Vec<String>>,
    /// Department ids (with `withDepartmentIds`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_ids: Option<Vec<String>>,
    /// External identities (with `withIdentities`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identities: Option<Vec<Identity>>,
    /// Identity-card number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_number: Option<String>,
    /// Custom data (with `withCustomData`; free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_data: Option<serde_json::Value>,
    /// Extended fields of the user's data object (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_source: Option<serde_json::Value>,
    /// Associated post ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_id_list: Option<Vec<String>>,
    /// When `status` last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_changed_at: Option<String>,
    /// Tenant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Registration time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_up: Option<String>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Body of `POST /api/v3/update-profile` (`UpdateUserProfileDto`): only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateProfileDto {
    /// Real name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// Avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    /// Third-party external id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Username (unique in the user pool).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Custom data; its keys must be custom fields defined in the user pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_data: Option<serde_json::Value>,
    /// Identity-card number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_number: Option<String>,
}

/// Body of `POST /api/v3/bind-email` (code from `send-email`, `CHANNEL_BIND_EMAIL`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BindEmailDto {
    /// The code sent to `email`.
    pub pass_code: Secret,
    /// The email to bind.
    pub email: String,
}

/// Body of `POST /api/v3/unbind-email` (code from `send-email`, `CHANNEL_UNBIND_EMAIL`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnbindEmailDto {
    /// The code sent to the bound email.
    pub pass_code: Secret,
}

/// Body of `POST /api/v3/bind-phone` (code from `send-sms`, `CHANNEL_BIND_PHONE`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BindPhoneDto {
    /// The code sent to `phone_number`.
    pub pass_code: Secret,
    /// The phone number to bind, without country code.
    pub phone_number: String,
    /// Country code such as `+86` (optional for mainland China).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_country_code: Option<String>,
}

/// Body of `POST /api/v3/unbind-phone` (code from `send-sms`, `CHANNEL_UNBIND_PHONE`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateEmailPassCodePayload {
    /// The new email.
    pub new_email: String,
    /// The code sent to the new email (`CHANNEL_UPDATE_EMAIL`).
    pub new_email_pass_code: Secret,
    /// The current email, when the user pool requires verifying it too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_email: Option<String>,
    /// The code sent to the current email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_email_pass_code: Option<Secret>,
}

/// Body of `POST /api/v3/verify-update-email-request`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyUpdateEmailRequestDto {
    /// The codes.
    pub email_pass_code_payload: UpdateEmailPassCodePayload,
    /// Always `EMAIL_PASSCODE` today.
    pub verify_method: UpdateEmailVerifyMethod,
}

impl VerifyUpdateEmailRequestDto {
    /// A body with `verifyMethod: EMAIL_PASSCODE`.
    pub fn new(payload: UpdateEmailPassCodePayload) -> Self {
        VerifyUpdateEmailRequestDto {
            email_pass_code_payload: payload,
            verify_method: UpdateEmailVerifyMethod::EmailPasscode,
        }
    }
}

/// `phonePassCodePayload` of `verify-update-phone-request` (`UpdatePhoneByPhonePassCodeDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePhonePassCodePayload {
    /// The new phone number.
    pub new_phone_number: String,
    /// The code sent to the new phone.
    pub new_phone_pass_code: Secret,
    /// The new phone's country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_phone_country_code: Option<String>,
    /// The current phone number, when the user pool requires verifying it too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_phone_number: Option<String>,
    /// The code sent to the current phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_phone_pass_code: Option<Secret>,
    /// The current phone's country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_phone_country_code: Option<String>,
}

/// Body of `POST /api/v3/verify-update-phone-request`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyUpdatePhoneRequestDto {
    /// The codes.
    pub phone_pass_code_payload: UpdatePhonePassCodePayload,
    /// Always `PHONE_PASSCODE` today.
    pub verify_method: UpdatePhoneVerifyMethod,
}

impl VerifyUpdatePhoneRequestDto {
    /// A body with `verifyMethod: PHONE_PASSCODE`.
    pub fn new(payload: UpdatePhonePassCodePayload) -> Self {
        VerifyUpdatePhoneRequestDto {
            phone_pass_code_payload: payload,
            verify_method: UpdatePhoneVerifyMethod::PhonePasscode,
        }
    }
}

/// `data` of `verify-update-email-request`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateEmailToken {
    /// Token for `update-email`.
    pub update_email_token: Secret,
    /// Lifetime in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_expires_in: Option<u64>,
}

/// `data` of `verify-update-phone-request`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePhoneToken {
    /// Token for `update-phone`.
    pub update_phone_token: Secret,
    /// Lifetime in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_expires_in: Option<u64>,
}

/// Body of `POST /api/v3/update-email`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateEmailDto {
    /// From `verify-update-email-request`.
    pub update_email_token: Secret,
}

/// Body of `POST /api/v3/update-phone`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePhoneDto {
    /// From `verify-update-phone-request`.
    pub update_phone_token: Secret,
}

/// Body of `POST /api/v3/delete-account`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteAccountDto {
    /// From `verify-delete-account-request`.
    pub delete_account_token: Secret,
}

/// `data` of `GET /api/v3/get-security-info` (`GetSecurityInfoDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityInfo {
    /// Password strength level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_security_level: Option<i64>,
    /// Whether an MFA factor is enrolled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_enrolled: Option<bool>,
    /// Whether a password is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_set: Option<bool>,
    /// Whether an email is bound (wire name `emailBinded`, sic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_binded: Option<bool>,
    /// Whether a phone is bound (wire name `phoneBinded`, sic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_binded: Option<bool>,
    /// Account security score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_score: Option<i64>,
}

/// Body of `POST /api/v3/mydevices/unbind` and `POST /api/v3/mydevices/revoke-session`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceIdDto {
    /// The device's id (`device.deviceId` of a [`TerminalSession`]).
    pub device_id: String,
}

impl DeviceIdDto {
    /// The body for `device_id`.
    pub fn new(device_id: impl Into<String>) -> Self {
        DeviceIdDto {
            device_id: device_id.into(),
        }
    }
}

open_enum! {
    /// `type` of a [`TerminalDevice`].
    pub enum TerminalDeviceType {
        /// A browser.
        Browser = "Browser",
        /// A mobile device.
        Mobile = "Mobile",
        /// A desktop application.
        Desktop = "Desktop",
    }
}

open_enum! {
    /// `status` of a [`TerminalDevice`].
    pub enum TerminalDeviceStatus {
        /// Active.
        Activated = "activated",
        /// Suspended.
        Suspended = "suspended",
        /// Deactivated.
        Deactivated = "deactivated",
    }
}

/// `device` of a [`TerminalSession`] (`DeviceInfo`). Unknown fields are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TerminalDevice {
    /// Device id (what `unbind` / `revoke-session` take).
    pub device_id: String,
    /// Device name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// System version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Device type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub device_type: Option<TerminalDeviceType>,
    /// Device model (wire name `mod`).
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Operating system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
    /// Device status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TerminalDeviceStatus>,
    /// User agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One item of `GET /api/v3/mydevices/list` (`TerminalSessionDto`). Unknown fields are kept in
/// `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TerminalSession {
    /// The device.
    pub device: TerminalDevice,
    /// Last login time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login_time: Option<String>,
    /// Last login IP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_ip: Option<String>,
    /// Whether the device is online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<bool>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

open_enum! {
    /// `usertype` of a switchable account.
    pub enum PublicAccountUserType {
        /// A personal account (`"1"`).
        Personal = "1",
        /// A public (shared) account (`"2"`).
        Public = "2",
    }
}

/// An account the user can switch to, or the user's own account (`ListPublicAccountDataDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwitchableAccount {
    /// Account id (for `switch-login-by-user`).
    pub user_id: String,
    /// Avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Personal or public account (wire name `usertype`).
    #[serde(default, rename = "usertype", skip_serializing_if = "Option::is_none")]
    pub user_type: Option<PublicAccountUserType>,
}

/// One item of `GET /api/v3/get-user-select-login-public-accounts`
/// (`GetUserSelectLoginPublicAccountsDataDto`; the node SDK types `data` as an array of these).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwitchableAccounts {
    /// Public accounts the user may sign in as.
    #[serde(default)]
    pub public_accounts: Vec<SwitchableAccount>,
    /// The user's own account (with `withOriginUser=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_user: Option<SwitchableAccount>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_profile_sends_only_what_is_set() {
        let dto = UpdateProfileDto {
            nickname: Some("n".into()),
            gender: Some(Gender::Female),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&dto).unwrap(),
            r#"{"nickname":"n","gender":"F"}"#
        );
        assert_eq!(
            serde_json::to_string(&UpdateProfileDto::default()).unwrap(),
            "{}"
        );
    }

    #[test]
    fn profile_tolerates_new_values_and_keeps_unknown_fields() {
        let p: UserProfile = serde_json::from_str(
            r#"{"userId":"u","status":"Frozen","gender":"X","brandNew":{"a":1}}"#,
        )
        .unwrap();
        assert_eq!(p.status, Some(UserStatus::Other("Frozen".into())));
        assert_eq!(p.gender, Some(Gender::Other("X".into())));
        assert_eq!(p.extra["brandNew"]["a"], 1);
        let back = serde_json::to_value(&p).unwrap();
        assert_eq!(back["status"], "Frozen");
        assert_eq!(back["brandNew"]["a"], 1);
    }

    #[test]
    fn device_wire_names() {
        let s: TerminalSession = serde_json::from_str(
            r#"{"device":{"deviceId":"d","type":"Mobile","mod":"Pixel"},"online":true}"#,
        )
        .unwrap();
        assert_eq!(s.device.device_type, Some(TerminalDeviceType::Mobile));
        assert_eq!(s.device.model.as_deref(), Some("Pixel"));
    }
}
