//! Account endpoints that carry passwords: sign-up, password update and reset, account deletion.

use crate::error::Result;
use crate::model::{
    DeleteAccountToken, IsSuccess, PasswordResetToken, ResetPasswordDto, SignUpDto,
    UpdatePasswordDto, UserInfo, VerifyDeleteAccountRequestDto, VerifyResetPasswordRequestDto,
};
use crate::{genauth_api, genauth_endpoint};

/// Registration and password management. Every password field is encrypted per
/// `passwordEncryptType` (per call, else the client default), like sign-in.
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Account {
    /// Register a user with a password or a passcode (`POST /api/v3/signup`).
    #[genauth_endpoint(path = "/api/v3/signup", method = POST,
        password = "passwordPayload.password", password_flag = "options.passwordEncryptType")]
    async fn sign_up(&self, body: SignUpDto) -> Result<UserInfo>;

    /// Change the signed-in user's password (`POST /api/v3/update-password`, user token).
    #[genauth_endpoint(path = "/api/v3/update-password", method = POST, auth = user,
        password = "newPassword", password = "oldPassword", password_flag = "passwordEncryptType")]
    async fn update_password(&self, body: UpdatePasswordDto) -> Result<()>;

    /// Prove control of an email or phone to get a password-reset token
    /// (`POST /api/v3/verify-reset-password-request`).
    #[genauth_endpoint(path = "/api/v3/verify-reset-password-request", method = POST)]
    async fn verify_reset_password_request(
        &self,
        body: VerifyResetPasswordRequestDto,
    ) -> Result<PasswordResetToken>;

    /// Set a new password with a reset token (`POST /api/v3/reset-password`).
    #[genauth_endpoint(path = "/api/v3/reset-password", method = POST,
        password = "password", password_flag = "passwordEncryptType")]
    async fn reset_password(&self, body: ResetPasswordDto) -> Result<IsSuccess>;

    /// Verify the signed-in user before deleting the account
    /// (`POST /api/v3/verify-delete-account-request`, user token).
    #[genauth_endpoint(path = "/api/v3/verify-delete-account-request", method = POST, auth = user,
        password = "passwordPayload.password", password_flag = "passwordPayload.passwordEncryptType")]
    async fn verify_delete_account_request(
        &self,
        body: VerifyDeleteAccountRequestDto,
    ) -> Result<DeleteAccountToken>;
}
