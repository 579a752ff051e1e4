//! The signed-in user's self-service endpoints: profile, email/phone binding and change,
//! account deletion, security info, devices and switchable public accounts.

use crate::error::Result;
use crate::model::{
    BindEmailDto, BindPhoneDto, DeleteAccountDto, DeviceIdDto, GetProfileQuery, IsSuccess,
    SecurityInfo, SwitchableAccounts, TerminalSession, UnbindEmailDto, UnbindPhoneDto,
    UpdateEmailDto, UpdateEmailToken, UpdatePhoneDto, UpdatePhoneToken, UpdateProfileDto,
    UserProfile, VerifyUpdateEmailRequestDto, VerifyUpdatePhoneRequestDto,
};
use crate::{genauth_api, genauth_endpoint};

/// The signed-in user's own account (the docs' "User Profile" section). Every endpoint needs
/// the user's access token on the client.
///
/// Changing the email (or phone) is two calls: [`Profile::verify_update_email_request`] with the
/// codes sent by `send-email` (`CHANNEL_UPDATE_EMAIL`) returns a token, which
/// [`Profile::update_email`] spends. Deleting the account likewise spends the token of
/// [`crate::Account::verify_delete_account_request`] in [`Profile::delete_account`].
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Profile {
    /// The user's profile (`GET /api/v3/get-profile`, user token). Only the flags set in
    /// `query` are sent, as lowercase `true`/`false` (py sends `True`/`False`; node always
    /// sends all three, defaulting to `false`, which is also the server's default).
    #[genauth_endpoint(path = "/api/v3/get-profile", method = GET, auth = user)]
    async fn get_profile(&self, #[query] query: GetProfileQuery) -> Result<UserProfile>;

    /// Update profile fields; only the fields set are sent (`POST /api/v3/update-profile`,
    /// user token).
    #[genauth_endpoint(path = "/api/v3/update-profile", method = POST, auth = user)]
    async fn update_profile(&self, body: UpdateProfileDto) -> Result<UserProfile>;

    /// Bind an email with a code sent to it (`POST /api/v3/bind-email`, user token).
    #[genauth_endpoint(path = "/api/v3/bind-email", method = POST, auth = user)]
    async fn bind_email(&self, body: BindEmailDto) -> Result<()>;

    /// Unbind the email with a code sent to it (`POST /api/v3/unbind-email`, user token).
    #[genauth_endpoint(path = "/api/v3/unbind-email", method = POST, auth = user)]
    async fn unbind_email(&self, body: UnbindEmailDto) -> Result<()>;

    /// Bind a phone with a code sent to it (`POST /api/v3/bind-phone`, user token).
    #[genauth_endpoint(path = "/api/v3/bind-phone", method = POST, auth = user)]
    async fn bind_phone(&self, body: BindPhoneDto) -> Result<()>;

    /// Unbind the phone with a code sent to it (`POST /api/v3/unbind-phone`, user token).
    #[genauth_endpoint(path = "/api/v3/unbind-phone", method = POST, auth = user)]
    async fn unbind_phone(&self, body: UnbindPhoneDto) -> Result<()>;

    /// Verify the codes for an email change and get an update token
    /// (`POST /api/v3/verify-update-email-request`, user token).
    #[genauth_endpoint(path = "/api/v3/verify-update-email-request", method = POST, auth = user)]
    async fn verify_update_email_request(
        &self,
        body: VerifyUpdateEmailRequestDto,
    ) -> Result<UpdateEmailToken>;

    /// Change the email with the token of `verify-update-email-request`
    /// (`POST /api/v3/update-email`, user token).
    #[genauth_endpoint(path = "/api/v3/update-email", method = POST, auth = user)]
    async fn update_email(&self, body: UpdateEmailDto) -> Result<IsSuccess>;

    /// Verify the codes for a phone change and get an update token
    /// (`POST /api/v3/verify-update-phone-request`, user token).
    #[genauth_endpoint(path = "/api/v3/verify-update-phone-request", method = POST, auth = user)]
    async fn verify_update_phone_request(
        &self,
        body: VerifyUpdatePhoneRequestDto,
    ) -> Result<UpdatePhoneToken>;

    /// Change the phone with the token of `verify-update-phone-request`
    /// (`POST /api/v3/update-phone`, user token).
    #[genauth_endpoint(path = "/api/v3/update-phone", method = POST, auth = user)]
    async fn update_phone(&self, body: UpdatePhoneDto) -> Result<IsSuccess>;

    /// Delete the account with the token of `verify-delete-account-request`
    /// (`POST /api/v3/delete-account`, user token).
    #[genauth_endpoint(path = "/api/v3/delete-account", method = POST, auth = user)]
    async fn delete_account(&self, body: DeleteAccountDto) -> Result<IsSuccess>;

    /// Password strength, bound email/phone/MFA and the account's security score
    /// (`GET /api/v3/get-security-info`, user token; the SDKs' `get_security_level`).
    #[genauth_endpoint(path = "/api/v3/get-security-info", method = GET, auth = user)]
    async fn get_security_info(&self) -> Result<SecurityInfo>;

    /// The user's devices and their sessions (`GET /api/v3/mydevices/list?page=&limit=`, user
    /// token). Absent paging parameters are omitted (node fills `page=1&limit=10`).
    #[genauth_endpoint(path = "/api/v3/mydevices/list", method = GET, auth = user)]
    async fn list_devices(
        &self,
        #[query = "page"] page: Option<u32>,
        #[query = "limit"] limit: Option<u32>,
    ) -> Result<Vec<TerminalSession>>;

    /// Sign a device out (`POST /api/v3/mydevices/revoke-session`, user token).
    #[genauth_endpoint(path = "/api/v3/mydevices/revoke-session", method = POST, auth = user)]
    async fn revoke_device_session(&self, body: DeviceIdDto) -> Result<()>;

    /// Remove a device from the user's devices (`POST /api/v3/mydevices/unbind`, user token).
    #[genauth_endpoint(path = "/api/v3/mydevices/unbind", method = POST, auth = user)]
    async fn unbind_device(&self, body: DeviceIdDto) -> Result<()>;

    /// Public accounts the user may switch to
    /// (`GET /api/v3/get-user-select-login-public-accounts?withOriginUser=`, user token; the
    /// SDKs' `list_public_accounts_for_switch_logged_in`). `with_origin_user` is sent as
    /// lowercase `true`/`false` (py sends `True`/`False`), and omitted when `None` (node sends
    /// `false`).
    #[genauth_endpoint(path = "/api/v3/get-user-select-login-public-accounts", method = GET,
        auth = user)]
    async fn list_public_accounts_for_switch_logged_in(
        &self,
        #[query = "withOriginUser"] with_origin_user: Option<bool>,
    ) -> Result<Vec<SwitchableAccounts>>;
}
