//! The standard WebAuthn options the server sends (`PublicKeyCredentialCreationOptionsJSON`,
//! `PublicKeyCredentialRequestOptionsJSON`) and their parts.

use crate::dto;

open_enum! {
    /// `type` of a public-key credential.
    pub enum PublicKeyCredentialType {
        /// `public-key`, the only type WebAuthn defines.
        PublicKey = "public-key",
    }
}

open_enum! {
    /// How an authenticator talks to the client (`AuthenticatorTransport`).
    pub enum AuthenticatorTransport {
        /// USB.
        Usb = "usb",
        /// NFC.
        Nfc = "nfc",
        /// Bluetooth Low Energy.
        Ble = "ble",
        /// ISO/IEC 7816 smart card.
        SmartCard = "smart-card",
        /// Hybrid (phone as authenticator).
        Hybrid = "hybrid",
        /// Built into the device.
        Internal = "internal",
    }
}

open_enum! {
    /// `authenticatorAttachment`.
    pub enum AuthenticatorAttachment {
        /// Built into the device.
        Platform = "platform",
        /// Roaming (security key, phone).
        CrossPlatform = "cross-platform",
    }
}

open_enum! {
    /// `userVerification`.
    pub enum UserVerificationRequirement {
        /// Must verify the user.
        Required = "required",
        /// Verify if possible.
        Preferred = "preferred",
        /// Do not verify.
        Discouraged = "discouraged",
    }
}

open_enum! {
    /// `residentKey` (discoverable credential).
    pub enum ResidentKeyRequirement {
        /// Must be discoverable.
        Required = "required",
        /// Discoverable if possible.
        Preferred = "preferred",
        /// Server-side credential preferred.
        Discouraged = "discouraged",
    }
}

open_enum! {
    /// `attestation` conveyance preference.
    pub enum AttestationConveyancePreference {
        /// No attestation.
        None = "none",
        /// Anonymized attestation allowed.
        Indirect = "indirect",
        /// The authenticator's attestation.
        Direct = "direct",
        /// Enterprise attestation.
        Enterprise = "enterprise",
    }
}

/// `rp` of creation options (`PublicKeyCredentialRpEntity`).
#[dto]
pub struct PublicKeyCredentialRpEntity {
    /// Relying-party id (a domain).
    pub id: Option<String>,
    /// Relying-party name.
    pub name: String,
}

/// `user` of creation options (`PublicKeyCredentialUserEntityJSON`).
#[dto]
pub struct PublicKeyCredentialUserEntityJson {
    /// User handle, base64url.
    pub id: String,
    /// User name.
    pub name: String,
    /// Display name.
    pub display_name: String,
}

/// An acceptable algorithm (`PublicKeyCredentialParameters`).
#[dto]
pub struct PublicKeyCredentialParameters {
    /// `public-key`.
    #[serde(rename = "type")]
    pub credential_type: PublicKeyCredentialType,
    /// COSE algorithm identifier (`-7` ES256, `-257` RS256, …).
    pub alg: i64,
}

/// A credential to exclude or allow (`PublicKeyCredentialDescriptorJSON`).
#[dto]
pub struct PublicKeyCredentialDescriptorJson {
    /// Credential id, base64url.
    pub id: String,
    /// `public-key`.
    #[serde(rename = "type")]
    pub credential_type: PublicKeyCredentialType,
    /// Transports the authenticator supports.
    pub transports: Option<Vec<AuthenticatorTransport>>,
}

/// `authenticatorSelection` of creation options.
#[dto]
pub struct AuthenticatorSelectionCriteria {
    /// Platform or roaming authenticator.
    pub authenticator_attachment: Option<AuthenticatorAttachment>,
    /// Discoverable-credential requirement.
    pub resident_key: Option<ResidentKeyRequirement>,
    /// Legacy form of `residentKey: required`.
    pub require_resident_key: Option<bool>,
    /// User-verification requirement.
    pub user_verification: Option<UserVerificationRequirement>,
}

/// Options for `navigator.credentials.create()` (`PublicKeyCredentialCreationOptionsJSON`; pass
/// it serialised to `PublicKeyCredential.parseCreationOptionsFromJSON`). Unknown members are
/// kept in `extra` and sent on to the browser.
#[dto(extra)]
pub struct PublicKeyCredentialCreationOptionsJson {
    /// The relying party.
    pub rp: PublicKeyCredentialRpEntity,
    /// The user.
    pub user: PublicKeyCredentialUserEntityJson,
    /// The challenge, base64url.
    pub challenge: String,
    /// Acceptable algorithms, most preferred first.
    pub pub_key_cred_params: Vec<PublicKeyCredentialParameters>,
    /// Timeout in milliseconds.
    pub timeout: Option<u64>,
    /// Credentials already registered (not to be registered twice).
    pub exclude_credentials: Option<Vec<PublicKeyCredentialDescriptorJson>>,
    /// Authenticator requirements.
    pub authenticator_selection: Option<AuthenticatorSelectionCriteria>,
    /// Attestation preference.
    pub attestation: Option<AttestationConveyancePreference>,
    /// Client extension inputs (free-form JSON object).
    pub extensions: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Options for `navigator.credentials.get()` (`PublicKeyCredentialRequestOptionsJSON`; pass it
/// serialised to `PublicKeyCredential.parseRequestOptionsFromJSON`). Unknown members are kept in
/// `extra` and sent on to the browser.
#[dto(extra)]
pub struct PublicKeyCredentialRequestOptionsJson {
    /// The challenge, base64url.
    pub challenge: String,
    /// Timeout in milliseconds.
    pub timeout: Option<u64>,
    /// Relying-party id, as at registration.
    pub rp_id: Option<String>,
    /// Credentials that may answer (absent: discoverable credentials).
    pub allow_credentials: Option<Vec<PublicKeyCredentialDescriptorJson>>,
    /// User-verification requirement.
    pub user_verification: Option<UserVerificationRequirement>,
    /// Client extension inputs (free-form JSON object).
    pub extensions: Option<serde_json::Map<String, serde_json::Value>>,
}
