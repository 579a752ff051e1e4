//! Passkey and credential-management endpoints: raw bodies, queries, and the challenges of the
//! passkey "initialize" endpoints.

use super::{
    AuthenticationResponseJson, PublicKeyCredentialCreationOptionsJson,
    PublicKeyCredentialRequestOptionsJson,
};
use crate::dto;
use crate::model::SignInScopeOptions;

/// A JSON object body whose fields are not documented: the node SDK declares DTOs with no fields
/// for the credential-device endpoints, and both SDKs send `{}` (the default); the passkey
/// finalize endpoints' bodies are not established at all (node sends none). Fields set here are
/// sent as given.
#[dto]
pub struct WebAuthnRawBody {
    /// The body's members.
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// Body of the passkey rename endpoints (node `UpdatePasskeyDto`).
#[dto]
pub struct UpdatePasskeyDto {
    /// The new display name.
    pub name: String,
}

/// Query of `GET /api/v3/webauthn/credentials` (node SDK only).
#[dto]
pub struct PasskeyCredentialsQuery {
    /// Page number, from 1 (server default 1).
    pub page: Option<u32>,
    /// Page size (server default 10).
    pub limit: Option<u32>,
}

/// Query of `GET /api/v3/webauthn/person/credentials` (node SDK only; wire order as node's).
#[dto]
pub struct PersonCredentialsQuery {
    /// Page number, from 1 (server default 1).
    pub page: Option<u32>,
    /// Page size (server default 10).
    pub limit: Option<u32>,
    /// Whose passkeys (required).
    pub user_id: String,
    /// Only those of this application.
    pub app_id: Option<String>,
}

/// `data` of the passkey "initialize" endpoints that start a `navigator.credentials.create()`
/// (node types them `any`). Authing Guard passes `mfa-bind/initialize`'s `data` to
/// `@github/webauthn-json`'s `create()`, i.e. a `CredentialCreationOptionsJSON`
/// (`{publicKey: …}`); for `registration/initialize` and `admin/initialize` the shape is not
/// established. Everything but `publicKey` and `ticket` is kept in `extra`.
#[dto(extra)]
pub struct PasskeyCreationChallenge {
    /// For `navigator.credentials.create({publicKey})`.
    pub public_key: Option<PublicKeyCredentialCreationOptionsJson>,
    /// A ticket to send back on finalize, if the server issues one.
    pub ticket: Option<String>,
}

/// `data` of the passkey "initialize" endpoints that start a `navigator.credentials.get()`
/// (`login/initialize`, `mfa-verify/initialize`; node types them `any`). Authing Guard passes it
/// to `@github/webauthn-json`'s `get()` (a `CredentialRequestOptionsJSON`, `{publicKey: …}`) and
/// reads `ticket` from it. Everything else is kept in `extra`.
#[dto(extra)]
pub struct PasskeyRequestChallenge {
    /// For `navigator.credentials.get({publicKey})`.
    pub public_key: Option<PublicKeyCredentialRequestOptionsJson>,
    /// Send it back on finalize.
    pub ticket: Option<String>,
}

/// Body of `POST /api/v3/webauthn/login/finalize` (node `FinalizeWebAuthnLoginDto`).
#[dto]
pub struct FinalizeWebAuthnLoginDto {
    /// From [`PasskeyRequestChallenge::ticket`].
    pub ticket: String,
    /// The assertion.
    pub credential: AuthenticationResponseJson,
    /// Token options.
    pub options: Option<SignInScopeOptions>,
}
