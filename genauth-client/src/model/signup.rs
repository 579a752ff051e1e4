//! The sign-up profile shared by `signup` (through [`crate::api::SignUpExt`]) and the invitation
//! sign-up `join-by-invitation`.

use super::Gender;
use crate::dto;

/// Profile fields of a new user (`SignUpProfileDto`; `InviteeProfileDto` adds `username`).
/// Only the fields set are sent.
#[dto]
pub struct SignUpProfile {
    /// Username (in node's types for `join-by-invitation` only).
    pub username: Option<String>,
    /// Nickname.
    pub nickname: Option<String>,
    /// Company.
    pub company: Option<String>,
    /// Avatar URL.
    pub photo: Option<String>,
    /// Device.
    pub device: Option<String>,
    /// Browser.
    pub browser: Option<String>,
    /// Real name.
    pub name: Option<String>,
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
    /// Gender.
    pub gender: Option<Gender>,
    /// Date of birth.
    pub birthdate: Option<String>,
    /// Time zone.
    pub zoneinfo: Option<String>,
    /// Locale.
    pub locale: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Full formatted address.
    pub formatted: Option<String>,
    /// Street address.
    pub street_address: Option<String>,
    /// Locality.
    pub locality: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Phone country code such as `+86`.
    pub phone_country_code: Option<String>,
    /// Custom data; its keys must be custom fields defined in the user pool.
    pub custom_data: Option<serde_json::Value>,
}
