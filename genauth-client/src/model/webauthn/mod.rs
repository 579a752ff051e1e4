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
//!
//! - `options`: the standard creation and request options the server sends;
//! - `credential`: the standard credentials the browser returns;
//! - this module: GenAuth's wrappers of the `webauthn/registration` and
//!   `webauthn/authentication` endpoints;
//! - `passkey`: the passkey and credential-management endpoints' bodies and challenges.

mod credential;
mod options;
mod passkey;
#[cfg(test)]
mod tests;

use super::{LoginTokenSet, SignInScopeOptions};
use crate::dto;

pub use credential::*;
pub use options::*;
pub use passkey::*;

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

/// `data` of `GET /api/v3/webauthn/registration` (node `RegistrationOptionsDto`).
#[dto]
pub struct WebAuthnRegistrationOptions {
    /// For `navigator.credentials.create()`.
    pub registration_options: PublicKeyCredentialCreationOptionsJson,
    /// Send it back with the credential.
    pub ticket: String,
}

/// `data` of `GET /api/v3/webauthn/authentication` (node `AuthenticationOptionsDto`).
#[dto]
pub struct WebAuthnAuthenticationOptions {
    /// For `navigator.credentials.get()`.
    pub authentication_options: PublicKeyCredentialRequestOptionsJson,
    /// Send it back with the assertion.
    pub ticket: String,
}

/// Body of `POST /api/v3/webauthn/registration` (node `VerifyRegistrationDto`).
#[dto]
pub struct VerifyRegistrationDto {
    /// From [`WebAuthnRegistrationOptions::ticket`].
    pub ticket: String,
    /// The new credential.
    pub registration_credential: RegistrationResponseJson,
    /// Kind of verification.
    pub authenticator_code: Option<AuthenticatorCode>,
}

/// `data` of `POST /api/v3/webauthn/registration` (node `VerifyRegistrationResultDto`).
#[dto]
#[derive(Copy)]
pub struct VerifyRegistrationResult {
    /// Whether the credential was verified and bound.
    #[serde(default)]
    pub verified: bool,
}

/// Body of `POST /api/v3/webauthn/authentication` (node `VerifyAuthenticationDto`).
#[dto]
pub struct VerifyAuthenticationDto {
    /// From [`WebAuthnAuthenticationOptions::ticket`].
    pub ticket: String,
    /// The assertion.
    pub authentication_credential: AuthenticationResponseJson,
    /// Token options.
    pub options: Option<SignInScopeOptions>,
}

/// `data` of `POST /api/v3/webauthn/authentication` (node `VerifyAuthenticationResultDto`).
#[dto]
pub struct VerifyAuthenticationResult {
    /// Whether the assertion was verified.
    #[serde(default)]
    pub verified: bool,
    /// The tokens, when verified (redacted in `Debug`).
    pub token_set: Option<LoginTokenSet>,
}
