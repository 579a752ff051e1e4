//! Message service endpoints not already in [`crate::Authentication`].

use crate::error::Result;
use crate::model::{PreCheckCodeDto, PreCheckCodeResult};
use crate::{genauth_api, genauth_endpoint};

/// Passcode checks (the docs' "Message Service" section; `send-sms` and `send-email` are on
/// [`crate::Authentication`]).
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Message {
    /// Check an SMS or email code without consuming it (`POST /api/v3/pre-check-code`).
    #[genauth_endpoint(path = "/api/v3/pre-check-code", method = POST)]
    async fn pre_check_code(&self, body: PreCheckCodeDto) -> Result<PreCheckCodeResult>;
}
