//! Password validation and user-event publishing.

use crate::error::Result;
use crate::model::{PasswordValidation, PutEventDto, ValidatePasswordDto};
use crate::{genauth_api, genauth_endpoint};

/// Two stand-alone user-side calls from the docs' "Others" section: check a user's password
/// without signing in, and publish a custom user event to the event center (subscribing is a
/// websocket, `GET /events/v1/authentication/sub`, not declared here).
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait UserUtilities {
    /// Check whether a password is a user's (`POST /api/v3/validate-password`; node SDK only,
    /// its auth requirement is not documented). The password is encrypted per
    /// `passwordEncryptType`, like sign-in.
    #[genauth_endpoint(path = "/api/v3/validate-password", method = POST,
        password = "password", password_flag = "passwordEncryptType")]
    async fn validate_password(&self, body: ValidatePasswordDto) -> Result<PasswordValidation>;

    /// Publish a user event (`POST /api/v3/pub-userEvent`, user token; py's `put_event`, node's
    /// `pub`). Build the body with [`PutEventDto::new`]: `eventData` goes out as a JSON string,
    /// as both SDKs send it.
    #[genauth_endpoint(path = "/api/v3/pub-userEvent", method = POST, auth = user)]
    async fn put_event(&self, body: PutEventDto) -> Result<()>;
}
