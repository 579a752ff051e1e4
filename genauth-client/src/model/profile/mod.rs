//! The signed-in user's own profile, contact bindings, security info, devices and switchable
//! public accounts.
//!
//! - this module: the profile itself ([`UserProfile`]), `get-profile` and `update-profile`;
//! - `contact`: binding, unbinding and changing the email and phone;
//! - `security`: account deletion, security info, devices and sessions;
//! - `accounts`: public accounts the user can switch to.

mod accounts;
mod contact;
mod security;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::Identity;

pub use accounts::*;
pub use contact::*;
pub use security::*;

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
