//! The standard WebAuthn credentials the browser returns (`RegistrationResponseJSON`,
//! `AuthenticationResponseJSON`).

use super::{AuthenticatorAttachment, AuthenticatorTransport, PublicKeyCredentialType};
use crate::dto;

/// `response` of a new credential (`AuthenticatorAttestationResponseJSON`).
#[dto]
pub struct AuthenticatorAttestationResponseJson {
    /// CBOR attestation object, base64url.
    pub attestation_object: String,
    /// Client data, base64url (wire `clientDataJSON`).
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    /// Authenticator data, base64url (Level 3; not in GenAuth's DTO).
    pub authenticator_data: Option<String>,
    /// Transports, where the browser puts them (Level 3). GenAuth reads the top-level
    /// [`RegistrationResponseJson::transports`] instead.
    pub transports: Option<Vec<AuthenticatorTransport>>,
    /// SPKI public key, base64url (Level 3; not in GenAuth's DTO).
    pub public_key: Option<String>,
    /// COSE algorithm of `public_key` (Level 3; not in GenAuth's DTO).
    pub public_key_algorithm: Option<i64>,
}

/// A new credential as the browser returns it (`RegistrationResponseJSON`, i.e.
/// `credential.toJSON()` after `navigator.credentials.create()`), plus GenAuth's top-level
/// `transports` (node `RegistrationCredentialDto`).
#[dto]
pub struct RegistrationResponseJson {
    /// Credential id, base64url.
    pub id: String,
    /// Raw credential id, base64url.
    pub raw_id: String,
    /// The authenticator's response.
    pub response: AuthenticatorAttestationResponseJson,
    /// Transports, where GenAuth reads them (top level).
    pub transports: Option<Vec<AuthenticatorTransport>>,
    /// `public-key`.
    #[serde(rename = "type")]
    pub credential_type: PublicKeyCredentialType,
    /// Platform or roaming.
    pub authenticator_attachment: Option<AuthenticatorAttachment>,
    /// Client extension outputs (free-form JSON object).
    pub client_extension_results: Option<serde_json::Map<String, serde_json::Value>>,
}

impl RegistrationResponseJson {
    /// Copies `response.transports` (where browsers put them) to the top-level `transports`
    /// GenAuth reads, unless that is already set.
    pub fn with_top_level_transports(mut self) -> Self {
        if self.transports.is_none() {
            self.transports = self.response.transports.clone();
        }
        self
    }
}

/// `response` of an assertion (`AuthenticatorAssertionResponseJSON`).
#[dto]
pub struct AuthenticatorAssertionResponseJson {
    /// Authenticator data, base64url.
    pub authenticator_data: String,
    /// Client data, base64url (wire `clientDataJSON`).
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    /// Signature, base64url.
    pub signature: String,
    /// User handle, base64url (always present for discoverable credentials).
    pub user_handle: Option<String>,
}

/// An assertion as the browser returns it (`AuthenticationResponseJSON`, i.e.
/// `credential.toJSON()` after `navigator.credentials.get()`; node
/// `AuthenticationCredentialDto`).
#[dto]
pub struct AuthenticationResponseJson {
    /// Credential id, base64url.
    pub id: String,
    /// Raw credential id, base64url.
    pub raw_id: String,
    /// The authenticator's response.
    pub response: AuthenticatorAssertionResponseJson,
    /// `public-key`.
    #[serde(rename = "type")]
    pub credential_type: PublicKeyCredentialType,
    /// Platform or roaming.
    pub authenticator_attachment: Option<AuthenticatorAttachment>,
    /// Client extension outputs (free-form JSON object).
    pub client_extension_results: Option<serde_json::Map<String, serde_json::Value>>,
}
