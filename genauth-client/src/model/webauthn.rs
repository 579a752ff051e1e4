//! WebAuthn (FIDO2) and passkey types.
//!
//! The options the server sends and the credentials the browser returns use the standard
//! WebAuthn JSON shapes (`PublicKeyCredentialCreationOptionsJSON`,
//! `PublicKeyCredentialRequestOptionsJSON`, `RegistrationResponseJSON`,
//! `AuthenticationResponseJSON` of WebAuthn Level 3), binary members as base64url `String`s, which
//! is also what the node SDK's DTOs and the recorded wire carry. One GenAuth difference:
//! `POST /api/v3/webauthn/registration` wants the credential's `transports` at the top level,
//! not inside `response` (see [`RegistrationResponseJson::with_top_level_transports`]).
//!
//! GenAuth's wrappers around them (`{registrationOptions, ticket}`, `{authenticationOptions,
//! ticket}`, `{verified, tokenSet}`) are those of the node SDK. The passkey endpoints the node SDK
//! types `any` get [`PasskeyCreationChallenge`] / [`PasskeyRequestChallenge`] (typed where the
//! Guard UI establishes the shape, the rest in `extra`) or raw JSON.

use serde::{Deserialize, Serialize};

use super::{LoginTokenSet, SignInScopeOptions};

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

open_enum! {
    /// `authenticatorCode` of `POST /api/v3/webauthn/registration`: what kind of verification the
    /// credential uses.
    pub enum AuthenticatorCode {
        /// Fingerprint.
        Fingerprint = "fingerprint",
        /// Face.
        Face = "face",
        /// Anything else (wire `other`).
        OtherKind = "other",
    }
}

/// `rp` of creation options (`PublicKeyCredentialRpEntity`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicKeyCredentialRpEntity {
    /// Relying-party id (a domain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Relying-party name.
    pub name: String,
}

/// `user` of creation options (`PublicKeyCredentialUserEntityJSON`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKeyCredentialUserEntityJson {
    /// User handle, base64url.
    pub id: String,
    /// User name.
    pub name: String,
    /// Display name.
    pub display_name: String,
}

/// An acceptable algorithm (`PublicKeyCredentialParameters`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicKeyCredentialParameters {
    /// `public-key`.
    #[serde(rename = "type")]
    pub credential_type: PublicKeyCredentialType,
    /// COSE algorithm identifier (`-7` ES256, `-257` RS256, …).
    pub alg: i64,
}

/// A credential to exclude or allow (`PublicKeyCredentialDescriptorJSON`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicKeyCredentialDescriptorJson {
    /// Credential id, base64url.
    pub id: String,
    /// `public-key`.
    #[serde(rename = "type")]
    pub credential_type: PublicKeyCredentialType,
    /// Transports the authenticator supports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transports: Option<Vec<AuthenticatorTransport>>,
}

/// `authenticatorSelection` of creation options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticatorSelectionCriteria {
    /// Platform or roaming authenticator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator_attachment: Option<AuthenticatorAttachment>,
    /// Discoverable-credential requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resident_key: Option<ResidentKeyRequirement>,
    /// Legacy form of `residentKey: required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_resident_key: Option<bool>,
    /// User-verification requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_verification: Option<UserVerificationRequirement>,
}

/// Options for `navigator.credentials.create()` (`PublicKeyCredentialCreationOptionsJSON`; pass
/// it serialised to `PublicKeyCredential.parseCreationOptionsFromJSON`). Unknown members are
/// kept in `extra` and sent on to the browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    /// Credentials already registered (not to be registered twice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_credentials: Option<Vec<PublicKeyCredentialDescriptorJson>>,
    /// Authenticator requirements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator_selection: Option<AuthenticatorSelectionCriteria>,
    /// Attestation preference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation: Option<AttestationConveyancePreference>,
    /// Client extension inputs (free-form JSON object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<serde_json::Map<String, serde_json::Value>>,
    /// Every other member the server sent (`hints`, …).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Options for `navigator.credentials.get()` (`PublicKeyCredentialRequestOptionsJSON`; pass it
