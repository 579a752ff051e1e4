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

use super::Identity;
use crate::dto;

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
#[dto]
#[derive(Copy)]
pub struct GetProfileQuery {
    /// Include `customData`.
    pub with_custom_data: Option<bool>,
    /// Include `identities`.
    pub with_identities: Option<bool>,
    /// Include `departmentIds` (node SDK only).
    pub with_department_ids: Option<bool>,
}

/// The user as returned by `get-profile` and `update-profile` (`UserDto`). Every field but
/// `userId` may be absent; unknown fields are kept in `extra`.
#[dto(extra)]
pub struct UserProfile {
    /// User id.
    pub user_id: String,
    /// Creation time.
    pub created_at: Option<String>,
    /// Last update time.
    pub updated_at: Option<String>,
    /// Account status.
    pub status: Option<UserStatus>,
    /// Work status.
    pub work_status: Option<WorkStatus>,
    /// Third-party external id.
    pub external_id: Option<String>,
    /// Email (case-insensitive).
    pub email: Option<String>,
    /// Phone number, without country code.
    pub phone: Option<String>,
    /// Phone country code such as `+86`.
    pub phone_country_code: Option<String>,
    /// Username (unique in the user pool).
    pub username: Option<String>,
    /// Real name.
    pub name: Option<String>,
    /// Nickname.
    pub nickname: Option<String>,
    /// Avatar URL.
    pub photo: Option<String>,
    /// Number of logins so far.
    pub logins_count: Option<u64>,
    /// Last login time.
    pub last_login: Option<String>,
    /// Last login IP.
    pub last_ip: Option<String>,
    /// Gender.
    pub gender: Option<Gender>,
    /// Whether the email is verified.
    pub email_verified: Option<bool>,
    /// Whether the phone is verified.
    pub phone_verified: Option<bool>,
    /// When the password was last changed.
    pub password_last_set_at: Option<String>,
    /// Date of birth.
    pub birthdate: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Street address.
    pub street_address: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Company.
    pub company: Option<String>,
    /// Browser user agent of the last login.
    pub browser: Option<String>,
    /// Device of the last login.
    pub device: Option<String>,
    /// Given name.
    pub given_name: Option<String>,
    /// Family name.
    pub family_name: Option<String>,
    /// Middle name.
    pub middle_name: Option<String>,
    /// Profile page URL (OIDC `profile` claim).
    pub profile: Option<String>,
    /// Preferred username.
    pub preferred_username: Option<String>,
    /// Personal website.
    pub website: Option<String>,
    /// Time zone.
    pub zoneinfo: Option<String>,
    /// Locale.
    pub locale: Option<String>,
    /// Full formatted address.
    pub formatted: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// How the account was created.
    pub user_source_type: Option<UserSourceType>,
    /// Application id or synchronisation task id the account came from.
    pub user_source_id: Option<String>,
    /// Application of the last login.
    pub last_login_app: Option<String>,
    /// Main department id.
    pub main_department_id: Option<String>,
    /// Last MFA authentication time.
    pub last_mfa_time: Option<String>,
    /// Password strength level.
    pub password_security_level: Option<i64>,
    /// The password must be reset at next login.
    pub reset_password_on_next_login: Option<bool>,
    /// Registration methods.
    pub register_source: Option<Vec<String>>,
    /// Department ids (with `withDepartmentIds`).
    pub department_ids: Option<Vec<String>>,
    /// External identities (with `withIdentities`).
    pub identities: Option<Vec<Identity>>,
    /// Identity-card number.
    pub identity_number: Option<String>,
    /// Custom data (with `withCustomData`; free-form).
    pub custom_data: Option<serde_json::Value>,
    /// Extended fields of the user's data object (free-form).
    pub metadata_source: Option<serde_json::Value>,
    /// Associated post ids.
    pub post_id_list: Option<Vec<String>>,
    /// When `status` last changed.
    pub status_changed_at: Option<String>,
    /// Tenant id.
    pub tenant_id: Option<String>,
    /// Registration time.
    pub signed_up: Option<String>,
}

/// Body of `POST /api/v3/update-profile` (`UpdateUserProfileDto`): only the fields set are sent.
#[dto]
pub struct UpdateProfileDto {
    /// Real name.
    pub name: Option<String>,
    /// Nickname.
    pub nickname: Option<String>,
    /// Avatar URL.
    pub photo: Option<String>,
    /// Third-party external id.
    pub external_id: Option<String>,
    /// Date of birth.
    pub birthdate: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Street address.
    pub street_address: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Gender.
    pub gender: Option<Gender>,
    /// Username (unique in the user pool).
    pub username: Option<String>,
    /// Company.
    pub company: Option<String>,
    /// Custom data; its keys must be custom fields defined in the user pool.
    pub custom_data: Option<serde_json::Value>,
    /// Identity-card number.
    pub identity_number: Option<String>,
}
