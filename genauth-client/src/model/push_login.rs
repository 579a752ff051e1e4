//! Push login: the web side pushes a login request to the user's GenAuth authenticator APP,
//! polls it, and receives tokens once the user confirms on the APP.
//!
//! Request shapes are the recorded wire. Response shapes follow the node SDK's DTOs and are not
//! confirmed by a recording.

use super::{LoginTokenSet, SignInScopeOptions};
use crate::dto;

/// Body of `POST /api/v3/signin-by-push` (node `SignInByPushDto`).
#[dto]
pub struct SignInByPushDto {
    /// The account (username, phone or email) to push to.
    pub account: String,
    /// Token options.
    pub options: Option<SignInScopeOptions>,
}

/// `data` of `signin-by-push` (node `GenePushCodeDataDto`).
#[dto]
pub struct PushCode {
    /// The push login's id, for polling.
    pub push_code_id: String,
    /// Seconds until it expires.
    pub expire_time: Option<u64>,
}

open_enum! {
    /// A push code's status.
    pub enum PushCodeStatus {
        /// Pushed, waiting for the user on the APP.
        Pushed = "PUSHED",
        /// Confirmed: `tokenSet` is available. Terminal.
        Authorized = "AUTHORIZED",
        /// The user declined. Terminal.
        Cancelled = "CANCELLED",
        /// The push expired. Terminal.
        Expired = "EXPIRED",
        /// Unknown server-side error. Terminal.
        Error = "ERROR",
    }
}

impl PushCodeStatus {
    /// Whether polling should stop: `AUTHORIZED`, `CANCELLED`, `EXPIRED` or `ERROR` (an unknown
    /// value is not terminal).
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            PushCodeStatus::Authorized
                | PushCodeStatus::Cancelled
                | PushCodeStatus::Expired
                | PushCodeStatus::Error
        )
    }
}

/// `data` of `GET /api/v3/check-pushcode-status` (node `CheckPushCodeStatusDataDto`).
#[dto]
pub struct PushCodeStatusInfo {
    /// The status.
    pub status: PushCodeStatus,
    /// On `AUTHORIZED`: the tokens (redacted in `Debug`).
    pub token_set: Option<LoginTokenSet>,
}

open_enum! {
    /// `action` of `change-pushcode-status` / `set-pushcode-status`.
    pub enum PushCodeAction {
        /// The user confirmed on the APP.
        Confirm = "CONFIRM",
        /// The user declined.
        Cancel = "CANCEL",
    }
}

/// Body of `change-pushcode-status` / `set-pushcode-status` (node `ChangePushCodeStatusDto`).
#[dto]
pub struct ChangePushCodeStatusDto {
    /// The push login's id.
    pub push_code_id: String,
    /// What the APP user did.
    pub action: PushCodeAction,
}

/// Body of `POST /api/v3/get-pushlogin-relation-apps` (node `GetPushCodeRelationAppsDto`).
#[dto]
pub struct GetPushLoginRelationAppsDto {
    /// The application that started the push login.
    pub app_id: String,
    /// The push login's id.
    pub push_code_id: String,
}

/// `data` of `get-pushlogin-relation-apps` (node `GetPushCodeRelationAppsDataDto`). Others in
/// `extra`.
#[dto(extra)]
pub struct PushLoginRelationApps {
    /// Client applications related to the one that started the push login.
    pub app_ids: Option<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_status_is_kept_and_not_terminal() {
        let s: PushCodeStatusInfo = serde_json::from_str(r#"{"status":"SCANNED"}"#).unwrap();
        assert_eq!(s.status, PushCodeStatus::Other("SCANNED".into()));
        assert!(!s.status.is_terminal());
        let s: PushCodeStatusInfo = serde_json::from_str(
            r#"{"status":"AUTHORIZED","tokenSet":{"access_token":"AT-9","expire_in":60}}"#,
        )
        .unwrap();
        assert!(s.status.is_terminal());
        assert!(!format!("{s:?}").contains("AT-9"));
    }
}