/// serialised to `PublicKeyCredential.parseRequestOptionsFromJSON`). Unknown members are kept in
/// `extra` and sent on to the browser.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKeyCredentialRequestOptionsJson {
    /// The challenge, base64url.
    pub challenge: String,
    /// Timeout in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    /// Relying-party id, as at registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rp_id: Option<String>,
    /// Credentials that may answer (absent: discoverable credentials).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_credentials: Option<Vec<PublicKeyCredentialDescriptorJson>>,
    /// User-verification requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_verification: Option<UserVerificationRequirement>,
    /// Client extension inputs (free-form JSON object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<serde_json::Map<String, serde_json::Value>>,
    /// Every other member the server sent (`hints`, …).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `data` of `GET /api/v3/webauthn/registration` (node `RegistrationOptionsDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebAuthnRegistrationOptions {
    /// For `navigator.credentials.create()`.
    pub registration_options: PublicKeyCredentialCreationOptionsJson,
    /// Send it back with the credential.
    pub ticket: String,
}

/// `data` of `GET /api/v3/webauthn/authentication` (node `AuthenticationOptionsDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebAuthnAuthenticationOptions {
    /// For `navigator.credentials.get()`.
    pub authentication_options: PublicKeyCredentialRequestOptionsJson,
    /// Send it back with the assertion.
    pub ticket: String,
}

/// `response` of a new credential (`AuthenticatorAttestationResponseJSON`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticatorAttestationResponseJson {
    /// CBOR attestation object, base64url.
    pub attestation_object: String,
    /// Client data, base64url (wire `clientDataJSON`).
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    /// Authenticator data, base64url (Level 3; not in GenAuth's DTO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator_data: Option<String>,
    /// Transports, where the browser puts them (Level 3). GenAuth reads the top-level
    /// [`RegistrationResponseJson::transports`] instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transports: Option<Vec<AuthenticatorTransport>>,
    /// SPKI public key, base64url (Level 3; not in GenAuth's DTO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// COSE algorithm of `public_key` (Level 3; not in GenAuth's DTO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key_algorithm: Option<i64>,
}

/// A new credential as the browser returns it (`RegistrationResponseJSON`, i.e.
/// `credential.toJSON()` after `navigator.credentials.create()`), plus GenAuth's top-level
/// `transports` (node `RegistrationCredentialDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationResponseJson {
    /// Credential id, base64url.
    pub id: String,
    /// Raw credential id, base64url.
    pub raw_id: String,
    /// The authenticator's response.
    pub response: AuthenticatorAttestationResponseJson,
    /// Transports, where GenAuth reads them (top level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transports: Option<Vec<AuthenticatorTransport>>,
    /// `public-key`.
    #[serde(rename = "type")]
    pub credential_type: PublicKeyCredentialType,
    /// Platform or roaming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator_attachment: Option<AuthenticatorAttachment>,
    /// Client extension outputs (free-form JSON object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticatorAssertionResponseJson {
    /// Authenticator data, base64url.
    pub authenticator_data: String,
    /// Client data, base64url (wire `clientDataJSON`).
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    /// Signature, base64url.
    pub signature: String,
    /// User handle, base64url (always present for discoverable credentials).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_handle: Option<String>,
}

/// An assertion as the browser returns it (`AuthenticationResponseJSON`, i.e.
/// `credential.toJSON()` after `navigator.credentials.get()`; node
/// `AuthenticationCredentialDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator_attachment: Option<AuthenticatorAttachment>,
    /// Client extension outputs (free-form JSON object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_extension_results: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Body of `POST /api/v3/webauthn/registration` (node `VerifyRegistrationDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyRegistrationDto {
    /// From [`WebAuthnRegistrationOptions::ticket`].
    pub ticket: String,
    /// The new credential.
    pub registration_credential: RegistrationResponseJson,
    /// Kind of verification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator_code: Option<AuthenticatorCode>,
}

impl VerifyRegistrationDto {
    /// A body with no `authenticatorCode`.
    pub fn new(
        ticket: impl Into<String>,
        registration_credential: RegistrationResponseJson,
    ) -> Self {
        VerifyRegistrationDto {
            ticket: ticket.into(),
            registration_credential,
            authenticator_code: None,
        }
    }
}

/// `data` of `POST /api/v3/webauthn/registration` (node `VerifyRegistrationResultDto`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyRegistrationResult {
    /// Whether the credential was verified and bound.
    #[serde(default)]
    pub verified: bool,
}

/// Body of `POST /api/v3/webauthn/authentication` (node `VerifyAuthenticationDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyAuthenticationDto {
    /// From [`WebAuthnAuthenticationOptions::ticket`].
    pub ticket: String,
    /// The assertion.
    pub authentication_credential: AuthenticationResponseJson,
    /// Token options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<SignInScopeOptions>,
}

