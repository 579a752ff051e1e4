//! WebAuthn (FIDO2) and passkeys (see the [`WebAuthn`] trait for the two-step flows).

use crate::error::Result;
use crate::model::{
    FinalizeWebAuthnLoginDto, IsSuccess, LoginTokenSet, Paginated, PasskeyCreationChallenge,
    PasskeyCredentialsQuery, PasskeyRequestChallenge, PersonCredentialsQuery, UpdatePasskeyDto,
    VerifyAuthenticationDto, VerifyAuthenticationResult, VerifyRegistrationDto,
    VerifyRegistrationResult, WebAuthnAuthenticationOptions, WebAuthnRawBody,
    WebAuthnRegistrationOptions,
};
use crate::{genauth_api, genauth_endpoint};

/// WebAuthn (FIDO2) and passkeys: binding an authenticator to the signed-in user, logging in
/// with it, and managing the bound credentials.
///
/// Both ceremonies are two steps around the browser (or platform authenticator): the server
/// issues options and a ticket, the authenticator produces a credential, the server verifies it
/// against the ticket.
///
/// ```no_run
/// # extern crate genauth_client as genauth;
/// use genauth::api::WebAuthn;
/// use genauth::{
///     AuthenticationResponseJson, ClientOptions, GenAuthClient,
///     PublicKeyCredentialCreationOptionsJson, PublicKeyCredentialRequestOptionsJson,
///     RegistrationResponseJson, VerifyAuthenticationDto, VerifyRegistrationDto,
/// };
///
/// // The browser step, shown as two functions: serialise the options to JSON, pass them to
/// // `navigator.credentials.create()` through `PublicKeyCredential.parseCreationOptionsFromJSON`
/// // (or `.get()` through `parseRequestOptionsFromJSON`), send back `credential.toJSON()`.
/// async fn browser_create(_: &PublicKeyCredentialCreationOptionsJson)
///     -> RegistrationResponseJson {
///     unimplemented!("hand the options to the front end, await its credential")
/// }
/// async fn browser_get(_: &PublicKeyCredentialRequestOptionsJson) -> AuthenticationResponseJson {
///     unimplemented!("hand the options to the front end, await its assertion")
/// }
///
/// # async fn run() -> genauth::Result<()> {
/// let client = GenAuthClient::new(ClientOptions::from_env()?)?;
///
/// // Registration, for the signed-in user: initialize → authenticator → finalize.
/// let user = client.with_user_token("USER_ACCESS_TOKEN");
/// let init = user.init_register_options().await?;
/// let credential = browser_create(&init.registration_options).await;
/// // Browsers put `transports` in `response`; GenAuth reads them at the top level.
/// let credential = credential.with_top_level_transports();
/// let bound = user
///     .verify_register(VerifyRegistrationDto {
///         ticket: init.ticket,
///         registration_credential: credential,
///         ..Default::default()
///     })
///     .await?;
/// assert!(bound.verified);
///
/// // Authentication, no user token needed: initialize → authenticator → finalize.
/// let init = client.init_authentication_options().await?;
/// let assertion = browser_get(&init.authentication_options).await;
/// let result = client
///     .verify_authentication(VerifyAuthenticationDto {
///         ticket: init.ticket,
///         authentication_credential: assertion,
///         ..Default::default()
///     })
///     .await?;
/// if let Some(tokens) = result.token_set {
///     println!("signed in, token expires in {} s", tokens.expires_in);
/// }
/// # Ok(()) }
/// ```
///
/// The passkey endpoints (`/login/*`, `/registration/*`, `/mfa-*`, `/admin/*`, `/credentials`)
/// follow the same initialize → authenticator → finalize pattern; they exist only in the node
/// SDK, which documents neither their replies nor most of their bodies.
///
/// WebAuthn authenticators and passkeys. Registration and authentication are each
/// initialize → authenticator → finalize: [`WebAuthn::init_register_options`] then
/// [`WebAuthn::verify_register`], [`WebAuthn::init_authentication_options`] then
/// [`WebAuthn::verify_authentication`] (example above).
///
/// Wire fixes relative to the official SDKs: every `{credentialId}`-style placeholder is
/// substituted (py, node and java send `/remove-credential/{credentialID}` and the node passkey
/// paths with the literal placeholder, ignoring the id argument).
///
/// Replies the node SDK types `any` and no other source establishes are returned as raw JSON
/// (`serde_json::Value`: the `data` of the envelope, whatever its shape).
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait WebAuthn {
    /// Authentication step 1: options for `navigator.credentials.get()` and a ticket
    /// (`GET /api/v3/webauthn/authentication`).
    #[genauth_endpoint(path = "/api/v3/webauthn/authentication", method = GET)]
    async fn init_authentication_options(&self) -> Result<WebAuthnAuthenticationOptions>;

    /// Authentication step 2: verify the assertion; tokens on success
    /// (`POST /api/v3/webauthn/authentication`).
    #[genauth_endpoint(path = "/api/v3/webauthn/authentication", method = POST)]
    async fn verify_authentication(
        &self,
        body: VerifyAuthenticationDto,
    ) -> Result<VerifyAuthenticationResult>;

    /// Registration step 1, signed-in user: options for `navigator.credentials.create()` and a
    /// ticket (`GET /api/v3/webauthn/registration`, user token).
    #[genauth_endpoint(path = "/api/v3/webauthn/registration", method = GET, auth = user)]
    async fn init_register_options(&self) -> Result<WebAuthnRegistrationOptions>;

    /// Registration step 2, signed-in user: verify and bind the new credential
    /// (`POST /api/v3/webauthn/registration`, user token).
    #[genauth_endpoint(path = "/api/v3/webauthn/registration", method = POST, auth = user)]
    async fn verify_register(
        &self,
        body: VerifyRegistrationDto,
    ) -> Result<VerifyRegistrationResult>;

    /// The user's authenticator devices, paged (`POST /api/v3/webauthn/page-authenticator-device`,
    /// user token; undocumented, auth not stated). Both SDKs send `{}`
    /// ([`WebAuthnRawBody::default`]); the items' shape is not established (node: `any`). Node
    /// types the reply without the envelope, so both forms are accepted.
    #[genauth_endpoint(path = "/api/v3/webauthn/page-authenticator-device", method = POST,
        auth = user, response = either)]
    async fn list_credentials_by_page(
        &self,
        body: WebAuthnRawBody,
    ) -> Result<Paginated<serde_json::Value>>;

    /// Which credential ids are still valid
    /// (`POST /api/v3/webauthn/check-valid-credentials-by-credIds`, user token; undocumented,
    /// auth not stated). Both SDKs send `{}`; the items' shape is not established (node:
    /// `Array<any>`).
    #[genauth_endpoint(path = "/api/v3/webauthn/check-valid-credentials-by-credIds", method = POST,
        auth = user)]
    async fn check_valid_credentials_by_cred_ids(
        &self,
        body: WebAuthnRawBody,
    ) -> Result<Vec<serde_json::Value>>;

    /// Remove all the user's credentials of an authenticator
    /// (`POST /api/v3/webauthn/remove-credentials-by-authenticator-code`, user token;
    /// undocumented). Both SDKs send `{}`.
    #[genauth_endpoint(path = "/api/v3/webauthn/remove-credentials-by-authenticator-code",
        method = POST, auth = user)]
    async fn remove_all_credentials(&self, body: WebAuthnRawBody) -> Result<IsSuccess>;

    /// Remove one credential (`POST /api/v3/webauthn/remove-credential/{credentialID}`, user
    /// token). The official SDKs send the literal `{credentialID}` (py takes no id at all); this
    /// substitutes the id, as they meant. Both send `{}` as the body.
    #[genauth_endpoint(path = "/api/v3/webauthn/remove-credential/{credential_id}", method = POST,
        auth = user)]
    async fn remove_credential(
        &self,
        credential_id: &str,
        body: WebAuthnRawBody,
    ) -> Result<IsSuccess>;

    /// Admin passkey registration step 1 (`POST /api/v3/webauthn/admin/initialize`, user token;
    /// node SDK only, undocumented; node sends no body). Reply shape not established.
    #[genauth_endpoint(path = "/api/v3/webauthn/admin/initialize", method = POST, auth = user)]
    async fn web_authn_admin_initialize(&self) -> Result<PasskeyCreationChallenge>;

    /// Admin passkey registration step 2
    /// (`POST /api/v3/webauthn/admin/registration/finalize`, user token; node SDK only,
    /// undocumented). Node sends no body, which cannot be what it meant; the body is not
    /// established, so it is raw JSON here. Reply shape not established.
    #[genauth_endpoint(path = "/api/v3/webauthn/admin/registration/finalize", method = POST,
        auth = user)]
    async fn web_authn_admin_register_finalize(
        &self,
        body: WebAuthnRawBody,
    ) -> Result<serde_json::Value>;

    /// Rename a passkey as an administrator
    /// (`PUT /api/v3/webauthn/admin/credentials/{credentialId}`, user token; node SDK only).
    /// Node sends the literal `{credentialId}`; this substitutes the id, as it meant. Reply shape
    /// not established.
    #[genauth_endpoint(path = "/api/v3/webauthn/admin/credentials/{credential_id}", method = PUT,
        auth = user)]
    async fn update_web_authn_admin_credential(
        &self,
        credential_id: &str,
        body: UpdatePasskeyDto,
    ) -> Result<serde_json::Value>;

    /// Delete a user's passkey as an administrator
    /// (`DELETE /api/v3/webauthn/admin/credentials/{credentialId}/{userId}/{appId}`, user token;
    /// node SDK only). Node sends the literal placeholders; this substitutes them, as it meant.
    /// Reply shape not established.
    #[genauth_endpoint(
        path = "/api/v3/webauthn/admin/credentials/{credential_id}/{user_id}/{app_id}",
        method = DELETE, auth = user)]
    async fn delete_web_authn_admin_credential(
        &self,
        credential_id: &str,
        user_id: &str,
        app_id: &str,
    ) -> Result<serde_json::Value>;

    /// A user's passkeys, paged (`GET /api/v3/webauthn/person/credentials`, user token; node SDK
    /// only, undocumented). Reply shape not established.
    #[genauth_endpoint(path = "/api/v3/webauthn/person/credentials", method = GET, auth = user)]
    async fn list_web_authn_person_credentials(
        &self,
        #[query] query: PersonCredentialsQuery,
    ) -> Result<serde_json::Value>;

    /// Passkey login step 1: request options and a ticket
    /// (`POST /api/v3/webauthn/login/initialize`; node SDK only, which sends no body).
    #[genauth_endpoint(path = "/api/v3/webauthn/login/initialize", method = POST)]
    async fn web_authn_login_initialize(&self) -> Result<PasskeyRequestChallenge>;

    /// Passkey login step 2: verify the assertion and get tokens
    /// (`POST /api/v3/webauthn/login/finalize`; node SDK only). Node types the reply `any`;
    /// Authing Guard reads the `data` as the token set.
    #[genauth_endpoint(path = "/api/v3/webauthn/login/finalize", method = POST)]
    async fn web_authn_login_finalize(
        &self,
        body: FinalizeWebAuthnLoginDto,
    ) -> Result<LoginTokenSet>;

    /// Passkey binding step 1, signed-in user
    /// (`POST /api/v3/webauthn/registration/initialize`, user token; node SDK only, which sends
    /// no body). Reply shape not established.
    #[genauth_endpoint(path = "/api/v3/webauthn/registration/initialize", method = POST,
        auth = user)]
    async fn web_authn_register_initialize(&self) -> Result<PasskeyCreationChallenge>;

    /// Passkey binding during MFA (`POST /api/v3/webauthn/mfa-bind/initialize`, user token; node
    /// SDK only, which sends no body). Authing Guard sends the MFA token as the bearer token here.
    #[genauth_endpoint(path = "/api/v3/webauthn/mfa-bind/initialize", method = POST, auth = user)]
    async fn web_authn_mfa_bind_initialize(&self) -> Result<PasskeyCreationChallenge>;

    /// Passkey verification during MFA (`POST /api/v3/webauthn/mfa-verify/initialize`; node SDK
    /// only, which sends no body; auth not documented).
    #[genauth_endpoint(path = "/api/v3/webauthn/mfa-verify/initialize", method = POST)]
    async fn web_authn_mfa_verify_initialize(&self) -> Result<PasskeyRequestChallenge>;

    /// Passkey binding step 2, signed-in user
    /// (`POST /api/v3/webauthn/registration/finalize`, user token; node SDK only). Node sends no
    /// body, which cannot be what it meant; the body is not established, so it is raw JSON here.
    /// Reply shape not established.
    #[genauth_endpoint(path = "/api/v3/webauthn/registration/finalize", method = POST,
        auth = user)]
    async fn web_authn_register_finalize(&self, body: WebAuthnRawBody)
    -> Result<serde_json::Value>;

    /// The signed-in user's passkeys, paged (`GET /api/v3/webauthn/credentials`, user token;
    /// node SDK only). Reply shape not established.
    #[genauth_endpoint(path = "/api/v3/webauthn/credentials", method = GET, auth = user)]
    async fn list_web_authn_credentials(
        &self,
        #[query] query: PasskeyCredentialsQuery,
    ) -> Result<serde_json::Value>;

    /// Rename one of the signed-in user's passkeys
    /// (`PUT /api/v3/webauthn/credentials/{credentialId}`, user token; node SDK only). Node sends
    /// the literal `{credentialId}`; this substitutes the id, as it meant.
    #[genauth_endpoint(path = "/api/v3/webauthn/credentials/{credential_id}", method = PUT,
        auth = user)]
    async fn update_web_authn_credential(
        &self,
        credential_id: &str,
        body: UpdatePasskeyDto,
    ) -> Result<IsSuccess>;

    /// Delete one of the signed-in user's passkeys
    /// (`DELETE /api/v3/webauthn/credentials/{credentialId}`, user token; node SDK only). Node
    /// sends the literal `{credentialId}`; this substitutes the id, as it meant. Reply shape not
    /// established.
    #[genauth_endpoint(path = "/api/v3/webauthn/credentials/{credential_id}", method = DELETE,
        auth = user)]
    async fn delete_web_authn_credential(&self, credential_id: &str) -> Result<serde_json::Value>;
}
