//! Login, passcode and public-info endpoints of the Authentication API.

use crate::error::Result;
use crate::model::{LoginTokenSet, SendEmailDto, SendSmsDto, SignInByCredentialsDto, SystemInfo};
use crate::{genauth_api, genauth_endpoint};

/// The GenAuth Authentication API: one annotated line per endpoint.
///
/// [`crate::GenAuthClient`] implements it through the generated code; with the `mock` feature,
/// `MockAuthentication` (mockall) does too, so user code can be unit-tested with no HTTP:
///
/// ```
/// # extern crate genauth_client as genauth;
/// # #[cfg(feature = "mock")] {
/// use genauth::{AuthenticationExt, LoginTokenSet, MockAuthentication, Secret};
///
/// let mut mock = MockAuthentication::new();
/// mock.expect_sign_in_by_credentials().returning(|body| {
///     assert_eq!(body.password_payload.unwrap().account.as_deref(), Some("alice"));
///     Box::pin(async {
///         Ok(LoginTokenSet {
///             access_token: Some(Secret::new("at")),
///             id_token: None,
///             refresh_token: None,
///             token_type: "Bearer".into(),
///             expires_in: 60,
///             scope: None,
///         })
///     })
/// });
/// let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// let tokens = rt.block_on(mock.sign_in_by_account_password("alice", "pw", None)).unwrap();
/// assert_eq!(tokens.expires_in, 60);
/// # }
/// ```
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Authentication {
    /// Sign in with user credentials: password (account / username / email / phone), passcode,
    /// LDAP or AD (`POST /api/v3/signin`). Passwords are encrypted per `passwordEncryptType`.
    ///
    /// Prefer the wrappers in [`crate::AuthenticationExt`] for the common cases.
    #[genauth_endpoint(path = "/api/v3/signin", method = POST, auth = client,
        password = "passwordPayload.password", password = "ldapPayload.password",
        password = "adPayload.password", password_flag = "options.passwordEncryptType")]
    async fn sign_in_by_credentials(&self, body: SignInByCredentialsDto) -> Result<LoginTokenSet>;

    /// Send an SMS passcode (`POST /api/v3/send-sms`).
    #[genauth_endpoint(path = "/api/v3/send-sms", method = POST)]
    async fn send_sms(&self, body: SendSmsDto) -> Result<()>;

    /// Send an email passcode (`POST /api/v3/send-email`).
    #[genauth_endpoint(path = "/api/v3/send-email", method = POST)]
    async fn send_email(&self, body: SendEmailDto) -> Result<()>;

    /// Server public information, including the RSA and SM2 public keys (`GET /api/v3/system`;
    /// served bare, enveloped form accepted too).
    #[genauth_endpoint(path = "/api/v3/system", method = GET, response = either)]
    async fn get_system_info(&self) -> Result<SystemInfo>;
}