impl VerifyAuthenticationDto {
    /// A body with no options.
    pub fn new(
        ticket: impl Into<String>,
        authentication_credential: AuthenticationResponseJson,
    ) -> Self {
        VerifyAuthenticationDto {
            ticket: ticket.into(),
            authentication_credential,
            options: None,
        }
    }
}

/// `data` of `POST /api/v3/webauthn/authentication` (node `VerifyAuthenticationResultDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyAuthenticationResult {
    /// Whether the assertion was verified.
    #[serde(default)]
    pub verified: bool,
    /// The tokens, when verified (redacted in `Debug`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_set: Option<LoginTokenSet>,
}

/// A JSON object body whose fields are not documented: the node SDK declares DTOs with no fields
/// for the credential-device endpoints, and both SDKs send `{}` (the default); the passkey
/// finalize endpoints' bodies are not established at all (node sends none). Fields set here are
/// sent as given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WebAuthnRawBody {
    /// The body's members.
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// Body of the passkey rename endpoints (node `UpdatePasskeyDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdatePasskeyDto {
    /// The new display name.
    pub name: String,
}

/// Query of `GET /api/v3/webauthn/credentials` (node SDK only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyCredentialsQuery {
    /// Page number, from 1 (server default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size (server default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// Query of `GET /api/v3/webauthn/person/credentials` (node SDK only; wire order as node's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonCredentialsQuery {
    /// Page number, from 1 (server default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size (server default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Whose passkeys (required).
    pub user_id: String,
    /// Only those of this application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
}

impl PersonCredentialsQuery {
    /// `user_id`'s passkeys with server-default paging.
    pub fn new(user_id: impl Into<String>) -> Self {
        PersonCredentialsQuery {
            page: None,
            limit: None,
            user_id: user_id.into(),
            app_id: None,
        }
    }
}

/// `data` of the passkey "initialize" endpoints that start a `navigator.credentials.create()`
/// (node types them `any`). Authing Guard passes `mfa-bind/initialize`'s `data` to
/// `@github/webauthn-json`'s `create()`, i.e. a `CredentialCreationOptionsJSON`
/// (`{publicKey: …}`); for `registration/initialize` and `admin/initialize` the shape is not
/// established. Everything but `publicKey` and `ticket` is kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasskeyCreationChallenge {
    /// For `navigator.credentials.create({publicKey})`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<PublicKeyCredentialCreationOptionsJson>,
    /// A ticket to send back on finalize, if the server issues one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Every other member the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `data` of the passkey "initialize" endpoints that start a `navigator.credentials.get()`
/// (`login/initialize`, `mfa-verify/initialize`; node types them `any`). Authing Guard passes it
/// to `@github/webauthn-json`'s `get()` (a `CredentialRequestOptionsJSON`, `{publicKey: …}`) and
/// reads `ticket` from it. Everything else is kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasskeyRequestChallenge {
    /// For `navigator.credentials.get({publicKey})`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<PublicKeyCredentialRequestOptionsJson>,
    /// Send it back on finalize.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Every other member the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Body of `POST /api/v3/webauthn/login/finalize` (node `FinalizeWebAuthnLoginDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinalizeWebAuthnLoginDto {
    /// From [`PasskeyRequestChallenge::ticket`].
    pub ticket: String,
    /// The assertion.
    pub credential: AuthenticationResponseJson,
    /// Token options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<SignInScopeOptions>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_json_round_trips_and_transports_move_up() {
        let browser = r#"{"id":"Y3JlZA","rawId":"Y3JlZA","type":"public-key",
            "authenticatorAttachment":"platform","clientExtensionResults":{},
            "response":{"attestationObject":"o2Nm","clientDataJSON":"eyJ0",
                        "transports":["internal","hybrid"]}}"#;
        let c: RegistrationResponseJson = serde_json::from_str(browser).unwrap();
        let c = c.with_top_level_transports();
        assert_eq!(
            c.transports,
            Some(vec![
                AuthenticatorTransport::Internal,
                AuthenticatorTransport::Hybrid
            ])
        );
        let v = serde_json::to_value(VerifyRegistrationDto::new("t", c)).unwrap();
        assert_eq!(v["registrationCredential"]["transports"][0], "internal");
        assert_eq!(
            v["registrationCredential"]["response"]["clientDataJSON"],
            "eyJ0"
        );
        assert!(v.get("authenticatorCode").is_none());
    }

    #[test]
    fn raw_body_defaults_to_empty_object() {
        assert_eq!(
            serde_json::to_string(&WebAuthnRawBody::default()).unwrap(),
            "{}"
        );
    }
}
