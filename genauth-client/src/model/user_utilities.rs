//! Password validation and user-event publishing.

use crate::crypto::PasswordEncryptType;
use crate::dto;
use crate::secret::Password;

/// Body of `POST /api/v3/validate-password` (`ValidatePasswordDto`): a password and one
/// identifier of the user.
#[dto]
pub struct ValidatePasswordDto {
    /// Phone number, without country code.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Username.
    pub username: Option<String>,
    /// Phone country code such as `+86`.
    pub phone_country_code: Option<String>,
    /// The password to check (encrypted on the wire per `passwordEncryptType`).
    pub password: Option<Password>,
    /// `none` / `rsa` / `sm2` (client default when unset).
    pub password_encrypt_type: Option<PasswordEncryptType>,
}

/// `data` of `validate-password` (`ValidatePasswordResultDto`).
#[dto]
#[derive(Copy)]
pub struct PasswordValidation {
    /// Whether the password is right.
    pub valid: bool,
}

/// Body of `POST /api/v3/pub-userEvent`.
///
/// On the wire `eventData` is a **string** holding the event's JSON (both official SDKs send it
/// so); [`PutEventDto::new`] encodes a [`serde_json::Value`] into it.
///
/// ```
/// # extern crate genauth_client as genauth;
/// use genauth::PutEventDto;
///
/// let dto = PutEventDto::new("my_app:order_paid", &serde_json::json!({"orderId": 42}));
/// assert_eq!(
///     serde_json::to_string(&dto).unwrap(),
///     r#"{"eventType":"my_app:order_paid","eventData":"{\"orderId\":42}"}"#
/// );
/// ```
#[dto]
pub struct PutEventDto {
    /// The event code.
    pub event_type: String,
    /// Where the event comes from (node sends `"authing-node-sdk: 4.0.1"`; py sends nothing).
    pub source: Option<String>,
    /// The event's data, JSON-encoded as a string.
    pub event_data: String,
}

impl PutEventDto {
    /// An event whose data is `data`, JSON-encoded into `eventData` (compact).
    pub fn new(event_type: impl Into<String>, data: &serde_json::Value) -> Self {
        PutEventDto {
            event_type: event_type.into(),
            event_data: data.to_string(),
            ..Default::default()
        }
    }

    /// `eventData` decoded back from JSON.
    pub fn data(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::from_str(&self.event_data)
    }
}
