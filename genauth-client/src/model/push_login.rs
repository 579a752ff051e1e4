//! Push login: the web side pushes a login request to the user's GenAuth authenticator APP,
//! polls it, and receives tokens once the user confirms on the APP.
//!
//! Request shapes are the recorded wire. Response shapes follow the node SDK's DTOs and are not
//! confirmed by a recording.

use serde::{Deserialize, Serialize};

use super::{LoginTokenSet, SignInScopeOptions};

/// Body of `POST /api/v3/signin-by-push` (node `SignInByPushDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SignInByPushDto {
    /// The account (username, phone or email) to push to.
    pub account: String,
    /// Token options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<SignInScopeOptions>,
}

impl SignInByPushDto {
    /// A body with no options.
    pub fn new(account: impl Into<String>) -> Self {
        SignInByPushDto {
            account: account.into(),
            options: None,
        }
    }
}

/// `data` of `signin-by-push` (node `GenePushCodeDataDto`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushCode {
    /// The push login's id, for polling.
    pub push_code_id: String,
    /// Seconds until it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushCodeStatusInfo {
    /// The status.
    pub status: PushCodeStatus,
    /// On `AUTHORIZED`: the tokens (redacted in `Debug`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangePushCodeStatusDto {
    /// The push login's id.
    pub push_code_id: String,
    /// What the APP user did.
    pub action: PushCodeAction,
}

/// Body of `POST /api/v3/get-pushlogin-relation-apps` (node `GetPushCodeRelationAppsDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetPushLoginRelationAppsDto {
    /// The application that started the push login.
    pub app_id: String,
    /// The push login's id.
    pub push_code_id: String,
}

/// `data` of `get-pushlogin-relation-apps` (node `GetPushCodeRelationAppsDataDto`). Others in
/// `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushLoginRelationApps {
    /// Client applications related to the one that started the push login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_ids: Option<Vec<String>>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
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
